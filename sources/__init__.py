"""Where documents come from and how each kind is read: discovery, decoding and parsing."""

from pathlib import Path

SOURCES_DIR = Path(__file__).resolve().parent
SAMPLES_DIR = SOURCES_DIR / "samples"
