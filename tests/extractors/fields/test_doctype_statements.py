"""Document type from what the document states (issue 4, generalisation): a record of credit or a
past-tense statement of completion is evidence of completion whatever its title; announcements,
registrations and thanks stay ``unknown``. Each case is worded as a real form or letter prints it."""

from __future__ import annotations

import pytest

from cecintake.domain.vocab import DocType
from cecintake.extractors.fields.doctype import classify, score
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


# Continuing-education transcripts (a provider's or a CE tracking system's record of CE credit) against
# academic transcripts: the word "transcript" and a registrar are common to both; a grade, a term or semester,
# a student and a course code are an academic record's, contact or clock hours, a participant and a provider a
# CE record's.
@pytest.mark.parametrize("text", [
    pytest.param("River Partners\n580 Vallombrosa Ave\nChico, CA 95926\nContinuing Education Transcript\n"
                 "Participant Course title Provider\nZoe Chaudhry Dune Stabilization with Native Plants River Partners\n"
                 "Course dates\nMarch 29, 2024\nClock hours: 4\nKeep this record for 3 years.\nOlivia J. Brennan\n"
                 "Registrar\n", id="provider-transcript-header-row"),
    pytest.param("GreenShift Training Pty Ltd\n41 Kingfisher St, Brisbane QLD 4000, Australia\n"
                 "Continuing Education Transcript\nParticipant: Diego A. Muller\nCourse title: Introduction to "
                 "Restoration Monitoring\nProvider: GreenShift Training Pty Ltd\nDate(s) of activity: 15 Aug 2025\n"
                 "This program provided 1 1/2 hours of continuing education.\nYuki Muller\nRegistrar\n",
                 id="postcode-is-no-course-code"),
    pytest.param("CE Transcript\nLearner: Ana Ruiz\nProvider: Wetland Training Institute (approved provider)\n"
                 "Course Date Contact hours\nWetland Delineation 03/12/2024 6.0\nHydric Soils 04/02/2024 3.5\n"
                 "Total contact hours: 9.5\nIssued by the CE Registrar\n", id="tracking-system-several-courses"),
    pytest.param("LOWCOUNTRY CONSERVATION CORPS\n50 Marsh Road\nCharleston, SC 29407\nContinuing Education "
                 "Verification\nName of participantMOREAU, PETER\nWorkshop title Post-Wildfire Revegetation\n"
                 "Training provider Lowcountry Conservation Corps\nDate of activity 2024-12-20\n"
                 "Contact hours 10 hours\nPedro Oyelaran\nTraining Coordinator\n", id="ce-verification-run-on-label"),
])
def test_a_continuing_education_transcript_is_a_record_of_completion(text: str) -> None:
    assert _type(text) is DocType.COMPLETION_CERTIFICATE


@pytest.mark.parametrize("text", [
    pytest.param("Lakeland University\nOffice of the Registrar\nGrade Report \u2013 Continuing Education\n"
                 "Student Maria Lopez\nStudent ID 12345678\nTerm Fall 2024 (Sep 3 \u2013 Dec 13, 2024)\n"
                 "Course Title Credits Contact hours Grade\nENVS 4410 Restoration Ecology 3.0 45 A-\n",
                 id="university-ce-grade-report"),
    pytest.param("Unofficial Transcript\nStudent: Maria Lopez\nCourse: BIOL 5350 Wetland Ecology and Management\n"
                 "Session: January 8 \u2013 April 19, 2024\nInstructional hours: 45\nResult: B+\n"
                 "University Registrar\n", id="unofficial-transcript"),
    pytest.param("Prairie State College\nContinuing Education Transcript\nParticipant: Maria Lopez\n"
                 "Semester: Spring 2024\nCourse: Soil Reclamation\nSemester credits: 3\nContact hours: 45\n"
                 "Registrar\n", id="ce-titled-with-semester-credits"),
])
def test_an_academic_transcript_stays_a_college_transcript(text: str) -> None:
    assert _type(text) is DocType.COLLEGE_TRANSCRIPT


def test_a_letter_naming_a_university_is_no_ce_transcript() -> None:
    """Only a document that calls itself a transcript or record (or a registrar's) is read as a CE record:
    an instructor's affiliation in a letter keeps its (small) weight as an academic cue."""
    text = ("Tallgrass Restoration Network\nRE: Instruction of Peatland Rewetting Techniques\nInstructor: Jose "
            "Johansson\nAffiliation: Cascadia State University\nTraining: Peatland Rewetting Techniques\n"
            "Date(s): December 14\u201315, 2023\nHours of instruction: 0.25 CEUs\nSER approval code: "
            "SER-PA-2023-0350\nProgram Director\n")
    scores = score(analyse(text.replace("\n", " ")), has_hours=True, text=text)
    assert scores[DocType.COLLEGE_TRANSCRIPT] == 0.5


# Statements of attendance in general letter language (issue 4): someone welcomed to, joined us for, was with us
# for, took part in an activity, or a confirmation of their attendance; only in the past and as a participant.
@pytest.mark.parametrize("text", [
    pytest.param("Dear Mr. Jean-Luc van der Berg,\nWe were pleased to welcome Mr. Jean-Luc van der Berg to our training, "
                 "'Post-Wildfire Revegetation: Seed Mixes, Mulch and Monitoring', organised by Fundaci\u00f3n Bosques "
                 "del Sur and hosted at the Eastern Shore Botanical Garden on 2024-06-11 - 2024-06-12.\nThe programme "
                 "comprised 8.5 hours of instruction. With thanks to our sponsor.\nEducation Director\n",
                 id="were-pleased-to-welcome-x-to-our-training"),
    pytest.param("Dear Dana L. Lindqvist,\nIt was a pleasure to welcome Dana L. Lindqvist to our course 'Restoration "
                 "Planning with Reference Sites' on Oct. 17\u201319, 2022.\nThe programme comprised 8 hrs of "
                 "instruction.\n", id="a-pleasure-to-welcome-initials"),
    pytest.param("Dear Sofia,\nSofia Patel joined us for the three-day field course 'Wetland Plants' on 3-5 June 2024, a "
                 "total of 18 contact hours.\n", id="joined-us-for"),
    pytest.param("Sofia Patel was with us for our webinar series 'Soil Carbon' in March 2024 (6 hours).\n",
                 id="was-with-us-for"),
    pytest.param("Volunteer Services \u2013 Prairie Restoration Guild\nJuly 28, 2024\nDear Ruth E. Tanaka,\nAt the "
                 "request of Ruth E. Tanaka, we confirm attendance at our workshop \"Managing Volunteers on Restoration "
                 "Projects\", held at the Jameson Hall, Lakeland College on June 20, 2024.\nThe workshop provided 15.5 "
                 "hours of instruction.\nDirector of Programs\n", id="confirm-attendance-under-a-volunteer-letterhead"),
    pytest.param("CERTIFICATE\nThis is to certify that\nHaddad, Kai\nattended the\nPost-Wildfire Revegetation: Seed "
                 "Mixes, Mulch and Monitoring\nheld 20th Mar 2025\n9 hours of instruction\nTaught by Grace Osei of Bay "
                 "Area Conservancy.\nEducation Director\n", id="attended-a-colon-title-taught-by-someone"),
])
def test_statements_of_attendance_in_letter_language(text: str) -> None:
    assert _type(text) is DocType.COMPLETION_CERTIFICATE


@pytest.mark.parametrize("text", [
    pytest.param("Dear Ms. Patel,\nWe are pleased to welcome you to our workshop 'Prairie Seed Collection' on 12 May "
                 "2025. The workshop comprises 6 hours of instruction. Please arrive at 8:30.\n",
                 id="registration-welcome-in-the-present"),
    pytest.param("Dear Ms. Patel,\nWe look forward to welcoming you to our course 'Prairie Seed Collection' on 12 May "
                 "2025 (6 contact hours).\n", id="look-forward-to-welcoming"),
    pytest.param("Dear Ms. Patel,\nPlease confirm attendance at our workshop 'Prairie Seed Collection' on 12 May 2025 "
                 "(6 contact hours).\n", id="please-confirm-attendance"),
    pytest.param("This letter confirms the participation of Sofia Patel in the upcoming course 'Prairie Seed "
                 "Collection' on 12 May 2025 (6 contact hours).\n", id="participation-in-an-upcoming-course"),
    pytest.param("Dear Dr. Osei,\nWe were pleased to welcome you to our workshop 'Fire as a Restoration Tool' as guest "
                 "speaker on 14 June 2024. Thank you for speaking.\n", id="welcomed-as-a-speaker"),
    pytest.param("Dear Ruth,\nRuth Tanaka joined us for our spring planting program in 2024, volunteering 40 hours to "
                 "restore the prairie. Thank you for your time.\n", id="joined-us-volunteering"),
])
def test_welcomes_and_confirmations_before_the_event_or_to_a_speaker_are_no_completion(text: str) -> None:
    assert _type(text) is not DocType.COMPLETION_CERTIFICATE


def test_a_department_letterhead_does_not_type_the_letter() -> None:
    """'Volunteer Services' heading the letter says which office writes, not what the letter states; a volunteer
    letter's own wording still makes it one."""
    head = "Volunteer Services \u2013 Prairie Restoration Guild\n"
    scores = score(analyse(head.replace("\n", " ")), has_hours=False, text=head)
    assert scores[DocType.VOLUNTEER_LETTER] == 0.0
    text = head + ("Dear Ruth,\nThank you for the 40 hours you volunteered at our seed nursery in 2024. Your volunteer "
                   "service helped us grow 3,000 plants.\n")
    assert _type(text) is DocType.VOLUNTEER_LETTER


# A certificate of attendance or participation at a conference, annual meeting or summit records conference
# attendance (issue 4: providers_event); one for a workshop held at a conference stays a completion.
@pytest.mark.parametrize("text", [
    pytest.param("Certificate of Participation\nThis certifies that\nMx. \u00c9mile Chaudhry\nattended the\n2025 SER "
                 "Midwest-Great Lakes Chapter Conference\n2025-02-28 to 2025-03-02 \u2022 Duluth, MN\nContact hours: "
                 "5 hours\nAnika Sorensen\nPresident\n", id="attended-a-chapter-conference"),
    pytest.param("Certificate of Attendance\nPresented to\nJonah Garc\u00eda\nparticipated in the\n2023 Gulf Coast Marsh "
                 "Alliance Restoration Summit\n12/29/2023 to 12/30/2023\nContact hours: 11.5 hours\nConference Chair\n",
                 id="participated-in-a-summit-named-at-length"),
    pytest.param("Certificate of Participation\nThis is to certify that\nIb\u00e1\u00f1ez, Hannah\nattended the\n2022 "
                 "Native Plant Society of Oregon Annual Meeting\nJuly 8, 2022\nContact hours: 6.5 hours\nPresident\n",
                 id="attended-an-annual-meeting"),
])
def test_a_certificate_of_attendance_at_a_conference_is_conference_attendance(text: str) -> None:
    assert _type(text) is DocType.CONFERENCE_ATTENDANCE


def test_a_workshop_at_a_conference_stays_a_completion() -> None:
    text = ("Certificate of Attendance\nThis certifies that\nJonah Garcia\nattended the pre-conference workshop Seed "
            "Mixes\nat the 2023 Annual Conference, 12/29/2023\nContact hours: 3 hours\n")
    assert _type(text) is DocType.COMPLETION_CERTIFICATE


def test_a_record_of_fields_separated_by_bars_is_a_record_of_credit() -> None:
    """A form printing its fields on a run of ' | '-separated labels ('Name of participant: ... | Name of course:
    ...') is a record of credit as one printing them a line each."""
    text = ("Murray-Darling Landcare Association\n18 River Street\nAlbury NSW 2640, Australia\nRECORD OF ATTENDANCE\n"
            "Name of participant: Fern\u00e1ndez-Ruiz, Dana | Name of course:\nManaging Volunteers on Restoration "
            "Projects | CE approval:\nInternational Erosion Control Association | Lead instructor: Hana\nVarga | "
            "Date(s): the 9th\nof May, 2025 to the 10th of May, 2025 | Total hours: 13.5 hrs\nHana Varga\n"
            "Course Instructor\n")
    assert _type(text) is DocType.COMPLETION_CERTIFICATE


def test_a_registration_with_fields_separated_by_bars_stays_unknown() -> None:
    text = ("Registration confirmed | Thank you for registering.\nParticipant: Jane Doe | Course: Wetland Delineation | "
            "Date: 12 May 2025 | CE credits: 6 contact hours | Confirmation number: 88213 | Amount paid: $150.00\n")
    assert _type(text) is DocType.UNKNOWN


def test_a_memo_to_the_person_its_instructor_label_names_is_an_instruction_letter() -> None:
    text = ("Society for Ecological Restoration Europe\nTO: Andres R. Thompson Sr.\nFROM: Sof\u00eda J. Johansson, Training "
            "Manager\nDATE: 17 March 2025\nRE: Instruction of Wetland Plant Identification Short Course\nDear Andres R. "
            "Thompson Sr.,\nInstructor: Andres R. Thompson Sr.\nAffiliation: U.S. Geological Survey\nTraining: Wetland "
            "Plant Identification Short Course\nDate(s): 13 February 2025\nHours of instruction: 10 hours\n"
            "Delivery: online\nKind regards,\nTraining Manager\n")
    assert _type(text) is DocType.INSTRUCTION_LETTER


def test_a_completion_letter_naming_someone_else_as_instructor_stays_a_completion() -> None:
    text = ("Dear Ana Ruiz,\nWe are pleased to confirm that Ana Ruiz completed our short course \u201cWetland Plant "
            "Identification\u201d on 13 February 2025.\nInstructor: Andres R. Thompson Sr.\nHours of instruction: "
            "10 hours\nTraining Manager\n")
    assert _type(text) is DocType.COMPLETION_CERTIFICATE


@pytest.mark.parametrize("text", [
    pytest.param("March 3, 2024\nDear Dr. Maria Lopez,\nThank you for delivering the keynote address at the 2024 Great "
                 "Lakes Restoration Conference on February 20, 2024. Your talk, Restoring Coastal Wetlands, was the "
                 "highlight of the meeting.\nSincerely,\nJohn Smith\nConference Chair\n", id="keynote-address"),
    pytest.param("March 3, 2024\nDear Dr. Maria Lopez,\nThank you for delivering the plenary address at the Society for "
                 "Ecological Restoration World Conference on February 20, 2024 (1.5 hours).\nSincerely,\nJohn Smith\n"
                 "Program Chair\n", id="plenary-address"),
    pytest.param("May 2, 2025\nDear Mr. Okafor,\nOn behalf of the Society, thank you for serving as our "
                 "invited speaker at the Pacific Northwest Restoration Symposium, April 14, 2025.\nWarm regards,\n"
                 "Ana Ruiz\n", id="invited-speaker"),
])
def test_a_talk_given_at_a_conference_is_no_conference_attendance(text: str) -> None:
    # speaking is not attending (policy category 3), and a conference talk is no instruction of specialised
    # training (category 4): the letter is left to review, as a letter of thanks to a speaker is
    assert _type(text) is DocType.UNKNOWN


def test_a_conference_attended_with_its_keynote_stays_conference_attendance() -> None:
    text = ("Certificate of Attendance\nThis certifies that Maria Lopez attended the 2024 Great Lakes Restoration "
            "Conference, including the keynote address, February 20-22, 2024.\nSessions attended: 12 hours\n")
    assert _type(text) is DocType.CONFERENCE_ATTENDANCE


@pytest.mark.parametrize("text, want", [
    pytest.param("March 3, 2024\nTo whom it may concern:\nThis letter confirms that Maria Lopez attended the 2024 Great "
                 "Lakes Restoration Conference, February 20-22, 2024, and volunteered afterwards at the field day.\n"
                 "Sincerely,\nJohn Smith\n", DocType.CONFERENCE_ATTENDANCE, id="conference"),
    pytest.param("March 3, 2024\nTo whom it may concern:\nThis letter confirms that Maria Lopez attended our workshop "
                 "Native Seed Production Basics on February 20, 2024 (6 contact hours) and volunteered afterwards with "
                 "the planting crew.\nSincerely,\nJohn Smith\n", DocType.COMPLETION_CERTIFICATE, id="workshop"),
])
def test_attended_and_volunteered_afterwards_keeps_the_attendance(text: str, want: DocType) -> None:
    # volunteering in a clause of its own after the attendance ("and volunteered afterwards") does not make the
    # attendance given time; "joined us for our planting program, volunteering 40 hours" still does
    assert _type(text) is want


def _record_of_label_cells(rows: list[tuple[str, str]]):
    from .helpers import doc_from_pieces

    pieces = [(75.0, 56.0, "Record of Attendance")]
    pieces += [p for k, (label, value) in enumerate(rows)
               for p in ((110.0 + 17 * k, 56.0, label), (110.0 + 17 * k, 200.0, value))]
    return doc_from_pieces(pieces + [(300.0, 159.0, "Ines Varga"), (313.0, 137.0, "Training Coordinator")])


def test_a_record_whose_labels_are_cells_without_colons_is_a_record_of_credit() -> None:
    # orgs_form on the form_random layout: "Attendee    Dr. Grace Schafer", "Training    Wetland Delineation ..."
    from cecintake.extractors.api import ExtractionContext
    from cecintake.extractors.fields import extract_evidence

    doc = _record_of_label_cells([
        ("Attendee", "Dr. Grace Schafer"), ("Training", "Wetland Delineation: Field Methods and Practice"),
        ("Instructor", "Ines Varga (Bay Area Conservancy)"), ("CE approval", "Association of State Wetland Managers"),
        ("Sponsoring organization", "Sonoran Desert Restoration Cooperative"), ("Date of activity", "07/04/2025"),
        ("Hours of instruction", "2.75 hrs")])
    ev = extract_evidence(doc, context=ExtractionContext(expected_name="Grace Schafer"))
    assert ev.doc_type is DocType.COMPLETION_CERTIFICATE


def test_label_cells_without_an_activity_label_make_no_record() -> None:
    text = "Registration\nAttendee Dr. Grace Schafer\nVenue Blue Heron Lodge\nDate 07/04/2025\nFee 40\n"
    labels = ["Attendee", "Venue", "Date", "Fee"]
    got = classify(analyse(text.replace("\n", " ")), has_hours=False, text=text, labels=labels)
    assert got.doc_type is DocType.UNKNOWN


def test_an_organizer_of_an_event_named_for_volunteers_is_a_service_letter() -> None:
    # "Fall Volunteer Planting Day" names the event; the letter states event organisation (volunteer 3.0 tied it)
    text = ("Society for Ecological Restoration\nPO Box 771, Reno, NV 89502\n04/13/2025\nDear Liam Lovland,\n"
            "The Society for Ecological Restoration thanks Liam Lovland for serving as lead\norganizer of Fall "
            "Volunteer Planting Day, 12/27/2024 \u2013 12/28/2024 and of 2 further events, listed\nbelow.\n"
            "\u2022 Fall Volunteer Planting Day, 12/27/2024 \u2013 12/28/2024\n"
            "\u2022 Webinar Series: Restoration in Practice, 03/05/2025 - 03/06/2025\n"
            "\u2022 Spring Field Tour, 03/07/2025 - 03/08/2025\nWith best regards,\nOlivia Moreau\nExecutive Director\n")
    assert _type(text) is DocType.SERVICE_LETTER


def test_volunteering_at_an_event_stays_a_volunteer_letter() -> None:
    text = ("Dear Ana,\nThank you for the 24 hours you volunteered with the Prairie Restoration Guild between March "
            "and May 2024, removing invasive broom, and for helping the organizers of our Spring Planting Day.\n"
            "Volunteer Coordinator\n")
    assert _type(text) is DocType.VOLUNTEER_LETTER


def test_a_column_heading_hours_attended_is_no_statement_of_completion() -> None:
    # 'Day    Hours attended' over 'Thursday, March 18, 2021    6.5' read as 'attended Thursday, March ...', a stated
    # completion that outweighed the conference (completion_certificate 0.6)
    text = ("Attendance Verification\n2021 Southeastern Floodplain Restoration Summit\nAttendee Dr. Siobhan Kowalski\n"
            "Conference dates 3/18/2021 - 3/19/2021\nHost organization Kestrel Field School\nDay Hours attended\n"
            "Thursday, March 18, 2021 6.5\nFriday, March 19, 2021 6.5\nTotal 13\nProgram Committee Chair\n")
    assert _type(text) is DocType.CONFERENCE_ATTENDANCE


def test_a_colleges_continuing_education_transcript_with_course_numbers_and_grades_is_a_college_transcript() -> None:
    # policy category 1 (college-level continuing education coursework): a university registrar's record of a course
    # by number with its grade, whatever it calls the credit (it went to completion on its record-of-credit bonus)
    text = ("Blue Ridge State University Form CE-36 (rev. 2019)\nOffice of the Registrar \u00b7 100 Summit Way, Boone, "
            "NC 28608\nContinuing Education Transcript\nLearner: Mr. Jose De la Cruz\n"
            "Course No. Course name Dates CE credits Outcome\nRES 410 Principles of Ecosystem Restoration "
            "Aug. 24, 2024 - Dec. 12, 2024 3 CEU B+\n1.0 CEU = ten contact hours of organized instruction.\n"
            "Delia Marchetti\nDirector, Continuing Studies\n")
    assert _type(text) is DocType.COLLEGE_TRANSCRIPT


@pytest.mark.parametrize("text", [
    pytest.param("Apr. 2, 2025\nSubject: Event organizing on behalf of the chapter\nTo the Certification Program:\n"
                 "Beatriz Smith-Jones was the principal organizer of the chapter's Spring Prairie Burn Demonstration "
                 "(March 13, 2025), handling the venue, speakers and volunteers from start to finish.\nSincerely yours,\n"
                 "Owen Tsosie\nChapter President\ncc: Volunteer Coordinator\nSER Great Basin Chapter\n",
                 id="principal-organizer-of"),
    pytest.param("Subject: Event organizing on behalf of the chapter\nTo the Certification Program:\nEmile MacDonald took "
                 "the lead in organizing the following two chapter events: Restoration Film Evening (June 19, 2025); "
                 "Riverbank Cleanup Day (September 5, 2025).\nCordially,\nOwen Tsosie\nChapter President\ncc: Registrar\n",
                 id="lead-in-organizing-the-following"),
])
def test_letters_of_event_organizing_in_other_words_are_service_letters(text: str) -> None:
    # were volunteer_letter (the 'Volunteer Coordinator' in cc) and unknown (the 'Registrar' in cc)
    assert _type(text) is DocType.SERVICE_LETTER


def test_a_referees_report_in_other_words_is_no_publication_evidence() -> None:
    # a reviewer's assessment of someone else's manuscript, with its recommendation to the editor: not the
    # reviewer's own publication (it went to publication_acceptance on 'manuscript', 'journal', 'peer review')
    text = ("Journal of Upland Restoration\nPeer Review Report\nManuscript: Seed banks after fire in montane meadows\n"
            "Reviewer name: Dana Lefevre\nAssessment of the manuscript: the sampling is sound; the discussion is long.\n"
            "Recommendation to the editor: minor changes\nDate: 3 March 2025\n")
    assert _type(text) is DocType.UNKNOWN
