"""Policy what-if: every decision that a changed policy would change, certificant by certificant."""

from __future__ import annotations

from datetime import date

from cecintake.domain.models import Certificant
from cecintake.domain.vocab import CertificantLevel, ReasonCode, Route, Status
from cecintake.rules import WhatIfCase, diff_policies, impact_by_certificant

from .builders import OFFERINGS, POLICY, claim, run, volunteer, workshop

OTHER = Certificant("C-00099", "Sam Lee", CertificantLevel.CERPIT, date(2023, 1, 1))


def _cases() -> list:
    sam = claim(volunteer("X", 1).evidence.doc_type, doc="S1", cert=OTHER, activity_title="Seed bank",
                provider="Friends", end_date="2023-05-01", volunteer_hours=28, nonprofit="yes",
                task_description="seed collection for restoration", signer_role="director")
    return [
        volunteer("V1", 16, "2023-01-10"),
        (volunteer("V2", 12, "2023-06-10"), None),
        WhatIfCase(workshop("W1", hours=0.75), None, None),
        WhatIfCase(sam, run(sam), Status.AUTO_ACCEPTED),
    ]


def test_same_policy_changes_nothing() -> None:
    assert diff_policies(_cases(), offerings=OFFERINGS, old=POLICY, new=POLICY) == []


def test_raising_the_volunteer_cap_reports_each_certificant() -> None:
    new = POLICY.with_changes({"version": "2026.1", "rules": {"cat7.cap": {"max_cecs": 8}}})
    changes = diff_policies(_cases(), offerings=OFFERINGS, old=POLICY, new=new)
    got = {(c.certificant_id, c.document_id): (c.old.cecs, c.new.cecs) for c in changes}
    # C-00017: V1 4 + V2 3 = 7 -> V2 gets 1 under cap 5, 3 under cap 8; C-00099: 7 -> 5 then 7
    assert got == {("C-00017", "V2"): (1.0, 3.0), ("C-00099", "S1"): (5.0, 7.0)}
    v2 = next(c for c in changes if c.document_id == "V2")
    assert ReasonCode.VOLUNTEER_CAP in v2.old.reasons and ReasonCode.VOLUNTEER_CAP not in v2.new.reasons
    assert "CECs 1 -> 3" in v2.describe() and "-volunteer_cap" in v2.describe()
    impact = impact_by_certificant(changes)
    assert [(i.certificant_id, i.old_total, i.new_total) for i in impact] == [("C-00017", 1.0, 3.0),
                                                                              ("C-00099", 5.0, 7.0)]


def test_lowering_the_minimum_contact_time_changes_a_rejection() -> None:
    new = POLICY.with_changes({"rules": {"contact.minimum": {"minimum_hours": 0.5}}})
    changes = diff_policies(_cases(), offerings=OFFERINGS, old=POLICY, new=new)
    [w1] = [c for c in changes if c.document_id == "W1"]
    assert (w1.old.route, w1.new.route, w1.new.cecs) == (Route.REJECT, Route.ACCEPT, 0.75)
    assert w1.changed == ("route", "cecs", "reasons")
