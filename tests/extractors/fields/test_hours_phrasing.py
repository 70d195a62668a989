"""Hour statements in phrasings the extractor had not seen (issue 4, generalisation): each case is a
sentence as a real CE certificate or letter prints it, with the contact hours a careful reader takes."""

from __future__ import annotations

import pytest

from cecintake.domain.vocab import DocType
from cecintake.extractors.fields.hours import find_contact_hours
from cecintake.extractors.fields.layout import Layout
from cecintake.extractors.text.hours import find_hours

from .helpers import doc_from_text


def _hours(text: str, doc_type: DocType = DocType.COMPLETION_CERTIFICATE):
    found, _ = find_contact_hours(Layout(doc_from_text(text)), text, doc_type)
    return None if found is None else found.value


@pytest.mark.parametrize(("text", "hours"), [
    pytest.param("Workshop participants earned 9 CE contact hours.", 9.0, id="ce-contact-hours"),
    pytest.param("This program carries 6.5 approved contact hours.", 6.5, id="approved-contact-hours"),
    pytest.param("Credit: Approved for 3 CE contact hours", 3.0, id="approved-for-ce-contact"),
    pytest.param("CE hours earned: 11.5", 11.5, id="label-earned"),
    pytest.param("Total Hours Completed: 4.75", 4.75, id="label-completed"),
    pytest.param("PDHs earned: 7", 7.0, id="pdhs-earned"),
    pytest.param("CE credits: 4.0", 4.0, id="ce-credits-bare-number"),
    pytest.param("Instructional hours: 6.5", 6.5, id="instructional-hours"),
    pytest.param("CE credit awarded: 15 approved contact hours", 15.0, id="credit-awarded-hours"),
])
def test_hour_statements(text: str, hours: float) -> None:
    assert _hours(f"Certificate of Completion\nJane Doe\nhas completed Riparian Buffers\n{text}\n") == hours


def test_credit_hours_label_is_read_but_outranked_by_contact_hours() -> None:
    # a transcript's "Credit hours" are semester credits: a stated contact-hour count wins
    text = "Academic Transcript\nENV 310 Restoration Ecology\nCredit hours: 3\nContact hours: 45\n"
    assert _hours(text, DocType.COLLEGE_TRANSCRIPT) == 45.0
    assert _hours("Certificate of Completion\nCredit hours awarded: 2.\n") == 2.0


def test_ceu_conversion_note_is_not_the_activity_hours() -> None:
    text = ("Dear Colleague,\nThe course took place on 12 August 2025.\nCE hours earned: 11.5.\n"
            "1 CEU = 10 contact hours.\n")
    assert _hours(text) == 11.5
    assert find_hours("One CEU equals ten hours of instruction.") == []


def test_ceu_conversion_note_beside_a_minute_count() -> None:
    text = "The webinar was a 180-minute online session.\n1 CEU = 10 contact hours.\n"
    assert _hours(text) == 3.0


@pytest.mark.parametrize("text", [
    pytest.param("Please allow 48 hours for your certificate to be processed.", id="allow-processing"),
    pytest.param("Questions? Our help desk answers within 24 hours.", id="within"),
    pytest.param("Cancellations require 48 hours' notice.", id="notice"),
])
def test_waits_and_notice_periods_are_not_hours(text: str) -> None:
    assert find_hours(text) == []
    assert _hours(f"This course provided 5 hours of continuing education credit.\n{text}\n") == 5.0


def test_a_qualified_count_after_a_wait_word_is_still_hours() -> None:
    assert [h.hours for h in find_hours("Certified after 6 hours of training.")] == [6.0]


# issue 4, session 9: statements in wordings of our own that were read wrong (or not at all)
_CERT = "Certificate of Completion\nThis certifies that\nMaria L. Gomez\nhas completed\nWetland Plant Identification\n"


def _found(text: str, doc_type: DocType = DocType.COMPLETION_CERTIFICATE):
    found, _ = find_contact_hours(Layout(doc_from_text(text)), text, doc_type)
    return found


@pytest.mark.parametrize(("text", "hours", "method"), [
    pytest.param("held on April 2-3, 2025, two days, 7 hours each", 14.0, "days x hours", id="two-days-hours-each"),
    pytest.param("Six sessions of 1.5 hours each", 9.0, "periods x hours", id="sessions-of-hours-each"),
    pytest.param("a six-week online course, June 1 - July 12, 2025, 2 hours per week", 12.0, "periods x hours",
                 id="weeks-hours-per-week"),
    pytest.param("two 3.5-hour sessions", 7.0, "periods x hours", id="count-of-hour-sessions"),
    pytest.param("8 weeks x 3 hours", 24.0, "periods x hours", id="weeks-times-hours"),
    pytest.param("2 hours per week for ten weeks", 20.0, "periods x hours", id="hours-per-week-for-weeks"),
])
def test_periods_times_their_hours(text: str, hours: float, method: str) -> None:
    found = _found(f"{_CERT}{text}\n")
    assert (found.value, found.method) == (hours, method)
    assert found.confidence < 0.9


def test_three_days_two_hours_a_session_is_no_product() -> None:
    # the periods must be the same: days are not sessions
    found = _found(f"{_CERT}three days, 2 hours per session\n")
    assert found is None or found.method != "periods x hours"


@pytest.mark.parametrize(("text", "hours", "conf"), [
    pytest.param("The one-day course ran from 8:30 a.m. to 4:30 p.m. with a one-hour lunch.", 7.0, 0.7,
                 id="less-its-lunch"),
    pytest.param("on April 2, 2025 from 9:00 AM to 12:00 PM", 3.0, 0.7, id="morning"),
    pytest.param("from 13:00 to 17:00 with a 30-minute break", 3.5, 0.7, id="24h-less-break"),
    pytest.param("held from 9:00 a.m. to 4:00 p.m., lunch provided", 7.0, 0.5, id="lunch-of-no-length"),
])
def test_hours_from_a_time_range_in_prose(text: str, hours: float, conf: float) -> None:
    found = _found(f"{_CERT}{text}\n")
    assert (found.value, found.method, found.confidence) == (hours, "time range", conf)


@pytest.mark.parametrize("text", [
    "Registration from 8:00 am to 8:30 am",
    "Office open from 9:00 am to 5:00 pm",
    "Time: 9:00 – 16:00",
])
def test_a_time_range_that_is_no_activity(text: str) -> None:
    assert _found(f"{_CERT}April 2, 2025\n{text}\n") is None


@pytest.mark.parametrize(("text", "method"), [
    pytest.param("a self-paced course (up to 40 hours)", "upper bound", id="up-to"),
    pytest.param("approved for a maximum of 6 contact hours", "upper bound", id="maximum-of"),
    pytest.param("at least 20 hours of training", "lower bound", id="at-least"),
    pytest.param("more than 20 hours of hands-on training", "lower bound", id="more-than"),
])
def test_a_bound_is_no_count_completed(text: str, method: str) -> None:
    found = _found(f"{_CERT}{text}\n")
    assert found.method == method and found.confidence <= 0.6


def test_hours_claimed_win_over_the_ceiling_approved() -> None:
    found = _found(f"{_CERT}This activity is approved for up to 6.0 contact hours. Hours claimed: 5.5\n")
    assert found.value == 5.5 and found.confidence >= 0.9


def test_hours_attended_win_over_hours_scheduled() -> None:
    assert _found(f"{_CERT}Course hours: 20\nHours attended: 18\n").value == 18.0
    assert _found(f"{_CERT}Scheduled: 8 hours | Attended: 7.5 hours\n").value == 7.5


def test_part_done_of_the_whole() -> None:
    found = _found(f"{_CERT}June 12, 2025\nattended 4 of 6 hours\n")
    assert (found.value, found.method) == (4.0, "part of")


@pytest.mark.parametrize(("text", "hours", "method"), [
    pytest.param("Hours: 3 (lecture) + 2 (lab) = 5", 5.0, "label total", id="stated-total"),
    pytest.param("Hours: 3 (lecture) + 2 (lab)", 5.0, "label parts", id="plus-parts"),
    pytest.param("CE Hours: 1.5 General, 1.0 Ethics", 2.5, "label parts", id="named-parts"),
])
def test_a_label_value_in_parts(text: str, hours: float, method: str) -> None:
    found = _found(f"{_CERT}{text}\n")
    assert (found.value, found.method) == (hours, method)


@pytest.mark.parametrize(("text", "hours"), [
    pytest.param("CEUs: .65", 6.5, id="ceu-leading-point"),
    pytest.param("Date: April 2, 2025    Hrs: 2.5", 2.5, id="year-before-hrs-label"),
    pytest.param("a two-and-a-half-hour webinar on April 2, 2025", 2.5, id="hyphenated-words"),
    pytest.param("April 2, 2025\nCPE credits: 6.0 (based on a 50-minute hour)", 5.0, id="cpe-50-minute-hour"),
    pytest.param("April 2, 2025\nThe participant earned 1.2 IACET CEUs.", 12.0, id="iacet-ceus"),
    pytest.param("April 2, 2025\nDuration 1h30", 1.5, id="duration-1h30"),
])
def test_statements_misread_before(text: str, hours: float) -> None:
    assert _found(f"{_CERT}{text}\n").value == hours


def test_count_of_minute_sessions() -> None:
    text = ("Riverbend Watershed Council\nOctober 20, 2025\nDear Dr. Gomez,\nThank you for teaching two 90-minute "
            "sessions on seed sourcing at our workshop on October 9, 2025.\nSincerely,\nAnn Lee\n")
    found = _found(text, DocType.INSTRUCTION_LETTER)
    assert (found.value, found.method) == (3.0, "periods x hours")


@pytest.mark.parametrize(("text", "hours"), [
    pytest.param("Outline\nWelcome (5 min)\nPlanning a transect (20 min)\nData entry forms (25 min)\n"
                 "Break (10 min)\nQuality checks (15 min)\nQuestions (10 min)\n", 70 / 60, id="minutes-less-welcome-break"),
    pytest.param("Module 1 2.0 hours\nModule 2 1.5 hours\nModule 3 2.5 hours\n", 6.0, id="modules-in-hours"),
    # a table of contents repeats the items with leaders and page numbers: each item once
    pytest.param("Contents\nSoils (Lee, 30 min) . . . . . . 2\nWater (Lee, 30 min) . . . . . . 2\n"
                 "Plants (Park, 30 min) . . . . . 3\nSoils (Lee, 30 min)\nWater (Lee, 30 min)\nPlants (Park, 30 min)\n",
                 1.5, id="contents-once"),
])
def test_item_durations_without_a_total(text: str, hours: float) -> None:
    found = _found("Field Methods Webinar\nAgenda\n" + text, DocType.COURSE_SYLLABUS)
    assert (round(found.value, 2), found.method, found.confidence) == (round(hours, 2), "item durations", 0.7)


def test_item_durations_give_way_to_a_stated_total() -> None:
    text = "Module 1 2.0 hours\nModule 2 1.5 hours\nModule 3 2.5 hours\nTotal 6.0 hours\n"
    found = _found(_CERT + text)
    assert found.value == 6.0 and found.method != "item durations"


def test_item_durations_beside_a_schedule_leave_it_to_the_schedule() -> None:
    text = ("Agenda\n9:00 Stream morphology 60 mins\n10:00 Morning tea 30 mins\n10.30 Bank erosion 60 mins\n"
            "11.30 Planting design 60 mins\n12.30 pm Lunch 60 mins\n1.30 Field walk 90 mins\n3.00 pm Close day 1\n")
    found = _found(text, DocType.COURSE_SYLLABUS)
    assert (found.value, found.method) == (4.5, "schedule")


def test_hours_per_day_times_the_days_dated() -> None:
    found = _found(f"{_CERT}held April 2-4, 2025\n6 contact hours per day\n")
    assert (found.value, found.method, found.confidence) == (18.0, "per day x dates", 0.7)


@pytest.mark.parametrize("text", [
    pytest.param("held April 2, 2025\n6 contact hours per day\n", id="one-day-no-run"),
    pytest.param("held April 2-4, 2025 and May 6-7, 2025\n6 contact hours per day\n", id="two-runs"),
])
def test_hours_per_day_without_one_run_of_days(text: str) -> None:
    assert _found(_CERT + text) is None


def test_a_stated_total_wins_over_hours_per_day() -> None:
    found = _found(f"{_CERT}held April 2-4, 2025\n18 contact hours (6 hours per day)\n")
    assert found.value == 18.0 and found.method != "per day x dates"


_SCHEDULE = ("Schedule\nMay 6, 2025\n9:00-10:30 Stream morphology\n10:30-10:45 Break\n10:45-12:15 Bank stabilisation\n"
             "12:15-1:15 Lunch\n1:15-3:45 Field exercise\n")


@pytest.mark.parametrize("text", [
    pytest.param("Each session is 1.5 hours long.", id="each-session"),
    pytest.param("Lunch (1 hour) is provided on site.", id="lunch-length"),
    pytest.param("The field exercise takes about 2.5 hours.", id="one-item"),
    pytest.param("Bring water for a 3-hour hike.", id="hike"),
    pytest.param("Please arrive 15 minutes early.", id="arrive-early"),
    pytest.param("Pre-course reading: about 2 hours.", id="reading"),
])
def test_a_plain_count_smaller_than_the_schedule_is_a_part(text: str) -> None:
    found = _found(f"Restoration Ecology Field Course\nSyllabus\n{text}\n{_SCHEDULE}", DocType.COURSE_SYLLABUS)
    assert (found.value, found.method) == (5.5, "schedule")


def test_a_stated_contact_count_beside_a_schedule_still_wins() -> None:
    found = _found(f"Restoration Ecology Field Course\nSyllabus\nThis course provides 6 contact hours.\n{_SCHEDULE}",
                   DocType.COURSE_SYLLABUS)
    assert found.value == 6.0 and found.confidence < 0.9


_TIMETABLE = ("Programme\n09.00-10.30 Sedges and rushes\n10.30-10.45 Break\n10.45-12.15 Grasses\n12.15-13.15 Lunch\n"
              "13.15-15.45 Field keying\n")


@pytest.mark.parametrize("text", ["Lunch (1 hour) was provided.", "The field keying session took 2.5 hours."])
def test_a_plain_count_smaller_than_a_certificate_timetable(text: str) -> None:
    found = _found(f"{_CERT}May 6, 2025\n{text}\n{_TIMETABLE}")
    assert (found.value, found.method) == (5.5, "timetable")


def test_a_plain_count_smaller_than_the_sessions_attended() -> None:
    text = ("Certificate of Attendance\nMaria L. Gomez\nattended the 2025 Wetlands Conference, May 6, 2025\n"
            "Sessions attended\nMay 6 9:00-10:30 Plenary: wetland policy\nMay 6 11:00-12:00 Carbon in peatlands\n"
            "May 6 1:30-3:00 Restoring fens\nEach plenary lasts 90 minutes.\n")
    found = _found(text, DocType.CONFERENCE_ATTENDANCE)
    assert (found.value, found.method) == (4.0, "sessions")


def test_a_bare_total_under_an_hours_heading() -> None:
    found = _found(f"{_CERT}April 2-3, 2025\nContact hours\nDay 1: 6.0\nDay 2: 6.0\nTotal: 12.0\n")
    assert (found.value, found.method, found.confidence) == (12.0, "total under heading", 0.8)


def test_a_bare_total_without_an_hours_heading_is_no_hours() -> None:
    assert _found(f"{_CERT}April 2, 2025\nFees\nRegistration: 120\nTotal: 150\n") is None
