"""The review queue's vocabulary and value objects (no ORM, no I/O)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from ..domain import Category, DocumentRecord, FieldName, Reason, ReasonCode
from ..errors import CecintakeError, ExitCode

DECISION_DEADLINE = timedelta(weeks=4)  # policy: "a decision ... within 4 weeks"


class Decision(StrEnum):
    APPROVE = "approve"
    DENY = "deny"
    SEND_BACK = "send_back"


class Resolution(StrEnum):
    """How a queue item left the queue (``review_item.resolution``)."""

    APPROVED = "approved"
    DENIED = "denied"
    SENT_BACK = "sent_back"


class Role(StrEnum):
    REVIEWER = "reviewer"
    COORDINATOR = "coordinator"


@dataclass(frozen=True, slots=True)
class QueueItem:
    """One line of the queue, as the CLI and the web show it."""

    document_id: str
    certificant_id: str | None
    file: str
    submitted_at: datetime
    due_at: datetime
    reasons: tuple[Reason, ...]
    category: Category | None
    cecs: float | None
    doc_type: str | None
    claimed_by: str | None
    lease_expires_at: datetime | None
    approvals: int
    approvals_needed: int
    resolution: str | None = None

    def overdue(self, now: datetime) -> bool:
        return self.resolution is None and now > self.due_at

    def days_left(self, now: datetime) -> int:
        return (self.due_at - now).days

    def age_days(self, now: datetime) -> int:
        return (now - self.submitted_at).days

    def claimed(self, now: datetime) -> bool:
        return bool(self.claimed_by and self.lease_expires_at and self.lease_expires_at >= now)

    def to_json(self, now: datetime) -> dict[str, Any]:
        return {
            "document_id": self.document_id, "certificant_id": self.certificant_id, "file": self.file,
            "submitted_at": self.submitted_at.isoformat(), "due_at": self.due_at.isoformat(),
            "overdue": self.overdue(now), "days_left": self.days_left(now),
            "reasons": [{"code": r.code.value, "message": r.message} for r in self.reasons],
            "category": None if self.category is None else int(self.category), "cecs": self.cecs,
            "doc_type": self.doc_type,
            "claimed_by": self.claimed_by if self.claimed(now) else None,
            "lease_expires_at": self.lease_expires_at.isoformat() if self.claimed(now) and self.lease_expires_at
            else None,
            "approvals": self.approvals, "approvals_needed": self.approvals_needed,
        }


@dataclass(frozen=True, slots=True)
class HistoryEvent:
    at: datetime
    actor: str
    action: str
    before: Any = None
    after: Any = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class ItemDetail:
    item: QueueItem | None  # None: the document was never queued
    record: DocumentRecord
    history: tuple[HistoryEvent, ...]


@dataclass(frozen=True, slots=True)
class QueueFilter:
    reason: ReasonCode | None = None
    category: Category | None = None
    certificant_id: str | None = None
    min_age_days: int | None = None
    overdue_only: bool = False

    def accepts(self, item: QueueItem, now: datetime) -> bool:
        if self.reason and all(r.code is not self.reason for r in item.reasons):
            return False
        if self.category and item.category is not self.category:
            return False
        if self.certificant_id and (item.certificant_id or "").lower() != self.certificant_id.strip().lower():
            return False
        if self.min_age_days is not None and item.age_days(now) < self.min_age_days:
            return False
        return not (self.overdue_only and not item.overdue(now))


@dataclass(frozen=True, slots=True)
class DecisionRequest:
    document_id: str
    reviewer: str
    decision: Decision
    note: str
    category: Category | None = None
    cecs: float | None = None
    corrections: Mapping[FieldName, Any] = field(default_factory=dict)
    reason_code: ReasonCode | None = None  # for a denial


@dataclass(frozen=True, slots=True)
class Correction:
    field: FieldName
    before: Any
    after: Any
    before_confidence: float | None

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field.value, "before": self.before, "after": self.after,
                "before_confidence": self.before_confidence}


@dataclass(frozen=True, slots=True)
class DecisionOutcome:
    document_id: str
    decision: Decision
    final: bool  # False: an approval recorded, more approvals needed
    status: str
    category: Category | None
    cecs: float
    explanation: str
    approvals: int
    approvals_needed: int
    letter: str | None = None  # path of the .eml written
    adjusted: tuple[str, ...] = ()  # other documents whose journal entries changed


@dataclass(frozen=True, slots=True)
class QuorumRule:
    """How many approvals an item needs: ``default``, or more when it carries one of
    ``by_reason`` (e.g. instructor qualification goes to the committee)."""

    default: int = 1
    by_reason: Mapping[ReasonCode, int] = field(default_factory=dict)

    def needed(self, reasons: tuple[Reason, ...]) -> int:
        return max([self.default, *(self.by_reason.get(r.code, 0) for r in reasons)])

    @classmethod
    def parse(cls, text: str | None) -> QuorumRule:
        """``"2"`` or ``"instructor_unqualified=3,nonprofit_unverified=2"`` or ``"*=1,volunteer_cap=2"``."""
        from ..errors import ConfigError

        if not text or not text.strip():
            return cls()
        default, by_reason = 1, {}
        for part in text.split(","):
            key, _, value = part.strip().rpartition("=")
            try:
                n = int(value)
            except ValueError as exc:
                raise ConfigError(f"quorum {part!r}: the count must be a whole number") from exc
            if n < 1:
                raise ConfigError(f"quorum {part!r}: at least one approval is needed")
            if key in ("", "*"):
                default = n
                continue
            try:
                by_reason[ReasonCode(key)] = n
            except ValueError as exc:
                raise ConfigError(f"quorum {part!r}: unknown reason code {key!r}") from exc
        return cls(default, by_reason)


class InvalidDecision(CecintakeError):
    """A decision or correction that cannot be applied as given (bad value, missing option)."""

    exit_code = ExitCode.USAGE
    http_status = 422
