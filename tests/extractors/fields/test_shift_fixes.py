"""Generic extraction fixes for layouts and wordings not seen in training (issue 4)."""

import pytest

from cecintake.domain.vocab import DocType
from cecintake.extractors.api import ExtractionContext
from cecintake.extractors.fields import extract_evidence
from cecintake.extractors.fields.layout import Layout, pairs
from cecintake.extractors.fields.people import expected_name_windows
from cecintake.domain.vocab import FieldName as F

from .helpers import doc_from_text


def test_roster_match_stops_at_the_end_of_its_line():
    text = "Prairie Lands University Press\nMarch 28th, 2025\nMensah, Sofia\nTo whom it may concern:\n"
    (w,) = expected_name_windows(text, "Sofía E. Mensah Jr.")  # middle initial and suffix only on the roster
    assert w.name == "Mensah, Sofia"


def test_roster_match_does_not_take_the_next_memo_label():
    memo = ("Journal of Applied Restoration Science\nTO: WALSH, DANA FROM: Ruth Schafer, Editor\n"
            "DATE: May 23, 2024\nRE: Your manuscript\n")
    assert [w.name for w in expected_name_windows(memo, "Dana Walsh")] == ["WALSH, DANA"]


def test_sentence_wrapped_over_a_colon_is_not_a_label_value_pair():
    text = ("Society for Ecological Restoration\nSept. 18, 2022\nDear Olivia Muller,\n"
            "The Society for Ecological Restoration thanks Olivia Muller for serving as lead\n"
            "organizer of Webinar Series: Restoration in Practice, Sept. 2-3, 2022.\nSincerely,\n")
    labels = [p.label for p in pairs(Layout(doc_from_text(text)))]
    assert not any(lab.startswith("organizer of") for lab in labels)
    ev = extract_evidence(doc_from_text(text), context=ExtractionContext(expected_name="Olivia Muller"))
    assert ev.value(F.PROVIDER) == "Society for Ecological Restoration"


def test_a_lower_case_label_after_a_finished_line_is_still_a_pair():
    text = "Certificate of Completion\nprovider: Prairie Sky Field School\n"
    assert [(p.label, p.value) for p in pairs(Layout(doc_from_text(text)))][-1] == \
        ("provider", "Prairie Sky Field School")


def test_postal_address_is_a_weak_hint_for_an_ambiguous_numeric_date():
    from cecintake.extractors.text.dates import address_dayfirst

    assert address_dayfirst("PO Box 771, Reno, NV 89502") is False
    assert address_dayfirst("3 Birch Close, Inverness IV2 3AB, United Kingdom") is True
    assert address_dayfirst("41 Kingfisher St, Brisbane QLD 4000") is True
    assert address_dayfirst("no address here") is None
    cert = ("Cape Floral Kingdom Institute\n9 Protea Road, Stellenbosch 7600, South Africa\n"
            "Certificate of Completion\nThis is to certify that\nPriya Adeyemi\nhas completed\n"
            "Fynbos Restoration\n01/03/24\nDuration: 6 hours\n")
    ev = extract_evidence(doc_from_text(cert), context=ExtractionContext(expected_name="Priya Adeyemi"))
    assert ev.value(F.START_DATE) == "2024-03-01"  # 1 March: the address writes day first
    assert ev.fields[F.START_DATE].confidence < 0.9  # a guess, never auto-accepted


@pytest.mark.parametrize(("text", "want"), [
    ("Riparian Futures Institute\nCertificate of Attendance\nThis certifies that\nIngrid Chaudhry\n"
     "attended the 2025 Western Regional Restoration Forum, held in Charleston, SC, March 14-17, 2025,\n"
     "and participated in 0.45 CEUs of conference sessions.\n", DocType.CONFERENCE_ATTENDANCE),
    ("Instituto de Restauracion Ecologica\nPublications Department\n10/20/2020\nTo whom it may concern:\n"
     "We are pleased to confirm that the fact sheet \u201cGenetic provenance of planting stock\u201d was published\n"
     "by Instituto de Restauracion Ecologica on 10/20/2020.\nYours sincerely,\n", DocType.PUBLICATION_ACCEPTANCE),
    ("Tallgrass Restoration Network\nOct. 21, 2019\nDear Colleague,\nThank you for your time and energy! Our "
     "records show you gave sixty-four (64)\nhours to Tallgrass Restoration Network (July 12 - October 18, 2019).\n"
     "Sincerely,\n", DocType.VOLUNTEER_LETTER),
    ("Society for Ecological Restoration\nJune 30, 2025\nTo whom it may concern:\nI am pleased to confirm that "
     "Diego Zielinski organized the following three events for the Society:\n- Native Seed Swap, May 13-14, 2025\n"
     "- Fall Volunteer Planting Day, June 13-14, 2025\nKind regards,\n", DocType.SERVICE_LETTER),
])
def test_general_cues_of_each_kind_of_evidence(text, want):
    assert extract_evidence(doc_from_text(text), context=ExtractionContext()).doc_type is want


@pytest.mark.parametrize("printed", ["Zielinski, Marcus", "Elena Martinez", "Janet Octavia Decker"])
def test_a_name_that_starts_like_a_month_is_kept_whole(printed):
    from cecintake.extractors.fields.people import clean_name

    assert clean_name(printed) == printed
    assert clean_name("MOLINA, JOEL JR. Aug") == "MOLINA, JOEL JR."  # a real month after the name still goes


@pytest.mark.parametrize(("text", "roster", "printed"), [
    ("Certificate of Attendance\nThis certifies that\nJonah van der Berg\nattended the 2023 Annual Meeting,\n",
     "Jonah Anne van der Berg", "Jonah van der Berg"),
    ("Certificate of Completion\nThis is to certify that\nvan der Berg, Sofia P.\nhas successfully completed\n"
     "Soil Health\n", "Sofia P. van der Berg", "van der Berg, Sofia P"),
    ("Journal of Restoration\nJune 21, 2024\nMateo van der Berg\nDear Mateo van der Berg,\nThank you for "
     "submitting your manuscript.\n", "Mateo van der Berg", "Mateo van der Berg"),
])
def test_names_with_particles_are_found_whole(text, roster, printed):
    ev = extract_evidence(doc_from_text(text), context=ExtractionContext(expected_name=roster))
    assert ev.value(F.PARTICIPANT_NAME) == printed


def test_a_lead_name_ends_at_its_line():
    from cecintake.extractors.fields.people import participant_candidates

    (c,) = [c for c in participant_candidates("Dear Mateo van der Berg,\nThank you for your paper.")
            if c.method == "salutation"]
    assert c.name == "Mateo van der Berg"


def test_one_word_course_label_in_a_label_column_names_the_activity():
    from cecintake.domain import Page, ReadDocument, Word
    from cecintake.domain.vocab import MediaType, TextSource

    rows = [("Ozark Native Plant College",), ("Continuing Education Certificate",),
            ("Awarded", "to Prof. Marcus L. Chaudhry"), ("Course", "Oak Savanna Management"),
            ("Date(s) of event", "31 January 2025"), ("Length", "7.5 hours")]
    words = []
    for i, row in enumerate(rows):
        top = 72.0 + i * 18
        for col, cell in enumerate(row):
            x = 72.0 + col * 160
            for tok in cell.split():
                words.append(Word(tok, (x, top, x + len(tok) * 5.5, top + 11), 1.0, i))
                x += len(tok) * 5.5 + 3.3
    doc = ReadDocument(MediaType.PDF, (Page(1, 612.0, 792.0, TextSource.TEXT_LAYER, tuple(words), None),))
    ev = extract_evidence(doc, context=ExtractionContext(expected_name="Marcus Chaudhry"))
    assert ev.value(F.ACTIVITY_TITLE) == "Oak Savanna Management"


def test_course_colon_label_names_the_activity():
    text = ("Ozark Native Plant College\nCertificate of Completion\nParticipant: Fatima Mensah\n"
            "Course: Wetland Delineation Refresher\nDate(s) of event: 13 July 2023\nLength: 6.5 hours\n")
    ev = extract_evidence(doc_from_text(text), context=ExtractionContext(expected_name="Fatima Mensah"))
    assert ev.value(F.ACTIVITY_TITLE) == "Wetland Delineation Refresher"


def test_hours_with_a_qualifier_wrapped_before_the_unit():
    text = ("Highland Ecology Services Ltd\n19 September 2025\nDear Beatriz Dubois,\nWe confirm that Beatriz Dubois "
            "attended Wetland Delineation Refresher, a course offered\nby Highland Ecology Services Ltd, on 26 August "
            "2025. The course provided 14 contact\nhours of instruction.\nSincerely,\n")
    ev = extract_evidence(doc_from_text(text), context=ExtractionContext(expected_name="Beatriz Dubois"))
    assert ev.value(F.CONTACT_HOURS) == 14


def test_phrases_wrapped_across_lines_are_read():
    from cecintake.extractors.fields.misc import find_grade, find_publication

    assert find_grade("completed NRM 3020 (Spring 2024) with a final\ngrade of Pass, comprising").value == "Pass"
    assert find_publication("Thank you. It is currently under\nreview; we expect a decision.")[1].value == "under_review"


def test_a_course_code_before_a_dash_is_not_the_title():
    text = ("University of Northern Prairies\nContinuing Education Record\nName: Joaquin Moreau\n"
            "Course: GEOG 5200 \u2013 GIS for Natural Resources\nTerm: Summer 2024\nFinal grade: B+\n")
    ev = extract_evidence(doc_from_text(text), context=ExtractionContext(expected_name="Joaquin Moreau"))
    assert ev.value(F.ACTIVITY_TITLE) == "GIS for Natural Resources"


@pytest.mark.parametrize(("sentence", "task"), [
    ("Ana volunteered 40 hours with us, removing invasive broom from the dune reserve, between May and June 2024.",
     "removing invasive broom from the dune reserve"),
    ("Her duties included collecting seed from remnant prairies and cleaning it for storage.",
     "collecting seed from remnant prairies and cleaning it for storage"),
    ("We are grateful for the 20 hours you spent propagating native plants in our nursery.",
     "propagating native plants in our nursery"),
])
def test_task_described_in_general_wording(sentence, task):
    from cecintake.extractors.fields.misc import find_task

    f = find_task(sentence, sentence)
    assert f is not None and f.value == task and f.confidence < 0.9


def test_events_counted_from_the_list_when_no_number_is_stated():
    from cecintake.extractors.fields.misc import count_events

    text = "I confirm that Kai Lee organized these events for the chapter:\n- Seed Swap, May 13, 2025\n" \
           "- Planting Day, June 13-14, 2025\n- Photo Exhibit, July 2, 2025\nKind regards,"
    assert count_events(text.replace("\n", " "), text).value == 3


@pytest.mark.parametrize(("text", "hours"), [
    ("In all, Sofia contributed 14\n1/2 hours of service.", 14.5),
    ("thank you for the thirty-six (36)\nhours you spent", 36),
    ("In all, Kwame contributed 14 1/2\nhours of service.", 14.5),
    ("Elena contributed 5\nhrs of service.", 5),
    ("She volunteered 7 and a half hours with us.", 7.5),
])
def test_volunteer_hours_wrapped_or_in_words(text, hours):
    from cecintake.extractors.fields.hours import find_volunteer_hours

    assert find_volunteer_hours(text).value == hours


def test_a_year_before_a_line_break_is_not_a_count_of_hours():
    from cecintake.extractors.fields.hours import join_wrapped_hours

    assert join_wrapped_hours("held in June 2025\nhours: 6") == "held in June 2025\nhours: 6"


def test_service_years_not_read_from_a_date_before_a_line_break():
    from cecintake.extractors.fields.misc import find_service

    svc = find_service("Term: 2025-01-01 through 2026-12-31\nYears of service: 2 years\n", "SER Europe")
    assert svc["years"].value == 2


@pytest.mark.parametrize(("sentence", "role"), [
    ("I confirm that Emile Ibanez was a member of the Education Committee of SER Europe. Signed, Board Secretary",
     "committee_member"),
    ("Ana Ruiz held a seat on the Board of Directors from 2022 to 2024. Education Committee Chair", "board_member"),
])
def test_service_role_from_what_the_person_sat_on(sentence, role):
    from cecintake.extractors.fields.misc import find_service

    assert find_service(sentence, "SER Europe")["role"].value == role


def test_signer_roles_beyond_directors_and_managers():
    from cecintake.extractors.fields.people import find_signer_role

    for role in ("Site Steward", "Chief Executive", "Volunteer Program Lead", "Community Engagement Officer"):
        assert find_signer_role(f"Sincerely,\nGrace O'Brien\n{role}")[0] == role


def test_task_ends_where_its_dates_begin():
    from cecintake.extractors.fields.misc import find_task

    s = ("Renee Ibanez volunteered 30 hours with Restoration Works Academy between Dec. 23, 2023 - Feb. 12, 2024, "
         "recording water temperature at stream monitoring sites.")
    assert find_task(s, s).value == "recording water temperature at stream monitoring sites"
    s = "Thank you for the 18 hrs you spent clearing trash from the creek corridor during July 10 - August 26, 2023."
    assert find_task(s, s).value == "clearing trash from the creek corridor"


@pytest.mark.parametrize(("text", "want"), [
    ("Training Centre\nMay 2, 2024\nDear Grace Dubois,\nGrace Dubois taught 16 hrs of our course Native Pollinator "
     "Habitat Establishment, delivered as a live\nwebinar on 08/09/2023.\nWe thank Grace for sharing their expertise.\n",
     DocType.INSTRUCTION_LETTER),
    ("Wetland Science Quarterly\nMay 2, 2024\nDear author, we write about the research article \u201cRestoring Tidal "
     "Marshes\u201d by Wei Cruz. It will not be published.\n", DocType.PUBLICATION_ACCEPTANCE),
    ("Upcoming Course\nErosion Control Field Methods\n11/29/2024 through 11/30/2024 - 2 CE hours\n"
     "Registration closes two weeks before the start.\n", DocType.UNKNOWN),
])
def test_general_teaching_publishing_and_announcement_wording(text, want):
    assert extract_evidence(doc_from_text(text), context=ExtractionContext()).doc_type is want


def test_teaching_letter_fields_in_other_words():
    text = ("Wildland Skills Exchange\n08/24/2023\nTo whom it may concern:\nGrace Dubois taught 2.5 hours of our course "
            "Native Pollinator Habitat Establishment, delivered as a live\nwebinar on 08/09/2023.\n"
            "We thank Grace for sharing their expertise with Wildland Skills Exchange participants.\n")
    ev = extract_evidence(doc_from_text(text), context=ExtractionContext(expected_name="Grace Dubois"))
    assert ev.value(F.ACTIVITY_TITLE) == "Native Pollinator Habitat Establishment"
    assert ev.value(F.DELIVERY_MODE) == "online"
    assert ev.value(F.CONTACT_HOURS) == 2.5


def test_provider_ends_before_how_the_course_was_given():
    from cecintake.extractors.fields.providers import _BY_ORG

    m = _BY_ORG.search("a course offered by River Partners online (May 3, 2024).")
    assert m.group("o") == "River Partners"
    m = _BY_ORG.search("a course offered by Verdant Roots Learning as a live webinar.")
    assert m.group("o") == "Verdant Roots Learning"


def test_name_ends_at_a_sentence_but_not_at_an_initial():
    from cecintake.extractors.fields.people import clean_name, participant_candidates

    assert clean_name("Peter O'Brien. It") == "Peter O'Brien"
    (c,) = participant_candidates("the records of X show that Mr. Aisha T.\nMoreau (student ID 1) was enrolled")
    assert c.name == "Aisha T. Moreau"


@pytest.mark.parametrize(("sentence", "status"), [
    ("Your book chapter has been received and logged.", "submitted"),
    ("The monograph will not be published by our press.", "rejected"),
])
def test_publication_status_in_other_words(sentence, status):
    from cecintake.extractors.fields.misc import find_publication

    assert find_publication(sentence)[1].value == status


def test_conference_name_wrapped_in_a_sentence_and_not_its_dates():
    text = ("Riparian Futures Institute\nFebruary 28th, 2025\nDear Colleague,\nWe are pleased to confirm that Zoe Patel "
            "was registered for and attended the 2023 Coastal Resilience\nSummit, which took place in Tucson, AZ on "
            "February 14-15, 2023.\nAttendance at scientific sessions totalled 15 hrs.\n")
    ev = extract_evidence(doc_from_text(text), context=ExtractionContext(expected_name="Zoe Patel"))
    assert ev.doc_type is DocType.CONFERENCE_ATTENDANCE
    assert ev.value(F.ACTIVITY_TITLE) == "2023 Coastal Resilience Summit"
    cert = ("Riparian Futures Institute\nDelegate Certificate\n2025 World Conference on Ecological Restoration\n"
            "September 19-21, 2025 - Madrid\nDelegate: Zoe Patel\nSessions attended: 12 hours\n")
    ev = extract_evidence(doc_from_text(cert), context=ExtractionContext(expected_name="Zoe Patel"))
    assert ev.value(F.ACTIVITY_TITLE) == "2025 World Conference on Ecological Restoration"


def test_prose_joined_keeps_headings_and_labels():
    from cecintake.extractors.fields.common import prose_joined

    text = "2025 World Conference on Ecological Restoration\nSeptember 19\nthat she attended the 2023 Coastal\nSummit"
    assert prose_joined(text) == ("2025 World Conference on Ecological Restoration\nSeptember 19\n"
                                  "that she attended the 2023 Coastal Summit")


@pytest.mark.parametrize(("sentence", "grade"), [
    ("Rafael Pena completed FOR 4470 (3 credits) and was awarded the grade A.", "A"),
    ("The course carried 4 credits (60 hrs in class); final result: A-.", "A-"),
    ("Student Kai Lee\nResult B+\n", "B+"),
])
def test_grade_in_other_words(sentence, grade):
    from cecintake.extractors.fields.misc import find_grade

    assert find_grade(sentence).value == grade


def test_title_after_took_but_not_took_place():
    text = ("Cascadia State University\nUnofficial Transcript\nThis statement confirms that Tariq De la Cruz took GIS for "
            "Natural Resources (GEOG 5200) with us between\nNovember 20, 2024 through March 2, 2025. The course carried "
            "4 credits (60 hrs in class); final result: A-.\n")
    ev = extract_evidence(doc_from_text(text), context=ExtractionContext(expected_name="Tariq De la Cruz"))
    assert ev.value(F.ACTIVITY_TITLE) == "GIS for Natural Resources"


def test_letterhead_wrapped_before_its_unit():
    text = "SOCIETY FOR ECOLOGICAL RESTORATION, MIDWEST-GREAT LAKES\nCHAPTER\nCertificate of Volunteer Service\n"
    ev = extract_evidence(doc_from_text(text), context=ExtractionContext())
    assert ev.value(F.PROVIDER) == "SOCIETY FOR ECOLOGICAL RESTORATION, MIDWEST-GREAT LAKES CHAPTER"


def test_service_years_after_a_year_that_ends_the_line_above():
    from cecintake.extractors.fields.misc import find_service

    svc = find_service("Term: Jul 2024 to June 2027\nYears of service: three years\n", "SER Australasia")
    assert svc["years"].value == 3


@pytest.mark.parametrize(("text", "title"), [
    ("CAPE FLORAL KINGDOM INSTITUTE\nCERTIFICATE\nGrace Johansson\nhas fulfilled the requirements of Post-Fire "
     "Watershed Stabilization\n14/02/2023 | 7 PDH\nSeal of the organization\n", "Post-Fire Watershed Stabilization"),
    ("Canadian Land Reclamation Collective\nCertificate of Completion\nCanadian Land Reclamation Collective certifies "
     "that\nWei Cruz\ncompleted four and three-quarters (4.75) hours of training in Native Seed Production Basics on "
     "17/02/2025.\n", "Native Seed Production Basics"),
    ("Skills Centre\nContinuing Education Credit\nAwarded to: Leila Dubois\nIn recognition of completing: Controlling "
     "Woody Invasives\nCourse dates: 10/03/23\nCredit: 2h 20m\n", "Controlling Woody Invasives"),
])
def test_completion_certificates_in_other_words(text, title):
    ev = extract_evidence(doc_from_text(text), context=ExtractionContext())
    assert ev.doc_type is DocType.COMPLETION_CERTIFICATE
    assert ev.value(F.ACTIVITY_TITLE) == title


def test_signatures_side_by_side_are_not_a_title():
    from cecintake.extractors.fields.titles import _ROLE

    assert _ROLE.search("Lead Instructor") and _ROLE.search("Course Leader")


@pytest.mark.parametrize("text", [
    "Volunteers needed!\nHelp River Partners with clearing trash from the creek corridor on May 3, 2025. Shifts of "
    "3 hours; gloves and tools provided. Sign up with our volunteer coordinator.\n",
    "Course catalogue\nCourse: Urban Forest Restoration\nNext offering: May 3-4, 2025\nContact hours: 6\nFee: $250\n",
    "This is a reminder that Urban Forest Restoration starts on May 3, 2025. Please bring a packed lunch and sturdy "
    "boots; the day runs for 6 hours. We look forward to welcoming you.\n",
])
def test_calls_catalogues_and_reminders_are_not_evidence(text):
    assert extract_evidence(doc_from_text(text), context=ExtractionContext()).doc_type is DocType.UNKNOWN


def test_headings_wrapped_onto_a_second_line():
    text = ("River Partners\nAttendance Verification\n2023 World Conference on Ecological\nRestoration\n"
            "May 16, 2025 - Portland, OR\nDelegate: Beatriz Cruz\nSessions attended: 18 hours\n")
    ev = extract_evidence(doc_from_text(text, big_lines=frozenset({2, 3})), context=ExtractionContext())
    assert ev.value(F.ACTIVITY_TITLE) == "2023 World Conference on Ecological Restoration"
    text = ("GreenShift Training\nProgramme: Designing Monitoring Plans for Restoration\nProjects\n"
            "03/02/2023 - 04/02/2023\nDay 1\n8:00 am to 9:00 am Soil biota\n9:00 am to 10:00 am Seed zones\n"
            "10:00 am to 10:15 am Break\n10:15 am to 11:30 am Lab: Pollinators\n")
    ev = extract_evidence(doc_from_text(text), context=ExtractionContext())
    assert ev.value(F.ACTIVITY_TITLE) == "Designing Monitoring Plans for Restoration Projects"


def test_academic_record_and_delegate_wording():
    rec = ("Universidad Tecnica del Sur\nStatement of Academic Record\nMateo O'Brien successfully completed SOIL 4150 "
           "Soil Reclamation (4 credits, 60 hours of instruction), 2023-07-21 - 2023-10-31,\nand was awarded the grade "
           "Pass.\nUniversity Registrar\n")
    assert extract_evidence(doc_from_text(rec), context=ExtractionContext()).doc_type is DocType.COLLEGE_TRANSCRIPT
    conf = ("River Partners\nDelegate Certificate\n2024 Coastal Resilience Summit\nMay 3-5, 2024 - Online\n"
            "Kai Lee took part in the conference programme, earning 12 hours of continuing education credit.\n")
    assert extract_evidence(doc_from_text(conf), context=ExtractionContext()).doc_type is DocType.CONFERENCE_ATTENDANCE
