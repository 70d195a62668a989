"""Queued documents for the review and web tests, stored through the repository functions
(the same calls the intake makes), with a real one-page PDF in the blob store so the
web can draw the page and the fields' boxes."""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy.engine import Engine

from cecintake.config import Settings
from cecintake.domain import (
    AuditAction,
    Certificant,
    CertificantLevel,
    DocType,
    Evidence,
    ExtractedField,
    FieldName,
    JournalEntry,
    MediaType,
    Page,
    ReadDocument,
    Status,
    TextSource,
    Word,
)
from cecintake.pipeline import decide
from cecintake.rules import RoutingThresholds, load_policy
from cecintake.storage import BlobStore, session_scope
from cecintake.storage import repo

PAGE_W, PAGE_H = 612.0, 792.0
POLICY = load_policy()


def add_certificant(engine: Engine, cid: str = "C-00017", name: str = "Maria L. Fernandez",
                    cycle_start: date = date(2022, 4, 1), email: str | None = "maria@example.org") -> Certificant:
    cert = Certificant(cid, name, CertificantLevel.CERP, cycle_start, email)
    with session_scope(engine) as s:
        repo.upsert_certificants(session=s, certificants=[cert])
    return cert


def pdf_with_lines(lines: list[tuple[str, float, float]]) -> bytes:
    """A one-page Letter PDF with each (text, x, top) drawn in 12 pt Helvetica."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))
    c.setFont("Helvetica", 12)
    for text, x, top in lines:
        c.drawString(x, PAGE_H - top - 10, text)
    c.drawString(72, 40, uuid.uuid4().hex)  # distinct bytes per document
    c.showPage()
    c.save()
    return buf.getvalue()


@dataclass(frozen=True)
class Queued:
    document_id: str
    sha256: str
    status: Status


def queue_document(engine: Engine, settings: Settings, *, certificant: Certificant | None,
                   title: str = "Prairie Seed Collection Workshop", hours: Any = 6.0,
                   hours_confidence: float = 0.55, name: str | None = None,
                   activity: date = date(2024, 5, 2), submitted_at: datetime | None = None,
                   doc_type: DocType = DocType.COMPLETION_CERTIFICATE, extra: dict[FieldName, Any] | None = None
                   ) -> Queued:
    """A completion certificate whose hours were read with low confidence: it goes to review."""
    submitted_at = submitted_at or datetime(2024, 6, 1, 9, 0, tzinfo=timezone.utc)
    name = name or (certificant.full_name if certificant else "Someone Else")
    values: list[tuple[FieldName, Any, float, str]] = [
        (FieldName.PARTICIPANT_NAME, name, 0.97, f"awarded to {name}"),
        (FieldName.ACTIVITY_TITLE, title, 0.95, title),
        (FieldName.PROVIDER, "Tallgrass Restoration Network", 0.95, "Tallgrass Restoration Network"),
        (FieldName.START_DATE, activity, 0.96, activity.isoformat()),
        (FieldName.END_DATE, activity, 0.96, activity.isoformat()),
        (FieldName.CONTACT_HOURS, hours, hours_confidence, f"Contact hours: {hours}"),
    ]
    for k, v in (extra or {}).items():
        values.append((k, v, 0.95, str(v)))
    lines = [(text, 72.0, 100.0 + 30 * i) for i, (_, _, _, text) in enumerate(values)]
    data = pdf_with_lines(lines)
    fields = {}
    words = []
    for i, ((fname, v, conf, text), (_, x, top)) in enumerate(zip(values, lines, strict=True)):
        bbox = (x, top, x + 7.0 * len(text), top + 12.0)
        fields[fname] = ExtractedField(fname, v, conf, page=1, bbox=bbox, text=text, method="test")
        words.append(Word(text, bbox, 1.0, i))
    read = ReadDocument(MediaType.PDF, (Page(1, PAGE_W, PAGE_H, TextSource.TEXT_LAYER, tuple(words)),))
    evidence = Evidence(DocType(doc_type), 0.97, TextSource.TEXT_LAYER, fields)
    sha = BlobStore(settings.store_dir).put(data)
    with session_scope(engine) as s:
        reg = repo.register_document(session=s, sha256=sha, source_path=f"uploads/{sha[:8]}.pdf",
                                     original_filename=f"{sha[:8]}.pdf", size=len(data),
                                     certificant_id=certificant.certificant_id if certificant else None,
                                     submitted_at=submitted_at, run_id=None)
        journal = repo.journal_for(session=s, certificant_id=certificant.certificant_id) if certificant else []
        proposal, status = decide(document_id=reg.document_id, evidence=evidence, certificant=certificant,
                                  submitted_at=submitted_at, journal=journal, offerings={}, policy=POLICY,
                                  thresholds=RoutingThresholds())
        repo.save_processed(session=s, document_id=reg.document_id, media_type=MediaType.PDF.value, read=read,
                            evidence=evidence, proposal=proposal, status=status)
        if status is Status.AUTO_ACCEPTED and certificant and proposal.category and proposal.activity_date:
            repo.put_journal_entry(session=s, entry=JournalEntry(
                certificant.certificant_id, reg.document_id, proposal.category, proposal.cecs,
                proposal.activity_date, proposal.activity_key or reg.document_id, proposal.rule_ids,
                proposal.raw_cecs, proposal.details))
        repo.record_audit(session=s, actor="intake", action=AuditAction.PROCESSED, document_id=reg.document_id,
                          after={"status": status.value})
    return Queued(reg.document_id, sha, status)
