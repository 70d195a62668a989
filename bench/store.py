"""Micro-benchmark of intake's own database work (issue 5). Not a test.

    python -m bench.store                  # 300 digital documents, 3 repeats
    python -m bench.store -n 100 -r 5      # smaller, more repeats
    python -m bench.store --profile store  # cProfile of the storing step (top 40)
    python -m bench.store --pg postgresql+psycopg://postgres@127.0.0.1:5432/test

Generates ``n`` digital documents (seed 7) and their roster, analyses each once
(pdfplumber, spaCy: not timed), then, per repeat, on a fresh SQLite (or --pg) database and
blob store with the roster imported, times in process CPU:

* registering: ``intake.register_uploads`` (hash and copy each original, file index,
  document rows, audit events), all files of the corpus, and apart the share of
  ``BlobStore.put_file`` (file-system work: noisy when others write to the disk);
* storing: ``intake._store_tx`` per document (lock, decide, save results, journal,
  pre-approval hook, audit), what each worker does after reading.

It prints ms/document for each (best and median over the repeats). On PostgreSQL the
server's own work is in its processes: only this client's CPU is counted.
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


PG_ADMIN: str | None = None  # --pg: a PostgreSQL server to make a fresh database on per repeat


def _database_url(work: Path) -> str:
    if not PG_ADMIN:
        return f"sqlite:///{work / 'cecintake.db'}"
    import uuid

    import sqlalchemy as sa

    name = f"cecintake_bench_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        for (old,) in c.exec_driver_sql("SELECT datname FROM pg_database").all():
            if old.startswith("cecintake_bench_"):  # the previous repeat's
                c.exec_driver_sql(f'DROP DATABASE "{old}" WITH (FORCE)')
        c.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    return PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"


def _drop_bench_databases() -> None:
    import sqlalchemy as sa

    admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")  # type: ignore[arg-type]
    with admin.connect() as c:
        for (name,) in c.exec_driver_sql("SELECT datname FROM pg_database").all():
            if name.startswith("cecintake_bench_"):
                c.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
    admin.dispose()


def fresh_database(work: Path, roster: Path):  # noqa: ANN201
    from cecintake.csvio import read_roster
    from cecintake.storage import open_database, repo, session_scope

    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    engine = open_database(_database_url(work))
    with session_scope(engine) as s:
        repo.upsert_certificants(session=s, certificants=read_roster(roster))
    return engine, timed_store(work / "store")


def uploads_for(engine, files: list[Path]):  # noqa: ANN001, ANN201
    from cecintake import intake
    from cecintake.storage import repo, session_scope

    with session_scope(engine) as s:
        known = repo.certificant_ids(session=s)
    return intake.collect_uploads(files, [], known)


def timed_store(root: Path):  # noqa: ANN201
    """A blob store that adds up the process CPU its ``put_file`` takes (copying, hashing,
    fsync: file-system work, noisy on a shared machine) apart from the rest of registering."""
    from cecintake.storage import BlobStore

    class TimedStore(BlobStore):
        spent = 0.0

        def put_file(self, path, **kw):  # noqa: ANN001, ANN003, ANN201
            t = time.process_time()
            try:
                return super().put_file(path, **kw)
            finally:
                TimedStore.spent += time.process_time() - t

    return TimedStore(root)


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
    ap.add_argument("--pg", metavar="URL", help="time on PostgreSQL: a server URL whose user may create"
                    " databases, e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test (default: SQLite)")
    args = ap.parse_args(argv)
    global PG_ADMIN
    PG_ADMIN = args.pg
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
        reg_ms, files_ms, store_ms = [], [], []
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
            files_ms.append(1000 * type(store).spent / len(uploads))
            type(store).spent = 0.0
            docs = pending(engine)
            spent, statuses = store_all(engine, docs, results, profile=prof if args.profile == "store" else None)
            store_ms.append(1000 * spent / len(docs))
            engine.dispose()
            if prof:
                pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(40)
        print(f"documents: {len(docs)}  statuses: { {str(k): v for k, v in sorted(statuses.items(), key=str)} }")
        rest = [r - f for r, f in zip(reg_ms, files_ms, strict=True)]
        print(f"register: {min(reg_ms):.2f} ms/document best, {statistics.median(reg_ms):.2f} median")
        print(f"  of which storing the originals (BlobStore.put_file): {min(files_ms):.2f} best,"
              f" {statistics.median(files_ms):.2f} median; the rest: {min(rest):.2f} best,"
              f" {statistics.median(rest):.2f} median")
        print(f"store:    {min(store_ms):.2f} ms/document best, {statistics.median(store_ms):.2f} median")
    finally:
        if PG_ADMIN:
            _drop_bench_databases()
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
