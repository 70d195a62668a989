"""Recording a reviewer's decision: approve (as proposed or with corrections, which re-run
the rules), deny with a reason, or send back for more documentation; with an optional
quorum. Every decision writes an audit event (who, when, before -> after); approved
credit enters the journal and the certificant's caps are re-allocated."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session

from ..domain import (
    AuditAction,
    Category,
    Certificant,
    CreditProposal,
    DocumentRecord,
    FieldName,
    JournalEntry,
    Route,
    Status,
)
from ..errors import ConflictError, NotFoundError
from ..pipeline import decide as rerun_rules
from ..journal import reallocate
from ..storage import repo, session_scope
from ..storage.repo import review as rq
from ..storage.repo.applications import application_of_document
from .context import ReviewContext
from .corrections import corrected_evidence, diff, evidence_of
from .letters import LetterFacts, deliver
from .models import Correction, Decision, DecisionOutcome, DecisionRequest, InvalidDecision, Resolution
from .queue import to_item, utcnow

HOURS_CATEGORIES = (Category.COURSEWORK, Category.TRAINING, Category.CONFERENCE, Category.INSTRUCTION,
                    Category.VOLUNTEER)


@dataclass(frozen=True, slots=True)
class _Final:
    proposal: CreditProposal
    changes: list[Correction]
    overrides: list[str]


def decide(engine: Engine, req: DecisionRequest, *, ctx: ReviewContext, now: datetime | None = None
           ) -> DecisionOutcome:
    now = now or utcnow()
    if not req.note.strip():
        raise InvalidDecision("--note is required: say why", hint='--note "hours confirmed with the sponsor"')
    if req.decision is not Decision.APPROVE and (req.corrections or req.category or req.cecs is not None):
        raise InvalidDecision("corrections (--set, --category, --cecs) go with --approve only")
    if req.cecs is not None and req.cecs < 0:
        raise InvalidDecision("--cecs cannot be negative")
    with session_scope(engine) as s:
        outcome, facts = _decide_in(s, req, ctx=ctx, now=now)
    if facts is not None:  # after commit: a mail problem never undoes a decision
        path = deliver(facts, outbox=ctx.outbox_dir, smtp_url=ctx.smtp_url, sender=ctx.mail_from)
        outcome = replace(outcome, letter=str(path))
    return outcome


def _decide_in(s: Session, req: DecisionRequest, *, ctx: ReviewContext, now: datetime
               ) -> tuple[DecisionOutcome, LetterFacts | None]:
    entry = rq.queue_entry(session=s, document_id=req.document_id, for_update=True)
    if entry is None:
        raise NotFoundError(f"{req.document_id!r} is not in the review queue")
    item = to_item(entry, ctx.quorum)
    if entry.resolution is not None or entry.status is not Status.NEEDS_REVIEW:
        raise ConflictError(f"{req.document_id} was already decided ({entry.resolution or entry.status.value})")
    if item.claimed(now) and item.claimed_by != req.reviewer:
        raise ConflictError(f"{req.document_id} is claimed by {item.claimed_by} until "
                            f"{item.lease_expires_at:%Y-%m-%d %H:%M} UTC")
    if any(v.reviewer == req.reviewer for v in rq.votes(session=s, document_id=req.document_id)):
        raise ConflictError(f"{req.reviewer} has already voted on {req.document_id}; another reviewer must decide")
    app_id = application_of_document(session=s, document_id=req.document_id)
    if app_id is not None:  # a sponsor's application: the committee decides it, and approval issues a code
        verb = "--approve" if req.decision is Decision.APPROVE else "--reject"
        raise ConflictError(f"{req.document_id} is part of sponsor application {app_id}, which the committee "
                            "decides as a whole (approval issues its code and writes the sponsor's letter)",
                            hint=f'cecintake applications decide {app_id} --reviewer {req.reviewer} {verb} --note "..."')
    record = repo.load_record(session=s, document_id=req.document_id)
    if record is None:  # pragma: no cover - the queue row references the document
        raise NotFoundError(req.document_id)
    cert = repo.get_certificant(session=s, certificant_id=record.certificant_id) if record.certificant_id else None
    before = _snapshot(record.status, record.proposal)
    if req.decision is Decision.APPROVE:
        return _approve(s, req, record, cert, item.approvals, item.approvals_needed, before, ctx=ctx, now=now)
    return _close(s, req, record, cert, before, ctx=ctx, now=now)


def _snapshot(status: Status, p: CreditProposal | None) -> dict:
    return {"status": status.value, "category": None if p is None or p.category is None else int(p.category),
            "cecs": None if p is None else p.cecs, "rule_ids": [] if p is None else list(p.rule_ids)}


def _rerun(s: Session, req: DecisionRequest, record: DocumentRecord, cert: Certificant | None,
           ctx: ReviewContext) -> _Final:
    """The rules on the (corrected) evidence; overrides recorded in the explanation."""
    changes = diff(record, req.corrections)
    ev = corrected_evidence(evidence_of(record), changes, reviewer=req.reviewer, category=req.category)
    journal = repo.journal_for(session=s, certificant_id=cert.certificant_id) if cert else []
    proposal, _ = rerun_rules(document_id=record.document_id, evidence=ev, certificant=cert,
                              submitted_at=record.submitted_at or record.registered_at, journal=journal,
                              offerings=repo.offerings_by_code(session=s), policy=ctx.policy,
                              thresholds=ctx.thresholds)
    overrides = [f"{c.field.value} {c.before!r} -> {c.after!r}" for c in changes]
    old = record.proposal
    if req.category is not None:
        if proposal.category is not req.category:
            proposal = _force_category(proposal, req.category, ev.value(FieldName.CONTACT_HOURS), ctx,
                                       explicit_cecs=req.cecs is not None)
        if old is None or old.category is not req.category:
            overrides.append(f"category {None if old is None or old.category is None else int(old.category)}"
                             f" -> {int(req.category)}")
    if req.cecs is not None:
        overrides.append(f"CECs {proposal.cecs:g} -> {req.cecs:g}")
        proposal = replace(proposal, cecs=req.cecs, raw_cecs=req.cecs)
    elif proposal.route in (Route.REJECT, Route.DUPLICATE):
        why = "; ".join(r.message for r in proposal.reasons) or proposal.route.value
        raise ConflictError(f"after the corrections the rules give no credit ({why})",
                            hint="deny it, or give --cecs to grant credit by override")
    if proposal.category is None:
        raise InvalidDecision("the rules cannot tell the category: give --category N (and --cecs if needed)")
    return _Final(proposal, changes, overrides)


def _force_category(p: CreditProposal, category: Category, hours: object, ctx: ReviewContext, *,
                    explicit_cecs: bool) -> CreditProposal:
    if category in HOURS_CATEGORIES and category is not Category.VOLUNTEER and isinstance(hours, int | float):
        rid, rate = ctx.policy.hours_rate(category)
        raw = ctx.policy.round(float(hours) / rate.hours_per_cec)
        ids = tuple(r for r in p.rule_ids if not r.startswith("cat")) + (rid,)
        return replace(p, category=category, cecs=raw, raw_cecs=raw, rule_ids=ids)
    if not explicit_cecs:
        raise InvalidDecision(f"the credit for category {int(category)} cannot be computed from this document's"
                              " fields: give --cecs too")
    return replace(p, category=category)


def _approve(s: Session, req: DecisionRequest, record: DocumentRecord, cert: Certificant | None, approvals: int,
             needed: int, before: dict, *, ctx: ReviewContext, now: datetime
             ) -> tuple[DecisionOutcome, LetterFacts | None]:
    final = _rerun(s, req, record, cert, ctx)
    p = final.proposal
    by = f"Approved by reviewer {req.reviewer}"
    if final.overrides:
        by += " with corrections (" + "; ".join(final.overrides) + ")"
    p = replace(p, explanation=f"{p.explanation} {by}: {req.note.strip()}")
    ev = corrected_evidence(evidence_of(record), final.changes, reviewer=req.reviewer, category=None)
    if final.changes:
        repo.save_fields(session=s, document_id=record.document_id, evidence=ev)
    repo.save_proposal(session=s, document_id=record.document_id, proposal=p)
    rq.add_vote(session=s, vote=rq.Vote(record.document_id, req.reviewer, Decision.APPROVE.value, now,
                                        None if p.category is None else int(p.category), p.cecs, None,
                                        [c.to_json() for c in final.changes], req.note))
    rq.set_approvals_needed(session=s, document_id=record.document_id, needed=needed)
    approvals += 1
    after = {**_snapshot(Status.APPROVED if approvals >= needed else Status.NEEDS_REVIEW, p),
             "decision": Decision.APPROVE.value, "approvals": approvals, "approvals_needed": needed,
             "corrections": [c.to_json() for c in final.changes], "explanation": p.explanation}
    if approvals < needed:
        rq.set_claim(session=s, document_id=record.document_id, reviewer=None, lease_until=None)
        repo.record_audit(session=s, actor=req.reviewer, action=AuditAction.DECIDED, document_id=record.document_id,
                          certificant_id=record.certificant_id, before=before, after=after, note=req.note)
        return DecisionOutcome(record.document_id, Decision.APPROVE, False, Status.NEEDS_REVIEW.value, p.category,
                               p.cecs, p.explanation, approvals, needed), None
    if cert is None:
        raise ConflictError(f"{record.document_id} belongs to no known certificant: credit cannot be journaled",
                            hint="deny it, or send it back asking who submitted it")
    adjusted = _journal(s, record, cert, p, ctx=ctx, actor=req.reviewer)
    repo.set_status(session=s, document_id=record.document_id, status=Status.APPROVED)
    rq.resolve(session=s, document_id=record.document_id, resolution=Resolution.APPROVED.value, at=now)
    repo.record_audit(session=s, actor=req.reviewer, action=AuditAction.DECIDED, document_id=record.document_id,
                      certificant_id=record.certificant_id, before=before, after=after, note=req.note)
    outcome = DecisionOutcome(record.document_id, Decision.APPROVE, True, Status.APPROVED.value, p.category,
                              p.cecs, p.explanation, approvals, needed, adjusted=adjusted)
    return outcome, _facts(s, record, req, p.category, p.cecs, now)


def _journal(s: Session, record: DocumentRecord, cert: Certificant, p: CreditProposal, *, ctx: ReviewContext,
             actor: str) -> tuple[str, ...]:
    """Put the credit in the journal, then re-allocate the certificant's caps; every other
    entry that changes gets an audit event."""
    if p.category is None:  # pragma: no cover - _rerun guarantees a category
        raise InvalidDecision("no category")
    repo.put_journal_entry(session=s, entry=JournalEntry(
        certificant_id=cert.certificant_id, document_id=record.document_id, category=p.category, cecs=p.cecs,
        activity_date=p.activity_date or (record.submitted_at or record.registered_at).date(),
        activity_key=p.activity_key or record.document_id, rule_ids=p.rule_ids, raw_cecs=p.raw_cecs,
        details=p.details))
    return _reallocate(s, cert, ctx=ctx, actor=actor, cause=record.document_id)


def _reallocate(s: Session, cert: Certificant, *, ctx: ReviewContext, actor: str, cause: str) -> tuple[str, ...]:
    return reallocate(s, cert, policy=ctx.policy, actor=actor, cause=cause)


def _close(s: Session, req: DecisionRequest, record: DocumentRecord, cert: Certificant | None, before: dict, *,
           ctx: ReviewContext, now: datetime) -> tuple[DecisionOutcome, LetterFacts | None]:
    """Deny, or send back for more documentation."""
    p = record.proposal
    deny = req.decision is Decision.DENY
    code = f" [{req.reason_code.value}]" if req.reason_code else ""
    verb = "Denied" if deny else "Sent back for more documentation"
    explanation = f"{p.explanation if p else ''} {verb} by reviewer {req.reviewer}{code}: {req.note.strip()}".strip()
    if p is not None:
        repo.save_proposal(session=s, document_id=record.document_id,
                           proposal=replace(p, explanation=explanation, cecs=0.0 if deny else p.cecs))
    rq.add_vote(session=s, vote=rq.Vote(record.document_id, req.reviewer, req.decision.value, now,
                                        reason_code=req.reason_code.value if req.reason_code else None,
                                        note=req.note))
    adjusted: tuple[str, ...] = ()
    if deny:
        repo.remove_journal_entry(session=s, document_id=record.document_id)
        repo.set_status(session=s, document_id=record.document_id, status=Status.DENIED)
        if cert is not None:
            adjusted = _reallocate(s, cert, ctx=ctx, actor=req.reviewer, cause=record.document_id)
    status = Status.DENIED if deny else Status.NEEDS_REVIEW
    resolution = Resolution.DENIED if deny else Resolution.SENT_BACK
    rq.resolve(session=s, document_id=record.document_id, resolution=resolution.value, at=now)
    after = {**_snapshot(status, p), "cecs": 0.0 if deny else (p.cecs if p else None),
             "decision": req.decision.value, "resolution": resolution.value,
             "reason_code": req.reason_code.value if req.reason_code else None, "explanation": explanation}
    repo.record_audit(session=s, actor=req.reviewer, action=AuditAction.DECIDED, document_id=record.document_id,
                      certificant_id=record.certificant_id, before=before, after=after, note=req.note)
    outcome = DecisionOutcome(record.document_id, req.decision, True, status.value, p.category if p else None,
                              0.0, explanation, 0, 1, adjusted=adjusted)
    return outcome, _facts(s, record, req, p.category if p else None, 0.0, now)


def _facts(s: Session, record: DocumentRecord, req: DecisionRequest, category: Category | None, cecs: float,
           now: datetime) -> LetterFacts:
    name, email = rq.certificant_email(session=s, certificant_id=record.certificant_id)
    return LetterFacts(record.document_id, record.certificant_id, name, email, record.original_filename,
                       req.decision, None if category is None else int(category), cecs, req.note.strip(), now)
