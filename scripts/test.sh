#!/usr/bin/env bash
# Install everything (including Chromium for the browser tests) and run the test suite
# against SQLite and the PostgreSQL on 127.0.0.1:5432 (its cases skip, saying why, when
# it does not answer).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --with-browser
export PREFECT_HOME="$PWD/.cecintake/test-prefect"
exec .venv/bin/python -m pytest "$@"
