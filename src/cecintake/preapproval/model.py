"""Pre-approval as plain values: an application, the committee proposal, the decision.

No ORM, no I/O. The storage layer converts rows to and from these (``to_json``/``from_json``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from ..domain import Category, DeliveryMode, InstructorInfo, Reason, ReasonCode

DECISION_WEEKS = 6  # "applicants are notified of the result no later than 6 weeks after application"
APPEAL_DAYS = 30  # "Terminations may be appealed ... within 30 days of notification"
CONFIRMATION_DAYS = 30  # confirmation of completion to each participant within 30 days
RECORDS_YEARS = 6  # records kept for at least 6 years
DEFAULT_CODE_PATTERN = "SER-PA-{year}-{seq:04d}"


class ApplicationStatus(StrEnum):
    PENDING = "pending"  # with the committee (the review queue holds its primary document)
    APPROVED = "approved"
    DENIED = "denied"


class DocumentRole(StrEnum):
    SYLLABUS = "syllabus"
    RESUME = "resume"
    SUPPORTING = "supporting"


@dataclass(frozen=True, slots=True)
class PreapprovalConfig:
    """The frozen context of this package, built once at the edge."""

    code_pattern: str = DEFAULT_CODE_PATTERN
    decision_weeks: int = DECISION_WEEKS
    appeal_days: int = APPEAL_DAYS

    @classmethod
    def from_env(cls, env: Any) -> PreapprovalConfig:
        from .codes import validate_pattern

        pattern = env.get("CECINTAKE_APPROVAL_CODE_PATTERN") or DEFAULT_CODE_PATTERN
        validate_pattern(pattern)
        return cls(code_pattern=pattern)


@dataclass(frozen=True, slots=True)
class Found:
    """One extracted value with where it came from (for ``applications show``)."""

    value: Any
    source: str = ""  # the line it was read from
    document_id: str | None = None


@dataclass(frozen=True, slots=True)
class Application:
    """What a sponsor's packet says. ``None``/empty: the packet does not state it."""

    application_id: str
    sponsor: str | None = None
    title: str | None = None
    instructors: tuple[InstructorInfo, ...] = ()
    objectives: tuple[str, ...] = ()
    offering_dates: tuple[date, ...] = ()  # each planned offering (start day)
    end_date: date | None = None  # last day of the last planned offering
    registration_contact: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    delivery_mode: DeliveryMode | None = None
    estimated_contact_hours: float | None = None  # distance learning: as the sponsor estimates it
    attendance_verification: str | None = None  # distance learning: how attendance is verified
    schedule_hours: float | None = None  # instruction-only hours from the timed schedule
    schedule_days: int = 0
    stated_contact_hours: float | None = None  # "Contact hours: 6" as printed
    requested_category: Category | None = None
    requested_cecs: float | None = None
    recurring: bool = False
    requested_valid_to: date | None = None
    document_ids: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def contact_hours(self) -> float | None:
        """Instruction-only contact hours: the schedule's, else the stated or estimated time."""
        for h in (self.schedule_hours, self.stated_contact_hours, self.estimated_contact_hours):
            if h is not None:
                return h
        return None

    @property
    def first_date(self) -> date | None:
        return min(self.offering_dates) if self.offering_dates else None

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["instructors"] = [asdict(i) for i in self.instructors]
        d["offering_dates"] = [x.isoformat() for x in self.offering_dates]
        for k in ("end_date", "requested_valid_to"):
            d[k] = d[k].isoformat() if d[k] else None
        d["delivery_mode"] = self.delivery_mode.value if self.delivery_mode else None
        d["requested_category"] = int(self.requested_category) if self.requested_category else None
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Application:
        d = dict(d)
        d["instructors"] = tuple(InstructorInfo(**{**i, "credentials": tuple(i.get("credentials") or ())})
                                 for i in d.get("instructors") or ())
        d["offering_dates"] = tuple(date.fromisoformat(x) for x in d.get("offering_dates") or ())
        for k in ("end_date", "requested_valid_to"):
            d[k] = date.fromisoformat(d[k]) if d.get(k) else None
        d["delivery_mode"] = DeliveryMode(d["delivery_mode"]) if d.get("delivery_mode") else None
        d["requested_category"] = Category(d["requested_category"]) if d.get("requested_category") else None
        for k in ("objectives", "document_ids", "notes"):
            d[k] = tuple(d.get(k) or ())
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in d.items() if k in known})


@dataclass(frozen=True, slots=True)
class InstructorCheck:
    name: str
    basis: str | None  # why they qualify, None: the committee must decide


@dataclass(frozen=True, slots=True)
class PreapprovalProposal:
    """What the committee is asked to approve, with the reasons a person must look at."""

    category: Category | None
    cecs: float
    valid_from: date | None
    valid_to: date | None
    rule_ids: tuple[str, ...]
    explanation: str
    reasons: tuple[Reason, ...] = ()
    instructors: tuple[InstructorCheck, ...] = ()

    @property
    def approvable(self) -> bool:
        """No reason blocks approval as proposed (the committee still decides)."""
        return not self.reasons and self.category is not None and self.valid_from is not None

    def to_json(self) -> dict[str, Any]:
        return {"category": int(self.category) if self.category else None, "cecs": self.cecs,
                "valid_from": self.valid_from.isoformat() if self.valid_from else None,
                "valid_to": self.valid_to.isoformat() if self.valid_to else None,
                "rule_ids": list(self.rule_ids), "explanation": self.explanation,
                "reasons": [{"code": r.code.value, "message": r.message} for r in self.reasons],
                "instructors": [{"name": i.name, "basis": i.basis} for i in self.instructors]}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> PreapprovalProposal:
        return cls(category=Category(d["category"]) if d.get("category") else None, cecs=float(d.get("cecs") or 0),
                   valid_from=date.fromisoformat(d["valid_from"]) if d.get("valid_from") else None,
                   valid_to=date.fromisoformat(d["valid_to"]) if d.get("valid_to") else None,
                   rule_ids=tuple(d.get("rule_ids") or ()), explanation=d.get("explanation", ""),
                   reasons=tuple(Reason(ReasonCode(r["code"]), r["message"]) for r in d.get("reasons") or ()),
                   instructors=tuple(InstructorCheck(i["name"], i.get("basis")) for i in d.get("instructors") or ()))


@dataclass(frozen=True, slots=True)
class ApplicationRecord:
    """A stored application as the edges see it."""

    application_id: str
    status: ApplicationStatus
    submitted_at: datetime
    due_at: datetime
    application: Application
    proposal: PreapprovalProposal | None
    primary_document_id: str | None = None
    approval_code: str | None = None
    decided_at: datetime | None = None
    decided_by: str | None = None
    decision_note: str | None = None
    document_ids: tuple[str, ...] = field(default_factory=tuple)

    def overdue(self, now: datetime) -> bool:
        return self.status is ApplicationStatus.PENDING and now > self.due_at

    def days_left(self, now: datetime) -> int:
        return (self.due_at - now).days


@dataclass(frozen=True, slots=True)
class Termination:
    approval_code: str
    terminated_on: date
    reason: str
    terminated_by: str
    appeal_until: date

    @classmethod
    def of(cls, code: str, on: date, reason: str, by: str, appeal_days: int = APPEAL_DAYS) -> Termination:
        return cls(code, on, reason, by, on + timedelta(days=appeal_days))
