#!/usr/bin/env bash
# Create .venv (if missing) and install sovkg. With --test, also the test extra and the Debian packages
# the tests use (scripts/debian-packages.txt). Used by the README's two commands and CI.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
extra=""
[ "${1:-}" = "--test" ] && extra="[test]"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# An old pip misses extras that trafilatura's dependencies need (lxml[html_clean]).
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".${extra}"
if [ -n "$extra" ]; then
  scripts/system-packages.sh
fi
