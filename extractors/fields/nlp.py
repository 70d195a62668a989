"""The spaCy pipeline: ``blank("en")`` plus a phrase-cue component, built once per process.

The component marks every cue phrase of ``cues.CUES`` as a span in ``doc.spans["cues"]``
labelled with its cue group (e.g. ``completion``, ``not_evidence``); the document-type
scorer and the field finders read those spans.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from .cues import CUES

MAX_CHARS = 200_000  # longer documents are cut for cue matching (evidence is short)


class CueMarker:
    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for group, phrases in CUES.items():
            self.matcher.add(str(group), [nlp.make_doc(p) for p, _ in phrases])

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, s, e, label=mid) for mid, s, e in self.matcher(doc)]
        doc.spans["cues"] = spans
        return doc


@Language.factory("cec_cues")
def _make_cue_marker(nlp: Language, name: str) -> CueMarker:
    return CueMarker(nlp)


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("cec_cues")
    return nlp


def analyse(text: str) -> Doc:
    return get_nlp()(text[:MAX_CHARS])
