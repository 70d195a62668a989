from datetime import date

import pytest

from cecintake.errors import ParseError
from cecintake.extractors.text.dates import find_dates, parse_date, resolve_ambiguous

D = date


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        pytest.param("March 3–5, 2025", D(2025, 3, 3), D(2025, 3, 5), id="month-range"),
        pytest.param("March 3 - April 2, 2025", D(2025, 3, 3), D(2025, 4, 2), id="two-month-range"),
        pytest.param("03/13/2025", D(2025, 3, 13), D(2025, 3, 13), id="mdy-unambiguous"),
        pytest.param("03/03/2025", D(2025, 3, 3), D(2025, 3, 3), id="same-either-way"),
        pytest.param("3 March 2025", D(2025, 3, 3), D(2025, 3, 3), id="dmy-written"),
        pytest.param("2025-03-03", D(2025, 3, 3), D(2025, 3, 3), id="iso"),
        pytest.param("Mar. 3, 2025", D(2025, 3, 3), D(2025, 3, 3), id="abbrev-dot"),
        pytest.param("24th–25th Dec 2022", D(2022, 12, 24), D(2022, 12, 25), id="ordinal-range"),
        pytest.param("22/06/23", D(2023, 6, 22), D(2023, 6, 22), id="dmy-two-digit-year"),
        pytest.param("the 3rd of March 2025", D(2025, 3, 3), D(2025, 3, 3), id="the-3rd-of"),
        pytest.param("Tuesday, 4 March 2025", D(2025, 3, 4), D(2025, 3, 4), id="weekday"),
        pytest.param("Dec 30, 2024 - Jan 2, 2025", D(2024, 12, 30), D(2025, 1, 2), id="new-year"),
        pytest.param("28 February - 2 March 2025", D(2025, 2, 28), D(2025, 3, 2), id="dmy-two-month"),
        pytest.param("Monday, March 3 – Wednesday, March 5, 2025", D(2025, 3, 3), D(2025, 3, 5), id="weekday-range"),
        pytest.param("Sept. 12th, 2024", D(2024, 9, 12), D(2024, 9, 12), id="sept"),
        pytest.param("June 3 and 4, 2024", D(2024, 6, 3), D(2024, 6, 4), id="and-range"),
        pytest.param("March 3, 2025 to March 5, 2025", D(2025, 3, 3), D(2025, 3, 5), id="merged-range"),
    ],
)
def test_examples(text: str, start: date, end: date) -> None:
    m = parse_date(text)
    assert (m.start, m.end) == (start, end)
    assert not m.ambiguous
    assert m.confidence >= 0.8


def test_ambiguous_numeric_is_not_guessed() -> None:
    (m,) = find_dates("held on 04/03/2025")
    assert m.ambiguous
    assert m.confidence < 0.5
    assert {m.start, m.alternative[0]} == {D(2025, 4, 3), D(2025, 3, 4)}


def test_dayfirst_parameter_decides() -> None:
    (m,) = find_dates("04/03/2025", dayfirst=True)
    assert m.start == D(2025, 3, 4) and not m.ambiguous


def test_resolved_by_day_over_twelve() -> None:
    resolved = resolve_ambiguous(find_dates("from 04/03/2025 until 13/03/2025"))
    assert resolved[0].start == D(2025, 3, 4)
    assert not resolved[0].ambiguous


def test_resolved_by_written_date() -> None:
    resolved = resolve_ambiguous(find_dates("Date: 04/03/2025. The workshop on 4 March 2025"))
    assert resolved[0].start == D(2025, 3, 4)


def test_unresolvable_stays_ambiguous_with_low_confidence() -> None:
    resolved = resolve_ambiguous(find_dates("04/03/2025 and 05/06/2025"))
    assert all(m.ambiguous and m.confidence <= 0.4 for m in resolved)


@pytest.mark.parametrize("text", ["", "no dates here", "version 1.2.3", "call 253-502-8372", "February 30, 2025"])
def test_no_date_raises(text: str) -> None:
    with pytest.raises(ParseError):
        parse_date(text)


# --- issue 4 round 4: ranges --------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        pytest.param("Day 1 – 17 March 2023", D(2023, 3, 17), D(2023, 3, 17), id="day-counter-not-range"),
        pytest.param("Session 2 - 4 May 2024", D(2024, 5, 4), D(2024, 5, 4), id="session-counter-not-range"),
        pytest.param("Monday 1 – 3 March 2023", D(2023, 3, 1), D(2023, 3, 3), id="weekday-still-range"),
        pytest.param("28 Nov – 2 Dec 2024", D(2024, 11, 28), D(2024, 12, 2), id="dmy-across-months"),
        pytest.param("Nov. 28–Dec. 2, 2024", D(2024, 11, 28), D(2024, 12, 2), id="mdy-across-months"),
        pytest.param("30 Dec 2024 - 2 Jan 2025", D(2024, 12, 30), D(2025, 1, 2), id="across-years"),
    ],
)
def test_range_forms(text: str, start: date, end: date) -> None:
    m = find_dates(text)[0]
    assert (m.start, m.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        pytest.param("(10/08/24 - 14/10/24)", D(2024, 8, 10), D(2024, 10, 14), id="ambiguous-start-dayfirst-end"),
        pytest.param("28.11.2024 – 02.12.2024", D(2024, 11, 28), D(2024, 12, 2), id="dayfirst-start-ambiguous-end"),
        pytest.param("10/08/2024 to 10/14/2024", D(2024, 10, 8), D(2024, 10, 14), id="monthfirst-end"),
    ],
)
def test_numeric_range_ends_share_their_order(text: str, start: date, end: date) -> None:
    m = resolve_ambiguous(find_dates(text))[0]
    assert (m.start, m.end, m.ambiguous) == (start, end, False)


def test_order_guessed_from_span_is_flagged() -> None:
    m = resolve_ambiguous(find_dates("09/06/2024 – 10/06/2024"))[0]
    assert m.guessed and m.confidence < 0.9


def test_range_whose_end_year_is_not_printed_takes_the_start_year_below_the_line():
    # a table cell wraps the end's year away: "10 February 2023 through 9 May" / "Ecology 2023"
    (m,) = find_dates("Student 10 February 2023 through 9 May\nEcology 2023")
    assert (m.start, m.end) == (date(2023, 2, 10), date(2023, 5, 9))
    assert m.confidence < 0.9


def test_open_end_range_across_new_year_ends_the_next_year():
    (m,) = find_dates("Dec 30, 2024 - Jan 2")
    assert (m.start, m.end) == (date(2024, 12, 30), date(2025, 1, 2))


def test_a_date_followed_by_a_dash_and_hours_is_no_range():
    (m,) = find_dates("on 3 March 2025 - 4 hours")
    assert m.start == m.end == date(2025, 3, 3)


@pytest.mark.parametrize("text, start, end", [
    ("between 10/01/2025 – 08/04/2025.", date(2025, 1, 10), date(2025, 4, 8)),
    ("(Spring 2020, 09/03/2020 to 03/07/2020)", date(2020, 3, 9), date(2020, 7, 3)),
])
def test_ambiguous_numeric_range_that_runs_forwards_only_day_first_is_day_first(text, start, end):
    (m,) = find_dates(text)
    assert (m.start, m.end, m.ambiguous) == (start, end, False)
    assert m.confidence < 0.9  # decided by the order of its ends alone: never auto-accepted


def test_ambiguous_numeric_range_forwards_both_ways_stays_ambiguous():
    (m,) = find_dates("from 03/05/2024 to 03/09/2024")
    assert m.ambiguous and (m.start, m.end) == (date(2024, 3, 5), date(2024, 3, 9))


def test_ambiguous_numeric_dates_backwards_both_ways_are_no_range():
    assert len(find_dates("from 09/03/2020 to 03/01/2020")) == 2


@pytest.mark.parametrize("text, dayfirst", [
    pytest.param("310 Boreal Way, Edmonton, AB T5J 0N3, Canada", True, id="canada"),
    pytest.param("220 Tamarack Way, Fort McMurray, AB T9H 1A1", True, id="canadian-postcode"),
    pytest.param("Sponsor: Green Corridors Training Ltd", True, id="ltd"),
    pytest.param("GreenShift Training Pty Ltd", True, id="pty-ltd"),
    pytest.param("Sponsor: EcoRestore Consulting LLC", False, id="llc"),
    pytest.param("Green Corridors Training Ltd, with EcoRestore Consulting LLC", None, id="both-say-nothing"),
])
def test_address_and_legal_form_hint_the_day_month_order(text: str, dayfirst) -> None:
    from cecintake.extractors.text.dates import address_dayfirst

    assert address_dayfirst(text) is dayfirst


def test_a_hinted_order_is_a_flagged_guess_below_auto_accept() -> None:
    from cecintake.extractors.text.dates import address_dayfirst

    text = "Green Corridors Training Ltd\nDate(s): 04/02/25"
    (m,) = resolve_ambiguous(find_dates(text), address_hint=address_dayfirst(text))
    assert (m.start, m.guessed, m.ambiguous) == (date(2025, 2, 4), True, False)
    assert m.confidence < 0.9
