"""The OCR gate: which values read by OCR may stay at the 0.9 auto-accept line, fitted on
generated *train* scans and phone photos only.

The digital calibration (``calibrate.py``) says how often a finder is right on text read from a
PDF's text layer. On a scan or a photo the same finder may be handed wrong text (a misread
letter, words merged or split, lines in the wrong order), so a value's digital-calibrated
confidence says too much. Each OCR value gets *evidence* from the words under it (``evidence``):
the lowest and the mean Tesseract word confidence of those words, and the page's OCR quality (the
mean confidence of the page's words). A value may stay at or above 0.9 only when

- its digital-calibrated confidence is at or above 0.9, and
- its gate passes: the lowest word confidence under it at least ``wmin`` and the page's quality at
  least ``page``. A finder (``field|method``) with at least ``MIN_FINDER`` train values at >= 0.9
  has a gate of its own; the other finders share their field group's (``GROUPS``). A gate may
  be null: that finder or group never auto-accepts on OCR text (its errors are not ones word
  confidence sees: a wrong date picked from clean text, a name read without its diacritics).

Every other OCR value is held below the line: ``min(c * (0.55 + 0.45 * lowest word confidence),
0.89)`` (the old word-confidence factor still orders the values below the line). A value with
no words under it (a count or a category inferred from the whole text) is gated by the page's
quality alone, in its own group. When ``ocr_gate.json`` is missing or unreadable, or names no
gate for the value's finder or group, no OCR value can reach 0.9.

Fit (``main``): every value extracted from generated train scans and photos (``KINDS`` plus the
train-only kinds, as ``calibrate.py``; never the validation kinds nor the held-out split), with
its digital-calibrated confidence, its evidence, its render, template and kind, and whether it
is right (as ``bench.accuracy`` scores it). The gates are chosen jointly over a grid of
thresholds (``WMIN_GRID`` x ``PAGE_GRID``): for a price ``lam`` of one error in right values
(``LAMBDAS``, at least 200: 99.5%), each finder or group takes the gate maximising
``kept - lam * wrong`` (none if that is not positive or its kept values are right less than
``TRAIN_RIGHT``), and the lowest price whose kept values together are

- right at least ``TRAIN_RIGHT`` (99.5%) of the time on train,
- with the one-sided upper confidence bound of their error rate (Clopper-Pearson,
  ``BOUND_LEVEL``) at most ``MAX_ERROR_BOUND`` (1%): it may not rest on too few values, and
- right at least ``TRAIN_RIGHT`` on every render (scan, photo) with ``MIN_N`` values or more,

wins (it keeps the most). Of equal gates, the strictest (the far end of a gap in the train
values: a margin for unseen ones). The fit prints leave-one-template-out and leave-one-kind-out
checks (gates fitted without the template or kind, applied to it).

Reading the generated documents (Tesseract) is the slow part: each document's read is cached
(``CACHE``) by its bytes and the reader's source (``extractors/reading/*.py``), so a refit after
changes to extraction only generates and extracts again; ``--dump`` writes the records and
``--records`` refits on them in seconds. Refit with

    python -m cecintake.extractors.fields.ocr_gate --count 120 --seeds 31,32 --dump /tmp/ocr_gate.jsonl

Last fit (session 7: train seeds 31,32 x 120 documents x scan and photo, 2,816 values, with the
train-only hours and provider kinds; 275 s with the reads cached, 3 s to fit): 1,207 values kept
at >= 0.9, all right (scans 621/621, photos 586/586); leave one template out 1198/1205 (0.9942),
leave one kind out 1193/1200. The fit is stricter than the session before's: on OCR text
``start_date|single date`` (train errors at >= 0.9: the wrong date of several picked, not a
misread digit) and the ``text`` group (titles and providers other than a letterhead) never reach
the line. Validation (seeds 3 and 4 x 100; checked, never fitted on): scans 187/187, photos
174/174. Gating
``nmin`` (the words either side too) kept more on train with the same leave-one-out figures and
was not better on validation: ``FEATURE`` stays ``wmin``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import pickle
import sys
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).with_name("ocr_gate.json")
BELOW = 0.89
HIGH = 0.9
TRAIN_RIGHT = 0.995  # kept values right at least this often on train
MAX_ERROR_BOUND = 0.01  # and the one-sided upper bound of their error rate at most this
BOUND_LEVEL = 0.9  # confidence level of that bound
MIN_N = 30  # fewer kept values on a render: too few to judge that render apart
CACHE = Path.home() / ".cache" / "cecintake" / "ocr-reads"

# field -> group (a gate per group where the data supports it)
GROUPS = {
    "participant_name": "name",
    "activity_title": "text", "provider": "text", "task_description": "text", "nonprofit": "text",
    "start_date": "date", "end_date": "date",
    "contact_hours": "number", "volunteer_hours": "number", "service_years": "number",
    "events_organized": "number",
    "approval_code": "code",
    "delivery_mode": "category", "grade": "category", "publication_kind": "category",
    "publication_status": "category", "service_role": "category", "org_level": "category",
    "signer_role": "category",
}
NOSPAN = "nospan"  # values with no words under them
FEATURE = "wmin"  # the word confidence gated: "wmin" (words under the value) or "nmin" (and either side)
MIN_FINDER = 60  # a finder with this many OCR values at >= 0.9 on train gets a gate of its own
LAMBDAS = (200, 300, 500, 1000, 2000, 5000, 10**9)  # prices of an error, in right values given up
WMIN_GRID = (0.0, 0.3, 0.4, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.83, 0.86, 0.88, 0.9, 0.92, 0.94, 0.96)
PAGE_GRID = (0.0, 0.6, 0.7, 0.75, 0.8, 0.85, 0.88, 0.9, 0.92)


@dataclass(frozen=True, slots=True)
class Evidence:
    wmin: float | None  # lowest word confidence under the value (None: no words under it)
    wmean: float | None
    page: float  # the page's OCR quality: mean confidence of its words
    words: int = 0
    nmin: float | None = None  # lowest word confidence under the value and of the words either side of it


def _page_quality(layout, page: int) -> float:
    confs = [w.confidence for ln in layout.lines if ln.page == page for w in ln.words
             if any(ch.isalnum() for ch in w.text)]
    return sum(confs) / len(confs) if confs else 0.0


def evidence(layout, span: tuple[int, int] | None, page: int | None = None) -> Evidence:
    """OCR evidence of the value at ``span`` of ``layout.text`` (None: a value with no span)."""
    words, near = [], []
    if span is not None and span[0] < span[1]:
        start, end = span
        for ln in layout.lines:
            if ln.start >= end:
                break
            if ln.start + len(ln.text) < start:
                continue
            under = [i for i, off in enumerate(ln.offsets)
                     if ln.start + off < end and ln.start + off + len(ln.words[i].text) > start]
            if under:
                words += [ln.words[i] for i in under]
                near += [ln.words[i] for i in (under[0] - 1, under[-1] + 1) if 0 <= i < len(ln.words)]
                page = ln.page
    if page is None:
        page = layout.lines[0].page if layout.lines else 1
    q = _page_quality(layout, page)
    if not words:
        return Evidence(None, None, q, 0)
    confs = [max(0.0, min(1.0, w.confidence)) for w in words]
    nmin = min([min(confs)] + [max(0.0, min(1.0, w.confidence)) for w in near])
    return Evidence(min(confs), sum(confs) / len(confs), q, len(words), nmin)


def finder(field: str, method: str | None) -> str:
    return f"{field}|{(method or '').split(':')[0]}"


def group(field: str, ev: Evidence) -> str:
    return NOSPAN if ev.wmin is None else GROUPS.get(field, "other")


def gate_key(field: str, method: str | None, ev: Evidence, gates: dict) -> str:
    """A finder fitted on its own has its own gate; other finders share their field group's."""
    if ev.wmin is not None and finder(field, method) in gates:
        return finder(field, method)
    return group(field, ev)


@lru_cache(maxsize=1)
def _gates() -> dict[str, tuple[float, float] | None]:
    """finder or group -> (wmin, page) thresholds, None: never at >= 0.9; {} when the file is
    missing or bad (then no OCR value passes)."""
    try:
        raw = json.loads(TABLE.read_text(encoding="utf-8"))["gates"]
        return {str(g): None if v is None else (float(v["wmin"]), float(v["page"])) for g, v in raw.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def passes(field: str, method: str | None, ev: Evidence, gates: dict | None = None) -> bool:
    gates = gates if gates is not None else _gates()
    gate = gates.get(gate_key(field, method, ev, gates))
    if gate is None:
        return False
    wmin, page = gate
    seen = ev.nmin if FEATURE == "nmin" and ev.nmin is not None else ev.wmin
    return (seen is None or seen >= wmin) and ev.page >= page


def gated(field: str, method: str | None, confidence: float, ev: Evidence, gates: dict | None = None) -> float:
    """The confidence of an OCR value whose digital-calibrated confidence is ``confidence``."""
    if confidence >= HIGH and passes(field, method, ev, gates):
        return confidence
    factor = 0.55 + 0.45 * (ev.wmin if ev.wmin is not None else ev.page)
    return min(confidence * factor, BELOW)


# --- fitting -------------------------------------------------------------------------------

def _reader_version() -> str:
    h = hashlib.sha256()
    for p in sorted((Path(__file__).parent.parent / "reading").glob("*.py")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def cached_read(data: bytes, version: str):
    from cecintake.extractors.reading import read_document

    path = CACHE / version / f"{hashlib.sha256(data).hexdigest()[:32]}.pickle"
    try:
        return pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        pass
    doc = read_document(data)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(pickle.dumps(doc))
    tmp.replace(path)
    return doc


def records(count: int, seeds: list[int], split: str = "train", renders=("scan", "photo"),
            kinds: list[str] | None = None) -> list[dict]:
    """Every value extracted from generated scans and photos with its digital-calibrated
    confidence, OCR evidence and whether it is right."""
    import tempfile

    from cecintake.extractors.api import ExtractionContext

    from bench.accuracy import SKIP_FIELDS, same
    from fixtures.generate import KINDS, TRAIN_ONLY_KINDS, generate

    from . import calibrate, extract

    if split == "heldout":
        raise ValueError("the held-out split is never used here")
    if kinds is None and split == "train":
        kinds = list(KINDS) + list(TRAIN_ONLY_KINDS)
    version = _reader_version()
    seen: dict[str, tuple[float, Evidence]] = {}

    raw: dict[str, float] = {}

    def recorder(field, method, confidence, ev, gates=None):
        seen[field] = (confidence, ev)
        return confidence

    def calibrated_seen(field, method, confidence):
        raw[field] = confidence  # the finder's own confidence: a refit from --records recalibrates it
        return calibrate.calibrated(field, method, confidence)

    out: list[dict] = []
    extract._ocr_gated = recorder
    extract.calibrated = calibrated_seen
    try:
        with tempfile.TemporaryDirectory(prefix="cec-ocrgate-") as tmp:
            for seed in seeds:
                for render in renders:
                    samples = generate(Path(tmp) / f"{seed}-{render}", count=count, seed=seed, split=split,
                                       kinds=kinds, renders=(render,))
                    for s in samples:
                        if s.truth["doc_type"] == "unknown":
                            continue
                        doc = cached_read(s.path.read_bytes(), version)
                        seen.clear()
                        ev = extract.extract_evidence(
                            doc, context=ExtractionContext(expected_name=s.truth["roster"]["full_name"]))
                        truth = s.truth["fields"]
                        where = {"render": s.truth["render"], "template": s.truth["template"],
                                 "kind": s.truth["kind"], "doc": s.path.name, "seed": seed}
                        for name, f in ev.fields.items():
                            if str(name) in SKIP_FIELDS or str(name) not in seen:
                                continue
                            conf, e = seen[str(name)]
                            want = truth.get(str(name))
                            out.append({"field": str(name), "method": f.method, "conf": conf,
                                        "wmin": e.wmin, "wmean": e.wmean, "page": e.page, "nwords": e.words,
                                        "nmin": e.nmin, "raw": raw.get(str(name)),
                                        "ok": want is not None and same(str(name), f.value, want),
                                        "value": str(f.value), "want": None if want is None else str(want),
                                        **where})
                        for name, want in truth.items():  # missing values: for field accuracy only
                            if name not in SKIP_FIELDS and name not in {str(k) for k in ev.fields}:
                                out.append({"field": name, "method": None, "conf": -1.0, "wmin": None,
                                            "wmean": None, "page": 0.0, "nwords": 0, "ok": False,
                                            "value": None, "want": str(want), "missing": True, **where})
    finally:
        extract._ocr_gated = gated
        extract.calibrated = calibrate.calibrated
    return out


def recalibrated(recs: list[dict]) -> None:
    """Records' digital-calibrated confidences from their raw ones with the current
    ``calibration.json`` (a refit of the digital calibration needs no new records)."""
    from .calibrate import calibrated

    for r in recs:
        if r.get("raw") is not None and not r.get("missing"):
            r["conf"] = calibrated(r["field"], r["method"], r["raw"])


def error_bound(n: int, wrong: int, level: float = BOUND_LEVEL) -> float:
    """One-sided Clopper-Pearson upper bound of an error rate seen as ``wrong`` of ``n``."""
    if n == 0:
        return 1.0
    if wrong >= n:
        return 1.0
    alpha = 1 - level
    if wrong == 0:
        return 1 - alpha ** (1 / n)
    lo, hi = wrong / n, 1.0  # bisection on the binomial tail P(X <= wrong | p) = alpha
    for _ in range(60):
        mid = (lo + hi) / 2
        if _binom_cdf(wrong, n, mid) > alpha:
            lo = mid
        else:
            hi = mid
    return hi


def _binom_cdf(k: int, n: int, p: float) -> float:
    if p <= 0:
        return 1.0
    if p >= 1:
        return 0.0
    lp, lq = math.log(p), math.log1p(-p)
    total = 0.0
    for i in range(k + 1):
        total += math.exp(math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1) + i * lp + (n - i) * lq)
    return total


def _old_rule(r: dict) -> float:
    """The confidence before the gate: the digital one times 0.55 + 0.45 * lowest word confidence."""
    return round(r["conf"] * (0.55 + 0.45 * r["wmin"]) if r["wmin"] is not None else r["conf"], 3)


def _seen(r: dict) -> float | None:
    return r.get("nmin", r["wmin"]) if FEATURE == "nmin" and r["wmin"] is not None else r["wmin"]


def _kept(recs, gate) -> list[dict]:
    wmin, page = gate
    return [r for r in recs if r["conf"] >= HIGH and (_seen(r) is None or _seen(r) >= wmin) and r["page"] >= page]


def acceptable(kept: list[dict]) -> bool:
    n = len(kept)
    wrong = sum(1 for r in kept if not r["ok"])
    if n == 0 or (n - wrong) / n < TRAIN_RIGHT or error_bound(n, wrong) > MAX_ERROR_BOUND:
        return False
    for render in {r["render"] for r in kept}:
        sub = [r for r in kept if r["render"] == render]
        if len(sub) >= MIN_N and sum(r["ok"] for r in sub) / len(sub) < TRAIN_RIGHT:
            return False
    return True


def fit_one(recs: list[dict]) -> tuple[float, float] | None:
    """The single gate keeping the most values that is ``acceptable``; of equals, the strictest."""
    best, best_n = None, 0
    for wmin in WMIN_GRID:
        for page in PAGE_GRID:
            kept = _kept(recs, (wmin, page))
            if len(kept) >= max(best_n, 1) and acceptable(kept):
                best, best_n = (wmin, page), len(kept)
    return best


def _key(r: dict, own: set[str]) -> str:
    f = finder(r["field"], r["method"])
    return f if r["wmin"] is not None and f in own else group(r["field"], _ev(r))


def fit(recs: list[dict]) -> dict[str, tuple[float, float] | None]:
    """Gates per finder (with at least ``MIN_FINDER`` values at >= 0.9) and per field group (the
    other finders), chosen jointly: for a price ``lam`` of an error in right values, each gate is
    the one maximising kept - lam * wrong (or none); the lowest price whose kept values are
    ``acceptable`` together wins (it keeps the most)."""
    recs = [r for r in recs if r["conf"] >= HIGH]  # the others stay below 0.9 whatever the gate
    counts: dict[str, int] = {}
    for r in recs:
        if r["wmin"] is not None:
            counts[finder(r["field"], r["method"])] = counts.get(finder(r["field"], r["method"]), 0) + 1
    own = {f for f, n in counts.items() if n >= MIN_FINDER}
    by: dict[str, list[dict]] = {}
    for r in recs:
        by.setdefault(_key(r, own), []).append(r)
    options: dict[str, list[tuple[tuple[float, float], list[dict]]]] = {}
    for g, rs in by.items():
        opts = []
        for wmin in WMIN_GRID:
            for page in PAGE_GRID:
                opts.append(((wmin, page), _kept(rs, (wmin, page))))
        options[g] = opts
    best: dict[str, tuple[float, float] | None] = {g: None for g in by}
    best_n = 0
    for lam in LAMBDAS:
        chosen: dict[str, tuple[float, float] | None] = {}
        kept: list[dict] = []
        for g, opts in options.items():
            top, top_v, top_k = None, 0.0, []
            for gate, k in opts:  # grid order: looser first; >= keeps the strictest of equals
                wrong = sum(1 for r in k if not r["ok"])
                v = len(k) - lam * wrong
                if k and v >= top_v and (len(k) - wrong) / len(k) >= TRAIN_RIGHT:
                    top, top_v, top_k = gate, v, k
            chosen[g] = top
            kept += top_k
        if len(kept) > best_n and acceptable(kept):
            best, best_n = chosen, len(kept)
    return best


def _ev(r: dict) -> Evidence:
    return Evidence(r["wmin"], r["wmean"], r["page"], r["nwords"], r.get("nmin", r["wmin"]))


def score(recs: list[dict], gates: dict) -> tuple[int, int]:
    """(values at >= 0.9, of them right) under ``gates``."""
    g = gates
    high = [r for r in recs if round(gated(r["field"], r["method"], r["conf"], _ev(r), g), 3) >= HIGH]
    return len(high), sum(r["ok"] for r in high)


def leave_one_out(recs: list[dict], by: str) -> tuple[int, int]:
    high = right = 0
    for v in sorted({r[by] for r in recs}):
        gates = fit([r for r in recs if r[by] != v])
        h, ok = score([r for r in recs if r[by] == v], gates)
        high += h
        right += ok
    return high, right


def summary(recs: list[dict], gates: dict) -> list[str]:
    """Per render: field accuracy (as bench.accuracy: right / (right + wrong + missing)) and values
    at >= 0.9 (of them right) with the old word-confidence factor, at the digital calibration
    alone, and under ``gates``."""
    out = []
    for render in sorted({r["render"] for r in recs}):
        sub = [r for r in recs if r["render"] == render]
        truthful = [r for r in sub if r["want"] is not None]
        acc = sum(r["ok"] for r in truthful) / max(1, len(truthful))
        sub = [r for r in sub if not r.get("missing")]
        old = [r for r in sub if _old_rule(r) >= HIGH]
        digital = [r for r in sub if r["conf"] >= HIGH]
        h, ok = score(sub, gates)
        ro, rd = sum(r["ok"] for r in old), sum(r["ok"] for r in digital)
        out.append(f"{render}: {len(sub)} values, field accuracy {acc:.3f}; at >= 0.9: old factor {ro}/{len(old)} "
                   f"right ({ro / max(1, len(old)):.4f}), digital calibration only {rd}/{len(digital)}, "
                   f"gated {ok}/{h} ({ok / max(1, h):.4f})")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="fit ocr_gate.json on generated train scans and photos")
    ap.add_argument("--count", type=int, default=150)
    ap.add_argument("--seeds", default="31,32")
    ap.add_argument("--dump", type=Path, help="also write the records (JSON lines) here")
    ap.add_argument("--records", type=Path, help="fit on records written by --dump (no generating or reading)")
    ap.add_argument("--check", action="store_true", help="only score the shipped gates on the records")
    ap.add_argument("--split", default="train", choices=["train", "validation"],
                    help="validation: --check only (never fitted on)")
    a = ap.parse_args(argv)
    t0 = time.monotonic()
    seeds = [int(x) for x in a.seeds.split(",")]
    if a.records:
        recs = [json.loads(line) for line in a.records.read_text(encoding="utf-8").splitlines() if line.strip()]
        seeds = sorted({r["seed"] for r in recs})
        recalibrated(recs)
    else:
        recs = records(a.count, seeds, split=a.split)
    t1 = time.monotonic()
    if a.dump:
        a.dump.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    if a.check or a.split != "train":
        for line in summary(recs, _gates()):
            print(line)
        return 0
    gates = fit(recs)
    per = {}
    own = {g for g in gates if "|" in g}
    for g, gate in gates.items():
        mine = [r for r in recs if not r.get("missing") and _key(r, own) == g]
        kept = _kept(mine, gate) if gate else []
        per[g] = {"values": len(mine), "high_before": sum(r["conf"] >= HIGH for r in mine),
                  "kept": len(kept), "wrong": sum(not r["ok"] for r in kept),
                  "error_bound": round(error_bound(len(kept), sum(not r["ok"] for r in kept)), 4)}
        print(f"{g:40s} gate {gate}  {per[g]}")
    for line in summary(recs, gates):
        print(line)
    checks = {}
    for by in ("template", "kind"):
        h, ok = leave_one_out(recs, by)
        checks[by] = [h, ok]
        print(f"leave one {by} out: {ok}/{h} values at >= 0.9 right ({ok / max(1, h):.4f})")
    TABLE.write_text(json.dumps({
        "note": "per finder (field|method) or field group: the lowest word confidence (wmin) under a value and the page OCR quality "
                "(page) an OCR value needs to stay at >= 0.9; null or absent: never. See ocr_gate.py",
        "seeds": seeds, "count": a.count, "records": len(recs), "fitted_in_s": round(time.monotonic() - t0),
        "gates": {g: None if v is None else {"wmin": v[0], "page": v[1]} for g, v in gates.items()},
        "fit": per, "leave_one_out": checks}, indent=1) + "\n", encoding="utf-8")
    _gates.cache_clear()
    print(f"records {len(recs)} in {t1 - t0:.0f} s; fit and checks {time.monotonic() - t1:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
