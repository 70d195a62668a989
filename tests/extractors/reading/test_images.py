"""PNG, JPEG (EXIF orientation, sideways without EXIF), multi-page TIFF: OCR
with boxes in the pixels of the upright image."""

from __future__ import annotations

import pytest
from PIL import Image

from cecintake.domain.vocab import MediaType, TextSource

from . import make
from .helpers import assert_near, find, lines

DPI = 200  # cert_image's resolution
PX = DPI / 72
TITLE_X0, TITLE_BASELINE = 72 * PX, (make.PAGE_H - 700) * PX


def _check_certificate(page, *, rotation: int) -> None:
    assert page.source is TextSource.OCR
    assert (page.width, page.height) == (1700, 2200)
    assert page.rotation == rotation
    assert page.ocr_confidence > 0.85
    assert "Wetland Restoration Techniques held on 12 March 2024" in lines(page)
    word = find(page, "Certificate")
    assert_near(word.bbox[0], TITLE_X0, 10, "x0")
    assert_near(word.bbox[3], TITLE_BASELINE, 10, "bottom")


def test_png(read, cert_image):
    doc = read(make.encode(cert_image, "PNG"))
    assert doc.media_type is MediaType.PNG
    (page,) = doc.pages
    _check_certificate(page, rotation=0)


@pytest.mark.parametrize(("orientation", "rotation"), [(6, 90), (8, 270)], ids=["exif-6", "exif-8"])
def test_jpeg_exif_orientation(read, cert_image, orientation, rotation):
    doc = read(make.jpeg_with_orientation(cert_image, orientation))
    assert doc.media_type is MediaType.JPEG
    (page,) = doc.pages
    _check_certificate(page, rotation=rotation)


def test_sideways_photo_without_exif_is_turned_by_osd(read, cert_image):
    stored = cert_image.transpose(Image.Transpose.ROTATE_90)  # text runs bottom to top
    (page,) = read(make.encode(stored.convert("RGB"), "JPEG", quality=90)).pages
    _check_certificate(page, rotation=90)


def test_grey_phone_photo_is_cleaned_up(read, cert_image):
    """Uneven grey lighting (a gradient from 150 to 210) under the text."""
    w, h = cert_image.size
    gradient = Image.linear_gradient("L").resize((w, h)).point(lambda v: 150 + v * 60 // 255)
    photo = Image.composite(cert_image.point(lambda v: v * 0.4), gradient, cert_image.point(lambda v: 255 - v))
    (page,) = read(make.encode(photo.convert("RGB"), "JPEG", quality=85)).pages
    assert "Approval code SER-2024-0117 issued by the Society." in lines(page)
    assert page.ocr_confidence > 0.8


def test_multipage_tiff(read):
    frames = [make.small_page([f"Page {n} of the transcript", f"Course ENV {100 + n}"]) for n in (1, 2, 3)]
    doc = read(make.tiff(frames))
    assert doc.media_type is MediaType.TIFF
    assert [p.number for p in doc.pages] == [1, 2, 3]
    for n, page in enumerate(doc.pages, start=1):
        assert lines(page) == [f"Page {n} of the transcript", f"Course ENV {100 + n}"]
        assert (page.width, page.height) == frames[n - 1].size
        word = find(page, "Course")
        assert_near(word.bbox[0], 24 * 200 / 72, 8, "x0")


def test_blank_image_reads_as_a_page_without_words(read):
    (page,) = read(make.encode(Image.new("L", (800, 1000), 255), "PNG")).pages
    assert page.words == () and page.ocr_confidence is None and page.rotation == 0
