"""Analyst curation: the curation file (model) and its application to each build (apply)."""

from pipelines.curate.apply import CURATION_KEY, CurationReport, Curator
from pipelines.curate.model import CurationError, CurationFile, Decision, load_curation, save_curation

__all__ = [
    "CURATION_KEY",
    "CurationError",
    "CurationFile",
    "CurationReport",
    "Curator",
    "Decision",
    "load_curation",
    "save_curation",
]
