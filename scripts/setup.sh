#!/usr/bin/env bash
# Create the project's virtual environment (.venv) and install gongbao into it.
#   scripts/setup.sh        runtime dependencies only (what the demo needs)
#   scripts/setup.sh --dev  plus the test tools (pytest, ruff, jsonschema, playwright)
# Idempotent: a second run only checks that everything is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "gongbao needs Python 3.11 or newer (found: $("$PY" --version 2>&1))" >&2
    exit 1
fi
if [ ! -x .venv/bin/python ]; then
    "$PY" -m venv .venv
fi
target="."
[ "${1:-}" = "--dev" ] && target=".[dev]"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$target"
