"""Reading: bytes of an upload -> pages of positioned words with confidence.

``read_document(data, limits=...)`` sniffs the type from the bytes, uses a
PDF's text layer page by page where it is usable and Tesseract OCR where it is
not, OCRs images (PNG, JPEG, multi-page TIFF) and reads DOCX paragraphs.
Every failure is a ``DocumentProcessingError`` with a stable ``ErrorCode``.
"""

from __future__ import annotations

from cecintake.domain.models import ReadDocument
from cecintake.domain.vocab import MediaType

from ..api import ReadLimits
from .docx import read_docx
from .images import read_image
from .pdf import read_pdf
from .sniff import check_size, sniff

__all__ = ["read_document", "ReadLimits"]


def read_document(data: bytes, *, limits: ReadLimits = ReadLimits()) -> ReadDocument:
    check_size(data, limits)
    media_type = sniff(data)
    if media_type is MediaType.PDF:
        pages = read_pdf(data, limits=limits)
    elif media_type is MediaType.DOCX:
        pages = read_docx(data, limits=limits)
    else:
        pages = read_image(data, media_type, limits=limits)
    return ReadDocument(media_type=media_type, pages=pages)
