#!/usr/bin/env bash
# The main job on the embedded default (SQLite under ./.cecintake): generate a season of
# sample uploads, import the roster and the register, run the bulk intake, print the
# summary and write the export to export.jsonl. Safe to run again (nothing is doubled).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
export PATH="$PWD/.venv/bin:$PATH"
if [ ! -f samples/MANIFEST.csv ]; then
  python -m fixtures.generate samples --count 60 --seed 2026 --renders digital,scan,photo --with-csvs
fi
cecintake certificants import samples/ROSTER.csv
cecintake registry import samples/OFFERINGS.csv
cecintake ingest --manifest samples/MANIFEST.csv
cecintake export --format jsonl --output export.jsonl
echo "export: $(wc -l < export.jsonl) records in export.jsonl"
