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


@pytest.mark.parametrize(("text", "count", "method"), [
    pytest.param("Emile MacDonald took the lead in organizing the following two chapter events: Restoration Film Evening "
                 "(June 19, 2025); Riverbank Cleanup Day (September 5, 2025).", 2, "count phrase", id="count-phrase"),
    pytest.param("Beatriz Smith-Jones was the principal organizer of the chapter's Spring Prairie Burn Demonstration "
                 "(March 13, 2025).", 1, "organizer phrase", id="principal-organizer-of"),
    pytest.param("Please accept this as confirmation of the events Ruth Dubois planned and ran as lead organizer for our "
                 "chapter:\nEvent Held on Role\nNative Plant Sale 3/10/2025 Lead organizer\nRiverbank Cleanup Day "
                 "5/29/2025 Lead organizer\nStudent Research Night 6/25/2025 Lead organizer\nRespectfully,",
                 3, "event table", id="event-table"),
])
def test_events_organized_in_other_words(text: str, count: int, method: str) -> None:
    from cecintake.extractors.fields.misc import count_events

    found = count_events(text.replace("\n", " "), text)
    assert (found.value, found.method) == (count, method)
    assert found.confidence < 0.9
    assert find_service(text, "SER Appalachian Highlands Chapter")["role"].value == "event_organizer"


def test_an_organizing_committee_is_a_committee() -> None:
    svc = find_service("She served in organizing committee work as a member of the Conference Committee.", "SER")
    assert svc["role"].value == "committee_member"


@pytest.mark.parametrize(("text", "task"), [
    pytest.param("Volunteer Hours Log\nNorthwoods Native Seed Assignment counting salamander egg masses in vernal pools\n"
                 "Cooperative Period January 12, 2024 to February 9, 2024\n",
                 "counting salamander egg masses in vernal pools", id="assignment-cell-beside-a-side-panel"),
    pytest.param("Volunteer: Jo Ray\nAssignment: answering phones in the front office\n",
                 "answering phones in the front office", id="assignment-label"),
])
def test_an_assignment_label_names_the_task(text: str, task: str) -> None:
    from cecintake.extractors.fields.misc import find_task

    found = find_task(text, text.replace("\n", " "))
    assert (found.value, found.method) == (task, "task label")


def test_the_time_given_is_no_task_but_the_clause_goes_on_to_it() -> None:
    from cecintake.extractors.fields.misc import find_task

    text = ("Dana Lefevre volunteered with us from March 18, 2025 to April 20, 2025,\ncontributing 24 hours of service, "
            "chiefly potting up sedge plugs at the\ncooperative nursery. Northwoods is a nonprofit.")
    assert find_task(text, text.replace("\n", " ")).value == "potting up sedge plugs at the cooperative nursery"


@pytest.mark.parametrize(("decision", "status"), [
    pytest.param("Published online", "published", id="published-online"),
    pytest.param("Accept without revision", "accepted", id="accept"),
    pytest.param("Accept with minor revisions", "under_review", id="revisions-to-make"),
    pytest.param("Out for review", "under_review", id="out-for-review"),
])
def test_a_labelled_editorial_decision_gives_the_status(decision: str, status: str) -> None:
    from cecintake.extractors.fields.misc import find_publication

    text = ("Notice of Editorial Decision\nManuscript ID: PRAI-2022-912\nArticle type: Practice brief\nTitle: Cost of "
            f"invasive shrub removal\nDecision: {decision}\nDecision date: 5/23/2022\n")
    kind, found = find_publication(text)
    assert (found.value, found.method) == (status, "decision label")
    assert (kind.value, kind.method) == ("other_educational", "type label")


def test_a_brief_in_running_text_is_no_kind_of_publication() -> None:
    from cecintake.extractors.fields.misc import find_publication

    kind, _ = find_publication("Dear Author,\nYour manuscript has been accepted. A brief summary of the comments follows.")
    assert kind.value == "peer_reviewed"


def test_years_of_service_counted_from_the_terms_dates() -> None:
    from cecintake.extractors.fields.common import Found
    from cecintake.extractors.fields.misc import years_from_dates

    def span(a: str, b: str):
        return (Found(a, (1, 2), 0.75, "date range"), Found(b, (1, 2), 0.75, "date range"))

    got = years_from_dates(span("2022-01-01", "2024-12-31"))
    assert (got.value, got.method) == (3, "from dates") and got.confidence < 0.9
    assert years_from_dates(span("2021-07-01", "2023-06-30")).value == 2
    assert years_from_dates(span("2022-03-01", "2022-10-31")) is None  # months, no whole year


def test_a_hyphenated_term_gives_the_years() -> None:
    svc = find_service("She served a two-year term on the Board of Directors.", "SER Europe")
    assert (svc["years"].value, svc["years"].method) == (2, "term phrase")


@pytest.mark.parametrize(("text", "status"), [
    pytest.param("Your article appeared in Restoration Notes, Vol. 4.", "published", id="appeared-in"),
    pytest.param("Your chapter is in press and will appear in the edited volume.", "accepted", id="in-press"),
    pytest.param("Your paper is under consideration by our referees.", "under_review", id="under-consideration"),
])
def test_a_status_in_other_words(text: str, status: str) -> None:
    from cecintake.extractors.fields.misc import find_publication

    _, found = find_publication(f"Dear Author,\n{text}\n")
    assert (found.value, found.method) == (status, "status phrase")


def test_events_listed_under_the_line_that_introduces_them() -> None:
    from cecintake.extractors.fields.misc import count_events

    text = ("Dear Panel,\nJo Ray was responsible for organising the following on behalf of the SER Europe Chapter:\n"
            "\u2022 Hedge laying day (12 March 2024)\n\u2022 Bat walk (3 June 2024)\n\u2022 Seed swap (9 September 2024)\n"
            "Kind regards,\n")
    found = count_events(text.replace("\n", " "), text)
    assert (found.value, found.method) == (3, "listed lines")
    assert find_service(text, "SER Europe Chapter")["role"].value == "event_organizer"


def test_a_duties_label_followed_by_its_own_verb_is_no_task_cell() -> None:
    from cecintake.extractors.fields.misc import find_task

    text = "Letter\nDuties performed: answering phones in the office\n"
    assert find_task(text, text.replace("\n", " ")) is None  # not 'performed: answering ...' as a cell's value


def test_the_signers_board_title_is_not_the_body_served_on() -> None:
    # a memo FROM the board's secretary about a seat on a committee: the signer's "Board Secretary" (in the
    # From line and under the signature) says nothing of what the person served on
    text = ("Society for Ecological Restoration\nTO: Kai J. Mensah\nFROM: Ruth Thompson, Board Secretary\n"
            "RE: Confirmation of service\nName: Kai J. Mensah\nPosition: Awards Committee\n"
            "Term: 04/2025 to 03/2027\nYours sincerely,\nRuth Thompson\nBoard Secretary\n")
    role = find_service(text, "Society for Ecological Restoration")["role"]
    assert (role.value, role.method) == ("committee_member", "keyword")


def test_board_and_committee_both_named_is_a_reading_of_its_own() -> None:
    text = "Our records show Dana Lefevre chaired the Board's outreach work and the Awards Committee.\n"
    role = find_service(text, None)["role"]
    assert role.method == "keyword of two" and role.confidence < 0.85
