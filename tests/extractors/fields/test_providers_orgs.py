"""Provider among several organisations: the one that offered the activity, not an accreditor,
a venue, a partner, a funder or an instructor's employer (phrasings of ``fixtures/kinds_orgs``)."""

from cecintake.domain.vocab import FieldName as F
from cecintake.extractors.api import ExtractionContext
from cecintake.extractors.fields import extract_evidence
from cecintake.extractors.fields.common import _ORG_WORDS, ORG_HEADS
from cecintake.extractors.fields.orgnames import HEADS

from .helpers import doc_from_text


def _ev(text, name=None):
    return extract_evidence(doc_from_text(text), context=ExtractionContext(expected_name=name))


def test_one_vocabulary_of_organisation_heads():
    assert HEADS is ORG_HEADS
    for name in ("Oakleaf Ecological Services", "Prairie Restoration Guild", "Riverlands Ecology Lab",
                 "Hydrology Associates Inc."):
        assert _ORG_WORDS.search(name), name


def test_organisation_under_the_signature_named_with_services():
    text = ("LETTER OF ATTENDANCE\nAugust 31, 2025\nDear Ms. Ana Ruiz,\n"
            "On behalf of our team, I am pleased to confirm that Ana Ruiz completed our seminar, Soil Biology for\n"
            "Restoration Practitioners, on August 8, 2025.\n"
            "Hours may be submitted to the Ecological Society of America for certification renewal.\n"
            "Yours sincerely,\nSven Yoon\nProgram Coordinator\nOakleaf Ecological Services\n")
    assert _ev(text, "Ana Ruiz").value(F.PROVIDER) == "Oakleaf Ecological Services"
