"""Roster names against printed names that differ only by middle initials or how a
compound family name is printed (issue 4: honorifics, middle initials, accents,
hyphenation, suffixes)."""

from __future__ import annotations

import pytest

from cecintake.extractors.text.names import name_similarity

THRESHOLD = 0.85  # RoutingThresholds.name_match


@pytest.mark.parametrize(("printed", "roster"), [
    pytest.param("Ana Smith-Jones", "Ana E. Smith-Jones", id="hyphenated-without-initial"),
    pytest.param("SMITH-JONES, ANA", "Ana E. Smith-Jones", id="last-first-upper"),
    pytest.param("Liam De la Cruz", "Liam L. De la Cruz", id="particles-without-initial"),
    pytest.param("Dr. Maria Fernandez-Ruiz", "María L. Fernández-Ruiz", id="honorific-accents-initial"),
    pytest.param("Ana E. Smith-Jones", "Ana Elena Smith-Jones", id="initial-vs-full-middle"),
    pytest.param("Dana Whitfield, PhD", "Dana Whitfield", id="credentials"),
    pytest.param("VAN DER BERG, MARCUS", "Marcus Anne van der Berg", id="middle-name-omitted-with-particles"),
])
def test_same_person_matches(printed: str, roster: str) -> None:
    assert name_similarity(printed, roster) >= THRESHOLD


@pytest.mark.parametrize(("printed", "roster"), [
    pytest.param("Ana Smith", "Ana Jones", id="other-family-name"),
    pytest.param("Ana E. Smith-Jones", "Ana F. Smith-Jones", id="conflicting-initials"),
    pytest.param("Ana Maria Smith", "Ana Lucia Smith", id="conflicting-middle-names"),
    pytest.param("Bob Smith", "Alice Smith", id="other-first-name"),
])
def test_different_people_do_not_match(printed: str, roster: str) -> None:
    assert name_similarity(printed, roster) < THRESHOLD


@pytest.mark.parametrize(("read", "roster", "differs"), [
    pytest.param("Ruth Lovland", "Ruth Løvland", True, id="letter-lost"),
    pytest.param("José Miiller, Sr", "José E. Müller Sr.", True, id="letter-doubled"),
    pytest.param("Kai Mensah", "Kai J. Mensah", False, id="middle-left-out"),
    pytest.param("MOREAU, HANNAH", "Hannah J. Moreau", False, id="order-and-case"),
    pytest.param("Zoe Walsh", "Zoë M. Walsh", False, id="accent-strips-off"),
    pytest.param("Wei A. Castillo, II", "Wei Anne Castillo II", False, id="initial"),
    pytest.param("Dana Smith", "Kai Mensah", False, id="another-person"),
])
def test_spelling_differs_from_the_roster(read: str, roster: str, differs: bool) -> None:
    from cecintake.extractors.text.names import spelling_differs

    assert spelling_differs(read, roster) is differs
