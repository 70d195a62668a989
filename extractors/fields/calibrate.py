"""Confidence calibration: the raw confidence of a value is capped by how often its finder
(field + method) was right on generated *train* documents (never held-out).

``calibration.json`` beside this module holds, per ``field|method``, the count of values
scored and the count right; the cap is the posterior mean of that rate under a weak prior
(``(right + 1) / (n + 2)``), so a finder that was right 300 times out of 300 keeps its score
and one right 8 times out of 10 cannot claim more than 0.75. Confidence 0.9 is the rules
engine's auto-accept line, which must mean "right at least 99% of the time": a finder whose
train rate is below ``SAFE`` is held below 0.9 whatever its raw score. Refit with

    python -m cecintake.extractors.fields.calibrate --count 200 --seeds 1,2,3

(train split, digital renders, plus the harder kinds of ``fixtures/kinds_extra``). Do not fit on the
validation kinds: the finders are tuned against them, so they overstate precision.
"""

from __future__ import annotations

import argparse
import json
import sys
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).with_name("calibration.json")
MIN_N = 5  # fewer observations: no cap from the table
SAFE = 0.985  # a finder right less often than this on train cannot reach the 0.9 auto-accept line


def key(field: str, method: str | None) -> str:
    return f"{field}|{(method or '').split(':')[0]}"


@lru_cache(maxsize=1)
def _table() -> dict[str, list[int]]:
    try:
        return json.loads(TABLE.read_text(encoding="utf-8"))["finders"]
    except (OSError, ValueError, KeyError):
        return {}


def cap(field: str, method: str | None) -> float:
    row = _table().get(key(field, method))
    if not row or row[0] < MIN_N:
        return 1.0
    n, right = row
    p = (right + 1) / (n + 2)
    return p if p >= SAFE else min(p, 0.89)


def calibrated(field: str, method: str | None, confidence: float) -> float:
    return min(confidence, cap(field, method))


def fit(count: int, seeds: list[int]) -> dict:
    import tempfile

    from cecintake.extractors.api import ExtractionContext
    from cecintake.extractors.reading import read_document
    from fixtures.generate import KINDS, TRAIN_ONLY_KINDS, generate

    from bench.accuracy import SKIP_FIELDS, same

    from .extract import extract_evidence

    stats: dict[str, list[int]] = {}
    kinds = list(KINDS) + list(TRAIN_ONLY_KINDS)
    with tempfile.TemporaryDirectory(prefix="cec-calib-") as tmp:
        for seed in seeds:
            samples = generate(Path(tmp) / str(seed), count=count, seed=seed, split="train", kinds=kinds,
                               renders=("digital",))
            # never the validation kinds (the finders are tuned against them) nor the held-out split
            for s in samples:
                ev = extract_evidence(read_document(s.path.read_bytes()),
                                      context=ExtractionContext(expected_name=s.truth["roster"]["full_name"]))
                if s.truth["doc_type"] == "unknown":
                    continue  # not evidence: nothing of it is auto-accepted (as in bench.accuracy)
                truth = s.truth["fields"]
                for name, f in ev.fields.items():
                    if str(name) in SKIP_FIELDS:
                        continue
                    row = stats.setdefault(key(str(name), f.method), [0, 0])
                    row[0] += 1
                    want = truth.get(str(name))
                    row[1] += int(want is not None and same(str(name), f.value, want))
    return {"note": "per field|method: [values scored, values right] on generated train documents",
            "seeds": seeds, "count": count, "finders": dict(sorted(stats.items()))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="fit calibration.json on generated train documents")
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--seeds", default="1,2,3")
    a = ap.parse_args(argv)
    table = fit(a.count, [int(x) for x in a.seeds.split(",")])
    TABLE.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
    for k, (n, r) in table["finders"].items():
        print(f"{k:45s} {r:4d}/{n:<4d} cap {(r + 1) / (n + 2):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
