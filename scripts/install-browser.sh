#!/usr/bin/env bash
# Debian's Chromium for the end-to-end tests (Playwright drives it via executable_path; no
# browser download). Skipped when GONGBAO_SKIP_BROWSER=1 or when Chromium is already there.
set -euo pipefail
[ "${GONGBAO_SKIP_BROWSER:-0}" = "1" ] && exit 0
command -v chromium >/dev/null 2>&1 && exit 0
if [ "$(id -u)" -ne 0 ]; then
    echo "Chromium is missing: run 'sudo apt-get install chromium' or set GONGBAO_SKIP_BROWSER=1" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
