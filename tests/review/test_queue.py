"""The queue: order, reasons, deadlines, leases, release, and race-free claiming."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest

from cecintake.domain import ReasonCode, Status
from cecintake.errors import ConflictError, NotFoundError
from cecintake.review import QueueFilter, claim, list_queue, overdue, release, show
from cecintake.storage import make_engine

from .factory import add_certificant, queue_document

T0 = datetime(2024, 6, 1, 9, 0, tzinfo=timezone.utc)


def _queue(engine, settings, n: int, *, start: datetime = T0) -> list[str]:
    cert = add_certificant(engine)
    ids = []
    for k in range(n):
        q = queue_document(engine, settings, certificant=cert, title=f"Workshop {k}",
                           submitted_at=start + timedelta(hours=n - k))  # inserted newest first
        assert q.status is Status.NEEDS_REVIEW
        ids.append(q.document_id)
    return ids[::-1]  # oldest submission first


def test_list_is_oldest_first_with_reasons_and_deadline(engine, settings):
    expected = _queue(engine, settings, 3)
    items = list_queue(engine, now=T0)
    assert [i.document_id for i in items] == expected
    first = items[0]
    assert first.due_at - first.submitted_at == timedelta(weeks=4)
    assert ReasonCode.LOW_CONFIDENCE in {r.code for r in first.reasons}
    assert not first.overdue(T0)
    assert first.overdue(T0 + timedelta(weeks=5))
    assert [i.document_id for i in overdue(engine, now=T0 + timedelta(weeks=5))] == expected
    assert list_queue(engine, filt=QueueFilter(reason=ReasonCode.NAME_MISMATCH), now=T0) == []
    assert len(list_queue(engine, filt=QueueFilter(certificant_id="c-00017"), now=T0)) == 3


def test_claim_lease_release_and_expiry(engine, settings):
    ids = _queue(engine, settings, 2)
    now = datetime.now(timezone.utc)
    a = claim(engine, reviewer="alice", lease_minutes=15, now=now)
    assert a == ids[0]
    assert claim(engine, reviewer="alice", lease_minutes=15, now=now) == a  # same holder, same item
    b = claim(engine, reviewer="bob", lease_minutes=15, now=now)
    assert b == ids[1]
    assert claim(engine, reviewer="carol", lease_minutes=15, now=now) is None
    with pytest.raises(ConflictError):
        release(engine, a, reviewer="bob", now=now)
    release(engine, a, reviewer="alice", now=now)
    assert claim(engine, reviewer="carol", lease_minutes=15, now=now) == a
    # the leases run out: the items can be claimed again, oldest first
    later = now + timedelta(minutes=16)
    assert claim(engine, reviewer="dave", lease_minutes=15, now=later) == a
    assert claim(engine, reviewer="erin", lease_minutes=15, now=later) == b
    history = [h.action for h in show(engine, a).history]
    assert history.count("claimed") == 3 and "released" in history


def test_claim_given_document_and_unknown(engine, settings):
    ids = _queue(engine, settings, 2)
    assert claim(engine, reviewer="alice", lease_minutes=15, document_id=ids[1]) == ids[1]
    with pytest.raises(ConflictError):
        claim(engine, reviewer="bob", lease_minutes=15, document_id=ids[1])
    with pytest.raises(NotFoundError):
        claim(engine, reviewer="bob", lease_minutes=15, document_id="D-nope")


def test_show_has_fields_proposal_history(engine, settings):
    (doc,) = _queue(engine, settings, 1)
    d = show(engine, doc)
    hours = d.record.fields[next(k for k in d.record.fields if k.value == "contact_hours")]
    assert hours.confidence == pytest.approx(0.55) and hours.text and hours.bbox
    assert d.record.proposal is not None and d.record.proposal.rule_ids
    assert [h.action for h in d.history] == ["processed"]
    with pytest.raises(NotFoundError):
        show(engine, "D-0000000000000000")


def test_concurrent_claimers_never_share_an_item(settings):
    """24 threads claim at once from 30 items (each thread its own engine, so its own
    connections): every item is handed out exactly once."""
    setup = make_engine(settings.db_url)
    from cecintake.storage import migrate

    migrate(setup)
    ids = _queue(setup, settings, 30)
    setup.dispose()
    n_threads = 24
    barrier = threading.Barrier(n_threads)
    got: list[tuple[str, str]] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker(t: int) -> None:
        eng = make_engine(settings.db_url, pool_size=1)
        try:
            barrier.wait()
            k = 0
            while True:
                reviewer = f"r{t}-{k}"
                doc = claim(eng, reviewer=reviewer, lease_minutes=15)
                if doc is None:
                    return
                with lock:
                    got.append((doc, reviewer))
                k += 1
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            eng.dispose()

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(n_threads)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    assert not errors, errors
    docs = [d for d, _ in got]
    assert len(docs) == len(set(docs)), "an item was handed to two reviewers"
    assert sorted(docs) == sorted(ids)
