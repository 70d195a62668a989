"""Export records per contract section 4 (JSON Lines) and a flat CSV view."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from .domain import DocumentRecord, ErrorCode, Status

CSV_COLUMNS = ["document_id", "sha256", "file", "certificant_id", "status", "doc_type", "doc_type_confidence",
               "text_source", "category", "cecs", "rule_ids", "proposal_confidence", "explanation",
               "review_reasons", "error_code", "error_message", "participant_name", "activity_title", "provider",
               "start_date", "end_date", "contact_hours", "approval_code"]
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _value(v: Any) -> Any:
    if isinstance(v, date):
        return v.isoformat()
    return v


def to_record(doc: DocumentRecord) -> dict[str, Any]:
    status, error = doc.status, doc.error
    error_obj = None if error is None else {"code": error.code.value, "message": error.message}
    if status is Status.PENDING:  # interrupted before processing: say so, never hide it
        status = Status.FAILED
        error_obj = {"code": ErrorCode.INTERRUPTED.value,
                     "message": "processing was interrupted before this document finished; run ingest again"}
    p = doc.proposal
    return {
        "document_id": doc.document_id,
        "sha256": doc.sha256,
        "file": doc.file,
        "certificant_id": doc.certificant_id,
        "status": status.value,
        "doc_type": {"value": doc.doc_type.value, "confidence": round(doc.doc_type_confidence, 4)},
        "text_source": doc.text_source.value,
        "fields": {
            f.name.value: {"value": _value(f.value), "confidence": round(f.confidence, 4), "page": f.page,
                           "bbox": [round(x, 2) for x in f.bbox] if f.bbox else None, "text": f.text}
            for f in doc.fields.values()
        },
        "instructors": [{"name": i.name, "credentials": list(i.credentials), "qualified": i.qualified,
                         "confidence": round(i.confidence, 4)} for i in doc.instructors],
        "proposal": None if p is None else {
            "category": None if p.category is None else int(p.category), "cecs": p.cecs,
            "rule_ids": list(p.rule_ids), "confidence": round(p.confidence, 4), "explanation": p.explanation},
        "review_reasons": [{"code": r.code.value, "message": r.message} for r in doc.reasons],
        "error": error_obj,
    }


def jsonl_lines(docs: Iterable[DocumentRecord]) -> Iterator[str]:
    for d in docs:
        yield json.dumps(to_record(d), ensure_ascii=False, sort_keys=False) + "\n"


def csv_safe(value: Any) -> str:
    """A cell a spreadsheet will not run: text starting with = + - @ is quoted with '."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(_FORMULA_PREFIXES):
        return "'" + text
    return text


def csv_chunks(docs: Iterable[DocumentRecord]) -> Iterator[str]:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    for d in docs:
        rec = to_record(d)
        prop = rec["proposal"] or {}
        fields = rec["fields"]
        row = [rec["document_id"], rec["sha256"], rec["file"], rec["certificant_id"], rec["status"],
               rec["doc_type"]["value"], rec["doc_type"]["confidence"], rec["text_source"], prop.get("category"),
               prop.get("cecs"), " ".join(prop.get("rule_ids", [])), prop.get("confidence"), prop.get("explanation"),
               "; ".join(f"{r['code']}: {r['message']}" for r in rec["review_reasons"]),
               (rec["error"] or {}).get("code"), (rec["error"] or {}).get("message")]
        row += [fields.get(n, {}).get("value") for n in CSV_COLUMNS[16:]]
        writer.writerow([cell if isinstance(cell, (int, float)) and not isinstance(cell, bool) else csv_safe(cell)
                         for cell in row])
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()
    yield buf.getvalue()
