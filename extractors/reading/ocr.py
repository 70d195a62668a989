"""Tesseract OCR of one page image: normalise, orient, deskew, read word boxes.

``ocr_image`` takes an upright-or-not PIL image and returns words whose boxes are
in the pixel frame of the *input image turned upright* (the rotation found by
OSD applied, before any rescaling); callers scale those to PDF points if the
image is a rendered PDF page. Every pytesseract call gets ``timeout`` and runs
with ``OMP_THREAD_LIMIT=1`` (Tesseract is used single-threaded: the pipeline
parallelises over documents, not inside Tesseract).
"""

from __future__ import annotations

import os
import statistics
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import pytesseract
from PIL import Image, ImageFilter, ImageOps

from cecintake.domain.models import Word
from cecintake.domain.vocab import ErrorCode
from cecintake.errors import DocumentProcessingError

from ..api import ReadLimits

TARGET_TEXT_PX = 30  # body text height Tesseract reads best (its docs: x-height >= 20 px)
_MIN_TEXT_PX, _MAX_TEXT_PX = 18, 60  # outside: rescale and read again (images only)
_MIN_UPRIGHT_WORDS, _MIN_UPRIGHT_CONF = 5, 0.80  # a read this good needs no orientation check
_MIN_OSD_CONF = 2.0  # below, Tesseract's orientation guess is noise
_MIN_SIDEWAYS_CONF = 0.6  # a sideways page turned by a doubtful OSD guess and reading this well stays
_SIDEWAYS_RATIO = 0.3  # row/column profile sharpness: upright pages measure 0.5 to 20, sideways 0.1
_OSD_LONG_SIDE = 2000  # OSD works on a reduced copy: fast and still plenty of glyphs
_DESKEW_LONG_SIDE = 1000
_DESKEW_MAX_DEG, _DESKEW_STEP = 5.0, 0.25
_MIN_DESKEW_DEG = 0.3
# OSD messages that only say "not enough text to tell" (blank or sparse pages)
_HARMLESS_OSD = ("Too few characters", "Image too small", "Empty page")
_PAGE_LONG_SIDE_IN = 11.0  # Letter/A4-ish: how photos of unknown DPI are first normalised


@dataclass(frozen=True, slots=True)
class OcrResult:
    words: tuple[Word, ...]  # boxes in the upright input-image pixel frame
    width: int  # of the upright input image
    height: int
    rotation: int  # clockwise degrees applied to make the page upright (0/90/180/270)
    skew: float  # small angle (degrees) corrected after orientation
    confidence: float | None  # mean word confidence 0..1 over real words; None: no words


def ocr_image(img: Image.Image, *, limits: ReadLimits, known_dpi: int | None = None,
              photo: bool | None = None) -> OcrResult:
    """OCR ``img``. ``known_dpi``: the image is a page rendered at that resolution
    (no guessing of the text size); ``photo``: apply phone-photo clean-up
    (None: when the page has no white paper, see ``looks_like_photo``)."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    gray = to_gray(img)
    if photo is None:
        photo = looks_like_photo(gray)
    scale = 1.0 if known_dpi else _first_scale(gray.size, limits)
    work = _resize(gray, scale)
    if photo:
        work = normalise_background(work)
    dpi = known_dpi or limits.ocr_dpi
    rotation, skew, raw = _orient_and_read(work, limits, dpi)
    if rotation:
        gray, work = _rotate_cw(gray, rotation), _rotate_cw(work, rotation)
    if not known_dpi:
        text_px = _median_height(raw)
        if text_px and not _MIN_TEXT_PX <= text_px <= _MAX_TEXT_PX:
            new_scale = _clamp_scale(scale * TARGET_TEXT_PX / text_px, gray.size, limits)
            if abs(new_scale / scale - 1) > 0.15:
                scale = new_scale
                work = _resize(gray, scale)
                if photo:
                    work = normalise_background(work)
                raw = _read_words(_deskew(work, skew), limits, dpi=dpi)
    words = tuple(
        Word(text=t, bbox=(x0 / scale, y0 / scale, x1 / scale, y1 / scale), confidence=c, line=ln)
        for t, (x0, y0, x1, y1), c, ln in raw
    )
    real = [w.confidence for w in words if any(ch.isalnum() for ch in w.text)]
    conf = statistics.fmean(real) if real else None
    return OcrResult(words, gray.width, gray.height, rotation, skew, conf)


def _orient_and_read(work: Image.Image, limits: ReadLimits, dpi: int):
    """(rotation, skew, words) of the best reading. Sideways pages (the column
    profile sharper than the row profile) are turned before the first read, by
    OSD's 90/270 answer or, when it is doubtful, the better of both; upright-
    looking pages are read as they are, and OSD is asked only if that read is
    poor (upside down, or OSD's view differs)."""
    def read(rotation: int):
        turned = _rotate_cw(work, rotation) if rotation else work
        skew = detect_skew(turned)
        return rotation, skew, _read_words(_deskew(turned, skew), limits, dpi=dpi)

    if looks_sideways(work):
        guess, conf = osd_rotation(work, limits)
        first = read(guess if guess in (90, 270) else 90)
        if conf >= _MIN_OSD_CONF or not _doubtful(first[2], _MIN_SIDEWAYS_CONF):
            return first
        return max(first, read(360 - first[0]), key=lambda r: _score(r[2]))
    best = read(0)
    if _doubtful(best[2]):
        rotation, conf = osd_rotation(work, limits)
        if rotation and conf >= _MIN_OSD_CONF:
            best = max(best, read(rotation), key=lambda r: _score(r[2]))
    return best


def looks_sideways(work: Image.Image) -> bool:
    """Lines of text make the row profile of ink jagged and the column profile
    smooth; a page turned by 90 degrees shows the opposite."""
    small = _resize(work, _DESKEW_LONG_SIDE / max(work.size)) if max(work.size) > _DESKEW_LONG_SIDE else work
    ink = (np.asarray(small) < 160).astype(np.float32)
    rows, cols = ink.sum(axis=1), ink.sum(axis=0)
    if rows.sum() < 100:
        return False
    sharp_rows = np.square(np.diff(rows)).mean() / max(rows.mean(), 1e-6) ** 2
    sharp_cols = np.square(np.diff(cols)).mean() / max(cols.mean(), 1e-6) ** 2
    return sharp_rows < _SIDEWAYS_RATIO * sharp_cols


def to_gray(img: Image.Image) -> Image.Image:
    """8-bit grayscale; transparency flattened onto white (not black)."""
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        bg = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        img = Image.alpha_composite(bg, rgba)
    if img.mode.startswith("I") or img.mode == "F":  # 16/32-bit scans: stretch to 8 bits
        a = np.asarray(img, dtype=np.float32)
        lo, hi = float(a.min()), float(a.max())
        a = (a - lo) * (255.0 / max(hi - lo, 1.0))
        return Image.fromarray(a.astype(np.uint8), mode="L")
    return img.convert("L")


def looks_like_photo(gray: Image.Image) -> bool:
    """Paper under a lamp or a phone camera is grey, not white: less than half
    of the pixels are near-white."""
    hist = gray.histogram()
    return sum(hist[200:]) < 0.5 * sum(hist)


def normalise_background(gray: Image.Image) -> Image.Image:
    """Phone-photo clean-up: divide by a blurred background (uneven light,
    shadows), then stretch contrast."""
    small = gray.reduce(8) if min(gray.size) >= 160 else gray
    bg = small.filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.GaussianBlur(8))
    bg = bg.resize(gray.size, Image.Resampling.BILINEAR)
    a = np.asarray(gray).astype(np.uint16) * 255
    b = np.maximum(np.asarray(bg), 1).astype(np.uint16)
    out = np.minimum(a // b, 255).astype(np.uint8)
    return ImageOps.autocontrast(Image.fromarray(out), cutoff=1)


def osd_rotation(work: Image.Image, limits: ReadLimits) -> tuple[int, float]:
    """Clockwise degrees that make the page upright and Tesseract OSD's confidence
    in them; (0, 0.0) when OSD cannot tell (a sparse page)."""
    probe = work
    long_side = max(work.size)
    if long_side > _OSD_LONG_SIDE:
        probe = _resize(work, _OSD_LONG_SIDE / long_side)
    osd = _tesseract(pytesseract.image_to_osd, probe, limits, config="--psm 0 --dpi 300",
                     harmless=_HARMLESS_OSD)
    if osd is None:
        return 0, 0.0
    # OSD "Rotate" is the clockwise rotation that makes the page upright.
    return int(osd.get("rotate", 0)) % 360, float(osd.get("orientation_conf", 0.0))


def detect_skew(work: Image.Image) -> float:
    """Small skew angle (degrees, PIL's counter-clockwise sense) that makes text
    lines horizontal: the angle maximising the variance of the row profile."""
    small = work
    long_side = max(work.size)
    if long_side > _DESKEW_LONG_SIDE:
        small = _resize(work, _DESKEW_LONG_SIDE / long_side)
    ink = ImageOps.invert(small.point(lambda v: 255 if v > 160 else 0))  # text white on black
    best, best_score = 0.0, -1.0
    steps = int(_DESKEW_MAX_DEG / _DESKEW_STEP)
    for i in range(-steps, steps + 1):
        angle = i * _DESKEW_STEP
        rows = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST), dtype=np.float32)
        profile = rows.sum(axis=1)
        score = float(np.square(np.diff(profile)).sum())
        if score > best_score * 1.0001 or (abs(score - best_score) <= best_score * 1e-4 and abs(angle) < abs(best)):
            best, best_score = angle, score
    return best if abs(best) >= _MIN_DESKEW_DEG else 0.0


def _read_words(work: Image.Image, limits: ReadLimits, *, dpi: int):
    data = _tesseract(pytesseract.image_to_data, work, limits, lang=limits.ocr_lang,
                      config=f"--psm 3 --dpi {dpi}")
    out = []
    line_ids: dict[tuple[int, int, int], int] = {}
    for i, text in enumerate(data["text"]):
        conf = float(data["conf"][i])
        text = text.strip()
        if conf < 0 or not text:
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        line = line_ids.setdefault(key, len(line_ids))
        x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        out.append((text, (float(x), float(y), float(x + w), float(y + h)), conf / 100.0, line))
    return out


@contextmanager
def _tess_input(img: Image.Image) -> Iterator[str]:
    """The image as an uncompressed PGM file for Tesseract: pytesseract's own
    temporary PNG costs more to compress than Tesseract takes to read a photo."""
    with tempfile.TemporaryDirectory(prefix="cecintake-ocr-") as tmp:
        path = os.path.join(tmp, "page.pgm")
        img.save(path, format="PPM")
        yield path


def _doubtful(raw, min_conf: float = _MIN_UPRIGHT_CONF) -> bool:
    confs = [c for t, _, c, _ in raw if any(ch.isalnum() for ch in t)]
    return len(confs) < _MIN_UPRIGHT_WORDS or statistics.fmean(confs) < min_conf


def _score(raw) -> float:
    return sum(c for t, _, c, _ in raw if any(ch.isalnum() for ch in t))


def _tesseract(fn, img: Image.Image, limits: ReadLimits, *, harmless: tuple[str, ...] = (), **kw):
    """Call a pytesseract function on ``img`` single-threaded with the page time
    limit; its failures become typed errors, except messages named ``harmless``
    (then None)."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        with _tess_input(img) as path:
            return fn(path, output_type=pytesseract.Output.DICT, timeout=limits.ocr_timeout_s, **kw)
    except pytesseract.TesseractNotFoundError as exc:
        raise DocumentProcessingError(ErrorCode.INTERNAL, "Tesseract is not installed on this worker.") from exc
    except pytesseract.TesseractError as exc:
        if any(m in str(exc.message) for m in harmless):
            return None
        raise DocumentProcessingError(ErrorCode.UNREADABLE_FILE, f"OCR failed: {exc.message}") from exc
    except RuntimeError as exc:
        if str(exc) != "Tesseract process timeout":  # pytesseract's only plain RuntimeError
            raise
        raise DocumentProcessingError(
            ErrorCode.TIMEOUT, f"OCR of a page took longer than {limits.ocr_timeout_s:g} s.") from exc


def _median_height(raw) -> float | None:
    hs = [b[3] - b[1] for t, b, c, _ in raw if c >= 0.5 and len(t) >= 2 and any(ch.isalpha() for ch in t)]
    return statistics.median(hs) if len(hs) >= 3 else None


def _first_scale(size: tuple[int, int], limits: ReadLimits) -> float:
    """A photo or scan of unknown DPI: treat its long side as a page's long side
    at ``ocr_dpi`` (refined later from the measured text height)."""
    target = _PAGE_LONG_SIDE_IN * limits.ocr_dpi
    return _clamp_scale(target / max(size), size, limits)


def _clamp_scale(scale: float, size: tuple[int, int], limits: ReadLimits) -> float:
    scale = min(max(scale, 0.25), 4.0)
    pixels = size[0] * size[1] * scale * scale
    if pixels > limits.max_pixels:
        scale *= (limits.max_pixels / pixels) ** 0.5
    return scale


def _resize(img: Image.Image, scale: float) -> Image.Image:
    if abs(scale - 1.0) < 0.02:
        return img
    size = (max(1, round(img.width * scale)), max(1, round(img.height * scale)))
    return img.resize(size, Image.Resampling.LANCZOS if scale < 1 else Image.Resampling.BICUBIC)


def _rotate_cw(img: Image.Image, degrees: int) -> Image.Image:
    method = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180,
              270: Image.Transpose.ROTATE_90}[degrees]
    return img.transpose(method)


def _deskew(img: Image.Image, angle: float) -> Image.Image:
    if not angle:
        return img
    return img.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
