"""Decide what an upload is from its bytes (magic numbers), never its name.

DOCX is a ZIP (OOXML package) holding ``word/document.xml``; any other ZIP is
unsupported. Size limits that need nothing but the length are checked here too.
"""

from __future__ import annotations

import io
import zipfile

from cecintake.domain.vocab import ErrorCode, MediaType
from cecintake.errors import DocumentProcessingError

from ..api import ReadLimits

_PDF_SCAN_BYTES = 1024  # a PDF header may follow some junk; Acrobat tolerates 1 KiB
_MAGIC: tuple[tuple[bytes, MediaType], ...] = (
    (b"\x89PNG\r\n\x1a\n", MediaType.PNG),
    (b"\xff\xd8\xff", MediaType.JPEG),
    (b"II*\x00", MediaType.TIFF),
    (b"MM\x00*", MediaType.TIFF),
)
_ZIP_MAGIC = (b"PK\x03\x04",)
DOCX_MAIN_PART = "word/document.xml"


def check_size(data: bytes, limits: ReadLimits) -> None:
    if not data:
        raise DocumentProcessingError(ErrorCode.EMPTY_FILE, "The file is empty (0 bytes).")
    if len(data) > limits.max_bytes:
        raise DocumentProcessingError(
            ErrorCode.TOO_LARGE,
            f"The file is {len(data):,} bytes; the limit is {limits.max_bytes:,} bytes.",
        )


def sniff(data: bytes) -> MediaType:
    """The media type of ``data`` or ``DocumentProcessingError(UNSUPPORTED_FILE)``."""
    if b"%PDF-" in data[:_PDF_SCAN_BYTES]:
        return MediaType.PDF
    for magic, media_type in _MAGIC:
        if data.startswith(magic):
            return media_type
    if data.startswith(_ZIP_MAGIC):
        if _is_docx(data):
            return MediaType.DOCX
        raise DocumentProcessingError(
            ErrorCode.UNSUPPORTED_FILE,
            "The file is a ZIP archive but not a Word document (.docx); "
            "upload the document itself as PDF, DOCX, PNG, JPEG or TIFF.",
        )
    raise DocumentProcessingError(
        ErrorCode.UNSUPPORTED_FILE,
        f"Unsupported file type (starts with {data[:8]!r}); accepted: PDF, DOCX, PNG, JPEG, TIFF.",
    )


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return DOCX_MAIN_PART in zf.namelist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise DocumentProcessingError(
            ErrorCode.UNREADABLE_FILE, f"The ZIP/DOCX file is damaged: {exc}"
        ) from exc
