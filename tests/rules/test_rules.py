"""One named test per rule of the policy; each docstring starts with ``[rule id]`` and quotes
the sentence it implements (test_policy checks that every rule id is cited here)."""

from __future__ import annotations

import dataclasses

from datetime import date, datetime

import pytest

from cecintake.domain.models import Claim, Evidence, InstructorInfo, JournalEntry, Offering
from cecintake.domain.vocab import Category, DocType, FieldName, Route, TextSource
from cecintake.rules import RoutingThresholds, changed_entries, cycle_status, propose, reconcile

from .builders import CERT, OFFERINGS, POLICY, SUBMITTED, claim, codes, run, service, teaching, to_entry, volunteer, workshop

D = DocType


def test_rounding_down_to_quarter() -> None:
    """[credit.rounding] "credits are computed from the exact hours (or items, years, events) and
    rounded down to the nearest 0.25 CEC." """
    assert run(workshop(hours=2.9)).cecs == 2.75
    assert run(claim(D.CONFERENCE_ATTENDANCE, activity_title="Symposium", provider="SER", end_date="2023-05-01",
                     contact_hours=2.9)).cecs == 1.25  # 1.45 -> 1.25
    half = POLICY.with_changes({"rules": {"credit.rounding": {"step": 0.5}}})
    assert run(workshop(hours=2.9), policy=half).cecs == 2.5


def test_cycle_total_50_within_five_years() -> None:
    """[cycle.total] "...can be recertified by earning a minimum of 50 continuing education credits (CECs)
    within the five-year period since they were last: certified, recertified, or upgraded..." """
    journal = [JournalEntry(CERT.certificant_id, f"D{i}", Category.TRAINING, 9.0, date(2022 + i, 6, 1), f"k{i}")
               for i in range(5)]
    st = cycle_status(CERT, journal=journal, policy=POLICY, today=date(2026, 1, 1)).to_json()
    assert (st["cycle_end"], st["required_total"], st["earned_total"], st["shortfall"]) == ("2027-03-31", 50, 45.0, 5.0)


def test_yearly_minimum_five() -> None:
    """[cycle.yearly_minimum] "A minimum of five CECs must be earned in each year." """
    journal = [JournalEntry(CERT.certificant_id, "D1", Category.TRAINING, 4.75, date(2022, 6, 1), "k1"),
               JournalEntry(CERT.certificant_id, "D2", Category.TRAINING, 5.0, date(2023, 6, 1), "k2")]
    years = cycle_status(CERT, journal=journal, policy=POLICY, today=date(2024, 1, 1)).to_json()["years"]
    assert [(y["earned"], y["minimum"], y["met"]) for y in years[:2]] == [(4.75, 5, False), (5.0, 5, True)]


def test_outside_cycle_goes_to_review() -> None:
    """[cycle.window] CECs count only "within the five-year period since they were last: certified,
    recertified, or upgraded from CERPIT to CERP status." """
    p = run(workshop(day="2022-03-31"))
    assert p.route is Route.REVIEW and codes(p) == {"outside_cycle"}
    assert run(workshop(day="2022-04-01")).route is Route.ACCEPT


def test_future_date_after_submission() -> None:
    """[claim.future_date] "`future_date` means dated after the document's own submission: the
    manifest's `submitted_at`, else the time of intake." """
    p = run(workshop(day="2025-04-21"))
    assert p.route is Route.REVIEW and "future_date" in codes(p)
    assert run(workshop(day="2025-04-20")).route is Route.ACCEPT


def test_duplicate_activity() -> None:
    """[claim.duplicate] "`duplicate` — the same bytes, or the same activity, were already submitted" """
    first = workshop("D1", activity_title="Prairie Seed Workshop")
    entry = to_entry(first, run(first))
    again = workshop("D2", activity_title="PRAIRIE SEED WORKSHOP.")  # another scan of the same certificate
    p = run(again, journal=[entry])
    assert p.route is Route.DUPLICATE and "duplicate_claim" in codes(p) and p.cecs == 0
    assert run(first, journal=[entry]).route is Route.ACCEPT  # re-judging the same document is not a duplicate


EMPTY_UNKNOWN = Claim("D0", Evidence(D.UNKNOWN, 0.5, TextSource.NONE), CERT, SUBMITTED, None)


@pytest.mark.parametrize(
    ("c", "route", "code"),
    [
        pytest.param(claim(D.COURSE_SYLLABUS, activity_title="Restoration 101", end_date="2023-01-01",
                           contact_hours=10), Route.REVIEW, "not_evidence", id="syllabus-alone"),
        pytest.param(EMPTY_UNKNOWN, Route.REJECT, "not_evidence", id="unknown-empty"),
        pytest.param(claim(D.UNKNOWN, end_date="2023-01-01"), Route.REVIEW, "unsupported_doc_type",
                     id="unknown-with-fields"),
    ],
)
def test_documentation_of_completion(c: Claim, route: Route, code: str) -> None:
    """[evidence.documentation] "Participants who complete the training or activity must obtain a
    Confirmation of Completion certificate or other documentation." """
    p = run(c)
    assert p.route is route and code in codes(p)


def test_cat1_coursework_hours() -> None:
    """[cat1.hours] "1 hour of classroom instruction/attendance = 1 CEC" """
    p = run(workshop(hours=3, grade="A", provider="Oregon State University"))
    assert (p.category, p.cecs, p.route) == (Category.COURSEWORK, 3.0, Route.ACCEPT)
    t = run(claim(D.COLLEGE_TRANSCRIPT, activity_title="Wetland Ecology", provider="Oregon State University",
                  end_date="2023-06-01", contact_hours=30, grade="B+"))
    assert (t.category, t.cecs) == (Category.COURSEWORK, 30.0)


def test_cat2_training_hours() -> None:
    """[cat2.hours] "1 hour of attendance = 1 CEC" """
    p = run(workshop(hours=6.5))
    assert (p.category, p.cecs, p.route, p.rule_ids[:1]) == (Category.TRAINING, 6.5, Route.ACCEPT,
                                                              ("evidence.documentation",))
    assert "cat2.hours" in p.rule_ids and "6.5 contact hours" in p.explanation


def test_cat3_conference_two_hours_per_cec() -> None:
    """[cat3.hours] "2 hours of attendance = 1 CEC" """
    p = run(claim(D.CONFERENCE_ATTENDANCE, activity_title="SER World Conference", provider="SER",
                  start_date="2023-09-25", end_date="2023-09-27", contact_hours=13))
    assert (p.category, p.cecs) == (Category.CONFERENCE, 6.5)


def test_cat4_instruction_hours() -> None:
    """[cat4.hours] "1 hour of instruction = 1 CEC" """
    p = run(claim(D.INSTRUCTION_LETTER, activity_title="Seed Workshop", provider="Prairie Partners",
                  end_date="2023-03-02", contact_hours=3))
    assert (p.category, p.cecs, p.route) == (Category.INSTRUCTION, 3.0, Route.ACCEPT)


def test_teaching_repeat_only_first_time() -> None:
    """[cat4.teaching_repeat] "If courses are taught multiple times (e.g., each year), only the first time
    it is taught will be considered for CECs." """
    fall22 = teaching("T1", "Fall 2022", "2022-08-22", "2022-12-09")
    fall23 = teaching("T2", "Fall 2023", "2023-08-21", "2023-12-08")
    e1 = to_entry(fall22, run(fall22))
    p = run(fall23, journal=[e1])
    assert (p.route, p.cecs, p.raw_cecs) == (Route.ACCEPT, 0.0, 6.0) and codes(p) == {"teaching_repeat"}
    # arriving the other way round, the earlier course still is the one credited
    e2 = to_entry(fall23, run(fall23))
    assert run(fall22, journal=[e2]).cecs == 6.0
    assert [e.cecs for e in reconcile(CERT.certificant_id, [e2, e1], policy=POLICY)] == [0.0, 6.0]
    # a workshop (not a semester/quarter course) taught again still earns credit
    w1 = claim(D.INSTRUCTION_LETTER, doc="W1", activity_title="Seed ID", provider="X", end_date="2023-03-02",
               contact_hours=3)
    w2 = claim(D.INSTRUCTION_LETTER, doc="W2", activity_title="Seed ID", provider="X", end_date="2024-03-02",
               contact_hours=3)
    assert run(w2, journal=[to_entry(w1, run(w1))]).cecs == 3.0


@pytest.mark.parametrize(
    ("kind", "cecs"),
    [pytest.param("book", 10, id="cat5.book"), pytest.param("book_chapter", 5, id="cat5.book_chapter"),
     pytest.param("peer_reviewed", 5, id="cat5.peer_reviewed"),
     pytest.param("other_educational", 1, id="cat5.other_educational")],
)
def test_cat5_publication_rates(kind: str, cecs: float) -> None:
    """[cat5.book] "Book = 10 CECs"
    [cat5.book_chapter] "Book chapter = 5 CECs"
    [cat5.peer_reviewed] "Peer-reviewed publication = 5 CECs"
    [cat5.other_educational] "Other educational materials = 1 CEC" """
    p = run(claim(D.PUBLICATION_ACCEPTANCE, activity_title="Seed zones", provider="Restoration Ecology",
                  end_date="2023-07-01", publication_kind=kind, publication_status="accepted"))
    assert (p.category, p.cecs, p.route) == (Category.PUBLICATION, cecs, Route.ACCEPT)
    assert f"cat5.{kind}" in p.rule_ids


@pytest.mark.parametrize(
    ("status", "conf", "route"),
    [pytest.param("published", 0.98, Route.ACCEPT, id="published"),
     pytest.param("submitted", 0.98, Route.REJECT, id="submitted"),
     pytest.param("rejected", 0.98, Route.REJECT, id="rejected"),
     pytest.param("under review", 0.5, Route.REVIEW, id="uncertain-status")],
)
def test_publication_only_once_accepted(status: str, conf: float, route: Route) -> None:
    """[cat5.accepted] "Publications are not eligible for CECs until they have been accepted by the publisher." """
    p = run(claim(D.PUBLICATION_ACCEPTANCE, activity_title="Seed zones", provider="J", end_date="2023-07-01",
                  publication_kind="peer_reviewed", publication_status=(status, conf)))
    assert p.route is route
    assert (route is Route.ACCEPT) == ("publication_not_accepted" not in codes(p))


def test_cat6_board_per_year() -> None:
    """[cat6.board] "Board member = 5 CECs/year" """
    p = run(service("B1", "board_member", "chapter", "2022-04-01", "2024-03-31", 2))
    assert (p.category, p.cecs, p.details["org_level"], p.details["service_role"]) == (
        Category.LEADERSHIP, 10.0, "chapter", "board_member")


def test_cat6_committee_per_year() -> None:
    """[cat6.committee] "Committee member [3] = 3 CECs/year" """
    assert run(service("C1", "committee_member", "ser", "2023-01-01", "2023-12-31", 1)).cecs == 3.0


def test_cat6_event_organizer() -> None:
    """[cat6.event] "Organizing SER or SER chapter events = 2 CECs/event" """
    p = run(claim(D.SERVICE_LETTER, activity_title="Chapter meeting", provider="SER Midwest",
                  service_role="event organizer", end_date="2023-10-01", events_organized=3))
    assert (p.cecs, p.route) == (6.0, Route.ACCEPT)


def test_board_and_committee_same_level() -> None:
    """[cat6.same_level] "If the certificant serves on the Board and a committee at the same SER
    organizational level (e.g., both for a chapter), then he/she should only count the Board service." """
    board = service("B1", "board_member", "chapter", "2022-04-01", "2024-03-31", 2)
    e_board = to_entry(board, run(board))
    same = run(service("C1", "committee_member", "chapter", "2022-09-01", "2023-08-31", 1), journal=[e_board])
    assert (same.cecs, same.raw_cecs, same.route) == (0.0, 3.0, Route.ACCEPT)
    assert codes(same) == {"board_and_committee_same_level"}
    other = run(service("C2", "committee_member", "ser", "2022-09-01", "2023-08-31", 1), journal=[e_board])
    assert other.cecs == 3.0 and not other.reasons  # different levels: both count


def test_cat7_volunteer_hours() -> None:
    """[cat7.hours] "4 contact hours = 1 CEC" """
    p = run(volunteer("V1", 10))
    assert (p.category, p.cecs, p.route) == (Category.VOLUNTEER, 2.5, Route.ACCEPT)


def test_volunteer_cap_gives_remainder() -> None:
    """[cat7.cap] "No more than 5 CECs can be obtained through volunteer service over the 5 year period." """
    v1 = volunteer("V1", 16, day="2023-01-10")
    e1 = to_entry(v1, run(v1))
    p = run(volunteer("V2", 8, day="2023-06-10"), journal=[e1])
    assert (p.cecs, p.raw_cecs, p.route) == (1.0, 2.0, Route.ACCEPT) and codes(p) == {"volunteer_cap"}
    e2 = to_entry(volunteer("V2", 8, day="2023-06-10"), p)
    third = run(volunteer("V3", 40, day="2024-01-01"), journal=[e1, e2])
    assert third.cecs == 0.0 and "volunteer_cap" in codes(third)


@pytest.mark.parametrize(
    "extra",
    [pytest.param({"nonprofit": "no"}, id="for-profit"),
     pytest.param({"nonprofit": None}, id="nonprofit-not-shown"),
     pytest.param({"task_description": "answering phones at the front desk"}, id="not-restoration")],
)
def test_volunteer_nonprofit_restoration(extra: dict) -> None:
    """[cat7.nonprofit] "Qualifying volunteer service must be at a not-for-profit organization and service
    must focus on ecological restoration." """
    p = run(volunteer("V1", 8, **extra))
    assert p.route is Route.REVIEW and codes(p) == {"nonprofit_unverified"}


def test_volunteer_documentation_by_administrator() -> None:
    """[cat7.documentation] "Documentation of volunteer hours (number of hours and description of the
    task) must be provided by the organization’s administrator or their designee." """
    assert codes(run(volunteer("V1", 8, signer_role=None))) == {"nonprofit_unverified"}
    assert codes(run(volunteer("V1", 8, task_description=None))) == {"nonprofit_unverified"}
    assert run(volunteer("V1", 8)).route is Route.ACCEPT


@pytest.mark.parametrize(
    ("hours", "route"),
    [pytest.param(0.75, Route.REJECT, id="certain-below"), pytest.param((0.75, 0.5), Route.REVIEW, id="uncertain"),
     pytest.param(1, Route.ACCEPT, id="exactly-one")],
)
def test_minimum_contact_time(hours, route: Route) -> None:
    """[contact.minimum] "Contact time must be a minimum of one hour." """
    p = run(workshop(hours=hours))
    assert p.route is route
    assert ("below_minimum_contact_time" in codes(p)) == (route is not Route.ACCEPT)


def test_countable_contact_time() -> None:
    """[contact.countable] "Time spent on breaks, meals, administrative presentations, social events and travel
    (unless instruction occurs during travel) does not count toward instructional time." """
    p = run(workshop(hours=16))  # one day
    assert p.route is Route.REVIEW and codes(p) == {"hours_conflict"}


@pytest.mark.parametrize(
    ("grade", "route"),
    [pytest.param("B-", Route.ACCEPT, id="letter-pass"), pytest.param("F", Route.REJECT, id="letter-fail"),
     pytest.param("Pass", Route.ACCEPT, id="pass"), pytest.param("55%", Route.REJECT, id="percent-fail"),
     pytest.param("3.3", Route.ACCEPT, id="points-pass"), pytest.param("Z*", Route.REVIEW, id="unrecognised")],
)
def test_passing_grade(grade: str, route: Route) -> None:
    """[grade.passing] "If grades are assigned, the participant must obtain a passing grade and provide documentation." """
    p = run(workshop(hours=3, grade=grade))
    assert p.route is route and p.category is Category.COURSEWORK


def test_distance_learning_needs_time_and_verification() -> None:
    """[distance.verification] "For distance learning (e.g., webinars, online courses), the sponsor or
    instructor will provide estimated contact time and the means of attendance verification." """
    p = run(workshop(hours=2, delivery_mode="online"))
    assert p.route is Route.REVIEW and codes(p) == {"distance_learning_unverified"}
    ok = run(workshop(hours=2, delivery_mode="online", attendance_verification="poll responses logged"))
    assert ok.route is Route.ACCEPT


def test_distance_learning_verification_is_for_attendance_not_for_the_instructor() -> None:
    """[distance.verification] attendance verification concerns participants (categories 1-3);
    an instructor teaching online (category 4) attends nothing to verify."""
    p = run(teaching("D1", "Fall 2023", "2023-08-21", "2023-12-08", delivery_mode="online"))
    assert p.route is Route.ACCEPT and "distance_learning_unverified" not in codes(p)


@pytest.mark.parametrize(
    ("info", "qualified"),
    [pytest.param(InstructorInfo("A", ("PhD", "CERP")), True, id="certified-by-SER"),
     pytest.param(InstructorInfo("B", ("PWS",)), True, id="discipline-certification"),
     pytest.param(InstructorInfo("C", ("MS",), affiliation="Oregon State University"), True, id="university"),
     pytest.param(InstructorInfo("D", ("MBA",), affiliation="Acme Seeds Inc."), False, id="committee-decides")],
)
def test_instructor_qualification(info: InstructorInfo, qualified: bool) -> None:
    """[instructor.qualification] "Instructors must meet one of the following criteria: be certified by SER or
    be certified in a discipline ... by an appropriate society or government entity, be employed at an accredited
    college or university, or possess credentials ... as agreed upon by a majority of the SER Continuing
    Education Committee." """
    c = workshop(hours=4)
    c = type(c)(c.document_id, type(c.evidence)(c.evidence.doc_type, 0.97, c.evidence.text_source,
                                                 c.evidence.fields, (info,)), c.certificant, c.submitted_at, 0.97)
    p = run(c)
    assert (p.route is Route.ACCEPT) == qualified
    assert ("instructor_unqualified" in codes(p)) == (not qualified)


def _coded(code: str, day: str = "2024-10-05", **extra) -> object:
    return workshop(hours=5, day=day, approval_code=code, **extra)


def test_preapproval_only_categories_1_to_4() -> None:
    """[preapproval.categories] "Activities described in Categories 1-4 (see table above) may be
    pre-approved for a specific number of CECs." """
    bad = {"SER-PA-1": Offering("SER-PA-1", "Board", "SER", Category.LEADERSHIP, 5, date(2024, 1, 1),
                                date(2025, 1, 1))}
    p = run(_coded("SER-PA-1"), offerings=bad)
    assert p.route is Route.REVIEW and "not_pre_approvable" in codes(p)


def test_valid_approval_code_grants_register_cecs() -> None:
    """[preapproval.code] "Pre-approved offerings provide course attendees with assurance that the offering
    will receive a pre-determined number of credits." """
    p = run(_coded("ser-pa-2024-0137"))
    assert (p.route, p.category, p.cecs) == (Route.ACCEPT, Category.TRAINING, 6.0)
    assert "pre-approved offering SER-PA-2024-0137" in p.explanation
    unknown = run(_coded("SER-PA-2099-0001"))
    assert unknown.route is Route.REVIEW and codes(unknown) == {"unknown_approval_code"}
    assert unknown.cecs == 5.0  # what the hours would earn, for the reviewer


@pytest.mark.parametrize(("doc_type", "code"), [
    pytest.param(D.UNKNOWN, "unsupported_doc_type", id="announcement-or-unrecognised"),
    pytest.param(D.COURSE_SYLLABUS, "not_evidence", id="syllabus"),
])
def test_registered_code_on_a_document_that_evidences_no_completion_goes_to_review(doc_type, code: str) -> None:
    """[evidence.documentation] A flyer, booking or syllabus may print a registered approval code and the
    activity's hours: the code says what the offering is worth, not that the certificant completed it, so
    the claim is not credited without a reviewer (before, the pre-approved path skipped the doc-type check)."""
    c = claim(doc_type, activity_title="Prairie Seed Collection Workshop", provider="Tallgrass Restoration Network",
              start_date="2024-10-05", end_date="2024-10-05", approval_code="SER-PA-2024-0137", contact_hours=6)
    p = run(c)
    assert p.route is Route.REVIEW and code in codes(p)


def test_recurring_preapproval_at_most_two_years() -> None:
    """[preapproval.recurring] "Pre-approval for a period of two years may be requested for recurring courses." """
    long = {"SER-PA-9": Offering("SER-PA-9", "Recurring", "X", Category.TRAINING, 4, date(2022, 1, 1),
                                 date(2026, 12, 31))}
    assert run(_coded("SER-PA-9", day="2023-12-31"), offerings=long).cecs == 4.0
    late = run(_coded("SER-PA-9", day="2024-01-01"), offerings=long)
    assert late.route is Route.REVIEW and codes(late) == {"approval_code_expired"}
    early = run(_coded("SER-PA-2024-0137", day="2023-12-31"))
    assert codes(early) == {"approval_code_expired"}


def test_terminated_preapproval() -> None:
    """[preapproval.terminated] "SER may provide warning and/or terminate pre-approval if evidence is found that
    providers are not meeting SER educational criteria and commitments to follow SER guidelines and the SER
    Code of Ethics." """
    o = OFFERINGS["SER-PA-2024-0137"]
    ended = {o.approval_code: type(o)(**{**{f: getattr(o, f) for f in o.__slots__}, "terminated_on": date(2024, 9, 1)})}
    p = run(_coded("SER-PA-2024-0137"), offerings=ended)
    assert p.route is Route.REVIEW and codes(p) == {"approval_code_terminated"}
    assert run(_coded("SER-PA-2024-0137", day="2024-08-31"), offerings=ended).route is Route.ACCEPT


def test_per_activity_maximum_off_by_default() -> None:
    """[activity.max] "Optional, off by default: no single activity earns more than max_cecs CECs." """
    book = claim(D.PUBLICATION_ACCEPTANCE, activity_title="Restoring Prairies", provider="Island Press",
                 end_date="2023-07-01", publication_kind="book", publication_status="accepted")
    assert run(book).cecs == 10.0
    capped = run(book, policy=POLICY.with_changes({"rules": {"activity.max": {"enabled": True, "max_cecs": 4}}}))
    assert (capped.cecs, capped.raw_cecs, capped.route) == (4.0, 10.0, Route.ACCEPT)
    assert codes(capped) == {"per_activity_cap"}


# --- routing: confidence, identity, category inference (not policy sentences) ---


def test_low_confidence_and_missing_fields_route_to_review() -> None:
    low = run(workshop(hours=(6.5, 0.41)))
    assert low.route is Route.REVIEW and codes(low) == {"low_confidence"} and low.confidence == 0.41
    missing = run(claim(D.COMPLETION_CERTIFICATE, activity_title="W", end_date="2023-01-01"))
    assert missing.route is Route.REVIEW and codes(missing) == {"missing_field"}
    doc = run(workshop(doc_conf=0.5))
    assert codes(doc) == {"low_confidence"}
    relaxed = RoutingThresholds(per_field={FieldName.CONTACT_HOURS: 0.4})
    assert run(workshop(hours=(6.5, 0.41)), thresholds=relaxed).route is Route.ACCEPT


def test_unknown_certificant_and_name_mismatch() -> None:
    assert codes(run(workshop(cert=None))) == {"unknown_certificant"}
    assert codes(run(workshop(name_match=0.6))) == {"name_mismatch"}


def test_category_from_doc_type() -> None:
    assert run(workshop()).category is Category.TRAINING
    assert run(workshop(provider="Lane Community College")).category is Category.COURSEWORK
    assert run(volunteer("V", 4)).category is Category.VOLUNTEER


def test_explanation_and_rule_ids_always_present() -> None:
    for c in (workshop(), workshop(hours=0.5), claim(D.COURSE_SYLLABUS, end_date="2023-01-01")):
        p = run(c)
        assert p.explanation and p.rule_ids


def test_submitted_at_is_the_future_date_reference() -> None:
    c = workshop(day="2024-01-02", submitted=datetime(2024, 1, 1, 23, 0))
    assert "future_date" in codes(run(c))


def test_reviewer_category_override() -> None:
    p = run(workshop(hours=4))
    assert p.category is Category.TRAINING
    forced = propose(workshop(hours=4), journal=(), offerings=OFFERINGS, policy=POLICY,
                     thresholds=RoutingThresholds(), category=Category.CONFERENCE)
    assert (forced.category, forced.cecs) == (Category.CONFERENCE, 2.0)


def test_changed_entries_after_a_denial() -> None:
    v1, v2 = volunteer("V1", 16, day="2023-01-10"), volunteer("V2", 8, day="2023-06-10")
    e1 = to_entry(v1, run(v1))
    e2 = to_entry(v2, run(v2, journal=[e1]))
    after = reconcile(CERT.certificant_id, [e2], policy=POLICY)
    [(old, new)] = changed_entries([e1, e2], after)
    assert (old.cecs, new.cecs, new.details["adjustments"]) == (1.0, 2.0, [])


def test_participant_name_corroborated_by_the_roster_does_not_need_its_own_confidence() -> None:
    """A printed name read at 0.6 that matches the roster (0.97) is corroborated by an
    independent source; without a roster comparison it still goes to review."""
    ok = run(workshop(participant_name=("Maria L. Fernandez", 0.6)))
    assert ok.route is Route.ACCEPT
    c = workshop(participant_name=("Maria L. Fernandez", 0.6))
    unchecked = run(type(c)(c.document_id, c.evidence, c.certificant, c.submitted_at, None))
    assert unchecked.route is Route.REVIEW and {"low_confidence", "name_mismatch"} <= codes(unchecked)
    mismatch = run(type(c)(c.document_id, c.evidence, c.certificant, c.submitted_at, 0.4))
    assert mismatch.route is Route.REVIEW and "name_mismatch" in codes(mismatch)


def test_preapproved_certificate_below_the_contact_minimum_goes_to_review() -> None:
    """[contact.minimum] "Contact time must be a minimum of one hour." A certificate carrying a
    valid code but stating 50 minutes contradicts its register entry: a reviewer decides."""
    p = run(workshop(hours=0.83, day="2024-10-05", approval_code="SER-PA-2024-0137"))
    assert p.route is Route.REVIEW and "hours_conflict" in codes(p)
    assert run(_coded("SER-PA-2024-0137")).route is Route.ACCEPT  # 5 h stated: the register's 6 CECs stand


@pytest.mark.parametrize(("source", "ocr", "route"), [
    pytest.param(TextSource.OCR, 0.31, Route.REVIEW, id="unreadable-scan-to-review"),
    pytest.param(TextSource.MIXED, 0.42, Route.REVIEW, id="unreadable-ocr-page-in-a-mixed-pdf"),
    pytest.param(TextSource.OCR, 0.88, Route.ACCEPT, id="readable-scan"),
    pytest.param(TextSource.TEXT_LAYER, None, Route.ACCEPT, id="text-layer"),
])
def test_a_scan_nobody_could_read_goes_to_review_never_guessed(source: TextSource, ocr: float | None,
                                                              route: Route) -> None:
    """Issue 4: a scan nobody could read is routed to review with `ocr_low_quality`, never guessed
    (routing threshold `ocr_quality`, 0.50 by default), even when its fields look confident."""
    c = workshop()
    ev = dataclasses.replace(c.evidence, text_source=source, ocr_confidence=ocr)
    p = run(dataclasses.replace(c, evidence=ev))
    assert p.route is route
    assert ("ocr_low_quality" in codes(p)) is (route is Route.REVIEW)
