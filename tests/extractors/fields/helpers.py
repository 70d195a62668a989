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


def doc_from_pieces(pieces: list[tuple], *, width: float = 612.0,
                    height: float = 792.0) -> ReadDocument:
    """(top, left, text) pieces -> one page of 10-pt words 5 pt a letter; pieces at the same top
    share a reader line (as a layout with cells set apart on one row). A fourth item sets the
    piece's type size (a small caption over a larger value)."""
    tops = sorted({p[0] for p in pieces})
    words = []
    for top, x, text, *size in pieces:
        pt = size[0] if size else 10.0
        for tok in text.split():
            words.append(Word(tok, (x, top, x + len(tok) * pt / 2, top + pt), 1.0, tops.index(top)))
            x += len(tok) * pt / 2 + 0.3 * pt
    return ReadDocument(MediaType.PDF, (Page(1, width, height, TextSource.TEXT_LAYER, tuple(words), None),))
