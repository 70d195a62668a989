"""Decisions: approve as proposed or with corrections, deny, send back, quorum; journal,
cap re-allocation, audit events, letters, labelled corrections."""

from __future__ import annotations

import email
import json
from dataclasses import replace
from datetime import date, datetime, timezone

import pytest

from cecintake.domain import Category, DocType, FieldName, ReasonCode, Status
from cecintake.errors import ConflictError, NotFoundError
from cecintake.review import (
    Decision,
    DecisionRequest,
    InvalidDecision,
    QuorumRule,
    claim,
    correction_report,
    corrections_jsonl,
    decide,
    labelled_corrections,
    list_queue,
    review_context,
    show,
)
from cecintake.rules import cycle_status, load_policy
from cecintake.storage import repo, session_scope

from .factory import add_certificant, queue_document

NOW = datetime(2024, 6, 10, 12, 0, tzinfo=timezone.utc)


def _status(engine, cid: str = "C-00017") -> dict:
    from cecintake.storage.repo.pending import pending_entries

    with session_scope(engine) as s:
        cert = repo.get_certificant(session=s, certificant_id=cid)
        journal = repo.journal_for(session=s, certificant_id=cid)
        pending = pending_entries(session=s, certificant_id=cid)
    return cycle_status(cert, journal=journal, pending=pending, policy=load_policy(), today=date(2024, 7, 1)).to_json()


def _req(doc: str, decision: Decision = Decision.APPROVE, **kw) -> DecisionRequest:
    return DecisionRequest(document_id=doc, reviewer=kw.pop("reviewer", "alice"), decision=decision,
                           note=kw.pop("note", "checked against the agenda"), **kw)


def test_approve_as_proposed_journals_audits_and_writes_letter(engine, settings):
    cert = add_certificant(engine)
    q = queue_document(engine, settings, certificant=cert, hours=6)
    assert _status(engine)["pending_total"] == 6.0
    out = decide(engine, _req(q.document_id), ctx=review_context(settings), now=NOW)
    assert out.final and out.status == Status.APPROVED.value and out.cecs == 6.0
    st = _status(engine)
    assert st["earned_total"] == 6.0 and st["by_category"] == {"2": 6.0} and st["pending_total"] == 0
    d = show(engine, q.document_id)
    assert d.record.status is Status.APPROVED and d.item is not None and d.item.resolution == "approved"
    decided = [h for h in d.history if h.action == "decided"][0]
    assert decided.actor == "alice" and decided.before["status"] == "needs_review"
    assert decided.after["status"] == "approved" and decided.after["cecs"] == 6.0
    assert list_queue(engine) == []
    letter = email.message_from_bytes(open(out.letter, "rb").read())
    assert letter["To"] == "maria@example.org" and "approved" in letter["Subject"]
    assert "6 CECs in category 2" in letter.get_payload(decode=True).decode()


def test_approve_with_corrections_reruns_rules_and_records_override(engine, settings):
    cert = add_certificant(engine)
    q = queue_document(engine, settings, certificant=cert, hours="6 (?)", hours_confidence=0.3)
    out = decide(engine, _req(q.document_id, corrections={FieldName.CONTACT_HOURS: 7.5}),
                 ctx=review_context(settings), now=NOW)
    assert out.cecs == 7.5
    assert "contact_hours '6 (?)' -> 7.5" in out.explanation and "Approved by reviewer alice" in out.explanation
    rec = show(engine, q.document_id).record
    assert rec.fields[FieldName.CONTACT_HOURS].value == 7.5
    assert rec.fields[FieldName.CONTACT_HOURS].method == "corrected by alice"
    assert _status(engine)["earned_total"] == 7.5
    rows = labelled_corrections(engine)
    assert [(r.field, r.original, r.corrected) for r in rows] == [("contact_hours", "6 (?)", 7.5)]
    assert json.loads(next(corrections_jsonl(rows)))["original_confidence"] == pytest.approx(0.3)
    assert correction_report(rows)[0].field == "contact_hours"


def test_category_and_cecs_overrides(engine, settings):
    cert = add_certificant(engine)
    q = queue_document(engine, settings, certificant=cert, hours=6)
    out = decide(engine, _req(q.document_id, category=Category.CONFERENCE), ctx=review_context(settings), now=NOW)
    assert out.category is Category.CONFERENCE and out.cecs == 3.0  # 2 hours per CEC
    assert "category 2 -> 3" in out.explanation
    q2 = queue_document(engine, settings, certificant=cert, hours=6, title="Another workshop")
    out2 = decide(engine, _req(q2.document_id, cecs=4.25), ctx=review_context(settings), now=NOW)
    assert out2.cecs == 4.25 and "CECs 6 -> 4.25" in out2.explanation


def test_deny_and_send_back(engine, settings):
    cert = add_certificant(engine)
    q1 = queue_document(engine, settings, certificant=cert, hours=6)
    q2 = queue_document(engine, settings, certificant=cert, hours=3, title="Second")
    ctx = review_context(settings)
    out = decide(engine, _req(q1.document_id, Decision.DENY, reason_code=ReasonCode.NOT_EVIDENCE,
                              note="an agenda, not a certificate"), ctx=ctx, now=NOW)
    assert out.status == Status.DENIED.value and out.cecs == 0
    assert "[not_evidence]" in out.explanation
    back = decide(engine, _req(q2.document_id, Decision.SEND_BACK, note="please send the certificate"), ctx=ctx,
                  now=NOW)
    assert back.status == Status.NEEDS_REVIEW.value
    assert show(engine, q2.document_id).item.resolution == "sent_back"
    assert list_queue(engine) == []
    st = _status(engine)
    assert st["earned_total"] == 0 and st["pending_total"] == 3.0  # sent back: still pending, apart
    with pytest.raises(ConflictError):
        decide(engine, _req(q1.document_id), ctx=ctx, now=NOW)


def test_guards(engine, settings):
    cert = add_certificant(engine)
    q = queue_document(engine, settings, certificant=cert)
    ctx = review_context(settings)
    claim(engine, reviewer="bob", lease_minutes=15)
    with pytest.raises(ConflictError, match="claimed by bob"):
        decide(engine, _req(q.document_id), ctx=ctx)  # alice cannot decide bob's item while his lease runs
    with pytest.raises(InvalidDecision):
        decide(engine, _req(q.document_id, reviewer="bob", note="  "), ctx=ctx)
    with pytest.raises(InvalidDecision):
        decide(engine, _req(q.document_id, Decision.DENY, reviewer="bob", cecs=1.0), ctx=ctx)
    with pytest.raises(NotFoundError):
        decide(engine, _req("D-missing", reviewer="bob"), ctx=ctx)


def test_quorum_needs_distinct_reviewers(engine, settings):
    cert = add_certificant(engine)
    q = queue_document(engine, settings, certificant=cert, hours=6)
    ctx = replace(review_context(settings), quorum=QuorumRule.parse("low_confidence=2"))
    first = decide(engine, _req(q.document_id, reviewer="alice"), ctx=ctx, now=NOW)
    assert not first.final and first.approvals == 1 and first.approvals_needed == 2
    assert _status(engine)["earned_total"] == 0
    with pytest.raises(ConflictError, match="already voted"):
        decide(engine, _req(q.document_id, reviewer="alice"), ctx=ctx, now=NOW)
    assert claim(engine, reviewer="alice", lease_minutes=15) is None  # alice cannot take it again
    second = decide(engine, _req(q.document_id, reviewer="bob"), ctx=ctx, now=NOW)
    assert second.final and second.status == Status.APPROVED.value
    assert _status(engine)["earned_total"] == 6.0


def test_approval_reallocates_caps_with_audit(engine, settings):
    """Two volunteer claims crossing the 5-CEC cap: approving the earlier one takes the cap
    from the later, auto-accepted one, which gets an audit event."""
    cert = add_certificant(engine)
    vol = {FieldName.NONPROFIT: "yes", FieldName.TASK_DESCRIPTION: "native seed collection for restoration",
           FieldName.SIGNER_ROLE: "Volunteer Coordinator"}
    later = queue_document(engine, settings, certificant=cert, doc_type=DocType.VOLUNTEER_LETTER, hours=None,
                           hours_confidence=0.99, activity=date(2024, 3, 1), title="Spring seed days",
                           extra={FieldName.VOLUNTEER_HOURS: 16, **vol})
    assert later.status is Status.AUTO_ACCEPTED, show(engine, later.document_id).record.proposal.explanation
    earlier = queue_document(engine, settings, certificant=cert, doc_type=DocType.VOLUNTEER_LETTER, hours=None,
                             activity=date(2024, 1, 10), title="Winter weeding",
                             extra={FieldName.VOLUNTEER_HOURS: 12, FieldName.NONPROFIT: "maybe",
                                    FieldName.TASK_DESCRIPTION: vol[FieldName.TASK_DESCRIPTION],
                                    FieldName.SIGNER_ROLE: "Director"})
    assert earlier.status is Status.NEEDS_REVIEW
    out = decide(engine, _req(earlier.document_id, corrections={FieldName.NONPROFIT: "yes"}),
                 ctx=review_context(settings), now=NOW)
    assert out.adjusted == (later.document_id,)
    with session_scope(engine) as s:
        journal = {e.document_id: e.cecs for e in repo.journal_for(session=s, certificant_id=cert.certificant_id)}
    assert journal == {earlier.document_id: 3.0, later.document_id: 2.0}
    adj = [h for h in show(engine, later.document_id).history if h.action == "journal_adjusted"]
    assert adj and adj[0].before == {"cecs": 4.0} and adj[0].after == {"cecs": 2.0}
    assert _status(engine)["volunteer_used"] == 5.0
