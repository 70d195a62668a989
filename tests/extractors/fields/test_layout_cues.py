"""General layout cues found with the train-only layouts of ``fixtures.doc.TRAIN_LAYOUTS``
(provider under the signatures or in a footer, "unit | organisation" bands, right-aligned
letterheads, date top-right, header-over-value tables, two-column details)."""

from collections import Counter

import pytest

from cecintake.domain import Page, ReadDocument, Word
from cecintake.domain.vocab import DocType, MediaType, TextSource
from cecintake.domain.vocab import FieldName as F
from cecintake.extractors.api import ExtractionContext
from cecintake.extractors.fields import extract_evidence
from cecintake.extractors.fields.layout import Layout, pairs, table_rows

from .helpers import doc_from_pieces as _page
from .helpers import doc_from_text


def _ev(doc: ReadDocument, name: str | None = None):
    return extract_evidence(doc, context=ExtractionContext(expected_name=name))


# --- fixtures: the layouts exist for train and validation only --------------------------------

def test_train_layouts_are_never_produced_for_heldout():
    from fixtures.doc import HELDOUT_TEMPLATES, RANDOM_LAYOUTS, TRAIN_LAYOUTS, pick_layout

    layouts = {t for ts in TRAIN_LAYOUTS.values() for t in ts}
    assert not layouts & HELDOUT_TEMPLATES
    for i in range(200):
        for t in ("cert_classic", "letter_band", "form_table", "cert_minimal", "letter_email"):
            assert pick_layout(t, "heldout", f"k{i}") == t
            assert pick_layout(t, None, f"k{i}") == t
    drawn = Counter(pick_layout("letter_band", "train", f"k{i}") for i in range(300))
    assert set(drawn) == {"letter_band", *TRAIN_LAYOUTS["letter"], RANDOM_LAYOUTS["letter"]}
    assert {pick_layout("cert_modern", "validation", f"k{i}") for i in range(300)} >= set(TRAIN_LAYOUTS["certificate"])


def test_generated_train_documents_on_the_new_layouts_name_their_provider(tmp_path):
    from cecintake.extractors.reading import read_document
    from fixtures.doc import TRAIN_LAYOUTS
    from fixtures.generate import generate

    layouts = {t for ts in TRAIN_LAYOUTS.values() for t in ts}
    samples = [s for s in generate(tmp_path, count=60, seed=21, split="train",
                                   kinds=["training_certificate", "instruction_letter", "service_letter",
                                          "volunteer_letter", "conference_attendance"])
               if s.truth["template"] in layouts]
    assert len({s.truth["template"] for s in samples}) >= 4
    right = 0
    for s in samples:
        ev = _ev(read_document(s.path.read_bytes()), s.truth["roster"]["full_name"])
        right += (ev.value(F.PROVIDER) or "").lower() == s.truth["fields"]["provider"].lower()
    assert right >= 0.9 * len(samples)


# --- provider -------------------------------------------------------------------------------

@pytest.mark.parametrize("band", ["Restoration Programs | Great Plains Land Trust",
                                  "Great Plains Land Trust \u2013 Volunteer Services",
                                  "Office of Continuing Education \u00b7 Great Plains Land Trust"])
def test_unit_band_letterhead_gives_the_organisation(band):
    text = (f"{band}\nMarch 3, 2025\nAna Ruiz\nDear Ana Ruiz,\nThank you for the 12 hours you spent pulling "
            "invasive brome on our prairie sites (January 5 - February 20, 2025).\nKind regards,\nLee Park\n"
            "Volunteer Coordinator\n")
    assert _ev(doc_from_text(text), "Ana Ruiz").value(F.PROVIDER) == "Great Plains Land Trust"


def test_addressee_below_the_letter_date_is_not_the_letterhead():
    text = ("11/07/2023\nSER Certification Program\nCommunity volunteer\nDear SER Certification Program,\n"
            "I am writing to confirm that Aisha Moreau was the instructor of record for FOR 4470 Fire Ecology\n"
            "during the term 03/21/2023 to 07/08/2023, a total of 30 hrs of classroom instruction.\n"
            "Yours sincerely,\nYuki Moreau\nProgram Director\nCascadia State University\n"
            "500 Summit Hall, Corvallis, OR 97331 \u00b7 T: (541) 555-0199\n")
    ev = _ev(doc_from_text(text), "Aisha Moreau")
    assert ev.value(F.PROVIDER) == "Cascadia State University"


def test_organisation_in_the_footer_over_its_contact_line():
    pieces = [(90.0, 72.0, "May 22, 2023"), (108.0, 72.0, "Mensah, Siobhan"), (126.0, 72.0, "Dear Mensah, Siobhan,"),
              (144.0, 72.0, "Thank you for your time and energy! Our records show you gave 12.25 hours"),
              (160.0, 72.0, "removing invasive buckthorn from the oak woodland."),
              (190.0, 72.0, "Kind regards,"), (230.0, 72.0, "Mary-Kate Chaudhry"), (244.0, 72.0, "Site Steward"),
              (735.0, 100.0, "Mangrove Action Collective"),
              (748.0, 100.0, "22 Jalan Pantai \u00b7 Penang 10450, Malaysia \u00b7 Tel. (557) 555-4645")]
    assert _ev(_page(pieces), "Siobhan Mensah").value(F.PROVIDER) == "Mangrove Action Collective"


def test_a_by_label_on_its_own_line_names_the_provider_below():
    text = ("Certificate of Course Completion\nThis certifies that\nSamuel Lovland\ncompleted ENVS 4410 Restoration "
            "Ecology (06/13/2022 through 09/30/2022),\ncomprising 45 hours of classroom instruction.\n"
            "Siobhan Garcia\nUniversity Registrar\nIssued by\nGulf Coast University\n42 Bayou Blvd, Mobile, AL 36604\n")
    ev = _ev(doc_from_text(text), "Samuel Lovland")
    assert ev.value(F.PROVIDER) == "Gulf Coast University"
    assert ev.fields[F.PROVIDER].method == "label above"


def test_the_subject_of_certifies_is_the_provider():
    text = ("Award of Completion\nVerdant Roots Learning certifies that\nDana Haddad\nhas completed "
            "Native Seed Production Basics on October 3, 2023\nDuration: 6 hours\n")
    assert _ev(doc_from_text(text), "Dana Haddad").value(F.PROVIDER) == "Verdant Roots Learning"


# --- tables and pairs -----------------------------------------------------------------------

def _table_cert() -> ReadDocument:
    return _page([
        (200.0, 72.0, "Confirmation of Completion"),
        (230.0, 72.0, "Participant"), (230.0, 232.0, "Training title"), (230.0, 392.0, "Sponsor"),
        (246.0, 72.0, "Patel, Siobhan A."), (246.0, 232.0, "Stream Channel Restoration"),
        (246.0, 392.0, "Society for Ecological"),
        (258.0, 232.0, "Design"), (258.0, 392.0, "Restoration Europe"),
        (284.0, 72.0, "Dates"), (284.0, 232.0, "Hours of classroom"), (284.0, 392.0, "Final grade"),
        (296.0, 232.0, "instruction"),
        (312.0, 72.0, "2024-07-19"), (312.0, 232.0, "10 hours"), (312.0, 392.0, "A-"),
    ])


def test_header_row_table_joins_wrapped_headers_and_cells():
    rows = table_rows(Layout(_table_cert()))
    assert rows[0] == {"participant": ("Patel, Siobhan A.", rows[0]["participant"][1]),
                       "training title": ("Stream Channel Restoration Design", rows[0]["training title"][1]),
                       "sponsor": ("Society for Ecological Restoration Europe", rows[0]["sponsor"][1])}
    assert {"dates", "hours of classroom instruction", "final grade"} in [set(r) for r in rows]
    assert not any("patel, siobhan a." in r for r in rows)  # a data row is no header of the rows below


def test_wrapped_table_cells_give_title_and_provider():
    ev = _ev(_table_cert(), "Siobhan A. Patel")
    assert ev.value(F.ACTIVITY_TITLE) == "Stream Channel Restoration Design"
    assert ev.value(F.PROVIDER) == "Society for Ecological Restoration Europe"


def test_two_label_value_pairs_side_by_side_are_two_pairs():
    doc = _page([(200.0, 72.0, "Record of Attendance"),
                 (220.0, 72.0, "Name: Bjorn Fernandez"), (220.0, 320.0, "Format: Held in Portland, OR"),
                 (236.0, 72.0, "Event: 2025 Coastal Resilience Summit"),
                 (236.0, 320.0, "Continuing education hours: 9 1/4 hours"),
                 (252.0, 72.0, "Dates: January 27-29, 2025")])
    got = [(p.label, p.value) for p in pairs(Layout(doc))]
    assert ("Event", "2025 Coastal Resilience Summit") in got
    assert ("Continuing education hours", "9 1/4 hours") in got
    ev = _ev(doc, "Bjorn Fernandez")
    assert ev.value(F.ACTIVITY_TITLE) == "2025 Coastal Resilience Summit"
    assert ev.value(F.CONTACT_HOURS) == 9.25


# --- dates ----------------------------------------------------------------------------------

@pytest.mark.parametrize("date_line", ["August 16, 2023", "Wednesday, August 16, 2023"])
def test_the_letter_date_above_the_salutation_is_not_the_activity_date(date_line):
    # a right-aligned letterhead of five lines puts the letter's date far down its head
    text = ("Verdant Roots Learning\n19 Cedar Row\nAsheville, NC 28801\nTel. (248) 555-3652\nwww.verdantroots.org\n"
            f"{date_line}\nReference: CE/2023/758\nSamuel Lovland\nRe: Teaching confirmation\nDear Samuel Lovland,\n"
            "This is to certify that Samuel Lovland was the lead trainer for Bioengineering for Streambank\n"
            "Stabilization, a course offered by Verdant Roots Learning in the field (August 2, 2023).\n"
            "The course comprised 14 hrs of instruction.\nYours sincerely,\n")
    ev = _ev(doc_from_text(text), "Samuel Lovland")
    assert ev.doc_type is DocType.INSTRUCTION_LETTER
    assert ev.value(F.START_DATE) == "2023-08-02"


def test_a_certificate_date_below_its_sentence_is_the_activity_date():
    text = ("CERTIFICATE OF COMPLETION\nWe hereby certify that\nWalsh, Mary-Kate\nhas successfully completed\n"
            "Restoring Seagrass Meadows\n1st Feb 2023\nDuration: 13h 30m\n")
    ev = _ev(doc_from_text(text), "Mary-Kate Walsh")
    assert ev.value(F.START_DATE) == "2023-02-01"


# --- second round (sched_footer, unit line over a right-aligned letterhead) ---------------------

def test_a_department_line_over_the_letterhead_is_not_the_provider():
    text = ("PROGRAMS DEPARTMENT\nVerdant Roots Learning\n19 Cedar Row\nAsheville, NC 28801\nMarch 3, 2025\n"
            "Ana Ruiz\nDear Ana Ruiz,\nI am pleased to confirm that Ana Ruiz successfully completed our course,\n"
            "Riparian Buffer Design, held July 26, 2024 in Portland, OR.\nParticipants received 13 contact hours.\n")
    assert _ev(doc_from_text(text), "Ana Ruiz").value(F.PROVIDER) == "Verdant Roots Learning"


def test_the_second_line_of_a_wrapped_heading_is_no_letterhead():
    pieces = [(100.0, 72.0, "Course Syllabus: Beaver-Based Stream"), (121.0, 72.0, "Restoration"),
              (150.0, 72.0, "Dates: February 7, 2025"), (170.0, 72.0, "Instructors"),
              (186.0, 72.0, "Maria Lefevre, MS (Restoration Skills)"),
              (210.0, 72.0, "Time"), (210.0, 160.0, "Session"),
              (226.0, 72.0, "8:00-9:30"), (226.0, 160.0, "Restoration site walk"),
              (242.0, 72.0, "9:30-11:00"), (242.0, 160.0, "Restoration design lecture"),
              (735.0, 72.0, "Peatland Recovery Partnership"),
              (748.0, 72.0, "14 Moor Lane \u00b7 Hebden Bridge HX7 8AD \u00b7 Tel: (750) 555-8508")]
    doc = _page(pieces)
    # the heading is set large
    big = tuple(Word(w.text, (w.bbox[0], w.bbox[1], w.bbox[2], w.bbox[1] + 17.0), 1.0, w.line)
                if w.line in (0, 1) else w for w in doc.pages[0].words)
    doc = ReadDocument(MediaType.PDF, (Page(1, 612.0, 792.0, TextSource.TEXT_LAYER, big, None),))
    assert _ev(doc).value(F.PROVIDER) == "Peatland Recovery Partnership"


def test_a_table_header_row_is_not_a_label_value_pair():
    doc = _page([(200.0, 72.0, "Training"), (200.0, 232.0, "Sponsor"), (200.0, 392.0, "Date(s)"),
                 (216.0, 72.0, "Reference Ecosystems"), (216.0, 232.0, "Riparian Futures Institute"),
                 (216.0, 392.0, "2024-05-02")])
    assert not [p for p in pairs(Layout(doc)) if p.label == "Training"]
    assert table_rows(Layout(doc))[0]["training"][0] == "Reference Ecosystems"


def test_a_bare_conference_word_on_a_wrapped_cell_is_no_conference_name():
    text = ("Record of Attendance\nName Event Dates\nTariq Brennan 2019 Native Seed Tuesday, July 23, 2019\n"
            "Conference\nContinuing education hours: 6 hours\n")
    ev = _ev(doc_from_text(text), "Tariq Brennan")
    assert ev.value(F.ACTIVITY_TITLE) != "Conference"


def test_a_date_below_a_line_ending_in_unit_is_a_whole_date():
    text = ("Green Corridors Training Ltd \u2013 Training Unit\n19 November 2023\nWALSH, MARY-KATE\n"
            "To whom it may concern:\nI confirm that WALSH, MARY-KATE led the training \u201cReference Ecosystems\u201d\n"
            "for Green Corridors Training Ltd. The sessions took place online on 20 September 2023 and totalled 1 "
            "hours of teaching.\n")
    ev = _ev(doc_from_text(text), "Mary-Kate Walsh")
    assert ev.value(F.START_DATE) == "2023-09-20"


def test_a_number_in_words_wrapped_before_its_figures_is_one_count():
    from cecintake.extractors.fields.hours import join_wrapped_hours

    assert join_wrapped_hours("comprising forty-five\n(45) hours of classroom instruction") == \
        "comprising forty-five (45) hours of classroom instruction"


def test_the_word_before_the_next_cells_label_is_not_part_of_the_name():
    from cecintake.extractors.fields.people import choose_participant

    c = choose_participant("Record of Attendance\nName: Emile Hernandez Format: Held in Portland, OR\n",
                           "Emile Hernandez")
    assert c.name == "Emile Hernandez"


def test_the_first_line_can_be_the_title_when_the_provider_is_named_in_the_footer():
    pieces = [(100.0, 72.0, "Statistical Design of Restoration Monitoring"), (130.0, 72.0, "Field Tour Itinerary"),
              (150.0, 72.0, "Dates: March 13, 2025"), (170.0, 72.0, "Instructors"),
              (186.0, 72.0, "Joaquin Mensah, PhD (Riparian Futures Institute)"),
              (210.0, 72.0, "Time"), (210.0, 160.0, "Session"),
              (226.0, 72.0, "8:30-9:00"), (226.0, 160.0, "Check-in and registration"),
              (242.0, 72.0, "9:00-11:00"), (242.0, 160.0, "Monitoring design in the field"),
              (735.0, 72.0, "Peatland Recovery Partnership"),
              (748.0, 72.0, "14 Moor Lane \u00b7 Hebden Bridge HX7 8AD \u00b7 Tel: (750) 555-8508")]
    doc = _page(pieces)
    big = tuple(Word(w.text, (w.bbox[0], w.bbox[1], w.bbox[2], w.bbox[1] + (17.0 if w.line == 0 else 14.0)), 1.0,
                     w.line) if w.line in (0, 1) else w for w in doc.pages[0].words)
    doc = ReadDocument(MediaType.PDF, (Page(1, 612.0, 792.0, TextSource.TEXT_LAYER, big, None),))
    ev = _ev(doc)
    assert ev.value(F.PROVIDER) == "Peatland Recovery Partnership"
    assert ev.value(F.ACTIVITY_TITLE) == "Statistical Design of Restoration Monitoring"


# --- third round ------------------------------------------------------------------------------

def test_a_name_over_its_address_block_is_the_letterhead_without_an_organisation_word():
    text = ("PROGRAMS DEPARTMENT\nVerdant Roots Learning\n19 Cedar Row\nAsheville, NC 28801\nDelegate Certificate\n"
            "2023 Native Seed Conference\nMar. 21-23, 2023, Tucson, AZ\nMarcus De la Cruz took part in the conference "
            "programme, earning 11 hrs of continuing education credit.\nElena Zielinski\nConference Chair\n")
    ev = _ev(doc_from_text(text), "Marcus De la Cruz")
    assert ev.value(F.PROVIDER) == "Verdant Roots Learning"
    assert ev.fields[F.PROVIDER].method == "letterhead"


def test_a_title_over_an_event_line_is_no_letterhead():
    text = ("Delegate Certificate\n2024 Native Seed Conference\nMarch 3-4, 2024, Tucson, AZ\nRafael Walsh took part "
            "in the conference programme, earning 8.5 contact hours.\nElena Zielinski\nConference Chair\n"
            "Riparian Futures Institute\n88 Willow Bend Road, Bozeman, MT 59715\n")
    assert _ev(doc_from_text(text), "Rafael Walsh").value(F.PROVIDER) == "Riparian Futures Institute"


def test_an_ampersand_unit_in_a_band_is_a_unit():
    text = ("Education & Training \u2013 GreenShift Training Pty Ltd\nDelegate Certificate\n2023 World Conference on "
            "Ecological Restoration\nDelegate: Tariq Dubois\nSessions attended: 9.5 contact hours\n")
    ev = _ev(doc_from_text(text), "Tariq Dubois")
    assert ev.value(F.PROVIDER) == "GreenShift Training Pty Ltd"


def test_a_two_word_label_after_a_name_is_not_part_of_it():
    from cecintake.extractors.fields.people import choose_participant

    c = choose_participant("Course Completion Record\nStudent: Priya Zielinski Instructional hours: 30 hrs\n",
                           "Priya Zielinski")
    assert c.name == "Priya Zielinski"


def test_a_conference_in_a_table_cell_reads_from_the_table_not_its_wrapped_line():
    doc = _page([(140.0, 72.0, "Record of Attendance"),
                 (167.0, 72.0, "Name"), (167.0, 232.0, "Event"), (167.0, 392.0, "Dates"),
                 (183.0, 72.0, "Siobhan Muller"), (183.0, 232.0, "2020 National Riparian"),
                 (183.0, 392.0, "May 15, 2020"),
                 (195.0, 232.0, "Restoration Symposium"),
                 (219.0, 72.0, "Format"), (219.0, 232.0, "Continuing education hours"),
                 (235.0, 72.0, "Held in Valdivia"), (235.0, 232.0, "5.5 contact hours")])
    ev = _ev(doc, "Siobhan Muller")
    assert ev.value(F.ACTIVITY_TITLE) == "2020 National Riparian Restoration Symposium"


def _split_letterhead() -> ReadDocument:
    return _page([(46.0, 72.0, "Green Corridors Training Ltd"), (46.0, 420.0, "23rd Nov 2022"),
                  (62.0, 72.0, "Unit 4"), (62.0, 420.0, "Our ref: TR/2025/557"),
                  (73.0, 72.0, "Riverside Works, Bristol BS1 6XN, United Kingdom"),
                  (84.0, 72.0, "Tel: (915) 555-8205"),
                  (118.0, 72.0, "Mary-Kate Fernandez"), (136.0, 72.0, "Re: Instruction"),
                  (158.0, 72.0, "Dear Colleague,"),
                  (175.0, 72.0, "This letter confirms that Mary-Kate Fernandez served as an instructor for"),
                  (189.0, 72.0, "Oak Savanna Restoration Field Day, a workshop held on 14th-15th Nov 2022."),
                  (203.0, 72.0, "Mary-Kate Fernandez delivered 6 hours of instruction to 51 participants.")])


def test_letterhead_and_date_on_one_line():
    ev = _ev(_split_letterhead(), "Mary-Kate Fernandez")
    assert ev.value(F.PROVIDER) == "Green Corridors Training Ltd"  # the date beside it is no addressee line
    assert ev.value(F.START_DATE) == "2022-11-14"  # the letter's date in its own cell is not the activity's
    assert ev.value(F.ACTIVITY_TITLE) != "23rd Nov 2022"


def test_a_date_is_no_title_value():
    from cecintake.extractors.fields.titles import _not_a_title_value

    assert _not_a_title_value("23rd Nov 2022") and _not_a_title_value("2024-05-02")
    assert not _not_a_title_value("2023 World Conference on Ecological Restoration")


def test_a_date_cell_of_a_form_near_the_top_is_still_the_activity_date():
    doc = _page([(60.0, 72.0, "Certificate of Completion"),
                 (80.0, 72.0, "Participant"), (80.0, 232.0, "Ana Ruiz"),
                 (96.0, 72.0, "Training title"), (96.0, 232.0, "Native Seed Production Basics"),
                 (112.0, 72.0, "Date(s)"), (112.0, 232.0, "2024-11-20"),
                 (128.0, 72.0, "Contact hours"), (128.0, 232.0, "6")])
    assert _ev(doc, "Ana Ruiz").value(F.START_DATE) == "2024-11-20"


def test_a_date_cell_wrapped_under_its_column_joins_the_row_above():
    # "October 30 – November 1," / "2024": the year under the first column continues the cut date
    doc = _page([(200.0, 72.0, "Dates"), (200.0, 232.0, "Course"), (200.0, 392.0, "Hours"),
                 (216.0, 72.0, "October 30 \u2013 November 1,"), (216.0, 232.0, "Prairie Seed Collection"),
                 (216.0, 392.0, "9"), (228.0, 72.0, "2024")])
    rows = table_rows(Layout(doc))
    assert len(rows) == 1 and rows[0]["dates"][0] == "October 30 \u2013 November 1, 2024"


def test_a_wrapped_cell_set_inside_its_column_joins_the_row_above():
    # the continuation is centred under its column, not at the column's left edge
    doc = _page([(200.0, 72.0, "Participant"), (200.0, 232.0, "Dates"), (200.0, 392.0, "Hours"),
                 (216.0, 72.0, "Jane Doe"), (216.0, 232.0, "October 30 \u2013 November 1,"), (216.0, 392.0, "9"),
                 (228.0, 250.0, "2024")])
    rows = table_rows(Layout(doc))
    assert len(rows) == 1 and rows[0]["dates"][0] == "October 30 \u2013 November 1, 2024"
    assert rows[0]["hours"][0] == "9"


def test_a_short_row_under_a_complete_date_is_a_row_of_its_own():
    # a session without hours on the next day: a new row, not a wrap of the first
    doc = _page([(200.0, 72.0, "Date"), (200.0, 232.0, "Session"), (200.0, 392.0, "Hours"),
                 (216.0, 72.0, "12 May 2024"), (216.0, 232.0, "Seed Collection"), (216.0, 392.0, "3"),
                 (228.0, 72.0, "13 May 2024"), (228.0, 232.0, "Seed Cleaning")])
    rows = table_rows(Layout(doc))
    assert [r["date"][0] for r in rows] == ["12 May 2024", "13 May 2024"]


def _course_and_hours_table():
    # as cert_random prints hours_certificate's table (word positions of the generated PDF, train seed 72)
    return _page([(222.0, 64.0, "This is to certify that"), (246.0, 64.0, "MULLER, INGRID"),
                  (276.0, 64.0, "has successfully completed"), (302.0, 64.0, "Restoring Seagrass Meadows"),
                  (330.0, 64.0, "offered by Cape Floral Kingdom Institute on 1 Apr 2021."),
                  (366.0, 68.0, "Course"), (366.0, 425.0, "Credit Hours"),
                  (380.0, 68.0, "Restoring Seagrass Meadows"), (380.0, 425.0, "14")])


def test_a_two_cell_header_over_its_row_is_no_label_and_value():
    # "Course    Credit Hours" is a header: its cells are no label "Course" with the value "Credit Hours"
    doc = _course_and_hours_table()
    assert not any(p.label == "Course" for p in pairs(Layout(doc)))
    assert table_rows(Layout(doc))[0]["course"][0] == "Restoring Seagrass Meadows"
    assert _ev(doc, "Ingrid Muller").value(F.ACTIVITY_TITLE) == "Restoring Seagrass Meadows"


def test_a_label_beside_its_value_over_another_pair_stays_a_pair():
    # "Training    Restoring Seagrass" over "Hours    14": a value that is no count's heading stays a value
    doc = _page([(100.0, 72.0, "Training"), (100.0, 232.0, "Restoring Seagrass Meadows"),
                 (116.0, 72.0, "Hours"), (116.0, 232.0, "14")])
    assert ("Training", "Restoring Seagrass Meadows") in [(p.label, p.value) for p in pairs(Layout(doc))]


def _long_label_header(vals: list[str]):
    # three long labels filling their columns, a letter's gap apart: one run of words unless cut by the row below
    def width(t: str) -> float:
        return sum(len(x) * 5 + 3 for x in t.split()) - 3
    heads = ["Name of registered participant", "Title of the course or activity", "Total contact hours awarded"]
    xs = [72.0]
    for h in heads[:-1]:
        xs.append(xs[-1] + width(h) + 5)
    return _page([(60.0, 72.0, "Training Record")] + [(100.0, x, h) for x, h in zip(xs, heads)]
                 + [(116.0, x, v) for x, v in zip(xs, vals)])


def test_a_header_of_long_labels_is_cut_where_the_row_below_starts_its_cells():
    doc = _long_label_header(["Ana Ruiz", "Native Seed Production Basics", "6.5"])
    (row,) = table_rows(Layout(doc))
    assert row["title of the course or activity"][0] == "Native Seed Production Basics"
    assert row["total contact hours awarded"][0] == "6.5"
    from cecintake.extractors.fields.hours import find_contact_hours

    found, _ = find_contact_hours(Layout(doc), Layout(doc).text, DocType.COMPLETION_CERTIFICATE)
    assert (found.value, found.method) == (6.5, "table")


def test_a_row_whose_cells_start_off_the_header_s_words_does_not_cut_it():
    # a cell edge of the row below under the middle of a header word: no column edge, no table
    doc = _page([(100.0, 72.0, "Name of registered participant Title of the course"),
                 (116.0, 72.0, "Ana Ruiz"), (116.0, 185.0, "Native Seed 2024")])
    assert table_rows(Layout(doc)) == []


def test_a_salutations_colon_after_the_name_keeps_the_surname() -> None:
    # "Dear Prof. Kai M. Zielinski:": the colon is the salutation's, not the next cell's label after "Zielinski"
    from cecintake.extractors.fields.people import choose_participant

    c = choose_participant("Dear Prof. Kai M. Zielinski:\nOn behalf of Northwoods Native Seed Cooperative, thank you.\n",
                           "Kai M. Zielinski")
    assert c is not None and c.name == "Kai M. Zielinski"


@pytest.mark.parametrize(("text", "name", "suffix"), [
    # the line broke before the surname: the next word is the roster's surname, joined on
    pytest.param("This is presented to\nMrs. Hannah Elizabeth\nOkafor\nCertificate of Achievement\n",
                 "Hannah Elizabeth Okafor", " surname joined", id="joined"),
    # no surname anywhere after it: the name as read, a weaker reading
    pytest.param("This is presented to\nMrs. Hannah Elizabeth\nCertificate of Achievement\n",
                 "Hannah Elizabeth", " surname unread", id="unread"),
])
def test_a_name_read_without_the_rosters_surname(text: str, name: str, suffix: str) -> None:
    from cecintake.extractors.fields.people import choose_participant

    c = choose_participant(text, "Hannah Elizabeth Okafor")
    assert c is not None and c.name == name
    assert c.method.split(":")[0].endswith(suffix) and c.confidence < 0.9


def test_a_name_with_the_rosters_surname_is_left_as_read() -> None:
    from cecintake.extractors.fields.people import choose_participant

    c = choose_participant("This is presented to\nHannah E. Okafor\nCertificate of Achievement\n",
                           "Hannah Elizabeth Okafor")
    assert c is not None and (c.name, c.method) == ("Hannah E. Okafor", "lead:is presented to")
