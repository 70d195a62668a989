from __future__ import annotations

import pytest

from cecintake.extractors.api import ReadLimits
from cecintake.extractors.reading import read_document

from . import make


@pytest.fixture(scope="session")
def limits() -> ReadLimits:
    return ReadLimits()


@pytest.fixture(scope="session")
def cert_pdf() -> bytes:
    return make.text_pdf()


@pytest.fixture(scope="session")
def cert_image(cert_pdf) -> "make.Image.Image":
    """The certificate page rendered at 200 dpi (1700 x 2200 px)."""
    return make.render(cert_pdf, dpi=200)


@pytest.fixture(scope="session")
def read():
    cache: dict[tuple[bytes, ReadLimits], object] = {}

    def _read(data: bytes, limits: ReadLimits = ReadLimits()):
        key = (data, limits)
        if key not in cache:
            cache[key] = read_document(data, limits=limits)
        return cache[key]

    return _read
