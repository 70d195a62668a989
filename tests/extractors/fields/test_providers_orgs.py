"""Provider among several organisations: the one that offered the activity, not an accreditor,
a venue, a partner, a funder or an instructor's employer (phrasings of ``fixtures/kinds_orgs``)."""

from cecintake.domain.vocab import FieldName as F
from cecintake.extractors.api import ExtractionContext
from cecintake.extractors.fields import extract_evidence
from cecintake.extractors.fields.common import _ORG_WORDS, ORG_HEADS
from cecintake.extractors.fields.orgnames import HEADS

from .helpers import doc_from_text


def _ev(text, name=None):
    return extract_evidence(doc_from_text(text), context=ExtractionContext(expected_name=name))


def test_one_vocabulary_of_organisation_heads():
    assert HEADS is ORG_HEADS
    for name in ("Oakleaf Ecological Services", "Prairie Restoration Guild", "Riverlands Ecology Lab",
                 "Hydrology Associates Inc."):
        assert _ORG_WORDS.search(name), name


def test_organisation_under_the_signature_named_with_services():
    text = ("LETTER OF ATTENDANCE\nAugust 31, 2025\nDear Ms. Ana Ruiz,\n"
            "On behalf of our team, I am pleased to confirm that Ana Ruiz completed our seminar, Soil Biology for\n"
            "Restoration Practitioners, on August 8, 2025.\n"
            "Hours may be submitted to the Ecological Society of America for certification renewal.\n"
            "Yours sincerely,\nSven Yoon\nProgram Coordinator\nOakleaf Ecological Services\n")
    assert _ev(text, "Ana Ruiz").value(F.PROVIDER) == "Oakleaf Ecological Services"


def test_accreditor_accepting_the_hours_is_not_the_provider():
    text = ("Boreal Reclamation Network\n220 Tamarack Way, Fort McMurray, AB T9H 1A1\nJune 3, 2025\n"
            "Dear Colleague,\nI am pleased to confirm that Ana Ruiz completed our seminar on June 1, 2025.\n"
            "Accepted by The Wildlife Society toward its professional certification program.\n"
            "Sincerely,\nSven Yoon\nProgram Coordinator\n")
    f = _ev(text, "Ana Ruiz").fields[F.PROVIDER]
    assert f.value == "Boreal Reclamation Network"


def test_co_sponsor_is_not_the_provider_and_by_phrase_reads_across_the_line_break():
    text = ("CERTIFICATE\nThis certifies that\nAisha Lovland\n"
            "has successfully completed the training \u201cPrescribed Burning for Prairie Managers\u201d, offered by\n"
            "Kestrel Environmental Training Ltd on 12/02/21.\n5.5 hrs of instruction\n"
            "Co-sponsored by the Green Futures Foundation.\nLocation: Pine Barrens Field Station\n")
    assert _ev(text, "Aisha Lovland").value(F.PROVIDER) == "Kestrel Environmental Training Ltd"


def test_only_a_co_sponsor_named_gives_way_to_the_organisation_under_the_signature():
    text = ("CERTIFICATE\nThis certifies that\nAisha Lovland\nhas completed Eelgrass Transplanting Methods\n"
            "Co-sponsored by the Green Futures Foundation.\nTariq Marchetti\nExecutive Director\n"
            "Kestrel Environmental Training Ltd\n12 Mill Yard, York YO1 7HU\n")
    assert _ev(text, "Aisha Lovland").value(F.PROVIDER) == "Kestrel Environmental Training Ltd"


def test_letterhead_logo_set_as_acronym_agrees_with_the_by_phrase():
    text = ("PRG\nCERTIFICATE\nAwarded to\nRobert Jones\n"
            "has successfully completed the training \"Seed Collection\", hosted by Prairie Restoration Guild on "
            "06/14/2023.\n6.5 hours of instruction\n")
    f = _ev(text, "Robert Jones").fields[F.PROVIDER]
    assert (f.value, f.confidence >= 0.9) == ("Prairie Restoration Guild", True)


def test_brought_to_you_by_names_the_provider():
    text = ("Certificate of Attendance\nThis is to certify that\nGrace Pena\nhas completed the training\n"
            "Prescribed Burning for Prairie Managers\n"
            "A training brought to you by Sonoran Desert Restoration Cooperative on October 30, 2023\n"
            "Generously supported by the Coastal Resilience Trust.\n")
    assert _ev(text, "Grace Pena").value(F.PROVIDER) == "Sonoran Desert Restoration Cooperative"


def test_by_phrase_does_not_run_into_a_label_on_the_next_line():
    text = ("Certificate of Completion\nAwarded to\nRafael Lovland\nTraining: Monitoring Vegetation Change\n"
            "Hours: 15 hrs\nLuis Marchetti\nTraining Manager\nIssued by Blue Ridge Native Plant Society\n"
            "SER approval code: SER-PA-2021-0274\n")
    assert _ev(text, "Rafael Lovland").value(F.PROVIDER) == "Blue Ridge Native Plant Society"


def test_on_behalf_of_names_the_sender_not_the_accreditor():
    text = ("Letter of Attendance\nAugust 20, 2022\nDear Colleague,\n"
            "On behalf of Prairie Restoration Guild, I am pleased to confirm that Jose Garcia completed our\n"
            "training, Prescribed Burning for Prairie Managers, on June 29, 2022.\n"
            "An approved continuing education activity of the Society for Ecological Restoration.\n"
            "Yours sincerely,\nKiri Calloway\nProgram Coordinator\n")
    assert _ev(text, "Jose Garcia").value(F.PROVIDER) == "Prairie Restoration Guild"


def test_signers_role_followed_by_the_organisation_beats_an_accreditor():
    text = ("Certificate of Attendance\nThis certifies that\nRafael Ibanez\nhas completed the\n"
            "Restoration Planning with Reference Sites\nheld Friday, October 18, 2024\nTotal: 12 hrs\n"
            "Venue: Blue Heron Lodge, Asheville, NC\n"
            "Accepted by the Society of American Foresters toward its professional certification program.\n"
            "Mei Osei\nPresident, SER Mid-Atlantic Chapter\n")
    assert _ev(text, "Rafael Ibanez").value(F.PROVIDER) == "SER Mid-Atlantic Chapter"


def test_organised_by_the_education_team_of():
    text = ("Presented to\nMateo Garcia\nfor successfully completing the course\n"
            "Workshop: Managing Volunteers on Restoration Projects\nApril 1, 2025\n"
            "Organized by the education team of Headwaters Restoration Institute.\n7.5 hours of instruction\n"
            "Accepted by the Ecological Society of America toward its professional certification program.\n")
    assert _ev(text, "Mateo Garcia").value(F.PROVIDER) == "Headwaters Restoration Institute"


def test_organisation_described_as_a_nonprofit_beats_an_accreditor():
    text = ("Presented to\nMateo Garcia\nfor successfully completing the course\nEelgrass Transplanting Methods\n"
            "April 1, 2025\n"
            "Accepted by the Ecological Society of America toward its professional certification program.\n"
            "Luis Baptiste\nEducation Director\n"
            "Headwaters Restoration Institute is a 501(c)(3) nonprofit organization.\n")
    assert _ev(text, "Mateo Garcia").value(F.PROVIDER) == "Headwaters Restoration Institute"


def test_by_phrase_does_not_run_into_the_date_on_the_next_line():
    text = ("This certifies that\nAisha Garcia\nfor completing the\nErosion Control with Live Stakes\n"
            "a webinar presented by the Society for Ecological Restoration\nWednesday, January 15, 2025\n"
            "6.5 hours of instruction\n")
    assert _ev(text, "Aisha Garcia").value(F.PROVIDER) == "Society for Ecological Restoration"


def test_by_phrase_does_not_take_the_same_name_printed_again_below():
    text = ("CERTIFICATE\nPresented to\nYuki Nakamura\nProgram: Stream Assessment and Channel Design\n"
            "Date: 2024-12-25\nGrace Osei\nPresident\nIssued by Greenbelt Land Trust\nGREENBELT LAND TRUST\n")
    assert _ev(text, "Yuki Nakamura").value(F.PROVIDER) == "Greenbelt Land Trust"


def test_acronym_under_issued_by_is_spelled_out_from_the_text():
    text = ("Certificate of Attendance\nThis is to certify that\nKwame Schafer\n"
            "has successfully completed the webinar Restoring Riparian Forests, hosted by Chesapeake Habitat Partners\n"
            "on 02/21/2025.\nContact hours: 2.25 hrs\nGrace Marchetti\nEducation Director\nIssued by\nCHP\n")
    assert _ev(text, "Kwame Schafer").value(F.PROVIDER) == "Chesapeake Habitat Partners"


def test_on_behalf_of_a_name_without_organisation_word_signed_again_below():
    text = ("Letter of Attendance\n2022-11-18\nTo whom it may concern:\n"
            "On behalf of Northwoods Field Studies, I am pleased to confirm that Grace Pena completed our webinar.\n"
            "Continuing education credit for this activity is recognised by The Wildlife Society.\n"
            "With best regards,\nSven Yoon\nEducation Director\nNorthwoods Field Studies\n")
    assert _ev(text, "Grace Pena").value(F.PROVIDER) == "Northwoods Field Studies"


def test_co_sponsor_and_partner_rows_are_not_the_provider_row():
    text = ("CE Verification Form\nParticipant: Grace Pena\nCourse title: Eelgrass Transplanting Methods\n"
            "Co-sponsor: Coastal Watershed Council\nPartner organization: Urban Canopy Project\n"
            "Funding organization: Hollis Family Foundation\nProvider: Oakleaf Ecological Services\n"
            "Date(s): June 25, 2021\n")
    assert _ev(text, "Grace Pena").value(F.PROVIDER) == "Oakleaf Ecological Services"


def test_provider_row_without_its_acronym():
    text = ("Record of Attendance\nAttendee: Grace Pena\nTraining provider: Boreal Reclamation Network (BRN)\n"
            "Accredited by: Society of American Foresters\nDate of activity: June 25, 2021\n")
    assert _ev(text, "Grace Pena").value(F.PROVIDER) == "Boreal Reclamation Network"


def test_provider_value_ends_at_the_next_detail_on_its_line():
    text = ("Record of Attendance\nAttendee: Grace Pena\n"
            "Sponsoring organization: Riverlands Ecology Lab | Date of activity: 2025-02-12 | Hours: 11.25\n")
    assert _ev(text, "Grace Pena").value(F.PROVIDER) == "Riverlands Ecology Lab"


def test_header_row_read_beside_its_label_is_no_provider():
    text = ("CE Verification Form\nParticipant: Rafael Schafer\n"
            "Sponsoring organization      Dates attended      Total hours\n"
            "Northwoods Field Studies      September 2nd, 2025      6 hrs\n")
    f = _ev(text, "Rafael Schafer").fields.get(F.PROVIDER)
    assert f is None or "Dates attended" not in f.value


def test_name_fallback_passes_over_accreditor_funder_and_venue():
    from cecintake.extractors.fields.layout import Layout
    from cecintake.extractors.fields.orgnames import org_anywhere

    text = ("Thank you for joining us for the planting day.\n"
            "The day was approved by the Society for Ecological Restoration for two hours of credit.\n"
            "It was made possible by a grant from the Hollis Family Foundation and took place at the Riverside\n"
            "Nature Center. Staff of the Greenbelt Land Trust led every session.\n")
    assert org_anywhere(Layout(doc_from_text(text))).value == "Greenbelt Land Trust"


def test_certifying_sentence_at_the_top_is_no_letterhead():
    text = ("Certificate of Attendance\nFundacion Bosques del Sur is pleased to recognize\nNoemie van der Berg\n"
            "has completed\nRestoration Planning with Reference Sites\n5-6 Sep 2025\n"
            "Funded in part by the Hollis Family Foundation.\n")
    assert _ev(text, "Noemie van der Berg").value(F.PROVIDER) == "Fundacion Bosques del Sur"


def test_footer_naming_the_documents_kind_is_no_provider():
    from cecintake.extractors.fields.providers import _trailer
    from cecintake.extractors.fields.layout import Layout

    text = ("Record of Attendance\nAttendee: Chen Patel\nHours of instruction: 8.5 hours\nHana Oyelaran\n"
            "Course Instructor\nECOLOGICAL SOCIETY OF AMERICA CONTINUING EDUCATION RECORD\n")
    lay = Layout(doc_from_text(text))
    assert _trailer(lay, lay.text) is None


def test_rest_of_a_split_label_is_cut_from_the_provider():
    from cecintake.extractors.fields.providers import _trim_org

    assert _trim_org("organization: Boreal Reclamation Network", (10, 50))[0] == "Boreal Reclamation Network"


def test_accreditors_record_title_at_the_top_is_no_letterhead():
    from cecintake.extractors.fields.layout import Layout
    from cecintake.extractors.fields.providers import _letterhead

    text = ("Society of American Foresters Continuing Education Record\nCE Verification Form\n"
            "Attendee: Grace Pena\n")
    assert _letterhead(Layout(doc_from_text(text))) is None


def test_by_phrase_reads_a_name_with_periods_in_it():
    for sentence, want in [
        ("This workshop was presented by the U.S. Fish and Wildlife Service on May 3, 2024.",
         "U.S. Fish and Wildlife Service"),
        ("The course was offered by Hydrology Associates, Inc. in Boise on May 3, 2024.", "Hydrology Associates, Inc."),
        ("The field day was hosted by St. Croix River Association on May 3, 2024.", "St. Croix River Association"),
    ]:
        text = f"Certificate of Completion\nThis certifies that\nAna Ruiz\nattended the training.\n{sentence}\n"
        assert _ev(text, "Ana Ruiz").value(F.PROVIDER) == want, sentence


def test_corporate_suffix_at_the_end_of_the_sentence_loses_the_sentences_period():
    text = ("Certificate of Completion\nThis certifies that\nAna Ruiz\nattended the training.\n"
            "A seminar presented by Kestrel Environmental Training Ltd.\n")
    assert _ev(text, "Ana Ruiz").value(F.PROVIDER) == "Kestrel Environmental Training Ltd"


def test_letter_for_submission_to_the_ser_names_the_provider_not_the_ser():
    text = ("Letter of Attendance\nMar. 24, 2024\nDear Ms. Ruth Haddad,\n"
            "At the request of Ruth Haddad, for submission to the Society for Ecological Restoration's\n"
            "certification program, we confirm attendance at our seminar 'Introduction to Restoration', held at\n"
            "the Blue Heron Lodge on Jan. 30, 2024. Please contact Oakleaf Ecological Services if the SER requires\n"
            "further detail.\nSincerely,\nAmos Ferreira\nProgram Coordinator\n")
    assert _ev(text, "Ruth Haddad").value(F.PROVIDER) == "Oakleaf Ecological Services"


def test_services_heads_a_name_only_after_two_capitalised_words():
    from cecintake.extractors.fields.layout import Layout
    from cecintake.extractors.fields.orgnames import org_anywhere

    assert org_anywhere(Layout(doc_from_text("Thanks to Oakleaf Ecological Services for the day.\n"))).value == \
        "Oakleaf Ecological Services"
    assert org_anywhere(Layout(doc_from_text("Certificate of Volunteer Service\nThank you, Member Services\n"))) is None


def test_acronym_of_a_hyphenated_name():
    text = ("Certificate of Completion\nAwarded to\nJose Thompson\n"
            "has successfully completed the course Managing Volunteers, hosted by Murray-Darling Landcare "
            "Association on 24 September 2024.\nTariq Osei\nExecutive Director\nPresented by\nMDLA\n")
    assert _ev(text, "Jose Thompson").value(F.PROVIDER) == "Murray-Darling Landcare Association"


def test_record_title_near_the_top_is_no_fallback_letterhead():
    text = ("Record of Attendance\nSociety for Ecological Restoration Continuing Education Record\n"
            "Attendee: Grace Pena\nActivity title: Eelgrass Transplanting Methods\n")
    f = _ev(text, "Grace Pena").fields.get(F.PROVIDER)
    assert f is None or not f.value.endswith("Record")


def test_the_venues_own_sponsor_is_not_the_provider():
    text = ("Salt Marsh Stewards\n44 Wharf Lane, Beaufort, SC 29902\nMay 3, 2025\nDear Colleague,\n"
            "This confirms that Ana Ruiz attended our workshop. The Riverside Nature Center, sponsored by Greenway\n"
            "Bank, kindly hosted the sessions on April 3, 2025.\nSincerely,\nRuth Yoon\nEducation Director\n")
    assert _ev(text, "Ana Ruiz").value(F.PROVIDER) == "Salt Marsh Stewards"
