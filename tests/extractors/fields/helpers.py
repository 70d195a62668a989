"""ReadDocuments built from plain text (one Word per token, one line per text line)."""

from __future__ import annotations

from cecintake.domain import Page, ReadDocument, Word
from cecintake.domain.vocab import MediaType, TextSource


def doc_from_text(text: str, *, confidence: float = 1.0, source: TextSource = TextSource.TEXT_LAYER,
                  big_lines: frozenset[int] = frozenset()) -> ReadDocument:
    words = []
    for i, line in enumerate(text.strip("\n").split("\n")):
        x = 72.0
        size = 20.0 if i in big_lines else 11.0
        top = 72.0 + i * 16.0
        for tok in line.split():
            w = len(tok) * size * 0.5
            words.append(Word(tok, (x, top, x + w, top + size), confidence, i))
            x += w + size * 0.3
    page = Page(1, 612.0, 792.0, source, tuple(words), confidence if source is TextSource.OCR else None)
    return ReadDocument(MediaType.PDF, (page,))
