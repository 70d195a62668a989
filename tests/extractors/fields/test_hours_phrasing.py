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
