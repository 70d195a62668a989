"""The SER continuing-education policy as data and a pure engine over it.

No ORM, no I/O (except reading the policy file in :func:`load_policy`), no Prefect.
"""

from .cycle import CycleStatus, ReadinessRow, YearShortfall, YearStatus, cycle_status, readiness_report
from .engine import activity_key, explain, find_offering, propose
from .policy import Policy, Rule, RuleSource, load_policy, load_policy_text
from .reconcile import ADJUSTMENTS, changed_entries, reconcile
from .trail import RoutingThresholds
from .whatif import CertificantImpact, Decision, DecisionChange, WhatIfCase, diff_policies, impact_by_certificant

__all__ = [
    "ADJUSTMENTS",
    "CertificantImpact",
    "CycleStatus",
    "Decision",
    "DecisionChange",
    "Policy",
    "ReadinessRow",
    "RoutingThresholds",
    "Rule",
    "RuleSource",
    "WhatIfCase",
    "YearShortfall",
    "YearStatus",
    "activity_key",
    "changed_entries",
    "cycle_status",
    "diff_policies",
    "explain",
    "find_offering",
    "impact_by_certificant",
    "load_policy",
    "load_policy_text",
    "propose",
    "readiness_report",
    "reconcile",
]
