"""Generated digital documents (fixtures *train* split), one test per kind: doc type and fields."""

from __future__ import annotations

import pytest

from bench.accuracy import same

from cecintake.extractors.api import ExtractionContext
from cecintake.extractors.fields import extract_evidence
from cecintake.extractors.text.names import name_similarity

generate_mod = pytest.importorskip("fixtures.generate")
reading = pytest.importorskip("cecintake.extractors.reading")

KINDS = list(generate_mod.KINDS)
PER_KIND = 2
SKIP_FIELDS = {"course_code", "term", "attendance_verification"}


@pytest.fixture(scope="session")
def samples(tmp_path_factory) -> dict[str, list]:
    out = tmp_path_factory.mktemp("generated")
    got = generate_mod.generate(out, count=len(KINDS) * PER_KIND, seed=3, split="train", renders=("digital",))
    by_kind: dict[str, list] = {}
    for s in got:
        by_kind.setdefault(s.truth["kind"], []).append(s)
    return by_kind


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_kind(kind: str, samples) -> None:
    right = total = 0
    errors = []
    for s in samples[kind]:
        doc = reading.read_document(s.path.read_bytes())
        ev = extract_evidence(doc, context=ExtractionContext(expected_name=s.truth["roster"]["full_name"]))
        assert str(ev.doc_type) == s.truth["doc_type"], s.path.name
        if s.truth["doc_type"] == "unknown":
            continue
        for name, want in s.truth["fields"].items():
            if name in SKIP_FIELDS:
                continue
            total += 1
            f = ev.fields.get(name)
            if f is not None and same(name, f.value, want):
                right += 1
            else:
                errors.append((name, want, None if f is None else f.value))
            if f is not None:
                assert 0.0 <= f.confidence <= 1.0
    assert total == 0 or right / total >= 0.85, errors
