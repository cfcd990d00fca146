#!/usr/bin/env bash
# Set up and run the whole test suite: lint, then pytest (unit, archive, and end-to-end in
# headless Chromium) on the embedded SQLite archive, then every test that touches the archive
# again on PostgreSQL (a throwaway server, installed from Debian and started here, stopped at
# the end). Extra arguments go to both pytest runs. GONGBAO_TEST_BACKENDS=sqlite skips the
# PostgreSQL pass.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
bash scripts/install-browser.sh
.venv/bin/ruff check gongbao tests benchmarks
backends="${GONGBAO_TEST_BACKENDS:-sqlite postgresql}"
if [[ " $backends " == *" sqlite "* ]]; then
    echo "== tests on SQLite (embedded default)"
    .venv/bin/python -m pytest "$@"
fi
if [[ " $backends " == *" postgresql "* ]]; then
    pgdir="$(mktemp -d /tmp/gongbao-pg-XXXXXX)"
    trap 'bash scripts/postgres.sh stop "$pgdir"; rm -rf "$pgdir"' EXIT
    server="$(bash scripts/postgres.sh start "$pgdir")"
    echo "== archive tests on PostgreSQL ($server)"
    GONGBAO_TEST_POSTGRES="$server" .venv/bin/python -m pytest -m "django_archive or browser" "$@"
fi
