"""A stored document as the edges (export, review, web) see it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .models import CreditProposal, DocumentError, Evidence, ExtractedField, InstructorInfo, Reason
from .vocab import DocType, FieldName, Status, TextSource


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    document_id: str
    sha256: str
    file: str
    original_filename: str
    media_type: str
    size: int
    certificant_id: str | None
    status: Status
    registered_at: datetime
    submitted_at: datetime | None = None
    processed_at: datetime | None = None
    doc_type: DocType = DocType.UNKNOWN
    doc_type_confidence: float = 0.0
    text_source: TextSource = TextSource.NONE
    ocr_confidence: float | None = None
    fields: dict[FieldName, ExtractedField] = field(default_factory=dict)
    instructors: tuple[InstructorInfo, ...] = ()
    proposal: CreditProposal | None = None
    reasons: tuple[Reason, ...] = ()
    error: DocumentError | None = None

    def evidence(self) -> Evidence:
        """The evidence as stored (with any reviewer corrections), for re-running the rules."""
        return Evidence(doc_type=self.doc_type, doc_type_confidence=self.doc_type_confidence,
                        text_source=self.text_source, fields=dict(self.fields), instructors=self.instructors,
                        ocr_confidence=self.ocr_confidence)

    @property
    def claimed_at(self) -> datetime:
        """When the document counts as submitted: the manifest's submitted_at, else intake."""
        return self.submitted_at or self.registered_at
