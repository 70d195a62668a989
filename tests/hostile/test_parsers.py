"""Issue 7, fuzzing the text parsers with hostile document text: markup, formulas, control
and bidi characters, NULs, unpaired surrogates' neighbours, very long runs. Each returns a
value or our typed ParseError, never another exception, and quickly (no catastrophic
backtracking). (tests/extractors/text/test_properties.py covers the ordinary alphabet.)"""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cecintake.errors import ParseError
from cecintake.extractors.text import (
    find_approval_codes,
    find_dates,
    find_hours,
    normalise_name,
    parse_date,
    parse_duration,
    schedule_hours,
    split_credentials,
)

_HOSTILE = st.sampled_from([
    "<script>", "</script>", "=", "+", "-", "@", "=HYPERLINK(", '"', "'", "\x00", "\u202e", "\u200b", "\ufeff",
    "\r", "\n", "\t", "\x0b", "\x1b[31m", "%s", "{0}", "../", "\\", "12", "2024", "03", "/", ".", ":", " ",
    "hours", "hrs", "h", "min", "SER-", "CEU", "March", "1st", "½", "٣", "２０２４", "𝟙", "ǅ", "ß", "İ",
    "a" * 50, "9" * 40, "-" * 30, "1/" * 20, "12:00 " * 10,
])
HOSTILE_TEXT = st.one_of(st.lists(_HOSTILE, max_size=400).map("".join), st.text(max_size=2000))
BOUND_S = 3.0


def _call(fn, *args):  # noqa: ANN001, ANN202
    t0 = time.perf_counter()
    try:
        fn(*args)
    except ParseError:
        pass
    assert time.perf_counter() - t0 < BOUND_S, f"{fn.__name__} took too long"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE_TEXT)
def test_single_text_parsers_value_or_parse_error(text: str) -> None:
    for fn in (find_dates, parse_date, find_hours, parse_duration, find_approval_codes, normalise_name,
               split_credentials):
        _call(fn, text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(HOSTILE_TEXT, max_size=30))
def test_schedule_value_or_parse_error(lines: list[str]) -> None:
    _call(schedule_hours, lines)
