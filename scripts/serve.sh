#!/usr/bin/env bash
# Installs Careline and starts it on the embedded defaults (SQLite + local Chroma under ./.careline);
# the first start ingests the bundled knowledge/ library. Extra arguments go to `careline serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec .venv/bin/careline serve "$@"
