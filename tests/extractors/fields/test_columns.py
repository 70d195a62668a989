"""Pages with two columns of text (a sidebar beside a letter, two days of a schedule side by
side): the reader groups words by height only, so ``Layout`` reads such a page column by column."""

from cecintake.domain import ReadDocument
from cecintake.domain.vocab import DocType
from cecintake.domain.vocab import FieldName as F
from cecintake.extractors.api import ExtractionContext
from cecintake.extractors.fields import extract_evidence
from cecintake.extractors.fields.layout import Layout

from .helpers import doc_from_pieces as _page


SIDEBAR = ["Prairie Sky Field School", "2 Bison Trail", "Lawrence, KS 66044", "Board of Directors",
           "Ana Ruiz, Chair", "Tom Lee, Treasurer", "www.prairiesky.org"]
BODY = ["March 3, 2025", "Dear Maria Fernandez,", "This letter confirms that Maria Fernandez attended the",
        "workshop Native Seed Production Basics hosted by Prairie Sky Field School",
        "in Lawrence on February 10-12, 2025. The workshop comprised 18 contact",
        "hours of instruction, excluding breaks and lunch, and was delivered",
        "in person at our field station by two qualified instructors.", "Sincerely,", "Dana Whitfield",
        "Program Director"]


def _sidebar_letter() -> ReadDocument:
    pieces = [(60.0 + 16 * i, 36.0, t) for i, t in enumerate(SIDEBAR)]
    pieces += [(60.0 + 16 * i, 200.0, t) for i, t in enumerate(BODY)]
    return _page(pieces)


def test_sidebar_letter_is_read_column_by_column():
    text = Layout(_sidebar_letter()).text
    assert "This letter confirms that Maria Fernandez attended the\nworkshop" in text
    assert text.index("www.prairiesky.org") < text.index("March 3, 2025")


def test_sidebar_letter_fields():
    ev = extract_evidence(_sidebar_letter(), context=ExtractionContext(expected_name="Maria Fernandez"))
    assert ev.doc_type is DocType.COMPLETION_CERTIFICATE
    assert ev.value(F.PARTICIPANT_NAME) == "Maria Fernandez"
    assert ev.value(F.CONTACT_HOURS) == 18
    assert (ev.value(F.START_DATE), ev.value(F.END_DATE)) == ("2025-02-10", "2025-02-12")


def test_two_days_of_a_schedule_side_by_side_are_read_day_by_day():
    day1 = ["Day 1", "9:00 - 10:30 Soil biota lecture", "10:30 - 10:45 Coffee break", "10:45 - 12:15 Field lab",
            "12:15 - 1:00 Lunch"]
    day2 = ["Day 2", "9:00 - 10:30 Seed zones lecture", "10:30 - 10:45 Coffee break", "10:45 - 12:15 Nursery visit",
            "12:15 - 1:00 Lunch"]
    pieces = [(40.0, 60.0, "Course Syllabus: Restoring Prairie Soils")]
    pieces += [(70.0 + 16 * i, 60.0, t) for i, t in enumerate(day1)]
    pieces += [(70.0 + 16 * i, 330.0, t) for i, t in enumerate(day2)]
    lines = Layout(_page(pieces)).text.split("\n")
    assert lines[1:6] == day1 and lines[6:11] == day2


def test_a_label_value_table_stays_in_rows():
    rows = [("Participant", "Maria Fernandez"), ("Course title", "Native Seed Production Basics for Practitioners"),
            ("Provider", "Prairie Sky Field School"), ("Dates", "February 10 - 12, 2025"), ("Contact hours", "18"),
            ("Delivery", "In person at the field station near Lawrence")]
    pieces = [(60.0 + 16 * i, 60.0, a) for i, (a, _) in enumerate(rows)]
    pieces += [(60.0 + 16 * i, 220.0, b) for i, (_, b) in enumerate(rows)]
    lines = Layout(_page(pieces)).text.split("\n")
    assert lines[1] == "Course title Native Seed Production Basics for Practitioners"


def _side_panel_certificate(width: float = 842.0) -> ReadDocument:
    # a landscape certificate with the organisation over its address in a panel down the left edge; the reader
    # puts panel lines and certificate lines of about the same height on one row
    pieces = [(71.0, 313.0, "Certificate of Course Completion", 24), (106.0, 464.0, "This certifies that"),
              (132.0, 22.0, "Cascadia State University"), (132.0, 412.0, "Ruth Thompson", 20),
              (166.0, 62.0, "Extended Campus"),
              (166.0, 246.0, "completed NRM 3020 Landscape Hydrology (Summer 2024, 2024-07-08 - 2024-10-18),"),
              (176.0, 28.0, "500 Summit Hall, Corvallis, OR 97331", 8), (182.0, 70.0, "www.csu.com"),
              (182.0, 353.0, "comprising 42 hours of classroom instruction."), (203.0, 492.0, "Online"),
              (252.0, 461.0, "Marcus M. Nakamura"), (264.0, 465.0, "University Registrar")]
    return _page(pieces, width=width, height=595.0)


def test_side_panel_beside_a_certificate_is_read_panel_then_certificate():
    text = Layout(_side_panel_certificate()).text
    assert text.startswith("Cascadia State University\nExtended Campus\n500 Summit Hall, Corvallis, OR 97331\n"
                           "www.csu.com\nCertificate of Course Completion\nThis certifies that\nRuth Thompson\ncompleted")
    ev = extract_evidence(_side_panel_certificate(), context=ExtractionContext(expected_name="Ruth Thompson"))
    assert ev.value(F.PROVIDER) == "Cascadia State University"  # was 'Cascadia State University Ruth Thompson'


def test_two_columns_of_names_and_addresses_on_every_row_stay_in_rows():
    # a block of short lines with an address, but every row has its other cell (a table, no panel)
    rows = [("Prairie Sky Field School", "Host"), ("2 Bison Trail", "Venue"), ("Lawrence, KS 66044", "Town"),
            ("www.prairiesky.org", "Web"), ("Ana Ruiz", "Chair"), ("Tom Lee", "Treasurer")]
    pieces = [(60.0 + 16 * i, 40.0, a) for i, (a, _) in enumerate(rows)]
    pieces += [(60.0 + 16 * i, 400.0, b) for i, (_, b) in enumerate(rows)]
    pieces += [(200.0, 400.0, "Signed"), (216.0, 400.0, "Dated")]
    lines = Layout(_page(pieces, width=842.0)).text.split("\n")
    assert lines[0] == "Prairie Sky Field School Host" and lines[3] == "www.prairiesky.org Web"


def test_label_value_row_over_a_table_is_not_the_tables_header():
    # 'Host organization    Kestrel Field School' over 'Day    Hours attended': the second line is the table's header
    from cecintake.extractors.fields.layout import table_rows

    pieces = [(140.0, 230.0, "Attendee"), (140.0, 391.0, "Amara Garcia, MS"),
              (150.0, 230.0, "Conference dates"), (150.0, 391.0, "Feb. 4-5, 2023"),
              (160.0, 230.0, "Host organization"), (160.0, 391.0, "Kestrel Field School"),
              (180.0, 230.0, "Day"), (180.0, 486.0, "Hours attended"),
              (196.0, 230.0, "Saturday, February 4, 2023"), (196.0, 486.0, "6.5"),
              (212.0, 230.0, "Sunday, February 5, 2023"), (212.0, 486.0, "4.5"),
              (228.0, 230.0, "Total"), (228.0, 486.0, "11")]
    layout = Layout(_page(pieces))
    rows = [r for r in table_rows(layout) if "day" in r]
    assert [r["hours attended"][0] for r in rows] == ["6.5", "4.5", "11"]
    ev = extract_evidence(_page(pieces), context=ExtractionContext(expected_name="Amara Garcia"))
    assert ev.value(F.CONTACT_HOURS) == 11


def test_side_panel_beside_a_table_is_found_at_the_narrower_gap():
    # the widest gap runs between the table's label and value columns; the panel's gap is narrower
    pieces = [(62.0, 372.0, "Volunteer Hours Log", 26), (97.0, 190.0, "Volunteer"), (97.0, 391.0, "Beatriz Smith-Jones"),
              (115.0, 190.0, "Assignment"), (115.0, 391.0, "answering phones in the front office"),
              (133.0, 190.0, "Period"), (133.0, 391.0, "June 16, 2025 to July 16, 2025"),
              (141.0, 32.0, "Bluestem Prairie", 12), (156.0, 29.0, "Restoration Guild", 12), (156.0, 190.0, "Month"),
              (156.0, 486.0, "Hours"), (177.0, 41.0, "2190 County Road K", 8), (177.0, 190.0, "June 2025"),
              (177.0, 486.0, "21"), (191.0, 40.0, "Lindsborg, KS 67456", 8), (191.0, 190.0, "July 2025"),
              (191.0, 486.0, "23"), (201.0, 52.0, "www.bprg.org", 8), (250.0, 460.0, "Frances Ballard"),
              (262.0, 434.0, "Volunteer Program Manager")]
    doc = _page(pieces, width=842.0, height=595.0)
    assert Layout(doc).text.startswith("Bluestem Prairie\nRestoration Guild\n2190 County Road K\n")
    ev = extract_evidence(doc, context=ExtractionContext(expected_name="Beatriz Smith-Jones"))
    assert ev.value(F.PROVIDER) == "Bluestem Prairie Restoration Guild"


def test_panel_line_beside_a_main_line_that_starts_left_of_the_gap_is_the_panels():
    # 'University' (the panel name's second line) on the row of the certificate's longest line, which starts left
    # of the gap the other rows leave: its first run is the panel's (was the row read whole, provider 'University')
    pieces = [(61.0, 309.0, "Certificate of Course Completion", 24), (96.0, 459.0, "This certifies that"),
              (122.0, 368.0, "Mrs. Jonah Okafor, MS", 24), (140.0, 42.0, "Cascadia State", 12),
              (155.0, 56.0, "University", 12),
              (155.0, 200.0, "completed FOR 4470 Fire Ecology and Management (Summer 2024, July 1 - October 11, 2024),"),
              (172.0, 350.0, "comprising 28 hours of classroom instruction."), (182.0, 52.0, "Extended Campus", 8),
              (191.0, 18.0, "500 Summit Hall, Corvallis, OR 97331", 8), (193.0, 475.0, "On campus"),
              (201.0, 62.0, "www.csu.org", 8), (241.0, 462.0, "Mary-Kate Schafer"), (253.0, 460.0, "University Registrar")]
    doc = _page(pieces, width=842.0, height=595.0)
    assert Layout(doc).text.startswith("Cascadia State\nUniversity\nExtended Campus\n")
    ev = extract_evidence(doc, context=ExtractionContext(expected_name="Jonah Okafor"))
    assert ev.value(F.PROVIDER) == "Cascadia State University"
