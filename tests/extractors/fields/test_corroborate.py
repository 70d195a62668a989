"""Provider corroboration (fields/corroborate.py): a provider another reading of the same document
contradicts is not auto-accepted; readings that agree (give or take OCR noise) leave it as it was."""

from __future__ import annotations

import pytest

from cecintake.extractors.api import ExtractionContext
from cecintake.extractors.fields import extract_evidence
from cecintake.extractors.fields.corroborate import SUFFIX, orgs_agree

from .helpers import doc_from_text


@pytest.mark.parametrize(("a", "b"), [
    pytest.param("Soclety for Ecologlcal Restoration", "Society for Ecological Restoration", id="ocr-noise"),
    pytest.param("SER", "Society for Ecological Restoration", id="acronym"),
    pytest.param("SER Mid-Atlantic Chapter", "Society for Ecological Restoration Mid-Atlantic Chapter",
                 id="acronym-inside"),
    pytest.param("Green Corridors Training Ltd", "Green Corridors Training", id="legal-suffix"),
    pytest.param("Society for Ecological Restoration", "Society for Ecological Restoration, Midwest-Great Lakes Chapter",
                 id="name-inside"),
    pytest.param("Universidad Técnica del Sur", "Universidad Tecnica del Sur", id="accents"),
])
def test_names_of_one_organisation_agree(a: str, b: str) -> None:
    assert orgs_agree(a, b) and orgs_agree(b, a)


@pytest.mark.parametrize(("a", "b"), [
    pytest.param("Prairie Restoration Institute", "Coastal Wetland Society", id="different"),
    pytest.param("Northwoods Native Seed Cooperative", "Great Basin Native Plant Collaborative", id="shared-word"),
])
def test_names_of_two_organisations_disagree(a: str, b: str) -> None:
    assert not orgs_agree(a, b) and not orgs_agree(b, a)


_HEAD = """Prairie Restoration Institute
1200 Grand Avenue, Des Moines, IA 50309
Certificate of Completion
This certifies that Dana Lefevre
"""


def _provider(text: str):
    ev = extract_evidence(doc_from_text(text), context=ExtractionContext(expected_name="Dana Lefevre"))
    return ev.fields["provider"]


def test_a_provider_every_reading_agrees_on_stays_auto_accepted() -> None:
    f = _provider(_HEAD + "has completed Native Seed Collection Basics\nProvider: Prairie Restoration Institute\n"
                  "Date: March 3, 2025\nContact hours: 6\n")
    assert (f.value, f.method) == ("Prairie Restoration Institute", "label")
    assert f.confidence >= 0.9


@pytest.mark.parametrize("text", [
    # the label names one organisation, the letterhead another
    pytest.param(_HEAD + "has completed Native Seed Collection Basics\nProvider: Coastal Wetland Society\n"
                 "Date: March 3, 2025\nContact hours: 6\n", id="letterhead"),
    # the label names one organisation, a by-phrase another
    pytest.param("Certificate of Completion\nThis certifies that Dana Lefevre\nhas completed Native Seed Collection "
                 "Basics, a course offered by the Coastal Wetland Society.\nProvider: Prairie Restoration Institute\n"
                 "Date: March 3, 2025\n", id="by-phrase"),
])
def test_a_provider_another_reading_contradicts_is_held_below_the_line(text: str) -> None:
    # which organisation offered the course is for a reviewer to say
    f = _provider(text)
    assert f.method == "label" + SUFFIX
    assert f.confidence < 0.9


@pytest.mark.parametrize(("read", "roster"), [
    pytest.param("Ruth Lovland", "Ruth Løvland", id="letter-lost"),
    pytest.param("THOMPSON, WEIL", "Wei P. Thompson", id="letter-added"),
    pytest.param("MACDONALD, NOFMIE", "Noémie MacDonald", id="letter-misread"),
])
def test_an_ocr_name_spelt_unlike_the_roster_is_held_below_the_line(read: str, roster: str) -> None:
    from cecintake.domain.vocab import TextSource

    text = f"Certificate of Completion\nThis certifies that\n{read}\nhas completed Native Seed Collection Basics\n"
    ev = extract_evidence(doc_from_text(text, source=TextSource.OCR, confidence=0.97),
                          context=ExtractionContext(expected_name=roster))
    f = ev.fields["participant_name"]
    assert "spelt unlike roster" in f.method and f.confidence < 0.9
    # the same letters on a text layer are the document's own: not re-read
    ev = extract_evidence(doc_from_text(text), context=ExtractionContext(expected_name=roster))
    assert "spelt unlike roster" not in ev.fields["participant_name"].method


def test_a_method_renamed_keeps_its_detail_after_the_colon() -> None:
    # the calibration and the OCR gate key a finder by what comes before the colon
    from cecintake.extractors.fields.corroborate import renamed

    assert renamed("lead:presented to", " x") == "lead x:presented to"
    assert renamed("label", " x") == "label x"


def test_a_letterhead_cut_inside_a_word_takes_the_whole_name_printed_elsewhere() -> None:
    # OCR broke the letterhead "Great Basin Native Plant Collaborative" over two lines, out of order; the whole
    # name is printed further down: the value is that name, a reading of its own held below the line
    from cecintake.domain.vocab import TextSource

    from cecintake.extractors.fields.corroborate import CUT_SHORT

    text = ("Great Basin N\nPO Box 771\nReno, NV 89502\nTel: +1 59 2563 841\nwww.greatbasin.com\n"
            "ative Plant Collaborative\nOak Savanna Restoration Field Day\nCourse Syllabus\n"
            "Dates 11/14/2022 - 11/15/2022\nLocation Great Basin Native Plant Collaborative field station,\n"
            "Portland, OR\nContact hours: 12.75 hours\n")
    ev = extract_evidence(doc_from_text(text, source=TextSource.OCR, confidence=0.97),
                          context=ExtractionContext(expected_name=None))
    f = ev.fields["provider"]
    assert f.value == "Great Basin Native Plant Collaborative"
    assert CUT_SHORT in f.method and f.confidence < 0.9
