"""The decision trail the engine fills while judging one claim: rules applied, reasons,
explanation sentences and the fields the proposal depends on (with their confidences)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ..domain.models import Claim, Reason
from ..domain.vocab import FieldName, ReasonCode


@dataclass(frozen=True)
class RoutingThresholds:
    """Confidence a depended-on value needs for the engine to accept without a person."""

    field_confidence: float = 0.90
    doc_type_confidence: float = 0.90
    name_match: float = 0.85
    ocr_quality: float = 0.50  # mean OCR word confidence below which a person must read the scan
    per_field: Mapping[FieldName, float] = field(default_factory=dict, hash=False)

    def for_field(self, name: FieldName) -> float:
        return self.per_field.get(name, self.field_confidence)


class ValueUnreadable(ValueError):
    """A field is present but its value cannot be interpreted (e.g. hours that are not a number)."""


def to_float(v: Any) -> float:
    if isinstance(v, bool):
        raise ValueUnreadable(f"{v!r} is not a number")
    if isinstance(v, int | float):
        return float(v)
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(?:[a-z]+\.?)?\s*", str(v), flags=re.I)  # "6.5 hours", "2 years"
    if not m:
        raise ValueUnreadable(f"{v!r} is not a number")
    return float(m.group(1))


def to_date(v: Any) -> date:
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    try:
        return date.fromisoformat(str(v).strip()[:10])
    except ValueError as exc:
        raise ValueUnreadable(f"{v!r} is not an ISO date") from exc


def to_text(v: Any) -> str:
    s = str(v).strip()
    if not s:
        raise ValueUnreadable("empty text")
    return s


def to_bool(v: Any) -> bool:
    if isinstance(v, bool):
        return v
    s = str(v).strip().lower()
    if s in {"yes", "y", "true", "1", "nonprofit", "not-for-profit", "501(c)(3)", "501c3", "charity"}:
        return True
    if s in {"no", "n", "false", "0", "for-profit", "commercial"}:
        return False
    raise ValueUnreadable(f"{v!r} is not yes or no")


def norm(text: Any) -> str:
    """Normalised text for identity keys: accents folded, case folded, punctuation dropped."""
    s = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", s.lower()).split())


@dataclass
class Trail:
    claim: Claim
    thresholds: RoutingThresholds
    rule_ids: list[str] = field(default_factory=list)
    blocking: list[Reason] = field(default_factory=list)  # send to review
    adjustments: list[Reason] = field(default_factory=list)  # credit reduced, no person needed
    notes: list[str] = field(default_factory=list)
    confidences: list[float] = field(default_factory=list)
    rejected: bool = False

    def use(self, rule_id: str) -> None:
        if rule_id not in self.rule_ids:
            self.rule_ids.append(rule_id)

    def note(self, sentence: str) -> None:
        self.notes.append(sentence)

    def review(self, code: ReasonCode, message: str) -> None:
        if all((r.code, r.message) != (code, message) for r in self.blocking):
            self.blocking.append(Reason(code, message))

    def adjust(self, code: ReasonCode, message: str) -> None:
        self.adjustments.append(Reason(code, message))

    def certain(self, name: FieldName) -> bool:
        f = self.claim.evidence.fields.get(name)
        return f is not None and f.confidence >= self.thresholds.for_field(name)

    def reject(self, code: ReasonCode, message: str, *, unless_uncertain: tuple[FieldName, ...] = ()) -> None:
        """No credit under the policy; only to review when a deciding field is uncertain."""
        if all(self.certain(n) for n in unless_uncertain):
            self.rejected = True
            self.blocking.insert(0, Reason(code, message))
        else:
            self.review(code, message + " (read with low confidence: a reviewer must confirm)")

    def peek(self, name: FieldName, conv: Any = to_text) -> Any:
        """The value if present and readable, without depending on it."""
        f = self.claim.evidence.fields.get(name)
        if f is None or f.value is None:
            return None
        try:
            return conv(f.value)
        except ValueUnreadable:
            return None

    def need(self, name: FieldName, conv: Any = to_text, *, missing: ReasonCode | None = None) -> Any:
        """A value the proposal depends on: missing or unreadable -> review; low confidence -> review."""
        f = self.claim.evidence.fields.get(name)
        code = missing or ReasonCode.MISSING_FIELD
        if f is None or f.value is None or str(f.value).strip() == "":
            self.review(code, f"{name.value} is not stated on the document")
            return None
        try:
            value = conv(f.value)
        except ValueUnreadable as exc:
            self.review(code, f"{name.value} could not be read: {exc}")
            return None
        self.confidences.append(f.confidence)
        if f.confidence < self.thresholds.for_field(name):
            self.review(
                ReasonCode.LOW_CONFIDENCE,
                f"{name.value} read as {f.value!r} with confidence {f.confidence:.2f}"
                f" (below {self.thresholds.for_field(name):.2f})",
            )
        return value

    @property
    def confidence(self) -> float:
        return round(min(self.confidences, default=0.0), 4)
