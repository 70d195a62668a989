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


def _ev(pieces):
    from cecintake.extractors.api import ExtractionContext
    from cecintake.extractors.fields import extract_evidence

    from .helpers import doc_from_pieces

    return extract_evidence(doc_from_pieces(pieces), context=ExtractionContext(expected_name="Grace Ibanez"))


def test_a_venue_in_a_run_of_bar_separated_fields_is_in_person() -> None:
    text = ("Attendee: Grace Ibanez | Activity title: Soil Biology | Dates attended: 10/11/23 | Hours of instruction: "
            "13 hrs | Venue: Blue Heron Lodge | Accredited by: Association of State Wetland Managers")
    found = find_delivery(text)
    assert (found.value, found.method) == ("in_person", "label field: location")


@pytest.mark.parametrize("pieces", [
    pytest.param([(75.0, 72.0, "CE Verification Form"), (110.0, 72.0, "Participant"), (110.0, 230.0, "Grace Ibanez"),
                  (127.0, 72.0, "Training"), (127.0, 230.0, "Soil Biology for Restoration Practitioners"),
                  (144.0, 72.0, "Facility"), (144.0, 230.0, "Cedar Hollow Visitor Center"),
                  (161.0, 72.0, "Date of activity"), (161.0, 230.0, "March 29, 2024"),
                  (178.0, 72.0, "Total hours"), (178.0, 230.0, "6 hours")], id="label-cell-beside"),
    pytest.param([(75.0, 72.0, "CE Verification Form"), (110.0, 72.0, "Participant", 8.0), (122.0, 72.0, "Grace Ibanez"),
                  (139.0, 72.0, "Training", 8.0), (151.0, 72.0, "Soil Biology for Restoration Practitioners"),
                  (168.0, 72.0, "Facility", 8.0), (180.0, 72.0, "Cedar Hollow Visitor Center"),
                  (197.0, 72.0, "Dates attended", 8.0), (209.0, 72.0, "March 29, 2024"),
                  (226.0, 72.0, "Total hours", 8.0), (238.0, 72.0, "6 hours")], id="label-over"),
    pytest.param([(75.0, 58.0, "Record of Attendance"),
                  (110.0, 58.0, "Name of participant"), (110.0, 230.0, "Course title"), (110.0, 420.0, "Facility"),
                  (127.0, 58.0, "Grace Ibanez"), (127.0, 230.0, "Soil Biology"), (127.0, 420.0, "Cedar Hollow Center"),
                  (150.0, 58.0, "Dates attended"), (150.0, 230.0, "Hours of instruction"),
                  (167.0, 58.0, "March 29, 2024"), (167.0, 230.0, "6 hours")], id="table-header-over-cell"),
])
def test_a_venue_under_a_label_the_layout_sets_apart_is_in_person(pieces) -> None:
    # "Facility    Cedar Hollow Visitor Center" with no colon: a label cell, a weaker method of its own
    found = _ev(pieces).fields.get("delivery_mode")
    assert found is not None and found.value == "in_person" and found.method == "label cell: location"
