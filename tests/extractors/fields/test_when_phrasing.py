"""Date statements in phrasings the extractor had not seen (issue 4, generalisation): the activity's
first and last days as a careful reader takes them, beside dates that are not the activity's."""

from __future__ import annotations

import pytest

from cecintake.domain.vocab import DocType
from cecintake.extractors.fields.layout import Layout
from cecintake.extractors.fields.when import find_dates_field
from cecintake.extractors.text.dates import find_dates

from .helpers import doc_from_pieces, doc_from_text


def _dates(text: str, doc_type: DocType = DocType.COMPLETION_CERTIFICATE, doc=None):
    found = find_dates_field(Layout(doc or doc_from_text(text)), text, doc_type)
    return None if found is None else (found[0].value, found[1].value)


@pytest.mark.parametrize(("text", "want"), [
    pytest.param("The course took place between 14 May 2024 and 16 May 2024.", ("2024-05-14", "2024-05-16"),
                 id="between-written"),
    pytest.param("a webinar presented by us between 2023-01-30 and 2023-02-01.", ("2023-01-30", "2023-02-01"),
                 id="between-iso"),
    pytest.param("The workshop took place between 28/08/2024 and 01/09/2024.", ("2024-08-28", "2024-09-01"),
                 id="between-numeric-dayfirst"),
    pytest.param("Date(s): 23rd May 2025 and 25th May 2025", ("2025-05-23", "2025-05-25"), id="first-and-last-day"),
])
def test_range_phrasings(text: str, want: tuple[str, str]) -> None:
    assert _dates(f"Certificate of Attendance\nJane Doe\n{text}\nContact hours: 6\n") == want


def test_two_dates_in_different_months_joined_by_and_stay_apart() -> None:
    found = find_dates("Sessions were given on 3 May 2024 and 5 June 2024.")
    assert [(m.start.isoformat(), m.end.isoformat()) for m in found] == [
        ("2024-05-03", "2024-05-03"), ("2024-06-05", "2024-06-05")]


def test_course_date_label_is_not_a_memo_date_header() -> None:
    text = ("Certificate of Completion\nPresented to\nAisha Lovland\nhas completed\nWetland Plant ID\n"
            "Course date: 5th January 2024\nTotal Hours Completed: 4.75\n")
    assert _dates(text) == ("2024-01-05", "2024-01-05")


def test_memo_date_header_is_still_the_letter_date() -> None:
    text = ("TO: Dana Walsh\nDATE: 16/09/2024\nRE: Attendance\nDear Dana Walsh,\n"
            "You attended our course on 28/08/2024.\n")
    assert _dates(text) == ("2024-08-28", "2024-08-28")


def test_range_across_the_year_under_a_title_is_not_a_letter_date() -> None:
    text = ("Continuing Education Certificate\nThis certifies that\nRobert Smith\nfor completing\n"
            "Monitoring Restoration Outcomes with Drones\n29 December 2024 \u2013 1 January 2025\n"
            "This course has been approved for 3 contact hours.\nExpires: 24 January 2027\n")
    assert _dates(text) == ("2024-12-29", "2025-01-01")


def test_start_and_end_date_labels_make_the_range() -> None:
    text = ("Training Completion Record\nParticipant: Robert Moreau\nStart date: Friday, April 18, 2025\n"
            "End date: Monday, April 21, 2025\nDate signed: April 30, 2025\n")
    assert _dates(text) == ("2025-04-18", "2025-04-21")


def test_from_and_to_columns_of_a_record_table() -> None:
    doc = doc_from_pieces([
        (100, 72, "Participant"), (100, 250, "From"), (100, 400, "To"),
        (114, 72, "Robert Moreau"), (114, 250, "November 19th, 2024"), (114, 400, "November 20th, 2024"),
    ])
    text = Layout(doc).text
    assert _dates(text, doc=doc) == ("2024-11-19", "2024-11-20")


@pytest.mark.parametrize("label", ["Registration deadline:", "Register by:", "Registration closes"])
def test_registration_deadline_beside_the_activity_date(label: str) -> None:
    text = (f"Certificate of Completion\nJane Doe\nhas completed Riparian Buffers\n{label} 10 May 2025\n"
            "Held on the 3rd of June 2025\n")
    assert _dates(text) == ("2025-06-03", "2025-06-03")


def test_start_and_end_labels_without_colons_and_over_their_values() -> None:
    same_line = "CONTINUING EDUCATION RECORD\nDate started 2025-08-22\nEnd date 2025-08-23\nCredit 14 CE hours\n"
    assert _dates(same_line) == ("2025-08-22", "2025-08-23")
    over = ("CONTINUING EDUCATION RECORD\nPARTICIPANT\nIngrid Brennan\nFROM\n28 Aug 2024\nDate completed\n"
            "1 Sep 2024\nRegister by\n26 Jul 2024\n")
    assert _dates(over) == ("2024-08-28", "2024-09-01")


@pytest.mark.parametrize("after, cut", [
    (" \u2013 January 16,\nEcology 2024", True),  # the range's other end wrapped away from its year
    (" \u2013 9:00 am to 4:30 pm", False),  # a time of day, not a range of days
    ("\nInstructional hours 30", False),
])
def test_a_date_whose_range_was_cut_gives_no_confident_end(after, cut):
    text = f"Course Completion Record\nStudent Mx. Beatriz Haddad\nSession November 3, 2023{after}\n"
    start, end = find_dates_field(Layout(doc_from_text(text)), text, DocType.COMPLETION_CERTIFICATE)
    assert start.value == "2023-11-03"
    assert (end.confidence <= 0.6 and end.method == "range end unread") is cut


@pytest.mark.parametrize("below, cut", [
    ("to the 26th of February,", True),  # the cell wrapped: its range goes on in the line below
    ("Garden", False),  # the line below carries on another cell only
])
def test_a_date_closing_its_table_cell_over_a_range_s_other_end_gives_no_confident_end(below, cut):
    """A table cell "the 25th of February, 2025" whose next line, in the same column, reads
    "to the 26th of February," is a range whose end was not read (the flat text puts the other
    cells of the row between them); text below in another column changes nothing."""
    x = 72 if cut else 400
    doc = doc_from_pieces([
        (100, 72, "Dates attended"), (100, 250, "Contact hours"), (100, 400, "Location"),
        (114, 72, "the 25th of February, 2025"), (114, 250, "15.5 hours"), (114, 400, "Eastern Shore Botanical"),
        (126, x, below), (138, 72, "2025" if cut else ""),
    ])
    layout = Layout(doc)
    start, end = find_dates_field(layout, layout.text, DocType.COMPLETION_CERTIFICATE)
    assert start.value == "2025-02-25"
    assert (end.confidence <= 0.6 and end.method == "range end unread") is cut


def _found(text: str, doc_type: DocType = DocType.COMPLETION_CERTIFICATE):
    return find_dates_field(Layout(doc_from_text(text)), text, doc_type)


@pytest.mark.parametrize(("line", "want"), [
    ("Wednesday, July 26, 2023", "2023-07-26"),
    ("Wed. 26 July 2023", "2023-07-26"),
    ("Tue, 25 Jul 2023", "2023-07-25"),
    ("Thurs., 07/27/2023", "2023-07-27"),
    ("Tues 2023-07-25", "2023-07-25"),
    ("Weds 26.07.2023", "2023-07-26"),
    ("Sat July 29 2023", "2023-07-29"),
    ("May 7th, 2025", "2025-05-07"),
    ("2023-06-01", "2023-06-01"),
])
def test_lone_date_line_below_a_short_certificate_statement_is_the_activity_date(line: str, want: str) -> None:
    # "This certifies that / NAME / attended / TITLE / DATE" near the top: not a letter's own date
    text = (f"Certificate of Completion\nThis certifies that\nYuki P. O'Brien, MS\nattended\n"
            f"Prescribed Burning for Prairie Managers\n{line}\nContact hours: 10 hrs\nIssued by\n")
    start, end = _found(text)
    assert (start.value, end.value) == (want, want)
    assert start.method == end.method == "lone date line" and start.confidence <= 0.8


def test_letter_head_date_without_a_certificate_statement_is_still_the_letter_date() -> None:
    text = ("Northwoods Society\nMarch 3, 2024\nRE: Attendance\n"
            "Jane Doe attended the workshop on 12 February 2024 for 3 hours.\n")
    start, _ = _found(text)
    assert (start.value, start.method) == ("2024-02-12", "single date")


def test_letter_head_date_after_an_abbreviated_weekday_is_still_the_letter_date() -> None:
    text = ("Northwoods Society\nThurs., 03/07/2024\nRE: Attendance\n"
            "Jane Doe attended the workshop on 12 February 2024 for 3 hours.\n")
    assert _found(text)[0].value == "2024-02-12"


@pytest.mark.parametrize("stamp", ["Issued: June 1, 2024", "Printed June 1, 2024", "Date of issue\nJune 1, 2024"])
def test_issue_or_print_stamp_below_a_certificate_statement_is_not_the_activity_date(stamp: str) -> None:
    text = f"Certificate of Completion\nThis certifies that\nJane Doe\nattended\nFen Ecology\n{stamp}\n"
    assert _found(text) is None


def _letterhead_with_date_beside_the_sender(date_piece: str):
    """A letter whose date is set flush right on the sender's line, a word's gap after the sender's long name."""
    sender = "Society for Ecological Restoration, Midwest-Great Lakes Chapter"
    end = 72 + sum(len(t) * 5 + 3 for t in sender.split())  # where the sender's name ends (5 pt a letter)
    right = end + 3 + sum(len(t) * 5 + 3 for t in date_piece.split()) - 3
    return doc_from_pieces([
        (46, 72, sender), (46, end + 3, date_piece),
        (62, 72, "220 Lake Street"), (62, right - len("Ref: PR/2022/901") * 5 - 3, "Ref: PR/2022/901"),
        (73, 72, "Madison, WI 53703"),
        (137, 72, "SER Certification Program"),
        (156, 72, "Dear SER Certification Program,"),
        (175, 72, "This letter confirms that Jose Ibanez served as an instructor for our workshop"),
        (189, 72, "Prescribed Fire Ecology Field Tour on November 3rd, 2023."),
        (226, 72, "Jose Ibanez delivered 5 hours of instruction to 9 participants."),
        (249, 72, "With best regards,"),
    ])


def test_a_letter_date_flush_right_beside_the_sender_s_name_is_the_letter_s_own() -> None:
    # too close to the sender's name for a cell of its own: still the letter's date at its head, not the activity's
    doc = _letterhead_with_date_beside_the_sender("November 20th, 2023")
    assert _dates(Layout(doc).text, DocType.INSTRUCTION_LETTER, doc=doc) == ("2023-11-03", "2023-11-03")


def test_a_date_a_heading_line_leads_into_stays_a_candidate() -> None:
    # "... Chapter, held November 20th, 2023": the line's words lead into the date, so it is read as the activity's
    doc = _letterhead_with_date_beside_the_sender("held November 20th, 2023")
    found = find_dates_field(Layout(doc), Layout(doc).text, DocType.INSTRUCTION_LETTER)
    assert found[0].method == "date among several"


def _found(text: str, doc_type: DocType = DocType.COMPLETION_CERTIFICATE, doc=None):
    return find_dates_field(Layout(doc or doc_from_text(text)), text, doc_type)


@pytest.mark.parametrize(("listed", "want"), [
    pytest.param("Nov. 11, Nov. 18 and Nov. 25, 2024", ("2024-11-11", "2024-11-25"), id="yearless-then-and"),
    pytest.param("Jul. 28, Aug. 4 and Aug. 11, 2022", ("2022-07-28", "2022-08-11"), id="across-months"),
    pytest.param("Dec. 19, 2024; Dec. 26, 2024; Jan. 2, 2025", ("2024-12-19", "2025-01-02"), id="full-dates-listed"),
    pytest.param("3 March, 10 March and 17 March 2025", ("2025-03-03", "2025-03-17"), id="day-first"),
])
def test_a_series_of_sessions_runs_from_the_first_to_the_last(listed: str, want: tuple[str, str]) -> None:
    # 'Aug. 4 and Aug. 11, 2022' was read as the range, the series' first session (Jul. 28) dropped at 0.95
    start, end = _found(f"Webinar Series Completion\nJane Doe attended all live sessions\nSessions: {listed}.\n")
    assert (start.value, end.value) == want
    assert start.method == "date series" and start.confidence <= 0.85


def test_dates_in_a_sentence_are_no_series() -> None:
    start, end = _found("Certificate\nJane Doe attended on May 3, 2024. Issued: May 20, 2024\n")
    assert (start.value, end.value, start.method) == ("2024-05-03", "2024-05-03", "single date")


def test_a_calendar_year_is_the_whole_year() -> None:
    text = ("Dear Certification Committee:\nOur records show Jo Ray held a seat on the Student Affairs Committee for "
            "1 full year: calendar year 2024.\nSincerely,\n")
    start, end = _found(text, DocType.SERVICE_LETTER)
    assert (start.value, end.value, start.method) == ("2024-01-01", "2024-12-31", "calendar year")
    assert start.confidence < 0.9


def test_a_timetables_day_headings_span_the_course() -> None:
    text = ("Course Outline\nRestoring Headwater Wetlands\nSaturday, May 24, 2025\nTime Topic\n"
            "8:30 a.m.–10:00 a.m. Site history\n10:00 a.m.–11:00 a.m. Field methods\nSunday, May 25, 2025\nTime Topic\n"
            "9:00 a.m.–10:30 a.m. Data entry\n")
    start, end = _found(text, DocType.COURSE_SYLLABUS)
    assert (start.value, end.value, start.method) == ("2025-05-24", "2025-05-25", "schedule days")
    # only a timetable (or a conference's day-by-day record) is read so
    start, _ = _found(text, DocType.COMPLETION_CERTIFICATE)
    assert start.method != "schedule days"


def _transcript_row(dates_cell: str, below: str):
    return doc_from_pieces([
        (100, 48, "Continuing Education Transcript"),
        (130, 48, "Course No."), (130, 150, "Course name"), (130, 250, "Dates"), (130, 380, "CE credits"),
        (130, 470, "Outcome"),
        (146, 48, "RES 410"), (146, 150, "Principles of"), (146, 250, dates_cell), (146, 380, "3 CEU"), (146, 470, "B+"),
        (162, 150, "Ecosystem"), (162, 250, below),
    ])


@pytest.mark.parametrize(("cell", "below"), [
    pytest.param("Aug. 24, 2024 - Dec.", "12, 2024", id="cut-inside-the-end-date"),
    pytest.param("Aug. 24, 2024 -", "Dec. 12, 2024", id="cut-after-the-dash"),
])
def test_a_range_wrapped_in_its_table_cell_is_read_down_the_column(cell: str, below: str) -> None:
    # the flat text ran 'Dec.' into the next cell's '3 CEU' (Aug. 24 - Dec. 3 at 0.85), or took the start alone
    doc = _transcript_row(cell, below)
    start, end = _found(Layout(doc).text, doc=doc)
    assert (start.value, end.value, start.method) == ("2024-08-24", "2024-12-12", "wrapped cell range")
    assert start.confidence <= 0.85


@pytest.mark.parametrize(("text", "want"), [
    pytest.param("Jane Doe completed Wetland Soils, held on 4, 11 and 18 March 2025.", ("2025-03-04", "2025-03-18"),
                 id="bare-days-then-month"),
    pytest.param("Sessions: 4, 11 and 18 March 2025", ("2025-03-04", "2025-03-18"), id="after-a-label"),
])
def test_a_day_first_list_of_sessions(text: str, want: tuple[str, str]) -> None:
    start, end = _found(f"Certificate\n{text}\n")
    assert (start.value, end.value, start.method) == (*want, "date series")


def test_a_number_before_a_dated_pair_is_no_session() -> None:
    start, end = _found("Certificate\nJane Doe completed Wetland Soils in Room 4, 11 and 12 March 2025.\n")
    assert (start.value, end.value) == ("2025-03-11", "2025-03-12")


def test_a_dotted_numeric_date_is_read_day_first_as_a_guess() -> None:
    # '10.03.2025' with no other hint was 'ambiguous date' (2025-10-03 at 0.4)
    start, end = _found("Certificate\nJane Doe completed the course on 10.03.2025.\n")
    assert (start.value, start.method) == ("2025-03-10", "guessed date order")
    assert start.confidence < 0.9


@pytest.mark.parametrize("head", [
    pytest.param("Date: 20 March 2025\nReference: GT/2025/11", id="date-line"),
    pytest.param("Reference: GT/2025/11 Date: 20 March 2025", id="beside-the-reference"),
])
def test_a_letters_date_label_in_its_head_is_the_letters_own_date(head: str) -> None:
    # the head box's 'Date: ...' came first among several dates and was taken for the activity's
    text = (f"Greenway Trust\n{head}\nSubject: Workshop attendance\nDear Certification Panel,\n"
            "Jane Doe attended our workshop on 12 March 2025.\nYours sincerely,\n")
    start, end = _found(text)
    assert (start.value, end.value) == ("2025-03-12", "2025-03-12")


def test_an_activity_date_label_above_the_salutation_stays_the_activity() -> None:
    start, _ = _found("Greenway Trust\nCourse date: 12 March 2025\nDear Panel,\nJane Doe attended.\n")
    assert start.value == "2025-03-12"


def test_day_headings_after_their_counter_span_the_programme() -> None:
    text = ("Field Programme\nRestoring Chalk Grassland\nDay 1 \u2013 Monday 3 March 2025\n09.00\u201310.30 Site history\n"
            "10.30\u201310.45 Break\n10.45\u201312.15 Survey methods\nDay 2 \u2013 Tuesday 4 March 2025\n"
            "09.00\u201310.30 Seed sourcing\n10.45\u201312.15 Practical\n")
    start, end = _found(text, DocType.COURSE_SYLLABUS)
    assert (start.value, end.value, start.method) == ("2025-03-03", "2025-03-04", "schedule days")
