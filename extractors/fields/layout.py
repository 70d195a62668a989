"""The document as lines of positioned words, with a map from character spans back to
pages, boxes and OCR confidence (provenance of every extracted value)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from statistics import median

from cecintake.domain import ReadDocument, Word
from cecintake.domain.models import BBox


@dataclass(frozen=True, slots=True)
class Line:
    page: int
    index: int  # position in the document's list of lines
    words: tuple[Word, ...]
    text: str
    offsets: tuple[int, ...]  # start of each word in ``text``
    start: int  # offset of the line in the document text

    @property
    def height(self) -> float:
        hs = [w.bbox[3] - w.bbox[1] for w in self.words if w.bbox[3] > w.bbox[1]]
        return median(hs) if hs else 0.0

    @property
    def top(self) -> float:
        return min((w.bbox[1] for w in self.words), default=0.0)

    @property
    def confidence(self) -> float:
        return min((w.confidence for w in self.words), default=1.0)


@dataclass(frozen=True, slots=True)
class Located:
    page: int
    bbox: BBox | None
    confidence: float  # the lowest OCR/word confidence of the words
    text: str


class Layout:
    """Lines of a ReadDocument in reading order, and ``text`` = the lines joined by newlines."""

    def __init__(self, doc: ReadDocument) -> None:
        lines: list[Line] = []
        pos = 0
        for page in doc.pages:
            by_line: dict[int, list[Word]] = {}
            for w in page.words:
                if w.text.strip():
                    by_line.setdefault(w.line, []).append(w)
            for _, words in sorted(by_line.items()):
                words.sort(key=lambda w: w.bbox[0])
                offsets, parts, col = [], [], 0
                for w in words:
                    offsets.append(col)
                    parts.append(w.text)
                    col += len(w.text) + 1
                text = " ".join(parts)
                lines.append(Line(page.number, len(lines), tuple(words), text, tuple(offsets), pos))
                pos += len(text) + 1
        self.lines = lines
        self.text = "\n".join(ln.text for ln in lines)
        self._starts = [ln.start for ln in lines]
        self.max_height = max((ln.height for ln in lines), default=0.0)
        heights = [ln.height for ln in lines if ln.height]
        self.body_height = median(heights) if heights else 0.0

    def line_at(self, offset: int) -> Line | None:
        i = bisect_right(self._starts, offset) - 1
        return self.lines[i] if 0 <= i < len(self.lines) else None

    def locate(self, span: tuple[int, int]) -> Located:
        """Page, union box and confidence of the words under a span of ``text``."""
        start, end = span
        words: list[Word] = []
        page = 1
        i = max(0, bisect_right(self._starts, start) - 1)
        while i < len(self.lines) and self.lines[i].start < end:
            ln = self.lines[i]
            page = page if words else ln.page
            for w, off in zip(ln.words, ln.offsets, strict=True):
                a, b = ln.start + off, ln.start + off + len(w.text)
                if a < end and b > start:
                    words.append(w)
            i += 1
        if not words:
            return Located(page, None, 1.0, self.text[start:end])
        bbox = (min(w.bbox[0] for w in words), min(w.bbox[1] for w in words),
                max(w.bbox[2] for w in words), max(w.bbox[3] for w in words))
        conf = min(w.confidence for w in words)
        return Located(page, bbox, conf, self.text[start:end])
