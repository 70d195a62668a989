"""Named examples built from text: one per document kind and the non-evidence kinds."""

from __future__ import annotations

import pytest

from cecintake.domain.vocab import DocType, FieldName as F, TextSource
from cecintake.extractors.api import ExtractionContext
from cecintake.extractors.fields import extract_evidence

from .helpers import doc_from_text

CERT = """Tallgrass Restoration Network
412 Prairie Avenue, Ames, IA 50010
Certificate of Completion
This is to certify that
Dr. Maria L. Fernández, CERP
has successfully completed the workshop
Prairie Seed Collection Workshop
offered by Tallgrass Restoration Network on March 3–5, 2025
Contact hours: 6.5
Held in person at Ames, IA
Instructors: Dana Whitfield, PhD, CERP (Cascadia State University); Lee Park (Independent consultant)
SER Approval Code: SER-PA-2024-0137
Jordan Miles
Training Coordinator
"""

VOLUNTEER = """Coastal Marsh Alliance
1200 Harbor Drive, Charleston, SC 29401
April 2, 2025
Dear Sam Okafor,
This letter documents the volunteer service of Sam Okafor with Coastal Marsh Alliance.
Between January 4 – March 29, 2025, Sam Okafor contributed 32 hours of volunteer service,
planting willow stakes along the restored stream banks.
Coastal Marsh Alliance is a 501(c)(3) not-for-profit organization.
With best regards,
Ada Cole
Volunteer Coordinator
"""

AGENDA = """Riparian Futures Institute
Workshop Agenda: Stream Restoration Design
Dates: June 3–4, 2024
Location: Bozeman field station
Day 1
8:30 AM–9:00 AM Registration and coffee
9:00 AM–10:30 AM Lecture: channel form
10:30 AM–10:45 AM Break
10:45 AM–12:15 PM Field exercise
12:15 PM–1:15 PM Lunch
1:15 PM–3:00 PM Lab: sediment transport
Day 2
9:00 AM–12:00 PM Field tour of restored reaches
12:00 PM–12:30 PM Evaluations
"""

FLYER = """Save the date! Register now for the Prairie Seed Collection Workshop
June 3, 2025 - seats are limited. Registration fee $150. Early bird ends May 1.
Who should attend: restoration practitioners. Learn more at example.org
"""

THANKS = """Society for Ecological Restoration
Letter of Thanks
Dear Dana Whitfield,
Thank you for your presentation at our webinar on June 23, 2025. The feedback was very positive.
Yours sincerely,
Ada Cole
Event Coordinator
"""


def test_completion_certificate() -> None:
    ev = extract_evidence(doc_from_text(CERT, big_lines=frozenset({2, 6})),
                          context=ExtractionContext(expected_name="Maria Fernandez"))
    assert ev.doc_type is DocType.COMPLETION_CERTIFICATE
    assert ev.value(F.PARTICIPANT_NAME) == "Maria L. Fernández"  # printed, not the roster's
    assert ev.value(F.ACTIVITY_TITLE) == "Prairie Seed Collection Workshop"
    assert ev.value(F.PROVIDER) == "Tallgrass Restoration Network"
    assert (ev.value(F.START_DATE), ev.value(F.END_DATE)) == ("2025-03-03", "2025-03-05")
    assert ev.value(F.CONTACT_HOURS) == 6.5
    assert ev.fields[F.CONTACT_HOURS].method == "label"
    assert ev.value(F.APPROVAL_CODE) == "SER-PA-2024-0137"
    assert ev.value(F.DELIVERY_MODE) == "in_person"
    dana, lee = ev.instructors
    assert dana.name == "Dana Whitfield" and dana.credentials == ("PhD", "CERP") and dana.qualified is True
    assert lee.qualified is None  # not for extraction to decide
    f = ev.fields[F.CONTACT_HOURS]
    assert f.page == 1 and f.bbox is not None and "6.5" in f.text


def test_volunteer_letter() -> None:
    ev = extract_evidence(doc_from_text(VOLUNTEER), context=ExtractionContext(expected_name="Samuel Okafor"))
    assert ev.doc_type is DocType.VOLUNTEER_LETTER
    assert ev.value(F.VOLUNTEER_HOURS) == 32
    assert ev.value(F.NONPROFIT) is True
    assert ev.value(F.SIGNER_ROLE) == "Volunteer Coordinator"
    assert ev.value(F.TASK_DESCRIPTION) == "planting willow stakes along the restored stream banks"
    assert (ev.value(F.START_DATE), ev.value(F.END_DATE)) == ("2025-01-04", "2025-03-29")  # not the letter's date


def test_agenda_hours_from_schedule() -> None:
    ev = extract_evidence(doc_from_text(AGENDA), context=ExtractionContext())
    assert ev.doc_type is DocType.COURSE_SYLLABUS
    assert ev.value(F.CONTACT_HOURS) == 7.75  # 1.5 + 1.5 + 1.75 + 3
    assert ev.fields[F.CONTACT_HOURS].method == "schedule"
    assert ev.value(F.ACTIVITY_TITLE) == "Stream Restoration Design"
    assert F.PARTICIPANT_NAME not in ev.fields


@pytest.mark.parametrize("text", [FLYER, THANKS], ids=["flyer", "letter-of-thanks"])
def test_not_evidence(text: str) -> None:
    ev = extract_evidence(doc_from_text(text), context=ExtractionContext())
    assert ev.doc_type is DocType.UNKNOWN


def test_ocr_confidence_lowers_field_confidence() -> None:
    digital = extract_evidence(doc_from_text(CERT), context=ExtractionContext())
    scanned = extract_evidence(doc_from_text(CERT, confidence=0.5, source=TextSource.OCR), context=ExtractionContext())
    assert scanned.fields[F.CONTACT_HOURS].confidence < digital.fields[F.CONTACT_HOURS].confidence


def test_empty_document() -> None:
    ev = extract_evidence(doc_from_text(""), context=ExtractionContext())
    assert ev.doc_type is DocType.UNKNOWN and not ev.fields


SERVICE_WRAPPED = """Society for Ecological Restoration
1133 15th Street NW, Suite 300, Washington, DC 20005
February 18, 2024
Noemie Rivera, PhD
Dear Colleague,
Noemie Rivera, PhD has completed one (1) year of service as a member of the
Board of Directors (Treasurer) of the Society for Ecological Restoration (April
2023 to 03/2024).
With best regards,
Rafael M. Adeyemi
Executive Director
"""

AGENDA_DAY_COUNTER = """Green Corridors Training Ltd
Course Syllabus: Mycorrhizal Inoculation in Revegetation
Dates: 17 March 2023
Location: field station, Fremantle
Schedule
Day 1 – 17 March 2023
Time Session Presenter
9:00 AM–10:30 AM Lecture: Soil Biology Ingrid L. Walsh
10:45 AM–12:00 PM Lab: Inoculation Grace De la Cruz
"""


def test_range_wrapped_across_lines() -> None:
    ev = extract_evidence(doc_from_text(SERVICE_WRAPPED), context=ExtractionContext())
    assert (ev.value(F.START_DATE), ev.value(F.END_DATE)) == ("2023-04-01", "2024-03-31")


def test_day_counter_is_not_a_range() -> None:
    ev = extract_evidence(doc_from_text(AGENDA_DAY_COUNTER), context=ExtractionContext())
    assert (ev.value(F.START_DATE), ev.value(F.END_DATE)) == ("2023-03-17", "2023-03-17")


# --- non-evidence look-alikes (issue 4 round 4): never a credit-bearing type -------------------

REFEREE_REPORT = """Journal of Restoration Practice
Referee Report
Manuscript number: JRP-2024-0412
Title: Soil Seed Banks after Mine Reclamation
Reviewer: Dr. Maria L. Fernandez
Overall recommendation: minor revision
Confidential comments to the editor: the sampling design is unclear.
Comments for the authors: please report effect sizes.
"""

INVITE_TO_REVIEW = """Wetland Science Letters
March 3, 2025
Dear Dr. Fernandez,
Would you be willing to review the manuscript "Peat Rewetting Outcomes" for our journal?
If you agree to review, please return your report within 21 days.
Kind regards,
Handling Editor
"""

CALL_FOR_ABSTRACTS = """Call for Abstracts
Northern Plains Restoration Meeting
June 3-5, 2025, Fargo, ND
Submit your abstract on prairie reconstruction, seed sourcing or monitoring.
Submission deadline: February 1, 2025. Authors will be notified by March 15.
"""

INVITATION = """Tallgrass Restoration Network
January 10, 2025
Dear Dr. Fernandez,
On behalf of the organizing committee it is my pleasure to invite you to the Prairie Summit,
to be held May 12-13, 2025 in Ames, Iowa. We hope you will be able to join us.
Warm regards,
Chair, Organizing Committee
"""

BOOKING = """Coastal Habitat Academy
Booking confirmation
Dear Maria Fernandez,
Your place on Salt Marsh Recovery Methods (April 2-3, 2025, 12 contact hours) is confirmed.
Booking reference: BK-44120. Please arrive 15 minutes before the first session.
"""

OPEN_REGISTRATION = """Registration now open
World Conference on Ecological Restoration
March 28-30, 2025
Madison, WI - hosted by Coastal Marsh Alliance
Earn up to 12 CECs (SER approval pending).
Keynote: Restoring Tidal Marshes
Register: www.example.org/events - space is limited
"""


@pytest.mark.parametrize(
    "text",
    [REFEREE_REPORT, INVITE_TO_REVIEW, CALL_FOR_ABSTRACTS, INVITATION, BOOKING, OPEN_REGISTRATION],
    ids=["referee-report", "invitation-to-review", "call-for-abstracts", "invitation-to-attend", "booking",
         "registration-open"],
)
def test_look_alikes_are_not_evidence(text: str) -> None:
    ev = extract_evidence(doc_from_text(text), context=ExtractionContext())
    assert ev.doc_type is DocType.UNKNOWN


# --- OCR robustness (issue 4 round 4) ---------------------------------------------------------

@pytest.mark.parametrize(
    ("raw", "ocr", "want"),
    [
        ("Soil Reclamation )", False, "Soil Reclamation"),
        ("Certification Committee _", False, "Certification Committee"),
        ("- Society for Ecological Restoration —", False, "Society for Ecological Restoration"),
        ("| Gulf Coast University", False, "Gulf Coast University"),
        ("Restoration (Part 1)", False, "Restoration (Part 1)"),
        ("Society for Ecological Restoration, Midwest- Great Lakes Chapter", True,
         "Society for Ecological Restoration, Midwest-Great Lakes Chapter"),
        ("Midwest- Great Lakes", False, "Midwest- Great Lakes"),
    ],
)
def test_trim_ocr_junk_at_value_edges(raw: str, ocr: bool, want: str) -> None:
    from cecintake.extractors.fields.common import trim_edges

    assert trim_edges(raw, ocr=ocr) == want


CERT_WITH_SPECK = """Tallgrass Restoration Network
Certificate of Course Completion          _
This is to certify that
Maria L. Fernandez
has successfully completed the workshop
Prairie Seed Collection Workshop
offered by Tallgrass Restoration Network on March 3-5, 2025
Contact hours: 6.5
"""


def test_speck_beside_heading_is_not_a_title() -> None:
    from dataclasses import replace

    from cecintake.domain import Word

    doc = doc_from_text(CERT_WITH_SPECK.replace("          _", ""))
    page = doc.pages[0]
    head = [w for w in page.words if w.line == 1]
    x1, top = head[-1].bbox[2], head[-1].bbox[1]
    speck = Word("_", (x1 + 150.0, top, x1 + 156.0, top + 11.0), 0.4, 1)  # far right of the heading
    words = tuple(w for w in page.words if w.line <= 1) + (speck,) + tuple(w for w in page.words if w.line > 1)
    doc = replace(doc, pages=(replace(page, words=words),))
    ev = extract_evidence(doc, context=ExtractionContext())
    assert ev.value(F.ACTIVITY_TITLE) == "Prairie Seed Collection Workshop"
