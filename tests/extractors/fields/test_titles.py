"""Activity titles (``extractors/fields/titles.py``) in layouts and phrasings new to the train set: a
committee's organisation in brackets, a table's weekday under "Hours attended", an attendance
verification's heading, letter-spaced headings, an organisation's name beside a tag, the article
before a conference's name, "Course name" columns, wrapped course cells and mail headers in cells."""

from __future__ import annotations

import random

from cecintake.domain.vocab import DocType
from cecintake.domain.vocab import FieldName as F
from cecintake.extractors.api import ExtractionContext
from cecintake.extractors.fields import extract_evidence
from cecintake.extractors.fields.layout import Layout
from cecintake.extractors.fields.titles import find_title
from cecintake.extractors.reading import read_document
from fixtures.doc import Doc
from fixtures.render_pdf import render_pdf

from .helpers import doc_from_pieces, doc_from_text


def _title(doc, name):
    return extract_evidence(doc, context=ExtractionContext(expected_name=name)).fields.get(F.ACTIVITY_TITLE)


def _typed_title(doc, doc_type, participant=None, provider=None):
    layout = Layout(doc)
    return find_title(layout, layout.text.replace("\n", " "), doc_type, participant, provider)


def _pdf(doc: Doc, template: str, tmp_path, seed: int = 1):
    path = tmp_path / f"{template}.pdf"
    render_pdf(doc, template, random.Random(seed), path)
    return read_document(path.read_bytes())


def test_service_phrase_drops_the_organisation_in_brackets():
    text = ("Dear Certification Committee:\nOur records show Diego MacDonald held a seat on the Practitioner "
            "Standards Committee (Society for Ecological Restoration) for 3 full years.\nCordially,\n")
    f = _typed_title(doc_from_text(text), DocType.SERVICE_LETTER, "Diego MacDonald")
    assert f.value == "Practitioner Standards Committee"
    text = text.replace("(Society for Ecological Restoration)", "(SER Great Basin Chapter)")
    assert _typed_title(doc_from_text(text), DocType.SERVICE_LETTER, "Diego MacDonald").value == \
        "Practitioner Standards Committee"


def test_service_phrase_keeps_an_office_in_brackets():
    text = ("To whom it may concern:\nAna Ruiz served on the Board of Directors (Vice President) from 2021 to 2024.\n"
            "Ana Ruiz served on the Board of Directors (Chapter Secretary) from 2021 to 2024.\n")
    assert _typed_title(doc_from_text(text), DocType.SERVICE_LETTER, "Ana Ruiz").value == \
        "Board of Directors (Vice President)"


def test_weekday_under_an_hours_attended_heading_is_no_title():
    text = ("Attendance Verification\n2021 Southeastern Floodplain Restoration Summit\nAttendee Siobhan Kowalski\n"
            "Conference dates 3/18/2021 - 3/19/2021\nDay Hours attended\nThursday, March 18, 2021 6.5\n"
            "Friday, March 19, 2021 6.5\nTotal 13\n")
    f = _typed_title(doc_from_text(text, big_lines=frozenset({0, 1})), DocType.COMPLETION_CERTIFICATE,
                     "Siobhan Kowalski")
    assert f is not None and f.value == "2021 Southeastern Floodplain Restoration Summit"


def test_attendance_verification_heading_is_no_title():
    text = ("Attendance Verification\nRiver Days\nAttendee Siobhan Kowalski\nHost organization Kestrel Field School\n")
    f = _typed_title(doc_from_text(text, big_lines=frozenset({0})), DocType.COMPLETION_CERTIFICATE,
                     "Siobhan Kowalski")
    assert f is None or f.value != "Attendance Verification"


def test_letter_spaced_kind_heading_gives_way_to_the_course_name_under_it(tmp_path):
    doc = Doc("schedule", "Saltmeadow Estuary Trust", "12 Harbour Road, Lewes, DE 19958")
    doc.add("title", "Course Outline")
    doc.add("emph", "Restoring Headwater Wetlands After Logging")
    doc.add("body", "Learning objectives: participants will be able to plan, carry out and document restoring "
                    "headwater wetlands after logging on their own sites.")
    doc.add("heading", "Friday, June 13, 2025")
    doc.add("table", rows=[["Time", "Topic"], ["8:00 a.m.–9:30 a.m.", "Site history and reference conditions"],
                           ["9:30 a.m.–10:45 a.m.", "Field methods demonstration"]])
    read = _pdf(doc, "sched_running", tmp_path)
    assert any(" ".join(w.text for w in ln.words).startswith("C O U R S E") for ln in Layout(read).lines)
    assert _title(read, "Nobody Here").value == "Restoring Headwater Wetlands After Logging"


def test_letter_spaced_title_reads_as_its_words(tmp_path):
    doc = Doc("schedule", "Great Basin Native Plant Collaborative", "1 Sage Road, Elko, NV 89801")
    doc.add("title", "Living Shorelines: Design and Permitting")
    doc.add("body", "Dates: Aug. 8–10, 2025")
    doc.add("table", rows=[["Time", "Session"], ["9:00am–9:30am", "Check-in and registration"],
                           ["9:30am–10:30am", "Lecture: Reference Ecosystems"]])
    f = _title(_pdf(doc, "sched_running", tmp_path), "Nobody Here")
    assert f.value == "LIVING SHORELINES: DESIGN AND PERMITTING"


def test_organisation_beside_its_tag_is_no_title_label():
    read = doc_from_pieces([(60, 190, "Green Corridors Training Ltd"), (60, 400, "Member Organisation"),
                            (100, 70, "CHAUDHRY, MARCUS attended Peatland Rewetting Techniques, a online course "),
                            (115, 70, "offered by Green Corridors Training Ltd, 2025-07-18.")])
    f = _typed_title(read, DocType.COMPLETION_CERTIFICATE, "CHAUDHRY, MARCUS")
    assert f.value == "Peatland Rewetting Techniques"


def test_conference_name_without_the_sentences_article():
    text = ("Certificate of Attendance\nJean-Luc MacDonald participated in person in the Mountain West "
            "Revegetation Symposium, convened by Kestrel Field School, Jun. 10, 2024.\n")
    f = _typed_title(doc_from_text(text), DocType.CONFERENCE_ATTENDANCE, "Jean-Luc MacDonald")
    assert f.value == "Mountain West Revegetation Symposium"


def test_course_name_column_gives_the_title():
    read = doc_from_pieces([(100, 48, "Course No."), (100, 150, "Course name"), (100, 300, "Dates"),
                            (100, 420, "Outcome"),
                            (115, 48, "HYD 525"), (115, 150, "Wetland Hydrology"), (115, 300, "Aug. 24, 2022"),
                            (115, 420, "B")])
    f = _typed_title(read, DocType.COMPLETION_CERTIFICATE, "Chen Ibanez")
    assert f is not None and f.value == "Wetland Hydrology"


def test_course_row_takes_its_title_cell_wrapped_over_lines():
    read = doc_from_pieces([(100, 68, "Course No."), (100, 160, "Title"), (100, 300, "Cr"), (100, 340, "Grade"),
                            (115, 68, "BOT 372"), (115, 160, "Field Botany"), (115, 300, "2"), (115, 340, "A"),
                            (127, 160, "of Disturbed"), (139, 160, "Lands"),
                            (170, 68, "One semester credit equals fifteen hours of classroom contact.")])
    f = _typed_title(read, DocType.COLLEGE_TRANSCRIPT, "Fatima MacDonald")
    assert f.value == "Field Botany of Disturbed Lands"


def test_mail_header_cells_are_no_table_row():
    read = doc_from_pieces([(60, 44, "Cc:"), (60, 100, "Programme file; Finance"),
                            (75, 44, "Subject:"), (75, 100, "Confirmation"),
                            (100, 44, "This acknowledges receipt of your manuscript \u201cUrban Stream Daylighting: "
                                      "lessons from a decade\u201d"),
                            (115, 44, "submitted to Journal of Applied Restoration Science.")])
    f = _typed_title(read, DocType.PUBLICATION_ACCEPTANCE, "Beatriz van der Berg")
    assert f.value == "Urban Stream Daylighting: lessons from a decade"


def test_organizer_events_run_into_the_sentence_with_their_dates_in_brackets():
    text = ("Subject: Event organizing on behalf of the chapter\nDear Kwame Zielinski:\n"
            "Kwame Zielinski took the lead in organizing the following three chapter events: Riverbank\n"
            "Cleanup Day (December 22, 2024); Spring Prairie Burn Demonstration (April 28, 2025); Student\n"
            "Research Night (May 4, 2025).\nEach event was planned and run under this member's direction.\n")
    for dt in (DocType.SERVICE_LETTER, DocType.UNKNOWN):
        f = _typed_title(doc_from_text(text), dt, "Kwame Zielinski")
        assert f.value == "Riverbank Cleanup Day; Spring Prairie Burn Demonstration; Student Research Night"
        assert f.method == "inline event list"


def test_organizer_events_in_a_table_of_events():
    read = doc_from_pieces([(60, 48, "Please accept this as confirmation of the events Ruth Dubois planned and ran as "
                                     "lead organizer for our chapter:"),
                            (80, 52, "Event"), (80, 250, "Held on"), (80, 350, "Role"),
                            (95, 52, "Native Plant Sale"), (95, 250, "3/10/2025"), (95, 350, "Lead organizer"),
                            (110, 52, "Riverbank Cleanup Day"), (110, 250, "5/29/2025"), (110, 350, "Lead organizer"),
                            (140, 48, "Respectfully,")])
    f = _typed_title(read, DocType.SERVICE_LETTER, "Ruth Dubois")
    assert f.value == "Native Plant Sale; Riverbank Cleanup Day" and f.method == "event table"


def test_principal_organizer_of_the_chapters_event_dated_in_brackets():
    text = ("To the Certification Program:\nBeatriz Smith was the principal organizer of the chapter's Spring "
            "Prairie Burn\nDemonstration (March 13, 2025), handling the venue, speakers and volunteers.\n")
    f = _typed_title(doc_from_text(text), DocType.SERVICE_LETTER, "Beatriz Smith")
    assert f.value == "Spring Prairie Burn Demonstration"


def test_elected_member_of_the_board_is_the_service():
    text = ("Dear Certification Committee:\nThis letter confirms that Maria Patel served as an elected member of "
            "the Board of Directors of the SER Gulf Prairie Chapter from January 2022 through December 2024.\n")
    assert _typed_title(doc_from_text(text), DocType.SERVICE_LETTER, "Maria Patel").value == "Board of Directors"


def test_unquoted_manuscript_title_runs_to_the_sentences_end():
    text = ("Subject: Manuscript 5559\nDear Wei Castillo:\nThank you for submitting your book manuscript Twenty years "
            "of tallgrass\nreconstruction outcomes. It has been sent out to referees and remains under\nreview.\n")
    f = _typed_title(doc_from_text(text), DocType.PUBLICATION_ACCEPTANCE, "Wei Castillo")
    assert f.value == "Twenty years of tallgrass reconstruction outcomes" and f.method == "manuscript phrase"


def test_how_a_course_was_delivered_is_not_its_title():
    text = ("Dear Certification Committee:\nI am writing to confirm that Jonah O'Brien served as lead instructor "
            "for our course Pollinator Forage Mixes for\nRoadsides over our live video platform on November 6, 2024.\n")
    f = _typed_title(doc_from_text(text), DocType.INSTRUCTION_LETTER, "Jonah O'Brien")
    assert f.value == "Pollinator Forage Mixes for Roadsides"


def _watermark(top: float, x: float, letters: str) -> list[tuple]:
    return [(top, x + 45 * k, ch, 90.0) for k, ch in enumerate(letters)]


def test_watermark_letters_are_no_title():
    read = doc_from_pieces([(40, 60, "Volunteer Service Record", 12.0),
                            (80, 60, "Ana Ruiz volunteered 40 hours with our stewardship crew this season."),
                            (100, 60, "Thank you for your service."),
                            *_watermark(300, 60, "ORIGINAL")])
    f = _typed_title(read, DocType.VOLUNTEER_LETTER, "Ana Ruiz")
    assert f is None or "O R I" not in f.value


def test_title_set_large_after_attending_every_session_of_a_series():
    text = ("Webinar Series Completion\nMarcus Kowalski attended all three live sessions of the online series\n"
            "Shrub-Steppe Recovery after Wildfire\nSessions (1.5 hours each): Jan. 16, Jan. 23 and Jan. 30, 2024.\n")
    f = _typed_title(doc_from_text(text, big_lines=frozenset({0, 2})), DocType.COMPLETION_CERTIFICATE,
                     "Marcus Kowalski")
    assert f.value == "Shrub-Steppe Recovery after Wildfire" and f.method == "emphasized after verb"
    wrapped = text.replace("online series\n", "online\nseries\n")
    f = _typed_title(doc_from_text(wrapped, big_lines=frozenset({0, 3})), DocType.COMPLETION_CERTIFICATE,
                     "Marcus Kowalski")
    assert f.value == "Shrub-Steppe Recovery after Wildfire"


def test_participated_in_person_in_the_symposium():
    text = ("Certificate of Attendance\nEmile De la Cruz\nparticipated in person in the Mountain West Revegetation "
            "Symposium, convened by\nPiedmont Riparian Institute at the Lakeside Lodge, 12/23/2023.\n")
    f = _typed_title(doc_from_text(text), DocType.COMPLETION_CERTIFICATE, "Emile De la Cruz")
    assert f.value == "Mountain West Revegetation Symposium"


def test_title_label_cell_after_a_side_panels_text():
    read = doc_from_pieces([(40, 300, "Certificate of Participation", 20.0),
                            (80, 210, "Name"), (80, 330, "Noemie Lovland"),
                            (95, 50, "www.chwc.org"), (95, 210, "Program title"),
                            (95, 330, "Brook Trout Habitat Enhancement"),
                            (110, 210, "Sponsored by"), (110, 330, "Cedar Hollow Watershed Council")])
    f = _typed_title(read, DocType.COMPLETION_CERTIFICATE, "Noemie Lovland")
    assert f.value == "Brook Trout Habitat Enhancement" and f.method == "label cell"


def test_title_label_cell_beside_another_label_is_no_value():
    from cecintake.extractors.fields.titles import _title_cell

    read = doc_from_pieces([(80, 60, "TRAINING TITLE"), (80, 300, "SPONSOR"),
                            (95, 60, "Oak Savanna Field Tour"), (95, 300, "Prairie Guild")])
    assert _title_cell(Layout(read)) is None


def test_transcript_row_with_a_dates_column_takes_the_tables_cell():
    read = doc_from_pieces([(100, 58, "Course No."), (100, 150, "Course name"), (100, 300, "Dates"),
                            (100, 420, "Outcome"),
                            (115, 58, "HYD 525"), (115, 150, "Wetland Hydrology"), (115, 300, "Jan. 13, 2024 - May 8,"),
                            (115, 420, "C+"), (127, 300, "2024")])
    f = _typed_title(read, DocType.COLLEGE_TRANSCRIPT, "Maria Whitfield")
    assert f.value == "Wetland Hydrology"


def test_transcript_course_cell_wrapped_under_a_glued_header():
    read = doc_from_pieces([(100, 20, "CA 95945"), (100, 190, "Course No."), (100, 310, "Title"), (100, 480, "Cr"),
                            (115, 190, "ENV 580"), (115, 310, "Restoration Project"), (115, 480, "4"),
                            (127, 310, "Management"),
                            (150, 190, "One semester credit equals fifteen hours of classroom contact.")])
    f = _typed_title(read, DocType.COLLEGE_TRANSCRIPT, "Jose Pena")
    assert f.value == "Restoration Project Management"


def test_side_panels_line_between_the_lead_and_its_title():
    read = doc_from_pieces([(40, 300, "Webinar Series Completion", 26.0),
                            (80, 326, "Ana Haddad attended all four live sessions of the online series", 11.0),
                            (96, 27, "Kestrel Field School", 12.0),
                            (112, 333, "Bank Stabilization with Live Fascines", 16.5),
                            (140, 303, "Sessions (1.5 hours each): Nov. 29, Dec. 6, Dec. 13 and Dec. 20, 2024.", 11.0),
                            (160, 227, "Total instructional time: 6 hours. Attendance was confirmed by log-in "
                                       "records.", 11.0)], width=842.0, height=595.0)
    f = _typed_title(read, DocType.COMPLETION_CERTIFICATE, "Ana Haddad")
    assert f.value == "Bank Stabilization with Live Fascines"


def test_title_in_capitals_above_its_kind_heading_and_a_section_heading_is_no_title():
    read = doc_from_pieces([(30, 54, "Pacific Northwest Wetland Trust Reference Ecosystems and Restoration Targets", 8.5),
                            (50, 54, "REFERENCE ECOSYSTEMS AND RESTORATION TARGETS", 11.2),
                            (70, 54, "Workshop Agenda", 14.6),
                            (90, 54, "Dates: Aug. 8, 2025", 10.0), (105, 60, "Instructors", 12.0),
                            (120, 54, "Wei Nakamura (Independent consultant)", 10.0),
                            (135, 58, "8:30–9:00 Check-in and registration", 10.0),
                            (150, 58, "9:00–9:20 Safety briefing and announcements", 10.0)])
    f = _typed_title(read, DocType.COURSE_SYLLABUS)
    assert f.value == "REFERENCE ECOSYSTEMS AND RESTORATION TARGETS" and f.method == "beside kind heading"


def test_spaced_heading_split_at_its_word_gap_and_a_cut_running_header():
    read = doc_from_pieces([(30, 44, "Peatland Recovery Partnership", 8.5),
                            (30, 300, "Workshop Agenda: Reference Ecosystems and \u2026", 8.5),
                            (50, 44, "WORKSHOP", 10.5), (50, 130, "AGENDA: REFERENCE ECOSYSTEMS AND RESTORATION TARGETS", 10.5),
                            (70, 44, "Dates: 2022-08-25", 10.0),
                            (90, 48, "08:00–08:30 Check-in and registration", 9.0)])
    f = _typed_title(read, DocType.COURSE_SYLLABUS)
    assert f.value == "REFERENCE ECOSYSTEMS AND RESTORATION TARGETS" and f.method == "heading"


def test_lead_events_end_read_as_a_first_list_item_is_dropped():
    text = ("Dear Jose Castillo,\nThe SER Midwest-Great Lakes Chapter thanks Jose Castillo for serving as lead "
            "organizer of Webinar Series:\nRestoration in Practice, June 27th, 2023 and of 2 further events, listed "
            "below.\n\u2013 Webinar Series: Restoration in Practice, June 27th, 2023\n"
            "\u2013 Spring Field Tour, October 30th, 2023\n\u2013 Restoration Photo Exhibit, June 2\u20133, 2025\n"
            "Kind regards,\n")
    f = _typed_title(doc_from_text(text), DocType.SERVICE_LETTER, "Jose Castillo")
    assert f.value == "Webinar Series: Restoration in Practice; Spring Field Tour; Restoration Photo Exhibit"


def test_article_title_before_appeared_in():
    text = ("Subject: Manuscript 7733\nDear Rafael Lovland:\nYour practice article Twenty years of tallgrass "
            "reconstruction outcomes appeared in Prairie Practice Bulletin\n(Vol. 18, No. 4), released June 5, 2023.\n")
    f = _typed_title(doc_from_text(text), DocType.PUBLICATION_ACCEPTANCE, "Rafael Lovland")
    assert f.value == "Twenty years of tallgrass reconstruction outcomes"


def test_volunteer_letters_heading_is_no_activity_title():
    text = ("Prairie Guild\nVolunteer Hours Log\nDear Certification Committee:\nOur records show that Ana Ruiz volunteered 18 hours "
            "with our stewardship crew, counting salamander egg masses in vernal pools.\nSincerely,\nRuth Yoon\n")
    read = doc_from_text(text, big_lines=frozenset({1}))
    assert _typed_title(read, DocType.VOLUNTEER_LETTER, "Ana Ruiz") is None
    assert _typed_title(read, DocType.COMPLETION_CERTIFICATE, "Ana Ruiz").method == "largest line"


def test_title_in_small_capitals_reads_as_its_words(tmp_path):
    from reportlab.pdfgen import canvas

    from fixtures.render_standin import draw_smallcaps

    path = tmp_path / "smallcaps.pdf"
    c = canvas.Canvas(str(path), pagesize=(612, 792))
    c.setFont("Helvetica", 11)
    c.drawString(72, 720, "Prairie Seed Guild")
    draw_smallcaps(c, 72, 695, "Certificate of Completion", "Helvetica-Bold", 24)
    c.setFont("Helvetica", 11)
    c.drawString(72, 665, "This certifies that")
    c.setFont("Helvetica-Bold", 18)
    c.drawString(72, 640, "Ana Ruiz")
    c.setFont("Helvetica", 11)
    c.drawString(72, 615, "has completed")
    draw_smallcaps(c, 72, 585, "Native Grass Establishment on Reclaimed Mine Spoil", "Helvetica-Bold", 20)
    c.setFont("Helvetica", 11)
    c.drawString(72, 555, "held on May 5, 2025 for 7 contact hours.")
    c.save()
    read = read_document(path.read_bytes())
    assert any(w.text == "ATIVE" for p in read.pages for w in p.words)  # the reader splits the small capitals
    f = _title(read, "Ana Ruiz")
    assert f.value == "NATIVE GRASS ESTABLISHMENT ON RECLAIMED MINE SPOIL"


def _letter_title(body, doc_type, name="Ana Ruiz"):
    text = f"Prairie Guild\n12 Main St, Boise, ID 83702\nDear Colleague,\n{body}\nSincerely,\nRuth Yoon\n"
    return _typed_title(doc_from_text(text), doc_type, name, "Prairie Guild")


T = "Riparian Buffer Design for Practitioners"


def test_title_after_took_part_in_and_participation_in():
    assert _letter_title(f"We confirm that Ana Ruiz took part in {T} on 3 May 2025.",
                         DocType.COMPLETION_CERTIFICATE).value == T
    assert _letter_title(f"This certificate is awarded to Ana Ruiz for participation in {T} on 3 May 2025.",
                         DocType.COMPLETION_CERTIFICATE).value == T


def test_title_after_a_training_programme_a_module_or_the_hours_given_for_it():
    for body in (f"Ana Ruiz has attended the training programme {T} (3\u20134 May 2025).",
                 f"Ana Ruiz completed the e-learning module {T} on 3 May 2025.",
                 f"Ana Ruiz was awarded 7 CPD hours for {T}, hosted at the Blue Heron Lodge."):
        assert _letter_title(body, DocType.COMPLETION_CERTIFICATE).value == T, body


def test_teaching_hours_of_instruction_in_and_what_the_module_was_part_of():
    assert _letter_title(f"Ana Ruiz delivered 6 hours of instruction in {T} on 3 May 2025.",
                         DocType.INSTRUCTION_LETTER).value == T
    assert _letter_title(f"Ana Ruiz taught the module {T} for our certificate programme on 3 May 2025.",
                         DocType.INSTRUCTION_LETTER).value == T


def test_title_runs_to_the_next_details_label_not_through_it():
    f = _letter_title(f"Ana Ruiz has satisfactorily completed the short course: {T}\nDates: 3 May 2025",
                      DocType.COMPLETION_CERTIFICATE)
    assert f.value == T


def test_event_name_with_its_year_or_ordinal():
    assert _letter_title("Ana Ruiz attended RESTORE 2025: Rivers and People, 3\u20136 May 2025, in Leeds.",
                         DocType.CONFERENCE_ATTENDANCE).value == "RESTORE 2025: Rivers and People"
    assert _letter_title("Ana Ruiz attended the 12th European Conference on Ecological Restoration, held in Tartu "
                         "from 3 to 6 May 2025.", DocType.CONFERENCE_ATTENDANCE).value == \
        "12th European Conference on Ecological Restoration"


def test_committee_served_on_ours_or_of_ser():
    assert _letter_title("Ana Ruiz served on our Conference Planning Committee from 2021 to 2024.",
                         DocType.SERVICE_LETTER).value == "Conference Planning Committee"
    assert _letter_title("Ana Ruiz was a member of the Education Committee of SER from 2021 to 2024.",
                         DocType.SERVICE_LETTER).value == "Education Committee"


def _subject_letter(subject, body):
    text = (f"Prairie Guild\n12 Main St, Boise, ID 83702\nDate: 5 May 2025\nReference: PG-2025-17\n{subject}\n"
            f"Dear Colleague,\n{body}\nSincerely,\nRuth Yoon\n")
    return _typed_title(doc_from_text(text), DocType.COMPLETION_CERTIFICATE, "Ana Ruiz", "Prairie Guild")


def test_a_date_after_the_verb_is_no_title():
    f = _subject_letter("Subject: Manuscript", "This letter confirms that Ana Ruiz attended the course on 3 May 2025 "
                        "and completed all requirements.")
    assert f is None or not f.value.startswith("3 May")


def test_subject_line_naming_the_confirmation_and_the_activity():
    body = "This letter confirms that Ana Ruiz attended the course on 3 May 2025 and completed all requirements."
    for subject in (f"Subject: Certificate of attendance \u2013 {T}", f"Subject: Attendance confirmation: {T}",
                    f"Re: {T} \u2013 confirmation of attendance", f"Subject: Your attendance at {T}"):
        f = _subject_letter(subject, body)
        assert f is not None and f.value == T, subject


def test_a_letters_subject_line_is_not_read_on_into_its_salutation():
    from cecintake.extractors.fields.common import prose_joined

    text = f"Subject: Your attendance at {T}\nDear Colleague,\nThank you for joining us at the field station in May\nlast year.\n"
    joined = prose_joined(text)
    assert joined.split("\n")[:2] == [f"Subject: Your attendance at {T}", "Dear Colleague,"]
    assert "May last year." in joined  # prose still reads on


def test_form_value_over_its_caption_in_smaller_type():
    read = doc_from_pieces([(40, 60, "Record of Continuing Education", 18), (80, 60, "Ana Ruiz", 11),
                            (93, 60, "Participant name", 7), (115, 60, T, 11), (128, 60, "Title of activity", 7),
                            (150, 60, "Prairie Guild", 11), (163, 60, "Provider", 7)])
    f = _typed_title(read, DocType.COMPLETION_CERTIFICATE, "Ana Ruiz")
    assert f.value == T and f.method == "caption under"


def test_caption_over_its_value_is_not_read_as_a_caption_under():
    from cecintake.extractors.fields.titles import _caption_under

    read = doc_from_pieces([(80, 60, "Participant name", 7), (89, 60, "Ana Ruiz", 11),
                            (115, 60, "Title of activity", 7), (124, 60, T, 11)])
    assert _caption_under(Layout(read)) is None


def test_typed_forms_underscores_are_not_part_of_the_title():
    read = doc_from_pieces([(40, 60, "Record of Continuing Education", 18), (80, 60, "Participant: ____Ana Ruiz____"),
                            (100, 60, f"Title of activity: ___{T}___"), (120, 60, "Date(s): ___3 May 2025___")])
    assert _typed_title(read, DocType.COMPLETION_CERTIFICATE, "Ana Ruiz").value == T


def test_a_course_column_holding_only_the_code_gives_way_to_the_title_column():
    read = doc_from_pieces([(40, 60, "Statement of Results", 18), (70, 60, "Student: Ana Ruiz", 11),
                            (100, 60, "Course"), (100, 150, "Title"), (100, 350, "Credits"), (100, 420, "Grade"),
                            (115, 60, "ENV 410"), (115, 150, "Wetland Hydrology"), (115, 350, "3"), (115, 420, "B+")])
    f = _typed_title(read, DocType.COMPLETION_CERTIFICATE, "Ana Ruiz")
    assert f.value == "Wetland Hydrology"


def test_a_programmes_heading_without_its_kind_words():
    for head in (f"Agenda for {T}", f"{T}: Programme of Sessions", f"Timetable \u2013 {T}", f"{T} | Programme",
                 f"Schedule of the {T} course", f"{T} (Programme)"):
        read = doc_from_pieces([(30, 40, "Prairie Guild", 9), (55, 40, head, 15),
                                (80, 40, "Thursday 3 May 2025 \u00b7 Blue Heron Lodge", 10),
                                (110, 40, "09:00", 10), (110, 120, "Registration and coffee", 10),
                                (125, 40, "09:30", 10), (125, 120, "Reading the site", 10)])
        f = _typed_title(read, DocType.COURSE_SYLLABUS, None, "Prairie Guild")
        assert f is not None and f.value == T, head


# --- event lists on OCR text -----------------------------------------------------------------------

_ORGANIZED = ("April 26th, 2025\nMarcus Lindqvist\nDear Marcus Lindqvist,\n"
              "The Prairie Seed Alliance thanks Marcus Lindqvist for serving as lead organizer of\n"
              "Student Poster Symposium, June 8th, 2023 and of 2 further events, listed below.\n"
              "{b1} Student Poster Symposium, June 8th, 2023\n{b2} Annual Chapter Meeting, January 17th, 2024\n"
              "{b3} Spring Field Tour, March 7th, 2025\nYours sincerely,\nLiam Brennan\nExecutive Director\n")


def test_event_list_whose_bullets_ocr_misread_is_read_whole_as_a_weaker_method():
    from cecintake.domain.vocab import TextSource

    doc = doc_from_text(_ORGANIZED.format(b1="*", b2="+", b3="¢"), confidence=0.95, source=TextSource.OCR)
    f = _title(doc, "Marcus Lindqvist")
    assert f.value == "Student Poster Symposium; Annual Chapter Meeting; Spring Field Tour"
    assert f.method == "event list ocr"


def test_one_event_after_a_colon_its_bullet_ocr_read_as_a_dash_is_read_as_a_weaker_method():
    # '• Annual Chapter Meeting, May 7, 2021' read as '— Annual ...' under 'organized the following event for the
    # SER Texas\nChapter:': the title was 'Chapter'
    from cecintake.domain.vocab import TextSource

    text = ("June 27, 2021\nProf. Beatriz R. Smith-Jones\nDear Prof. Beatriz R. Smith-Jones,\n"
            "I am pleased to confirm that Prof. Beatriz R. Smith-Jones organized the following event for the SER Texas\n"
            "Chapter:\n— Annual Chapter Meeting, May 7, 2021\nSincerely,\nRobert E. Moreau\nExecutive Director\n")
    f = _title(doc_from_text(text, confidence=0.95, source=TextSource.OCR), "Beatriz R. Smith-Jones")
    assert f is not None and (f.value, f.method) == ("Annual Chapter Meeting", "event list ocr")


def test_event_list_with_true_bullets_keeps_its_method():
    f = _title(doc_from_text(_ORGANIZED.format(b1="•", b2="•", b3="•")), "Marcus Lindqvist")
    assert f.value == "Student Poster Symposium; Annual Chapter Meeting; Spring Field Tour" and f.method == "event list"


def test_a_lone_symbol_before_a_capital_in_prose_starts_no_event_list():
    text = ("Dear Ana Ruiz,\nThank you for organizing our events this year.\n"
            "+ Extra thanks, from all of us at the Prairie Seed Alliance.\nKind regards,\nLee Park\n")
    f = _title(doc_from_text(text), "Ana Ruiz")
    assert f is None or "Extra thanks" not in f.value


def test_a_logos_strokes_ocr_read_as_letters_are_no_largest_line_title():
    from cecintake.domain import Page, ReadDocument, Word
    from cecintake.domain.vocab import MediaType, TextSource

    words = []
    for i, (top, text, h, conf) in enumerate([(100.0, "Island Meadow Press", 34.0, 0.96),
                                              (160.0, "Editorial Office", 23.0, 0.95),
                                              (300.0, "Dear Wei Thompson,", 30.0, 0.95),
                                              (360.0, "Thank you for your note of last week.", 30.0, 0.96),
                                              (500.0, "BIN ISIN INS)", 49.0, 0.3),
                                              (560.0, "Kwame Castillo", 28.0, 0.95)]):
        x = 200.0
        for tok in text.split():
            words.append(Word(tok, (x, top, x + 0.5 * h * len(tok), top + h), conf, i))
            x += 0.5 * h * len(tok) + 0.3 * h
    doc = ReadDocument(MediaType.TIFF, (Page(1, 2000.0, 2600.0, TextSource.OCR, tuple(words), 0.9),))
    f = _title(doc, "Wei Thompson")
    assert f is None or "ISIN" not in f.value
