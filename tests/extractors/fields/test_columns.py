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
