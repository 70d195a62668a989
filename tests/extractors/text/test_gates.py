"""``text.gates``: a substring test on folded text finds a word wherever a case-insensitive pattern
would, so the patterns it guards are skipped only when they could not have matched."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cecintake.extractors.fields import hours as fields_hours
from cecintake.extractors.text.gates import folded, holds_any

WORDS = ("day", "session", "hour", "hrs", "min", "half", "quarter", "ce ", "\nhour", "kelvin", "is", "si")
ALPHABET = st.sampled_from(list("abcdefhiklmnorsuvyADEHIKLMNORSUY \n\t-") + ["\u0130", "\u0131", "\u017f", "\u212a",
                                                                             "\u00c9", "\u00df", "\u03a3", "\u0307"])


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40), st.sampled_from(WORDS))
def test_a_word_a_case_insensitive_pattern_finds_is_in_the_folded_text(text, word):
    if re.search("(?i)" + re.escape(word), text):
        assert word in folded(text)


def test_folding_keeps_offsets_and_maps_what_ignorecase_maps():
    text = "SESS\u0130ONS \u017fessions \u212aelvin Day"
    low = folded(text)
    assert len(low) == len(text)
    assert low == "sessions sessions kelvin day"
    assert holds_any(low, ("week", "session")) and not holds_any(low, ("week", "hour"))


def test_counts_of_periods_are_read_in_letters_the_gates_fold():
    """Upper case with a dotted capital I and a long s: the patterns match them case-insensitively,
    and so must the gates in front of them."""
    found = fields_hours._periods_times_hours("SIX SESS\u0130ONS OF 1.5 HOURS EACH")
    assert found is not None and found.hours == 9.0
    found = fields_hours._periods_times_hours("six \u017fessions of 1.5 hours each")
    assert found is not None and found.hours == 9.0
    found = fields_hours._days_times_hours("3 DAY\u017f x 6 hours")
    assert found is not None and found.hours == 18.0
    assert fields_hours.join_wrapped_hours("provided 4\nHOUR\u017f of instruction") == "provided 4 HOUR\u017f of instruction"


def test_a_count_on_one_line_is_not_joined_to_a_period_on_the_next():
    """Only lines holding both a period and its hours are searched, as the patterns never cross a line."""
    assert fields_hours._periods_times_hours("Module 2 1.5 hours\nModule 3") is None
    found = fields_hours._periods_times_hours("Schedule\nfour 3-hour evening sessions\nRoom 2")
    assert found is not None and found.hours == 12.0 and found.span[0] == len("Schedule\n")
