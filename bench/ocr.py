"""OCR cost per page: ``read_document`` against Tesseract alone on the same pages.

    OMP_THREAD_LIMIT=1 python -m bench.ocr DIR [DIR ...] [--limit N] [--calls]

DIR holds generated scans or photos (``python -m fixtures.generate DIR --renders scan``).
Tesseract alone is timed as ``bench/throughput.py`` times it: ``tesseract IMG stdout
--psm 3 --dpi 300 tsv`` on each page as a grayscale PNG (PDF pages rendered at 300 dpi,
images at their own pixels), single-threaded, preparation untimed. ``--calls`` also
counts and times our pytesseract calls by kind (reads, OSD) to show where time goes.

``--reference REFDIR``: the same documents generated as digital PDFs (same ``--seed``,
``--count`` and ``--split``, ``--renders digital``: the generator draws the same document
whatever the render); OCR words are then compared with the text layer's words (bag of
words, case-folded, punctuation stripped): recall, precision, and how often a word read
with confidence >= 0.9 is right.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

os.environ["OMP_THREAD_LIMIT"] = "1"

SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}


def documents(dirs: list[Path], limit: int | None) -> list[Path]:
    files = sorted(p for d in dirs for p in d.rglob("*") if p.suffix.lower() in SUFFIXES)
    return files[:limit] if limit else files


def bare(files: list[Path], work: Path) -> tuple[float, int]:
    from bench.throughput import bare_tesseract, page_images

    images = page_images(files, work)
    return bare_tesseract(images), len(images)


class CallClock:
    """Wrap pytesseract's entry points to count and time calls by kind."""

    def __init__(self) -> None:
        import pytesseract

        self.n: dict[str, int] = defaultdict(int)
        self.s: dict[str, float] = defaultdict(float)
        for name in ("image_to_data", "image_to_osd"):
            orig = getattr(pytesseract, name)
            setattr(pytesseract, name, self._wrap(name, orig))

    def _wrap(self, name, fn):
        def timed(*a, **kw):
            t = time.perf_counter()
            try:
                return fn(*a, **kw)
            finally:
                self.n[name] += 1
                self.s[name] += time.perf_counter() - t
        return timed


def ours(files: list[Path]):
    from cecintake.extractors.reading import read_document

    total, pages, rows = 0.0, 0, []
    for f in files:
        data = f.read_bytes()
        t = time.perf_counter()
        doc = read_document(data)
        dt = time.perf_counter() - t
        total += dt
        pages += len(doc.pages)
        rows.append((f, dt, doc))
    return total, pages, rows


def _norm(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


class WordScore:
    def __init__(self) -> None:
        self.ref = self.got = self.hit = self.high = self.high_hit = 0
        self.per_doc: list[tuple[float, Path]] = []

    def add(self, path: Path, doc, ref_pdf: Path) -> None:
        from collections import Counter

        from cecintake.extractors.reading import read_document

        ref = Counter(n for p in read_document(ref_pdf.read_bytes()).pages for w in p.words if (n := _norm(w.text)))
        words = [(n, w.confidence) for p in doc.pages for w in p.words if (n := _norm(w.text))]
        got = Counter(n for n, _ in words)
        hit = sum((ref & got).values())
        self.ref += sum(ref.values())
        self.got += len(words)
        self.hit += hit
        for n, c in words:
            if c >= 0.9:
                self.high += 1
                self.high_hit += n in ref
        self.per_doc.append((hit / max(1, sum(ref.values())), path))

    def report(self) -> str:
        return (f"words: recall {self.hit / max(1, self.ref):.3f} precision {self.hit / max(1, self.got):.3f}  "
                f"conf>=0.9 right {self.high_hit / max(1, self.high):.3f} ({self.high} words)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="+", type=Path)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--calls", action="store_true", help="count and time pytesseract calls")
    ap.add_argument("--no-bare", action="store_true")
    ap.add_argument("--slowest", type=int, default=0)
    ap.add_argument("--reference", type=Path, default=None, help="the same documents rendered digital")
    ap.add_argument("--worst", type=int, default=0, help="list the documents with the lowest word recall")
    args = ap.parse_args(argv)
    files = documents(args.dirs, args.limit)
    clock = CallClock() if args.calls else None
    ours_s, ours_pages, rows = ours(files)
    print(f"ours:  {ours_s:7.1f} s  {ours_pages} pages  {ours_s / max(ours_pages, 1):.3f} s/page")
    if clock:
        for k in sorted(clock.n):
            print(f"  {k:14s} {clock.n[k]:4d} calls {clock.s[k]:7.1f} s")
    if args.reference:
        ws = WordScore()
        for f, _, doc in rows:
            rel = f.relative_to(next(d for d in args.dirs if f.is_relative_to(d)))
            ws.add(f, doc, (args.reference / rel).with_suffix(".pdf"))
        print(ws.report())
        for r, f in sorted(ws.per_doc)[:args.worst]:
            print(f"  recall {r:.3f}  {f}")
    if not args.no_bare:
        with tempfile.TemporaryDirectory(prefix="cec-ocr-bench-") as tmp:
            bare_s, bare_pages = bare(files, Path(tmp))
        print(f"bare:  {bare_s:7.1f} s  {bare_pages} pages  {bare_s / max(bare_pages, 1):.3f} s/page")
        print(f"ratio: {ours_s / bare_s:.2f}")
    for f, dt, doc in sorted(rows, key=lambda r: -r[1])[:args.slowest]:
        print(f"  {dt:6.2f} s  {len(doc.pages)} p  {f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
