"""Mutational fuzzer over PDF and image bytes (issue 7).

Seeds: valid generated PDFs (text layer, image-only), PNG, JPEG, TIFF and DOCX. Mutations:
bit flips, byte overwrites with interesting values, truncation, chunk duplication, chunk
deletion, splicing two seeds. Each input goes through ``read_document`` in the isolated
worker pool (RLIMIT_AS, wall-clock timeout). Contract: a ``ReadDocument`` or a typed
``DocumentProcessingError`` (the pool reports the latter as its code); never another
exception (``internal_error``), never a hang past the timeout (``timeout``).

    .venv/bin/python -m tools.fuzz_bytes --seconds 240 --workers 2 --out artifacts/fuzz

Violations are saved under ``--out`` with their code; the summary is printed as JSON.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cecintake.domain import DocumentError  # noqa: E402
from cecintake.executor import IsolatedPool, Limits  # noqa: E402
from cecintake.extractors.api import ReadLimits  # noqa: E402

LIMITS = ReadLimits(max_bytes=4 << 20, max_pages=20, max_pixels=4_000_000, ocr_dpi=100, ocr_timeout_s=10)
INTERESTING = [b"\x00", b"\xff", b"\x7f", b"\x80", b"\x00\x00\x00\x00", b"\xff\xff\xff\xff", b"\x7f\xff\xff\xff",
               b"0", b"-1", b"999999999", b"R", b"obj", b"endobj", b"stream", b"<<", b">>", b"[", b"]", b"/"]
VIOLATIONS = {"internal_error", "timeout", "worker_died"}


def read_one(data: bytes) -> dict:
    """Runs in a worker: the outcome and this worker's peak RSS."""
    from cecintake.errors import DocumentProcessingError
    from cecintake.extractors.reading import read_document

    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
    except OSError:
        pass
    t0 = time.monotonic()
    try:
        doc = read_document(data, limits=LIMITS)
        outcome = f"read:{doc.media_type.name.lower()}"
    except DocumentProcessingError as exc:
        outcome = exc.code.value
    except RecursionError:
        outcome = "internal_error:RecursionError"
    except MemoryError:
        outcome = "memory_limit"
    except Exception as exc:  # noqa: BLE001 - the violation we are looking for
        outcome = f"internal_error:{type(exc).__name__}:{str(exc)[:120]}"
    peak = 0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1]) // 1024
    return {"outcome": outcome, "seconds": time.monotonic() - t0, "peak_mb": peak}


def seeds() -> dict[str, bytes]:
    from tests.extractors.reading import make

    img = make.small_page(["Certificate of Completion", "Jane Restoration 6.5 hours"], dpi=100)
    return {
        "pdf_text": make.text_pdf(),
        "pdf_two_pages": make.text_pdf(pages=2),
        "pdf_image": make.image_pdf([img]),
        "png": make.encode(img, "PNG"),
        "jpeg": make.encode(img.convert("RGB"), "JPEG", quality=70),
        "tiff": make.tiff([img, img]),
        "docx": make.docx(["Certificate of Completion", "Jane Restoration"]),
    }


def mutate(rng: random.Random, data: bytes, pool: list[bytes]) -> tuple[str, bytes]:
    b = bytearray(data)
    kind = rng.choice(["flip", "flip", "overwrite", "truncate", "duplicate", "delete", "splice", "stack"])
    n = len(b)
    if n == 0:
        return "empty", b""
    if kind == "flip":
        for _ in range(rng.randint(1, 16)):
            i = rng.randrange(n)
            b[i] ^= 1 << rng.randrange(8)
    elif kind == "overwrite":
        for _ in range(rng.randint(1, 4)):
            v = rng.choice(INTERESTING)
            i = rng.randrange(n)
            b[i:i + len(v)] = v
    elif kind == "truncate":
        b = b[: rng.randrange(n)]
    elif kind == "duplicate":
        i = rng.randrange(n)
        j = min(n, i + rng.randint(1, 4096))
        k = rng.randrange(n)
        b[k:k] = b[i:j] * rng.randint(1, 8)
    elif kind == "delete":
        i = rng.randrange(n)
        del b[i:i + rng.randint(1, 2048)]
    elif kind == "splice":
        other = rng.choice(pool)
        i, j = rng.randrange(n), rng.randrange(max(1, len(other)))
        b = b[:i] + other[j:]
    else:  # several of the above
        out = bytes(b)
        for _ in range(rng.randint(2, 4)):
            _, out = mutate(rng, out, pool)
        return "stack", out
    return kind, bytes(b)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=180)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=20.0, help="per input, wall clock")
    ap.add_argument("--memory-mb", type=int, default=1024)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, default=Path("artifacts/fuzz"))
    a = ap.parse_args(argv)
    rng = random.Random(a.seed)
    base = seeds()
    pool_inputs = list(base.values())
    a.out.mkdir(parents=True, exist_ok=True)
    outcomes: Counter[str] = Counter()
    by_seed: Counter[str] = Counter()
    mutations: Counter[str] = Counter()
    stats = {"inputs": 0, "max_seconds": 0.0, "max_peak_mb": 0, "violations": 0}
    deadline = time.monotonic() + a.seconds
    meta: dict[int, tuple[str, str, bytes]] = {}

    def jobs():
        i = 0
        while time.monotonic() < deadline:
            name = rng.choice(list(base))
            kind, data = mutate(rng, base[name], pool_inputs)
            meta[i] = (name, kind, data)
            yield i, data
            i += 1

    started = time.monotonic()
    with IsolatedPool(read_one, workers=a.workers, limits=Limits(timeout_s=a.timeout, memory_mb=a.memory_mb)) as pool:
        for key, result in pool.map_unordered(jobs()):
            name, kind, data = meta.pop(key)
            stats["inputs"] += 1
            by_seed[name] += 1
            mutations[kind] += 1
            if isinstance(result, DocumentError):
                outcome, secs, peak = result.code.value, a.timeout if result.code.value == "timeout" else 0.0, 0
            else:
                outcome, secs, peak = result["outcome"], result["seconds"], result["peak_mb"]
            stats["max_seconds"] = max(stats["max_seconds"], secs)
            stats["max_peak_mb"] = max(stats["max_peak_mb"], peak)
            short = outcome.split(":")[0] if not outcome.startswith("read:") else outcome
            outcomes[short] += 1
            if short in VIOLATIONS:
                stats["violations"] += 1
                digest = hashlib.sha256(data).hexdigest()[:16]
                (a.out / f"{short}-{name}-{kind}-{digest}.bin").write_bytes(data)
                (a.out / f"{short}-{name}-{kind}-{digest}.txt").write_text(outcome + "\n")
    report = {"seconds": round(time.monotonic() - started, 1), **stats, "max_seconds": round(stats["max_seconds"], 2),
              "outcomes": dict(outcomes.most_common()), "by_seed": dict(by_seed), "mutations": dict(mutations),
              "limits": {"timeout_s": a.timeout, "memory_mb": a.memory_mb, "max_pixels": LIMITS.max_pixels,
                         "max_pages": LIMITS.max_pages}}
    (a.out / "summary.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    return 1 if stats["violations"] else 0


if __name__ == "__main__":
    sys.exit(main())
