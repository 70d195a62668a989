"""Per-category credit: the policy's rates and the per-claim eligibility rules.

Each function reads the evidence through the :class:`Trail` (which records the fields the
proposal depends on) and returns the raw credit, before any cap."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ..domain.models import InstructorInfo, Offering
from ..domain.vocab import (
    Category,
    DeliveryMode,
    FieldName,
    OrgLevel,
    PublicationKind,
    PublicationStatus,
    ReasonCode,
    ServiceRole,
)
from .dates import add_years
from .policy import Policy
from .trail import Trail, ValueUnreadable, norm, to_bool, to_float, to_text

F = FieldName
R = ReasonCode


@dataclass
class Basis:
    category: Category | None
    raw: float | None
    details: dict[str, Any] = field(default_factory=dict)


def _enum(kind: type) -> Any:
    def conv(v: Any) -> Any:
        try:
            return kind(norm(v).replace(" ", "_"))
        except ValueError as exc:
            raise ValueUnreadable(f"{v!r} is not one of {', '.join(m.value for m in kind)}") from exc

    return conv


def hours_credit(t: Trail, p: Policy, category: Category, span: tuple[date, date] | None) -> Basis:
    """Categories 1-4: contact hours at the category's rate, after the contact-time rules."""
    rid, rate = p.hours_rate(category)
    hours = t.need(F.CONTACT_HOURS, to_float)
    details: dict[str, Any] = {"contact_hours": hours}
    if category in p.rules.distance.applies_to_categories:
        _distance_learning(t, p, hours)
    _grade(t, p)
    if category in p.rules.instructor.applies_to_categories:
        _instructors(t, p, t.claim.evidence.instructors)
    if category is Category.INSTRUCTION:
        details["course_key"] = _course_key(t)
    if hours is None:
        return Basis(category, None, details)
    t.use(rid)
    _countable(t, p, hours, span)
    mid, minimum = p.rule_id("contact_minimum"), p.rules.contact_minimum.minimum_hours
    t.use(mid)
    if hours < minimum:
        t.reject(R.BELOW_MINIMUM_CONTACT_TIME, f"{hours:g} contact hours, the minimum is {minimum:g}",
                 unless_uncertain=(F.CONTACT_HOURS,))
    raw = p.round(hours / rate.hours_per_cec)
    per = "hour" if rate.hours_per_cec == 1 else f"{rate.hours_per_cec:g} hours"
    t.note(f"{hours:g} contact hours at 1 CEC per {per} = {raw:g} CECs")
    return Basis(category, raw, details)


def _countable(t: Trail, p: Policy, hours: float, span: tuple[date, date] | None) -> None:
    if span is None:
        return
    days = (span[1] - span[0]).days + 1
    limit = p.rules.contact_countable.max_hours_per_day * max(days, 1)
    t.use(p.rule_id("contact_countable"))
    if days >= 1 and hours > limit:
        t.review(R.HOURS_CONFLICT, f"{hours:g} contact hours over {days} day(s) exceeds {limit:g} countable hours"
                 " (breaks, meals and travel do not count)")


def _distance_learning(t: Trail, p: Policy, hours: float | None) -> None:
    mode = t.peek(F.DELIVERY_MODE, _enum(DeliveryMode))
    if mode is not DeliveryMode.ONLINE:
        return
    t.use(p.rule_id("distance"))
    verified = t.peek(F.ATTENDANCE_VERIFICATION)
    if hours is None or not verified:
        missing = " and ".join(x for x, ok in (("estimated contact time", hours is not None),
                                                ("means of attendance verification", bool(verified))) if not ok)
        t.review(R.DISTANCE_LEARNING_UNVERIFIED, f"online activity without {missing}")


def grade_passes(p: Policy, grade: str) -> bool | None:
    """True passing, False failing, None when the grade is not recognised."""
    rule = p.rules.grade
    g = grade.strip().upper()
    if g in rule.passing:
        return True
    if g in rule.failing:
        return False
    try:
        n = to_float(g.rstrip("%"))
    except ValueUnreadable:
        return None
    return n >= (rule.points_pass_mark if n <= 4.5 and "%" not in g else rule.percent_pass_mark)


def _grade(t: Trail, p: Policy) -> None:
    grade = t.peek(F.GRADE)
    if grade is None:
        return
    t.use(p.rule_id("grade"))
    verdict = grade_passes(p, grade)
    if verdict is False:
        t.reject(R.GRADE_NOT_PASSING, f"grade {grade!r} is not a passing grade", unless_uncertain=(F.GRADE,))
    elif verdict is None:
        t.review(R.GRADE_NOT_PASSING, f"grade {grade!r} is not a recognised grade: a reviewer must confirm it passes")
    else:
        t.need(F.GRADE)  # the proposal depends on the grade being read right
        t.note(f"passing grade {grade}")


def instructor_basis(p: Policy, info: InstructorInfo) -> str | None:
    """Why the instructor qualifies under the policy, or None when the committee must decide."""
    rule = p.rules.instructor
    creds = {c.strip().upper().rstrip(".") for c in info.credentials}
    if creds & {c.upper() for c in rule.ser_certifications}:
        return "certified by SER"
    if creds & {c.upper() for c in rule.discipline_certifications}:
        return "certified in a discipline by a society or government body"
    if info.affiliation and any(k in info.affiliation.lower() for k in rule.academic_keywords):
        return "employed at a college or university"
    if info.qualified is True and info.qualification_basis:
        return info.qualification_basis
    return None


def _instructors(t: Trail, p: Policy, instructors: tuple[InstructorInfo, ...]) -> None:
    if not instructors:
        return
    t.use(p.rule_id("instructor"))
    for info in instructors:
        if instructor_basis(p, info) is None:
            t.review(R.INSTRUCTOR_UNQUALIFIED, f"instructor {info.name} meets no stated criterion:"
                     " the Continuing Education Committee decides")


def _course_key(t: Trail) -> str | None:
    """A regular semester/quarter course (course code or term stated) -> its identity."""
    code, term = t.peek(F.COURSE_CODE), t.peek(F.TERM)
    if code is None and term is None:
        return None
    what = code if code is not None else t.peek(F.ACTIVITY_TITLE)
    return f"{norm(t.peek(F.PROVIDER))}|{norm(what)}" if what else None


def publication_credit(t: Trail, p: Policy) -> Basis:
    kind = t.need(F.PUBLICATION_KIND, _enum(PublicationKind))
    status = t.need(F.PUBLICATION_STATUS, _enum(PublicationStatus))
    acc = p.rules.publication_accepted
    t.use(p.rule_id("publication_accepted"))
    if status is not None and status not in acc.eligible_statuses:
        t.reject(R.PUBLICATION_NOT_ACCEPTED, f"publication is {status.value}; only accepted publications earn CECs",
                 unless_uncertain=(F.PUBLICATION_STATUS,))
    if kind is None:
        return Basis(Category.PUBLICATION, None)
    rid, rate = p.publication_rate(kind)
    t.use(rid)
    t.note(f"{kind.value.replace('_', ' ')} ({status.value if status else 'status unknown'}) = {rate.cecs:g} CECs")
    return Basis(Category.PUBLICATION, p.round(rate.cecs), {"publication_kind": kind.value})


def service_credit(t: Trail, p: Policy, span: tuple[date, date] | None, when: date | None) -> Basis:
    role = t.need(F.SERVICE_ROLE, _enum(ServiceRole))
    if role is None:
        return Basis(Category.LEADERSHIP, None)
    details: dict[str, Any] = {"service_role": role.value}
    if role is ServiceRole.EVENT_ORGANIZER:
        n = t.need(F.EVENTS_ORGANIZED, to_float)
        details["events_organized"] = n
        if n is None:
            return Basis(Category.LEADERSHIP, None, details)
        t.use(p.rule_id("event"))
        raw = p.round(n * p.rules.event.cecs_per_event)
        t.note(f"{n:g} SER/chapter event(s) organized at {p.rules.event.cecs_per_event:g} CECs each = {raw:g} CECs")
        return Basis(Category.LEADERSHIP, raw, details)
    level = t.need(F.ORG_LEVEL, _enum(OrgLevel))
    years = t.need(F.SERVICE_YEARS, to_float)
    attr = "board" if role is ServiceRole.BOARD_MEMBER else "committee"
    rate = getattr(p.rules, attr).cecs_per_year
    details.update(org_level=level.value if level else None, service_years=years)
    if years is None:
        return Basis(Category.LEADERSHIP, None, details)
    end = span[1] if span else when
    if end is not None:
        start = span[0] if span and span[0] < span[1] else end - timedelta(days=round(years * 365.25) - 1)
        details.update(period_start=start.isoformat(), period_end=end.isoformat())
    t.use(p.rule_id(attr))
    raw = p.round(years * rate)
    t.note(f"{years:g} year(s) as {role.value.replace('_', ' ')} ({level.value if level else '?'} level)"
           f" at {rate:g} CECs/year = {raw:g} CECs")
    return Basis(Category.LEADERSHIP, raw, details)


def volunteer_credit(t: Trail, p: Policy) -> Basis:
    hours = t.need(F.VOLUNTEER_HOURS, to_float)
    _volunteer_documentation(t, p)
    if hours is None:
        return Basis(Category.VOLUNTEER, None)
    rid, rate = p.hours_rate(Category.VOLUNTEER)
    t.use(rid)
    raw = p.round(hours / rate.hours_per_cec)
    t.note(f"{hours:g} volunteer contact hours at 1 CEC per {rate.hours_per_cec:g} hours = {raw:g} CECs")
    return Basis(Category.VOLUNTEER, raw, {"volunteer_hours": hours})


def _volunteer_documentation(t: Trail, p: Policy) -> None:
    t.use(p.rule_id("nonprofit"))
    t.use(p.rule_id("volunteer_documentation"))
    nonprofit = t.peek(F.NONPROFIT, to_bool)
    task = t.peek(F.TASK_DESCRIPTION, to_text)
    signer = t.peek(F.SIGNER_ROLE, to_text)
    problems = []
    if nonprofit is not True:
        problems.append("the organization is not shown to be not-for-profit" if nonprofit is None
                        else "the organization is not a not-for-profit")
    if task is None:
        problems.append("no description of the task")
    elif not any(k in task.lower() for k in p.rules.nonprofit.restoration_keywords):
        problems.append("the task does not appear to focus on ecological restoration")
    if signer is None:
        problems.append("not signed by the organization's administrator or designee")
    if problems:
        t.review(R.NONPROFIT_UNVERIFIED, "; ".join(problems))


def preapproved_credit(t: Trail, p: Policy, offering: Offering, when: date | None) -> Basis | None:
    """The register's credit when the code is valid on the activity date, else None (to review)."""
    code = offering.approval_code
    t.use(p.rule_id("preapproval_code"))
    t.use(p.rule_id("preapproval_categories"))
    if offering.category not in p.rules.preapproval_categories.categories:
        t.review(R.NOT_PRE_APPROVABLE, f"{code} is registered for category {int(offering.category)},"
                 " which cannot be pre-approved")
        return None
    if when is None:
        return None
    t.use(p.rule_id("preapproval_recurring"))
    years = p.rules.preapproval_recurring.max_years
    limit = add_years(offering.valid_from, years) - timedelta(days=1)
    valid_to = min(offering.valid_to, limit)
    if not offering.valid_from <= when <= valid_to:
        t.review(R.APPROVAL_CODE_EXPIRED, f"{code} is valid {offering.valid_from} to {valid_to}"
                 f" (at most {years} years); the activity is dated {when}")
        return None
    if offering.terminated_on is not None and when >= offering.terminated_on:
        t.use(p.rule_id("preapproval_terminated"))
        why = f": {offering.termination_reason}" if offering.termination_reason else ""
        t.review(R.APPROVAL_CODE_TERMINATED, f"pre-approval {code} was terminated on {offering.terminated_on}{why}")
        return None
    _grade(t, p)
    raw = p.round(offering.cecs)
    _register_agrees(t, p, offering, raw)
    t.note(f"pre-approved offering {code} ({offering.title}) grants {raw:g} CECs")
    return Basis(offering.category, raw, {"approval_code": code})


def _register_agrees(t: Trail, p: Policy, offering: Offering, raw: float) -> None:
    """A certificate stating less than the one-hour minimum contradicts its register entry
    (no offering under an hour can be pre-approved): a reviewer decides (a wrong code, a
    misread). Other differences do not: pre-approval is an assurance of its credits."""
    hours = t.peek(F.CONTACT_HOURS, to_float)
    if hours is None:
        return
    minimum = p.rules.contact_minimum.minimum_hours
    t.use(p.rule_id("contact_minimum"))
    if hours < minimum:
        t.review(R.HOURS_CONFLICT, f"the certificate states {hours:g} contact hours, below the {minimum:g}-hour"
                 f" minimum, yet {offering.approval_code} grants {raw:g} CECs")

