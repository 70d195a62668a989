"""Policy what-if: replay the stored claims under two policies and report every decision
that would change, certificant by certificant.

Both policies are simulated the same way (claims in arrival order, accepted credit entering
a simulated journal, caps reconciled at the end), so a difference comes from the policy alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby

from ..domain.models import Claim, CreditProposal, JournalEntry, Offering
from ..domain.vocab import Category, ReasonCode, Route, Status
from .engine import propose
from .policy import Policy
from .reconcile import ADJUSTMENTS, reconcile
from .trail import RoutingThresholds


@dataclass(frozen=True)
class WhatIfCase:
    """A stored claim, its current proposal and, when a reviewer decided it, the decision."""

    claim: Claim
    current: CreditProposal | None = None
    status: Status | None = None  # APPROVED keeps a review item in the journal; DENIED keeps it out


@dataclass(frozen=True)
class Decision:
    route: Route
    category: Category | None
    cecs: float
    reasons: tuple[ReasonCode, ...]
    rule_ids: tuple[str, ...]


@dataclass(frozen=True)
class DecisionChange:
    certificant_id: str | None
    document_id: str
    old: Decision
    new: Decision
    current: CreditProposal | None = None

    @property
    def changed(self) -> tuple[str, ...]:
        return tuple(a for a in ("route", "category", "cecs", "reasons") if getattr(self.old, a) != getattr(self.new, a))

    def describe(self) -> str:
        bits = []
        if "route" in self.changed:
            bits.append(f"route {self.old.route.value} -> {self.new.route.value}")
        if "category" in self.changed:
            bits.append(f"category {_cat(self.old.category)} -> {_cat(self.new.category)}")
        if "cecs" in self.changed:
            bits.append(f"CECs {self.old.cecs:g} -> {self.new.cecs:g}")
        if "reasons" in self.changed:
            gained = sorted(set(self.new.reasons) - set(self.old.reasons))
            lost = sorted(set(self.old.reasons) - set(self.new.reasons))
            bits += [f"+{r.value}" for r in gained] + [f"-{r.value}" for r in lost]
        return f"{self.certificant_id or '(unknown)'} {self.document_id}: " + ", ".join(bits)


@dataclass(frozen=True)
class CertificantImpact:
    certificant_id: str | None
    old_total: float
    new_total: float
    changes: tuple[DecisionChange, ...]


def _cat(c: Category | None) -> str:
    return str(int(c)) if c else "none"


def _as_case(item: WhatIfCase | Claim | tuple[Claim, CreditProposal | None]) -> WhatIfCase:
    if isinstance(item, WhatIfCase):
        return item
    if isinstance(item, Claim):
        return WhatIfCase(item)
    return WhatIfCase(item[0], item[1])


def _cid(case: WhatIfCase) -> str:
    return case.claim.certificant.certificant_id if case.claim.certificant else ""


def _counts(case: WhatIfCase, p: CreditProposal) -> bool:
    if case.status is Status.DENIED or p.route in (Route.REJECT, Route.DUPLICATE):
        return False
    return p.route is Route.ACCEPT or case.status is Status.APPROVED


def simulate(cases: Sequence[WhatIfCase], *, offerings: Mapping[str, Offering], policy: Policy,
             thresholds: RoutingThresholds) -> dict[str, Decision]:
    """Document id -> decision, claims of one certificant judged in arrival order."""
    out: dict[str, Decision] = {}
    ordered = sorted(cases, key=lambda c: (_cid(c), c.claim.submitted_at, c.claim.document_id))
    for cid, group in groupby(ordered, key=_cid):
        journal: list[JournalEntry] = []
        props: dict[str, CreditProposal] = {}
        for case in group:
            p = propose(case.claim, journal=journal, offerings=offerings, policy=policy, thresholds=thresholds)
            props[case.claim.document_id] = p
            if cid and _counts(case, p) and p.category and p.activity_date and p.activity_key:
                journal.append(JournalEntry(cid, case.claim.document_id, p.category, p.cecs, p.activity_date,
                                            p.activity_key, p.rule_ids, p.raw_cecs, dict(p.details)))
        final = {e.document_id: e for e in reconcile(cid, journal, policy=policy)}
        for doc, p in props.items():
            e = final.get(doc)
            blocking = [r.code for r in p.reasons if p.route is not Route.ACCEPT]
            adjusted = [ReasonCode(a["code"]) for a in e.details.get(ADJUSTMENTS, [])] if e else []
            reasons = tuple(sorted(set(blocking) | set(adjusted)))
            out[doc] = Decision(p.route, p.category, e.cecs if e else p.cecs, reasons,
                                e.rule_ids if e else p.rule_ids)
    return out


def diff_policies(
    cases: Sequence[WhatIfCase | Claim | tuple[Claim, CreditProposal | None]],
    *,
    offerings: Mapping[str, Offering],
    old: Policy,
    new: Policy,
    thresholds: RoutingThresholds = RoutingThresholds(),
) -> list[DecisionChange]:
    """Every decision that differs between ``old`` and ``new``, by certificant then document."""
    norm_cases = [_as_case(c) for c in cases]
    before = simulate(norm_cases, offerings=offerings, policy=old, thresholds=thresholds)
    after = simulate(norm_cases, offerings=offerings, policy=new, thresholds=thresholds)
    changes = []
    for case in sorted(norm_cases, key=lambda c: (_cid(c), c.claim.document_id)):
        doc = case.claim.document_id
        a, b = before[doc], after[doc]
        if (a.route, a.category, a.cecs, a.reasons) != (b.route, b.category, b.cecs, b.reasons):
            changes.append(DecisionChange(_cid(case) or None, doc, a, b, case.current))
    return changes


def impact_by_certificant(changes: Sequence[DecisionChange]) -> list[CertificantImpact]:
    """Changes grouped per certificant, with the change in counted credit they bring."""
    out = []
    for cid, group in groupby(sorted(changes, key=lambda c: (c.certificant_id or "", c.document_id)),
                              key=lambda c: c.certificant_id):
        items = tuple(group)
        old = round(sum(c.old.cecs for c in items if c.old.route is Route.ACCEPT), 6)
        new = round(sum(c.new.cecs for c in items if c.new.route is Route.ACCEPT), 6)
        out.append(CertificantImpact(cid, old, new, items))
    return out
