"""The lean glyph list (``page_chars``) is pdfplumber's ``Page.chars`` on the keys reading uses."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pdfplumber
import pytest

from cecintake.extractors.reading.chars import page_chars

from . import make

KEYS = ("text", "x0", "x1", "top", "bottom", "doctop", "upright", "size")
REALWORLD = Path(os.environ.get("CEC_REALWORLD", Path(__file__).resolve().parents[4] / "shared" / "realworld"))


def _both(data: bytes) -> tuple[list[list[dict]], list[list[dict]]]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        plumber = [[{k: c[k] for k in KEYS} for c in p.chars] for p in pdf.pages]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        lean = [[{k: c[k] for k in KEYS} for c in page_chars(p)] for p in pdf.pages]  # and "slanted", our own
    return plumber, lean


def test_lean_chars_equal_pdfplumbers_on_a_generated_certificate(cert_pdf):
    plumber, lean = _both(cert_pdf)
    assert plumber[0] and lean == plumber


def test_lean_chars_equal_pdfplumbers_on_every_generated_kind(tmp_path):
    from fixtures.generate import generate

    samples = generate(tmp_path, count=24, seed=31, renders=("digital",))
    pdfs = [Path(s.path) for s in samples if Path(s.path).suffix == ".pdf"]
    assert len(pdfs) >= 20
    for pdf in pdfs:
        plumber, lean = _both(pdf.read_bytes())
        assert lean == plumber, pdf.name


@pytest.mark.skipif(not REALWORLD.is_dir(), reason="realworld documents not present")
def test_lean_chars_equal_pdfplumbers_on_real_pdfs():
    """Rotated pages, cropped MediaBoxes, Type 3 and CID fonts, as real documents have them."""
    checked = 0
    for pdf in sorted(REALWORLD.rglob("*.pdf")):
        try:
            plumber, lean = _both(pdf.read_bytes())
        except Exception:  # noqa: BLE001 - files the reader refuses are tested elsewhere
            continue
        assert lean == plumber, pdf.name
        checked += 1
    assert checked >= 10
