"""Default limits of `sovkg serve`, apart from the service itself so that the command line can show
them without importing the web stack (about a second on every `sovkg` call)."""

DEFAULT_TIMEOUT_S = 30
DEFAULT_MAX_RESULT_BYTES = 64 * 1024 * 1024
