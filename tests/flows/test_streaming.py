"""Bulk intake overlaps registration with reading: the workers start on the documents
registration has committed while it goes on hashing and recording the rest, fed from one
stream (one task, one pass of the worker pool) unless ``chunk_size`` asks for tasks."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import select

from cecintake.config import Settings
from cecintake.storage import open_database, session_scope
from cecintake.storage.blobs import BlobStore
from cecintake.storage.tables import AuditEventRow, DocumentRow

from .conftest import make_corpus


@pytest.fixture(scope="module")
def digital(tmp_path_factory: pytest.TempPathFactory):
    return make_corpus(tmp_path_factory.mktemp("stream"), count=48, seed=23, renders=("digital",))


def _slow_registration(monkeypatch: pytest.MonkeyPatch) -> None:
    """Registration made slow enough to watch: 8 files a transaction, 60 ms a file."""
    from cecintake import intake

    slow_put = BlobStore.put_file

    def put_file(self, path, **kw):  # noqa: ANN001, ANN202
        time.sleep(0.06)
        return slow_put(self, path, **kw)

    monkeypatch.setattr(BlobStore, "put_file", put_file)
    monkeypatch.setattr(intake, "REGISTER_BATCH", 8)


def _warm(settings: Settings) -> Settings:
    """The worker pool started before the run (on a loaded machine its start can outlast a
    slow registration, and these tests are about what happens after it)."""
    from cecintake import intake

    thread = intake.warm_workers(settings)
    if thread is not None:
        thread.join()
    return settings


def _count_pool_passes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the worker pool was asked to map jobs (each pass drains it at its end)."""
    from cecintake.executor import IsolatedPool

    passes: list[int] = []
    mapped = IsolatedPool.map_unordered

    def map_unordered(self, jobs):  # noqa: ANN001, ANN202
        passes.append(1)
        return mapped(self, jobs)

    monkeypatch.setattr(IsolatedPool, "map_unordered", map_unordered)
    return passes


def _ingest(docs: Path, db_url: str, tmp_path: Path, *, warm: bool = True, **kw: object):  # noqa: ANN202
    """The bulk flow over ``docs`` with two workers (started first unless ``warm`` is False)."""
    from cecintake.flows.intake import dispose_engines, intake_flow

    settings = Settings(home=tmp_path / "home", db_url=db_url, workers=2)
    if warm:
        _warm(settings)
    try:
        return intake_flow(settings, [str(docs)], **kw)
    finally:
        dispose_engines()


def test_processing_starts_before_registration_ends_and_takes_each_document_once(
        digital, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _slow_registration(monkeypatch)
    summary = _ingest(digital.docs, db_url, tmp_path)
    assert summary.registered == 48 and summary.processed == 48, summary.counts()
    _assert_each_once_and_read_before_registration_ended(db_url)


def _assert_each_once_and_read_before_registration_ended(db_url: str, *, overlapped: bool = True) -> None:
    engine = open_database(db_url)
    try:
        with session_scope(engine) as s:
            docs = s.exec(select(DocumentRow)).all()
            registered = s.exec(select(AuditEventRow.document_id, AuditEventRow.at)
                                .where(AuditEventRow.action == "registered")).all()
            processed = s.exec(select(AuditEventRow.document_id)
                               .where(AuditEventRow.action == "processed")).all()
    finally:
        engine.dispose()
    assert len(docs) == 48 and all(d.status != "pending" for d in docs)
    assert sorted(processed) == sorted(d.document_id for d in docs)  # each exactly once
    first_done = min(d.processed_at for d in docs)
    last_registered = max(at for _, at in registered)
    if overlapped:
        assert first_done < last_registered, "no document was read before registration had finished"


def test_one_task_feeds_the_pool_from_the_first_document_registered_to_the_last(
        digital, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No pause between chunks: the documents registration commits over six transactions go
    to the workers in one task and one pass of the pool."""
    _slow_registration(monkeypatch)
    passes = _count_pool_passes(monkeypatch)
    summary = _ingest(digital.docs, db_url, tmp_path)
    assert summary.processed == 48 and summary.chunks == 1, summary.counts()
    assert len(passes) == 1
    _assert_each_once_and_read_before_registration_ended(db_url)


def test_chunk_size_splits_the_stream_into_tasks_of_that_many_documents(
        digital, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _slow_registration(monkeypatch)
    summary = _ingest(digital.docs, db_url, tmp_path, chunk_size=10)
    assert summary.processed == 48 and summary.chunks == 5, summary.counts()  # 10+10+10+10+8
    _assert_each_once_and_read_before_registration_ended(db_url)


def test_documents_a_failed_task_had_taken_are_finished_by_the_same_run(
        digital, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A task that takes a batch and then loses the database is tried again (a transient
    failure); its retry does not see the documents it had taken, so the run finishes them
    after the stream: none is left pending, none is stored twice."""
    from cecintake import intake
    from cecintake.errors import StorageError

    _slow_registration(monkeypatch)
    real = intake.process_documents
    failed: list[list[str]] = []

    def flaky(*args, batches=None, **kw):  # noqa: ANN001, ANN202
        if batches is not None and not failed:
            failed.append(next(iter(batches)))  # took the first batch, then the database went away
            raise StorageError("database is locked")
        return real(*args, batches=batches, **kw)

    monkeypatch.setattr(intake, "process_documents", flaky)
    summary = _ingest(digital.docs, db_url, tmp_path, warm=False)
    assert failed and failed[0], "the first task should have taken a batch before failing"
    assert summary.registered == 48 and summary.processed == 48, summary.counts()
    _assert_each_once_and_read_before_registration_ended(db_url, overlapped=False)  # the retry waited 3 s


@given(n=st.integers(0, 700), first=st.integers(1, 50), most=st.integers(1, 200))
def test_registration_groups_cover_every_file_in_order_growing_to_the_batch(n: int, first: int, most: int) -> None:
    from cecintake.intake import _growing

    groups = [list(g) for g in _growing(list(range(n)), first, most)]
    assert [i for g in groups for i in g] == list(range(n))
    sizes = [len(g) for g in groups]
    assert all(0 < k <= max(first, most) for k in sizes)
    if sizes:
        assert sizes[0] == min(n, first, most)
        assert all(b >= a or b == sizes[-1] for a, b in zip(sizes, sizes[1:]))  # only the last may be smaller


def test_registration_commits_a_few_files_first_so_the_workers_start_early(
        digital, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cecintake import intake
    from cecintake.storage.repo import intake_runs

    committed: list[int] = []
    real = intake._register_group

    def counting(engine, store, group, **kw):  # noqa: ANN001, ANN202
        committed.append(len(group))
        return real(engine, store, group, **kw)

    monkeypatch.setattr(intake, "_register_group", counting)
    engine = open_database(db_url)
    try:
        summary = intake.IntakeSummary(run_id="R-grow")
        intake.start_run(engine, run_id="R-grow", kind="bulk")
        uploads = intake.collect_uploads([digital.docs], [], set())
        intake.register_uploads(engine, BlobStore(tmp_path / "store"), uploads, run_id="R-grow", summary=summary)
        with session_scope(engine) as s:
            pending = intake_runs.pending_ids(session=s, document_ids=None, run_id="R-grow")
    finally:
        engine.dispose()
    assert committed == [4, 8, 16, 20]  # 4, then twice as many, then the 20 left (a batch is at most 100)
    assert summary.registered == 48 and sorted(pending) == sorted(summary.document_ids)


def test_the_stream_hands_out_bounded_batches_and_asks_the_database_only_when_it_has_none_left(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """However many documents registration has committed, a batch is at most ``STREAM_BATCH``
    (one look-up with that many ids: a database limits the values in one statement), and the
    pending documents are read again only once every one read before is handed out."""
    from cecintake import intake
    import cecintake.flows.intake as fi

    pending = [f"D{i:05d}" for i in range(1234)]
    asked: list[int] = []

    def pending_ids(engine, document_ids=None, *, run_id=None):  # noqa: ANN001, ANN202
        asked.append(1)
        return [i for i in pending if i not in done]

    done: set[str] = set()
    monkeypatch.setattr(intake, "pending_ids", pending_ids)
    monkeypatch.setattr(fi, "STREAM_BATCH", 500)
    settings = Settings(home=tmp_path / "home", db_url=f"sqlite:///{tmp_path / 'c.db'}", workers=1)
    following = fi._Registered(settings, "R-1", lambda: True)
    sizes = []
    for batch in following.batches(None):
        sizes.append(len(batch))
        done.update(batch)  # processed before the next is asked for
    assert sizes == [500, 500, 234] and len(following.taken) == 1234
    assert len(asked) == 2  # once for the 1,234, once to find nothing left
    limited = fi._Registered(settings, "R-2", lambda: True)
    done.clear()
    assert [len(b) for b in limited.batches(700)] == [500, 200]


def test_registration_takes_files_as_the_walk_finds_them_and_says_when_it_committed(
        digital, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first group is committed (and the stream told) before the folder has been walked
    to its end: a walk of thousands of files no longer delays the first document."""
    from cecintake import intake

    walked: list[int] = []
    real_walk = intake._walk

    def counting_walk(root, **kw):  # noqa: ANN001, ANN202
        for item in real_walk(root, **kw):
            walked.append(1)
            yield item

    monkeypatch.setattr(intake, "_walk", counting_walk)
    walked_at_commit: list[int] = []
    engine = open_database(db_url)
    try:
        summary = intake.IntakeSummary(run_id="R-lazy")
        intake.start_run(engine, run_id="R-lazy", kind="bulk")
        uploads = intake.iter_uploads([digital.docs], [], set())
        intake.register_uploads(engine, BlobStore(tmp_path / "store"), uploads, run_id="R-lazy", summary=summary,
                                committed=lambda: walked_at_commit.append(len(walked)))
    finally:
        engine.dispose()
    assert summary.registered == 48
    assert walked_at_commit[0] == 4 < 48  # the first 4 files were committed when 4 had been found
    assert walked_at_commit == [4, 12, 28, 48]  # once a group, as the walk went on


def test_the_stream_looks_again_as_soon_as_registration_commits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With nothing committed yet the stream waits, but a commit wakes it at once instead of
    after the next poll (made 30 s here: the test would time out on it)."""
    import threading

    from cecintake import intake
    import cecintake.flows.intake as fi

    committed: list[str] = []
    monkeypatch.setattr(intake, "pending_ids", lambda engine, document_ids=None, *, run_id=None: list(committed))
    monkeypatch.setattr(fi, "STREAM_POLL_S", 30.0)
    settings = Settings(home=tmp_path / "home", db_url=f"sqlite:///{tmp_path / 'c.db'}", workers=1)
    following = fi._Registered(settings, "R-1", lambda: bool(committed))

    def register() -> None:
        time.sleep(0.2)
        committed.append("D00001")
        following.wake()

    threading.Thread(target=register).start()
    started = time.monotonic()
    assert next(following.batches(None)) == ["D00001"]
    assert time.monotonic() - started < 5.0


def test_a_run_under_a_broken_policy_file_stops_before_taking_anything_in(digital, db_url: str,
                                                                          tmp_path: Path) -> None:
    """The flows (a deployment's, the nightly one's) check the policy the workers will store under
    before the run starts: a broken file is one PolicyError, not every document failing on it."""
    from cecintake.errors import PolicyError
    import cecintake.flows.intake as fi

    policy = (Path(__file__).resolve().parents[2] / "src" / "cecintake" / "rules" / "policy.yaml").read_text()
    bad = tmp_path / "bad.yaml"
    bad.write_text(policy.replace("max_cecs: 5\n", "max_cecs: -1\n", 1))
    settings = Settings(home=tmp_path / "home", db_url=db_url, workers=1, policy_path=bad)
    with pytest.raises(PolicyError, match="max_cecs"):
        fi.intake_steps(settings, [str(digital.docs)], manifest=None, resume_all=True, chunk_size=None, kind="bulk")
    engine = open_database(db_url)
    try:
        with session_scope(engine) as s:
            assert s.exec(select(DocumentRow)).all() == []
    finally:
        engine.dispose()
