"""How the auto-accept rate and the error rate trade off as the confidence threshold moves.

Labelled cases come from a folder of generated fixtures (``python -m fixtures.generate DIR
--with-csvs``): each document has a ``.truth.json`` beside it with the expected category,
credit and route. Each document is read and extracted once; the rules are then re-run
for every threshold (field and document-type confidence move together).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..domain import Category, Certificant, CertificantLevel, Evidence, Offering, Route
from ..rules import RoutingThresholds, propose

TRADEOFF_THRESHOLDS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.99)


@dataclass(frozen=True, slots=True)
class LabelledCase:
    document_id: str
    evidence: Evidence
    certificant: Certificant | None
    submitted_at: datetime
    expected_category: int | None
    expected_cecs: float | None
    expected_route: str  # accept | review | reject
    name_match: float | None = None


@dataclass(frozen=True, slots=True)
class TradeoffRow:
    threshold: float
    cases: int
    auto_accepted: int
    errors: int  # auto-accepted although the truth says review/reject, or wrong category/credit
    reviewed: int
    rejected: int

    @property
    def auto_accept_rate(self) -> float:
        return self.auto_accepted / self.cases if self.cases else 0.0

    @property
    def error_rate(self) -> float:
        """Share of the auto-accepted that are wrong (what no person would have caught)."""
        return self.errors / self.auto_accepted if self.auto_accepted else 0.0

    def to_json(self) -> dict[str, Any]:
        return {"threshold": self.threshold, "cases": self.cases, "auto_accepted": self.auto_accepted,
                "auto_accept_rate": round(self.auto_accept_rate, 4), "errors": self.errors,
                "error_rate": round(self.error_rate, 4), "reviewed": self.reviewed, "rejected": self.rejected}


def is_error(case: LabelledCase, category: Category | None, cecs: float) -> bool:
    if case.expected_route != Route.ACCEPT.value:
        return True
    if case.expected_category is not None and (category is None or int(category) != case.expected_category):
        return True
    return case.expected_cecs is not None and abs(cecs - case.expected_cecs) > 0.01


def tradeoff(cases: Sequence[LabelledCase], thresholds: Iterable[float], *, policy: Any,
             offerings: dict[str, Offering] | None = None) -> list[TradeoffRow]:
    from ..domain import Claim

    rows = []
    for th in thresholds:
        rt = RoutingThresholds(field_confidence=th, doc_type_confidence=th)
        accepted = errors = reviewed = rejected = 0
        for c in cases:
            claim = Claim(document_id=c.document_id, evidence=c.evidence, certificant=c.certificant,
                          submitted_at=c.submitted_at, name_match=c.name_match)
            p = propose(claim, journal=[], offerings=offerings or {}, policy=policy, thresholds=rt)
            if p.route is Route.ACCEPT:
                accepted += 1
                errors += is_error(c, p.category, p.cecs)
            elif p.route is Route.REVIEW:
                reviewed += 1
            else:
                rejected += 1
        rows.append(TradeoffRow(th, len(cases), accepted, errors, reviewed, rejected))
    return rows


def _certificant(roster: dict[str, Any] | None) -> Certificant | None:
    if not roster:
        return None
    return Certificant(roster["certificant_id"], roster["full_name"], CertificantLevel(roster["level"]),
                       date.fromisoformat(roster["cycle_start"]), roster.get("email") or None)


def _offering(o: dict[str, Any] | None) -> Offering | None:
    if not o:
        return None
    return Offering(o["approval_code"], o.get("title", ""), o.get("sponsor", ""), Category(int(o["category"])),
                    float(o["cecs"]), date.fromisoformat(o["valid_from"]), date.fromisoformat(o["valid_to"]))


def cases_from_fixtures(folder: Path, *, limit: int | None = None) -> tuple[list[LabelledCase], dict[str, Offering]]:
    """Read and extract every generated document under ``folder`` that has a truth file."""
    from ..pipeline import AnalyseJob, Analysis, analyse, name_match
    from ..extractors.api import ReadLimits

    cases, offerings = [], {}
    truths = sorted(folder.rglob("*.truth.json"))[:limit]
    for tp in truths:
        truth = json.loads(tp.read_text(encoding="utf-8"))
        doc = tp.with_name(tp.name[: -len(".truth.json")])
        cert = _certificant(truth.get("roster"))
        result = analyse(AnalyseJob(doc.name, str(doc), cert.full_name if cert else None, ReadLimits()))
        if not isinstance(result, Analysis):
            continue
        off = _offering(truth.get("offering"))
        if off is not None:
            offerings[off.approval_code] = off
        exp = truth.get("expected") or {}
        submitted = datetime.fromisoformat(truth["submitted_at"].replace("Z", "+00:00"))
        cases.append(LabelledCase(
            document_id=doc.name, evidence=result.evidence, certificant=cert, submitted_at=submitted,
            expected_category=exp.get("category"), expected_cecs=exp.get("cecs"),
            expected_route=exp.get("route_hint", "review"), name_match=name_match(result.evidence, cert)))
    return cases, offerings
