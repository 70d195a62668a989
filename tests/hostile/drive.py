"""Run one intake (register + process every pending document) in a process of its own:
``python -m tests.hostile.drive --db URL --home DIR [--workers N] INBOX...``. Prints the run's
counts as JSON; exit 0 when the run finished, 6 when the database stayed unavailable."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from cecintake import intake
from cecintake.errors import StorageError
from cecintake.executor import close_shared_pools
from cecintake.storage import BlobStore, open_database

from .harness import hostile_settings, thresholds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--home", required=True)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("paths", nargs="+")
    a = ap.parse_args(argv)
    settings = hostile_settings(Path(a.home), a.db, workers=a.workers)
    try:
        engine = open_database(settings.db_url)
        summary = intake.IntakeSummary(run_id=intake.new_run_id())
        uploads = intake.collect_uploads([Path(p) for p in a.paths], [], set(), refused=summary.unreadable_paths)
        intake.start_run(engine, run_id=summary.run_id, kind="bulk")
        intake.register_uploads(engine, BlobStore(settings.store_dir), uploads, run_id=summary.run_id,
                                summary=summary)
        intake.process_pending(engine, BlobStore(settings.store_dir), settings,
                               thresholds=thresholds(), document_ids=None, progress=None, summary=summary)
        intake.finish_run(engine, summary)
    except StorageError as exc:
        print(json.dumps({"error": str(exc)}))
        return 6
    finally:
        close_shared_pools()
    print(json.dumps(summary.counts()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
