"""Plain domain objects: what a document says, what the policy proposes, what a
certificant has earned. No ORM, no I/O; frozen where they are values."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from .vocab import (
    Category,
    CertificantLevel,
    DocType,
    ErrorCode,
    FieldName,
    MediaType,
    ReasonCode,
    Route,
    TextSource,
)

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in page units (PDF points or pixels)


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    bbox: BBox
    confidence: float = 1.0  # 1.0 for a text layer, Tesseract's conf / 100 for OCR
    line: int = 0  # reading-order line index on the page


@dataclass(frozen=True, slots=True)
class Page:
    number: int  # 1-based
    width: float
    height: float
    source: TextSource
    words: tuple[Word, ...] = ()
    ocr_confidence: float | None = None  # mean word confidence, 0..1, OCR pages only
    rotation: int = 0  # degrees applied to make the page upright

    @property
    def text(self) -> str:
        """The page as lines of text in reading order."""
        lines: dict[int, list[str]] = {}
        for w in self.words:
            lines.setdefault(w.line, []).append(w.text)
        return "\n".join(" ".join(ws) for _, ws in sorted(lines.items()))


@dataclass(frozen=True, slots=True)
class ReadDocument:
    """The result of reading a file: its pages with words and where they came from."""

    media_type: MediaType
    pages: tuple[Page, ...]

    @property
    def text_source(self) -> TextSource:
        sources = {p.source for p in self.pages if p.words}
        if not sources:
            return TextSource.NONE
        if len(sources) == 1:
            return next(iter(sources))
        return TextSource.MIXED

    @property
    def text(self) -> str:
        return "\n\f\n".join(p.text for p in self.pages)

    @property
    def ocr_confidence(self) -> float | None:
        confs = [p.ocr_confidence for p in self.pages if p.ocr_confidence is not None]
        return min(confs) if confs else None


@dataclass(frozen=True, slots=True)
class ExtractedField:
    """One value read from a document, with its confidence and provenance."""

    name: FieldName
    value: Any
    confidence: float
    page: int | None = None
    bbox: BBox | None = None
    text: str | None = None  # the source text the value was read from
    method: str = ""  # how it was found (e.g. "label:contact hours", "schedule")

    def corrected(self, value: Any, *, by: str) -> ExtractedField:
        return replace(self, value=value, confidence=1.0, method=f"corrected by {by}")


@dataclass(frozen=True, slots=True)
class InstructorInfo:
    name: str
    credentials: tuple[str, ...] = ()
    affiliation: str | None = None
    qualified: bool | None = None  # None: the committee must decide
    qualification_basis: str | None = None
    confidence: float = 0.0


@dataclass(frozen=True, slots=True)
class Evidence:
    """Everything extraction learned about one document, ready for the rules."""

    doc_type: DocType
    doc_type_confidence: float
    text_source: TextSource
    fields: dict[FieldName, ExtractedField] = field(default_factory=dict)
    instructors: tuple[InstructorInfo, ...] = ()
    ocr_confidence: float | None = None
    notes: tuple[str, ...] = ()  # extraction-time observations (e.g. ambiguous dates)

    def value(self, name: FieldName) -> Any:
        f = self.fields.get(name)
        return None if f is None else f.value


@dataclass(frozen=True, slots=True)
class Reason:
    code: ReasonCode
    message: str


@dataclass(frozen=True, slots=True)
class Certificant:
    certificant_id: str
    full_name: str
    level: CertificantLevel
    cycle_start: date
    email: str | None = None


@dataclass(frozen=True, slots=True)
class Offering:
    """A pre-approved offering in the register."""

    approval_code: str
    title: str
    sponsor: str
    category: Category
    cecs: float
    valid_from: date
    valid_to: date
    terminated_on: date | None = None
    termination_reason: str | None = None


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """Credit counted (or held) for a certificant. ``details`` carries what the
    cross-claim rules need: role, org level, service year, course key, hours."""

    certificant_id: str
    document_id: str
    category: Category
    cecs: float
    activity_date: date
    activity_key: str  # normalised identity of the activity, for duplicate detection
    rule_ids: tuple[str, ...] = ()
    raw_cecs: float | None = None  # before caps
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Claim:
    """What the rules engine is asked to judge: one document's evidence for one certificant."""

    document_id: str
    evidence: Evidence
    certificant: Certificant | None
    submitted_at: datetime  # manifest's submitted_at, else the intake time
    name_match: float | None = None  # 0..1 similarity of participant name to the roster name


@dataclass(frozen=True, slots=True)
class CreditProposal:
    category: Category | None
    cecs: float
    rule_ids: tuple[str, ...]
    explanation: str
    confidence: float
    route: Route
    reasons: tuple[Reason, ...] = ()
    activity_date: date | None = None
    activity_key: str | None = None
    raw_cecs: float | None = None
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class DocumentError:
    code: ErrorCode
    message: str
    transient: bool = False
