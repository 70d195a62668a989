import pytest

from cecintake.errors import ParseError
from cecintake.extractors.text.hours import HoursKind, find_hours, parse_duration


@pytest.mark.parametrize(
    ("text", "hours", "kind"),
    [
        pytest.param("Contact hours: 6.5", 6.5, HoursKind.CONTACT, id="label"),
        pytest.param("6.5 CE hours", 6.5, HoursKind.CONTACT, id="ce-hours"),
        pytest.param("0.65 CEUs", 6.5, HoursKind.CEU, id="ceu"),
        pytest.param("1.5 PDH", 1.5, HoursKind.PDH, id="pdh"),
        pytest.param("5 1/2 hours", 5.5, HoursKind.GENERIC, id="fraction"),
        pytest.param("5½ hrs", 5.5, HoursKind.GENERIC, id="vulgar"),
        pytest.param("3 hours 23 minutes", 3 + 23 / 60, HoursKind.GENERIC, id="h-min"),
        pytest.param("3h23m", 3 + 23 / 60, HoursKind.GENERIC, id="compact"),
        pytest.param("47 min", 47 / 60, HoursKind.GENERIC, id="minutes"),
        pytest.param("six contact hours", 6, HoursKind.CONTACT, id="spelled"),
        pytest.param("one and a half hours", 1.5, HoursKind.GENERIC, id="and-a-half"),
        pytest.param("an hour and a half", 1.5, HoursKind.GENERIC, id="hour-and-a-half"),
        pytest.param("volunteered 32 hours", 32, HoursKind.VOLUNTEER, id="volunteered"),
        pytest.param("32 hours of volunteer service", 32, HoursKind.VOLUNTEER, id="of-volunteer"),
        pytest.param("Volunteer Hours: 40", 40, HoursKind.VOLUNTEER, id="volunteer-label"),
        pytest.param("CEUs: 0.6", 6, HoursKind.CEU, id="ceu-label"),
        pytest.param("Total Contact Hours: 12.0 hours", 12, HoursKind.CONTACT, id="label-and-unit"),
    ],
)
def test_examples(text: str, hours: float, kind: HoursKind) -> None:
    found = find_hours(text)
    assert found, text
    assert found[0].hours == pytest.approx(hours, abs=1e-3)
    assert found[0].kind is kind


def test_label_is_more_confident_than_free_text() -> None:
    (lab,) = find_hours("Contact hours: 6")
    (free,) = find_hours("about 6 hours")
    assert lab.confidence > free.confidence


@pytest.mark.parametrize("text", ["09h00 - 10h30", "4th of July", "5 m of rope", "2 days", ""])
def test_not_hours(text: str) -> None:
    assert find_hours(text) == []
    with pytest.raises(ParseError):
        parse_duration(text)


def test_parse_duration() -> None:
    assert parse_duration("3h23m") == pytest.approx(3.3833, abs=1e-3)


# --- issue 4: wordings and layouts of unseen documents (fixtures/kinds_hours.py) -------------------

@pytest.mark.parametrize(("text", "hours"), [
    pytest.param("Hours of Credit: 10.5", 10.5, id="hours-of-credit"),
    pytest.param("Hrs: 2", 2.0, id="hrs"),
    pytest.param("Contact hrs.: 6.5", 6.5, id="contact-hrs"),
    pytest.param("No. of hours: 7", 7.0, id="no-of-hours"),
    pytest.param("Contact Hours ......... 6.5", 6.5, id="dot-leaders"),
    pytest.param("Contact hours \u2014 6", 6.0, id="em-dash"),
    pytest.param("Continuing Education Units (CEUs): 0.65", 6.5, id="ceu-spelled-out"),
    pytest.param("Professional Development Units: 7", 7.0, id="pdu-spelled-out"),
    pytest.param("PDH Credits: 6", 6.0, id="pdh-credits"),
    pytest.param("Hour(s): 4", 4.0, id="hour-s"),
    pytest.param("Hours attended: 6", 6.0, id="hours-attended"),
    pytest.param("Contact Hours: Six (6)", 6.0, id="words-and-figures"),
    pytest.param("Contact hours: six and one-half", 6.5, id="words-half"),
    pytest.param("Total: 12.5 hrs", 12.5, id="total-with-unit"),
])
def test_more_labels(text: str, hours: float) -> None:
    (h,) = find_hours(text)
    assert h.labelled and h.hours == pytest.approx(hours) and not h.how


@pytest.mark.parametrize(("text", "hours"), [
    pytest.param("CLOCK HOURS 1.0", 1.0, id="clock-hours"),
    pytest.param("CEUs 0.9", 9.0, id="ceus"),
    pytest.param("C.E.U.s 0.6", 6.0, id="ceus-dotted"),
    pytest.param("PDH 1", 1.0, id="pdh"),
    pytest.param("Hours Earned 4.5", 4.5, id="hours-earned"),
    pytest.param("Hours of Instruction 12", 12.0, id="hours-of-instruction"),
])
def test_bare_label_without_colon_is_a_weaker_reading(text: str, hours: float) -> None:
    (h,) = find_hours(text)
    assert h.hours == pytest.approx(hours) and h.how == "bare label"
    (clean,) = find_hours("Contact hours: 1")
    assert h.confidence < clean.confidence


def test_label_over_its_value_is_a_weaker_reading() -> None:
    (h,) = find_hours("Participant Ana Ruiz\nContact Hours\n14.25\nRegistrar")
    assert h.hours == 14.25 and h.how == "label above" and h.confidence < 0.9
    (h,) = find_hours("Credit hours awarded\n6.0")
    assert h.hours == 6.0 and h.how == "label above"
    assert find_hours("Hours\n2024") == []


def test_value_before_its_label_after_a_dash() -> None:
    (h,) = find_hours("14.0 \u2013 Clock Hours Awarded.")
    assert h.hours == 14.0


def test_a_label_inside_the_value_of_a_label_without_hours() -> None:
    (h,) = find_hours("Category A credits: 10; contact hours: 9")
    assert h.hours == 9.0 and h.kind is HoursKind.CONTACT
    found = find_hours("CPE credits: 12 Contact hours: 10")
    assert [(x.hours, x.kind) for x in found] == [(10.0, HoursKind.GENERIC), (10.0, HoursKind.CONTACT)]


@pytest.mark.parametrize("text", [
    "24-hour emergency line: (555) 010-2200", "48-hour notice is required", "Open 24 hours",
    "Hours: 9 to 5", "Hours: 8 am - 4 pm", "Total: 150", "Office hours: 9:00 \u2013 17:00", "Hours\n9:00 \u2013 17:00",
])
def test_hours_that_are_not_the_activitys(text: str) -> None:
    assert find_hours(text) == []


def test_read_labelled_reads_a_header_over_its_cell() -> None:
    from cecintake.extractors.text.hours import read_labelled

    assert read_labelled("Contact hours", "13").hours == 13.0
    assert read_labelled("CEUs", "1.3").hours == 13.0
    assert read_labelled("CPE credits", "15.6").hours == pytest.approx(13.0)
    assert read_labelled("Session", "Soil biology") is None
    assert read_labelled("Date", "2024") is None


@pytest.mark.parametrize("text", ["6.5 CEHs", "CEH: 6.5", "Continuing education hours (CEH): 6.5"])
def test_continuing_education_hours_abbreviated(text: str) -> None:
    (h,) = find_hours(text)
    assert h.hours == 6.5 and h.kind is HoursKind.CONTACT


def test_one_quarter_in_words() -> None:
    # "five and one-quarter (5.25) hours" under an "Hours of instruction" header (an instruction letter's table)
    (h,) = find_hours("five and one-quarter (5.25) hours in person")
    assert h.hours == 5.25
    (h,) = find_hours("six and one quarter hours")
    assert h.hours == 6.25


# issue 4, session 9 probes (wordings of our own): the text-level readings


def test_a_leading_point_after_a_label_is_the_number() -> None:
    # "CEUs: .65": the label's filler ("Hours..... 6") may not take the point of the value (was 650 hours)
    (h,) = find_hours("CEUs: .65")
    assert h.hours == 6.5


def test_a_year_before_the_next_label_is_no_hour_count() -> None:
    # "Date: April 2, 2025 Hrs: 2.5": "2025 Hrs" was read as 2025 hours
    assert [h.hours for h in find_hours("Date: April 2, 2025 Hrs: 2.5")] == [2.5]


def test_hyphenated_number_in_words_with_its_fraction() -> None:
    assert [h.hours for h in find_hours("a two-and-a-half-hour webinar")] == [2.5]
    assert [h.hours for h in find_hours("three-and-one-half hours")] == [3.5]


@pytest.mark.parametrize(("text", "hours"), [
    pytest.param("The participant earned 1.2 IACET CEUs.", 12.0, id="iacet-ceus"),
    pytest.param("This course qualifies for 2.0 LA CES PDH", 2.0, id="two-acronyms-pdh"),
])
def test_an_accreditor_between_count_and_unit(text: str, hours: float) -> None:
    assert [h.hours for h in find_hours(text)] == [hours]


def test_a_minute_hour_defines_a_unit() -> None:
    # "based on a 50-minute hour" is how a CPE credit is counted, not the activity's 50 minutes
    assert [h.hours for h in find_hours("CPE credits: 6.0 (based on a 50-minute hour)")] == [5.0]


@pytest.mark.parametrize("text", [
    "The course ran from 8:30 a.m. to 4:30 p.m. with a one-hour lunch.",
    "Sessions paused for a 30-minute break.",
    "a 45-minute catered lunch",
])
def test_a_pause_length_is_not_the_activity(text: str) -> None:
    assert find_hours(text) == []


def test_a_lunch_and_learn_is_instruction() -> None:
    assert [h.hours for h in find_hours("a 90-minute lunch and learn")] == [1.5]


@pytest.mark.parametrize(("text", "hours"), [
    pytest.param("Duration: 1h30", 1.5, id="duration-colon"),
    pytest.param("Duration 2h15 online", 2.25, id="duration-bare"),
    pytest.param("Time spent: 02:30:00", 2.5, id="time-spent-hms"),
    pytest.param("Hours claimed: 5.5", 5.5, id="hours-claimed"),
])
def test_more_duration_labels(text: str, hours: float) -> None:
    assert [h.hours for h in find_hours(text)] == [hours]


def test_a_clock_time_with_h_is_still_no_duration() -> None:
    assert find_hours("Time: 09h00") == []


@pytest.mark.parametrize(("text", "hours"), [
    pytest.param("CE: 6", 6.0, id="ce"),
    pytest.param("Total CE: 6.0", 6.0, id="total-ce"),
    pytest.param("Continuing Education Credits: 6", 6.0, id="continuing-education-credits"),
    pytest.param("CE units: 0.6", 6.0, id="ce-units-tenfold"),
    pytest.param("Hours of participation: 6", 6.0, id="hours-of-participation"),
    pytest.param("6.0 CE Credit Hours", 6.0, id="ce-credit-hours-free"),
])
def test_more_ce_labels(text: str, hours: float) -> None:
    assert [h.hours for h in find_hours(text)] == [hours]


@pytest.mark.parametrize("text", ["PLACE: 6", "SERVICE: 4", "CE: Approved by the Board"])
def test_ce_label_only_as_a_word(text: str) -> None:
    assert find_hours(text) == []


@pytest.mark.parametrize("text", ["Form CE-45 (rev. 2022)", "Ref. CE - 12"])
def test_a_form_number_is_no_ce_label(text: str) -> None:
    assert find_hours(text) == []


def test_a_scan_colon_read_as_semicolon() -> None:
    assert [h.hours for h in find_hours("Contact Hours; 6.5")] == [6.5]


def test_a_number_split_from_its_decimals_is_not_the_whole_number() -> None:
    # "Contact Hours: 6 .5" (a scan's "6.5"): never 6 at a label's confidence
    assert all(h.hours != 6.0 for h in find_hours("Contact Hours: 6 .5"))


@pytest.mark.parametrize("text", ["Instructor office hours: 2 hours after class", "Office hours: 3",
                                  "Business hours: 8"])
def test_an_office_hours_label_is_no_hour_count(text: str) -> None:
    # "office hours" held "ce hours" and "hours" as labels
    assert all(not h.labelled for h in find_hours(text))
