"""Tesseract OCR of one page image: normalise, orient, deskew, read word boxes.

The page is read once at ``ReadLimits.ocr_dpi`` (200: cheaper than 300 and better
on scans and photos); a sheet photographed on a table is found and straightened
(perspective) first, light text on dark banners is inverted, skew is measured on
the edges of ink, and orientation detection (OSD) runs only for a page whose ink
looks sideways or whose first read is poor (a confident upright read is final).

``ocr_image`` takes an upright-or-not PIL image and returns words whose boxes are
in the pixel frame of the *input image turned upright* (the rotation found by
OSD applied, before any rescaling or straightening); callers scale those to PDF
points if the image is a rendered PDF page. Every pytesseract call gets ``timeout`` and runs
with ``OMP_THREAD_LIMIT=1`` (Tesseract is used single-threaded: the pipeline
parallelises over documents, not inside Tesseract).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import weakref
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
_MIN_UPRIGHT_WORDS, _MIN_UPRIGHT_CONF = 5, 0.60  # a read this good needs no orientation check (upright scans and photos read 0.8-0.95, upside-down 0.2-0.4)
_MIN_WORD_CONF = 0.2  # below, a "word" is a signature, logo or rule 19 times in 20 (train scans and photos)
_BANNER_WINDOW, _BANNER_DARK = 9, 100  # median of 9x9 pixels at 1/8 scale (~0.36 in at 200 dpi) below 100
_LIFT_ABOVE = 235  # an inverted area's background lighter than this is left as it is (see _lifted)
_AREA_SCALE = 8  # banners are found on a copy reduced by this factor
_BANNER_MIN = 11  # at 1/8 scale: a dark area narrower than this (~0.45 in) is type, not a banner
_ICON_CONF = 0.8  # a line's short first word below this is a logo's shape (see _without_icons)
_MIN_OSD_CONF = 2.0  # below, Tesseract's orientation guess is noise
_MIN_SIDEWAYS_CONF = 0.6  # a sideways page turned by a doubtful OSD guess and reading this well stays
_SIDEWAYS_RATIO = 0.3  # row/column profile sharpness: upright pages measure 0.5 to 20, sideways 0.1
_OSD_LONG_SIDE = 2000  # OSD works on a reduced copy: fast and still plenty of glyphs
_DESKEW_LONG_SIDE = 1000
_DESKEW_MAX_DEG, _DESKEW_STEP = 5.0, 0.25
_MIN_DESKEW_DEG = 0.3
_DESKEW_MARGIN = 0.03  # of each side, left out when measuring skew
# OSD messages that only say "not enough text to tell" (blank or sparse pages)
_HARMLESS_OSD = ("Too few characters", "Image too small", "Empty page")
_PAGE_LONG_SIDE_IN = 11.0  # Letter/A4-ish: how photos of unknown DPI are first normalised
_MIN_PAGE_IN, _MAX_PAGE_IN = 3.0, 17.5  # a declared DPI is believed if the long side is a page's (a card to A3)
_FIND_LONG_SIDE = 400  # the sheet of a photo is found on a copy this size
_BAND_TONE = 10  # grey levels from the background's tone: still background (for banners along a side)
_HUE_APART = 0.08  # chromaticity distance from the background that marks the sheet's coloured parts


@dataclass(frozen=True, slots=True)
class OcrResult:
    words: tuple[Word, ...]  # boxes in the upright input-image pixel frame
    width: int  # of the upright input image
    height: int
    rotation: int  # clockwise degrees applied to make the page upright (0/90/180/270)
    skew: float  # small angle (degrees) corrected after orientation
    confidence: float | None  # mean word confidence 0..1 over real words; None: no words


def ocr_image(img: Image.Image, *, limits: ReadLimits, known_dpi: int | None = None,
              photo: bool | None = None, dpi_hint: float | None = None) -> OcrResult:
    """OCR ``img``. ``known_dpi``: the image is a page rendered at that resolution
    (no guessing of the text size); ``dpi_hint``: the resolution the file declares
    (used when it makes the image a plausible page size); ``photo``: apply
    phone-photo clean-up (None: when a sheet is found on a darker background,
    see ``find_page``, which is then straightened, or the page has no white
    paper, see ``looks_like_photo``). The page is read at ``limits.ocr_dpi``."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    gray = to_gray(img)
    colour = img if img.mode == "RGB" else img.convert("RGB") if img.mode in ("RGBA", "P", "CMYK", "YCbCr") else None
    warp = find_page(gray, colour)
    if photo is None:
        photo = warp is not None or looks_like_photo(gray)
    dpi = limits.ocr_dpi
    if warp is not None:
        work, to_input, scale = _dewarp(gray, warp, dpi, limits)
        guessed = True
    else:
        source_dpi = known_dpi or _plausible_dpi(dpi_hint, gray.size)
        scale = _clamp_scale(dpi / source_dpi, gray.size, limits) if source_dpi else _first_scale(gray.size, limits)
        work, to_input, guessed = _resize(gray, scale), None, source_dpi is None
    work, sideways, areas = _prepare(work, photo)
    base_size = work.size  # the work image before any turn
    rotation, skew, raw = _orient_and_read(work, limits, dpi, sideways=sideways, areas=areas)
    if guessed and warp is None:
        text_px = _median_height(raw)
        lo, hi = _MIN_TEXT_PX * dpi / 300, _MAX_TEXT_PX * dpi / 300
        if text_px and not lo <= text_px <= hi:
            new_scale = _clamp_scale(scale * TARGET_TEXT_PX * dpi / 300 / text_px, gray.size, limits)
            if abs(new_scale / scale - 1) > 0.15:
                scale = new_scale
                work, _, areas = _prepare(_resize(gray, scale), photo)
                base_size = work.size
                work = _rotate_cw(work, rotation) if rotation else work
                raw = _split_at_areas(_read_words(_deskew(work, skew), limits, dpi=dpi), areas,
                                      rotation=rotation, skew=skew, work_size=base_size)
    width, height = gray.size if rotation in (0, 180) else gray.size[::-1]
    boxes = _to_input_frame([b for _, b, _, _ in raw], scale=scale, to_input=to_input, rotation=rotation,
                            work_size=base_size, input_size=gray.size)
    words = tuple(Word(text=t, bbox=box, confidence=c, line=ln) for (t, _, c, ln), box in zip(raw, boxes))
    real = [w.confidence for w in words if any(ch.isalnum() for ch in w.text)]
    conf = statistics.fmean(real) if real else None  # the page's quality counts every word read
    words = _without_icons(tuple(w for w in words if w.confidence >= _MIN_WORD_CONF))
    return OcrResult(words, width, height, rotation, skew, conf)


def _prepare(work: Image.Image, photo: bool) -> tuple[Image.Image, bool, np.ndarray | None]:
    """The image Tesseract reads (banners inverted, a photo's light evened out),
    whether the ink profile says the page is sideways (measured before inverting:
    the edges of inverted areas are sharp lines) and the inverted areas (see
    ``_banner_areas``; None: none)."""
    inverted, areas = _inverted(work)  # before the photo clean-up, which would wash banners out
    if photo:
        plain = normalise_background(work)
        inverted = plain if inverted is work else normalise_background(inverted)
        work = plain
    return inverted, looks_sideways(work), areas


def _split_at_areas(raw, areas: np.ndarray | None, *, rotation: int, skew: float, work_size: tuple[int, int]):
    """``raw`` words with each Tesseract line cut where it passes from an inverted area (a dark
    panel or banner, ``areas`` over the unturned work image, reduced) to the paper or
    back: Tesseract groups words by height across the page and joins a side panel's lines to the
    body's beside them ("Cascadia State University Émile MacDonald"), but text printed on a panel
    and text beside it on the paper are never one line. Lines are renumbered in the order
    Tesseract gave them (each part of a cut line in its order, left to right)."""
    if areas is None or not raw:
        return raw
    ww, wh = work_size
    tw = wh if rotation in (90, 270) else ww  # the turned (and read) image's width
    shifts = _column_shifts(tw, skew) if skew else None
    ah, aw = areas.shape
    keys = []
    for _, (x0, y0, x1, y1), _, line in raw:
        x, y = (x0 + x1) / 2, (y0 + y1) / 2
        if shifts is not None:  # the deskew moved each column down by its shift
            y -= shifts[min(max(int(x), 0), tw - 1)]
        if rotation:
            x, y = _unturn(x, y, rotation, ww, wh)
        i, j = min(max(int(y * ah / wh), 0), ah - 1), min(max(int(x * aw / ww), 0), aw - 1)
        keys.append((line, bool(areas[i, j])))
    if len({k for k in keys}) == len({k[0] for k in keys}):
        return raw  # no line crosses an area's edge
    ids: dict[tuple[int, bool], int] = {}
    return [(t, b, c, ids.setdefault(k, len(ids))) for (t, b, c, _), k in zip(raw, keys)]


def _without_icons(words: tuple[Word, ...]) -> tuple[Word, ...]:
    """Drop a line's first word when it is one or two letters or digits read with
    little confidence before more words: a logo beside a letterhead read as '4a'
    or '44' (on train scans and photos, 92 of 95 such words were not in the text)."""
    out, seen = [], set()
    for i, w in enumerate(words):
        first = w.line not in seen
        seen.add(w.line)
        alnum = sum(ch.isalnum() for ch in w.text)
        more = i + 1 < len(words) and words[i + 1].line == w.line
        if first and more and 1 <= alnum <= 2 and w.confidence < _ICON_CONF:
            continue
        out.append(w)
    return tuple(out)


def _plausible_dpi(dpi: float | None, size: tuple[int, int]) -> float | None:
    """A resolution declared by the file, if it makes the image page-sized (phones
    write 72 dpi whatever they photographed)."""
    if not dpi or not 100 <= dpi <= 1200:
        return None
    long_in = max(size) / dpi
    return float(dpi) if _MIN_PAGE_IN <= long_in <= _MAX_PAGE_IN else None


def _to_input_frame(boxes, *, scale: float, to_input, rotation: int, work_size: tuple[int, int],
                    input_size: tuple[int, int]):
    """Boxes read on the (turned) work image -> the input image's pixel frame turned
    upright by ``rotation``. ``work_size``: the work image before turning;
    ``to_input``: the homography from a dewarped photo back to the input (or None)."""
    out = []
    ww, wh = work_size
    iw, ih = input_size
    for x0, y0, x1, y1 in boxes:
        pts = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
        if rotation:  # turned work frame -> unturned work frame
            pts = [_unturn(x, y, rotation, ww, wh) for x, y in pts]
        if to_input is not None:
            pts = [_apply_h(to_input, x, y) for x, y in pts]
        else:
            pts = [(x / scale, y / scale) for x, y in pts]
        if rotation:  # input frame -> input frame turned upright
            pts = [_turn(x, y, rotation, iw, ih) for x, y in pts]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        out.append((min(xs), min(ys), max(xs), max(ys)))
    return out


def _turn(x: float, y: float, rotation: int, w: float, h: float) -> tuple[float, float]:
    """A point of a w x h image -> the same point once the image is turned clockwise."""
    if rotation == 90:
        return h - y, x
    if rotation == 180:
        return w - x, h - y
    return y, w - x  # 270


def _unturn(x: float, y: float, rotation: int, w: float, h: float) -> tuple[float, float]:
    """Inverse of ``_turn`` for a w x h image (the unturned size)."""
    if rotation == 90:
        return y, h - x
    if rotation == 180:
        return w - x, h - y
    return w - y, x  # 270


def find_page(gray: Image.Image, colour: Image.Image | None = None) -> tuple[tuple[float, float], ...] | None:
    """Corners (top-left, top-right, bottom-right, bottom-left) of a sheet of paper
    photographed on a darker background, in ``gray``'s pixels; None when no such
    sheet stands out (the photo is cropped to the page, or the background is light).
    ``colour`` (the same image in RGB, if it has colour) also keeps on the sheet the
    dark parts whose hue differs from the background's (a coloured letterhead banner)."""
    f = _FIND_LONG_SIDE / max(gray.size)
    size = (max(1, round(gray.width * f)), max(1, round(gray.height * f)))
    small = gray.resize(size, Image.Resampling.BOX).filter(ImageFilter.GaussianBlur(2))
    a = np.asarray(small)
    if int(a.max()) - int(a.min()) < 40:
        return None  # blank, or one even tone
    t = _otsu(a)
    dark = a[a <= t]
    if dark.size:  # halfway between the background and Otsu's split: grey parts of the sheet stay on it
        t = int((float(dark.mean()) + t) / 2)
    paper = a > t
    # the paper must be clearly lighter than what surrounds it
    if paper.mean() < 0.25 or paper.mean() > 0.95 or a[paper].mean() - a[~paper].mean() < 40:
        return None
    if colour is not None:
        paper |= _off_background_hue(colour.resize(size, Image.Resampling.BOX).filter(ImageFilter.GaussianBlur(2)))
    mb = max(2, round(min(a.shape) * 0.02))
    border = np.concatenate([paper[:mb].ravel(), paper[-mb:].ravel(), paper[:, :mb].ravel(), paper[:, -mb:].ravel()])
    if border.mean() > 0.5:
        return None  # the light region reaches most of the image's edge: a scan or a photo cropped to the page
    paper = np.asarray(Image.fromarray(paper.astype(np.uint8) * 255).filter(ImageFilter.MinFilter(5))) > 0
    ys, xs = np.nonzero(paper)
    if len(xs) < 1000:
        return None
    s, d = xs + ys, xs - ys
    idx = [int(np.argmin(s)), int(np.argmax(d)), int(np.argmax(s)), int(np.argmin(d))]
    quad = [(float(xs[i]), float(ys[i])) for i in idx]
    area = _quad_area(quad)
    h, w = a.shape
    if area < 0.25 * w * h or area > 0.97 * w * h:
        return None
    # the light region must be the quadrilateral (not light patches anywhere)
    inside = _quad_mask(quad, w, h)
    if paper[inside].mean() < 0.93 or paper[~inside].sum() > 0.05 * inside.sum():
        return None
    quad = _past_dark_bands(a, quad)
    grow = 2.5  # the erosion above took ~2 px off each side
    cx, cy = sum(p[0] for p in quad) / 4, sum(p[1] for p in quad) / 4
    out = []
    for x, y in quad:
        dx, dy = x - cx, y - cy
        n = max((dx * dx + dy * dy) ** 0.5, 1e-6)
        out.append(((x + grow * dx / n + 0.5) / f, (y + grow * dy / n + 0.5) / f))
    return tuple(out)


def _past_dark_bands(a: np.ndarray, quad):
    """Move each side of ``quad`` out over a dark band printed along it (a letterhead
    banner darker than the paper, which the light-region search leaves out): rows
    beyond the side that are not the background's tone (the median of the image
    border on that side) nearly all along the side."""
    h, w = a.shape
    m = max(2, round(min(h, w) * 0.02))
    strips = {"top": a[:m], "bottom": a[-m:], "left": a[:, :m], "right": a[:, -m:]}
    q = [list(p) for p in quad]
    cx, cy = sum(p[0] for p in quad) / 4, sum(p[1] for p in quad) / 4
    t = np.linspace(0.1, 0.9, 40)
    for i in range(4):
        p0, p1 = q[i], q[(i + 1) % 4]
        ex, ey = p1[0] - p0[0], p1[1] - p0[1]
        length = max((ex * ex + ey * ey) ** 0.5, 1e-6)
        nx, ny = ey / length, -ex / length
        if nx * ((p0[0] + p1[0]) / 2 - cx) + ny * ((p0[1] + p1[1]) / 2 - cy) < 0:
            nx, ny = -nx, -ny  # outward
        side = ("left" if nx < 0 else "right") if abs(nx) > abs(ny) else ("top" if ny < 0 else "bottom")
        table = float(np.median(strips[side]))  # the background's tone on this side (light varies across)
        other = q[(i + 2) % 4]
        span = abs(nx * (other[0] - p0[0]) + ny * (other[1] - p0[1]))
        k, run = 0, 0
        for step in range(1, int(span / 3)):
            xs = np.round(p0[0] + t * ex + nx * step).astype(int)
            ys = np.round(p0[1] + t * ey + ny * step).astype(int)
            if xs.min() < 0 or ys.min() < 0 or xs.max() >= w or ys.max() >= h:
                break
            if np.mean(np.abs(a[ys, xs].astype(np.float32) - table) < _BAND_TONE) > 0.6:
                run += 1  # background, or the blurred edge between paper and band passing its tone
                if run >= 4:
                    break
                continue
            run, k = 0, step
        if k < 8:
            k = 0  # only the sheet's own blurred edge (and the erosion): no band
        if k:
            for j in (i, (i + 1) % 4):
                q[j][0] += nx * k
                q[j][1] += ny * k
    return [tuple(p) for p in q]


def _off_background_hue(rgb: Image.Image) -> np.ndarray:
    """Pixels whose chromaticity is far from the background's (the median of the
    image's border): lighting changes brightness, much less hue."""
    c = np.asarray(rgb).astype(np.float32)
    total = c.sum(axis=2)
    chroma = c / np.maximum(total, 1.0)[..., None]
    m = max(2, round(min(c.shape[:2]) * 0.02))
    border = np.concatenate([chroma[:m].reshape(-1, 3), chroma[-m:].reshape(-1, 3),
                             chroma[:, :m].reshape(-1, 3), chroma[:, -m:].reshape(-1, 3)])
    bg = np.median(border, axis=0)
    dist = np.sqrt(np.square(chroma - bg).sum(axis=2))
    return (dist > _HUE_APART) & (total > 90)


def _otsu(a: np.ndarray) -> int:
    hist = np.bincount(a.ravel(), minlength=256).astype(np.float64)
    p = hist / hist.sum()
    omega = np.cumsum(p)
    mu = np.cumsum(p * np.arange(256))
    with np.errstate(divide="ignore", invalid="ignore"):
        sigma = (mu[-1] * omega - mu) ** 2 / (omega * (1 - omega))
    sigma = np.nan_to_num(sigma, nan=-1.0, posinf=-1.0)
    return int(np.argmax(sigma))


def _quad_area(q) -> float:
    return 0.5 * abs(sum(q[i][0] * q[(i + 1) % 4][1] - q[(i + 1) % 4][0] * q[i][1] for i in range(4)))


def _quad_mask(q, w: int, h: int) -> np.ndarray:
    from PIL import ImageDraw

    m = Image.new("L", (w, h), 0)
    ImageDraw.Draw(m).polygon(q, fill=255)
    return np.asarray(m) > 0


def _dewarp(gray: Image.Image, quad, dpi: int, limits: ReadLimits):
    """The sheet inside ``quad`` straightened to a rectangle at about ``dpi`` (its
    long side taken as a page's); also the homography back to ``gray`` and the
    mean scale factor."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = quad
    dist = lambda ax, ay, bx, by: ((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5  # noqa: E731
    w = (dist(x0, y0, x1, y1) + dist(x3, y3, x2, y2)) / 2
    h = (dist(x0, y0, x3, y3) + dist(x1, y1, x2, y2)) / 2
    scale = _clamp_scale(_PAGE_LONG_SIDE_IN * dpi / max(w, h), (round(w), round(h)), limits)
    W, H = max(1, round(w * scale)), max(1, round(h * scale))
    coeffs = _homography([(0, 0), (W, 0), (W, H), (0, H)], list(quad))
    out = gray.transform((W, H), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC, fillcolor=255)
    return out, coeffs, scale


def _homography(dst, src) -> list[float]:
    """PIL PERSPECTIVE coefficients mapping points of ``dst`` (output) to ``src`` (input)."""
    a, b = [], []
    for (x, y), (u, v) in zip(dst, src):
        a.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        a.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        b.extend([u, v])
    return [float(c) for c in np.linalg.solve(np.array(a, float), np.array(b, float))]


def _apply_h(c, x: float, y: float) -> tuple[float, float]:
    d = c[6] * x + c[7] * y + 1.0
    return (c[0] * x + c[1] * y + c[2]) / d, (c[3] * x + c[4] * y + c[5]) / d


def _orient_and_read(work: Image.Image, limits: ReadLimits, dpi: int, *, sideways: bool | None = None,
                     areas: np.ndarray | None = None):
    """(rotation, skew, words) of the best reading. Sideways pages (the column
    profile sharper than the row profile) are turned before the first read, by
    OSD's 90/270 answer or, when it is doubtful, the better of both; upright-
    looking pages are read as they are, and OSD is asked only if that read is
    poor (upside down, or OSD's view differs)."""
    def read(rotation: int):
        turned = _rotate_cw(work, rotation) if rotation else work
        skew = detect_skew(turned)
        raw = _read_words(_deskew(turned, skew), limits, dpi=dpi)
        return rotation, skew, _split_at_areas(raw, areas, rotation=rotation, skew=skew, work_size=work.size)

    if looks_sideways(work) if sideways is None else sideways:
        guess, conf = osd_rotation(work, limits)
        first = read(guess if guess in (90, 270) else 90)
        if conf >= _MIN_OSD_CONF or not _doubtful(first[2], _MIN_SIDEWAYS_CONF):
            return first
        best = max(first, read(360 - first[0]), key=lambda r: _score(r[2]))
        if _doubtful(best[2]):  # the profile misled: the page may be upright after all
            best = max(best, read(0), key=lambda r: _score(r[2]))
        return best
    best = read(0)
    if _doubtful(best[2]):
        rotation, conf = osd_rotation(work, limits)
        if rotation and conf >= _MIN_OSD_CONF:
            best = max(best, read(rotation), key=lambda r: _score(r[2]))
    return best


def looks_sideways(work: Image.Image) -> bool:
    """Lines of text make the row profile of ink jagged and the column profile
    smooth; a page turned by 90 degrees shows the opposite."""
    small = _box_shrink(work, _DESKEW_LONG_SIDE)
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
    return img if img.mode == "L" else img.convert("L")  # (nothing here changes an image in place)


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


def light_on_dark_inverted(gray: Image.Image) -> Image.Image:
    """Light text on a dark banner or panel turned dark on light: Tesseract reads
    inverted text poorly and, on a banner cut by the page edge, often not at all.
    Dark areas are those whose neighbourhood (about a third of an inch across) is
    mostly dark: a banner's light letters cover less than half of it, and so do
    the strokes of the boldest dark type on paper."""
    return _inverted(gray)[0]


def _inverted(gray: Image.Image) -> tuple[Image.Image, np.ndarray | None]:
    """``light_on_dark_inverted`` and the areas inverted (``_banner_areas``)."""
    dark = _banner_areas(gray)
    if dark is None:
        return gray, None  # the same object: nothing to invert
    mask = Image.fromarray(dark.astype(np.uint8) * 255).resize(gray.size, Image.Resampling.NEAREST)
    return Image.composite(_lifted(ImageOps.invert(gray), mask), gray, mask), dark


def _banner_areas(gray: Image.Image) -> np.ndarray | None:
    """Where ``gray`` has dark banners or panels, on a copy reduced by ``_AREA_SCALE`` (None: nowhere)."""
    f = _AREA_SCALE
    small = gray.reduce(f) if min(gray.size) >= 8 * f else gray
    dark = median_below(np.asarray(small), _BANNER_WINDOW, _BANNER_DARK)
    if dark.mean() < 0.002:
        return None
    # only areas at least ~0.45 in both ways: a line of heavy type is not a banner (an opening)
    dark = grown(shrunk(dark, _BANNER_MIN), _BANNER_MIN)
    # and without holes where large light letters fill a window (they are the banner's text: a closing)
    dark = shrunk(grown(dark, _BANNER_MIN), _BANNER_MIN)
    return dark if dark.any() else None


def _lifted(inverted: Image.Image, mask: Image.Image) -> Image.Image:
    """``inverted`` with the inverted areas' background (the median of their pixels: a panel is
    mostly background) stretched to paper white. An inverted teal or grey panel is a light grey
    (190 of 255) that Tesseract's own thresholding of the whole page can take for a dark picture
    and leave unread, text and all (a landscape certificate's side panel, which names the
    provider); stretched, it is paper with dark type, read as the rest of the page is."""
    a = np.asarray(inverted)
    inside = np.asarray(mask) > 0
    bg = float(np.median(a[inside])) if inside.any() else 255.0
    if bg >= _LIFT_ABOVE or bg < _BANNER_DARK:
        return inverted  # already near white, or no light background to lift (a banner mostly text)
    lut = [min(255, round(v * 255.0 / bg)) for v in range(256)]
    return inverted.point(lut)


def median_below(a: np.ndarray, window: int, level: int) -> np.ndarray:
    """Where the median of the ``window`` x ``window`` neighbourhood is below ``level``:
    PIL's ``MedianFilter(window)`` compared with ``level`` (edges replicated, as PIL
    expands the image), computed as "more than half of the window is below" with a
    summed-area table, a tenth of the rank filter's time."""
    return _window_count(a < level, window) > (window * window) // 2


def shrunk(mask: np.ndarray, window: int) -> np.ndarray:
    """``mask`` eroded by a ``window`` x ``window`` square: PIL's ``MinFilter(window)`` on
    the mask as a 0/255 image (edges replicated), a tenth of its time."""
    return _window_count(mask, window) == window * window


def grown(mask: np.ndarray, window: int) -> np.ndarray:
    """``mask`` dilated by a ``window`` x ``window`` square: PIL's ``MaxFilter(window)``."""
    return _window_count(mask, window) > 0


def _window_count(mask: np.ndarray, window: int) -> np.ndarray:
    """How many pixels of each ``window`` x ``window`` neighbourhood are set (edges
    replicated, as PIL's rank filters expand the image), from a summed-area table."""
    r = window // 2
    padded = np.pad(mask, r, mode="edge").astype(np.int32)
    sat = np.zeros((padded.shape[0] + 1, padded.shape[1] + 1), dtype=np.int32)
    np.cumsum(np.cumsum(padded, axis=0), axis=1, out=sat[1:, 1:])
    h, w = mask.shape
    return (sat[window:window + h, window:window + w] - sat[:h, window:window + w]
            - sat[window:window + h, :w] + sat[:h, :w])


def _box_shrink(img: Image.Image, long_side: int) -> Image.Image:
    """A copy whose long side is at most ``long_side`` (box filter: only ink proportions are
    measured on it). The last one is kept: the sideways check and the skew measure shrink the
    same page one after the other (an image is never changed in place here)."""
    global _last_shrink
    if max(img.size) <= long_side:
        return img
    last = _last_shrink
    if last is not None and last[0]() is img and last[1] == long_side:
        return last[2]
    f = long_side / max(img.size)
    small = img.resize((max(1, round(img.width * f)), max(1, round(img.height * f))), Image.Resampling.BOX)
    _last_shrink = (weakref.ref(img), long_side, small)
    return small


_last_shrink: tuple | None = None  # (weak reference to the image, long side, its shrunk copy)


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
    lines horizontal: the angle maximising the sharpness of the row profile of
    ink, computed by projecting the ink pixels (no image is rotated); a coarse
    search by half degrees, then quarter degrees around the best."""
    a = np.asarray(_box_shrink(work, _DESKEW_LONG_SIDE))
    # a scanner's dark edge along the border is straight whatever the page's skew: leave the margins out
    my, mx = (max(1, round(n * _DESKEW_MARGIN)) for n in a.shape)
    a = a[my:-my, mx:-mx]
    ink = a < 160
    # the tops and bottoms of ink, not its area: a solid banner counts as its two edges
    ys, xs = np.nonzero(ink[1:] != ink[:-1])
    if len(ys) < 50:
        return 0.0
    h = a.shape[0]
    yc = ys.astype(np.float64) - h // 2  # integer centre: at 0 degrees each row keeps its own bin
    xc = xs.astype(np.float64) - a.shape[1] // 2
    offset = int(max(a.shape)) + 2

    def sharpness(angle: float) -> float:
        t = np.deg2rad(angle)
        pos = yc * np.cos(t) - xc * np.sin(t) + offset
        low = np.floor(pos)
        frac = pos - low
        low = low.astype(np.int64)
        # each pixel shared between its two nearest rows: no angle gains from pixel-grid aliasing
        profile = (np.bincount(low, weights=1.0 - frac, minlength=2 * offset + 2)
                   + np.bincount(low + 1, weights=frac, minlength=2 * offset + 2))
        return float(np.square(np.diff(profile)).sum())

    def best_of(angles) -> tuple[float, float]:
        best, best_score = 0.0, -1.0
        for angle in angles:
            score = sharpness(angle)
            if score > best_score * 1.0001 or (abs(score - best_score) <= best_score * 1e-4 and abs(angle) < abs(best)):
                best, best_score = angle, score
        return best, best_score

    coarse, _ = best_of(np.arange(-_DESKEW_MAX_DEG, _DESKEW_MAX_DEG + 1e-9, 0.5))
    fine = [round(coarse + i * _DESKEW_STEP, 2) for i in (-1, 0, 1)]
    best, _ = best_of(sorted((x for x in fine if abs(x) <= _DESKEW_MAX_DEG), key=abs))
    return best if abs(best) >= _MIN_DESKEW_DEG else 0.0


def _read_words(work: Image.Image, limits: ReadLimits, *, dpi: int):
    tsv = _tesseract(pytesseract.image_to_data, work, limits, output=pytesseract.Output.STRING,
                     lang=limits.ocr_lang, config=f"--psm 3 --dpi {dpi}")
    return tsv_words(tsv)


_TSV_COLUMNS = ("block_num", "par_num", "line_num", "left", "top", "width", "height", "conf", "text")


def tsv_words(tsv: str) -> list[tuple[str, tuple[float, float, float, float], float, int]]:
    """(text, box, confidence 0..1, line number) of each word of Tesseract's TSV output, in its
    order; a line is numbered by its first word. Numbers are read as pytesseract's ``Output.DICT``
    reads them (a confidence truncated to a whole percent), in a fifth of its time: only the
    columns used are converted."""
    rows = tsv.strip().split("\n")
    if len(rows) < 2:
        return []
    head = rows[0].split("\t")
    try:
        block, par, line_no, left, top, width, height, conf_at, text_at = (head.index(c) for c in _TSV_COLUMNS)
    except ValueError:
        return []
    out = []
    line_ids: dict[tuple[str, str, str], int] = {}
    for row in rows[1:]:
        cells = row.split("\t")
        if len(cells) <= max(conf_at, text_at) or not (text := cells[text_at].strip()):
            continue
        conf = int(float(cells[conf_at]))
        if conf < 0:
            continue
        line = line_ids.setdefault((cells[block], cells[par], cells[line_no]), len(line_ids))
        x, y = int(float(cells[left])), int(float(cells[top]))
        w, h = int(float(cells[width])), int(float(cells[height]))
        out.append((text, (float(x), float(y), float(x + w), float(y + h)), conf / 100.0, line))
    return out


@contextmanager
def _tess_input(img: Image.Image) -> Iterator[str]:
    """The image as an uncompressed TIFF file for Tesseract. pytesseract's own temporary PNG
    costs more to compress than Tesseract takes to read a photo; a PGM is as quick to write but
    slow for Tesseract (Leptonica) to read: the same 200 dpi pages took 419 ms a page from PGM,
    390 from a PNG and 363 from an uncompressed TIFF (or BMP), with identical output."""
    with tempfile.TemporaryDirectory(prefix="cecintake-ocr-") as tmp:
        path = os.path.join(tmp, "page.tif")
        img.save(path, format="TIFF", compression="raw")
        yield path


def _doubtful(raw, min_conf: float = _MIN_UPRIGHT_CONF) -> bool:
    confs = [c for t, _, c, _ in raw if any(ch.isalnum() for ch in t)]
    return len(confs) < _MIN_UPRIGHT_WORDS or statistics.fmean(confs) < min_conf


def _score(raw) -> float:
    return sum(c for t, _, c, _ in raw if any(ch.isalnum() for ch in t))


def _tesseract(fn, img: Image.Image, limits: ReadLimits, *, harmless: tuple[str, ...] = (),
               output: str = pytesseract.Output.DICT, **kw):
    """Call a pytesseract function on ``img`` single-threaded with the page time
    limit; its failures become typed errors, except messages named ``harmless``
    (then None)."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        with _tess_input(img) as path:
            return fn(path, output_type=output, timeout=limits.ocr_timeout_s, **kw)
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
    """Scaled by ``scale``: shrunk with ``SHRINK``, enlarged bicubically."""
    if abs(scale - 1.0) < 0.02:
        return img
    return resized(img, (max(1, round(img.width * scale)), max(1, round(img.height * scale))))


# Shrinking is bilinear (Pillow widens its support by the factor, so it antialiases): a third of
# Lanczos's time for the same words read (a 300 dpi scan to 200 dpi: 17 ms against 51; word recall
# on 80 validation scans 0.983 against 0.982). A box filter (area averaging) costs no less over a
# whole read and read fewer words (recall 0.977 against 0.979 on 130 validation scans).
SHRINK = Image.Resampling.BILINEAR


def resized(img: Image.Image, size: tuple[int, int]) -> Image.Image:
    """``img`` at ``size``: ``SHRINK`` when smaller, bicubic when larger."""
    if img.size == size:
        return img
    smaller = size[0] * size[1] < img.width * img.height
    return img.resize(size, SHRINK if smaller else Image.Resampling.BICUBIC)


def _rotate_cw(img: Image.Image, degrees: int) -> Image.Image:
    method = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180,
              270: Image.Transpose.ROTATE_90}[degrees]
    return img.transpose(method)


def _column_shifts(width: int, angle: float) -> np.ndarray:
    """Whole pixels each column moves down (negative: up) to level lines skewed by ``angle``
    (PIL's counter-clockwise sense, as ``detect_skew`` measures it), about the centre column."""
    return np.rint(-(np.arange(width) - width / 2) * np.tan(np.deg2rad(angle))).astype(np.int64)


def _deskew(img: Image.Image, angle: float) -> Image.Image:
    """Lines of text made horizontal by a vertical shear in whole pixels: each run of
    columns that moves by the same amount is copied up or down (paper white shows where
    nothing moves in). No pixel is interpolated, and letters keep their shape apart from
    leaning by the skew (at most ``_DESKEW_MAX_DEG``), which Tesseract reads as well as a
    rotated page: word recall on 130 validation scans 0.984 against 0.983 with PIL's bicubic
    rotation, on 80 photos 0.968 against 0.967, at a fourteenth of the time (7 ms a page
    at 200 dpi against 95 ms). Boxes stay in the levelled frame, as they did
    with the rotation: the layout reading needs level lines."""
    if not angle:
        return img
    a = np.asarray(img)
    h, w = a.shape
    shifts = _column_shifts(w, angle)
    out = np.full_like(a, 255)
    edges = np.flatnonzero(np.diff(shifts)) + 1
    for x0, x1 in zip(np.concatenate(([0], edges)), np.concatenate((edges, [w]))):
        s = int(shifts[x0])
        if s >= 0:
            out[s:, x0:x1] = a[:max(h - s, 0), x0:x1]
        else:
            out[:max(h + s, 0), x0:x1] = a[-s:, x0:x1]
    return Image.fromarray(out)

