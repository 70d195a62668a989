"""Print the closing-note table of issue 7: each hostile case through the real intake
service and isolated pool -> final status, error code, time, worker peak memory.

    .venv/bin/python -m tools.hostile_report [--markdown] [--only ID ...]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.hostile.corpus import CASES, FAILED, LIMITS, write_case  # noqa: E402
from tests.hostile.harness import hostile_settings, ingest, sqlite_url  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--markdown", action="store_true")
    a = ap.parse_args(argv)
    rows, bad = [], 0
    for case in CASES:
        if a.only and case.id not in a.only:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            t = Path(tmp)
            inbox = t / "inbox"
            write_case(case, inbox)
            run = ingest(hostile_settings(t / "home", sqlite_url(t)), [inbox])
            doc = run.docs[0]
            ok = (doc.status == "failed" and doc.code in case.codes) if case.status == FAILED else doc.status != "failed"
            bad += not ok
            rows.append((case.id, f"{len(case.data):,}", doc.status, doc.code or "-", f"{run.seconds:.2f}",
                         f"{doc.peak_mb:.0f}" if doc.peak_mb else "-", "ok" if ok else "UNEXPECTED"))
    head = ("case", "bytes", "status", "error code", "time s", "peak MB", "expected")
    print(f"limits: {LIMITS}")
    if a.markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for r in rows:
            print("| " + " | ".join(r) + " |")
    else:
        widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
        for r in (head, *rows):
            print("  ".join(str(x).ljust(w) for x, w in zip(r, widths)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
