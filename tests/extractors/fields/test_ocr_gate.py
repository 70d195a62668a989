"""The OCR gate (extractors/fields/ocr_gate.py): an OCR value stays at the 0.9 auto-accept line
only when the words under it were read confidently on a page read well, as fitted on train
scans and photos; without a fitted file no OCR value can auto-accept."""

from __future__ import annotations

import json

import pytest

from cecintake.domain import Page, ReadDocument, Word
from cecintake.domain.vocab import FieldName as F, MediaType, TextSource
from cecintake.extractors.api import ExtractionContext
from cecintake.extractors.fields import extract_evidence, ocr_gate
from cecintake.extractors.fields.layout import Layout
from cecintake.extractors.fields.ocr_gate import BELOW, Evidence, error_bound, evidence, fit_one, gated

from .helpers import doc_from_text
from .test_examples import CERT

GATES = {"number": (0.8, 0.7), "name": (0.85, 0.7), "nospan": (0.0, 0.8)}


def test_gate_holds_a_low_word_confidence_value_below_the_line():
    assert gated("contact_hours", "text", 0.97, Evidence(0.55, 0.8, 0.9, 2), GATES) <= BELOW


def test_gate_keeps_a_clean_value():
    assert gated("contact_hours", "text", 0.97, Evidence(0.93, 0.95, 0.9, 2), GATES) == 0.97


def test_gate_holds_a_value_on_a_poorly_read_page():
    assert gated("contact_hours", "text", 0.97, Evidence(0.93, 0.95, 0.5, 2), GATES) <= BELOW


def test_gate_never_lifts_a_value_the_digital_calibration_holds_below():
    assert gated("contact_hours", "text", 0.88, Evidence(0.99, 0.99, 0.99, 2), GATES) < 0.88


def test_a_field_group_without_a_gate_cannot_auto_accept():
    assert gated("approval_code", "pattern", 0.97, Evidence(0.99, 0.99, 0.99, 1), GATES) <= BELOW


def test_a_value_without_words_is_gated_by_the_page():
    assert gated("service_years", "years", 0.95, Evidence(None, None, 0.9, 0), GATES) == 0.95
    assert gated("service_years", "years", 0.95, Evidence(None, None, 0.6, 0), GATES) <= BELOW


def test_evidence_reads_the_words_under_a_span():
    words = (Word("Contact", (0, 0, 40, 10), 0.95, 0), Word("hours:", (45, 0, 80, 10), 0.9, 0),
             Word("6.5", (85, 0, 100, 10), 0.4, 0), Word("Ames", (0, 20, 30, 30), 0.97, 1))
    doc = ReadDocument(MediaType.PNG, (Page(1, 200, 200, TextSource.OCR, words, 0.8),))
    layout = Layout(doc)
    i = layout.text.index("6.5")
    ev = evidence(layout, (i, i + 3))
    assert ev.wmin == pytest.approx(0.4) and ev.words == 1
    assert ev.page == pytest.approx((0.95 + 0.9 + 0.4 + 0.97) / 4)
    assert evidence(layout, None).wmin is None
    j = layout.text.index("hours:")
    near = evidence(layout, (j, j + 6))
    assert near.wmin == pytest.approx(0.9) and near.nmin == pytest.approx(0.4)  # '6.5' beside it


def test_shipped_gate_file_loads():
    raw = json.loads(ocr_gate.TABLE.read_text(encoding="utf-8"))
    ocr_gate._gates.cache_clear()
    gates = ocr_gate._gates()
    assert gates and set(gates) == set(raw["gates"])
    assert any(g is not None for g in gates.values())
    assert all(0.0 <= g[0] <= 1.0 and 0.0 <= g[1] <= 1.0 for g in gates.values() if g is not None)


def test_shipped_gate_keeps_a_clean_scan_and_holds_a_poor_one():
    ctx = ExtractionContext()
    clean = extract_evidence(doc_from_text(CERT, confidence=0.97, source=TextSource.OCR), context=ctx)
    poor = extract_evidence(doc_from_text(CERT, confidence=0.5, source=TextSource.OCR), context=ctx)
    digital = extract_evidence(doc_from_text(CERT), context=ctx)
    assert digital.fields[F.CONTACT_HOURS].confidence >= 0.9
    assert clean.fields[F.CONTACT_HOURS].confidence >= 0.9
    assert all(f.confidence < 0.9 for f in poor.fields.values())


@pytest.mark.parametrize("content", [None, "{not json", '{"gates": 3}', '{"note": "no gates"}'],
                         ids=["missing", "corrupt", "wrong-shape", "no-gates"])
def test_missing_or_corrupt_gate_file_makes_every_ocr_value_non_auto_acceptable(tmp_path, monkeypatch, content):
    path = tmp_path / "ocr_gate.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    monkeypatch.setattr(ocr_gate, "TABLE", path)
    ocr_gate._gates.cache_clear()
    try:
        ev = extract_evidence(doc_from_text(CERT, confidence=0.99, source=TextSource.OCR), context=ExtractionContext())
        assert ev.fields and all(f.confidence < 0.9 for f in ev.fields.values())
        digital = extract_evidence(doc_from_text(CERT), context=ExtractionContext())
        assert any(f.confidence >= 0.9 for f in digital.fields.values())  # text layers are not gated
    finally:
        ocr_gate._gates.cache_clear()


def test_fit_needs_enough_evidence_and_takes_the_loosest_safe_gate():
    def rec(wmin, ok, render="scan"):
        return {"field": "contact_hours", "conf": 0.95, "wmin": wmin, "wmean": wmin, "page": 0.9, "nwords": 1,
                "ok": ok, "render": render}

    recs = [rec(0.95, True) for _ in range(600)] + [rec(0.6, False) for _ in range(20)] + \
        [rec(0.85, True) for _ in range(300)]
    wmin, page = fit_one(recs)
    assert 0.6 < wmin <= 0.85
    assert fit_one([rec(0.95, True) for _ in range(50)]) is None  # 50 right values cannot show 99%
    assert error_bound(1000, 0) < 0.003 and error_bound(300, 3) > 0.01


def test_a_finder_fitted_on_its_own_overrides_its_field_group():
    gates = {"number": (0.3, 0.7), "contact_hours|text": (0.9, 0.7), "start_date|single date": None, "date": (0.0, 0.0)}
    assert gated("contact_hours", "text", 0.95, Evidence(0.8, 0.9, 0.9, 1), gates) <= BELOW
    assert gated("contact_hours", "schedule", 0.95, Evidence(0.8, 0.9, 0.9, 1), gates) == 0.95
    assert gated("start_date", "single date", 0.95, Evidence(0.99, 0.99, 0.99, 1), gates) <= BELOW


def test_joint_fit_holds_a_finder_whose_errors_word_confidence_cannot_see():
    def rec(field, method, wmin, ok, i):
        return {"field": field, "method": method, "conf": 0.95, "wmin": wmin, "wmean": wmin, "page": 0.9,
                "nwords": 1, "ok": ok, "render": "scan" if i % 2 else "photo"}

    recs = [rec("contact_hours", "text", 0.95, True, i) for i in range(700)]
    recs += [rec("start_date", "single date", 0.96, i % 20 != 0, i) for i in range(200)]  # 5% wrong, clean words
    gates = ocr_gate.fit(recs)
    assert gates["contact_hours|text"] is not None and gates["start_date|single date"] is None
