"""The policy's checks on an application, and the proposal put to the committee.

Every check names the policy rule it applies and, when it fails, a reason a person must
look at. The proposal never approves anything by itself: the committee decides.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from ..domain import Category, DeliveryMode, Reason, ReasonCode
from ..rules import Policy
from ..rules.credit import instructor_basis
from ..rules.dates import add_years
from .model import Application, InstructorCheck, PreapprovalProposal

R = ReasonCode
MIN_OBJECTIVES = 1
RULE_OBJECTIVES = "preapproval.objectives"  # "Educational objectives must be clearly stated."


def default_category(app: Application) -> Category:
    """What the sponsor asked for, else training (category 2), or coursework when a college offers it."""
    if app.requested_category is not None:
        return app.requested_category
    sponsor = (app.sponsor or "").lower()
    if any(w in sponsor for w in ("university", "college")) and app.schedule_days >= 8:
        return Category.COURSEWORK
    return Category.TRAINING


def max_valid_to(valid_from: date, policy: Policy) -> date:
    """Last day a pre-approval starting ``valid_from`` may run (recurring courses: at most two years)."""
    return add_years(valid_from, policy.rules.preapproval_recurring.max_years) - timedelta(days=1)


def validity(app: Application, policy: Policy, requested_to: date | None = None) -> tuple[date | None, date | None, list[str]]:
    """(valid_from, valid_to, notes): one offering -> its own dates; a recurring course -> up to two years."""
    start = app.first_date
    if start is None:
        return None, None, []
    cap = max_valid_to(start, policy)
    notes: list[str] = []
    wanted = requested_to or app.requested_valid_to
    if wanted is None:
        last = max([*app.offering_dates, app.end_date or start])
        wanted = cap if app.recurring else last
    if wanted > cap:
        notes.append(f"recurring pre-approval capped at {policy.rules.preapproval_recurring.max_years} years:"
                     f" valid to {cap}, not {wanted}")
        wanted = cap
    if wanted < start:
        wanted = start
    return start, wanted, notes


def check_instructors(app: Application, policy: Policy) -> tuple[list[InstructorCheck], list[Reason]]:
    checks, reasons = [], []
    for info in app.instructors:
        basis = instructor_basis(policy, info)
        checks.append(InstructorCheck(info.name, basis))
        if basis is None:
            reasons.append(Reason(R.INSTRUCTOR_UNQUALIFIED, f"instructor {info.name} meets no stated criterion"
                                  " (SER certification, discipline certification, college or university"
                                  " employment): the Continuing Education Committee decides"))
    if not app.instructors:
        reasons.append(Reason(R.MISSING_FIELD, "no instructor is named"))
    return checks, reasons


def evaluate(app: Application, policy: Policy, *, category: Category | None = None, cecs: float | None = None,
             valid_to: date | None = None) -> PreapprovalProposal:
    """The committee proposal for ``app`` (``category``/``cecs``/``valid_to`` override what the packet asks)."""
    reasons: list[Reason] = []
    notes: list[str] = []
    rule_ids = [policy.rule_id("preapproval_categories")]
    cat = category or default_category(app)
    if cat not in policy.rules.preapproval_categories.categories:
        reasons.append(Reason(R.NOT_PRE_APPROVABLE, f"category {int(cat)} ({cat.label}) cannot be pre-approved:"
                              " only categories 1 to 4"))
    rule_ids.append(RULE_OBJECTIVES)
    if len(app.objectives) < MIN_OBJECTIVES:
        reasons.append(Reason(R.MISSING_FIELD, "educational objectives are not clearly stated"))
    else:
        notes.append(f"{len(app.objectives)} educational objective(s) stated")
    hours = _contact_time(app, policy, reasons, notes, rule_ids)
    rule_ids.append(policy.rule_id("instructor"))
    checks, instructor_reasons = check_instructors(app, policy)
    reasons += instructor_reasons
    _required_information(app, reasons)
    rule_ids.append(policy.rule_id("preapproval_recurring"))
    start, end, vnotes = validity(app, policy, valid_to)
    notes += vnotes
    if start is None:
        reasons.append(Reason(R.MISSING_FIELD, "no planned offering date is stated"))
    credit = cecs if cecs is not None else _credit(cat, hours, policy)
    if credit is not None and cecs is None and app.requested_cecs is not None and app.requested_cecs != credit:
        notes.append(f"sponsor requested {app.requested_cecs:g} CECs; the schedule supports {credit:g}")
    explanation = _explain(cat, credit or 0.0, start, end, notes, reasons)
    return PreapprovalProposal(category=cat, cecs=credit or 0.0, valid_from=start, valid_to=end,
                               rule_ids=tuple(dict.fromkeys(rule_ids)), explanation=explanation,
                               reasons=tuple(reasons), instructors=tuple(checks))


def _contact_time(app: Application, policy: Policy, reasons: list[Reason], notes: list[str],
                  rule_ids: list[str]) -> float | None:
    rule_ids.append(policy.rule_id("contact_minimum"))
    hours = app.contact_hours
    if app.delivery_mode is DeliveryMode.ONLINE:
        rule_ids.append(policy.rule_id("distance"))
        missing = [what for what, v in (("the estimated contact time", app.estimated_contact_hours or hours),
                                        ("the means of attendance verification", app.attendance_verification))
                   if not v]
        if missing:
            reasons.append(Reason(R.DISTANCE_LEARNING_UNVERIFIED,
                                  "distance learning: the sponsor does not state " + " and ".join(missing)))
    if hours is None:
        reasons.append(Reason(R.MISSING_FIELD, "the contact time cannot be determined (no timed schedule or"
                              " stated contact hours)"))
        return None
    minimum = policy.rules.contact_minimum.minimum_hours
    if hours < minimum:
        reasons.append(Reason(R.BELOW_MINIMUM_CONTACT_TIME, f"contact time {hours:g} h is below the minimum of"
                              f" {minimum:g} h"))
    src = "timed schedule, instruction only" if app.schedule_hours is not None else "as stated by the sponsor"
    notes.append(f"{hours:g} contact hours ({src})")
    if app.schedule_hours is not None and app.stated_contact_hours is not None \
            and abs(app.schedule_hours - app.stated_contact_hours) >= 0.25:
        reasons.append(Reason(R.HOURS_CONFLICT, f"the schedule gives {app.schedule_hours:g} instruction hours,"
                              f" the syllabus states {app.stated_contact_hours:g}"))
    return hours


def _required_information(app: Application, reasons: list[Reason]) -> None:
    if not app.sponsor:
        reasons.append(Reason(R.MISSING_FIELD, "the sponsor is not named"))
    if not (app.registration_contact or app.contact_email or app.contact_phone):
        reasons.append(Reason(R.MISSING_FIELD, "no contact information for registration"))


def _credit(cat: Category, hours: float | None, policy: Policy) -> float | None:
    if hours is None or int(cat) not in (1, 2, 3, 4):
        return None
    _, rate = policy.hours_rate(cat)
    return policy.round(hours / rate.hours_per_cec)


def _explain(cat: Category, cecs: float, start: date | None, end: date | None, notes: list[str],
             reasons: list[Reason]) -> str:
    window = f"valid {start} to {end}" if start and end else "no validity window"
    head = f"Category {int(cat)} ({cat.label}): {cecs:g} CECs, {window}"
    parts = [head + (": " + "; ".join(notes) if notes else "") + "."]
    if reasons:
        parts.append("For the committee: " + "; ".join(f"{r.message} [{r.code.value}]" for r in reasons) + ".")
    else:
        parts.append("Every check passed; the committee decides.")
    return " ".join(parts)


def with_qualification(app: Application, proposal: PreapprovalProposal) -> Application:
    """``app`` with each instructor's qualification filled in from the proposal's checks."""
    basis = {c.name: c.basis for c in proposal.instructors}
    return replace(app, instructors=tuple(
        replace(i, qualified=True if basis.get(i.name) else None, qualification_basis=basis.get(i.name))
        for i in app.instructors))
