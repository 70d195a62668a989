"""The remaining fields (fields/misc.py): service years, events organized, volunteer task, publication status."""

from __future__ import annotations

import pytest

from cecintake.extractors.fields.misc import find_service


@pytest.mark.parametrize(("sentence", "years"), [
    pytest.param("held a seat on the Seed Policy Committee (SER Gulf Prairie Chapter) for 3 full years: January 2022 "
                 "through December 2024.", 3, id="full-years"),
    pytest.param("held a seat on the Student Affairs Committee for 1 full year: calendar year 2024.", 1, id="full-year"),
    pytest.param("served on the Board for two consecutive years.", 2, id="consecutive"),
])
def test_service_years_with_a_word_that_says_they_were_whole(sentence: str, years: int) -> None:
    svc = find_service(f"Our records show Dana Lefevre {sentence}\n", "SER Gulf Prairie Chapter")
    assert svc["years"].value == years


def test_a_grade_column_under_a_header_wrapped_over_two_lines() -> None:
    # "Course Title Credits Contact Grade" / "hours" (wrapped) over "GEOG 5200 ... 2.0 42 hours B+" (form_random)
    from cecintake.domain.vocab import DocType
    from cecintake.extractors.api import ExtractionContext
    from cecintake.extractors.fields import extract_evidence

    from .helpers import doc_from_pieces

    doc = doc_from_pieces([
        (162.0, 96.0, "Academic Transcript"), (193.0, 96.0, "Student"), (193.0, 200.0, "Joaquin Schafer"),
        (208.0, 96.0, "Student ID"), (208.0, 200.0, "48439581"),
        (223.0, 96.0, "Term"), (223.0, 200.0, "Spring 2024 (February 12 \u2013 May 24, 2024)"),
        (259.0, 100.0, "Course"), (259.0, 160.0, "Title"), (259.0, 330.0, "Credits"), (259.0, 380.0, "Contact"),
        (259.0, 440.0, "Grade"), (270.0, 380.0, "hours"),
        (287.0, 100.0, "GEOG 5200"), (287.0, 160.0, "GIS for Natural Resources"), (287.0, 330.0, "2.0"),
        (287.0, 380.0, "42 hours"), (287.0, 440.0, "B+"),
        (340.0, 96.0, "Olivia Castillo"), (352.0, 96.0, "Registrar")])
    ev = extract_evidence(doc, context=ExtractionContext(expected_name="Joaquin Schafer"))
    assert ev.doc_type is DocType.COLLEGE_TRANSCRIPT
    assert (ev.value("grade"), ev.fields["grade"].method) == ("B+", "grade cell")


def test_a_result_cell_that_is_no_grade_gives_none() -> None:
    from cecintake.extractors.fields.misc import find_grade

    assert find_grade("Result of the review", cells=[("Result", "Approved for credit", (0, 19))]) is None
    assert find_grade("x", cells=[("Result", "A-", (10, 12))]).value == "A-"
