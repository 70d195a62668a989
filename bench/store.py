"""Micro-benchmark of intake's own database work (issue 5). Not a test.

    python -m bench.store                  # 300 digital documents, 3 repeats
    python -m bench.store -n 100 -r 5      # smaller, more repeats
    python -m bench.store --profile store  # cProfile of the storing step (top 40)

Generates ``n`` digital documents (seed 7) and their roster, analyses each once
(pdfplumber, spaCy: not timed), then, per repeat, on a fresh SQLite database and
blob store with the roster imported, times in process CPU:

* registering: ``intake.register_uploads`` (hash and copy each original, file index,
  document rows, audit events), all files of the corpus;
* storing: ``intake._store_tx`` per document (lock, decide, save results, journal,
  pre-approval hook, audit), what each worker does after reading.

It prints ms/document for each (best and median over the repeats).
"""

from __future__ import annotations

import argparse
import cProfile
import pickle
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path


def build_corpus(root: Path, n: int) -> tuple[list[Path], Path]:
    from fixtures.generate import generate, write_roster

    samples = generate(root / "docs", count=n, seed=7, renders=("digital",))
    for smp in samples:
        Path(smp.truth_path).unlink(missing_ok=True)
    return [Path(s.path) for s in samples], write_roster(root / "ROSTER.csv", samples)


def fresh_database(work: Path, roster: Path):  # noqa: ANN201
    from cecintake.csvio import read_roster
    from cecintake.storage import BlobStore, open_database, repo, session_scope

    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    engine = open_database(f"sqlite:///{work / 'cecintake.db'}")
    with session_scope(engine) as s:
        repo.upsert_certificants(session=s, certificants=read_roster(roster))
    return engine, BlobStore(work / "store")


def uploads_for(engine, files: list[Path]):  # noqa: ANN001, ANN201
    from cecintake import intake
    from cecintake.storage import repo, session_scope

    with session_scope(engine) as s:
        known = repo.certificant_ids(session=s)
    return intake.collect_uploads(files, [], known)


def register(engine, store, uploads) -> tuple[float, list[str]]:  # noqa: ANN001
    from cecintake import intake

    summary = intake.IntakeSummary(run_id="R-bench")
    t = time.process_time()
    intake.register_uploads(engine, store, uploads, run_id="R-bench", summary=summary)
    return time.process_time() - t, summary.document_ids


def pending(engine):  # noqa: ANN001, ANN201
    from cecintake.storage import repo, session_scope

    with session_scope(engine) as s:
        return repo.pending_documents(session=s)


def analyse_all(engine, store, docs) -> dict:  # noqa: ANN001
    from cecintake.extractors.api import ReadLimits
    from cecintake.pipeline import AnalyseJob, analyse
    from cecintake.storage import repo, session_scope

    with session_scope(engine) as s:
        names = {c.certificant_id: c.full_name for c in repo.list_certificants(session=s)}
    limits = ReadLimits(max_bytes=50 << 20, max_pages=200, max_pixels=60_000_000)
    return {d.sha256: analyse(AnalyseJob(d.document_id, str(store.path_for(d.sha256)),
                                         names.get(d.certificant_id or ""), limits)) for d in docs}


def store_all(engine, docs, results: dict, *, profile: cProfile.Profile | None = None) -> tuple[float, dict]:  # noqa: ANN001
    from collections import Counter

    from cecintake import intake
    from cecintake.rules import RoutingThresholds, load_policy

    ctx = intake.StoreContext("sqlite:///bench", None, RoutingThresholds())
    state = {"engine": engine, "policy": load_policy(None)}
    jobs = [intake.WorkerJob(None, d, ctx, True) for d in docs]  # type: ignore[arg-type]
    statuses: Counter = Counter()
    if profile:
        profile.enable()
    t = time.process_time()
    for job in jobs:
        statuses[intake._store_tx(state, job, results[job.doc.sha256])] += 1
    spent = time.process_time() - t
    if profile:
        profile.disable()
    return spent, dict(statuses)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=300, help="documents (default 300)")
    ap.add_argument("-r", "--repeats", type=int, default=3)
    ap.add_argument("--profile", choices=("register", "store"), help="cProfile one step (last repeat)")
    ap.add_argument("--keep", type=Path, help="work in this folder (kept) instead of a temporary one")
    args = ap.parse_args(argv)
    root = args.keep or Path(tempfile.mkdtemp(prefix="cecintake-bench-store-"))
    try:
        t = time.monotonic()
        cache = root / f"analysed-{args.n}.pickle"  # with --keep: the corpus and its analyses reused
        if cache.exists():
            files, roster, results = pickle.loads(cache.read_bytes())
        else:
            files, roster = build_corpus(root, args.n)
            engine, store = fresh_database(root / "run", roster)
            register(engine, store, uploads_for(engine, files))
            results = analyse_all(engine, store, pending(engine))
            engine.dispose()
            cache.write_bytes(pickle.dumps((files, roster, results)))
        engine, _ = fresh_database(root / "run", roster)
        uploads = uploads_for(engine, files)
        engine.dispose()
        docs = results
        print(f"generated and analysed {len(docs)} documents in {time.monotonic() - t:.0f} s", file=sys.stderr)
        reg_ms, store_ms = [], []
        statuses: dict = {}
        for i in range(args.repeats):
            last = i == args.repeats - 1
            engine, store = fresh_database(root / "run", roster)
            prof = cProfile.Profile() if last and args.profile else None
            if prof and args.profile == "register":
                prof.enable()
            spent, _ = register(engine, store, uploads)
            if prof and args.profile == "register":
                prof.disable()
            reg_ms.append(1000 * spent / len(uploads))
            docs = pending(engine)
            spent, statuses = store_all(engine, docs, results, profile=prof if args.profile == "store" else None)
            store_ms.append(1000 * spent / len(docs))
            engine.dispose()
            if prof:
                pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(40)
        print(f"documents: {len(docs)}  statuses: { {str(k): v for k, v in sorted(statuses.items(), key=str)} }")
        print(f"register: {min(reg_ms):.2f} ms/document best, {statistics.median(reg_ms):.2f} median")
        print(f"store:    {min(store_ms):.2f} ms/document best, {statistics.median(store_ms):.2f} median")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
