#!/usr/bin/env bash
# Create .venv (if missing) and install sovkg with its test extra. Used by the README's commands and CI.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# An old pip misses extras that trafilatura's dependencies need (lxml[html_clean]).
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test]"
