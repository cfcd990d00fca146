#!/usr/bin/env bash
# Set up, then run the main job on the embedded default: create the archive in ./data,
# ingest the sample gazette shipped in samples/, and serve the site on http://127.0.0.1:8000/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/gongbao demo --data data "$@"
