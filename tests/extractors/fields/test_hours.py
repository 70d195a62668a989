"""Contact hours by layout (fields/hours.py, issue 4): a table's header over its cell, a column of
sessions with or without its total row, a label cell beside its value cell, and the weaker readings'
method names and confidences (calibration is fitted per ``field|method``)."""

from __future__ import annotations

import pytest

from cecintake.domain.vocab import DocType
from cecintake.extractors.fields.hours import find_contact_hours, join_wrapped_hours
from cecintake.extractors.fields.layout import Layout

from .helpers import doc_from_pieces, doc_from_text

CERT = DocType.COMPLETION_CERTIFICATE


def _found(doc, doc_type: DocType = CERT):
    layout = Layout(doc)
    found, _ = find_contact_hours(layout, layout.text, doc_type)
    return found


def test_header_row_over_its_values() -> None:
    # "Contact hours | CPE credits | CEUs" over "13 | 15.6 | 1.3": the contact hours' column, not a 24-hour line
    found = _found(doc_from_pieces([
        (100, 72, "Training Record"),
        (130, 72, "Contact hours"), (130, 250, "CPE credits"), (130, 400, "CEUs"),
        (146, 72, "13"), (146, 250, "15.6"), (146, 400, "1.3"),
        (180, 72, "24-hour emergency line: (555) 010-2200"),
    ]))
    assert found.value == 13.0 and found.method == "table"


def _sessions(total_row: bool):
    rows = [(100, 72, "Session"), (100, 400, "Hours"), (116, 72, "Soil biology"), (116, 400, "2"),
            (132, 72, "Site assessment"), (132, 400, "1.5"), (148, 72, "Erosion control"), (148, 400, "0.75")]
    if total_row:
        rows += [(164, 72, "Total"), (164, 400, "4.25")]
    return doc_from_pieces([(70, 72, "Certificate of Completion"), *rows])


def test_a_column_of_sessions_with_its_total_row_gives_the_total() -> None:
    found = _found(_sessions(True))
    assert found.value == 4.25 and found.method == "table total"


def test_a_column_of_sessions_without_a_total_is_added_up_as_a_weaker_reading() -> None:
    found = _found(_sessions(False))
    assert found.value == 4.25 and found.method == "table sum" and found.confidence < 0.85


def test_a_label_cell_beside_its_value_cell() -> None:
    found = _found(doc_from_pieces([(100, 72, "Participant"), (100, 250, "Ana Ruiz"),
                                    (116, 72, "Contact hours"), (116, 250, "6.5 (approved)")]))
    assert found.value == 6.5 and found.method == "pair" and found.confidence < 0.95


def test_weaker_readings_have_methods_of_their_own_and_lower_confidence() -> None:
    clean = _found(doc_from_text("Certificate of Completion\nClock hours: 7\n"))
    bare = _found(doc_from_text("Certificate of Completion\nCLOCK HOURS 7\n"))
    above = _found(doc_from_text("Certificate of Completion\nClock Hours\n7\n"))
    assert clean.value == bare.value == above.value == 7.0
    assert (clean.method, bare.method, above.method) == ("label", "bare label", "label above")
    assert clean.confidence > bare.confidence > above.confidence


@pytest.mark.parametrize(("text", "joined"), [
    pytest.param("provided 4\nhours of instruction", True, id="count-wrapped-before-unit"),
    pytest.param("CEU 0.25\nHours of operation: 8 am", False, id="next-line-is-a-label"),
    pytest.param("2025-05-12\nCE Hours\n9.5", False, id="a-dates-day"),
    pytest.param("totalled 13h\n30m of teaching", True, id="minutes-wrapped"),
    pytest.param("earning 7 hours 30\nminutes of credit", True, id="minutes-unit-wrapped"),
    pytest.param("7 hours\n30 May 2024", False, id="a-date-under-hours"),
    pytest.param("for a total of four and\nthree-quarters (4.75) hours.", True, id="words-broken-before-their-fraction"),
    pytest.param("six\nand a half hours of training", True, id="words-broken-before-and-a-half"),
    pytest.param("two\nhalf-day sessions", False, id="a-half-day-is-no-fraction-of-hours"),
])
def test_join_wrapped_hours(text: str, joined: bool) -> None:
    assert (join_wrapped_hours(text) != text) is joined


def test_ceu_before_an_hours_of_operation_line() -> None:
    assert _found(doc_from_text("Date attended 2025-02-27\nCEU 0.25\nHours of operation: 8 am \u2013 5 pm\n")).value == 2.5
    assert _found(doc_from_text("Course dates 2025-05-09 \u2013 2025-05-12\nCE Hours\n9.5\nRegistrar\n")).value == 9.5


@pytest.mark.parametrize(("text", "hours", "method"), [
    pytest.param("Hours: 7.5 (including a one-hour lunch break)", 6.5, "label less break", id="label-incl-lunch"),
    pytest.param("7 hours, including a 30-minute lunch", 6.5, "text:generic less break", id="text-incl-lunch"),
    pytest.param("Contact hours: 7 (including 30 minutes of breaks)", 6.5, "label less break", id="incl-breaks"),
    pytest.param("6.5 contact hours (lunch not included)", 6.5, "text:contact", id="lunch-not-included"),
    pytest.param("6 hours, excluding lunch", 6.0, "text:generic", id="excluding-lunch"),
    pytest.param("8 hours including lunch", 8.0, "text:generic", id="lunch-of-unknown-length"),
])
def test_a_meal_or_breaks_inside_the_stated_hours_are_taken_off(text: str, hours: float, method: str) -> None:
    found = _found(doc_from_text(f"Certificate of Completion\nJane Doe\n{text}\n"))
    assert (found.value, found.method) == (hours, method)
    if "less break" in method:
        assert found.confidence <= 0.8  # a computed value: never auto-accepted on its own


@pytest.mark.parametrize(("text", "method"), [
    pytest.param("6.5\nCONTACT\nHOURS", "text:contact", id="stacked-seal"),
    pytest.param("Contact hours | 6.5 |", "bare label", id="boxed"),
    pytest.param("Contact hours [6.5]", "bare label", id="bracketed"),
    pytest.param("CE Hours (6.5)", "bare label", id="parenthesised"),
])
def test_stacked_and_bracketed_values(text: str, method: str) -> None:
    found = _found(doc_from_text(f"Certificate of Completion\nJane Doe\nSoil Health Workshop\n{text}\nSigned\n"))
    assert (found.value, found.method) == (6.5, method)
    assert _found(doc_from_text("Certificate of Completion\nHours (2024)\n")) is None


@pytest.mark.parametrize(("text", "hours"), [
    pytest.param("CE credits: 3.25 (6.5 contact hours)", 6.5, id="credits-then-hours"),
    pytest.param("Contact hours: 6 / CE credits: 3", 6.0, id="hours-then-credits"),
    pytest.param("CE credits: 3 (0.6 CEU)", 6.0, id="credits-then-ceu"),
    pytest.param("CE credits: 4.0", 4.0, id="credits-alone"),
])
def test_credits_of_a_bare_number_give_way_to_hours_stated_as_hours(text: str, hours: float) -> None:
    assert _found(doc_from_text(f"Certificate of Completion\nJane Doe\n{text}\n")).value == hours


def _record(lines: list[str], heading: str = "Sessions attended") -> str:
    return "\n".join(["Conference Attendance Record", "Attendee: Jane Doe", "2024 Native Seed Conference",
                      heading, *lines, "Signed"]) + "\n"


def test_sessions_attended_by_their_times_only_are_added_up_as_a_weaker_reading() -> None:
    text = _record(["May 3, 2024 9:00-10:30 Plenary: restoration finance", "May 3, 2024 11:00-12:00 Seed zones",
                    "May 4, 2024 9:30-11:00 Pollinator corridors", "Time: 9:00 - 17:00"])
    found = _found(doc_from_text(text), DocType.CONFERENCE_ATTENDANCE)
    assert (found.value, found.method) == (4.0, "sessions") and found.confidence < 0.85


def test_one_session_counts_only_where_the_record_lists_sessions() -> None:
    one = ["May 3, 2024 9:00-10:30 Plenary: restoration finance"]
    assert _found(doc_from_text(_record(one)), DocType.CONFERENCE_ATTENDANCE).value == 1.5
    assert _found(doc_from_text(_record(one, "Attendance")), DocType.CONFERENCE_ATTENDANCE) is None
    # a certificate's time of day is no schedule
    assert _found(doc_from_text("Certificate of Completion\nJane Doe\nTime: 9:00 - 17:00\n")) is None


def test_a_total_label_outranks_an_earlier_table_cell() -> None:
    # one row of a sessions table read as a table of its own (its date cells wrapped) vs the record's total
    found = _found(doc_from_pieces([
        (60, 72, "Conference Attendance Record"),
        (80, 72, "Date"), (80, 200, "Session"), (80, 450, "Hours"),
        (96, 72, "Friday, December 20"), (96, 200, "Plenary: The UN Decade"), (96, 450, "1.5"),
        (140, 72, "Total session time: 5h 30m"),
    ]), DocType.CONFERENCE_ATTENDANCE)
    assert found.value == 5.5


def test_minutes_wrapped_onto_the_next_line_are_counted() -> None:
    text = "Dear Ms. Doe,\nThe sessions took place on December 9, 2021 and totalled 13h\n30m of teaching.\n"
    assert _found(doc_from_text(text), DocType.INSTRUCTION_LETTER).value == 13.5


def _found_conflict(text: str):
    layout = Layout(doc_from_text(f"Certificate of Completion\nJane Doe\nWetland Restoration\n{text}\nSigned\n"))
    return find_contact_hours(layout, layout.text, CERT)


@pytest.mark.parametrize(("text", "hours"), [
    pytest.param("14.5 hrs (1.4 CEU)", 14.5, id="hours-then-rounded-ceu"),
    pytest.param("Awarded 1.4 CEUs (14.5 contact hours)", 14.5, id="ceu-then-hours"),
    pytest.param("12.5 hrs (1.3 CEU)", 12.5, id="rounded-half-up"),
    pytest.param("Awarded 14.5 CEHs (1.4 CEUs)", 14.5, id="ceh"),
    pytest.param("7.5 hrs (7 PDH)", 7.5, id="pdh-whole"),
    pytest.param("CEUs: 1.4\nContact hours: 14.5", 14.5, id="labels-ceu-first"),
])
def test_hours_stated_beside_a_rounded_ceu_win_and_agree(text: str, hours: float) -> None:
    # CEUs are rounded (1 CEU = 10 contact hours): the hours as stated are the count, the CEU agrees with them
    found, conflict = _found_conflict(text)
    assert (found.value, conflict) == (hours, False)
    assert found.method not in ("text:ceu", "text:pdh")


@pytest.mark.parametrize(("text", "hours"), [
    pytest.param("7.5 hrs (3 CEU)", 7.5, id="hours-then-ceu"),
    pytest.param("Awarded 1.5 CEUs (14 contact hours)", 14.0, id="ceu-then-hours"),
])
def test_hours_and_ceu_beside_them_that_disagree_beyond_rounding_are_a_conflict(text: str, hours: float) -> None:
    found, conflict = _found_conflict(text)
    assert (found.value, conflict) == (hours, True)
    assert found.confidence < 0.9  # never auto-accepted


def test_an_exact_ceu_conversion_and_a_whole_ceu_are_unchanged() -> None:
    found, conflict = _found_conflict("6 hrs (0.6 CEU)")
    assert (found.value, found.method, found.confidence, conflict) == (6.0, "text:ceu", 0.9, False)
    # "1 CEU" rounds nothing to 6 hours: half a printed place is never more than half an hour
    found, _ = _found_conflict("1 CEU awarded\nThe field day ran 6 hours")
    assert found.value == 10.0


def test_hours_after_a_comma_are_a_part_not_a_second_reading_of_the_ceus() -> None:
    found, conflict = _found_conflict("The course awards 2.0 CEUs, 3 hours of which cover ethics")
    assert (found.value, conflict) == (20.0, False)


@pytest.mark.parametrize("text", [
    pytest.param("Awarded 1.4 CEU\nThe course ran 6 hours on site", id="ceu-then-hours-elsewhere"),
    pytest.param("The course ran 6 hours on site\nCredit awarded: 1.4 CEU", id="hours-elsewhere-then-ceu"),
])
def test_a_ceu_and_hours_stated_elsewhere_that_disagree_are_a_conflict(text: str) -> None:
    # two readings of the count that disagree, not side by side: never a silent pick at 0.9
    found, conflict = _found_conflict(text)
    assert conflict is True
    assert found.confidence < 0.9


def test_a_ceu_and_hours_stated_elsewhere_that_agree_are_no_conflict() -> None:
    found, conflict = _found_conflict("Awarded 1.4 CEU\nThe course ran 14 hours on site")
    assert (found.value, conflict) == (14.0, False)


@pytest.mark.parametrize(("text", "hours"), [
    pytest.param("Learner: Jo Ray\nCE credits: 3 CEU\n1.0 CEU = ten contact hours of organized instruction.", 30.0,
                 id="one-ceu-equals-ten-hours"),
    pytest.param("10 contact hours = 1 CEU\nYou earned 2.4 CEUs", 24.0, id="ten-hours-equal-one-ceu"),
    pytest.param("Each credit hour is equivalent to 50 minutes.\nTotal 6 hours", 6.0, id="each-credit-is-minutes"),
    pytest.param("ten contact hours per CEU\nAwarded 1.4 CEU", 14.0, id="hours-per-ceu"),
])
def test_a_conversion_rate_is_no_count_of_the_activity(text: str, hours: float) -> None:
    # the rate a record prints beside its count defines a unit: neither side of it is the activity's hours, nor
    # a second reading that conflicts with them
    found, conflict = _found_conflict(text)
    assert (found.value, conflict) == (hours, False)


def test_a_rate_alone_gives_no_contact_hours() -> None:
    # "One semester credit equals fifteen hours" with the credits in a column that was not read: no value (it gave
    # 15 at 0.9, a definition taken for the course's 45 hours)
    found, _ = _found_conflict("Non-Degree Student Transcript\nENV 580 Restoration Project Management 3 B\n"
                               "One semester credit equals fifteen hours of classroom contact.")
    assert found is None


def test_a_stated_count_beside_its_conversion_stays_a_count() -> None:
    # not a rate: neither side is a single unit
    found, conflict = _found_conflict("Total: 1.5 CEU = 15 contact hours")
    assert (found.value, conflict) == (15.0, False)


@pytest.mark.parametrize(("total_row", "hours", "method"), [
    pytest.param(False, 18.0, "table sum", id="months-only"),
    pytest.param(True, 18.0, "table total", id="total-row"),
])
def test_a_volunteer_log_by_month_gives_its_hours(total_row: bool, hours: float, method: str) -> None:
    from cecintake.extractors.fields.hours import find_volunteer_hours

    rows = [(100, 72, "Month"), (100, 300, "Hours"), (116, 72, "January 2024"), (116, 300, "7"),
            (132, 72, "February 2024"), (132, 300, "11")]
    if total_row:
        rows += [(148, 72, "Total"), (148, 300, "18")]
    doc = doc_from_pieces([(70, 72, "Volunteer Hours Log"), *rows])
    layout = Layout(doc)
    found = find_volunteer_hours(layout.text, layout)
    assert (found.value, found.method) == (hours, method)
    assert found.confidence < 0.9


@pytest.mark.parametrize(("text", "hours", "method"), [
    pytest.param("Wetland Soils, a programme of 3 days x 6 hours", 18.0, "days x hours", id="days-x-hours"),
    pytest.param("attended the course over 2 days (6 hours per day)", 12.0, "days x hours", id="hours-per-day"),
])
def test_days_times_their_hours(text: str, hours: float, method: str) -> None:
    # the hours of one day were taken for the course's (6 at 0.8), or none at all ('per day' is a rate)
    found, _ = _found_conflict(text)
    assert (found.value, found.method) == (hours, method)
    assert found.confidence < 0.9


def test_notional_learning_hours_are_no_contact_hours() -> None:
    # 'Notional learning hours: 20 (including 12 contact hours)' gave 20 at 0.95
    found, _ = _found_conflict("Notional learning hours: 20 (including 12 contact hours)")
    assert found.value == 12.0
    found, _ = _found_conflict("Contact hours: 12\nNotional learning hours: 20")
    assert found.value == 12.0


def test_study_hours_alone_are_held_low() -> None:
    found, _ = _found_conflict("Notional learning hours: 20")
    assert found.confidence <= 0.6


@pytest.mark.parametrize(("total", "hours", "method"), [
    pytest.param(False, 4.5, "minutes column", id="sessions-in-minutes"),
    pytest.param(True, 4.5, "minutes total", id="total-in-minutes"),
])
def test_a_session_table_in_minutes(total: bool, hours: float, method: str) -> None:
    rows = [(110, 72, "Session"), (110, 300, "Duration (min)"), (126, 72, "Soil profiles"), (126, 300, "90"),
            (142, 72, "Field sampling"), (142, 300, "120"), (158, 72, "Lab methods"), (158, 300, "60")]
    if total:
        rows += [(174, 72, "Total"), (174, 300, "270")]
    found = _found(doc_from_pieces([(70, 72, "Certificate of Completion"), *rows]))
    assert (found.value, found.method) == (hours, method)
    assert found.confidence < 0.9


def test_a_certificates_timetable_gives_its_sessions_but_breaks() -> None:
    text = ("Certificate of Attendance\nJane Doe attended Wetland Soils on 2025-03-10.\nProgramme\n"
            "09.00-10.30 Soil profiles\n10.30-10.45 Break\n10.45-12.15 Field sampling\n12.15-13.00 Lunch\n"
            "13.00-14.30 Lab methods\n")
    found = _found(doc_from_text(text))
    assert (found.value, found.method) == (4.5, "timetable")
    assert found.confidence < 0.9


def test_each_days_hours_after_a_comma() -> None:
    found, _ = _found_conflict("The course ran over three days, 6 hours each day")
    assert (found.value, found.method) == (18.0, "days x hours")


def test_timetabled_contact_hours_are_contact_hours() -> None:
    # 'timetabled' before 'contact hours' left the count unread
    found, _ = _found_conflict("The programme comprised 12 timetabled contact hours")
    assert found.value == 12.0
