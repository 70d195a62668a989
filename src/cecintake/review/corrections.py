"""Reviewers' corrections: parsing ``--set FIELD=VALUE``, applying them to the evidence,
and keeping them as labelled data (original vs corrected) with a report of which
fields reviewers correct most."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy.engine import Engine

from ..domain import Category, DocType, DocumentRecord, Evidence, ExtractedField, FieldName
from ..storage import session_scope
from ..storage.repo import review as rq
from .models import Correction, InvalidDecision

NUMERIC = frozenset({FieldName.CONTACT_HOURS, FieldName.VOLUNTEER_HOURS, FieldName.SERVICE_YEARS,
                     FieldName.EVENTS_ORGANIZED})
DATES = frozenset({FieldName.START_DATE, FieldName.END_DATE})

# the document type whose rules yield each category (1 and 2 share certificates)
CATEGORY_DOC_TYPE = {
    Category.COURSEWORK: DocType.COMPLETION_CERTIFICATE,
    Category.TRAINING: DocType.COMPLETION_CERTIFICATE,
    Category.CONFERENCE: DocType.CONFERENCE_ATTENDANCE,
    Category.INSTRUCTION: DocType.INSTRUCTION_LETTER,
    Category.PUBLICATION: DocType.PUBLICATION_ACCEPTANCE,
    Category.LEADERSHIP: DocType.SERVICE_LETTER,
    Category.VOLUNTEER: DocType.VOLUNTEER_LETTER,
}


def parse_assignment(text: str) -> tuple[FieldName, Any]:
    """``contact_hours=6.5`` -> (FieldName.CONTACT_HOURS, 6.5). An empty value clears the field."""
    name, sep, raw = text.partition("=")
    if not sep:
        raise InvalidDecision(f"--set {text!r}: expected FIELD=VALUE",
                              hint="e.g. --set contact_hours=6.5 --set start_date=2024-05-02")
    try:
        field = FieldName(name.strip())
    except ValueError as exc:
        raise InvalidDecision(f"--set {text!r}: unknown field {name.strip()!r}",
                              hint="fields: " + ", ".join(f.value for f in FieldName)) from exc
    return field, parse_value(field, raw)


def parse_value(field: FieldName, raw: Any) -> Any:
    if raw is None:
        return None
    text = str(raw).strip()
    if text == "":
        return None
    if field in NUMERIC:
        try:
            value = float(text)
        except ValueError as exc:
            raise InvalidDecision(f"{field.value} must be a number, not {text!r}") from exc
        if value < 0:
            raise InvalidDecision(f"{field.value} cannot be negative")
        return int(value) if value.is_integer() else value
    if field in DATES:
        try:
            return date.fromisoformat(text)
        except ValueError as exc:
            raise InvalidDecision(f"{field.value} must be a date as YYYY-MM-DD, not {text!r}") from exc
    return text


def _same(a: Any, b: Any) -> bool:
    return str(a) == str(b) if a is not None and b is not None else a is b


def diff(record: DocumentRecord, corrections: Mapping[FieldName, Any]) -> list[Correction]:
    """The corrections that actually change something."""
    out = []
    for name, value in corrections.items():
        before = record.fields.get(name)
        old = None if before is None else before.value
        if _same(old, value):
            continue
        out.append(Correction(name, old, value, None if before is None else before.confidence))
    return out


def evidence_of(record: DocumentRecord) -> Evidence:
    return Evidence(doc_type=record.doc_type, doc_type_confidence=record.doc_type_confidence,
                    text_source=record.text_source, fields=dict(record.fields), instructors=record.instructors,
                    ocr_confidence=record.ocr_confidence)


def corrected_evidence(evidence: Evidence, changes: Iterable[Correction], *, reviewer: str,
                       category: Category | None = None) -> Evidence:
    fields = dict(evidence.fields)
    for c in changes:
        if c.after is None:
            fields.pop(c.field, None)
        elif c.field in fields:
            fields[c.field] = fields[c.field].corrected(c.after, by=reviewer)
        else:
            fields[c.field] = ExtractedField(name=c.field, value=c.after, confidence=1.0,
                                             method=f"corrected by {reviewer}")
    ev = replace(evidence, fields=fields)
    if category is not None:
        ev = replace(ev, doc_type=CATEGORY_DOC_TYPE[category], doc_type_confidence=1.0)
    return ev


@dataclass(frozen=True, slots=True)
class LabelledCorrection:
    document_id: str
    reviewer: str
    decision: str
    field: str
    original: Any
    corrected: Any
    original_confidence: float | None

    def to_json(self) -> dict[str, Any]:
        return {"document_id": self.document_id, "reviewer": self.reviewer, "decision": self.decision,
                "field": self.field, "original": self.original, "corrected": self.corrected,
                "original_confidence": self.original_confidence}


def labelled_corrections(engine: Engine) -> list[LabelledCorrection]:
    with session_scope(engine) as s:
        votes = rq.votes(session=s)
    out = []
    for v in votes:
        for c in v.corrections:
            if "field" not in c:
                continue
            out.append(LabelledCorrection(v.document_id, v.reviewer, v.decision, c["field"], c.get("before"),
                                          c.get("after"), c.get("before_confidence")))
    return out


def corrections_jsonl(rows: Iterable[LabelledCorrection]) -> Iterator[str]:
    for r in rows:
        yield json.dumps(r.to_json(), ensure_ascii=False, default=str) + "\n"


@dataclass(frozen=True, slots=True)
class FieldCorrectionStat:
    field: str
    corrections: int
    documents: int
    mean_original_confidence: float | None


def correction_report(rows: Iterable[LabelledCorrection]) -> list[FieldCorrectionStat]:
    """Fields reviewers correct most, most corrected first."""
    counts: Counter[str] = Counter()
    docs: dict[str, set[str]] = {}
    confs: dict[str, list[float]] = {}
    for r in rows:
        counts[r.field] += 1
        docs.setdefault(r.field, set()).add(r.document_id)
        if r.original_confidence is not None:
            confs.setdefault(r.field, []).append(float(r.original_confidence))
    return [FieldCorrectionStat(f, n, len(docs[f]),
                                round(sum(confs[f]) / len(confs[f]), 3) if confs.get(f) else None)
            for f, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
