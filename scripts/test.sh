#!/usr/bin/env bash
# Installs Careline and runs every check CI runs: lint, content governance, the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
.venv/bin/ruff check src tests evals benchmarks
.venv/bin/careline content check > /dev/null
.venv/bin/python -m pytest -q --timeout 600 "$@"
