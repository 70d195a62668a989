"""Pre-approval services over storage: the intake hook, the committee decision, termination,
and the register for the calendar. The CLI calls these and nothing below them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from ..domain import (
    AuditAction,
    Category,
    CreditProposal,
    DocType,
    Evidence,
    Offering,
    Reason,
    ReasonCode,
    Route,
    Status,
)
from ..errors import ConfigError, ConflictError, NotFoundError
from ..rules import Policy
from ..storage import repo, session_scope
from ..storage.repo import applications as ra
from .calendar import CalendarEntry
from .checks import evaluate, max_valid_to, with_qualification
from .extract import PacketPart, extract_application, role_of
from .letters import Letter, approval_letter, denial_letter, termination_letter
from .model import (
    Application,
    ApplicationRecord,
    ApplicationStatus,
    DocumentRole,
    PreapprovalConfig,
    PreapprovalProposal,
    Termination,
)

ACTOR = "preapproval"


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _aware(ts: datetime) -> datetime:
    return ts if ts.tzinfo else ts.replace(tzinfo=timezone.utc)


class InvalidApplicationDecision(ConfigError):
    """A decision that cannot be recorded as asked (usage)."""


# --- intake hook ---------------------------------------------------------------------------


def application_id_for(document_id: str) -> str:
    return "A-" + document_id.removeprefix("D-")


def link_upload(session: Session, *, application_id: str, document_id: str, submitted_at: datetime,
                config: PreapprovalConfig = PreapprovalConfig()) -> None:
    """Registration hook: a manifest row with an ``application_id`` puts the file in that packet."""
    ra.link_document(session=session, application_id=application_id.strip(), document_id=document_id,
                     submitted_at=_aware(submitted_at), decision_weeks=config.decision_weeks)


def after_decide(session: Session, *, document_id: str, certificant_id: str | None, evidence: Evidence,
                 status: Status, submitted_at: datetime, policy: Policy,
                 application_id: str | None, config: PreapprovalConfig = PreapprovalConfig()) -> Status:
    """Intake hook, after a document's results are stored: a document in an application's packet,
    or a syllabus that belongs to no certificant, becomes (part of) an application for the committee.
    Returns the document's status (unchanged for every other document). ``application_id``: the
    application whose packet holds the document (None: none), read by the caller in this transaction."""
    app_id = application_id
    if app_id is None:
        if evidence.doc_type is not DocType.COURSE_SYLLABUS or certificant_id is not None:
            return status
        app_id = application_id_for(document_id)
        link_upload(session, application_id=app_id, document_id=document_id, submitted_at=submitted_at,
                    config=config)
    refresh(session, application_id=app_id, policy=policy)
    return Status(ra.document_status(session=session, document_id=document_id) or status)


def refresh(session: Session, *, application_id: str, policy: Policy) -> ApplicationRecord:
    """Re-read the whole packet, re-run the checks and put the proposal before the committee."""
    record = ra.get_application(session=session, application_id=application_id)
    if record is None:
        raise NotFoundError(f"no application {application_id!r}")
    docs = [d for d in ra.packet(session=session, application_id=application_id)
            if d.record.status not in (Status.FAILED, Status.PENDING)]  # pending: not read yet
    if record.status is not ApplicationStatus.PENDING or not docs:
        return record
    parts = [PacketPart(d.record.document_id, d.text, d.record.doc_type, _evidence(d.record)) for d in docs]
    roles = {p.document_id: role_of(p) for p in parts}
    for doc_id, role in roles.items():
        ra.set_role(session=session, document_id=doc_id, role=role)
    app = extract_application(application_id, parts)
    proposal = evaluate(app, policy)
    app = with_qualification(app, proposal)
    primary = next((p.document_id for p in parts if roles[p.document_id] is DocumentRole.SYLLABUS),
                   next((p.document_id for p in parts if roles[p.document_id] is not DocumentRole.RESUME),
                        parts[0].document_id))
    ra.save_application(session=session, application=app, proposal=proposal, primary_document_id=primary)
    for p in parts:
        repo.set_status(session=session, document_id=p.document_id, status=Status.NEEDS_REVIEW)
        if p.document_id == primary:
            repo.save_proposal(session=session, document_id=primary,
                               proposal=queue_proposal(app, proposal))
            ra.queue_for_committee(session=session, document_id=primary, queued_at=record.submitted_at,
                                   due_at=record.due_at)
        else:
            ra.drop_from_queue(session=session, document_id=p.document_id)
    session.flush()
    return ra.get_application(session=session, application_id=application_id)  # type: ignore[return-value]


def _evidence(rec) -> Evidence:  # noqa: ANN001 - a DocumentRecord
    return Evidence(rec.doc_type, rec.doc_type_confidence, rec.text_source, dict(rec.fields), rec.instructors,
                    rec.ocr_confidence)


def queue_proposal(app: Application, p: PreapprovalProposal) -> CreditProposal:
    """The application as a review-queue proposal (what ``review list/show`` display)."""
    head = Reason(ReasonCode.PREAPPROVAL_APPLICATION,
                  f"pre-approval application {app.application_id} from {app.sponsor or 'an unnamed sponsor'}"
                  f" ({app.title or 'untitled'}): decide with `cecintake applications decide {app.application_id}`")
    return CreditProposal(
        category=p.category, cecs=p.cecs, rule_ids=p.rule_ids,
        explanation=f"Pre-approval application {app.application_id}. {p.explanation}", confidence=1.0,
        route=Route.REVIEW, reasons=(head, *p.reasons), activity_date=p.valid_from,
        activity_key=f"application|{app.application_id}",
        details={"application_id": app.application_id,
                 "valid_from": p.valid_from.isoformat() if p.valid_from else None,
                 "valid_to": p.valid_to.isoformat() if p.valid_to else None})


# --- the committee's decision ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ApplicationDecision:
    application_id: str
    reviewer: str
    approve: bool
    note: str
    cecs: float | None = None
    valid_to: date | None = None
    category: Category | None = None


@dataclass(frozen=True, slots=True)
class DecisionResult:
    application_id: str
    status: ApplicationStatus
    proposal: PreapprovalProposal
    offering: Offering | None
    letter: Path
    notes: tuple[str, ...] = ()


def decide(engine: Engine, req: ApplicationDecision, *, policy: Policy, config: PreapprovalConfig, outbox: Path,
           now: datetime | None = None) -> DecisionResult:
    now = now or utcnow()
    if not req.note.strip():
        raise InvalidApplicationDecision("--note is required: say why", hint='--note "objectives and hours clear"')
    if not req.approve and (req.cecs is not None or req.valid_to is not None or req.category is not None):
        raise InvalidApplicationDecision("--cecs, --valid-to and --category go with --approve only")
    if req.cecs is not None and req.cecs <= 0:
        raise InvalidApplicationDecision("--cecs must be more than 0")
    with session_scope(engine) as s:
        result, letter = _decide_in(s, req, policy=policy, config=config, now=now)
    path = write_letter(letter, outbox, name=f"{req.application_id}-{result.status.value}", at=now)
    return replace(result, letter=path)


def _decide_in(s: Session, req: ApplicationDecision, *, policy: Policy, config: PreapprovalConfig,
               now: datetime) -> tuple[DecisionResult, Letter]:
    rec = ra.get_application(session=s, application_id=req.application_id, for_update=True)
    if rec is None:
        raise NotFoundError(f"no application {req.application_id!r}", hint="cecintake applications list")
    if rec.status is not ApplicationStatus.PENDING:
        raise ConflictError(f"application {rec.application_id} was already decided ({rec.status.value}"
                            f" by {rec.decided_by} on {rec.decided_at:%Y-%m-%d})")
    claim = ra.claim_of(session=s, document_id=rec.primary_document_id) if rec.primary_document_id else None
    if claim and claim[0] != req.reviewer and claim[1] is not None and _aware(claim[1]) > now:
        raise ConflictError(f"application {rec.application_id} is claimed by {claim[0]} until {claim[1]:%Y-%m-%d %H:%M} UTC")
    app = rec.application
    today = now.date()
    if req.approve:
        return _approve(s, rec, req, policy=policy, config=config, now=now)
    proposal = rec.proposal or evaluate(app, policy)
    reasons = [r.message for r in proposal.reasons]
    _close(s, rec, req, ApplicationStatus.DENIED, code=None, proposal=proposal, now=now)
    letter = denial_letter(app, today=today, note=req.note.strip(), reasons=reasons)
    return DecisionResult(rec.application_id, ApplicationStatus.DENIED, proposal, None, Path()), letter


def _approve(s: Session, rec: ApplicationRecord, req: ApplicationDecision, *, policy: Policy,
             config: PreapprovalConfig, now: datetime) -> tuple[DecisionResult, Letter]:
    app = rec.application
    proposal = evaluate(app, policy, category=req.category or (rec.proposal.category if rec.proposal else None),
                        cecs=req.cecs, valid_to=req.valid_to)
    notes: list[str] = []
    cat = proposal.category
    if cat is None or cat not in policy.rules.preapproval_categories.categories:
        raise ConflictError(f"category {int(cat) if cat else '?'} cannot be pre-approved (only categories 1 to 4)",
                            hint="give --category 1..4, or --deny")
    if proposal.valid_from is None or proposal.valid_to is None:
        raise ConflictError("the application states no planned offering date: the validity window is unknown",
                            hint="--deny, asking the sponsor for the planned dates")
    if req.valid_to is not None and req.valid_to > proposal.valid_to:
        notes.append(f"--valid-to {req.valid_to} capped at {proposal.valid_to}"
                     f" ({policy.rules.preapproval_recurring.max_years} years at most)")
    if proposal.cecs <= 0:
        raise ConflictError("no CECs can be computed from the schedule", hint="give --cecs X")
    code = ra.issue_code(session=s, pattern=config.code_pattern, year=now.year)
    offering = Offering(approval_code=code, title=app.title or f"Application {app.application_id}",
                        sponsor=app.sponsor or "", category=cat, cecs=proposal.cecs,
                        valid_from=proposal.valid_from, valid_to=proposal.valid_to)
    repo.upsert_offerings(session=s, offerings=[offering])
    _close(s, rec, req, ApplicationStatus.APPROVED, code=code, proposal=proposal, now=now)
    letter = approval_letter(app, offering, today=now.date(), note=req.note.strip())
    return DecisionResult(rec.application_id, ApplicationStatus.APPROVED, proposal, offering, Path(),
                          tuple(notes)), letter


def _close(s: Session, rec: ApplicationRecord, req: ApplicationDecision, status: ApplicationStatus, *,
           code: str | None, proposal: PreapprovalProposal, now: datetime) -> None:
    before = {"status": rec.status.value, "proposal": rec.proposal.to_json() if rec.proposal else None}
    ra.record_decision(session=s, application_id=rec.application_id, status=status, by=req.reviewer,
                       note=req.note.strip(), at=now, approval_code=code, proposal=proposal)
    doc_status = Status.APPROVED if status is ApplicationStatus.APPROVED else Status.DENIED
    ra.document_statuses(session=s, document_ids=rec.document_ids, status=doc_status.value)
    verdict = (f"Approved by {req.reviewer}: approval code {code}" if code else f"Denied by {req.reviewer}")
    if rec.primary_document_id:
        qp = queue_proposal(rec.application, proposal)
        repo.save_proposal(session=s, document_id=rec.primary_document_id,
                           proposal=replace(qp, cecs=proposal.cecs if code else 0.0,
                                            explanation=f"{qp.explanation} {verdict}: {req.note.strip()}"))
        ra.resolve_queue_item(session=s, document_id=rec.primary_document_id, resolution=status.value, at=now)
    repo.record_audit(session=s, actor=req.reviewer, action=AuditAction.DECIDED, document_id=rec.primary_document_id,
                      before=before, note=req.note.strip(),
                      after={"application_id": rec.application_id, "status": status.value, "approval_code": code,
                             "proposal": proposal.to_json()})


# --- termination and appeal -----------------------------------------------------------------


def terminate(engine: Engine, *, approval_code: str, reason: str, by: str, config: PreapprovalConfig,
              outbox: Path, on: date | None = None, now: datetime | None = None) -> tuple[Termination, Path]:
    now = now or utcnow()
    if not reason.strip():
        raise InvalidApplicationDecision("--reason is required")
    with session_scope(engine) as s:
        offering = ra.offering_exists(session=s, approval_code=approval_code)
        if offering is None:
            raise NotFoundError(f"no offering with approval code {approval_code!r}", hint="cecintake registry export")
        if offering.terminated_on is not None:
            raise ConflictError(f"{approval_code} was already terminated on {offering.terminated_on}"
                                f" ({offering.termination_reason})")
        t = Termination.of(approval_code, on or now.date(), reason.strip(), by, config.appeal_days)
        ra.put_termination(session=s, termination=t)
        app = ra.applications_by_code(session=s).get(approval_code)
        repo.record_audit(session=s, actor=by, action=AuditAction.TERMINATED,
                          document_id=app.primary_document_id if app else None, note=t.reason,
                          before={"approval_code": approval_code, "terminated_on": None},
                          after={"approval_code": approval_code, "terminated_on": t.terminated_on.isoformat(),
                                 "appeal_until": t.appeal_until.isoformat()})
        email = app.application.contact_email if app else None
        letter = termination_letter(replace(offering, terminated_on=t.terminated_on, termination_reason=t.reason),
                                    t, email=email)
    return t, write_letter(letter, outbox, name=f"{approval_code}-terminated", at=now)


# --- the register ---------------------------------------------------------------------------


def calendar_entries(engine: Engine) -> list[CalendarEntry]:
    with session_scope(engine) as s:
        offerings = repo.offerings_by_code(session=s)
        apps = ra.applications_by_code(session=s)
        ends = ra.terminations(session=s)
    out = []
    for code, o in offerings.items():
        a = apps.get(code)
        app = a.application if a else None
        contact = None
        if app:
            contact = app.registration_contact or app.contact_email or app.contact_phone
        out.append(CalendarEntry(o, offering_dates=app.offering_dates if app else (),
                                 delivery_mode=app.delivery_mode.value if app and app.delivery_mode else None,
                                 registration_contact=contact,
                                 appeal_until=ends[code].appeal_until if code in ends else None))
    return out


def list_applications(engine: Engine, status: ApplicationStatus | None = None) -> list[ApplicationRecord]:
    with session_scope(engine) as s:
        return ra.list_applications(session=s, status=status)


def get_application(engine: Engine, application_id: str) -> ApplicationRecord:
    with session_scope(engine) as s:
        rec = ra.get_application(session=s, application_id=application_id)
    if rec is None:
        raise NotFoundError(f"no application {application_id!r}", hint="cecintake applications list")
    return rec


def termination_of(engine: Engine, approval_code: str) -> Termination | None:
    with session_scope(engine) as s:
        return ra.terminations(session=s).get(approval_code)


# --- letters to the outbox -----------------------------------------------------------------


def write_letter(letter: Letter, outbox: Path, *, name: str, at: datetime,
                 sender: str = "certification@ser.org") -> Path:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = letter.email or "certification-office@ser.org"
    msg["Date"] = format_datetime(at)
    msg["Message-ID"] = make_msgid(domain="cecintake.local")
    msg["Subject"] = letter.subject
    body = letter.body
    if not letter.email:
        body += "\n(No email address was found in the application: forward by hand.)\n"
    msg.set_content(body, cte="8bit")
    outbox.mkdir(parents=True, exist_ok=True)
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in name)
    path = outbox / f"{at:%Y%m%dT%H%M%S%f}-{safe}.eml"
    tmp = path.with_suffix(".partial")
    tmp.write_bytes(bytes(msg))
    tmp.replace(path)
    return path


__all__ = ["ApplicationDecision", "DecisionResult", "after_decide", "calendar_entries", "decide", "get_application",
           "link_upload", "list_applications", "max_valid_to", "refresh", "terminate", "termination_of"]
