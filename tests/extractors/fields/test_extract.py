"""``extract_evidence``: which fields a document's type lets it carry (issue 4: contact hours of documents of no
recognised kind, and hours stated under a figure counted when the document is typed)."""

from __future__ import annotations

from cecintake.domain.vocab import DocType, FieldName
from cecintake.extractors.api import ExtractionContext
from cecintake.extractors.fields import extract_evidence

from .helpers import doc_from_text

F = FieldName


def _extract(text: str):
    return extract_evidence(doc_from_text(text), context=ExtractionContext(expected_name="Peter Moreau"))


def test_a_document_of_no_recognised_kind_keeps_the_hours_it_states() -> None:
    """The hours are read (a reviewer sees them) under a method of their own, calibrated apart, so they
    cannot reach the auto-accept line on the finder's record for typed documents."""
    ev = _extract("Lowcountry Conservation Corps\nName: Peter Moreau\nActivity: Post-Wildfire Revegetation\n"
                  "Date: 2024-12-20\nContact hours: 10\n")
    assert ev.doc_type is DocType.UNKNOWN
    hours = ev.fields[F.CONTACT_HOURS]
    assert hours.value == 10.0 and hours.method.startswith("untyped ") and hours.confidence < 0.9
    assert hours.text == "Contact hours: 10"


def test_an_announcements_hours_are_read_as_announced_and_held_low() -> None:
    """A flyer's hours say what the activity is to offer, not that anyone completed it: read under
    'announced', at most _ANNOUNCED_HOURS, and the document stays unknown and marked not evidence."""
    ev = _extract("Upcoming workshop: Prairie Seed Collection\nJoin us on 12 May 2025 at the Ames field station.\n"
                  "Contact hours: 6\nRegister by 1 May 2025. Seats are limited.\n")
    assert ev.doc_type is DocType.UNKNOWN
    assert any(n.startswith("not evidence of completion") for n in ev.notes)
    hours = ev.fields[F.CONTACT_HOURS]
    assert hours.value == 6.0 and hours.method.startswith("announced ") and hours.confidence <= 0.6


def test_hours_stacked_under_their_figure_count_for_the_doc_type() -> None:
    """"2 / CLOCK / HOURS" stacked (a seal): the doc type's hours test reads the same joined text the hours
    finder does, so a record of credit with a participant, a course and a date is recognised."""
    ev = _extract("Cape Floral Kingdom Institute\nAttendance Form\nParticipant: Jean Ibanez\nCourse title: Urban "
                  "Forest Restoration\nDate(s) of activity: 17th to 18th July 2024\n2\nCLOCK\nHOURS\nZoe Kowalski\n"
                  "Registrar\n")
    assert ev.doc_type is DocType.COMPLETION_CERTIFICATE
    assert ev.fields[F.CONTACT_HOURS].value == 2.0
