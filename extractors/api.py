"""The contract between the pipeline and the extractors (ARCHITECTURE habit 3).

The pipeline calls exactly two things:

* ``read_document(data, limits=...) -> ReadDocument`` (package ``reading``):
  sniff the type from the bytes, use a PDF's text layer where it is usable,
  OCR what is not. Raises ``DocumentProcessingError`` with a stable ``ErrorCode``.
* ``extract_evidence(doc, context=...) -> Evidence`` (package ``fields``):
  classify the document and extract fields, each with confidence and provenance.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from cecintake.domain import Evidence, ReadDocument


@dataclass(frozen=True, slots=True)
class ReadLimits:
    max_bytes: int = 50 * 1024 * 1024
    max_pages: int = 200
    max_pixels: int = 60_000_000  # per image / rendered page
    ocr_dpi: int = 200  # pages are read at this resolution (300 was slower and read scans and photos worse)
    ocr_timeout_s: float = 60.0  # per page
    ocr_lang: str = "eng"


@dataclass(frozen=True, slots=True)
class ExtractionContext:
    """What extraction may know besides the document: the roster name expected,
    so that names can be matched (never invented)."""

    expected_name: str | None = None


class Reader(Protocol):
    def __call__(self, data: bytes, *, limits: ReadLimits) -> ReadDocument: ...


class EvidenceExtractor(Protocol):
    def __call__(self, doc: ReadDocument, *, context: ExtractionContext) -> Evidence: ...
