"""Delivery mode from a labelled value (issue 4, generalisation): a location or format label whose
value names an online meeting is online; a format naming only a length or kind of event says
nothing; a place under a location label is in person."""

from __future__ import annotations

import pytest

from cecintake.extractors.fields.misc import find_delivery


def _mode(text: str):
    found = find_delivery(text)
    return None if found is None else found.value


@pytest.mark.parametrize(("line", "mode"), [
    pytest.param("Location: Online via Zoom", "online", id="location-online-via-zoom"),
    pytest.param("Location: Virtual", "online", id="location-virtual"),
    pytest.param("Venue: https://events.example.org/live/restoration-101", "online", id="venue-url"),
    pytest.param("Location: Webinar (link sent to registrants)", "online", id="location-webinar"),
    pytest.param("Format: 180-minute webinar.", "online", id="format-webinar"),
    pytest.param("Location: Microsoft Teams", "online", id="location-teams"),
    pytest.param("Location: Prairie Field Station, 412 Prairie Avenue, Ames, IA", "in_person", id="location-place"),
    pytest.param("Delivery: Classroom and field sessions", "in_person", id="delivery-classroom"),
    pytest.param("Format: In person", "in_person", id="format-in-person"),
])
def test_labelled_delivery(line: str, mode: str) -> None:
    assert _mode(f"Certificate of Completion\nJane Doe\n{line}\nContact hours: 3\n") == mode


def test_a_format_naming_only_length_says_nothing() -> None:
    assert _mode("Certificate of Completion\nJane Doe\nFormat: 180 minute workshop.\nContact hours: 3\n") is None
