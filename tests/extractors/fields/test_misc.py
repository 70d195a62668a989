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
