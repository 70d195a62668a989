"""Extraction accuracy over a generated *held-out* set (never tuned on).

    python -m bench.accuracy [--count 130] [--seed 11] [--renders digital] [--split heldout]

Prints per-field precision/recall, doc-type accuracy, and calibration: the share of
values extracted with confidence >= 0.9 that are right.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from cecintake.extractors.api import ExtractionContext
from cecintake.extractors.fields import extract_evidence
from cecintake.extractors.reading import read_document
from cecintake.extractors.text.names import name_similarity

SKIP_FIELDS = {"course_code", "term", "attendance_verification"}
HIGH = 0.9


def same(name: str, got, want) -> bool:
    if name == "participant_name":
        return name_similarity(str(got), str(want)) >= 0.97
    if isinstance(want, bool) or want is None:
        return got == want
    if isinstance(want, (int, float)):
        try:
            return abs(float(got) - float(want)) < 0.011
        except (TypeError, ValueError):
            return False
    return str(got).strip().lower() == str(want).strip().lower()


@dataclass
class Tally:
    right: int = 0
    wrong: int = 0
    missing: int = 0
    spurious: int = 0

    @property
    def precision(self) -> float:
        n = self.right + self.wrong + self.spurious
        return self.right / n if n else 1.0

    @property
    def recall(self) -> float:
        n = self.right + self.wrong + self.missing
        return self.right / n if n else 1.0


@dataclass
class Report:
    fields: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    docs: int = 0
    doc_type_right: int = 0
    high_right: int = 0
    high_total: int = 0
    errors: list[str] = field(default_factory=list)
    confusion: dict = field(default_factory=lambda: defaultdict(int))  # (want, got) -> count


def score(samples, report: Report) -> None:
    for s in samples:
        truth = s.truth
        doc = read_document(s.path.read_bytes())
        ev = extract_evidence(doc, context=ExtractionContext(expected_name=truth["roster"]["full_name"]))
        report.docs += 1
        report.confusion[(truth["doc_type"], str(ev.doc_type))] += 1
        if str(ev.doc_type) == truth["doc_type"]:
            report.doc_type_right += 1
        else:
            report.errors.append(f"{s.path.name} [{truth['template']}]: doc type {ev.doc_type} ({ev.doc_type_confidence}), want {truth['doc_type']}")
        if truth["doc_type"] == "unknown":
            continue
        want = {k: v for k, v in truth["fields"].items() if k not in SKIP_FIELDS}
        for name, value in want.items():
            f = ev.fields.get(name)
            t = report.fields[name]
            if f is None:
                t.missing += 1
                report.errors.append(f"{s.path.name} [{truth['template']}]: {name} missing, want {value!r}")
                continue
            ok = same(name, f.value, value)
            t.right += ok
            t.wrong += not ok
            if f.confidence >= HIGH:
                report.high_total += 1
                report.high_right += ok
            if not ok:
                report.errors.append(f"{s.path.name} [{truth['template']}]: {name} {f.value!r} ({f.confidence}), want {value!r}")
        for name, f in ev.fields.items():
            if str(name) not in want and str(name) not in SKIP_FIELDS:
                report.fields[str(name)].spurious += 1
                if f.confidence >= HIGH:
                    report.high_total += 1


def print_report(report: Report, title: str, *, show_errors: int) -> None:
    print(f"== {title}: {report.docs} documents")
    print(f"doc type accuracy {report.doc_type_right / max(1, report.docs):.3f}")
    print(f"{'field':22s} {'prec':>6s} {'recall':>6s}  right wrong miss spur")
    tot = Tally()
    for name, t in sorted(report.fields.items()):
        print(f"{name:22s} {t.precision:6.3f} {t.recall:6.3f}  {t.right:5d} {t.wrong:5d} {t.missing:4d} {t.spurious:4d}")
        tot.right += t.right
        tot.wrong += t.wrong
        tot.missing += t.missing
        tot.spurious += t.spurious
    acc = tot.right / max(1, tot.right + tot.wrong + tot.missing)
    print(f"{'ALL':22s} {tot.precision:6.3f} {tot.recall:6.3f}  field accuracy {acc:.3f}")
    print(f"calibration: {report.high_right}/{report.high_total} values with confidence >= {HIGH} are right "
          f"({report.high_right / max(1, report.high_total):.3f})")
    wrong = {k: n for k, n in report.confusion.items() if k[0] != k[1]}
    if wrong:
        print("doc type confusions (want -> got: n): " + ", ".join(
            f"{w} -> {g}: {n}" for (w, g), n in sorted(wrong.items(), key=lambda kv: -kv[1])))
    for e in report.errors[:show_errors]:
        print("  ", e)


def main(argv: list[str] | None = None) -> int:
    from fixtures.generate import generate

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=130)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--renders", default="digital", help="comma-separated: digital,scan,photo,docx")
    ap.add_argument("--split", default="heldout", choices=["heldout", "train", "validation", "standin", "standin_check"],
                    help="standin / standin_check: the stand-in layouts and wordings (fixtures.doc.STANDIN_TEMPLATES, "
                    "fixtures/kinds_standin.py), part a (tuned on) and part b (never tuned on)")
    ap.add_argument("--errors", type=int, default=15, help="how many errors to list")
    ap.add_argument("--kinds", default=None, help="comma-separated kinds (default: every kind of the split); "
                    "'extra' = the harder train-only kinds of fixtures/kinds_extra.py, 'all+extra' = both")
    ap.add_argument("--templates", default=None, help="comma-separated templates to score (the others are "
                    "generated but not read); 'layouts' = the train-only fixtures.doc.TRAIN_LAYOUTS, "
                    "'base' = every other template")
    args = ap.parse_args(argv)
    keep = None
    if args.templates:
        from fixtures.doc import TRAIN_LAYOUTS

        layouts = {t for ts in TRAIN_LAYOUTS.values() for t in ts}
        keep = set()
        for t in args.templates.split(","):
            t = t.strip()
            keep |= layouts if t == "layouts" else {"base"} if t == "base" else {t}
        if "base" in keep:
            from fixtures.doc import TEMPLATE_FAMILY

            keep |= set(TEMPLATE_FAMILY) - layouts
    kinds = None
    if args.kinds:
        from fixtures.generate import KINDS, TRAIN_ONLY_KINDS

        kinds = []
        for k in args.kinds.split(","):
            kinds += {"extra": list(TRAIN_ONLY_KINDS), "all": list(KINDS),
                      "all+extra": list(KINDS) + list(TRAIN_ONLY_KINDS)}.get(k.strip(), [k.strip()])
    with tempfile.TemporaryDirectory(prefix="cec-bench-") as tmp:
        for render in args.renders.split(","):
            samples = generate(Path(tmp) / render, count=args.count, seed=args.seed, split=args.split,
                               renders=(render,), kinds=kinds)
            if keep is not None:
                samples = [s for s in samples if s.truth["template"] in keep]
            report = Report()
            score(samples, report)
            print_report(report, f"{args.split} / {render}", show_errors=args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
