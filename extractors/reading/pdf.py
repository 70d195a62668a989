"""PDF reading: the text layer where it is usable, OCR of the page where not.

The decision is made per page (``assess_text_layer``). Text-layer words come
from pdfplumber (duplicate overprinted glyphs removed), grouped into
reading-order lines; OCR'd pages are rendered with pypdfium2 at
``limits.ocr_dpi`` (lowered if the page would exceed ``limits.max_pixels``; a
scanner's page, one JPEG filling it, is decoded and scaled instead) and their
boxes scaled back to PDF points. Boxes are ``(x0, top, x1, bottom)`` in
points from the top-left of the page as displayed (``/Rotate`` applied; if OCR
had to turn the page, in the frame of the turned page, whose width and height
are then swapped).
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
import zlib
from collections import Counter

import numpy as np
import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException
from pdfplumber.utils.text import extract_words
from PIL import Image

from cecintake.domain.models import Page, Word
from cecintake.domain.vocab import ErrorCode, TextSource
from cecintake.errors import DocumentProcessingError

from ..api import ReadLimits
from .chars import page_chars
from .ocr import ocr_image, resized

_ENCRYPTED_MSG = ("The PDF is password-protected or encrypted; please upload an unprotected "
                  "copy (for example, print it to a new PDF without a password).")
MIN_LETTERS = 25  # fewer letters on a page: the text layer is too thin to trust alone
MIN_LETTERS_OVER_IMAGE = 150  # fewer, on a page mostly covered by images: OCR it as well
_MIN_OUTLINE_CURVES = 20
_CID = re.compile(r"\(cid:\d+\)")
_COMMON_LETTERS = set("etaoinsrhldcu")  # ~80% of letters in Latin-script text, <70% when shifted
MIN_CONTENT_CAP = 64 * 1024 * 1024  # a page's content streams may inflate to this (or 4x max_bytes)
_INFLATE_STEP = 1 << 20
_DAMAGED = (MalformedPDFException, PSException, PDFSyntaxError, KeyError, TypeError, ValueError, AttributeError,
            IndexError, AssertionError, ZeroDivisionError, OverflowError, zlib.error)


def read_pdf(data: bytes, *, limits: ReadLimits) -> tuple[Page, ...]:
    plumber = _open(data)
    try:
        return _read_pages(plumber, data, limits)
    finally:
        _close(plumber)


def _read_pages(plumber: pdfplumber.PDF, data: bytes, limits: ReadLimits) -> tuple[Page, ...]:
    n = _page_count(plumber)
    if n > limits.max_pages:
        raise DocumentProcessingError(
            ErrorCode.TOO_MANY_PAGES, f"The PDF has {n} pages; the limit is {limits.max_pages}.")
    if n == 0:
        raise DocumentProcessingError(ErrorCode.UNREADABLE_FILE, "The PDF has no pages.")
    renderer = _Renderer(data)
    try:
        return tuple(_read_page(p, i + 1, renderer, limits) for i, p in enumerate(plumber.pages))
    except PdfminerException as exc:
        if _out_of_memory(exc):
            raise _memory_error() from exc
        cause = exc.args[0] if exc.args else exc
        raise DocumentProcessingError(ErrorCode.UNREADABLE_FILE, f"The PDF is damaged: {cause}"[:300]) from exc
    except _DAMAGED as exc:  # pdfminer/pdfplumber on hostile structures (found by tools/fuzz_bytes.py)
        raise DocumentProcessingError(
            ErrorCode.UNREADABLE_FILE, f"The PDF is damaged: {type(exc).__name__}: {exc}"[:300]) from exc
    finally:
        renderer.close()


def _close(pdf: pdfplumber.PDF) -> None:
    """pdfplumber's close() walks the pages again: on a broken page tree it raises the
    same error, which must not replace the typed one already raised."""
    try:
        pdf.close()
    except Exception:  # noqa: BLE001
        pass


def _out_of_memory(exc: BaseException) -> bool:
    """pdfplumber wraps whatever pdfminer raised, MemoryError included."""
    seen = 0
    e: BaseException | None = exc
    while e is not None and seen < 10:
        if isinstance(e, MemoryError) or any(isinstance(a, MemoryError) for a in getattr(e, "args", ())):
            return True
        e, seen = e.__cause__ or e.__context__, seen + 1
    return False


def _memory_error() -> DocumentProcessingError:
    return DocumentProcessingError(
        ErrorCode.MEMORY_LIMIT, "The PDF needs more memory to read than allowed (a decompression bomb?).")


def check_content_size(page: pdfplumber.page.Page, number: int, limits: ReadLimits) -> None:
    """Refuse a page whose Flate content streams inflate past the cap (a decompression
    bomb), inflating a bounded step at a time before pdfminer or pdfium inflates it whole."""
    cap = max(MIN_CONTENT_CAP, 4 * limits.max_bytes)
    total = 0
    try:
        streams = [resolve1(c) for c in page.page_obj.contents]
    except Exception:  # noqa: BLE001 - a broken Contents entry is the parser's to report
        return
    for st in streams:
        if not isinstance(st, PDFStream) or st.rawdata is None:
            continue
        try:
            filters = st.get_filters()
        except Exception:  # noqa: BLE001
            continue
        if not filters or filters[0][0] not in LITERALS_FLATE_DECODE:
            total += len(st.rawdata)
            continue
        data = st.rawdata
        if st.decipher and st.objid is not None and st.genno is not None:
            try:
                data = st.decipher(st.objid, st.genno, data, st.attrs)
            except Exception:  # noqa: BLE001
                continue
        inflater = zlib.decompressobj()
        pending = data
        try:
            while pending:
                total += len(inflater.decompress(pending, _INFLATE_STEP))
                if total > cap:
                    raise DocumentProcessingError(
                        ErrorCode.TOO_LARGE,
                        f"Page {number} of the PDF inflates to more than {cap:,} bytes of drawing instructions "
                        "(a decompression bomb); upload the document as printed to a new PDF.")
                pending = inflater.unconsumed_tail
        except zlib.error:
            continue  # damaged: pdfminer's own recovery decides


def _open(data: bytes) -> pdfplumber.PDF:
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise DocumentProcessingError(ErrorCode.ENCRYPTED_PDF, _ENCRYPTED_MSG) from exc
        raise DocumentProcessingError(ErrorCode.UNREADABLE_FILE, f"The PDF cannot be read: {cause}") from exc
    # Opened with the empty user password: either not encrypted, or protected by an owner
    # password only (permissions, common on real certificates). Both are read normally
    # (lead's decision, issue 7); only a PDF that needs a user password fails above.
    return pdf


def _page_count(pdf: pdfplumber.PDF) -> int:
    try:
        return len(pdf.pages)
    except (PdfminerException, *_DAMAGED) as exc:
        raise DocumentProcessingError(ErrorCode.UNREADABLE_FILE, f"The PDF's page tree is broken: {exc}") from exc


def _read_page(page: pdfplumber.page.Page, number: int, renderer: _Renderer, limits: ReadLimits) -> Page:
    check_content_size(page, number, limits)
    try:
        chars = unique_chars(page_chars(page))
        # a watermark or stamp set across the page: its letters would fall into the lines of text
        # they cross ("Management in L Riparian Zones"); read apart, as lines after the page's own
        slanted = [c for c in chars if c["slanted"]]
        if slanted:
            chars = [c for c in chars if not c["slanted"]]
        raw = extract_words(chars, keep_blank_chars=False, use_text_flow=False)
        raw_slanted = extract_words(slanted, keep_blank_chars=False, use_text_flow=False) if slanted else []
    except (PdfminerException, PSException, PDFSyntaxError, KeyError, TypeError, ValueError) as exc:
        if _out_of_memory(exc):
            raise _memory_error() from exc
        raw, raw_slanted = [], []  # the content stream is damaged: let the renderer (pdfium) try
    words = group_lines(raw)
    if raw_slanted:
        after = group_lines(raw_slanted)
        first = words[-1].line + 1 if words else 0
        words += [Word(w.text, w.bbox, w.confidence, w.line + first) for w in after]
    problem = assess_text_layer(words)
    if problem is None and _letters(words) < MIN_LETTERS_OVER_IMAGE and _image_cover(page) >= 0.5:
        problem = "thin"  # a few lines stamped on a picture of the certificate: OCR may see more
    text_page = Page(number, float(page.width), float(page.height), TextSource.TEXT_LAYER, tuple(words))
    if problem is None or (problem == "thin" and not _has_graphics(page)):
        return text_page  # usable, or nothing but a few words on an empty page
    ocr_page = _ocr_page(renderer, number, float(page.width), float(page.height), limits, plain=_plain_scan(page))
    if problem == "thin" and _letters(ocr_page.words) <= _letters(words) * 1.2:
        return text_page  # OCR found little more than the text layer had
    return ocr_page


def unique_chars(chars: list[dict], tolerance: float = 1.0) -> list[dict]:
    """Drop glyphs printed twice at (nearly) the same place (fake bold, layered
    copies); linear, unlike pdfplumber's ``dedupe_chars``. Order is kept.

    A glyph is a copy when an earlier kept glyph with the same text lies within
    ``tolerance`` both ways. Most pages have no copies at all: a vectorised pass
    over (text, cell) keys on a grid of ``tolerance`` finds whether any two glyphs
    of the same text share a 3 x 3 neighbourhood, and only then are the glyphs
    compared one by one (this runs on every page: written for speed)."""
    if len(chars) < 2 or not _maybe_copies(chars, tolerance):
        return list(chars)
    seen: dict[tuple[str, int, int], list[tuple[float, float]]] = {}
    get = seen.get
    out = []
    for c in chars:
        x, y, text = float(c["x0"]), float(c["top"]), c["text"]
        if not (math.isfinite(x) and math.isfinite(y)):
            out.append(c)  # nowhere: near nothing
            continue
        gx, gy = int(x // tolerance), int(y // tolerance)
        dup = any(-tolerance <= px - x <= tolerance and -tolerance <= py - y <= tolerance
                  for cx in (gx - 1, gx, gx + 1) for cy in (gy - 1, gy, gy + 1)
                  for px, py in get((text, cx, cy), ()))
        if not dup:
            seen.setdefault((text, gx, gy), []).append((x, y))
            out.append(c)
    return out


def _maybe_copies(chars: list[dict], tolerance: float) -> bool:
    """Whether two glyphs of the same text lie in neighbouring grid cells (necessary for a copy)."""
    texts: dict[str, int] = {}
    ids = np.fromiter((texts.setdefault(c["text"], len(texts)) for c in chars), dtype=np.int64, count=len(chars))
    fx = np.floor(np.fromiter((c["x0"] for c in chars), dtype=np.float64, count=len(chars)) / tolerance)
    fy = np.floor(np.fromiter((c["top"] for c in chars), dtype=np.float64, count=len(chars)) / tolerance)
    if not (np.isfinite(fx).all() and np.isfinite(fy).all()) or np.ptp(fx) > 1e6 or np.ptp(fy) > 1e6:
        return True  # a hostile or odd page: let the exact comparison decide
    gx, gy = fx.astype(np.int64), fy.astype(np.int64)
    gx -= gx.min() - 1
    gy -= gy.min() - 1
    span_x, span_y = int(gx.max()) + 2, int(gy.max()) + 2
    key = (ids * span_y + gy) * span_x + gx
    order = np.sort(key)
    if np.any(order[1:] == order[:-1]):
        return True  # two glyphs of the same text in one cell
    for dx, dy in ((1, -1), (1, 0), (1, 1), (0, 1)):  # each neighbouring pair once
        other = key + dy * span_x + dx
        pos = np.searchsorted(order, other)
        pos[pos == len(order)] = 0
        if np.any(order[pos] == other):
            return True
    return False


def assess_text_layer(words: list[Word] | tuple[Word, ...]) -> str | None:
    """None when the text layer is usable; else why not: ``thin`` (absent or a few
    letters) or ``garbage`` (unmapped glyphs, control/private-use characters,
    mostly non-letters, one glyph repeated, or letters not distributed like text)."""
    tokens = (_CID.sub("\ufffd", w.text) for w in words)
    # dot leaders, rules and bullets are layout, not text: leave out punctuation-only tokens
    text = "".join(t for t in tokens if not all(unicodedata.category(c).startswith("P") for c in t))
    chars = [c for c in text if not c.isspace()]
    letters = [c for c in chars if c.isalpha()]
    if len(letters) < MIN_LETTERS:
        return "garbage" if len(chars) >= MIN_LETTERS else "thin"
    n = len(chars)
    bad = sum(1 for c in chars if c == "\ufffd" or unicodedata.category(c) in ("Co", "Cc", "Cn", "Cs"))
    digits = sum(1 for c in chars if c.isdigit())
    if bad / n > 0.10 or len(letters) / n < 0.30 or (len(letters) + digits) / n < 0.50:
        return "garbage"
    _, top_count = Counter(chars).most_common(1)[0]
    if top_count / n > 0.30 or len(set(chars)) < 8:
        return "garbage"
    latin = [c.lower() for c in letters if c.isascii()]
    if len(latin) >= 60 and sum(c in _COMMON_LETTERS for c in latin) / len(latin) < 0.70:
        return "garbage"
    return None


def group_lines(raw: list[dict]) -> list[Word]:
    """pdfplumber word dicts -> Words with reading-order line numbers: words whose
    vertical extents overlap by half the smaller height share a line; lines top
    to bottom, words left to right."""
    items = sorted(raw, key=lambda w: ((w["top"] + w["bottom"]) / 2, w["x0"]))
    lines: list[list[dict]] = []
    spans: list[tuple[float, float]] = []
    for w in items:
        if not w["text"].strip():
            continue
        top, bottom = float(w["top"]), float(w["bottom"])
        if spans:
            lt, lb = spans[-1]
            overlap = min(lb, bottom) - max(lt, top)
            if overlap >= 0.5 * min(lb - lt, bottom - top):
                lines[-1].append(w)
                spans[-1] = (min(lt, top), max(lb, bottom)) if bottom - top < 2 * (lb - lt) else (lt, lb)
                continue
        lines.append([w])
        spans.append((top, bottom))
    out: list[Word] = []
    for i, line in enumerate(lines):
        for w in sorted(line, key=lambda w: w["x0"]):
            bbox = (float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"]))
            out.append(Word(text=w["text"], bbox=bbox, confidence=1.0, line=i))
    return out


_UNPLAIN_IMAGE_KEYS = ("SMask", "Mask", "Decode", "ImageMask")


def _plain_scan(page: pdfplumber.page.Page) -> bool:
    """Nothing on the page but one 8-bit gray or RGB image without mask or decode array:
    a scanner's page, whose pixels are the page (see ``_Renderer.render``)."""
    try:
        objects = page.objects
        images = objects.get("image", [])
        if len(images) != 1 or any(objects.get(k) for k in objects if k != "image"):
            return False
        attrs = images[0]["stream"].attrs
        space = resolve1(attrs.get("ColorSpace"))
        return (not any(k in attrs for k in _UNPLAIN_IMAGE_KEYS) and resolve1(attrs.get("BitsPerComponent")) == 8
                and getattr(space, "name", None) in ("DeviceGray", "DeviceRGB"))
    except Exception:  # noqa: BLE001 - a damaged page is rendered the usual way
        return False


def _page_jpeg(page: pdfium.PdfPage, scale: float, limits: ReadLimits) -> Image.Image | None:
    """The page's only object, a JPEG placed upright over the whole page, decoded to gray and
    scaled to the size pdfium would render at ``scale``; None when it is anything else."""
    try:
        objs = list(page.get_objects(max_depth=1))
        if len(objs) != 1 or objs[0].type != pdfium_c.FPDF_PAGEOBJ_IMAGE or page.get_rotation():
            return None
        obj = objs[0]
        m = obj.get_matrix()
        box = page.get_mediabox()
        if (m.b or m.c or m.a <= 0 or m.d <= 0 or obj.get_filters() != ["DCTDecode"]
                or any(abs(u - v) > 1.0 for u, v in zip(obj.get_bounds(), box))):
            return None
        w, h = obj.get_px_size()
        if w * h > limits.max_pixels:
            return None
        img = Image.open(io.BytesIO(bytes(obj.get_data(decode_simple=False))))
        if img.format != "JPEG" or img.size != (w, h) or img.mode not in ("L", "RGB"):
            return None
        img.draft("L", img.size)  # a colour JPEG's luma decoded alone
        gray = img.convert("L")
        size = (math.ceil((box[2] - box[0]) * scale), math.ceil((box[3] - box[1]) * scale))
        return resized(gray, size)
    except Exception:  # noqa: BLE001 - anything unexpected: pdfium renders the page instead
        return None


def _has_graphics(page: pdfplumber.page.Page) -> bool:
    """Images, or enough curves to be text drawn as outlines: something OCR could read."""
    try:
        return bool(page.images) or len(page.curves) >= _MIN_OUTLINE_CURVES
    except (PdfminerException, PSException, PDFSyntaxError, KeyError, TypeError, ValueError):
        return True


def _image_cover(page: pdfplumber.page.Page) -> float:
    """Share of the page covered by images (overlaps counted twice, capped at 1)."""
    try:
        images = page.images
    except (PdfminerException, PSException, PDFSyntaxError, KeyError, TypeError, ValueError):
        return 0.0
    area = float(page.width * page.height) or 1.0
    covered = 0.0
    for im in images:
        w = min(im["x1"], page.width) - max(im["x0"], 0)
        h = min(im["bottom"], page.height) - max(im["top"], 0)
        covered += max(w, 0) * max(h, 0)
    return min(covered / area, 1.0)


def _letters(words) -> int:
    return sum(ch.isalpha() for w in words for ch in w.text)


def _ocr_page(renderer: _Renderer, number: int, width: float, height: float, limits: ReadLimits, *,
              plain: bool = False) -> Page:
    img, px_per_pt = renderer.render(number - 1, width, height, limits, plain=plain)
    res = ocr_image(img, limits=limits, known_dpi=round(px_per_pt * 72))
    words = tuple(
        Word(w.text, tuple(v / px_per_pt for v in w.bbox), w.confidence, w.line) for w in res.words
    )
    if res.rotation in (90, 270):
        width, height = height, width
    return Page(number, width, height, TextSource.OCR, words, res.confidence, res.rotation)


class _Renderer:
    """pypdfium2, opened lazily: only documents with a page to OCR pay for it."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._doc: pdfium.PdfDocument | None = None

    def render(self, index: int, width: float, height: float, limits: ReadLimits, *, plain: bool = False):
        """The page as a grayscale image at ``limits.ocr_dpi`` and its pixels per point. ``plain``:
        pdfplumber saw nothing on the page but one unmasked image (see ``_plain_scan``): when
        pdfium agrees that it is a JPEG filling the page upright, it is decoded (gray) and
        scaled rather than the page rendered, for the same pixels at half the time."""
        try:
            if self._doc is None:
                self._doc = pdfium.PdfDocument(self._data)
            page = self._doc[index]
            page.set_cropbox(*page.get_mediabox())  # pdfplumber's coordinates are the MediaBox's
            scale = limits.ocr_dpi / 72
            pixels = width * height * scale * scale
            if pixels > limits.max_pixels:
                scale *= (limits.max_pixels / pixels) ** 0.5
            img = _page_jpeg(page, scale, limits) if plain else None
            img = img or page.render(scale=scale, grayscale=True).to_pil()
        except pdfium.PdfiumError as exc:
            raise DocumentProcessingError(
                ErrorCode.UNREADABLE_FILE, f"Page {index + 1} of the PDF cannot be rendered: {exc}") from exc
        return img, img.width / width if width else scale

    def close(self) -> None:
        if self._doc is not None:
            self._doc.close()
