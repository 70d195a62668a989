"""Document type from what the document states (issue 4, generalisation): a record of credit or a
past-tense statement of completion is evidence of completion whatever its title; announcements,
registrations and thanks stay ``unknown``. Each case is worded as a real form or letter prints it."""

from __future__ import annotations

import pytest

from cecintake.domain.vocab import DocType
from cecintake.extractors.fields.doctype import classify
from cecintake.extractors.fields.nlp import analyse
from cecintake.extractors.text.hours import find_hours


def _type(text: str) -> DocType:
    return classify(analyse(text.replace("\n", " ")), has_hours=bool(find_hours(text)), text=text).doc_type


@pytest.mark.parametrize("text", [
    pytest.param("Wildland Skills Exchange\nTraining Completion Record\nParticipant Course title Provider\n"
                 "Robert O'Brien Restoration Project Management Wildland Skills Exchange\n"
                 "From End date Credit\nNovember 19, 2024 November 20, 2024 Approved for 9 CE contact hours\n"
                 "Tomas Lindqvist\nRegistrar\n", id="header-row-record"),
    pytest.param("CE Verification Form\nParticipant: Robert Moreau\nCourse title: Restoring Seagrass Meadows\n"
                 "Provider: Great Basin Native Plant Collaborative\nCourse dates: July 18, 2025\n"
                 "Hours: 180-minute online session\nSamuel Lovland\nRegistrar\n", id="labelled-record"),
    pytest.param("CE Verification Form\nParticipant\nAna J. Whitfield\nCourse title\nRiparian Buffer Design\n"
                 "Date attended\nJuly 16th, 2021\nCredit hours awarded\n1\nRegistrar\n", id="labels-over-values"),
    pytest.param("6 August 2025\nTo whom it may concern:\nWe are pleased to confirm that Fatima Nakamura completed "
                 "our training \u201cSoil Health Assessment for Restoration Sites\u201d. The training took place "
                 "between 27 June 2025 and 28 June 2025.\nThe training comprised 4 Professional Development Hours.\n"
                 "Kind regards,\nTraining Coordinator\n", id="letter-completed-our-training"),
    pytest.param("Dear Ms. Patel,\nWe are pleased to confirm that Sofia Patel completed our webinar "
                 "\u201cBeaver-Based Stream Restoration\u201d. The webinar took place on June 2nd, 2025.\n"
                 "Credit hours awarded: 4.\nRegistration for the next webinar closes on August 1st, 2025.\n",
                 id="letter-with-next-registration-aside"),
])
def test_records_and_statements_of_completion(text: str) -> None:
    assert _type(text) is DocType.COMPLETION_CERTIFICATE


def test_a_certificate_with_a_stray_deadline_stays_evidence() -> None:
    text = ("CERTIFICATE OF ACHIEVEMENT\nThis is to certify that\nRenee Patel\nfor completing\n"
            "Monitoring Restoration Outcomes with Drones\nFrom 6/22/2023 through 6/26/2023\nContact hours: 1.25\n"
            "Date of issue: 6/27/2023\nRegister by: 5/25/2023\nRegistration deadline: 6/1/2023\nProgram Manager\n")
    assert _type(text) is DocType.COMPLETION_CERTIFICATE


def test_a_venue_named_conference_center_is_no_conference() -> None:
    text = ("Dear Jose Lindqvist,\nI am writing to confirm that Jose Lindqvist participated in \u2018Designing "
            "Pollinator Habitat on Working Lands\u2019, a field course we offered at the Lakeview Hotel and "
            "Conference Center on 11th Jan 2023.\nThe field course comprised 3.5 hrs of instruction.\n")
    assert _type(text) is DocType.COMPLETION_CERTIFICATE


@pytest.mark.parametrize("text", [
    pytest.param("Registration confirmed\nThank you for registering.\nParticipant: Jane Doe\n"
                 "Course title: Wetland Delineation\nDate: 12 May 2025\nCE credits: 6 contact hours\n"
                 "Confirmation number: 88213\nAmount paid: $150.00\n", id="registration-record"),
    pytest.param("Upcoming workshop: Prairie Seed Collection\nJoin us on 12 May 2025. Participants who complete "
                 "the workshop will earn 6 CE hours.\nRegister by 1 May 2025. Seats are limited.\n",
                 id="announcement-future-completion"),
    pytest.param("Dear Dr. Osei,\nThank you for delivering a fruitful session on Fire as a Restoration Tool for "
                 "the participants of the National Riparian Conference on 14 June 2024.\nThe feedback from "
                 "participants has been extremely positive, and we look forward to welcoming you at future "
                 "events.\n", id="thanks-to-a-speaker"),
])
def test_not_evidence_stays_unknown(text: str) -> None:
    assert _type(text) is DocType.UNKNOWN
