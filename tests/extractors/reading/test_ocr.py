"""The OCR step's contract with Tesseract: single-threaded, time-limited,
failures typed (fault injection, as OCRmyPDF's tesseract_crash plugin)."""

from __future__ import annotations

import os

import pytest
import pytesseract
from PIL import Image

from cecintake.domain.vocab import ErrorCode
from cecintake.errors import DocumentProcessingError
from cecintake.extractors.api import ReadLimits
from cecintake.extractors.reading import ocr, read_document

from . import make


@pytest.fixture(scope="module")
def label_png() -> bytes:
    return make.encode(make.small_page(["Certificate of Completion"]), "PNG")


def test_timeout_is_a_typed_error(label_png):
    with pytest.raises(DocumentProcessingError) as info:
        read_document(label_png, limits=ReadLimits(ocr_timeout_s=0.001))
    assert info.value.code is ErrorCode.TIMEOUT


def test_tesseract_crash_is_unreadable(monkeypatch, label_png):
    def crash(*args, **kwargs):
        raise pytesseract.TesseractError(1, "Error in pixReadStream: Unknown format: no pix returned")

    monkeypatch.setattr(pytesseract, "image_to_data", crash)
    with pytest.raises(DocumentProcessingError) as info:
        read_document(label_png, limits=ReadLimits())
    assert info.value.code is ErrorCode.UNREADABLE_FILE


def test_missing_tesseract_is_internal(monkeypatch, label_png):
    def missing(*args, **kwargs):
        raise pytesseract.TesseractNotFoundError()

    monkeypatch.setattr(pytesseract, "image_to_data", missing)
    with pytest.raises(DocumentProcessingError) as info:
        read_document(label_png, limits=ReadLimits())
    assert info.value.code is ErrorCode.INTERNAL


def test_tesseract_runs_single_threaded_with_the_page_timeout(monkeypatch):
    seen = []
    real = pytesseract.image_to_data

    def spy(*args, **kwargs):
        seen.append((os.environ.get("OMP_THREAD_LIMIT"), kwargs.get("timeout")))
        return real(*args, **kwargs)

    monkeypatch.delenv("OMP_THREAD_LIMIT", raising=False)
    monkeypatch.setattr(pytesseract, "image_to_data", spy)
    ocr.ocr_image(make.small_page(["Contact hours 6.5"]), limits=ReadLimits(ocr_timeout_s=42))
    assert seen and all(s == ("1", 42) for s in seen)


def test_osd_failure_on_a_sparse_page_is_tolerated():
    assert ocr.osd_rotation(Image.new("L", (600, 800), 255), ReadLimits()) == (0, 0.0)


@pytest.mark.parametrize("mode", ["RGBA", "LA", "P", "I;16", "1", "CMYK"])
def test_any_pixel_mode_becomes_8_bit_gray_on_white(mode):
    img = Image.new("RGBA", (20, 10), (0, 0, 0, 0)).convert(mode) if mode != "I;16" else Image.new(mode, (20, 10), 0)
    gray = ocr.to_gray(img)
    assert gray.mode == "L" and gray.size == (20, 10)
    if mode in ("RGBA", "LA"):
        assert gray.getpixel((0, 0)) == 255  # transparent -> white paper, not black


def test_skew_is_measured_and_corrected(cert_image):
    tilted = cert_image.rotate(2.0, resample=Image.Resampling.BICUBIC, fillcolor=255)
    assert ocr.detect_skew(tilted) == pytest.approx(-2.0, abs=0.3)
    assert ocr.detect_skew(cert_image) == 0.0


def test_sideways_page_is_recognised_from_its_ink(cert_image):
    assert not ocr.looks_sideways(cert_image)
    assert ocr.looks_sideways(cert_image.transpose(Image.Transpose.ROTATE_90))
