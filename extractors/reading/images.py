"""PNG, JPEG and (multi-page) TIFF: safe decoding, EXIF orientation, OCR.

Pillow only gets to try the one format the bytes were sniffed as; every frame
is checked against ``limits.max_pixels`` before it is decoded, and Pillow's
decompression-bomb warning is an error here. Boxes are pixels of the frame as
displayed (EXIF orientation applied) and turned upright by OCR's orientation
detection; ``Page.rotation`` is the total clockwise turn applied (EXIF + OSD).
"""

from __future__ import annotations

import io
import struct
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from cecintake.domain.models import Page
from cecintake.domain.vocab import ErrorCode, MediaType, TextSource
from cecintake.errors import DocumentProcessingError

from ..api import ReadLimits
from .ocr import ocr_image

_PIL_FORMAT = {MediaType.PNG: "PNG", MediaType.JPEG: "JPEG", MediaType.TIFF: "TIFF"}
_EXIF_ORIENTATION = 0x0112
_EXIF_ROTATION = {3: 180, 4: 180, 5: 90, 6: 90, 7: 270, 8: 270}  # clockwise; mirroring not counted


# What Pillow's decoders raise on damaged bytes besides OSError (found by tools/fuzz_bytes.py:
# a TIFF with no dimensions raises TypeError when its frames are counted).
_DAMAGED = (OSError, SyntaxError, ValueError, EOFError, TypeError, KeyError, IndexError, struct.error,
            ZeroDivisionError, OverflowError)


def read_image(data: bytes, media_type: MediaType, *, limits: ReadLimits) -> tuple[Page, ...]:
    try:
        return _read_image(data, media_type, limits=limits)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_large(str(exc)) from exc
    except _DAMAGED as exc:
        raise DocumentProcessingError(
            ErrorCode.UNREADABLE_FILE, f"The image cannot be read: {type(exc).__name__}: {exc}"[:300]) from exc


def _read_image(data: bytes, media_type: MediaType, *, limits: ReadLimits) -> tuple[Page, ...]:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        Image.MAX_IMAGE_PIXELS = limits.max_pixels  # Pillow reads it at open(); ours are all equal
        img = _open(data, media_type)
        with img:
            n = getattr(img, "n_frames", 1)
            if n > limits.max_pages:
                raise DocumentProcessingError(
                    ErrorCode.TOO_MANY_PAGES, f"The image has {n} pages; the limit is {limits.max_pages}.")
            for i in range(n):  # every frame within the limits before any is decoded
                _check_frame(img, i, limits)
            return tuple(_read_frame(img, i, limits) for i in range(n))


def _open(data: bytes, media_type: MediaType) -> Image.Image:
    try:
        return Image.open(io.BytesIO(data), formats=[_PIL_FORMAT[media_type]])
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_large(str(exc)) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise DocumentProcessingError(ErrorCode.UNREADABLE_FILE, f"The image cannot be read: {exc}") from exc


def _check_frame(img: Image.Image, index: int, limits: ReadLimits) -> None:
    try:
        img.seek(index)
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise DocumentProcessingError(
            ErrorCode.UNREADABLE_FILE, f"Page {index + 1} of the image cannot be read: {exc}") from exc
    w, h = img.size
    if w * h > limits.max_pixels:
        raise _too_large(f"page {index + 1} is {w}x{h} pixels, the limit is {limits.max_pixels:,}")


def _read_frame(img: Image.Image, index: int, limits: ReadLimits) -> Page:
    try:
        img.seek(index)
        img.load()
        orientation = img.getexif().get(_EXIF_ORIENTATION, 1)
        exif_rot = _EXIF_ROTATION.get(orientation, 0)
        # turned (or mirrored) upright; an upright frame is read as it is, not copied
        frame = ImageOps.exif_transpose(img) if orientation in range(2, 9) else img
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_large(str(exc)) from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise DocumentProcessingError(
            ErrorCode.UNREADABLE_FILE, f"Page {index + 1} of the image cannot be decoded: {exc}") from exc
    res = ocr_image(frame, limits=limits, dpi_hint=_declared_dpi(img))
    return Page(
        number=index + 1, width=float(res.width), height=float(res.height), source=TextSource.OCR,
        words=res.words, ocr_confidence=res.confidence, rotation=(exif_rot + res.rotation) % 360,
    )


def _declared_dpi(img: Image.Image) -> float | None:
    """The resolution the file declares (PNG pHYs, TIFF, JFIF), if any and square."""
    dpi = img.info.get("dpi")
    try:
        x, y = (float(v) for v in dpi)
    except (TypeError, ValueError):
        return None
    return x if x > 0 and abs(x - y) <= 0.01 * x else None


def _too_large(detail: str) -> DocumentProcessingError:
    return DocumentProcessingError(
        ErrorCode.IMAGE_TOO_LARGE, f"The image is too large to process ({detail}); upload a smaller scan or photo.")
