#!/usr/bin/env bash
# Install everything cecintake needs on a fresh Debian machine (run as root), idempotently:
# system packages through apt (Tesseract with English and orientation data, poppler;
# Chromium for the browser tests when --with-browser; OCRmyPDF, the benchmark's point of
# comparison, when --with-bench), a virtual environment in .venv,
# and the package with its test extras. A second run only checks, and takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

with_browser=0
with_bench=0
for arg in "$@"; do
  case "$arg" in
    --with-browser) with_browser=1 ;;
    --with-bench) with_bench=1 ;;
    *) echo "usage: scripts/install.sh [--with-browser] [--with-bench]" >&2; exit 2 ;;
  esac
done

need=()
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
[ -e /usr/share/tesseract-ocr/5/tessdata/eng.traineddata ] || ls /usr/share/tesseract-ocr/*/tessdata/eng.traineddata >/dev/null 2>&1 || need+=(tesseract-ocr-eng)
ls /usr/share/tesseract-ocr/*/tessdata/osd.traineddata >/dev/null 2>&1 || need+=(tesseract-ocr-osd)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
if [ "$with_browser" = 1 ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
fi
if [ "$with_bench" = 1 ]; then
  command -v ocrmypdf >/dev/null 2>&1 || need+=(ocrmypdf)
fi
if [ "${#need[@]}" -gt 0 ]; then
  echo "installing system packages: ${need[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.cecintake-installed
want=$(cat pyproject.toml setup.py | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] || ! .venv/bin/python -c "import cecintake.cli" 2>/dev/null; then
  echo "installing the cecintake package into .venv"
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e ".[test]"
  echo "$want" > "$stamp"
fi
echo "installed: $(.venv/bin/cecintake --version 2>/dev/null || echo cecintake) with $(tesseract --version 2>&1 | head -1)"
