"""Every real upload under /work/shared/realworld reads into pages or a typed
error, never a crash. Expectations for the files we know well."""

from __future__ import annotations

from pathlib import Path

import pytest

from cecintake.domain.models import ReadDocument
from cecintake.domain.vocab import ErrorCode, TextSource
from cecintake.errors import DocumentProcessingError
from cecintake.extractors.api import ReadLimits
from cecintake.extractors.reading import read_document

ROOT = Path(__file__).resolve().parents[4] / "shared" / "realworld"
if not ROOT.is_dir():
    ROOT = Path("/work/shared/realworld")
FILES = sorted(p for p in ROOT.rglob("*") if p.suffix.lower() in (".pdf", ".jpg", ".jpeg", ".png", ".docx"))

# file -> (expected per-page sources or error code, words that must be read)
EXPECTED: dict[str, tuple[object, tuple[str, ...]]] = {
    "ama_leadership_ceu_cpe_nasba.pdf": ([TextSource.TEXT_LAYER], ("NASBA",)),
    "linkedin_learning_pmi_pdu_0.75.pdf": ([TextSource.TEXT_LAYER], ("4101UZH3K3",)),
    # owner password only (permissions): read normally (lead's decision, issue 7)
    "ecmwf_mooc_ml_weather_climate_completion.pdf": ([TextSource.OCR], ("Genevieve", "Completion")),
    "bee4750_env_systems_analysis_syllabus.docx": ([TextSource.TEXT_LAYER], ("BEE", "Environmental")),
    "bee4750_env_systems_analysis_syllabus.pdf": ([TextSource.TEXT_LAYER] * 12, ("BEE",)),
    "usfws_r_webinar_agenda.pdf": ([TextSource.TEXT_LAYER] * 3, ("Presenters",)),
    "iub_debate_volunteer_certificate_photo.pdf": ([TextSource.OCR], ("Excellence", "Bangladesh")),
    "seminar_workshop_participation_photo_rotated.pdf": ([TextSource.OCR], ("Participation", "Terrorism")),
    "certificate_collage_camscanner.pdf": ([TextSource.OCR] * 2, ("Appreciation",)),
    "muj_winter_school_participation_scan.jpg": ([TextSource.OCR], ("WINTER",)),
    "internship_appreciation_letter.jpg": ([TextSource.OCR], ("Internship",)),
}


def _read(path: Path) -> ReadDocument | DocumentProcessingError:
    try:
        return read_document(path.read_bytes(), limits=ReadLimits())
    except DocumentProcessingError as exc:
        return exc


@pytest.mark.skipif(not FILES, reason="realworld documents not available")
@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_realworld_file_reads_or_fails_typed(path: Path):
    result = _read(path)
    expected_sources, must_read = EXPECTED.get(path.name, (None, ()))
    if isinstance(result, DocumentProcessingError):
        assert isinstance(result.code, ErrorCode) and result.message
        assert expected_sources == result.code, f"unexpected {result.code}: {result.message}"
        return
    assert result.pages
    for page in result.pages:
        for w in page.words:
            assert w.text.strip() and 0.0 <= w.confidence <= 1.0
            x0, top, x1, bottom = w.bbox
            assert -1 <= x0 <= x1 <= page.width + 1 and -1 <= top <= bottom <= page.height + 1
        if page.source is TextSource.OCR:
            assert page.ocr_confidence is None or 0.0 <= page.ocr_confidence <= 1.0
    if expected_sources is not None:
        assert [p.source for p in result.pages] == expected_sources
    text = result.text
    for needle in must_read:
        assert needle in text
