"""The document as lines of positioned words, with a map from character spans back to
pages, boxes and OCR confidence (provenance of every extracted value)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from statistics import median

from cecintake.domain import ReadDocument, TextSource, Word
from cecintake.domain.models import BBox


@dataclass(frozen=True, slots=True)
class Line:
    page: int
    index: int  # position in the document's list of lines
    words: tuple[Word, ...]
    text: str
    offsets: tuple[int, ...]  # start of each word in ``text``
    start: int  # offset of the line in the document text
    ocr: bool = False  # read by OCR (word boxes tight to the ink, not to the font's height)

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


# OCR line heights are the ink's, in pixels: they vary with the letters set (capitals, descenders)
# far more than a text layer's font sizes do. Their difference counts relative to the larger height,
# so that 1/_OCR_SIZE_SCALE of it weighs as 1 pt of a text layer (20% as 0.8 pt)
_OCR_SIZE_SCALE = 4.0


_OCR_INK = 0.75  # an OCR line's ink height against its type size


def type_height(ln: Line) -> float:
    """The line's type size, for measuring the space between lines: a text layer's height, or an
    OCR line's ink height (tight to the letters) over ``_OCR_INK``."""
    return ln.height / _OCR_INK if ln.ocr else ln.height


def size_gap(a: Line, b: Line) -> float:
    """How far apart the type of two lines is, in points of a text layer (for comparing with
    tolerances such as 0.6 or 0.8 pt)."""
    d = abs(a.height - b.height)
    if a.ocr or b.ocr:
        return d / max(a.height, b.height, 1.0) * _OCR_SIZE_SCALE
    return d


@dataclass(frozen=True, slots=True)
class Located:
    page: int
    bbox: BBox | None
    confidence: float  # the lowest OCR/word confidence of the words
    text: str


_TIME = re.compile(r"^\d{1,2}[:.]\d{2}")


def _gutter(rows: list[list[Word]], width: float) -> float | None:
    """The x of a vertical gap that runs down the page between two columns of text, or None."""
    found = _gutters(rows, width)
    return max(found)[1] if found else None


def _gutters(rows: list[list[Word]], width: float) -> list[tuple[int, float]]:
    """(width, x) of every vertical gap that runs down the page with at least three rows on each side."""
    n = len(rows)
    if n < 6 or width <= 0:
        return []
    bins = int(max(width, max(w.bbox[2] for r in rows for w in r))) + 2
    delta = [0] * (bins + 1)
    for row in rows:  # how many rows have ink at each x: merged word extents, as +1/-1 steps
        a, b = int(row[0].bbox[0]), int(row[0].bbox[2]) + 1
        for w in row[1:]:
            x0, x1 = int(w.bbox[0]), int(w.bbox[2]) + 1
            if x0 <= b:
                b = max(b, x1)
                continue
            delta[max(0, a)] += 1
            delta[min(bins, b)] -= 1
            a, b = x0, x1
        delta[max(0, a)] += 1
        delta[min(bins, b)] -= 1
    occ, run = [0] * bins, 0
    for x in range(bins):
        run += delta[x]
        occ[x] = run
    limit = max(1, n // 10)
    found: list[tuple[int, float]] = []
    x = int(0.12 * width)
    while x < int(0.8 * width):
        if occ[x] <= limit:
            a = x
            while x < bins and occ[x] <= limit:
                x += 1
            if x - a >= 12:
                c = (a + x) / 2
                left = sum(1 for r in rows if r[0].bbox[0] < c and not _crosses(r, c))
                right = sum(1 for r in rows if r[-1].bbox[2] > c and not _crosses(r, c))
                if left >= 3 and right >= 3 and not any(w == x - a for w, _ in found):
                    found.append((x - a, c))  # (the first of equally wide gaps, as before)
        x += 1
    return found


def _flowing(side: list[list[Word]]) -> int:
    """Rows of five words or more whose sentence carries on in the next row of the same column
    (it starts in lower case): running prose, which a table's cells are not."""
    rows = [r for r in side if r]
    return sum(1 for a, b in zip(rows, rows[1:]) if len(a) >= 5 and b[0].text[:1].islower() and _one_run(a))


def _one_run(row: list[Word]) -> bool:
    """No gap wider than about two letters between words: a line of prose, not cells of a table."""
    h = median(w.bbox[3] - w.bbox[1] for w in row) or 10.0
    return all(b.bbox[0] - a.bbox[2] <= max(0.8 * h, 6.0) for a, b in zip(row, row[1:]))


def _crosses(row: list[Word], c: float) -> bool:
    return any(w.bbox[0] < c < w.bbox[2] for w in row)


def columns(rows: list[list[Word]], width: float) -> list[list[Word]]:
    """Rows of a page in reading order when the page has two columns of running text (a sidebar
    beside a letter, two days of a schedule side by side): the reader groups words by height only,
    so a row holds a piece of each column. Each stretch of rows between rows that cross the gutter
    is read column by column. Label/value tables (short values beside their labels) are left as
    rows: it takes running prose on one side (sentences that carry on from row to row) or timed
    entries on both sides to count as columns."""
    return columns_marked(rows, width)[0]


def _sides(rows: list[list[Word]], c: float) -> list[tuple[list[Word], list[Word]] | None]:
    """Each row's words left and right of ``c``; None for a row that crosses it."""
    return [None if _crosses(r, c) else ([w for w in r if w.bbox[2] <= c], [w for w in r if w.bbox[0] >= c])
            for r in rows]


def columns_marked(rows: list[list[Word]], width: float) -> tuple[list[list[Word]], list[bool]]:
    """``columns`` and, per row returned, whether it belongs to a *margin* column: one without
    running prose beside one with it (a sidebar of addresses, board members and links)."""
    c = _gutter(rows, width)
    if c is None:
        rows = _label_columns(rows)
        return rows, [False] * len(rows)
    sides = _sides(rows, c)
    parts = [s for s in sides if s is not None]
    prose = max(_flowing([lft for lft, _ in parts]), _flowing([rgt for _, rgt in parts]))
    timed = min(sum(1 for lft, _ in parts if lft and _TIME.match(lft[0].text)),
                sum(1 for _, rgt in parts if rgt and _TIME.match(rgt[0].text)))
    panel = prose < 3 and timed < 3 and _side_panel(parts, width)
    if prose < 3 and timed < 3 and not panel:
        # a narrower gap may be a panel's beside a table's own columns (the widest gap is the table's)
        for _, c2 in sorted(_gutters(rows, width), key=lambda t: t[1]):
            sides = _sides(rows, c2)
            parts = [s for s in sides if s is not None]
            if c2 < c and _side_panel(parts, width):
                panel = True
                break
        else:
            rows = _label_columns(rows)
            return rows, [False] * len(rows)
    if panel:
        # a row of the main column that starts left of the gap (a long line) beside a panel's line: its first
        # run, within the panel's width and set apart from the rest, is the panel's
        edge = max(w.bbox[2] for lft, _ in parts for w in lft)
        for k, (r, side) in enumerate(zip(rows, sides, strict=True)):
            segs = _row_segments(r) if side is None else []
            if len(segs) >= 2 and segs[0][-1].bbox[2] <= edge + 2 and segs[1][0].bbox[0] > edge and \
                    len(segs[0]) <= 7:
                sides[k] = (segs[0], [w for seg in segs[1:] for w in seg])
    flow_l, flow_r = _flowing([lft for lft, _ in parts]), _flowing([rgt for _, rgt in parts])
    margin_l, margin_r = flow_l == 0 and flow_r >= 3, flow_r == 0 and flow_l >= 3
    out: list[list[Word]] = []
    marks: list[bool] = []
    left: list[list[Word]] = []
    right: list[list[Word]] = []
    for r, side in zip(rows, sides, strict=True):
        if side is None:
            out += left + right + [r]
            marks += [margin_l] * len(left) + [margin_r] * len(right) + [False]
            left, right = [], []
            continue
        if side[0]:
            left.append(side[0])
        if side[1]:
            right.append(side[1])
    return out + left + right, marks + [margin_l] * len(left) + [margin_r] * len(right)


# a line of contact details: a web or e-mail address, a phone number, a postcode, a PO box
_CONTACT = re.compile(r"www\.|https?:|@|\bP\.?[ \t]?O\.?[ \t]Box\b|\(\d{3}\)|\+\d|\b\d{5}(?:-\d{4})?\b|"
                      r"\b[A-Z]{1,2}\d[A-Z\d]?[ \t]\d[A-Z]{2}\b|\b[A-Z]\d[A-Z][ \t]\d[A-Z]\d\b")


def _side_panel(parts: list[tuple[list[Word], list[Word]]], width: float) -> bool:
    """A panel down the page's left edge beside the document's own column (a landscape certificate's
    organisation name over its address and web address, "Cascadia State University / Extended Campus /
    500 Summit Hall, Corvallis, OR 97331 / www.csu.com", beside the certifying text): short lines, no
    labels or times (no line of more than seven words: no running prose), at least one contact line; the
    panel and the main column each have rows of their own (a label/value table's labels have their values
    on every row)."""
    left = [lft for lft, _ in parts if lft]
    if len(left) < 3 or any(len(r) > 7 or _labelled(r) or _TIME.match(r[0].text) or not _one_run(r) for r in left):
        return False
    if min(r[0].bbox[0] for r in left) > 0.15 * width:
        return False
    # one column at the edge: no row starts right of what the rows at the edge span (an OCR page's panel
    # lines and a table's label cells beside it are rows of their own; the gap right of the labels is the table's)
    edge = max(w.bbox[2] for r in left if r[0].bbox[0] <= 0.15 * width for w in r)
    if any(r[0].bbox[0] >= edge for r in left):
        return False
    if not any(_CONTACT.search(" ".join(w.text for w in r)) for r in left):
        return False
    only_left = sum(1 for lft, rgt in parts if lft and not rgt)
    only_right = sum(1 for lft, rgt in parts if rgt and not lft)
    return only_left >= 1 and only_right >= 2


def _row_segments(row: list[Word]) -> list[list[Word]]:
    """Runs of words set apart by gaps wider than about two letter heights (as ``_segments``)."""
    h = median(w.bbox[3] - w.bbox[1] for w in row) or 10.0
    gap = max(0.8 * h, 6.0)
    out = [[row[0]]]
    for a, b in zip(row, row[1:]):
        if b.bbox[0] - a.bbox[2] > gap:
            out.append([])
        out[-1].append(b)
    return out


def _labelled(seg: list[Word]) -> bool:
    """A cell that opens with a label: a colon within its first twelve words, after a letter or a
    closing bracket ('hours (excluding breaks):')."""
    for w in seg[:12]:
        if w.text.endswith(":") and len(w.text) > 1 and (w.text[-2].isalpha() or w.text[-2] == ")"):
            return True
    return False


def _label_columns(rows: list[list[Word]]) -> list[list[Word]]:
    """A details block of two columns of "Label: value" cells whose values wrap ("Title of the
    course: Vernal Pool        Total contact hours: 2" over "Ecology and Restoration        hours
    40 minutes"): grouped by height, each row holds a piece of each column, so a wrapped value
    would run into the other column's. A stretch of rows that opens with a row of two labelled
    cells and goes on with rows that split at the same x (the second column's left edge, within
    about a letter; rows that cross it end the stretch) is read column by column, each wrapped
    piece joined to its cell's row. Only stretches with a wrapped value are re-ordered (two
    labelled cells on every row read the same both ways)."""
    out: list[list[Word]] = []
    i = 0
    while i < len(rows):
        segs = _row_segments(rows[i]) if rows[i] else []
        if len(segs) != 2 or not (_labelled(segs[0]) and _labelled(segs[1])):
            out.append(rows[i])
            i += 1
            continue
        x = segs[1][0].bbox[0]
        h = median(w.bbox[3] - w.bbox[1] for w in rows[i]) or 10.0
        tol = max(0.6 * h, 4.0)
        left, right, wrapped, j = [], [], False, i
        while j < len(rows) and rows[j]:
            r = rows[j]
            if any(w.bbox[0] < x - tol < w.bbox[2] for w in r):
                break  # a word crosses the second column's edge
            lft = [w for w in r if w.bbox[0] < x - tol]
            rgt = [w for w in r if w.bbox[0] >= x - tol]
            if rgt and abs(rgt[0].bbox[0] - x) > tol:
                break  # the right part does not start at the column's edge
            if lft and rgt and rgt[0].bbox[0] - lft[-1].bbox[2] <= max(0.8 * h, 6.0):
                break  # one run of words across the edge (a sentence under the block)
            if j > i and rows[j - 1] and min(w.bbox[1] for w in r) - max(w.bbox[3] for w in rows[j - 1]) > 0.9 * h:
                break  # a gap of more than a line's leading: the block has ended
            if j > i:
                ls, rs = bool(lft) and _labelled(lft), bool(rgt) and _labelled(rgt)
                if not (ls and rs):
                    if (lft and not ls) or (rgt and not rs):
                        wrapped = True
                    elif not (lft and rgt):
                        break  # one labelled cell alone: the block has ended
            for part, col in ((lft, left), (rgt, right)):
                if part and col and not _labelled(part):
                    col[-1] = col[-1] + part  # a wrapped value (or label) carries on its cell
                elif part:
                    col.append(part)
            j += 1
        if wrapped and j - i >= 2:
            out += left + right
            i = j
        else:
            out.append(rows[i])
            i += 1
    return out


_CELL_LABEL_WORDS = 4  # a label cell holds at most this many words
_CELL_VALUE_WORDS = 10  # a value cell at most this many (more is a line of prose)
_CELLS_APART = 3.0  # a row's label and value are further apart than this many times its height
_MIN_CELL_ROWS = 3  # rows of a table (label and value on one line, or facing lines) that show its two columns


def _row_height(row: list[Word]) -> float:
    return median(w.bbox[3] - w.bbox[1] for w in row) if row else 0.0


def _row_top(row: list[Word]) -> float:
    return median(w.bbox[1] for w in row)


def _widest_gap(row: list[Word]) -> tuple[float, int]:
    """The widest space between two words of ``row`` and the index of the word after it ((0.0, 0): none)."""
    return max(((b.bbox[0] - a.bbox[2], k) for k, (a, b) in enumerate(zip(row, row[1:]), 1)), default=(0.0, 0))


def cells_joined(rows: list[list[Word]]) -> list[list[Word]]:
    """An OCR page's table rows whose label and value Tesseract read as lines apart, put back together.
    Tesseract reads a ruled table's cells as blocks of their own, so a label ("Participant", "Sponsor") can
    come out on a line apart from its value beside it, the two lines anywhere in its order. A short row (at
    most four words) and the row that faces it on its right (same top within half a line, not prose: at most
    ten words, no other row between them) are joined when the page shows a table there: at least three rows,
    joined or already one line (two runs of words), whose label starts at the same x and whose value starts at
    the same x (within about half a letter). A centred panel's lines beside a certificate's, or a sidebar
    beside a letter's prose, do not start at the same x row after row, and stay apart."""
    n = len(rows)
    if n < 2:
        return rows
    tops = [_row_top(r) if r else 0.0 for r in rows]
    heights = [max(_row_height(r), 1.0) if r else 1.0 for r in rows]
    pairs: list[tuple[int, int]] = []
    for i, r in enumerate(rows):
        if not r or len(r) > _CELL_LABEL_WORDS:
            continue
        h = heights[i]
        right = [j for j in range(n) if j != i and rows[j] and abs(tops[j] - tops[i]) <= 0.5 * h
                 and rows[j][0].bbox[0] > r[-1].bbox[2]]
        if not right:
            continue
        j = min(right, key=lambda k: rows[k][0].bbox[0])
        if len(rows[j]) <= _CELL_VALUE_WORDS and _widest_gap(rows[j])[0] <= _CELLS_APART * heights[j]:
            pairs.append((i, j))  # (a row that is itself a label and a value is no value)
    starts = []  # (label x, value x, height) of each row that is already label and value
    for r in rows:  # split at its widest gap, when that is wider than three letters' height (OCR word spaces
        gap, k = _widest_gap(r)  # are as wide as the ink is high)
        if gap > _CELLS_APART * _row_height(r) and k <= _CELL_LABEL_WORDS:
            starts.append((r[0].bbox[0], r[k].bbox[0]))
    used: set[int] = set()
    joined: dict[int, int] = {}
    for i, j in pairs:
        if i in used or j in used:
            continue
        tol = 0.6 * heights[i]
        xl, xv = rows[i][0].bbox[0], rows[j][0].bbox[0]
        same = sum(1 for a, b in pairs if abs(rows[a][0].bbox[0] - xl) <= tol and abs(rows[b][0].bbox[0] - xv) <= tol)
        same += sum(1 for a, b in starts if abs(a - xl) <= tol and abs(b - xv) <= tol)
        if same >= _MIN_CELL_ROWS:
            joined[i] = j
            used |= {i, j}
    if joined:
        values = set(joined.values())
        rows = [r + rows[joined[i]] if i in joined else r for i, r in enumerate(rows) if i not in values]
    return _grid_rows_joined(rows)


def _cell_starts(row: list[Word]) -> list[float]:
    """The x where each cell of ``row`` starts: its first word's, and each word's after a space wider than
    twice the row's height (a table's cells are set further apart than the ink's word spaces)."""
    h = _row_height(row)
    return [row[0].bbox[0]] + [b.bbox[0] for a, b in zip(row, row[1:]) if b.bbox[0] - a.bbox[2] > 2.0 * h]


def _runs_on(rows: list[list[Word]], upper: list[int], lower: list[int]) -> bool:
    """A line of ``upper`` of five words or more whose sentence carries on in the ``lower`` line under it (that
    starts in lower case): running prose in a column, not a table's cells."""
    for a in upper:
        for b in lower:
            ra, rb = rows[a], rows[b]
            if len(ra) >= 5 and rb[0].text[:1].islower() and \
                    min(ra[-1].bbox[2], rb[-1].bbox[2]) > max(ra[0].bbox[0], rb[0].bbox[0]):
                return True
    return False


def _grid_rows_joined(rows: list[list[Word]]) -> list[list[Word]]:
    """A table with a header row whose cells Tesseract read as lines apart, one line a cell or a few: the
    lines at one height ("band"), side by side, are joined into one row (left to right) when the band just
    above or below it has cells starting where its lines start (each of at least two lines at a cell's x,
    within a letter's height): header and values line up in columns, which a sidebar beside a body, or a
    panel beside a certificate, do not. A header printed as one line over values read apart, values as
    one line under a header read apart, or both read apart, are all joined."""
    n = len(rows)
    live = [i for i in range(n) if rows[i]]
    if len(live) < 3:
        return rows
    tops = {i: _row_top(rows[i]) for i in live}
    hs = {i: max(_row_height(rows[i]), 1.0) for i in live}
    bands: list[list[int]] = []  # rows side by side at one height, top to bottom
    for i in sorted(live, key=lambda k: tops[k]):
        if bands and abs(tops[bands[-1][0]] - tops[i]) <= 0.5 * min(hs[bands[-1][0]], hs[i]) and \
                all(rows[i][0].bbox[0] > rows[k][-1].bbox[2] or rows[i][-1].bbox[2] < rows[k][0].bbox[0]
                    for k in bands[-1]):
            bands[-1].append(i)
        else:
            bands.append([i])
    join: list[list[int]] = []
    for b, band in enumerate(bands):
        if len(band) < 2 or any(len(rows[k]) > _CELL_VALUE_WORDS for k in band):
            continue  # (a line of prose beside a sidebar is no cell)
        band.sort(key=lambda k: rows[k][0].bbox[0])
        h = max(hs[k] for k in band)
        for nb in (b - 1, b + 1):
            if not 0 <= nb < len(bands):
                continue
            other = bands[nb]
            gap = abs(tops[other[0]] - tops[band[0]])
            if gap > 4.0 * h:
                continue  # not the band just above or below
            if any(len(rows[k]) > _CELL_VALUE_WORDS for k in other) or _runs_on(rows, bands[min(b, nb)],
                                                                                  bands[max(b, nb)]):
                continue
            starts = [x for k in other for x in _cell_starts(rows[k])]
            if len(starts) >= 2 and all(any(abs(rows[k][0].bbox[0] - x) <= h for x in starts) for k in band):
                join.append(band)
                break
    if not join:
        return rows
    first = {band[0]: band for band in join}
    gone = {k for band in join for k in band[1:]}
    order = {band[0]: min(band) for band in join}  # the joined row stands where its first line stood
    out: list[tuple[int, list[Word]]] = []
    for i, r in enumerate(rows):
        if i in gone:
            continue
        if i in first:
            out.append((order[i], [w for k in first[i] for w in rows[k]]))
        else:
            out.append((i, r))
    return [r for _, r in sorted(out, key=lambda t: t[0])]


class Layout:
    """Lines of a ReadDocument in reading order, and ``text`` = the lines joined by newlines."""

    def __init__(self, doc: ReadDocument) -> None:
        lines: list[Line] = []
        self.margin_lines: set[int] = set()  # lines of a sidebar column (see ``columns_marked``)
        self.page_heights = {page.number: page.height for page in doc.pages}
        pos = 0
        for page in doc.pages:
            ocr = page.source == TextSource.OCR
            by_line: dict[int, list[Word]] = {}
            for w in page.words:
                if w.text.strip():
                    by_line.setdefault(w.line, []).append(w)
            rows = [sorted(ws, key=lambda w: w.bbox[0]) for _, ws in sorted(by_line.items())]
            if ocr:
                rows = cells_joined(rows)
            ordered, marks = columns_marked(rows, page.width)
            for words, margin in zip(ordered, marks, strict=True):
                if margin:
                    self.margin_lines.add(len(lines))
                offsets, parts, col = [], [], 0
                for w in words:
                    offsets.append(col)
                    parts.append(w.text)
                    col += len(w.text) + 1
                text = " ".join(parts)
                lines.append(Line(page.number, len(lines), tuple(words), text, tuple(offsets), pos, ocr))
                pos += len(text) + 1
        self.lines = lines
        self.text = "\n".join(ln.text for ln in lines)
        self._starts = [ln.start for ln in lines]
        self.max_height = max((ln.height for ln in lines), default=0.0)
        heights = [ln.height for ln in lines if ln.height]
        self.body_height = median(heights) if heights else 0.0

    def main_text(self) -> str:
        """``text`` with the lines of sidebar columns blanked (same length, same offsets): what a
        reader takes the document to say, for classifying it."""
        if not self.margin_lines:
            return self.text
        return "\n".join(" " * len(ln.text) if ln.index in self.margin_lines else ln.text for ln in self.lines)

    @cached_property
    def label_pairs(self) -> list[Pair]:
        """The label/value pairs (``pairs``), worked out on first use."""
        return _pairs(self)

    @cached_property
    def tables(self) -> list[dict[str, tuple[str, tuple[int, int]]]]:
        """The rows of small tables (``table_rows``), worked out on first use."""
        return _table_rows(self)

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


# --- label/value rows --------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Pair:
    """A label and its value on one row: "Label: value", or a table row whose label cell and
    value cell are set apart by a wide gap (a label cell that wraps onto the next lines is joined)."""

    label: str
    value: str
    span: tuple[int, int]  # of the value in ``Layout.text``
    line: int
    kind: str = "cells"  # or "colon", or "side" (one of several "Label: value" cells on a row)


# OCR word boxes are tight to the ink: a word is about 0.75 of the font's height there and the
# gap between words about 1.25 of the text layer's, so the same gap is about 1.7 times as wide
# against the height (0.8 * 1.7 ~ 1.4). At 0.8 on scans, prose split into "cells" at its spaces
# ("organizer    of Annual Chapter Meeting" read as a label and its value)
_CELL_GAP, _CELL_GAP_OCR = 0.8, 1.4


def _ink(w: Word) -> float:
    return w.bbox[3] - w.bbox[1]


def _segments(ln: Line) -> list[tuple[int, int]]:
    """Runs of words (indices [a, b)) separated by gaps wider than about a letter height
    (the font's; on OCR lines, the ink's is smaller and the gaps wider)."""
    gap = max((_CELL_GAP_OCR if ln.ocr else _CELL_GAP) * (ln.height or 10.0), 6.0)
    out, a = [], 0
    for i in range(1, len(ln.words)):
        g = gap
        if ln.ocr:
            # the ink of the two words either side: a name in large type beside a form number in small
            # type ("Riparian Futures Institute      Form PD-57") is spaced by its own size
            g = max(gap, _CELL_GAP_OCR * min(max(_ink(ln.words[i - 1]), _ink(ln.words[i])), 2 * (ln.height or 10.0)))
        if ln.words[i].bbox[0] - ln.words[i - 1].bbox[2] > g:
            out.append((a, i))
            a = i
    out.append((a, len(ln.words)))
    return out


def _prose_continuation(lines: list, i: int, label: str) -> bool:
    """A line that carries on the sentence of the line above ("... serving as lead\norganizer of Webinar
    Series: Restoration in Practice") is prose, not a "label: value" pair: it starts in lower case and
    the line above is a sentence (six words or more) broken off mid-way, after a word or a comma."""
    if i == 0:
        return False
    prev = lines[i - 1]
    tail = prev.text.rstrip()
    # inside a quotation opened on the line above ("... your manuscript “Prairie\nSeed Collection Workshop:
    # lessons from ...”") the colon is the title's own, whatever the case of its first word
    quoted = prev.text.count("“") > prev.text.count("”") and _under(lines[i], prev)
    if not label[:1].islower() and not quoted:
        return False
    return prev.page == lines[i].page and len(tail.split()) >= 6 and (tail[-1:].isalpha() or tail.endswith(","))


_COLON_PAIR = re.compile(r"[ \t]*(?P<l>[A-Za-z][A-Za-z /()&'’\-]{1,70}?)[ \t]*:[ \t]+(?P<v>\S.*)$")


def _side_by_side(layout: Layout, ln: Line, segs: list[tuple[int, int]]) -> list[Pair]:
    """"Name: Ana Ruiz        Format: Online": two or more "Label: value" pairs on one row, set
    apart by a wide gap (a details block in columns); one pair per segment."""
    out = []
    for a, b in segs:
        s0 = ln.start + ln.offsets[a]
        s1 = ln.start + ln.offsets[b - 1] + len(ln.words[b - 1].text)
        m = _COLON_PAIR.match(layout.text[s0:s1])
        if not m or len(m.group("l").split()) > 6:
            return []
        out.append(Pair(m.group("l").strip(), m.group("v").strip(), (s0 + m.start("v"), s1), ln.index, "side"))
    return out


# pieces of one running line of details ("Training: Soil Health · Sponsor: River Partners · Hours: 6")
_INLINE_SEP = re.compile(r"[ \t\n]+[·•|][ \t\n]+|;[ \t\n]+")
_INLINE_PAIR = re.compile(r"(?P<l>[A-Z][A-Za-z /()&'’\-]{1,40}?)[ \t]*:[ \t\n]+(?P<v>\S[^\n]*?(?:\n[^\n]*?)?)[ \t\n.]*$")


def _inline(layout: Layout, i: int) -> tuple[list[Pair], int]:
    """Details run together on a line (and the lines it wraps onto): two or more "Label: value"
    pieces set apart by " · ", " | " or "; ". Returns one pair per labelled piece and the index of
    the line after the run, or ([], i) when line ``i`` is not such a run."""
    lines = layout.lines
    ln = lines[i]
    if len(_INLINE_SEP.findall(ln.text)) < 1 or ln.text.count(":") < 2:
        return [], i
    j = i
    # the run goes on over the next lines while they carry on its pieces: a line with a separator, or
    # the block's last line ending a piece ("... Delivery: in\nperson"), not a closing ("With best regards,")
    while j + 1 < len(lines) and _under(lines[j + 1], lines[j]) and size_gap(lines[j + 1], ln) <= 0.8 \
            and not lines[j].text.rstrip().endswith((".", ":")) and \
            (_INLINE_SEP.search(lines[j + 1].text) or ":" not in lines[j + 1].text
             and not lines[j + 1].text.rstrip().endswith(",") and len(lines[j + 1].text) < 0.6 * len(lines[j].text)
             and (j + 2 >= len(lines) or not _under(lines[j + 2], lines[j + 1]))):
        j += 1
    a, b = ln.start, lines[j].start + len(lines[j].text)
    chunk = layout.text[a:b]
    out, pos = [], 0
    for m in [*_INLINE_SEP.finditer(chunk), None]:
        end = m.start() if m else len(chunk)
        piece = chunk[pos:end]
        pm = _INLINE_PAIR.match(piece)
        if pm and len(pm.group("l").split()) <= 5:
            v = pm.group("v").replace("\n", " ").strip()
            out.append(Pair(pm.group("l").strip(), v, (a + pos + pm.start("v"), a + pos + pm.end("v")), i, "inline"))
        pos = m.end() if m else end
    if len(out) < 2:
        return [], i
    return out, j + 1


_OVER_LABEL = re.compile(r"[A-Z][A-Za-z /()&'’\-]{1,40}:?")
_NOT_OVER_LABEL = re.compile(r"(?i:\b(?:that|to|of|by|for|the|and|with|in|on|at)$)")


# the words of an organisation's unit ("Education & Training", "Restoration Programs"): a
# department over its organisation's name in a letterhead ("EDUCATION & TRAINING" over "Coastal
# Marsh Alliance") is no caption; a band's unit beside its organisation is not the provider
UNIT_LINE = re.compile(
    r"(?:(?:office|department|dept\.?|division|unit|programs?|services?|education|training|development|engagement|"
    r"operations|members?|membership|volunteers?|field|professional|continuing|community|outreach|restoration|"
    r"research|communications|student|affairs|public|events?|learning|of|and|&|the|for)(?!\w)[ \t]*)+",
    re.IGNORECASE)


# one word that is both a unit's and a caption's ("TRAINING" over the course's name): a caption
_CAPTION_WORD = re.compile(r"(?i:training|program(?:me)?|events?)")


# a caption's type against its value's: OCR ink heights vary with the letters (a descender, capitals),
# so a caption there must be clearly smaller ("Certificate of Course" over "Completion" is one heading)
_OCR_CAPTION = 0.7


def _label_over(layout: Layout, i: int) -> Pair | None:
    """A caption over its value ("Training title" in small type, the title under it in larger type):
    a short capitalised line of one run, set in type smaller than the line right under it."""
    lines = layout.lines
    if i + 1 >= len(lines):
        return None
    ln, nx = lines[i], lines[i + 1]
    label = ln.text.strip()
    if not _OVER_LABEL.fullmatch(label) or len(label.split()) > 4 or _NOT_OVER_LABEL.search(label.rstrip(":")) \
            or len(_segments(ln)) != 1 or len(_segments(nx)) != 1 or not _under(nx, ln) \
            or not ln.height or ln.height >= (_OCR_CAPTION if ln.ocr else 0.9) * nx.height or ":" in nx.text[:40] or UNIT_LINE.fullmatch(label) \
            and not _CAPTION_WORD.fullmatch(label.rstrip(":")):
        return None
    return Pair(label.rstrip(":").strip(), nx.text.strip(), (nx.start, nx.start + len(nx.text)), i, "over")


# a column heading that is never a value: a count's unit, a date's
_COUNT_HEAD = re.compile(r"(?i)(?:(?:contact|credit|ce|clock|total|training|instruction(?:al)?|cec|ceu)[ \t]+)?"
                         r"(?:hours?|hrs\.?|credits?|ceus?|cecs?|pdhs?|duration|dates?|date\(s\))")


def _two_cell_header(layout: Layout, i: int, segs: list[tuple[int, int]]) -> bool:
    """A header of two cells over a row of a table: no digits nor colon, the second cell a count's or a date's
    heading ("Course    Credit Hours"), and the line under it a row of as many cells starting at the same
    edges, holding a digit ("Restoring Seagrass Meadows    14")."""
    ln = layout.lines[i]
    if len(segs) != 2 or i + 1 >= len(layout.lines) or any(ch.isdigit() or ch == ":" for ch in ln.text):
        return False
    a, b = segs[1]
    if not _COUNT_HEAD.fullmatch(" ".join(w.text for w in ln.words[a:b])):
        return False
    nx = layout.lines[i + 1]
    nsegs = _segments(nx)
    return nx.page == ln.page and _under(nx, ln) and len(nsegs) == 2 and any(ch.isdigit() for ch in nx.text) \
        and all(abs(nx.words[c].bbox[0] - ln.words[h].bbox[0]) <= 4 for (c, _), (h, _) in zip(nsegs, segs))


def pairs(layout: Layout) -> list[Pair]:
    """The layout's label/value pairs (``_pairs``), worked out once per layout: several finders ask."""
    return layout.label_pairs


def _pairs(layout: Layout) -> list[Pair]:
    import re

    out: list[Pair] = []
    lines = layout.lines
    i = 0
    while i < len(lines):
        ln = lines[i]
        inline, nxt = _inline(layout, i)
        if inline:
            out += inline
            i = nxt
            continue
        over = _label_over(layout, i)
        if over is not None:
            out.append(over)
            i += 2
            continue
        segs = _segments(ln)
        side = _side_by_side(layout, ln, segs) if len(segs) >= 2 else []
        if side:
            out += side
            i += 1
            continue
        if len(segs) >= 3 and all(len(ln.words[a:b]) <= 4 for a, b in segs) and \
                not any(ch.isdigit() or ch == ":" for ch in ln.text):
            i += 1  # a table's header row ("Training    Sponsor    Date(s)"): labels over values, no pair
            continue
        if _two_cell_header(layout, i, segs):
            i += 1  # "Course    Credit Hours" over "Restoring Seagrass Meadows    14": a header, no label and value
            continue
        if len(segs) >= 2:
            a, b = segs[0]
            label_words = ln.words[a:b]
            label = " ".join(w.text for w in label_words)
            if not any(ch.isdigit() for ch in label) and len(label.split()) <= 9:
                x0, x_val = label_words[0].bbox[0], ln.words[segs[1][0]].bbox[0]
                j = i + 1
                while j < len(lines) and j <= i + 3:
                    nx = lines[j]
                    prev = lines[j - 1]
                    if nx.page != ln.page or len(_segments(nx)) != 1 or abs(nx.words[0].bbox[0] - x0) > 4 \
                            or nx.words[-1].bbox[2] > x_val - 2 or size_gap(nx, ln) > 0.8 \
                            or nx.top - max(w.bbox[3] for w in prev.words) > 0.9 * ln.height:
                        break
                    label += " " + nx.text
                    j += 1
                v0 = ln.start + ln.offsets[segs[1][0]]
                v1 = ln.start + len(ln.text)
                value = layout.text[v0:v1].strip()
                # a value cell wrapped onto the next line, in its own column ("Statistical Design of
                # Restoration\nMonitoring"), with no label of its own in the label column
                while j < len(lines) and j <= i + 3 and lines[j].page == ln.page and len(_segments(lines[j])) == 1 \
                        and abs(lines[j].words[0].bbox[0] - x_val) <= 4 and size_gap(lines[j], ln) <= 0.8 \
                        and _under(lines[j], lines[j - 1]) and ":" not in lines[j].text:
                    value += " " + lines[j].text.strip()
                    v1 = lines[j].start + len(lines[j].text)
                    j += 1
                out.append(Pair(label.strip().rstrip(":"), value, (v0, v1), i))
                i = j
                continue
        m = re.match(r"[ \t]*(?P<l>[A-Za-z][A-Za-z /()&'’\-]{1,70}?)[ \t]*:[ \t]+(?P<v>\S.*)$", ln.text)
        if m and len(m.group("l").split()) <= 9 and not _prose_continuation(lines, i, m.group("l")):
            out.append(Pair(m.group("l").strip(), m.group("v").strip(),
                            (ln.start + m.start("v"), ln.start + len(ln.text)), i, "colon"))
        i += 1
    return out


def _bottom(ln: Line) -> float:
    return max((w.bbox[3] for w in ln.words), default=0.0)


def _under(nx: Line, prev: Line) -> bool:
    """``nx`` is the next line of the same block: same page, no more than about a line's gap below."""
    return nx.page == prev.page and nx.top - _bottom(prev) <= 0.9 * max(prev.height, 1.0)


def _aligned_cells(nx: Line, xs: list[float]) -> list[tuple[int, int, float]] | None:
    """Segments of ``nx`` as (a, b, column x) when each starts at one of the column edges ``xs``."""
    out = []
    for a, b in _segments(nx):
        x = nx.words[a].bbox[0]
        col = next((c for c in xs if abs(c - x) <= 4), None)
        if col is None:
            return None
        out.append((a, b, col))
    return out


def _cells_within(nx: Line, xs: list[float]) -> list[tuple[int, int, float]] | None:
    """Segments of ``nx`` as (a, b, column x) when each lies within one column's span (from its left
    edge to the next column's): a wrapped cell's words, left-aligned, centred or set to the right."""
    cols = sorted(xs)
    out = []
    for a, b in _segments(nx):
        x0, x1 = nx.words[a].bbox[0], nx.words[b - 1].bbox[2]
        i = next((i for i in range(len(cols) - 1, -1, -1) if cols[i] - 4 <= x0), None)
        if i is None or (i + 1 < len(cols) and x1 > cols[i + 1] + 2):
            return None
        out.append((a, b, cols[i]))
    return out


# a cell cut where its value goes on: "October 30 – November 1," / "12 June –" / "9 a.m. to"
_CUT_CELL = re.compile(r"(?:[,\-\u2013\u2014/&(]|\b(?:to|and|through|thru|until|from|of|for))[ \t]*$", re.IGNORECASE)


def _starts_row(nx: Line, cells: list[tuple[int, int, float]], row: dict, col_of: dict, first: float) -> bool:
    """A line of fewer cells than the row above starts a row of its own when its first-column cell
    holds a time or a date and the cell above in that column is complete (a session without a
    speaker); under a cut cell ("October 30 – November 1,") it is the cell's continuation ("2024")."""
    for a, b, col in cells:
        if col != first:
            continue
        text = " ".join(w.text for w in nx.words[a:b])
        above = row.get(col_of.get(col, ""), ("", (0, 0)))[0]
        return any(ch.isdigit() for ch in text) and not _CUT_CELL.search(above)
    return False


def _cut_at_row_below(lines: list[Line], i: int) -> list[tuple[int, int]] | None:
    """A header line of one run of words cut into cells where the line under it starts each of its cells (two or
    more, holding a digit): every cell edge of the row must be a header word's left edge, the first the header's."""
    ln = lines[i]
    if i + 1 >= len(lines) or not _under(lines[i + 1], ln) or len(ln.words) < 2:
        return None
    nx = lines[i + 1]
    nsegs = _segments(nx)
    if len(nsegs) < 2 or not any(ch.isdigit() for ch in nx.text):
        return None
    cuts = []
    for a, _ in nsegs:
        x = nx.words[a].bbox[0]
        k = next((k for k, w in enumerate(ln.words) if abs(w.bbox[0] - x) <= 4), None)
        if k is None or (cuts and k <= cuts[-1]):
            return None
        cuts.append(k)
    if cuts[0] != 0:
        return None
    return [(a, b) for a, b in zip(cuts, [*cuts[1:], len(ln.words)])]


def _header_over_rows(lines: list[Line], k: int, segs: list[tuple[int, int]]) -> bool:
    """Line ``k`` (words only, under a line taken for a header) is itself a table's header: a cell of it
    heads a count or a date ("Day | Hours attended"), and the line under it is a row with a digit."""
    ln = lines[k]
    if not any(_COUNT_HEAD.search(" ".join(w.text for w in ln.words[a:b])) for a, b in segs):
        return False
    if k + 1 >= len(lines) or not _under(lines[k + 1], ln):
        return False
    nx = lines[k + 1]
    return len(_segments(nx)) >= 2 and any(ch.isdigit() for ch in nx.text)


def table_rows(layout: Layout) -> list[dict[str, tuple[str, tuple[int, int]]]]:
    """``_table_rows``, worked out once per layout: several finders ask (read them, never change them)."""
    return layout.tables


def _table_rows(layout: Layout) -> list[dict[str, tuple[str, tuple[int, int]]]]:
    """Rows of small tables: a header line of short text cells (no digits) over lines whose cells
    line up with them. Each row maps a header (lower case) to (cell text, span in ``layout.text``).
    A cell belongs to the header whose left edge is nearest at or left of it (cells may be wider).
    A header or a cell that wraps onto the line below (words only under some of the columns, each
    starting at its column's edge: "Stream Channel Restoration\nDesign") is joined; so is a row's
    continuation line whose cells each lie within one column's span, the other columns empty
    ("October 30 – November 1,\n2024"), unless it starts a new row (a date in the first column
    under a complete cell)."""
    out: list[dict[str, tuple[str, tuple[int, int]]]] = []
    lines = layout.lines
    used: set[int] = set()  # lines read as rows or wrapped cells of a table above: no header
    for i, ln in enumerate(lines):
        segs = _segments(ln)
        long_heads = False
        if len(segs) < 2 and i not in used and not any(ch.isdigit() for ch in ln.text):
            # long labels filling their columns, too close for a gap of their own ("Name of registered participant
            # Title of the course or activity  Total contact hours"): cut where the row below starts its cells
            segs = _cut_at_row_below(lines, i) or segs
            long_heads = len(segs) >= 2
        if i in used or len(segs) < 2 or any(ch.isdigit() for ch in ln.text) or len(ln.text) > (120 if long_heads else 90):
            continue
        heads = [[" ".join(w.text for w in ln.words[a:b]).strip(":").lower(), ln.words[a].bbox[0]] for a, b in segs]
        if any(len(h.split()) > (6 if long_heads else 4) for h, _ in heads):
            continue
        xs = [x for _, x in heads]
        j = i + 1
        while j < len(lines) and _under(lines[j], lines[j - 1]) and not any(ch.isdigit() for ch in lines[j].text):
            cells = _aligned_cells(lines[j], xs)  # a header wrapped onto a second line
            if not cells or len(cells) >= len(heads) or len(lines[j].text) > 60:
                break
            for a, b, col in cells:
                h = next(h for h in heads if h[1] == col)
                h[0] = f"{h[0]} {' '.join(w.text for w in lines[j].words[a:b]).lower()}"
            j += 1
        if any(len(h.split()) > 6 for h, _ in heads):
            continue
        heads_t = [(h, x) for h, x in heads]
        k = j
        while k < min(len(lines), j + 8):
            nx = lines[k]
            nsegs = _segments(nx)
            if nx.page != ln.page or len(nsegs) < 2 or len(nsegs) > len(heads_t):
                break
            if k > j and not any(ch.isdigit() for ch in nx.text):
                break  # a line of words only below the first row: the header of the next table
            if k == j and not any(ch.isdigit() for ch in nx.text) and _header_over_rows(lines, k, nsegs):
                break  # a label/value row over the table's own header ("Host organization | X" over "Day | Hours")
            row: dict[str, tuple[str, tuple[int, int]]] = {}
            col_of: dict[float, str] = {}
            for a, b in nsegs:
                x = nx.words[a].bbox[0]
                left = [h for h in heads_t if h[1] <= x + 4]
                if not left:
                    break
                h = max(left, key=lambda t: t[1])[0]
                if h in row:
                    break
                s0 = nx.start + nx.offsets[a]
                s1 = nx.start + nx.offsets[b - 1] + len(nx.words[b - 1].text)
                row[h] = (layout.text[s0:s1], (s0, s1))
                col_of[x] = h
            else:
                if len(row) >= 2:
                    used.add(k)
                    k += 1
                    # cells wrapped onto the next line(s): words only under later columns, at their edges
                    while k < len(lines) and _under(lines[k], lines[k - 1]):
                        cells = _cells_within(lines[k], list(col_of))
                        if not cells or len(cells) >= len(row) or _starts_row(lines[k], cells, row, col_of, min(col_of)):
                            break  # a new row (it starts in the first column with a time or a date), not a wrap
                        for a, b, col in cells:
                            h = col_of[col]
                            row[h] = (f"{row[h][0]} {' '.join(w.text for w in lines[k].words[a:b])}", row[h][1])
                        used.add(k)
                        k += 1
                    out.append(row)
                    continue
            break
    return out
