"""Activity titles in the phrasings of ``fixtures/kinds_orgs``: quoted after a verb of attendance
with the event's kind and length between, wrapped over two lines, corroborated or completed by a
letter's subject line, and a title's last word wrapped onto a line of its own."""

from cecintake.domain.vocab import FieldName as F
from cecintake.extractors.api import ExtractionContext
from cecintake.extractors.fields import extract_evidence

from .helpers import doc_from_text


def _title(text, name, big=frozenset()):
    ev = extract_evidence(doc_from_text(text, big_lines=big), context=ExtractionContext(expected_name=name))
    return ev.fields.get(F.ACTIVITY_TITLE)


def test_quoted_title_after_a_two_day_workshop():
    text = ("Salt Marsh Stewards\n44 Wharf Lane, Beaufort, SC 29902\nMay 3, 2025\nDear Colleague,\n"
            "This letter confirms that Ana Ruiz attended the two-day workshop \u2018Living Shorelines for Coastal\n"
            "Practitioners\u2019 held at the Blue Heron Lodge, Beaufort, SC, on April 3\u20134, 2025.\n"
            "Sincerely,\nRuth Yoon\nEducation Director\n")
    assert _title(text, "Ana Ruiz").value == "Living Shorelines for Coastal Practitioners"


def test_quoted_title_keeps_its_commas():
    text = ("CERTIFICATE\nAwarded to\nRobert Jones\n"
            "has successfully completed the training \"Post-Wildfire Revegetation: Seed Mixes, Mulch and\n"
            "Monitoring\", hosted by Prairie Restoration Guild on 06/14/2023.\n")
    assert _title(text, "Robert Jones").value == "Post-Wildfire Revegetation: Seed Mixes, Mulch and Monitoring"


def test_single_quoted_title_wrapped_after_its_colon():
    text = ("Fundacion Bosques del Sur\nAvenida Costanera 1450, Valdivia, Chile\n15 November 2023\nDear Colleague,\n"
            "I am writing to confirm that Aisha Lovland participated in 'Invasive Plant Management:\n"
            "Strategies That Work', a course we offered at the Eastern Shore Botanical Garden on 6 November 2023.\n"
            "Yours sincerely,\nRuth Yoon\n")
    assert _title(text, "Aisha Lovland").value == "Invasive Plant Management: Strategies That Work"


def test_subject_line_completes_a_title_cut_at_its_comma():
    text = ("Boreal Reclamation Network\n220 Tamarack Way, Fort McMurray, AB T9H 1A1\n"
            "RE: Attendance at Invasive Plant Management: Strategies That Work\nDear Colleague,\n"
            "On behalf of Boreal Reclamation Network, I am pleased to confirm that\n"
            "Leila Whitfield completed our webinar, Invasive Plant Management:\n"
            "Strategies That Work, on 10/06/2025.\nYours sincerely,\nKiri Ferreira\n")
    assert _title(text, "Leila Whitfield").value == "Invasive Plant Management: Strategies That Work"


def test_title_whose_last_word_wraps_onto_its_own_line():
    text = ("Certificate of Attendance\nBlue Ridge Native Plant Society certifies that\nGrace Nakamura\n"
            "for completing\nRestoration Planning with Reference\nSites\nMarch 4\u20135, 2025\nTotal: 11.5 hrs\n")
    assert _title(text, "Grace Nakamura", big=frozenset({4, 5})).value == "Restoration Planning with Reference Sites"


def test_title_after_thank_you_for_attending_our_two_day_field_course_on():
    text = ("Oakleaf Ecological Services\n300 Elm Avenue, Ann Arbor, MI 48104\nApril 23, 2025\nDear Chen Thompson,\n"
            "Thank you for attending our one-day field course on Soil Biology for Restoration Practitioners at the Old\n"
            "Mill Events Barn on March 28, 2025.\nWith best regards,\nRuth Abernathy\nPresident\n")
    assert _title(text, "Chen Thompson").value == "Soil Biology for Restoration Practitioners"


def test_sentence_cut_at_the_colon_of_its_title_is_no_label():
    text = ("Certificate of Attendance\nPresented to\nLeila Whitfield\n"
            "has successfully completed the workshop Invasive Plant Management: Strategies That\n"
            "Work, hosted by Blue Ridge Native Plant Society on June 27, 2024.\nTotal: 14 hours\n")
    f = _title(text, "Leila Whitfield")
    assert f is None or f.value != "Strategies That"


def test_labelled_title_wrapped_before_a_joining_word():
    text = ("CERTIFICATE\nThis certifies that\nJean-Luc Garcia\nfor successfully completing the course\n"
            "Webinar: Post-Wildfire Revegetation: Seed Mixes, Mulch\nand Monitoring\n30/12/2022, Asheville, NC\n")
    assert _title(text, "Jean-Luc Garcia").value == "Post-Wildfire Revegetation: Seed Mixes, Mulch and Monitoring"


def test_title_after_completing_the_four_hour_program():
    text = ("CERTIFICATE\nawarded to\nCamille Garcia\nin recognition of completing the 4-hour program\n"
            "Prairie Burn Planning\npresented by Coastal Habitat Academy from 09/30/2023 to 10/04/2023.\n")
    assert _title(text, "Camille Garcia").value == "Prairie Burn Planning"


def test_one_word_caption_training_over_the_course_name():
    from cecintake.extractors.fields.layout import Layout, pairs

    from .helpers import doc_from_pieces

    doc = doc_from_pieces([(100, 200, "Certificate of Attendance", 16), (140, 260, "TRAINING", 7),
                           (150, 190, "Designing Pollinator Habitat on Working Lands", 10),
                           (170, 250, "Date", 7), (180, 250, "23/10/24", 10)])
    got = {p.label: p.value for p in pairs(Layout(doc))}
    assert got["TRAINING"] == "Designing Pollinator Habitat on Working Lands"


def test_name_of_course_label_gives_the_title():
    text = ("CE Verification Form\nAttendee: Grace Pena\nName of course: Monitoring Vegetation Change After Restoration\n"
            "Training provider: Blue Ridge Native Plant Society\nDate of activity: June 25, 2021\n")
    assert _title(text, "Grace Pena").value == "Monitoring Vegetation Change After Restoration"


def test_quoted_title_after_the_events_kind_whatever_the_verb():
    text = ("Letter of Attendance\nJan. 5, 2025\nTo whom it may concern:\n"
            "We were pleased to welcome Jean De la Cruz to our short course, \u2018Eelgrass Transplanting\n"
            "Methods\u2019, organised by University of the Cascades Extension on Dec. 16, 2024.\n"
            "With best regards,\nRuth Calloway\n")
    assert _title(text, "Jean De la Cruz").value == "Eelgrass Transplanting Methods"


def test_title_in_the_certificates_wrapped_heading():
    text = ("Certificate of Completion: Invasive\nPlant Management: Strategies That\nWork\nThis certifies that\n"
            "Andres Ibanez\nattended this workshop in full\n04/03/2020\nCourse provider: Prairie Restoration Guild\n")
    assert _title(text, "Andres Ibanez", big=frozenset({0, 1, 2})).value == \
        "Invasive Plant Management: Strategies That Work"


def test_title_before_the_certificates_kind_in_its_heading():
    text = ("Introduction to Ecological Restoration Practice \u2013\nCertificate of Attendance\nAwarded to\n"
            "Beatriz Castillo\nhas completed all sessions of this course\n17/03/2025\n")
    assert _title(text, "Beatriz Castillo", big=frozenset({0, 1})).value == \
        "Introduction to Ecological Restoration Practice"


def test_sentence_naming_the_participant_cut_at_the_titles_colon_is_no_label():
    text = ("Chesapeake Habitat Partners\n15 Bay Street, Annapolis, MD 21401\nTo whom it may concern:\n"
            "Yuki Nakamura successfully completed the course Wetland Delineation: Field Methods and Practice,\n"
            "offered by Chesapeake Habitat Partners on 15 January 2025.\n")
    f = _title(text, "Yuki Nakamura")
    assert f is None or f.value != "Field Methods and Practice"


def test_title_after_for_participating_in_the_on_its_own_line():
    text = ("PRAIRIE RESTORATION GUILD\nAwarded to\nSofia Lefevre\nCERTIFICATE OF\nPARTICIPATION\n"
            "for participating in the\nSeed Collection and Native Plant Propagation\n"
            "Offered by the staff of Prairie Restoration Guild on Nov. 12, 2024\n")
    assert _title(text, "Sofia Lefevre", big=frozenset({3, 4})).value == "Seed Collection and Native Plant Propagation"


def test_title_cut_before_the_next_details_label_read_onto_its_line():
    from cecintake.extractors.fields.titles import clean_title

    assert clean_title("Invasive Plant Management: Strategies That Work - Provider:") == \
        "Invasive Plant Management: Strategies That Work"
    assert clean_title("title: Living Shorelines Dates attended: 04/03/2025") == "Living Shorelines"


def test_label_split_by_ocr_leaves_no_title_of_one_label_word():
    text = "CE Verification Form\nAttendee: Grace Pena\nActivity      title\nDate of activity: June 25, 2021\n"
    f = _title(text, "Grace Pena")
    assert f is None or f.value.lower() != "title"


def test_title_ending_in_a_label_like_word_without_separator_is_kept():
    from cecintake.extractors.fields.titles import clean_title

    assert clean_title("Tracking Continuing Education Hours") == "Tracking Continuing Education Hours"


def test_unquoted_title_with_a_comma_runs_to_where_the_sentence_goes_on():
    text = ("Murray-Darling Landcare Association\n18 River Street, Albury NSW 2640, Australia\nDear Colleague,\n"
            "Thank you for attending our two-day training on Post-Wildfire Revegetation: Seed Mixes, Mulch and "
            "Monitoring at the Cedar Hollow Visitor Center on 8th-9th Mar 2024.\nYours sincerely,\nKiri Abernathy\n")
    assert _title(text, "Leila Whitfield").value == "Post-Wildfire Revegetation: Seed Mixes, Mulch and Monitoring"


def test_comma_after_a_title_before_a_place_is_not_joined():
    text = ("Dear Colleague,\nThis confirms that Ana Ruiz attended Wetland Plant Identification, Portland, Oregon, "
            "on May 3, 2024.\nSincerely,\nLee Park\n")
    assert _title(text, "Ana Ruiz").value == "Wetland Plant Identification"


def test_title_whose_colon_ends_a_prose_line():
    text = ("Chesapeake Habitat Partners\n15 Bay Street, Annapolis, MD 21401\nTo whom it may concern:\n"
            "Rafael Kowalski successfully completed the course Wetland Delineation:\n"
            "Field Methods and Practice, offered by Chesapeake Habitat Partners on July 18th, 2025.\n"
            "Yours sincerely,\nKiri Yoon\n")
    assert _title(text, "Rafael Kowalski").value == "Wetland Delineation: Field Methods and Practice"


def test_list_after_a_colon_is_not_joined_to_the_prose_line():
    from cecintake.extractors.fields.common import prose_joined

    text = "Mateo organized the following two events for the SER Midwest Chapter:\nSpring Field Tour, 2022-09-05\n"
    assert prose_joined(text) == text


def test_title_after_the_requirements_of_with_its_last_word_wrapped():
    text = ("Certificate of Completion\nPresented to\nEmile Castillo\nsuccessfully completed the requirements of\n"
            "Reference Ecosystems and Restoration Targets: Field\nTour\noffered by SER Southwest Chapter on August 5th, 2024\n")
    f = _title(text, "Emile Castillo", big=frozenset({4, 5}))
    assert f.value == "Reference Ecosystems and Restoration Targets: Field Tour"


def test_event_name_opening_with_its_year_is_the_title():
    # the year before an event's name is no address or phone number (``providers_event``): the title is read
    # after the verb and from the emphasised line, whichever way the document is classified
    for event in ("2024 Gulf Coast Marsh Alliance Restoration Summit", "2023 Annual Meeting of Riverkeepers Northwest",
                  "2025 Annual Conference of the Tallgrass Heartland"):
        text = (f"Certificate of Participation\nThis is to certify that\nRafael Okafor\nparticipated in the\n{event}\n"
                "2024-12-25 \u2013 2024-12-26 \u2022 Asheville, NC\n7 hours of continuing education\nMarcus Whitfield\n"
                "Program Chair\n")
        assert _title(text, "Rafael Okafor", big=frozenset({0, 2, 4})).value == event, event


def test_conference_named_of_the_organiser_is_read_whole():
    text = ("CERTIFICATE\nThis certifies that\nAndres Brennan\nfor attending the\n"
            "2025 Annual Conference of the Tallgrass Heartland\n2025-06-27 through 2025-06-29\nContact hours: 6 hrs\n")
    f = _title(text, "Andres Brennan")
    assert f.value == "2025 Annual Conference of the Tallgrass Heartland"


def test_street_address_under_the_verb_is_still_no_title():
    text = ("Certificate of Completion\nThis certifies that\nAna Ruiz\nhas completed\n"
            "2200 Bluestem Road, Ames, IA 50010\nContact hours: 6 hours\n")
    f = _title(text, "Ana Ruiz")
    assert f is None or "Bluestem" not in f.value


def test_labelled_position_stops_at_the_next_label_beside_it():
    text = ("Society for Ecological Restoration\nVerification of Service\n2025-09-28\nDear Colleague,\n"
            "On behalf of the Society for Ecological Restoration, I am pleased to verify the following\nservice:\n"
            "Name: Amara Thompson Term: 2025-04-01 to 2026-03-31\n"
            "Position: Board of Directors (Secretary) Years of service: 1 year\n"
            "Organization: Society for Ecological Restoration\nSincerely,\nBjorn Ruiz\nPresident\n")
    assert _title(text, "Amara Thompson").value == "Board of Directors (Secretary)"


def test_organizer_title_wrapped_after_its_colon_is_no_second_event():
    text = ("SER Southwest Chapter\n15 Mesa Road\nTucson, AZ 85719\nRuth Ibanez\nRe: Event organization\n"
            "Dear Ruth Ibanez,\nThe SER Southwest Chapter thanks Ruth Ibanez for serving as lead organizer of Webinar Series:\n"
            "Restoration in Practice, 2021-04-14 through 2021-04-15.\nWith best regards,\nBeatriz Nakamura\n"
            "Executive Director\n")
    assert _title(text, "Ruth Ibanez").value == "Webinar Series: Restoration in Practice"


def test_title_broken_after_a_joining_word_takes_the_next_lines_words():
    text = ("COASTAL MARSH ALLIANCE\n1200 Harbor Drive, Charleston, SC 29401\nCERTIFICATE OF ATTENDANCE\n"
            "Beatriz Haddad attended Mine Land Reclamation: Substrates and\n"
            "Seeding, a training offered by Coastal Marsh Alliance, 03/07/2022, for a\ntotal of 16.25 contact hours.\n")
    assert _title(text, "Beatriz Haddad").value == "Mine Land Reclamation: Substrates and Seeding"


def test_title_whose_colon_ends_a_prose_line_going_on_to_its_date():
    text = ("Wildland Skills Exchange\n640 Ridge Road, Flagstaff, AZ 86001\n2022-12-19\nTo whom it may concern:\n"
            "I am pleased to confirm that Kai Rivera successfully completed our course, Mine Land Reclamation:\n"
            "Substrates and Seeding, held 2022-11-14 in Tucson, AZ.\nSincerely,\nMary Chaudhry\n")
    assert _title(text, "Kai Rivera").value == "Mine Land Reclamation: Substrates and Seeding"


def test_title_wrapped_before_its_details_in_brackets():
    text = ("Statement of Academic Record\nWei Lindqvist successfully completed ECOL 6120 Plant Community\n"
            "Ecology (4 credits, 60 hours of instruction), 11 June 2024 to\nElena Ruiz\nUniversity Registrar\n")
    assert _title(text, "Wei Lindqvist").value == "Plant Community Ecology"


def test_by_verb_ending_the_titles_line_is_cut():
    text = ("Society for Ecological Restoration Europe\nRue du Marais 31, 1000 Brussels, Belgium\nDear Colleague,\n"
            "This letter confirms that Ruth Tanaka attended the\nGrassland Restoration Using Prescribed Grazing workshop hosted\n"
            "by Society for Ecological Restoration Europe in Bristol on the\n15th of August, 2025.\nYours sincerely,\n"
            "Robert Hernandez\n")
    assert _title(text, "Ruth Tanaka").value == "Grassland Restoration Using Prescribed Grazing"


def test_sentence_before_a_colon_is_no_title_label():
    text = ("SER Southwest Chapter\n15 Mesa Road\nTucson, AZ 85719\nTo whom it may concern:\n"
            "This letter confirms that Kai Dubois attended Tidal Wetland Restoration: Planning to Practice, presented\n"
            "by SER Southwest Chapter on May 3rd, 2024.\n"
            "The program comprised: Invasive species removal (3 hrs); Field practicum (2.5 hrs).\nKind regards,\n")
    assert _title(text, "Kai Dubois").value == "Tidal Wetland Restoration: Planning to Practice"


def test_volunteer_appreciation_certificate_heading_is_no_title():
    text = ("Prairie Restoration Institute\nVolunteer Appreciation Certificate\nPresented to\nAna Ruiz\n"
            "in recognition of 40 hours of volunteer service in 2024\nJane Roe\nDirector\n")
    f = _title(text, "Ana Ruiz", big=frozenset({1, 3}))
    assert f is None or f.value.lower() != "volunteer appreciation certificate"


def test_title_broken_after_its_colon_on_a_short_line_takes_its_subtitle():
    text = ("Coastal Marsh Alliance\n1200 Harbor Drive, Charleston, SC 29401\nCERTIFICATE OF PARTICIPATION\n"
            "Mx. Leila Zielinski attended Mycorrhizal Inoculation in Revegetation:\n"
            "Field Tour, a field tour offered by Coastal Marsh Alliance, June 16th,\n2023, for a total of two (2) hours.\n")
    assert _title(text, "Leila Zielinski").value == "Mycorrhizal Inoculation in Revegetation: Field Tour"


def test_line_above_a_kind_only_heading_is_the_title():
    # (under a letterhead's phone line; a bare "Schedule" under the details' labels heads a section only)
    text = ("NORTHERN FOREST REGENERATION TRUST\n3 Birch Close\nInverness IV2 3AB, United Kingdom\nT: (238) 555-7666\n"
            "Riparian Buffer Design for Practitioners\nCourse Syllabus\nDates: 6-7 September 2024\n"
            "Location: Northern Forest Regeneration Trust field station, Edmonton\nContact hours: 13\n"
            "Day 1 - 6 September 2024\n9:00 AM-9:30 AM Registration\n")
    f = _title(text, None)
    assert (f.value, f.method) == ("Riparian Buffer Design for Practitioners", "beside kind heading")


def test_organisation_beside_a_kind_only_heading_is_no_title():
    text = ("Northern Forest Regeneration Trust\nWorkshop Agenda\nDates: 6-7 September 2024\nContact hours: 13\n"
            "9:00 AM-9:30 AM Registration\n")
    f = _title(text, None)
    assert f is None or f.value != "Northern Forest Regeneration Trust"


def test_title_whose_colon_ends_a_prose_line_going_on_to_on_and_its_date():
    text = ("CNPS\n2707 K Street, Sacramento, CA 95816\nDear Colleague,\n"
            "This letter confirms that Ms. Leila Brennan, PhD completed Invasive Plant Management:\n"
            "Strategies That Work on Jan. 24, 2025.\nThe training provided 3.5 hrs of instruction.\n")
    assert _title(text, "Leila Brennan").value == "Invasive Plant Management: Strategies That Work"


def test_list_item_running_to_its_date_after_a_colon_is_not_joined():
    from cecintake.extractors.fields.common import prose_joined

    text = "Ana led the following field days for the SER Midwest Chapter:\nSpring Field Tour 2022-09-05\n"
    assert prose_joined(text) == text
