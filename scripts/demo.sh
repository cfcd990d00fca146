#!/usr/bin/env bash
# Set up and run the main job on the sample gazette shipped with the project:
# parse it, write its JSON to data/, and print a readable summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p data
.venv/bin/gongbao parse samples/jiaocheng-gazette-2024-03.txt > data/jiaocheng-gazette-2024-03.json
.venv/bin/gongbao parse samples/jiaocheng-gazette-2024-03.txt --format text
echo "JSON written to data/jiaocheng-gazette-2024-03.json"
