"""The OCR step's contract with Tesseract: single-threaded, time-limited,
failures typed (fault injection, as OCRmyPDF's tesseract_crash plugin)."""

from __future__ import annotations

import os

import numpy as np
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


@pytest.mark.parametrize("angle", [2.0, -3.5, 0.4])
def test_deskew_levels_the_lines_by_moving_whole_columns(cert_image, angle):
    tilted = cert_image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    skew = ocr.detect_skew(tilted)
    level = ocr._deskew(tilted, skew)
    assert level.size == tilted.size and level.mode == "L"
    assert ocr.detect_skew(level) == 0.0
    a, b = np.asarray(tilted), np.asarray(level)
    h, w = a.shape
    t = np.tan(np.deg2rad(skew))
    for x in (0, w // 3, w // 2, w - 1):  # each column is its own column moved by its shift: nothing interpolated
        s = int(np.rint(-(x - w / 2) * t))
        moved = np.full(h, 255, dtype=np.uint8)
        if s >= 0:
            moved[s:] = a[:h - s, x]
        else:
            moved[:h + s] = a[-s:, x]
        assert np.array_equal(b[:, x], moved)


def test_a_skewed_scan_is_read_as_well_as_the_straight_one(cert_image):
    limits = ReadLimits()
    straight = {w.text for w in ocr.ocr_image(cert_image, limits=limits, known_dpi=200).words}
    tilted = cert_image.rotate(-2.5, resample=Image.Resampling.BICUBIC, fillcolor=255)
    res = ocr.ocr_image(tilted, limits=limits, known_dpi=200)
    assert res.skew == pytest.approx(2.5, abs=0.3)
    assert len({w.text for w in res.words} & straight) >= 0.95 * len(straight)


def test_sideways_page_is_recognised_from_its_ink(cert_image):
    assert not ocr.looks_sideways(cert_image)
    assert ocr.looks_sideways(cert_image.transpose(Image.Transpose.ROTATE_90))


def _banner_page(cert_image: Image.Image) -> Image.Image:
    """The certificate with a dark full-width letterhead banner at the top edge."""
    page = cert_image.copy()
    page.paste(40, (0, 0, page.width, 260))
    return page


def test_skew_is_not_fooled_by_a_banner_cut_by_the_image_edge(cert_image):
    # a banner (or a scanner's dark edge) clipped by the image border is straight whatever the skew
    tilted = _banner_page(cert_image).rotate(2.0, resample=Image.Resampling.BICUBIC, fillcolor=255)
    tilted.paste(40, (0, 0, tilted.width, 120))
    assert ocr.detect_skew(tilted) == pytest.approx(-2.0, abs=0.3)


def test_light_text_on_a_dark_banner_is_inverted_and_heavy_type_is_not(cert_image):
    page = _banner_page(cert_image)
    from PIL import ImageDraw, ImageFont

    font = ImageFont.load_default(size=60)
    ImageDraw.Draw(page).text((200, 100), "Hollow Creek Institute", fill=245, font=font)
    out = ocr.light_on_dark_inverted(page)
    assert out.getpixel((20, 20)) > 180  # the banner is now light
    assert out.getpixel((20, 1200)) == page.getpixel((20, 1200))  # the paper untouched
    assert ocr.light_on_dark_inverted(cert_image) is cert_image  # bold title, no banner: nothing to do


def _photo_of(page: Image.Image, corners) -> Image.Image:
    """``page`` photographed on a dark table: its corners land on ``corners``."""
    w, h = page.size
    W, H = int(w * 1.3), int(h * 1.3)
    coeffs = ocr._homography(corners, [(0, 0), (w, 0), (w, h), (0, h)])
    inv = ocr._homography([(0, 0), (w, 0), (w, h), (0, h)], corners)
    warped = page.convert("RGB").transform((W, H), Image.Transform.PERSPECTIVE, coeffs, fillcolor=(70, 60, 50))
    assert inv
    return warped


def test_a_photographed_sheet_is_found_and_straightened(cert_image):
    w, h = cert_image.size
    corners = [(260, 180), (260 + w - 90, 260), (260 + w - 40, 200 + h), (200, 150 + h)]
    photo = _photo_of(cert_image, corners)
    found = ocr.find_page(ocr.to_gray(photo), photo)
    assert found is not None
    for (x, y), (fx, fy) in zip(corners, found):
        assert abs(x - fx) < 25 and abs(y - fy) < 25
    assert ocr.find_page(ocr.to_gray(cert_image)) is None  # a scan: paper to the edges
    assert ocr.find_page(_banner_page(cert_image)) is None  # a letterhead banner is not a table


def test_words_of_a_straightened_photo_are_boxed_in_the_photo(cert_image):
    w, h = cert_image.size
    corners = [(260, 180), (260 + w - 90, 260), (260 + w - 40, 200 + h), (200, 150 + h)]
    photo = _photo_of(cert_image, corners)
    res = ocr.ocr_image(photo, limits=ReadLimits())
    assert (res.width, res.height) == photo.size and res.rotation == 0
    title = next(wd for wd in res.words if wd.text == "Certificate")
    # the title sits near the top-left corner of the sheet, which is at (260, 180) in the photo
    assert 260 < title.bbox[0] < 260 + w / 2 and 180 < title.bbox[1] < 180 + h / 3


def test_a_declared_dpi_is_believed_only_for_a_page_sized_image():
    assert ocr._plausible_dpi(200.0, (1700, 2200)) == 200.0
    assert ocr._plausible_dpi(72.0, (3000, 4000)) is None  # what phones write
    assert ocr._plausible_dpi(1200.0, (1700, 2200)) is None  # a 1.8-inch page
    assert ocr._plausible_dpi(None, (1700, 2200)) is None


@pytest.mark.parametrize("shape, seed", [((40, 55), 1), ((9, 9), 2), ((3, 70), 3), ((120, 31), 4)])
def test_median_below_is_pils_median_filter_compared_with_the_level(shape, seed):
    """The banner finder's fast median test gives what PIL's rank filter gives, edges included."""
    import numpy as np
    from PIL import ImageFilter

    rng = np.random.default_rng(seed)
    a = rng.integers(0, 256, size=shape, dtype=np.uint8)
    a[: shape[0] // 2, : shape[1] // 3] //= 3  # a darker patch, so both answers occur
    want = np.asarray(Image.fromarray(a).filter(ImageFilter.MedianFilter(9))) < 100
    assert np.array_equal(ocr.median_below(a, 9, 100), want)


@pytest.mark.parametrize("shape, seed", [((40, 55), 1), ((11, 11), 2), ((3, 70), 3), ((120, 31), 4), ((1, 1), 5)])
def test_shrunk_and_grown_are_pils_min_and_max_filters(shape, seed):
    """The banner finder's erosion and dilation give what PIL's MinFilter and MaxFilter give
    on the mask as a 0/255 image, edges included."""
    import numpy as np
    from PIL import ImageFilter

    rng = np.random.default_rng(seed)
    mask = rng.random(shape) < 0.7
    mask[: shape[0] // 2, : shape[1] // 3] = True  # a solid patch, so erosion keeps something
    img = Image.fromarray(mask.astype(np.uint8) * 255)
    assert np.array_equal(ocr.shrunk(mask, 11), np.asarray(img.filter(ImageFilter.MinFilter(11))) > 0)
    assert np.array_equal(ocr.grown(mask, 11), np.asarray(img.filter(ImageFilter.MaxFilter(11))) > 0)


def _words_as_pytesseract_dict_gives_them(tsv: str):
    """The reading before ``tsv_words``: pytesseract's ``Output.DICT`` and a loop over it."""
    data = pytesseract.pytesseract.file_to_dict(tsv, "\t", -1)
    out, line_ids = [], {}
    for i, text in enumerate(data["text"]):
        conf = float(data["conf"][i])
        text = text.strip()
        if conf < 0 or not text:
            continue
        line = line_ids.setdefault((data["block_num"][i], data["par_num"][i], data["line_num"][i]), len(line_ids))
        x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        out.append((text, (float(x), float(y), float(x + w), float(y + h)), conf / 100.0, line))
    return out


def test_tsv_words_read_tesseracts_output_as_pytesseracts_dict_does(cert_image):
    """Every word, box, confidence (truncated to a whole percent) and line of a real
    Tesseract TSV, as the DICT reading gave them; and nothing from an empty output."""
    tsv = pytesseract.image_to_data(cert_image, config="--psm 3 --dpi 200")
    words = ocr.tsv_words(tsv)
    assert len(words) > 20
    assert words == _words_as_pytesseract_dict_gives_them(tsv)
    assert ocr.tsv_words("") == []
    head = tsv.split("\n")[0]
    assert ocr.tsv_words(head + "\n") == []


def test_a_page_is_shrunk_once_for_the_sideways_check_and_the_skew(cert_image):
    """The sideways check and the skew measure share one shrunk copy of the same page; another
    page of the same size gets its own."""
    page = cert_image.convert("L").resize((1700, 2200))
    first = ocr._box_shrink(page, 1000)
    assert ocr._box_shrink(page, 1000) is first
    assert max(first.size) == 1000
    other = page.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    assert ocr._box_shrink(other, 1000) is not first
    assert ocr._box_shrink(page, 500).size == (386, 500)


def test_tesseract_reads_the_page_from_an_uncompressed_tiff(monkeypatch, cert_image):
    """The page goes to Tesseract as an uncompressed 8-bit TIFF (quick to write, and Leptonica
    reads it faster than a PGM or a PNG), pixel for pixel the image prepared for it."""
    seen = []
    real = pytesseract.image_to_data
    page = cert_image.convert("L")

    def spy(path, *args, **kwargs):
        with Image.open(path) as f:
            seen.append((f.format, f.info.get("compression"), f.mode, np.array_equal(np.asarray(f), np.asarray(page))))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(pytesseract, "image_to_data", spy)
    words = ocr._read_words(page, ReadLimits(), dpi=200)
    assert seen == [("TIFF", "raw", "L", True)]
    assert len(words) > 20


@pytest.fixture(scope="module")
def side_panel_scans(tmp_path_factory):
    """Scans (TIFF, PDF, PNG) of the fixture generator's landscape certificates with a dark coloured side
    panel holding the organisation's name, address and web address in light type (stand-in part a)."""
    from fixtures.generate import generate

    samples = generate(tmp_path_factory.mktemp("panel"), count=8, seed=7, split="standin", renders=("scan",),
                       kinds=["sa_conference", "sa_volunteer", "sa_certificate", "training_certificate"])
    panels = [s for s in samples if s.truth["template"] == "cert_sidepanel"]
    assert len(panels) >= 3
    return [(s, read_document(s.path.read_bytes())) for s in panels]


def _panel_edge(sample, page) -> float:
    """The x between the panel and the body, in the page's units (PDF points, or an image's pixels)."""
    info = sample.truth["render_info"]
    split = info["column_split"][0]  # in points: the panel, its light strip, then the body's margin
    return split if sample.path.suffix == ".pdf" else split * info["dpi"] / 72


def test_a_dark_side_panels_light_type_is_read(side_panel_scans):
    # the panel inverted is a light grey (190 of 255) that Tesseract's own thresholding took for a picture:
    # the organisation's name on it went unread on two of these four scans
    for sample, doc in side_panel_scans:
        page = doc.pages[0]
        edge = _panel_edge(sample, page)
        panel = " ".join(w.text for w in page.words if w.bbox[2] < edge)
        first = sample.truth["fields"]["provider"].split()[0]
        assert first in panel, (sample.path.name, panel)


def test_no_ocr_line_runs_from_a_side_panel_into_the_body(side_panel_scans):
    # Tesseract groups words by height across the page: 'Cascadia State University Émile MacDonald' was one line
    for sample, doc in side_panel_scans:
        page = doc.pages[0]
        edge = _panel_edge(sample, page)
        lines: dict[int, set[bool]] = {}
        for w in page.words:
            lines.setdefault(w.line, set()).add((w.bbox[0] + w.bbox[2]) / 2 < edge)
        assert all(len(sides) == 1 for sides in lines.values()), (sample.path.name, page.text)


def test_lines_cut_at_an_inverted_areas_edge_keep_tesseracts_order():
    areas = np.zeros((10, 20), dtype=bool)
    areas[:, :5] = True  # a panel down the left fifth of a 200 x 100 page
    raw = [("Hollow", (10.0, 10.0, 30.0, 20.0), 0.9, 0), ("Creek", (32.0, 10.0, 45.0, 20.0), 0.9, 0),
           ("Jane", (80.0, 10.0, 100.0, 20.0), 0.9, 0), ("Doe", (105.0, 10.0, 120.0, 20.0), 0.9, 0),
           ("attended", (80.0, 40.0, 120.0, 50.0), 0.9, 1)]
    out = ocr._split_at_areas(raw, areas, rotation=0, skew=0.0, work_size=(200, 100))
    assert [ln for *_, ln in out] == [0, 0, 1, 1, 2]
    assert ocr._split_at_areas(raw[2:], areas, rotation=0, skew=0.0, work_size=(200, 100)) == raw[2:]
