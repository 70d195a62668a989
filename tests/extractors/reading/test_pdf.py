"""PDFs: the text layer where usable, OCR per page where not, boxes in points."""

from __future__ import annotations

import io

import numpy as np
import pdfplumber
import pypdfium2 as pdfium
import pytest

from hypothesis import given, settings
from hypothesis import strategies as st

from cecintake.domain.models import Word
from cecintake.domain.vocab import MediaType, TextSource
from cecintake.extractors.api import ReadLimits
from cecintake.extractors.reading import pdf as pdf_reader
from cecintake.extractors.reading.pdf import assess_text_layer, group_lines, unique_chars

from . import make
from .helpers import assert_near, find, lines

# where make.TITLE's first word was drawn, in points from the top-left
TITLE_X0 = 72.0
TITLE_BASELINE = make.PAGE_H - 700


def test_text_layer_words_lines_and_boxes(read, cert_pdf):
    doc = read(cert_pdf)
    assert doc.media_type is MediaType.PDF
    (page,) = doc.pages
    assert page.source is TextSource.TEXT_LAYER
    assert (page.width, page.height) == (612, 792)
    assert page.ocr_confidence is None and page.rotation == 0
    assert lines(page) == [make.TITLE[0], *make.BODY]
    word = find(page, "Certificate")
    assert word.confidence == 1.0 and word.line == 0
    assert_near(word.bbox[0], TITLE_X0, 1, "x0")
    assert word.bbox[1] < TITLE_BASELINE < word.bbox[3]
    code = find(page, "SER-2024-0117")
    assert code.line == 4
    assert code.bbox[1] < make.PAGE_H - make.body_baseline(3) < code.bbox[3]


def test_image_only_pdf_is_ocred_with_boxes_in_points(read, cert_image):
    doc = read(make.image_pdf([cert_image]))
    (page,) = doc.pages
    assert page.source is TextSource.OCR and doc.text_source is TextSource.OCR
    assert (page.width, page.height) == (612, 792)
    assert page.rotation == 0
    assert page.ocr_confidence is not None and page.ocr_confidence > 0.85
    assert "Approval code SER-2024-0117 issued by the Society." in lines(page)
    word = find(page, "Certificate")
    assert 0.8 < word.confidence <= 1.0
    assert_near(word.bbox[0], TITLE_X0, 4, "x0")
    assert_near(word.bbox[3], TITLE_BASELINE, 4, "bottom")  # no descender in "Certificate"


@pytest.mark.parametrize("mode", ["L", "RGB"])
def test_a_scanners_jpeg_page_is_decoded_to_the_pixels_pdfium_renders(read, cert_image, mode):
    data = make.jpeg_page_pdf(cert_image.convert(mode))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert pdf_reader._plain_scan(pdf.pages[0])
    doc = pdfium.PdfDocument(data)
    try:
        fast = pdf_reader._page_jpeg(doc[0], 200 / 72, ReadLimits())
        rendered = doc[0].render(scale=200 / 72, grayscale=True).to_pil()
    finally:
        doc.close()
    assert fast is not None and fast.mode == "L" and fast.size == rendered.size
    assert np.abs(np.asarray(fast, dtype=int) - np.asarray(rendered, dtype=int)).mean() < 2.0
    page = read(data).pages[0]
    assert page.source is TextSource.OCR
    assert "Approval code SER-2024-0117 issued by the Society." in lines(page)
    assert_near(find(page, "Certificate").bbox[0], TITLE_X0, 4, "x0")


@pytest.mark.parametrize("case", ["half page", "flipped", "page rotated", "flate image"])
def test_a_page_that_is_more_than_an_upright_full_page_jpeg_is_rendered(cert_image, case):
    data = {
        "half page": lambda: make.jpeg_page_pdf(cert_image, place=(0, 0, make.PAGE_W / 2, make.PAGE_H / 2)),
        "flipped": lambda: make.jpeg_page_pdf(cert_image, flip=True),
        "page rotated": lambda: make.jpeg_page_pdf(cert_image, rotate=90),
        "flate image": lambda: make.image_pdf([cert_image]),
    }[case]()
    doc = pdfium.PdfDocument(data)
    try:
        assert pdf_reader._page_jpeg(doc[0], 200 / 72, ReadLimits()) is None
    finally:
        doc.close()


def test_a_jpeg_page_with_a_text_layer_is_not_a_plain_scan(cert_image):
    data = make.jpeg_page_pdf(cert_image, hidden_text=["Certificate of Completion"])
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert not pdf_reader._plain_scan(pdf.pages[0])


def test_mixed_pdf_reads_each_page_its_own_way(read, cert_image):
    doc = read(make.image_pdf([None, cert_image]))
    assert [p.source for p in doc.pages] == [TextSource.TEXT_LAYER, TextSource.OCR]
    assert doc.text_source is TextSource.MIXED
    assert doc.pages[0].ocr_confidence is None
    assert doc.pages[1].ocr_confidence > 0.85
    assert "Wetland Restoration Techniques" in doc.pages[1].text
    assert doc.ocr_confidence == doc.pages[1].ocr_confidence


def _caesar(s: str, k: int = 3) -> str:
    return "".join(chr((ord(c) - 97 + k) % 26 + 97) if c.islower() else c for c in s)


@pytest.mark.parametrize(
    "hidden",
    [
        pytest.param(["(cid:3)(cid:17)(cid:22)(cid:9) (cid:41)(cid:12)(cid:5)"] * 4, id="cid-glyphs"),
        pytest.param([_caesar(line) for line in make.BODY], id="shifted-font-encoding"),
    ],
)
def test_garbage_text_layer_is_replaced_by_ocr(read, cert_image, hidden):
    doc = read(make.image_pdf([cert_image], hidden_text=hidden))
    (page,) = doc.pages
    assert page.source is TextSource.OCR
    assert "Certificate of Completion" in page.text


def test_sparse_page_without_images_keeps_its_text_layer(read):
    import io

    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 700, "Page 2")
    c.showPage()
    c.save()
    (page,) = read(buf.getvalue()).pages
    assert page.source is TextSource.TEXT_LAYER
    assert page.text == "Page 2"


def _words(texts: list[str]) -> list[Word]:
    return [Word(t, (0, 0, 1, 1)) for t in texts]


@pytest.mark.parametrize(
    ("texts", "verdict"),
    [
        pytest.param([], "thin", id="empty"),
        pytest.param(["Jane", "Doe"], "thin", id="name-only"),
        pytest.param(list(make.BODY), None, id="english"),
        pytest.param("Contents . . . . . . . . . . . . . . 1 Presenters . . . . . . . 2".split() * 5, None,
                     id="dot-leaders"),
        pytest.param(["Zertifikat über die Teilnahme an der Weiterbildung für Renaturierung"] * 2, None,
                     id="german"),
        pytest.param(["(cid:12)(cid:40)(cid:7)"] * 20, "garbage", id="cid"),
        pytest.param(["\ue001\ue002\ue003abc"] * 20, "garbage", id="private-use"),
        pytest.param(["#$%&*+=<>@^~|"] * 10, "garbage", id="symbols"),
        pytest.param(["IIIIIIIIII"] * 10, "garbage", id="one-glyph"),
        pytest.param([_caesar(s, 7) for s in make.BODY], "garbage", id="shifted"),
    ],
)
def test_assess_text_layer(texts, verdict):
    assert assess_text_layer(_words(texts)) == verdict


def test_group_lines_orders_rows_and_tolerates_superscripts():
    raw = [
        {"text": "Dec", "x0": 60, "x1": 80, "top": 100, "bottom": 110},
        {"text": "24", "x0": 10, "x1": 20, "top": 100, "bottom": 110},
        {"text": "th", "x0": 21, "x1": 27, "top": 97, "bottom": 104},
        {"text": "Title", "x0": 10, "x1": 50, "top": 50, "bottom": 70},
        {"text": "next", "x0": 10, "x1": 30, "top": 120, "bottom": 130},
    ]
    words = group_lines(raw)
    assert [(w.text, w.line) for w in words] == [("Title", 0), ("24", 1), ("th", 1), ("Dec", 1), ("next", 2)]


def test_unique_chars_drops_overprinted_glyphs():
    chars = [{"text": "A", "x0": 10.0, "top": 5.0}, {"text": "A", "x0": 10.4, "top": 5.2},
             {"text": "B", "x0": 10.0, "top": 5.0}, {"text": "A", "x0": 20.0, "top": 5.0}]
    assert unique_chars(chars) == [chars[0], chars[2], chars[3]]


def _unique_chars_reference(chars, tolerance=1.0):
    """The definition, quadratic: a glyph is dropped when an earlier kept one of the same text is near."""
    kept = []
    for c in chars:
        if not any(k["text"] == c["text"] and abs(k["x0"] - c["x0"]) <= tolerance
                   and abs(k["top"] - c["top"]) <= tolerance for k in kept):
            kept.append(c)
    return kept


def test_unique_chars_finds_copies_across_grid_cells():
    chars = [{"text": "e", "x0": 0.99, "top": 7.99}, {"text": "e", "x0": 1.6, "top": 8.7},
             {"text": "e", "x0": 2.2, "top": 8.0}, {"text": "e", "x0": 0.2, "top": 9.4}]
    assert unique_chars(chars) == _unique_chars_reference(chars) == [chars[0], chars[2], chars[3]]


def test_unique_chars_on_odd_coordinates_falls_back_to_the_exact_comparison():
    chars = [{"text": "x", "x0": float("nan"), "top": 1.0}, {"text": "x", "x0": 1e300, "top": 1.0},
             {"text": "x", "x0": 1e300, "top": 1.5}, {"text": "y", "x0": -1e12, "top": 2.0}]
    assert unique_chars(chars) == _unique_chars_reference(chars)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("aab"), st.floats(0, 6, allow_nan=False), st.floats(0, 6, allow_nan=False)),
                max_size=40))
def test_unique_chars_matches_its_definition(points):
    chars = [{"text": t, "x0": x, "top": y} for t, x, y in points]
    assert unique_chars(chars) == _unique_chars_reference(chars)


def test_name_stamped_on_a_certificate_image_is_ocred_whole(read, cert_image):
    """A real text layer holding only the name, over a picture of the rest."""
    doc = read(make.image_pdf([cert_image], hidden_text=["Jane Restoration"]))
    (page,) = doc.pages
    assert page.source is TextSource.OCR
    assert "Approval code SER-2024-0117 issued by the Society." in lines(page)


def _page_with_turned_text(path, angle: float, text: str = "SAMPLE") -> None:  # noqa: ANN001
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(612, 792))
    c.setFont("Helvetica", 14)
    c.drawString(72, 600, "Certificate of Completion")
    c.drawString(72, 560, "Stream Bank Management in Riparian Zones")
    c.drawString(72, 520, "Contact hours: 6")
    c.saveState()
    c.translate(300, 560)
    c.rotate(angle)
    c.setFont("Helvetica-Bold", 60)
    c.setFillGray(0.9)
    c.drawString(-150, -20, text)
    c.restoreState()
    c.save()


def _lines(page) -> list[str]:  # noqa: ANN001
    return [" ".join(w.text for w in page.words if w.line == i) for i in sorted({w.line for w in page.words})]


def test_a_watermark_across_the_page_stays_out_of_the_lines_it_crosses(tmp_path) -> None:  # noqa: ANN001
    from cecintake.extractors.reading import read_document

    _page_with_turned_text(tmp_path / "wm.pdf", 35)
    lines = _lines(read_document((tmp_path / "wm.pdf").read_bytes()).pages[0])
    assert lines[:3] == ["Certificate of Completion", "Stream Bank Management in Riparian Zones", "Contact hours: 6"]
    assert "".join(lines[3:]).replace(" ", "") == "SAMPLE"  # kept, after the page's own lines


def test_text_a_few_degrees_off_level_is_read_as_lines_as_before(tmp_path) -> None:  # noqa: ANN001
    """The text layer of a slightly skewed page is no watermark."""
    from cecintake.extractors.reading import read_document

    _page_with_turned_text(tmp_path / "skew.pdf", 4, "Approved provider")
    lines = _lines(read_document((tmp_path / "skew.pdf").read_bytes()).pages[0])
    assert len(lines) == 3  # nothing set apart: its letters stay in the lines they share
    assert "provider" in " ".join(lines)
