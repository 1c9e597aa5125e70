#!/usr/bin/env bash
# Installs Careline and runs every check CI runs: lint, content governance, the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
# The browser tests drive Debian's chromium (never `playwright install`, which downloads from elsewhere).
# CI runs as root and installs it when missing; elsewhere those tests skip without it.
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = "0" ] && command -v apt-get > /dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null
fi
# The Postgres tests start a throwaway server from Debian's postgresql; CI installs it when missing and then
# requires those tests to run (elsewhere they skip without it).
if ! ls /usr/lib/postgresql/*/bin/initdb > /dev/null 2>&1 && ! command -v initdb > /dev/null \
        && [ "$(id -u)" = "0" ] && command -v apt-get > /dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql > /dev/null
fi
if [ "$(id -u)" = "0" ]; then export CARELINE_TEST_REQUIRE_POSTGRES=1; fi
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
.venv/bin/ruff check src tests evals benchmarks
.venv/bin/careline content check > /dev/null
.venv/bin/python -m pytest -q --timeout 600 "$@"
