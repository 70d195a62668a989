"""A details block of two columns of "Label: value" cells whose values wrap is read column by
column, each wrapped piece joined to its cell (``layout._label_columns``)."""

from cecintake.domain.vocab import FieldName as F
from cecintake.extractors.api import ExtractionContext
from cecintake.extractors.fields import extract_evidence
from cecintake.extractors.fields.layout import Layout

from .helpers import doc_from_pieces


WRAPPED = [
    (60, 300, "Certificate of Completion"),
    (100, 40, "Name of participant: Kwame Dubois"), (100, 420, "Date of the training: May 2, 2025"),
    (114, 40, "Title of the course: Vernal Pool"), (114, 420, "Total contact hours (excluding breaks): 2"),
    (128, 40, "Ecology and Restoration"), (128, 420, "hours 40 minutes"),
    (142, 40, "Organization: Society for Ecological"), (142, 420, "SER approval code: SER-PA-2025-0401"),
    (156, 40, "Restoration, Midwest-Great Lakes Chapter"),
    (220, 40, "Mateo Moreau"),
]


def test_wrapped_values_of_two_label_columns_join_their_cells():
    text = Layout(doc_from_pieces(WRAPPED, width=792.0, height=612.0)).text
    assert "Title of the course: Vernal Pool Ecology and Restoration\n" in text
    assert "Total contact hours (excluding breaks): 2 hours 40 minutes\n" in text
    assert "Organization: Society for Ecological Restoration, Midwest-Great Lakes Chapter\n" in text
    assert text.endswith("Mateo Moreau")


def test_wrapped_two_column_values_are_extracted_whole():
    ev = extract_evidence(doc_from_pieces(WRAPPED, width=792.0, height=612.0), context=ExtractionContext(expected_name="Kwame Dubois"))
    assert ev.fields[F.CONTACT_HOURS].value == 2.67
    assert ev.fields[F.ACTIVITY_TITLE].value == "Vernal Pool Ecology and Restoration"
    assert ev.fields[F.PROVIDER].value == "Society for Ecological Restoration, Midwest-Great Lakes Chapter"


def test_two_label_columns_without_wrapping_stay_in_rows():
    rows = [(100, 40, "Name: Ana Ruiz"), (100, 420, "Format: Online"),
            (114, 40, "Date: May 2, 2025"), (114, 420, "Hours: 6")]
    assert Layout(doc_from_pieces(rows)).text == "Name: Ana Ruiz Format: Online\nDate: May 2, 2025 Hours: 6"


def test_a_row_crossing_the_column_edge_ends_the_block():
    rows = [(100, 40, "Name: Ana Ruiz"), (100, 420, "Format: Online"),
            (114, 40, "Course: Wetland"), (114, 420, "Hours: 6"),
            (128, 40, "Delineation"),
            (150, 40, "This certificate is awarded for the successful completion of the course above")]
    text = Layout(doc_from_pieces(rows)).text
    assert "Course: Wetland Delineation\n" in text
    assert text.endswith("This certificate is awarded for the successful completion of the course above")
