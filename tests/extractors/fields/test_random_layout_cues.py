"""Cues found with the randomised train layouts (``fixtures/render_random.py``): details run
together on one line, captions over their values, letterheads wrapped onto a second line, and
the provider named only in the body (the organisation-name fallback, never auto-accepted)."""

import pytest

from cecintake.domain.vocab import FieldName as F
from cecintake.extractors.api import ExtractionContext
from cecintake.extractors.fields import extract_evidence
from cecintake.extractors.fields.layout import Layout, pairs
from cecintake.extractors.fields.orgnames import org_anywhere

from .helpers import doc_from_pieces, doc_from_text


def _ev(doc, name=None):
    return extract_evidence(doc, context=ExtractionContext(expected_name=name))


# --- details run together: "Label: value · Label: value" ---------------------------------------

def test_inline_details_give_one_pair_per_piece_across_the_wrap():
    doc = doc_from_text("Dear Ana Ruiz,\n"
                        "Instructor: Ana Ruiz · Training: Statistical Design of Restoration Monitoring · Sponsor: Canadian\n"
                        "Land Reclamation Collective · Hours of instruction: 9.5 PDH\n"
                        "With best regards,\n")
    got = {p.label: p.value for p in pairs(Layout(doc))}
    assert got["Training"] == "Statistical Design of Restoration Monitoring"
    assert got["Sponsor"] == "Canadian Land Reclamation Collective"
    assert got["Hours of instruction"] == "9.5 PDH"


@pytest.mark.parametrize("sep", [" · ", " | ", "; "])
def test_inline_details_name_provider_and_title(sep):
    line = sep.join(["Instructor: Ana Ruiz, CERP", "Training: Peatland Rewetting Techniques",
                     "Sponsor: Coastal Marsh Alliance", "Date(s): March 4, 2024", "Hours of instruction: 6 hours"])
    text = ("Verification of Instruction\nMarch 20, 2024\nDear Ana Ruiz,\n"
            "This letter confirms that Ana Ruiz taught for us.\n" + line + "\nWith best regards,\nLee Park\nProgram Director\n")
    ev = _ev(doc_from_text(text), "Ana Ruiz")
    assert ev.value(F.PROVIDER) == "Coastal Marsh Alliance"
    assert ev.value(F.ACTIVITY_TITLE) == "Peatland Rewetting Techniques"


def test_a_single_labelled_piece_in_a_contact_line_is_not_a_details_run():
    doc = doc_from_text("Suite 300, Washington, DC 20005 · T: (420) 555-1843 · www.example.org\n")
    assert [p for p in pairs(Layout(doc)) if p.kind == "inline"] == []


# --- captions over their values ------------------------------------------------------------------

def test_small_caption_over_a_larger_value_is_a_pair():
    doc = doc_from_pieces([(100, 72, "Confirmation of Completion", 16), (140, 72, "Training title", 7.5),
                           (150, 72, "Monitoring Restoration Outcomes with Drones", 11), (175, 72, "Sponsor", 7.5),
                           (185, 72, "Peatland Recovery Partnership", 11), (210, 72, "PARTICIPANT", 7.5),
                           (220, 72, "Sofia Haddad", 11)])
    got = {p.label: (p.value, p.kind) for p in pairs(Layout(doc))}
    assert got["Training title"] == ("Monitoring Restoration Outcomes with Drones", "over")
    assert got["Sponsor"][0] == "Peatland Recovery Partnership"
    ev = _ev(doc, "Sofia Haddad")
    assert ev.value(F.ACTIVITY_TITLE) == "Monitoring Restoration Outcomes with Drones"
    assert ev.value(F.PROVIDER) == "Peatland Recovery Partnership"


def test_one_word_course_caption_gives_the_course_name_without_its_code():
    doc = doc_from_pieces([(100, 72, "Unofficial Transcript", 16), (140, 72, "STUDENT", 7.5),
                           (150, 72, "Olivia MacDonald", 11), (175, 72, "COURSE", 7.5),
                           (185, 72, "SOIL 4150 Soil Reclamation", 11), (210, 72, "Instructional hours", 7.5),
                           (220, 72, "60 hrs", 11)])
    assert _ev(doc, "Olivia MacDonald").value(F.ACTIVITY_TITLE) == "Soil Reclamation"


@pytest.mark.parametrize("lead", ["This is to certify that", "presented to"])
def test_a_lead_line_over_the_name_is_no_caption(lead):
    doc = doc_from_pieces([(100, 72, lead, 11), (120, 72, "Sofia Haddad", 24)])
    assert [p for p in pairs(Layout(doc)) if p.kind == "over"] == []


def test_a_heading_over_smaller_text_is_no_caption():
    doc = doc_from_pieces([(100, 72, "Instructors", 12), (116, 72, "Samuel Walsh, CERP", 10)])
    assert [p for p in pairs(Layout(doc)) if p.kind == "over"] == []


# --- letterheads wrapped onto a second line -------------------------------------------------------

def test_letterhead_wrapped_after_a_word_the_body_repeats_is_joined():
    doc = doc_from_pieces([(40, 300, "SOCIETY FOR ECOLOGICAL", 16), (58, 300, "RESTORATION", 16),
                           (80, 300, "1133 15th Street NW"), (120, 72, "08/16/2025"), (140, 72, "Dear Robert Patel,"),
                           (160, 72, "This letter confirms that Robert Patel served as a member of the Board"),
                           (174, 72, "of Directors of the Society for Ecological Restoration from 07/2023 to 06/2025."),
                           (200, 72, "Sincerely,"), (240, 72, "Olivia Mensah"), (254, 72, "Board Secretary")])
    assert _ev(doc, "Robert Patel").value(F.PROVIDER).lower() == "society for ecological restoration"


def test_letterhead_wrapped_before_its_organisation_word_is_joined():
    doc = doc_from_pieces([(40, 72, "Canadian Land Reclamation", 16), (58, 72, "Collective", 16),
                           (80, 72, "310 Boreal Way, Edmonton"), (120, 72, "Dear Ana Ruiz,"),
                           (140, 72, "Thank you for attending our field course on peatland rewetting."),
                           (200, 72, "Sincerely,"), (240, 72, "Lee Park"), (254, 72, "Program Director")])
    assert _ev(doc, "Ana Ruiz").value(F.PROVIDER) == "Canadian Land Reclamation Collective"


def test_letterhead_over_its_unit_line_is_not_joined():
    doc = doc_from_pieces([(40, 72, "Great Plains Land Trust", 16), (58, 72, "Volunteer Services", 16),
                           (120, 72, "Dear Ana Ruiz,"), (140, 72, "Thank you for volunteering with us this spring."),
                           (200, 72, "Sincerely,"), (240, 72, "Lee Park"), (254, 72, "Volunteer Coordinator")])
    assert _ev(doc, "Ana Ruiz").value(F.PROVIDER) == "Great Plains Land Trust"


# --- the organisation named only in the body -------------------------------------------------------

def test_provider_named_only_in_a_sentence_is_found_below_the_auto_accept_line():
    text = ("March 3, 2025\nRafael Berg\nRe: Event organization\nDear Rafael Berg,\n"
            "I am pleased to confirm that Rafael Berg organized the following two events for the SER\n"
            "Mid-Atlantic Chapter:\n– Restoration Photo Exhibit, February 14, 2025\n"
            "– Fall Volunteer Planting Day, February 14–15, 2025\nSincerely,\nRafael Thompson\nEvents Committee Chair\n")
    ev = _ev(doc_from_text(text), "Rafael Berg")
    assert ev.value(F.PROVIDER) == "SER Mid-Atlantic Chapter"
    assert ev.fields[F.PROVIDER].confidence < 0.9


def test_provider_as_the_subject_of_a_body_sentence_is_found():
    text = ("CERTIFICATE OF VOLUNTEER SERVICE\npresented to\nGrace MacDonald\n"
            "in recognition of 16 hours of volunteer service, surveying frogs on restored wetlands, Sept. 11, 2022.\n"
            "Pacific Northwest Wetland Trust is a non-profit organization dedicated to ecological restoration.\n"
            "Beatriz Ibanez\nStewardship Manager\n")
    ev = _ev(doc_from_text(text), "Grace MacDonald")
    assert ev.value(F.PROVIDER) == "Pacific Northwest Wetland Trust"
    assert ev.fields[F.PROVIDER].confidence < 0.9


@pytest.mark.parametrize("text, want", [
    ("Dear SER Certification Program,\nKai Whitfield (Cascadia State University) taught the course for the "
     "Tallgrass Restoration Network in May.\n", "Tallgrass Restoration Network"),
    ("Affiliation: EcoRestore Consulting LLC\nThe Riparian Futures Institute thanks you.\n", "Riparian Futures Institute"),
    ("She served on the Board of Directors of the Society for Ecological Restoration Europe.\n",
     "Society for Ecological Restoration Europe"),
    ("Awarded by the University of the Uplands for work with Green Corridors Training Ltd and the University of the "
     "Uplands.\n", "University of the Uplands"),
])
def test_org_name_fallback_prefers_the_organisation_over_affiliations_and_addressees(text, want):
    found = org_anywhere(Layout(doc_from_text(text)))
    assert found is not None and found.value == want and found.confidence < 0.85


@pytest.mark.parametrize("text", ["CERTIFICATE OF VOLUNTEER SERVICE\npresented to Ana Ruiz\n",
                                  "Board of Directors\nThank you for your service.\n"])
def test_org_name_fallback_finds_nothing_in_titles_or_bodies_a_person_sat_on(text):
    assert org_anywhere(Layout(doc_from_text(text))) is None


# --- a document-kind heading beside the title -----------------------------------------------------

def _agenda(title_piece, heading_piece):
    return doc_from_pieces([(40, 72, "PACIFIC NORTHWEST WETLAND TRUST", 12), (56, 72, "901 Alder Street"),
                            title_piece, heading_piece,
                            (150, 72, "Dates: July 26–27, 2021"), (166, 72, "Instructors"),
                            (182, 72, "– Samuel K. Walsh, CERP"), (200, 72, "Schedule"),
                            (216, 72, "8:30–9:00 Check-in and registration"),
                            (232, 72, "9:00–10:35 Case study: Peatland Rewetting Techniques")])


def test_kind_heading_set_larger_than_the_title_is_not_the_title():
    doc = _agenda((100, 72, "Prescribed Fire Ecology Field Tour", 13), (120, 72, "Workshop Agenda", 15))
    ev = _ev(doc)
    assert ev.value(F.ACTIVITY_TITLE) == "Prescribed Fire Ecology Field Tour"


def test_kind_heading_read_on_the_title_line_is_cut_off():
    doc = _agenda((100, 72, "MONITORING RESTORATION OUTCOMES WITH DRONES", 15),
                  (100, 400, "Field Tour Itinerary", 15))
    assert _ev(doc).value(F.ACTIVITY_TITLE) == "MONITORING RESTORATION OUTCOMES WITH DRONES"


# --- the organisation under side-by-side signatures, after a title line, across a prose wrap ------

def test_organisation_under_signatures_side_by_side_is_the_provider():
    doc = doc_from_pieces([(100, 200, "Award of Completion", 24), (150, 220, "Renee Lovland", 18),
                           (180, 100, "has fulfilled the requirements of Invasive Species Management in Riparian Zones"),
                           (200, 180, "July 10, 2025 | 5 contact hours"),
                           (260, 100, "Hannah Patel"), (260, 400, "Camille T. Rivera"),
                           (272, 100, "Executive Director"), (272, 400, "Lead Instructor"),
                           (290, 220, "Wildland Skills Exchange")])
    ev = _ev(doc, "Renee Lovland")
    assert ev.value(F.PROVIDER) == "Wildland Skills Exchange"
    assert ev.fields[F.PROVIDER].confidence < 0.9


def test_organisation_named_in_the_body_beats_a_title_in_the_first_line():
    text = ("Award of Completion\nRenee Lovland\nhas completed a field course with the River Partners in May 2025.\n"
            "Hannah Patel\n")
    ev = _ev(doc_from_text(text, big_lines=frozenset({0})), "Renee Lovland")
    assert ev.value(F.PROVIDER) == "River Partners"


@pytest.mark.parametrize("body, want", [
    ("Our records show that Nils Berg sat on the Awards Committee of the SER Mid-Atlantic\n"
     "Chapter for three years, from March 1st, 2022 - February 28th, 2025.\n", "SER Mid-Atlantic Chapter"),
    ("May 4th, 2022 • held in person at the Great Basin Native Plant Collaborative training room\n",
     "Great Basin Native Plant Collaborative"),
])
def test_of_phrase_reads_the_whole_name_and_no_more(body, want):
    text = "March 14th, 2025\nNils Berg\nDear Nils Berg,\n" + body + "Kind regards,\nMarcus Muller\n"
    assert _ev(doc_from_text(text), "Nils Berg").value(F.PROVIDER) == want


# --- values wrapped onto the next line ---------------------------------------------------------------

def test_colon_inside_a_quoted_title_wrapped_from_the_line_above_is_no_label():
    text = ("LETTER OF ACCEPTANCE\n31/10/2023\nLiam Berg\nTo whom it may concern:\n"
            "I am pleased to confirm that Journal of Applied\n"
            "Restoration Science has accepted your manuscript “Prairie\n"
            "Seed Collection Workshop: lessons from a decade of\n"
            "practice” (Manuscript ID JARS-2023-325), following peer\nreview, for publication.\n")
    assert not any(p.label == "Seed Collection Workshop" for p in pairs(Layout(doc_from_text(text))))


def test_label_value_with_the_name_wrapped_in_its_column_is_joined():
    doc = doc_from_pieces([(100, 72, "Name: Marcus Pena"), (100, 330, "Term: 2025-01-01 – 2027-12-31"),
                           (116, 72, "Organization: Society for"), (116, 330, "Years of service: three (3) years"),
                           (130, 72, "Ecological Restoration"),
                           (160, 72, "On behalf of the Society for Ecological Restoration, thank you.")])
    assert _ev(doc, "Marcus Pena").value(F.PROVIDER) == "Society for Ecological Restoration"


def test_value_cell_wrapped_in_its_column_is_joined():
    doc = doc_from_pieces([(100, 72, "Participant"), (100, 200, "Samuel Hernandez"),
                           (116, 72, "Training title"), (116, 200, "Statistical Design of Restoration"),
                           (128, 200, "Monitoring"), (144, 72, "Sponsor"), (144, 200, "EcoRestore Consulting LLC")])
    got = {p.label: p.value for p in pairs(Layout(doc))}
    assert got["Training title"] == "Statistical Design of Restoration Monitoring"
    assert got["Sponsor"] == "EcoRestore Consulting LLC"


def test_task_label_value_running_on_in_lower_case_is_joined():
    from cecintake.extractors.fields.misc import find_task

    text = ("Volunteer: Ana Ruiz; Hours: 20.25 hours; Tasks: installing and maintaining erosion-control\n"
            "wattles.\nRiparian Futures Institute is a non-profit organization.\n")
    assert find_task(text, text.replace("\n", " ")).value == "installing and maintaining erosion-control wattles"


def test_department_in_small_capitals_over_the_letterhead_is_no_caption():
    doc = doc_from_pieces([(40, 400, "EDUCATION & TRAINING", 8), (50, 400, "Coastal Marsh Alliance", 13),
                           (70, 400, "1200 Harbor Drive"), (120, 72, "Dear Ana Ruiz,"),
                           (140, 72, "Thank you for the 12 hours you spent planting marsh grasses with us."),
                           (200, 72, "Sincerely,"), (240, 72, "Lee Park"), (254, 72, "Volunteer Coordinator")])
    assert [p for p in pairs(Layout(doc)) if p.kind == "over"] == []
    assert _ev(doc, "Ana Ruiz").value(F.ACTIVITY_TITLE) != "Coastal Marsh Alliance"


def test_org_name_fallback_skips_a_signers_role_and_a_label_cell():
    text = ("May 15th, 2023\nDear Colleague,\nI am pleased to confirm that Mateo Brien organized the following two "
            "events for the SER\nMidwest-Great Lakes Chapter:\nYours sincerely,\nSofia Garcia\nChapter President\n")
    assert org_anywhere(Layout(doc_from_text(text))).value == "SER Midwest-Great Lakes Chapter"
    doc = doc_from_pieces([(100, 72, "Dates"), (100, 200, "July 24–26, 2025"), (116, 72, "Location"),
                           (116, 200, "EcoRestore Consulting LLC field station, Tucson, AZ"),
                           (140, 72, "• Jonah Garcia, CERP (EcoRestore Consulting LLC)")])
    assert org_anywhere(Layout(doc)).value == "EcoRestore Consulting LLC"


def test_org_name_only_ever_named_as_an_affiliation_is_not_the_provider():
    text = "Affiliation: EcoRestore Consulting LLC\nJonah Garcia (EcoRestore Consulting LLC) taught it.\n"
    assert org_anywhere(Layout(doc_from_text(text))) is None
