"""Type from the bytes, and every refusal as a typed error."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from cecintake.domain.vocab import ErrorCode, MediaType
from cecintake.errors import DocumentProcessingError
from cecintake.extractors.api import ReadLimits
from cecintake.extractors.reading import read_document
from cecintake.extractors.reading.sniff import sniff

from . import make


def _code(data: bytes, limits: ReadLimits = ReadLimits()) -> ErrorCode:
    with pytest.raises(DocumentProcessingError) as info:
        read_document(data, limits=limits)
    return info.value.code


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(b"%PDF-1.7\n", MediaType.PDF, id="pdf"),
        pytest.param(b"\n\n%PDF-1.4\n", MediaType.PDF, id="pdf-after-junk"),
        pytest.param(b"\x89PNG\r\n\x1a\n....", MediaType.PNG, id="png"),
        pytest.param(b"\xff\xd8\xff\xe0....", MediaType.JPEG, id="jpeg"),
        pytest.param(b"II*\x00....", MediaType.TIFF, id="tiff-le"),
        pytest.param(b"MM\x00*....", MediaType.TIFF, id="tiff-be"),
    ],
)
def test_sniff_by_magic(data, expected):
    assert sniff(data) is expected


def test_empty_file():
    assert _code(b"") is ErrorCode.EMPTY_FILE


def test_html_named_pdf_is_unsupported():
    assert _code(b"<!DOCTYPE html><html><body>Certificate.pdf</body></html>") is ErrorCode.UNSUPPORTED_FILE


def test_gif_is_unsupported():
    buf = io.BytesIO()
    Image.new("L", (10, 10), 255).save(buf, "GIF")
    assert _code(buf.getvalue()) is ErrorCode.UNSUPPORTED_FILE


def test_zip_that_is_not_docx():
    assert _code(make.plain_zip({"notes.txt": b"hello", "word/other.xml": b"<x/>"})) is ErrorCode.UNSUPPORTED_FILE


@pytest.mark.parametrize("cut", [0.5, 0.1], ids=["half", "tenth"])
def test_truncated_pdf(cert_pdf, cut):
    assert _code(cert_pdf[: int(len(cert_pdf) * cut)]) is ErrorCode.UNREADABLE_FILE


def test_truncated_png(cert_image):
    png = make.encode(cert_image, "PNG")
    assert _code(png[: len(png) // 2]) is ErrorCode.UNREADABLE_FILE


def test_pdf_needing_a_user_password_fails_encrypted():
    with pytest.raises(DocumentProcessingError) as info:
        read_document(make.encrypted_pdf("reader"), limits=ReadLimits())
    assert info.value.code is ErrorCode.ENCRYPTED_PDF
    assert "unprotected copy" in info.value.message
    assert not info.value.transient, "a password does not appear on retry"


def test_pdf_with_only_an_owner_password_is_read_normally():
    """Lead's decision (issue 7): permissions-only encryption opens with the empty user
    password, as on many real certificates; it is read like any other PDF."""
    doc = read_document(make.encrypted_pdf(""), limits=ReadLimits())
    assert "Certificate of Completion" in doc.text
    assert "SER-2024-0117" in doc.text


def test_too_many_bytes(cert_pdf):
    assert _code(cert_pdf, ReadLimits(max_bytes=len(cert_pdf) - 1)) is ErrorCode.TOO_LARGE


def test_too_many_pdf_pages():
    assert _code(make.text_pdf(pages=3), ReadLimits(max_pages=2)) is ErrorCode.TOO_MANY_PAGES


def test_too_many_tiff_pages():
    frames = [Image.new("L", (50, 50), 255) for _ in range(3)]
    assert _code(make.tiff(frames), ReadLimits(max_pages=2)) is ErrorCode.TOO_MANY_PAGES


@pytest.mark.parametrize("size", [(1200, 1000), (3000, 3000)], ids=["over-limit", "bomb-2x-limit"])
def test_image_over_pixel_limit(size):
    png = make.encode(Image.new("1", size, 1), "PNG")
    assert _code(png, ReadLimits(max_pixels=1_000_000)) is ErrorCode.IMAGE_TOO_LARGE


def test_tiff_checks_every_frame_before_ocr():
    frames = [Image.new("L", (100, 100), 255), Image.new("L", (1500, 1000), 255)]
    assert _code(make.tiff(frames), ReadLimits(max_pixels=1_000_000)) is ErrorCode.IMAGE_TOO_LARGE


def test_docx_with_doctype_entity_is_refused():
    doc = make.docx(["Certificate of Completion"])
    evil = (b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            b"<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>")
    assert _code(make.rewrite_zip(doc, {"word/document.xml": evil})) is ErrorCode.UNREADABLE_FILE


def test_docx_zip_bomb_is_refused():
    doc = make.docx(["Certificate of Completion"])
    bomb = make.rewrite_zip(doc, {}, extra={"word/media/zeros.bin": b"\0" * (4 << 20)})
    assert _code(bomb) is ErrorCode.TOO_LARGE


def test_docx_over_uncompressed_budget_is_refused():
    doc = make.docx(["Certificate of Completion"])
    assert _code(doc, ReadLimits(max_bytes=len(doc) + 10)) is ErrorCode.TOO_LARGE


def test_broken_zip_is_unreadable():
    doc = make.docx(["Certificate of Completion"])
    assert _code(doc[: len(doc) // 2]) is ErrorCode.UNREADABLE_FILE


def test_pdf_decompression_bomb_is_refused_before_it_is_inflated():
    from tests.hostile.corpus import pdf_bomb

    with pytest.raises(DocumentProcessingError) as info:
        read_document(pdf_bomb(256 << 20), limits=ReadLimits(max_bytes=1 << 20))
    assert info.value.code is ErrorCode.TOO_LARGE and "decompression bomb" in info.value.message


def test_memory_error_inside_pdfminer_is_memory_limit(monkeypatch, cert_pdf):
    from pdfminer.pdfinterp import PDFPageInterpreter

    def boom(self, page):  # noqa: ANN001
        raise MemoryError

    monkeypatch.setattr(PDFPageInterpreter, "process_page", boom)  # pdfminer running out, inside page_chars
    assert _code(cert_pdf) is ErrorCode.MEMORY_LIMIT


_REGRESSIONS = sorted((Path(__file__).parent / "fuzz_regressions").glob("*.bin"))


@pytest.mark.parametrize("path", _REGRESSIONS, ids=[p.name[:48] for p in _REGRESSIONS])
def test_fuzz_regression_reads_or_fails_typed(path):
    """Inputs tools/fuzz_bytes.py once found escaping as untyped exceptions."""
    try:
        read_document(path.read_bytes(), limits=ReadLimits(max_pages=20, max_pixels=4_000_000, ocr_dpi=100))
    except DocumentProcessingError as exc:
        assert isinstance(exc.code, ErrorCode) and exc.message
