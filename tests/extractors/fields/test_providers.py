"""Provider named in the less common places and wordings (``fixtures/kinds_providers``): a name with
no organisation word under a signature or in a footer with its contact details, a university's
department with its university, a course platform beside the course's university, the organiser
inside an event's name, a date run on after a by-phrase's name."""

import pytest

from cecintake.domain.vocab import FieldName as F
from cecintake.extractors.api import ExtractionContext
from cecintake.extractors.fields import extract_evidence

from .helpers import doc_from_text


def _prov(text, name=None):
    return extract_evidence(doc_from_text(text), context=ExtractionContext(expected_name=name)).fields.get(F.PROVIDER)


_CERT = ("Certificate of Completion\nThis certifies that\nJonah Dubois\n{under}has successfully completed\n"
         "Hedgerow Planting and Management\nAugust 6, 2025\nContact hours: 6 hours\nTomas Ruiz\n{sig}")


def test_signature_role_and_bare_organisation_on_one_line_is_a_weak_provider():
    f = _prov(_CERT.format(under="", sig="Director, Wild Seed Exchange\n"), "Jonah Dubois")
    assert f.value == "Wild Seed Exchange" and f.method == "signature bare" and f.confidence <= 0.7


def test_bare_organisation_on_the_line_under_the_signers_role():
    f = _prov(_CERT.format(under="", sig="Director\nEstuary Restoration Works\n"), "Jonah Dubois")
    assert f.value == "Estuary Restoration Works" and f.method == "signature bare"


def test_participants_employer_under_the_name_is_not_the_provider():
    f = _prov(_CERT.format(under="Terra Verde Landscapes\n", sig="Training Manager, Sagebrush Steppe Stewards\n"),
              "Jonah Dubois")
    assert f.value == "Sagebrush Steppe Stewards"


def test_second_signer_under_a_role_is_no_organisation():
    f = _prov(_CERT.format(under="", sig="Director\nAnika Sorensen\nLead Instructor\n"), "Jonah Dubois")
    assert f is None or f.value != "Anika Sorensen"


def test_footer_names_the_organisation_before_its_address_or_web_address():
    for footer in ("Riverkeepers Northwest \u00b7 820 Water Street, Olympia, WA 98501 \u00b7 www.riverkeepersnw.org",
                   "Bog Watch | www.bogwatch.ca", "Gulf Coast Marsh Alliance, PO Box 904, Houma, LA 70361"):
        f = _prov(_CERT.format(under="", sig=f"Director\n{footer}\n"), "Jonah Dubois")
        want = footer.split(" \u00b7 ")[0].split(" | ")[0].split(", PO")[0]
        assert f.value == want and f.method == "footer contact", footer


def test_university_department_keeps_its_university_as_printed():
    text = ("Certificate of Participation\nThis certifies that\nJonah Lindqvist\nfor completing the short course\n"
            "Seed Collection and Native Plant Propagation\n31 January 2025 \u2013 presented by the School of "
            "Environmental Studies, University of\nNorthern Prairies\nContact hours: 11 hrs\n")
    assert _prov(text, "Jonah Lindqvist").value == "School of Environmental Studies, University of Northern Prairies"
    text = ("CERTIFICATE\nPresented to\nAna Ruiz\nhas successfully completed\nRestoring Riparian Forests\n"
            "Offered by the Department of Forestry, Oregon State University, March 3, 2025\nContact hours: 6\n")
    assert _prov(text, "Ana Ruiz").value == "Department of Forestry, Oregon State University"


def test_course_platform_gives_way_to_the_university_that_authorised_the_course():
    text = ("edX\nCERTIFICATE\nAwarded to\nAna Ruiz\nhas successfully completed\nRestoring Riparian Forests\n"
            "an online non-credit course authorized by University of the Highlands and\noffered through edX\n"
            "May 3, 2025\n")
    assert _prov(text, "Ana Ruiz").value == "University of the Highlands"
    text = ("CERTIFICATE\nIssued by\nFutureLearn\nAwarded to\nAna Ruiz\ncompleted\nRestoring Riparian Forests\n"
            "an online course from Lakehead University, delivered through FutureLearn\nMay 3, 2025\n")
    f = _prov(text, "Ana Ruiz")
    assert f.value == "Lakehead University" and f.method == "beside platform"


def test_platform_alone_is_the_provider():
    text = ("LinkedIn Learning\nCertificate of Completion\nAna Ruiz\ncompleted\nRestoring Riparian Forests\n"
            "May 3, 2025\n")
    assert _prov(text, "Ana Ruiz").value == "LinkedIn Learning"


def test_organiser_named_inside_the_event_name():
    for event, want in (("2024 SER Midwest-Great Lakes Chapter Conference", "SER Midwest-Great Lakes Chapter"),
                        ("2025 Annual Conference of the Tallgrass Heartland", "Tallgrass Heartland"),
                        ("2023 Native Plant Society of Oregon Annual Meeting", "Native Plant Society of Oregon"),
                        ("2024 Gulf Coast Marsh Alliance Restoration\nSummit", "Gulf Coast Marsh Alliance")):
        text = (f"Certificate of Attendance\nPresented to\nPeter Lefevre\nattended the\n{event}\n"
                "2024-04-02 \u2013 2024-04-03\nContact hours: 16 hours\nHelen Achebe\nConference Chair\n")
        f = _prov(text, "Peter Lefevre")
        assert f.value == want and f.method == "event name", event


def test_event_name_without_an_organisation_word_names_no_organiser():
    text = ("Certificate of Attendance\nPresented to\nPeter Lefevre\nattended the\n2024 Tallgrass Prairie Symposium\n"
            "2024-04-02\nContact hours: 6 hours\n")
    f = _prov(text, "Peter Lefevre")
    assert f is None or f.method != "event name"


def test_date_run_on_after_a_by_phrase_name_is_cut():
    text = ("Dear Colleague,\nThis letter confirms that Yuki Patel attended Soil Health Assessment, presented by "
            "Coastal\nMarsh Alliance 2025-04-02 through 2025-04-03.\n11 contact hours.\nSincerely,\nSam Whitfield\n")
    assert _prov(text, "Yuki Patel").value == "Coastal Marsh Alliance"
    text = ("Dear Colleague,\nThis letter confirms that Bjorn Lindqvist attended Restoration Project Management, a "
            "training presented by Prairie Sky Field School July 28th\nthrough 29th, 2025.\nSincerely,\nSam Whitfield\n")
    assert _prov(text, "Bjorn Lindqvist").value == "Prairie Sky Field School"


def test_letterhead_band_with_only_a_unit_before_its_separator_is_no_provider():
    text = ("Programs Department |\n03/09/2022\nDear Colleague,\nThis is to confirm that Leila Smith completed our "
            "training on 01/26/2022.\nYours sincerely,\nPriya Raman\nExecutive Director, Cascade Watershed Council\n")
    assert _prov(text, "Leila Smith").value == "Cascade Watershed Council"


def test_role_line_run_into_a_forms_labels_names_no_organisation():
    text = ("Certificate of Completion\nsteve\nHas successfully completed\nAWS Database Offerings\n"
            "5 1/2 hours 20 March, 2020\nDirector, Training and Certification Duration Completion Date\n")
    f = _prov(text)
    assert f is None or f.method != "signature bare"
    for generic in ("Training and Certification", "Programs and Events"):
        f = _prov(_CERT.format(under="", sig=f"Director, {generic}\n"), "Jonah Dubois")
        assert f is None or f.value != generic, generic


def test_footer_sentence_describing_the_organisation_gives_its_subject():
    text = ("is proud to award\nAna Ruiz\nthe following credits in recognition of the successful completion of\n"
            "Leadership for Restoration Crews\nDecember 15-17, 2021\n1.8 Continuing Education Units\n"
            "President and Chief Executive Officer\n"
            "The Prairie Management Association is a not-for-profit educational organization\n"
            "incorporated by the Board of Regents of the University of the Plains.\n1601 Main Street, Lincoln, NE\n")
    f = _prov(text, "Ana Ruiz")
    assert f.value == "Prairie Management Association"


def test_signer_and_role_on_one_line_is_no_footer_organisation():
    text = ("Restoring Riparian Forests\nCourse completed by RUIZ, ANA\nAug 26, 2025 \u2022 3 hours\n"
            "Top skills covered\nRiparian Planting\nDana Holloway, Head of Learning Content Strategy\n")
    f = _prov(text, "Ana Ruiz")
    assert f is None or "Holloway" not in f.value


def test_university_name_wrapped_before_its_last_word():
    for printed in ("School of Environmental Studies, University of Northern\nPrairies",
                    "Department of Ecosystem Science, Oregon State\nUniversity"):
        text = ("CERTIFICATE\nAwarded to\nAna Ruiz\nfor completing the short course\nRestoring Riparian Forests\n"
                f"14 June 2024 \u2013 presented by the {printed}\nTotal: 16 hours\n")
        assert _prov(text, "Ana Ruiz").value == printed.replace("\n", " "), printed


def test_logo_name_in_capitals_over_two_lines_is_read_whole():
    for top in ("SAGEBRUSH\nSTEPPE STEWARDS", "BOG\nWATCH", "PIEDMONT\nLAND CONSERVANCY"):
        text = (f"{top}\nCertificate of Completion\nPresented to\nAna Ruiz\nattended\nRestoring Riparian Forests\n"
                "May 13, 2025\nContact hours: 15 hours\n")
        doc = doc_from_text(text, big_lines=frozenset({2}))
        f = extract_evidence(doc, context=ExtractionContext(expected_name="Ana Ruiz")).fields[F.PROVIDER]
        assert f.value == top.replace("\n", " "), top


def test_board_of_an_organisation_is_not_its_name():
    text = ("MEADOWMAKERS\nCertificate of Completion\nPresented to\nAna Ruiz\nattended\nHedgerow Planting\n"
            "Awarded by the Board of Directors of Meadowmakers on May 3, 2025\n")
    assert _prov(text, "Ana Ruiz").value == "Meadowmakers"


def test_platform_after_a_by_phrase_is_not_the_provider():
    text = ("CERTIFICATE\nIssued by\nCOURSERA\nAwarded to\nAna Ruiz\ncompleted\nRestoring Riparian Forests\n"
            "a course offered by Lakehead University on Coursera\nMay 3, 2025\n")
    assert _prov(text, "Ana Ruiz").value == "Lakehead University"


def test_footer_name_straight_before_its_web_address():
    f = _prov(_CERT.format(under="", sig="Director\nNative Grasslands Victoria www.ngv.org.au\n"), "Jonah Dubois")
    assert f.value == "Native Grasslands Victoria" and f.method == "footer contact"


def test_date_cut_at_its_dot_or_a_weekday_after_a_by_phrase_name_is_cut():
    text = ("CERTIFICATE\nPresented to\nHannah Patel\nhas successfully completed\nStreambank Stabilization\n"
            "offered by Green Corridors Training Ltd 15.11.2024 \u2013 16.11.2024.\n")
    assert _prov(text, "Hannah Patel").value == "Green Corridors Training Ltd"
    text = ("Dear Colleague,\nThis confirms that Hannah Patel attended Streambank Stabilization, hosted by Wildland "
            "Skills Exchange Friday,\nMay 3, 2025.\nSincerely,\nSam Whitfield\n")
    assert _prov(text, "Hannah Patel").value == "Wildland Skills Exchange"


def test_capitals_letterhead_ending_in_an_organisation_word_on_the_next_line():
    text = ("JOURNAL OF APPLIED RESTORATION\nSCIENCE\nMonday, November 29, 2021\nRENEE OBRIEN\nDear Renee,\n"
            "Your monograph has been accepted for publication.\nSincerely,\nNils Obrien\nManaging Editor\n")
    assert _prov(text, "Renee Obrien").value == "JOURNAL OF APPLIED RESTORATION SCIENCE"


def test_numbered_unit_keeps_its_number():
    text = ("CERTIFICATE\nPresented to\nHannah Patel\nhas successfully completed\nStreambank Stabilization\n"
            "hosted by EPA Region 5\nMay 3, 2025\n")
    assert _prov(text, "Hannah Patel").value == "EPA Region 5"


def test_ordinal_day_after_a_by_phrase_name_is_cut():
    text = ("Dear Colleague,\nThis confirms that Hannah Patel attended Fynbos Restoration, presented by Cape Floral "
            "Kingdom Institute 24th and\n27th January 2025.\nSincerely,\nSam Whitfield\n")
    assert _prov(text, "Hannah Patel").value == "Cape Floral Kingdom Institute"


def test_event_title_at_the_top_gives_way_to_the_organisation_over_its_address_in_the_footer():
    text = ("Restoration Project Management\nWorkshop Agenda\nDates: 2025-04-04 Location: Restoration Works Academy\n"
            "field station, Ames, IA\nTime Item\n8:30 AM\u20139:00 AM Check-in\n9:00 AM\u201310:00 AM Panel: Soil Biota\n"
            "Closing remarks and evaluations\n" + "\n" * 32 + "Restoration Works Academy\n"  # at the page's foot
            "55 Mill Street \u00b7 Burlington, VT 05401 \u00b7 www.restorationworks.net\n")
    f = _prov(text)
    assert f.value == "Restoration Works Academy" and f.method == "footer over title" and f.confidence < 0.8


def test_letterhead_with_its_address_under_it_keeps_its_place():
    text = ("Prairie Restoration Guild\n1180 Main Street, Lincoln, NE 68508\nMay 3, 2025\nDear Ana Ruiz,\n"
            "Thank you for attending our workshop.\nSincerely,\nDana Holloway\nDirector\n"
            "Hollis Family Foundation\n9 Elm Street \u00b7 Omaha, NE 68102 \u00b7 www.hollisfoundation.org\n")
    assert _prov(text, "Ana Ruiz").value == "Prairie Restoration Guild"


def test_table_header_row_under_the_title_is_no_letterhead():
    text = ("Record of Continuing Education\n"
            "Name of participant Title of the course or training Organization that delivered the\n"
            "Amara Lefevre Statistical Design of Restoration SER Southwest Chapter\n09/14/2022 1.25 contact hours\n"
            "Marcus Kowalski\nProgram Lead\nSER Southwest Chapter\n"
            "15 Mesa Road \u00b7 Tucson, AZ 85719 \u00b7 www.sersouthwest.net\n")
    f = _prov(text, "Amara Lefevre")
    assert f is not None and "participant" not in f.value


def test_submission_logged_by_the_publisher_names_it_weakly():
    text = ("January 23, 2024\nMaria Schafer\nTo whom it may concern:\nYour fact sheet \u201cRestoration Project "
            "Management\u201d has been received\nand logged by Wildland Skills Exchange.\nKind regards,\n"
            "Ana Nakamura\nSeries Editor\n")
    f = _prov(text, "Maria Schafer")
    assert f.value == "Wildland Skills Exchange" and f.confidence <= 0.75


# --- a provider printed only as its acronym (``fixtures/kinds_providers.providers_acronym``) ---

def test_acronym_letterhead_over_its_address_is_the_provider():
    text = ("NRCS\n1902 Fox Drive, Champaign, IL 61820\nCertificate of Completion\nThis certifies that\nAna Ruiz\n"
            "has successfully completed\nPeatland Rewetting in Practice\n2025-04-16\nContact hours: 6 hours\n"
            "Jane Roe, PhD\nTraining Coordinator\n")
    f = _prov(text, "Ana Ruiz")
    assert (f.value, f.method) == ("NRCS", "letterhead acronym")


def test_three_letter_acronym_alone_at_the_top_is_a_weak_provider():
    text = ("WWF\nCERTIFICATE OF ATTENDANCE\nPresented to\nDiego Haddad\nhas successfully completed\n"
            "Restoring Riparian Forests\n11/22/2024\n8 hrs (0.8 CEU)\nJane Roe, PhD\nChapter President\n")
    f = _prov(text, "Diego Haddad")
    assert (f.value, f.method) == ("WWF", "letterhead acronym") and f.confidence < 0.85


def test_acronym_in_a_by_phrase_broken_before_by():
    text = ("Letter of Completion\n10/16/2023\nDear Dana Berg,\nThis letter confirms that Dana Berg completed Monitoring "
            "Vegetation Change After Restoration, a course presented\nby SERCAL, on 10/03/2023.\nSincerely,\n"
            "Marcus Whitfield, PE\nTraining Coordinator\n")
    f = _prov(text, "Dana Berg")
    assert (f.value, f.method) == ("SERCAL", "by phrase")


def test_acronym_after_the_signers_role_is_the_provider():
    for role, acro in (("Training Coordinator, NRCS", "NRCS"), ("Director, TNC", "TNC"),
                       ("Chapter President, SER-MAR", "SER-MAR")):
        text = ("Certificate of Completion\nThis certifies that\nKai Haddad\nhas completed the training\n"
                f"Invasive Plant Management\nMar. 1, 2024\nContact hours: 9 hours\nAnika Sorensen, CERP\n{role}\n")
        f = _prov(text, "Kai Haddad")
        assert f.value == acro, role
        assert f.method in ("signature acronym", "signature"), role  # "SER" marks an organisation's name


def test_acronym_in_the_footer_over_its_address():
    text = ("Certificate of Completion\nThis certifies that\nAndres Brennan\nhas completed the training\n"
            "Oak Savanna Restoration Techniques\n07/18/2025\nContact hours: 14.5 hours\nJane Roe, PhD\n"
            "Chapter President\nTNC\n4245 Fairfax Drive \u00b7 Arlington, VA 22203 \u00b7 www.tnc.org\n")
    f = _prov(text, "Andres Brennan")
    assert (f.value, f.method) == ("TNC", "footer acronym")


def test_state_codes_units_credentials_and_headings_in_capitals_are_no_provider():
    text = ("CERTIFICATE\nPresented to\nAna Ruiz, CERP\nattended\nPeatland Rewetting in Practice\n2025-04-16\n"
            "1.5 CEU\nPDH\nJane Roe\nDirector, PhD\nCERP\nMD\n")
    f = _prov(text, "Ana Ruiz")
    assert f is None or f.value not in ("CERTIFICATE", "CEU", "PDH", "PhD", "CERP", "MD")


def test_last_word_of_a_name_in_capitals_is_no_acronym_letterhead():
    text = ("SOCIETY FOR ECOLOGICAL RESTORATION\nEUROPE\nRue du Marais 31\n1000 Brussels, Belgium\n"
            "PROGRAMME: CORAL REEF RESTORATION TECHNIQUES\n2024-03-29\n")
    f = _prov(text)
    assert f is not None and f.value != "EUROPE"


def test_unit_band_with_its_separator_alone_gives_way_to_the_signers_acronym():
    # the organisation's logo beside the unit is an image: "\u00b7 Programs Department" names no organisation
    text = ("\u00b7 Programs Department\nAugust 13th, 2025\nTo whom it may concern:\nThis letter confirms that Kai "
            "Dubois completed Hedgerow Planting and Management\non August 1st, 2025.\nKind regards,\nJane Roe, PhD\n"
            "Education Coordinator, CNPS\n")
    f = _prov(text, "Kai Dubois")
    assert (f.value, f.method) == ("CNPS", "signature acronym")


def test_of_phrase_skips_the_board_and_reads_the_organisation_after_a_line_break():
    text = ("08/02/2025\nPatel, Marcus\nRe: Confirmation of service\nDear Colleague,\n"
            "This letter confirms that Patel, Marcus served as a member of the Board of Directors (Vice President) of the\n"
            "Society for Ecological Restoration from Jul 2024 to June 2025, a period of one year.\nKind regards,\n"
            "Aisha Tanaka\nPresident\n")
    f = _prov(text, "Marcus Patel")
    assert (f.value, f.method) == ("Society for Ecological Restoration", "of phrase")


def test_one_organisation_word_alone_in_the_footer_is_no_name():
    # a table cell's wrapped last word ("... Indigenous Knowledge in Restoration\nPractice") at the page's foot,
    # over the organisation's name and address
    from .helpers import doc_from_pieces

    pieces = [(72, 72, "Erosion and Sediment Control", 14), (92, 72, "Workshop Agenda", 14),
              (120, 72, "Dates: 2025-04-25 to 2025-04-27"), (140, 72, "Schedule"),
              (670, 72, "2:15pm-3:15pm Lab: Indigenous Knowledge in Restoration"), (670, 400, "Renee Walsh"),
              (684, 72, "Practice"), (705, 72, "SER SOUTHWEST CHAPTER"),
              (722, 72, "15 Mesa Road \u00b7 Tucson, AZ 85719 \u00b7 www.sersouthwest.net", 8)]
    doc = doc_from_pieces(pieces)
    f = extract_evidence(doc, context=ExtractionContext(expected_name=None)).fields.get(F.PROVIDER)
    assert f is not None and f.value == "SER SOUTHWEST CHAPTER"


def test_by_phrase_name_ending_on_the_next_line_before_its_dates():
    text = ("Society for Ecological Restoration Europe\nRue du Marais 31, 1000 Brussels, Belgium\n"
            "This letter confirms that Mary De la Cruz attended Wetland Plant\n"
            "Identification Short Course, presented by Society for Ecological Restoration\n"
            "Europe 28th and 30th May 2025.\nYours sincerely,\nMarcus O'Brien\n")
    f = _prov(text, "Mary De la Cruz")
    assert (f.value, f.method) == ("Society for Ecological Restoration Europe", "by phrase")


def test_acronym_as_the_subject_of_the_certifying_sentence():
    for acro in ("NRCS", "SER-MAR"):
        text = (f"Certificate of Completion\n{acro} certifies that\nAna Ruiz\nhas completed the training\n"
                "Peatland Rewetting in Practice\n2025-04-16\nContact hours: 6 hours\nJane Roe, PhD\nDirector\n")
        f = _prov(text, "Ana Ruiz")
        assert (f.value, f.method) == (acro, "subject acronym"), acro
    text = ("THIS certifies that\nAna Ruiz\nhas completed the training\nPeatland Rewetting in Practice\n2025-04-16\n")
    f = _prov(text, "Ana Ruiz")
    assert f is None or f.value != "THIS"


def _pieces_prov(pieces, name=None):
    from .helpers import doc_from_pieces

    return extract_evidence(doc_from_pieces(pieces), context=ExtractionContext(expected_name=name)).fields.get(F.PROVIDER)


_FORM_BODY = [(110, 44, "Continuing Education Record", 16), (140, 49, "Name"), (140, 250, "Noemie MacDonald"),
              (165, 49, "Course"), (165, 250, "ECOL 6120 Plant Community Ecology"), (190, 49, "Dates"),
              (190, 250, "2023-08-14 to 2023-10-27"), (350, 44, "Kwame Mensah"), (364, 44, "Associate Registrar")]


def test_running_header_form_number_beside_the_organisation_is_not_its_name():
    # "Universidad Tecnica del Sur        Form CE-45 (rev. 2022)": the name's cell, not the line (was no provider)
    f = _pieces_prov([(52, 86, "Universidad Tecnica del Sur"), (52, 420, "Form CE-45 (rev. 2022)"),
                      (70, 86, "Secretaria Academica, Av. Los Andes 455, Valdivia, Chile", 8)] + _FORM_BODY,
                     "Noemie MacDonald")
    assert f is not None and (f.value, f.method) == ("Universidad Tecnica del Sur", "letterhead")


def test_name_set_with_wide_word_spacing_beside_a_form_number_reads_whole():
    f = _pieces_prov([(52, 86, "Sierra"), (52, 130, "Foothills"), (52, 190, "College"),
                      (52, 420, "Form TR-14 (rev. 2019)")] + _FORM_BODY, "Noemie MacDonald")
    assert f is not None and f.value == "Sierra Foothills College"


def test_running_header_document_title_beside_the_organisation_is_not_its_name():
    body = [(100, 64, "C O U R S E O U T L I N E", 17), (133, 64, "Restoring Headwater Wetlands After Logging", 16),
            (200, 64, "Friday, June 13, 2025"), (225, 68, "Time"), (225, 250, "Topic"),
            (242, 68, "8:00 a.m.-9:30 a.m."), (242, 250, "Site history and reference conditions")]
    for title in ("Course Outline", "Field Tour Itinerary: Restoring Headwater \u2026"):
        f = _pieces_prov([(53, 64, "Saltmeadow Estuary Trust", 8.5), (53, 380, title, 8.5)] + body)
        assert f is not None and f.value == "Saltmeadow Estuary Trust", title


def test_badge_beside_the_logo_name_is_not_part_of_it():
    body = [(190, 55, "CERTIFICATE OF ATTENDANCE", 24), (220, 172, "Ruth Thompson", 20),
            (245, 63, "participated in the 2024 Great Rivers Habitat Conference, convened by High Desert Land"),
            (260, 58, "Stewardship Alliance, October 2, 2024, for a total of 7.5 contact hours."),
            (754, 172, "611 Sagebrush Lane, Bend, OR 97701, www.hdlsa.com", 7.5)]
    for badge in ("Member Organisation", "Approved Provider", "Quality Assured", "Accredited Provider"):
        f = _pieces_prov([(100, 172, "High Desert Land Stewardship Alliance", 8), (100, 420, badge, 8)] + body,
                         "Ruth Thompson")
        assert f is not None and f.value == "High Desert Land Stewardship Alliance", badge


def test_head_line_with_a_person_beside_the_name_is_not_cut_to_a_cell():
    # a second cell that is no running header's or badge's (a person, a label) keeps the line as it was read
    from cecintake.extractors.fields.layout import Layout
    from cecintake.extractors.fields.providers import _name_beside

    from .helpers import doc_from_pieces

    lay = Layout(doc_from_pieces([(52, 86, "Kestrel Field School"), (52, 300, "Attendee"),
                                  (52, 420, "Amara Garcia, MS"), (80, 86, "Conference dates: Feb. 4-6, 2023")]))
    assert _name_beside(lay, lay.lines[0]) is None


def test_hosting_venue_gives_way_to_the_organisation_that_presented_the_course():
    text = ("Certificate of Completion\nThe undersigned hereby recognize\nOlivia Garcia\n"
            "for completing Rare Plant Translocation Protocols, a 2.5 clock hours short course hosted by the Elkhorn\n"
            "Visitor Center and presented by Cedar Hollow Watershed Council on Tuesday, May 21, 2024.\n"
            "Owen Tsosie\nProgram Lead\n")
    f = _prov(text, "Olivia Garcia")
    assert f is not None and (f.value, f.method) == ("Cedar Hollow Watershed Council", "by phrase")
    # a venue named alone as the host stays the phrase's name
    f = _prov(text.replace(" and presented by Cedar Hollow Watershed Council", ""), "Olivia Garcia")
    assert f is not None and f.value == "Elkhorn Visitor Center"


def test_corporate_suffix_period_before_the_sentence_period_is_the_names():
    text = ("Course Outline\nFire Effects Monitoring for Practitioners\nWednesday, July 9, 2025\n"
            "Instructor: Jean-Luc Thompson, PhD. Sponsored by Ironwood Ecological Consulting, Inc..\n")
    f = _prov(text)
    assert f is not None and f.value == "Ironwood Ecological Consulting, Inc."


def test_stand_in_running_headers_and_badges_on_real_pdfs(tmp_path):
    # stand-in part a (fixtures/render_standin.py): the organisation beside a form number, the course's title or a
    # badge in the head line, and a course hosted at a visitor center, read from generated PDFs
    from fixtures.generate import generate

    from cecintake.extractors.reading import read_document

    got = []
    for s in generate(tmp_path, count=12, seed=5, split="standin",
                      kinds=["sa_syllabus", "sa_transcript", "sa_certificate", "sa_volunteer"]):
        ev = extract_evidence(read_document(s.path.read_bytes()),
                              context=ExtractionContext(expected_name=s.truth["roster"]["full_name"]))
        f = ev.fields.get(F.PROVIDER)
        got.append((s.truth["template"], f.value if f else None, s.truth["fields"]["provider"]))
    heads = [g for g in got if g[0] in ("sched_running", "form_checkbox", "cert_lettered")]
    assert len(heads) >= 6 and all(v == want for _, v, want in heads), heads


def test_name_over_four_lines_of_a_side_panel_over_its_address_is_read_whole():
    pieces = [(140.0, 22.0, "Society for Ecological", 12), (155.0, 53.0, "Restoration,", 12),
              (170.0, 24.0, "Midwest-Great Lakes", 12), (185.0, 68.0, "Chapter", 12),
              (100.0, 326.0, "Certificate of Attendance", 26), (138.0, 457.0, "This certifies that"),
              (166.0, 399.0, "IBANEZ, CHEN", 24),
              (204.0, 246.0, "attended the 2023 Native Seed Conference, held in Charleston, SC, on October 9, 2023,"),
              (212.0, 62.0, "220 Lake Street", 8), (222.0, 55.0, "Madison, WI 53703", 8),
              (232.0, 40.0, "www.societyecological.org", 8),
              (240.0, 359.0, "and participated in 15.5 hours of conference sessions."),
              (277.0, 465.0, "Andres E. Moreau"), (289.0, 474.0, "Program Chair")]
    f = _pieces_prov(pieces, "IBANEZ, CHEN")
    assert f is not None and f.value == "Society for Ecological Restoration, Midwest-Great Lakes Chapter"


def test_by_phrase_name_cut_at_its_line_end_is_completed_where_it_is_printed_whole():
    text = ("Certificate of Attendance\nCHAUDHRY, MARCUS attended Post-Fire Watershed Stabilization, a webinar offered "
            "by Green Corridors Training\nGreen Corridors\nTraining Ltd\nUnit 4\nRiverside Works, Bristol BS1 6XN\n"
            "Ltd, the 12th of April, 2024, for a total of 10.5 hours.\nLiam K. Zielinski\nProgram Manager\n")
    f = _prov(text, "CHAUDHRY, MARCUS")
    assert f is not None and (f.value, f.method) == ("Green Corridors Training Ltd", "by phrase completed")
    assert f.confidence <= 0.8
    # with no such name printed elsewhere the phrase's name stays as it reads
    f = _prov(text.replace("Green Corridors\nTraining Ltd\n", ""), "CHAUDHRY, MARCUS")
    assert f is not None and f.method == "by phrase" and f.value.startswith("Green Corridors Training")


def test_mail_print_header_repeating_the_subject_is_no_letterhead():
    # an e-mail client's printout: 'Mail - <subject>' at the top, the subject again as a heading; the sender's
    # organisation is under the signature (was 'Mail - Confirmation of service' at 0.8, an organisation word in it)
    text = ("Mail - Confirmation of service\nConfirmation of service\nFrom: Sofia Haddad <sofa@sersouthwest.org>\n"
            "Sent: September 28, 2025 7:34 PM\nTo: Elena Smith-Jones\nSubject: Confirmation of service\n"
            "Dear Colleague,\nThis letter confirms that Elena Smith-Jones served as a member of the Board of Directors\n"
            "of the SER Southwest Chapter from April 1, 2024 to March 31, 2026.\nKind regards,\nSofia Haddad\n"
            "President\nSER Southwest Chapter\nTel: (552) 555-9266\nwww.sersouthwest.org\n")
    f = _prov(text, "Elena Smith-Jones")
    assert f is not None and f.value == "SER Southwest Chapter"


def test_venue_host_then_presenter_in_one_run_of_the_sentence():
    # the hosted-by match runs on past the venue's name over 'and presented by ...': the search goes on from the
    # venue's name, so the presenter is found (was the venue, 'Riverside Grange Hall')
    text = ("Certificate of Completion\nThe undersigned hereby recognize\nRobert Dubois\n"
            "for completing Fire Effects Monitoring for Practitioners, a 6 contact hours short course hosted by\n"
            "Riverside Grange Hall and presented by Northwoods Native Seed Cooperative on November 9, 2023.\n"
            "Roberto Quinones\nProgram Lead\n")
    f = _prov(text, "Robert Dubois")
    assert f is not None and (f.value, f.method) == ("Northwoods Native Seed Cooperative", "by phrase")


def test_issued_date_line_under_a_by_phrase_is_not_the_names_last_words():
    text = ("Webinar Series Completion\nAna Smith-Jones attended all four live sessions of the online series\n"
            "Shrub-Steppe Recovery after Wildfire\nTotal instructional time: 6 hours.\n"
            "Offered by High Desert Land Stewardship Alliance\nIssued March 11, 2025\nFrances Ballard\n"
            "Executive Director\n")
    f = _prov(text, "Ana Smith-Jones")
    assert f is not None and f.value == "High Desert Land Stewardship Alliance"


def test_labelled_company_keeps_its_suffixs_period():
    text = ("Certificate of Participation\nName: Emile Haddad\nProgram title: Pollinator Forage Mixes for Roadsides\n"
            "Sponsored by: Ironwood Ecological Consulting, Inc.\nCredit hours awarded: 7.5\n")
    f = _prov(text, "Emile Haddad")
    assert f is not None and (f.value, f.method) == ("Ironwood Ecological Consulting, Inc.", "label")


def test_panel_name_broken_before_its_last_word_over_its_address():
    pieces = [(140.0, 22.0, "University of Northern", 12), (155.0, 63.0, "Prairies", 12),
              (182.0, 46.0, "Office of the Registrar", 8), (191.0, 23.0, "1 College Green, Fargo, ND 58102", 8),
              (92.0, 287.0, "Certificate of Course Completion", 27), (129.0, 450.0, "This certifies that"),
              (157.0, 312.0, "Jonah A. Fernandez-Ruiz", 27), (196.0, 62.0, "www.unp.net", 8),
              (200.0, 250.0, "completed FOR 4470 Fire Ecology and Management (Spring 2023) with a final grade of"),
              (210.0, 320.0, "B+, comprising 30 hours of classroom instruction."),
              (285.0, 446.0, "Hannah T. Hernandez"), (297.0, 452.0, "University Registrar")]
    f = _pieces_prov(pieces, "Jonah A. Fernandez-Ruiz")
    assert f is not None and f.value == "University of Northern Prairies"


def test_letterhead_in_a_right_column_beside_the_letters_date():
    # 'March 3, 2025        Prairie Sky Field School' over '2 Bison Trail': the name, not the partner named in the
    # body (was 'Kansas Native Plant Society', a partner phrase at 0.75)
    pieces = [(76.0, 60.0, "March 3, 2025"), (76.0, 400.0, "Prairie Sky Field School", 12),
              (90.0, 400.0, "2 Bison Trail", 8), (110.0, 60.0, "Maria Fernandez"),
              (110.0, 400.0, "Lawrence, KS 66044", 8), (124.0, 60.0, "14 Elm Street"),
              (124.0, 400.0, "www.prairiesky.org", 8), (138.0, 60.0, "Topeka, KS 66603"),
              (170.0, 60.0, "Dear Ms. Fernandez,"),
              (190.0, 60.0, "This letter confirms that Maria Fernandez attended the workshop Native Seed Production Basics"),
              (204.0, 60.0, "in partnership with the Kansas Native Plant Society in Lawrence on February 10-12, 2025."),
              (218.0, 60.0, "The workshop comprised 18 contact hours of instruction."), (240.0, 60.0, "Sincerely,"),
              (270.0, 60.0, "Dana Whitfield"), (284.0, 60.0, "Program Director")]
    f = _pieces_prov(pieces, "Maria Fernandez")
    assert f is not None and (f.value, f.method, f.text) == ("Prairie Sky Field School", "letterhead",
                                                            "Prairie Sky Field School")


def _two_logo_certificate(body: str, left: str = "Prairie Sky Field School", right: str = "Kansas Native Plant Society"):
    return [(60.0, 60.0, left, 9), (60.0, 560.0, right, 9), (110.0, 250.0, "Certificate of Attendance", 26),
            (150.0, 330.0, "This certifies that"), (175.0, 310.0, "Maria Fernandez", 22), (210.0, 150.0, body),
            (224.0, 200.0, "held in Lawrence, KS on February 10-12, 2025, for 18 contact hours."),
            (300.0, 120.0, "Dana Whitfield"), (314.0, 120.0, "Program Director")]


def test_two_logos_side_by_side_give_the_one_not_named_as_accreditor_or_partner():
    for body in ("attended Native Seed Production Basics, accredited by the Kansas Native Plant Society,",
                 "attended Native Seed Production Basics, presented in partnership with the Kansas Native Plant Society,"):
        for left, right in (("Prairie Sky Field School", "Kansas Native Plant Society"),
                            ("Kansas Native Plant Society", "Prairie Sky Field School")):
            f = _pieces_prov(_two_logo_certificate(body, left, right), "Maria Fernandez")
            assert f is not None and (f.value, f.method) == ("Prairie Sky Field School", "letterhead"), (body, left)
    # nothing tells them apart: the first, a weaker reading (was both names run together at 0.8)
    f = _pieces_prov(_two_logo_certificate("attended the workshop Native Seed Production Basics,"), "Maria Fernandez")
    assert f is not None and (f.value, f.method) == ("Prairie Sky Field School", "letterhead of two")
    assert f.confidence <= 0.7


def test_host_gives_way_to_an_organisation_that_presented_the_course_but_not_to_a_person():
    base = ("Certificate of Completion\nThis certifies that\nAna Ruiz\nhas completed the training\n"
            "Peatland Rewetting in Practice,\n{p}\n2025-04-16\nContact hours: 6 hours\nJane Roe\nDirector\n")
    cases = {"hosted by Riverside College and presented by Prairie Sky Field School.": "Prairie Sky Field School",
             "hosted by SER Europe and presented by Dr. Jane Lee.": "SER Europe",
             "hosted by SER Europe.": "SER Europe",
             "presented by Prairie Sky Field School and hosted by Riverside College.": "Prairie Sky Field School"}
    for p, want in cases.items():
        f = _prov(base.format(p=p), "Ana Ruiz")
        assert f is not None and f.value == want, p


def test_underscores_of_an_underlined_form_are_no_part_of_the_name():
    text = "Record of Attendance\nName: Ana Ruiz\nOrganization: ____Tallgrass Restoration Network____\nDate: 2025-04-16\n"
    f = _prov(text, "Ana Ruiz")
    assert f is not None and (f.value, f.method) == ("Tallgrass Restoration Network", "label")


def test_by_phrase_at_a_line_end_takes_the_suffixs_period_the_letterhead_prints():
    pieces = [(140.0, 32.0, "Ironwood Ecological", 12), (155.0, 44.0, "Consulting, Inc.", 12),
              (182.0, 46.0, "4700 Mesa Verde Pkwy", 8), (191.0, 27.0, "Suite 210, Albuquerque, NM 87110", 8),
              (201.0, 63.0, "www.ieci.org", 8), (102.0, 335.0, "Webinar Series Completion", 26),
              (130.0, 325.0, "Mary-Kate Smith-Jones attended all three live sessions of the online series"),
              (162.0, 369.0, "Rare Plant Translocation Protocols", 16),
              (212.0, 256.0, "Total instructional time: 4.5 hours, May 11 to May 25, 2025."),
              (233.0, 411.0, "Offered by Ironwood Ecological Consulting, Inc.", 8), (247.0, 457.0, "Issued June 15, 2025", 8),
              (292.0, 465.0, "Owen Tsosie"), (304.0, 421.0, "Continuing Education Coordinator")]
    f = _pieces_prov(pieces, "Mary-Kate Smith-Jones")
    assert f is not None and f.value == "Ironwood Ecological Consulting, Inc."
    # a name set over five lines of the panel
    pieces = [(141.0, 49.0, "Society for", 12), (156.0, 50.0, "Ecological", 12), (171.0, 43.0, "Restoration,", 12),
              (186.0, 14.0, "Midwest-Great Lakes", 12), (201.0, 58.0, "Chapter", 12), (227.0, 52.0, "220 Lake Street", 8),
              (236.0, 45.0, "Madison, WI 53703", 8), (246.0, 47.0, "www.sermglc.com", 8),
              (63.0, 312.0, "Certificate of Attendance", 27), (100.0, 446.0, "This certifies that"),
              (128.0, 397.0, "Nils Whitfield", 27),
              (166.0, 257.0, "attended the 2023 Coastal Resilience Summit, held in Ames, IA, November 24, 2023,"),
              (188.0, 350.0, "and participated in 0.5 CEUs of conference sessions."),
              (255.0, 453.0, "Camille A. Lefevre"), (267.0, 463.0, "Program Chair")]
    f = _pieces_prov(pieces, "Nils Whitfield")
    assert f is not None and f.value == "Society for Ecological Restoration, Midwest-Great Lakes Chapter"


def test_provider_under_its_label_wrapped_onto_a_second_line_is_read_whole():
    # 'HOST ORGANIZATION' over 'High Desert Land Stewardship' / 'Alliance' (was the first line at 0.9)
    pieces = [(200.0, 64.0, "ATTENDANCE VERIFICATION", 21), (235.0, 91.0, "Southeastern Floodplain Restoration Summit", 16),
              (262.0, 71.0, "ATTENDEE", 7.5), (262.0, 300.0, "CONFERENCE DATES", 7.5),
              (269.0, 71.0, "Dr. Grace Pena, PhD", 10.6), (269.0, 300.0, "Aug. 5-6, 2025", 10.6),
              (298.0, 71.0, "HOST ORGANIZATION", 7.5), (305.0, 71.0, "High Desert Land Stewardship", 10.6),
              (318.0, 71.0, "Alliance", 10.6), (352.0, 68.0, "Day"), (352.0, 300.0, "Hours attended"),
              (369.0, 68.0, "Tuesday, August 5, 2025"), (369.0, 300.0, "5"), (460.0, 257.0, "Delia Marchetti")]
    f = _pieces_prov(pieces, "Grace Pena")
    assert f is not None and (f.value, f.method) == ("High Desert Land Stewardship Alliance", "label")


def test_provider_table_cell_keeps_its_suffixs_period():
    pieces = [(257.0, 61.0, "ATTENDEE", 7.7), (257.0, 250.0, "CONFERENCE DATES", 7.7), (257.0, 386.0, "HOST ORGANIZATION", 7.7),
              (264.0, 61.0, "Noemie Fernandez-Ruiz", 11), (264.0, 250.0, "3/3/2025", 11),
              (264.0, 386.0, "Ironwood Ecological", 11), (278.0, 386.0, "Consulting, Inc.", 11),
              (312.0, 58.0, "Day"), (312.0, 300.0, "Hours attended"), (330.0, 58.0, "Monday, March 3, 2025"),
              (330.0, 300.0, "3"), (405.0, 261.0, "Frances Ballard"), (418.0, 257.0, "Conference Chair")]
    f = _pieces_prov(pieces, "Noemie Fernandez-Ruiz")
    assert f is not None and (f.value, f.method) == ("Ironwood Ecological Consulting, Inc.", "table")


def test_running_header_name_cut_short_is_read_whole_where_printed_elsewhere():
    # the header's 'Society for Ecological Restoration, Midwest-Great Lakes' beside the title (was 0.97, wrong);
    # the name printed whole on a line of its own further down gives the whole name
    pieces = [(33.0, 44.0, "Society for Ecological Restoration, Midwest-Great Lakes", 8.5),
              (33.0, 420.0, "Course Syllabus: Reference Ecosystems and \u2026", 8.5),
              (79.0, 44.0, "COURSE SYLLABUS: REFERENCE ECOSYSTEMS AND RESTORATION TARGETS", 10.5),
              (102.0, 44.0, "Dates: Sept. 11-13, 2024"), (115.0, 44.0, "Location: SER field station, Tucson, AZ"),
              (272.0, 44.0, "Contact hours: 12.5 hours"), (305.0, 44.0, "Society for Ecological Restoration, Midwest-Great Lakes Chapter", 8.7),
              (742.0, 44.0, "www.societyecological.org", 8), (742.0, 500.0, "Page 1 of 1", 8)]
    f = _pieces_prov(pieces)
    assert f is not None and f.value == "Society for Ecological Restoration, Midwest-Great Lakes Chapter"
    assert f.confidence <= 0.8


def test_badge_run_on_after_the_name_at_a_words_gap_is_cut():
    body = [(190.0, 55.0, "CERTIFICATE OF ATTENDANCE", 24), (220.0, 172.0, "Ruth Thompson", 20),
            (245.0, 63.0, "participated in the 2024 Great Rivers Habitat Conference, October 2, 2024, 7.5 contact hours."),
            (754.0, 172.0, "901 Alder Street, Portland, OR 97205, www.pnwt.net", 7.5)]
    f = _pieces_prov([(100.0, 172.0, "Pacific Northwest Wetland Trust Member Organisation", 8)] + body, "Ruth Thompson")
    assert f is not None and f.value == "Pacific Northwest Wetland Trust"


def test_panel_name_whose_second_line_starts_with_a_particle():
    pieces = [(140.0, 17.0, "Universidad Tecnica", 12), (155.0, 60.0, "del Sur", 12),
              (182.0, 37.0, "Secretaria Academica", 8), (191.0, 18.0, "Av. Los Andes 455, Valdivia,", 8),
              (201.0, 73.0, "Chile", 8), (210.0, 25.0, "www.universidadtecnica.net", 8),
              (81.0, 245.0, "Certificate of Course Completion", 24), (115.0, 413.0, "This certifies that"),
              (141.0, 332.0, "Andres Kowalski, PhD", 24),
              (177.0, 220.0, "completed SOIL 4150 Soil Reclamation (Summer 2022, 13 June 2022 through 23 September"),
              (190.0, 217.0, "2022) with a final grade of A, comprising 28 hrs of classroom instruction."),
              (271.0, 441.0, "Yuki Nakamura"), (282.0, 421.0, "University Registrar")]
    f = _pieces_prov(pieces, "Andres Kowalski")
    assert f is not None and f.value == "Universidad Tecnica del Sur"


# --- letterheads on OCR text (scans) -------------------------------------------------------------

def _ocr_page(lines: list[tuple[float, float, str]]):
    """(top, left, text) -> one OCR line each, as Tesseract gives a 200-dpi scan: 14 px a letter,
    ink 28 px high (34 with a descender), words 29 px apart."""
    from cecintake.domain import Page, ReadDocument, Word
    from cecintake.domain.vocab import MediaType, TextSource

    words = []
    for i, (top, x, text) in enumerate(lines):
        for tok in text.split():
            h = 34.0 if any(c in "gjpqy," for c in tok) else 28.0
            words.append(Word(tok, (x, top, x + 14.0 * len(tok), top + h), 0.96, i))
            x += 14.0 * len(tok) + 29.0
    return ReadDocument(MediaType.TIFF, (Page(1, 2000.0, 2600.0, TextSource.OCR, tuple(words), 0.95),))


_THANKS = [(640.0, 200.0, "Dear Rafael Dubois,"),
           (700.0, 200.0, "Thank you for your time and energy! Our records show you gave 48 hours"),
           (750.0, 200.0, "planting willow stakes along the restored stream banks."),
           (850.0, 200.0, "Kind regards,"), (950.0, 200.0, "Camille K. Adeyemi")]


@pytest.mark.parametrize("band,want", [
    ("Member Services - Green Corridors Training Ltd", "Green Corridors Training Ltd"),
    ("Training Unit - University of Northern Prairies", "University of Northern Prairies"),
    ("Great Basin Native Plant Collaborative - Field Operations", "Great Basin Native Plant Collaborative"),
], ids=["unit-first", "unit-word-first", "unit-last"])
def test_band_unit_set_apart_by_a_spaced_hyphen_as_ocr_reads_an_en_dash(band, want):
    f = extract_evidence(_ocr_page([(150.0, 200.0, band), *_THANKS]),
                         context=ExtractionContext(expected_name="Rafael Dubois")).fields.get(F.PROVIDER)
    assert f is not None and f.value == want


def test_spaced_hyphen_between_two_halves_of_a_name_is_no_band():
    f = _prov("Prairie Restoration Trust - Western Office Annex Partners\n12 Elm Street, Fargo, ND 58102\n"
              "Dear Ana Ruiz,\nThank you for volunteering 12 hours with us this spring.\nKind regards,\nLee Park\n")
    assert f is None or f.value != "Western Office Annex Partners"


def test_ocr_letterhead_wrapped_before_its_chapter_with_other_ink_heights_is_read_whole():
    # "Chapter" (a capital and a descender) and a line of capitals and lower case differ in ink height
    # by more than a text layer's 0.8 pt of type, though set in the same type
    lines = [(150.0, 200.0, "Society for Ecological Restoration, Midwest-Great Lakes"), (200.0, 200.0, "Chapter"),
             (260.0, 200.0, "220 Lake Street, Madison, WI 53703"), *_THANKS]
    words = list(_ocr_page(lines).pages[0].words)
    words = [w if w.text != "Chapter" else type(w)(w.text, (w.bbox[0], w.bbox[1], w.bbox[2], w.bbox[1] + 38.0),
                                                     w.confidence, w.line) for w in words]
    from dataclasses import replace
    doc = replace(_ocr_page(lines), pages=(replace(_ocr_page(lines).pages[0], words=tuple(words)),))
    f = extract_evidence(doc, context=ExtractionContext(expected_name="Rafael Dubois")).fields.get(F.PROVIDER)
    assert f is not None and f.value == "Society for Ecological Restoration, Midwest-Great Lakes Chapter"


def test_ocr_letterhead_wrapped_with_the_space_between_lines_of_its_type_not_its_ink_is_read_whole():
    # two lines 62 px apart under 37 px of ink: 1.6 times the ink, though 1.2 times the type (the ink of a
    # line is about 3/4 of its type)
    from cecintake.domain import Page, ReadDocument, Word
    from cecintake.domain.vocab import MediaType, TextSource

    words = []
    for i, (top, x, text, h) in enumerate([(194.0, 303.0, "Society for Ecological Restoration", 37.5),
                                           (256.0, 722.0, "Europe", 37.0),
                                           (304.0, 698.0, "Rue du Marais 31", 15.0),
                                           (333.0, 658.0, "1000 Brussels, Belgium", 18.0),
                                           (584.0, 166.0, "Workshop Agenda: Peatland Rewetting Techniques", 29.0),
                                           (640.0, 166.0, "Instructor: Ana Ruiz, PhD", 26.0)]):
        for tok in text.split():
            words.append(Word(tok, (x, top, x + 0.5 * h * len(tok), top + h), 0.96, i))
            x += 0.5 * h * len(tok) + 0.3 * h
    doc = ReadDocument(MediaType.TIFF, (Page(1, 2000.0, 2600.0, TextSource.OCR, tuple(words), 0.95),))
    f = extract_evidence(doc, context=ExtractionContext()).fields.get(F.PROVIDER)
    assert f is not None and f.value == "Society for Ecological Restoration Europe"


@pytest.mark.parametrize("value,want", [
    ("-|Kestrel Field School", "Kestrel Field School"),
    ("Green. Corridors Training Ltd", "Green Corridors Training Ltd"),
], ids=["rule-before", "speck-inside"])
def test_ocr_stray_marks_around_a_labelled_provider_are_taken_off_as_a_weaker_method(value, want):
    doc = _ocr_page([(150.0, 200.0, "Certificate of Completion"), (260.0, 200.0, "This certifies that"),
                     (320.0, 200.0, "Rafael Dubois"), (420.0, 200.0, f"Provider: {value}"),
                     (480.0, 200.0, "Course: Native Seed Collection"), (540.0, 200.0, "Date: May 3, 2025")])
    f = extract_evidence(doc, context=ExtractionContext(expected_name="Rafael Dubois")).fields.get(F.PROVIDER)
    assert f is not None and f.value == want and f.method.endswith("ocr-clean")


def test_a_text_layers_provider_keeps_its_marks_and_method():
    f = _prov("Certificate of Completion\nThis certifies that\nRafael Dubois\nProvider: Acme Ltd. Holdings\n"
              "Course: Native Seed Collection\nDate: May 3, 2025\n", "Rafael Dubois")
    assert f is not None and f.value == "Acme Ltd. Holdings" and not f.method.endswith("ocr-clean")


def _ocr_prov(lines, name=None):
    """(text, ink height px, word confidence) -> one OCR line each, left-aligned, 200-dpi scan proportions."""
    from cecintake.domain import Page, ReadDocument, Word
    from cecintake.domain.vocab import MediaType, TextSource

    words, top = [], 300.0
    for i, (text, h, conf) in enumerate(lines):
        x = 200.0
        for tok in text.split():
            words.append(Word(tok, (x, top, x + 0.6 * h * len(tok), top + h), conf, i))
            x += 0.6 * h * len(tok) + h
        top += 1.6 * max(h, 28.0)
    doc = ReadDocument(MediaType.PNG, (Page(1, 2200.0, 1700.0, TextSource.OCR, tuple(words), 0.9),))
    return extract_evidence(doc, context=ExtractionContext(expected_name=name)).fields.get(F.PROVIDER)


_PANEL_BODY = [("77 Commerce Park", 20.0, 0.95), ("Raleigh, NC 27601", 20.0, 0.95),
               ("www.ecorestoreconsulting.org", 20.0, 0.95), ("Certificate of Volunteer Service", 40.0, 0.96),
               ("presented to", 24.0, 0.96), ("BEATRIZ VAN DER BERG", 36.0, 0.96),
               ("in recognition of 16 hours of volunteer service, leading volunteer crews", 26.0, 0.96)]


def test_a_logo_read_as_a_short_word_over_a_scans_letterhead_is_not_the_name():
    # a side panel's leaf logo read as 'Shs,' (confidence 0.3) over the organisation's name was the provider
    f = _ocr_prov([("Shs,", 30.0, 0.3), ("EcoRestore Consulting", 28.0, 0.95), ("LLC", 28.0, 0.96)] + _PANEL_BODY,
                  "BEATRIZ VAN DER BERG")
    assert f is not None and f.value == "EcoRestore Consulting LLC"


def test_an_ocr_name_wrapped_onto_a_word_with_a_descender_is_read_whole_and_priced_apart():
    # 'Northwoods Native Seed' (ink 31 px: no descender) over 'Cooperative' (40 px: the p's descender) measured as
    # different type; the body names the whole name again
    body = _PANEL_BODY[:3] + [("Volunteer Hours Log", 40.0, 0.96), ("Amara De la Cruz", 30.0, 0.96),
                              ("Northwoods Native Seed Cooperative is a 501(c)(3) nonprofit organization.", 26.0, 0.96)]
    f = _ocr_prov([("Northwoods Native Seed", 31.2, 0.96), ("Cooperative", 39.6, 0.96)] + body, "Amara De la Cruz")
    assert f is not None and f.value == "Northwoods Native Seed Cooperative"
    assert f.method.endswith(" ocr-wrapped")


def test_side_panel_certificates_scanned_name_their_provider_and_title(tmp_path):
    # stand-in part a's landscape certificates with a dark side panel (organisation, address, web address) beside
    # the certifying text, scanned: the panel was unread or its lines ran into the body's ('Volunteer Hours' as
    # the provider, 'SER' cut from 'SER Southwest Chapter', a title cut at its line's end)
    from fixtures.generate import generate

    from cecintake.extractors.reading import read_document

    got = []
    for s in generate(tmp_path, count=8, seed=7, split="standin", renders=("scan",),
                      kinds=["sa_conference", "sa_volunteer", "sa_certificate", "training_certificate"]):
        if s.truth["template"] != "cert_sidepanel":
            continue
        ev = extract_evidence(read_document(s.path.read_bytes()),
                              context=ExtractionContext(expected_name=s.truth["roster"]["full_name"]))
        for name in (F.PROVIDER, F.ACTIVITY_TITLE):
            f = ev.fields.get(name)
            got.append((s.path.name, f.value if f else None, s.truth["fields"].get(str(name))))
    assert len(got) >= 6 and all(v == want for _, v, want in got), got
