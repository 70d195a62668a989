"""Contract of every parser: a value or ParseError, never another exception, never a hang."""

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cecintake.errors import ParseError
from cecintake.extractors.text import (
    find_approval_codes,
    find_dates,
    find_hours,
    name_similarity,
    normalise_name,
    parse_date,
    parse_duration,
    schedule_hours,
    split_credentials,
)

# text biased towards the characters our patterns care about
_ALPHABET = st.sampled_from(
    list("0123456789/-–—.:, \t\nhmapHMAPSERCUO½IlofandthrseJanMarDec") + ["hours", "min", "CEU", "March", "SER-", "and a half"]
)
TEXT = st.one_of(st.text(max_size=300), st.lists(_ALPHABET, max_size=150).map("".join))
SETTINGS = settings(max_examples=250, deadline=500, suppress_health_check=[HealthCheck.too_slow])


def _returns_or_parse_error(fn, *args):
    try:
        return fn(*args)
    except ParseError:
        return None


@SETTINGS
@given(TEXT)
def test_dates(text: str) -> None:
    for m in find_dates(text):
        assert m.start <= m.end
        assert 0 <= m.confidence <= 1
        assert text[m.span[0] : m.span[1]] == m.text
    _returns_or_parse_error(parse_date, text)


@SETTINGS
@given(TEXT)
def test_hours(text: str) -> None:
    for h in find_hours(text):
        assert h.hours >= 0
        assert 0 <= h.confidence <= 1
    _returns_or_parse_error(parse_duration, text)


@SETTINGS
@given(st.lists(TEXT, max_size=20))
def test_schedule(lines: list[str]) -> None:
    r = _returns_or_parse_error(schedule_hours, lines)
    if r is not None:
        assert r.total_hours >= 0


@SETTINGS
@given(TEXT, TEXT)
def test_codes_and_names(a: str, b: str) -> None:
    find_approval_codes(a)
    normalise_name(a)
    split_credentials(a)
    assert 0.0 <= name_similarity(a, b) <= 1.0


@pytest.mark.parametrize(
    "text",
    [
        "1" * 50_000,
        "March " * 20_000,
        "1/" * 20_000,
        "9:00 - " * 10_000,
        "hours " * 20_000 + "x",
        "SER-" * 20_000,
        "Contact hours:" + " " * 50_000,
        "the 3rd of " * 10_000,
    ],
    ids=["digits", "months", "slashes", "times", "hours", "codes", "label-spaces", "ordinals"],
)
def test_pathological_inputs_are_fast(text: str) -> None:
    t0 = time.perf_counter()
    find_dates(text)
    find_hours(text)
    find_approval_codes(text)
    _returns_or_parse_error(schedule_hours, text.splitlines() or [text])
    normalise_name(text)
    assert time.perf_counter() - t0 < 5.0


_CLOCKS = st.lists(st.sampled_from(["0", "1", "2", "3", "5", "9", ":", ".", "h", " ", "-", "–", "to", "am", "pm",
                                    "a.m.", "p.m.", "noon", "Lecture", "Break", "\n"]), max_size=40).map("".join)


@SETTINGS
@given(st.lists(_CLOCKS, max_size=12))
def test_schedule_clock_noise(lines: list[str]) -> None:
    """OCR'd clocks ("15 pm", "25:30", "0 am") give a value or ParseError, never ValueError."""
    r = _returns_or_parse_error(schedule_hours, lines)
    assert r is None or r.total_hours >= 0


@pytest.mark.parametrize("lines", [["15 pm - 17:00 Lecture"], ["9:00 - 13pm Session", "13:30 pm Field work"],
                                   ["14:00 pm to 16:00 pm Lab"], ["23:30 - 12 pm Talk"]])
def test_schedule_impossible_hours_regression(lines: list[str]) -> None:
    r = _returns_or_parse_error(schedule_hours, lines)
    assert r is None or r.total_hours >= 0
