from __future__ import annotations

from cecintake.domain.models import Page, Word


def find(page: Page, text: str) -> Word:
    for w in page.words:
        if w.text == text:
            return w
    raise LookupError(f"{text!r} not on page {page.number}: {page.text[:300]!r}")


def assert_near(actual: float, expected: float, tol: float, what: str = "") -> None:
    if abs(actual - expected) > tol:
        raise AssertionError(f"{what}: {actual:.1f} is not within {tol} of {expected:.1f}")


def lines(page: Page) -> list[str]:
    return page.text.splitlines()
