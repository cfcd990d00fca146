#!/usr/bin/env bash
# Set up and run the whole test suite: lint, then pytest (unit, archive, and end-to-end in
# headless Chromium). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
bash scripts/install-browser.sh
.venv/bin/ruff check gongbao tests benchmarks
.venv/bin/python -m pytest "$@"
