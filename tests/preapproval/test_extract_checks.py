"""Pre-approval, pure parts: extraction from generated packets (text layer), the policy
checks, approval codes, letters and the calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from cecintake.domain import Category, DeliveryMode, InstructorInfo, Offering, ReasonCode
from cecintake.errors import ConfigError
from cecintake.extractors.api import ReadLimits
from cecintake.extractors.reading import read_document
from cecintake.preapproval import (
    Application,
    CalendarEntry,
    PacketPart,
    Termination,
    approval_letter,
    evaluate,
    extract_application,
    next_code,
    parse_instructor,
    register_csv,
    register_html,
    validate_pattern,
)
from cecintake.preapproval.model import PreapprovalConfig
from cecintake.rules import load_policy
from fixtures.applications import make_packet

POLICY = load_policy()
R = ReasonCode


def _read(packet) -> list[PacketPart]:  # noqa: ANN001
    return [PacketPart(f.name, read_document(f.read_bytes(), limits=ReadLimits()).text) for f in packet.files]


def codes(p) -> set[str]:  # noqa: ANN001
    return {r.code.value for r in p.reasons}


CASES = [
    pytest.param(dict(seed=1), id="in-person-with-resumes"),
    pytest.param(dict(seed=2, online=True, recurring=True, one_pdf=True, days=2), id="online-recurring-one-pdf"),
    pytest.param(dict(seed=5, with_resumes=False, unqualified=True), id="syllabus-alone-unqualified"),
]


@pytest.mark.parametrize("kw", CASES)
def test_packet_fields_match_the_truth(kw: dict, tmp_path: Path) -> None:
    packet = make_packet(tmp_path, **kw)
    t = packet.truth
    app = extract_application(packet.application_id, _read(packet))
    assert app.sponsor == t["sponsor"] and app.title == t["title"]
    assert len(app.objectives) == len(t["objectives"])
    assert [i.name for i in app.instructors] == [i["name"] for i in t["instructors"]]
    for got, want in zip(app.instructors, t["instructors"], strict=True):
        assert set(want["credentials"]) <= set(got.credentials)
        assert want["affiliation"] in (got.affiliation or "")
    assert [d.isoformat() for d in app.offering_dates] == t["offering_dates"]
    assert app.contact_email == t["contact_email"] and app.contact_phone == t["contact_phone"]
    assert app.delivery_mode is DeliveryMode(t["delivery_mode"])
    assert app.schedule_hours == pytest.approx(t["contact_hours"])  # instruction only: breaks, lunch, admin out
    assert app.recurring is t["recurring"]
    if t["delivery_mode"] == "online":
        assert app.estimated_contact_hours == pytest.approx(t["contact_hours"])
        assert app.attendance_verification == t["attendance_verification"]
    proposal = evaluate(app, POLICY)
    assert proposal.category is Category.TRAINING and proposal.cecs == pytest.approx(t["contact_hours"])
    unqualified = [i["name"] for i in t["instructors"] if not i["qualified"]]
    assert (R.INSTRUCTOR_UNQUALIFIED.value in codes(proposal)) is bool(unqualified)
    assert [c.name for c in proposal.instructors if c.basis is None] == unqualified


def _app(**kw) -> Application:  # noqa: ANN003
    base = Application(
        application_id="APP-T", sponsor="Tallgrass Restoration Network", title="Prairie Seed Collection",
        instructors=(InstructorInfo("Dana Whitfield", ("PhD", "CERP"), "Kansas State University"),),
        objectives=("Describe seed dormancy and its treatment",), offering_dates=(dt.date(2025, 5, 10),),
        end_date=dt.date(2025, 5, 10), registration_contact="jane@example.org", contact_email="jane@example.org",
        delivery_mode=DeliveryMode.IN_PERSON, schedule_hours=6.5, schedule_days=1)
    return replace(base, **kw)


def test_a_complete_application_passes_every_check() -> None:
    p = evaluate(_app(), POLICY)
    assert p.approvable and p.cecs == 6.5 and (p.valid_from, p.valid_to) == (dt.date(2025, 5, 10),) * 2
    assert "preapproval.categories" in p.rule_ids and "contact.minimum" in p.rule_ids


@pytest.mark.parametrize(("changes", "code"), [
    pytest.param({"objectives": ()}, R.MISSING_FIELD, id="objectives-not-stated"),
    pytest.param({"schedule_hours": 0.75}, R.BELOW_MINIMUM_CONTACT_TIME, id="under-one-hour"),
    pytest.param({"requested_category": Category.PUBLICATION}, R.NOT_PRE_APPROVABLE, id="category-5"),
    pytest.param({"instructors": (InstructorInfo("Sam Hill", (), "GreenLawn Products Inc."),)},
                 R.INSTRUCTOR_UNQUALIFIED, id="instructor-for-the-committee"),
    pytest.param({"delivery_mode": DeliveryMode.ONLINE}, R.DISTANCE_LEARNING_UNVERIFIED,
                 id="online-without-verification"),
    pytest.param({"stated_contact_hours": 8.0}, R.HOURS_CONFLICT, id="stated-hours-disagree"),
    pytest.param({"registration_contact": None, "contact_email": None}, R.MISSING_FIELD, id="no-registration-contact"),
])
def test_each_policy_check_flags_its_problem(changes: dict, code: ReasonCode) -> None:
    p = evaluate(_app(**changes), POLICY)
    assert code.value in codes(p) and not p.approvable


def test_a_recurring_course_is_approved_for_at_most_two_years() -> None:
    app = _app(recurring=True, offering_dates=(dt.date(2025, 5, 10), dt.date(2026, 5, 9), dt.date(2027, 5, 8)),
               requested_valid_to=dt.date(2028, 12, 31))
    p = evaluate(app, POLICY)
    assert (p.valid_from, p.valid_to) == (dt.date(2025, 5, 10), dt.date(2027, 5, 9))
    assert "capped at 2 years" in p.explanation
    assert evaluate(app, POLICY, valid_to=dt.date(2030, 1, 1)).valid_to == dt.date(2027, 5, 9)
    assert evaluate(_app(recurring=True), POLICY).valid_to == dt.date(2027, 5, 9)


@pytest.mark.parametrize(("line", "name", "creds", "aff"), [
    ("- Dana Whitfield, PhD, CERP (Kansas State University)", "Dana Whitfield", ("PhD", "CERP"),
     "Kansas State University"),
    ("• Lee Park, PWS — Prairie Wetlands LLC", "Lee Park", ("PWS",), "Prairie Wetlands LLC"),
    ("Maria Okafor, MS, University of Minnesota", "Maria Okafor", ("MS",), "University of Minnesota"),
])
def test_instructor_lines(line: str, name: str, creds: tuple, aff: str) -> None:
    i = parse_instructor(line)
    assert i is not None and (i.name, i.credentials, i.affiliation) == (name, creds, aff)


def test_codes_follow_a_configurable_unique_pattern() -> None:
    assert next_code("SER-PA-{year}-{seq:04d}", year=2025, after=0, taken=set()) == ("SER-PA-2025-0001", 1)
    assert next_code("SER-PA-{year}-{seq:04d}", year=2025, after=0, taken={"SER-PA-2025-0001"})[0] == "SER-PA-2025-0002"
    assert next_code("CEC{seq:05d}/{year}", year=2026, after=41, taken=set())[0] == "CEC00042/2026"
    for bad in ("SER-PA-{year}", "SER-{seq}-{month}", "SER-{seq:q}"):
        with pytest.raises(ConfigError):
            validate_pattern(bad)
    assert PreapprovalConfig.from_env({"CECINTAKE_APPROVAL_CODE_PATTERN": "X-{year}-{seq:03d}"}).code_pattern \
        == "X-{year}-{seq:03d}"


OFFERING = Offering("SER-PA-2025-0001", "<script>alert(1)</script> Seeds", "=HYPERLINK(\"x\")", Category.TRAINING, 6,
                    dt.date(2025, 5, 10), dt.date(2025, 5, 10))


def test_the_letter_states_the_code_and_the_sponsors_obligations() -> None:
    body = approval_letter(_app(), OFFERING, today=dt.date(2025, 4, 1)).body
    for needle in ("SER-PA-2025-0001", "within 30 days", "at least 6 years", "logo", "Confirmation of Completion"):
        assert needle in body


def test_calendar_html_is_escaped_and_csv_is_formula_safe() -> None:
    t = Termination.of(OFFERING.approval_code, dt.date(2025, 6, 1), "bad <b>conduct</b>", "coordinator")
    ended = replace(OFFERING, terminated_on=t.terminated_on, termination_reason=t.reason)
    entries = [CalendarEntry(ended, (dt.date(2025, 5, 10),), "in_person", "a@b.org", t.appeal_until)]
    html = register_html(entries, today=dt.date(2025, 7, 1))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "appeal until 2025-07-01" in html and "terminated" in html
    csv_text = register_csv(entries, today=dt.date(2025, 7, 1))
    assert csv_text.splitlines()[0].startswith("approval_code,title,sponsor,category,cecs,valid_from,valid_to")
    assert "'=HYPERLINK" in csv_text and ",terminated," in csv_text
