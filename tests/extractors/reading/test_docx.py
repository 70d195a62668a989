"""DOCX: paragraphs (and table cells) as lines with synthetic boxes."""

from __future__ import annotations

from cecintake.domain.vocab import MediaType, TextSource

from . import make
from .helpers import find, lines


def test_docx_paragraphs_and_table_cells_are_lines(read):
    data = make.docx(
        ["Course Syllabus", "", "BEE 4750 Environmental Systems Analysis", "Contact hours:\t45"],
        table=[["Week", "Topic"], ["1", "Mass balance"]],
    )
    doc = read(data)
    assert doc.media_type is MediaType.DOCX
    (page,) = doc.pages
    assert page.source is TextSource.TEXT_LAYER and doc.text_source is TextSource.TEXT_LAYER
    assert lines(page) == ["Course Syllabus", "BEE 4750 Environmental Systems Analysis", "Contact hours: 45",
                           "Week", "Topic", "1", "Mass balance"]
    word = find(page, "Environmental")
    assert word.line == 1 and word.bbox == (2.0, 1.0, 3.0, 2.0) and word.confidence == 1.0
    assert (page.width, page.height) == (5.0, 7.0)


def test_docx_without_text_is_a_page_without_words(read):
    (page,) = read(make.docx([])).pages
    assert page.words == ()
