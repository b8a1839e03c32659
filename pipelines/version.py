"""The pipeline version recorded in provenance (PROV-O activity and software agent)."""

from importlib.metadata import PackageNotFoundError, version

try:
    VERSION = version("sovkg")
except PackageNotFoundError:  # running from a source tree that was not installed
    VERSION = "0.0.0+source"
