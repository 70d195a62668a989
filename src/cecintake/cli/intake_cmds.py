"""ingest, export, status."""

from __future__ import annotations

import json
import sys
import threading
from datetime import date
from enum import StrEnum
from pathlib import Path

import typer
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)
from rich.text import Text
from rich.table import Table

from ..config import Settings
from ..domain import Status
from ..errors import CecintakeError, InputFileError, NotFoundError
from ..export import csv_chunks, jsonl_lines
from ..storage import open_database, session_scope
from ..storage import repo
from . import app, settings_of
from .render import escape, out


class ExportFormat(StrEnum):
    JSONL = "jsonl"
    CSV = "csv"


class RichProgress:
    """Live progress: done, failed, sent to review, rate and time left."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.counts = {"failed": 0, "review": 0}
        self.task = progress.add_task("processing", total=None, failed=0, review=0)

    def start(self, total: int) -> None:
        self.progress.update(self.task, total=total)

    def advance(self, status: Status, document_id: str) -> None:
        if status is Status.FAILED:
            self.counts["failed"] += 1
        elif status is Status.NEEDS_REVIEW:
            self.counts["review"] += 1
        self.progress.update(self.task, advance=1, **self.counts)


class RateColumn(ProgressColumn):
    """Documents per second."""

    def render(self, task) -> Text:  # noqa: ANN001
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:.1f} doc/s")


def progress_columns() -> list:
    return [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
            TextColumn("review {task.fields[review]}  failed {task.fields[failed]}"), RateColumn(),
            TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn()]


def _flow():  # noqa: ANN202
    from cecintake.flows.intake import intake_flow

    return intake_flow


_early: list[threading.Thread] = []
_spawned: list[tuple[int, object]] = []  # (port, Popen) of a temporary server started here, healthy


def _spawn_temporary_server() -> None:
    """Start the same temporary server Prefect would (its uvicorn command, its environment),
    without first importing Prefect's server package into this process (2.5 s, during which the
    server could already be booting), and wait until it answers. ``_adopt_server`` then hands it
    to Prefect. Anything unexpected: the process is stopped, and Prefect starts its own as usual."""
    import os
    import subprocess

    from prefect.settings import (PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_ENABLED,
                                  PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS, get_current_settings)

    from cecintake.flows.server import free_port, stop, wait_healthy

    if PREFECT_API_URL.value() or not PREFECT_SERVER_EPHEMERAL_ENABLED.value():
        return
    import prefect

    env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1",
           **get_current_settings().to_environment_variables(exclude_unset=True)}
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--app-dir", str(prefect.__module_path__.parent), "--factory",
         "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "error", "--lifespan", "on"],
        env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        import prefect.server.api.server  # noqa: F401 - Prefect's client needs it: imported while the server boots

        wait_healthy(f"http://127.0.0.1:{port}/api",
                     timeout=float(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value()), proc=proc)
    except BaseException:
        stop(proc)
        raise
    _spawned.append((port, proc))


def _adopt_server() -> bool:
    """Give the server ``_spawn_temporary_server`` started to Prefect: the instance its client
    looks up when no API URL is set, marked running (stopped at exit, as Prefect stops its own).
    True: it was handed over."""
    import atexit

    adopted = False
    while _spawned:
        port, proc = _spawned.pop()
        try:
            from prefect.server.api.server import SubprocessASGIServer

            server = SubprocessASGIServer()
            if server.running or server.server_process is not None:
                raise RuntimeError("Prefect already has a temporary server")
            server.port, server.server_process, server.running = port, proc, True
            atexit.register(server.stop)
            adopted = True
        except Exception:  # noqa: BLE001 - another Prefect version: let Prefect start its own
            import logging

            from cecintake.flows.server import stop

            logging.getLogger(__name__).debug("could not hand the early server to Prefect", exc_info=True)
            stop(proc)  # type: ignore[arg-type]
    return adopted


def start_engine_early(settings: Settings, *, workers: bool = True) -> None:
    """Start what a run needs in the background while this process imports the flow: Prefect's
    temporary server (only when no ``PREFECT_API_URL`` is set; about 4 s for its process to come
    up) and the worker pool (its forkserver imports the readers and spaCy). ``run_engine`` waits
    for the server and hands it to Prefect before calling the flow; a failed early start is left
    to Prefect, which starts the server itself and reports a failure as usual. ``workers``: also
    start the worker pool (when there is surely work for it). The policy is parsed first (once a
    process, the run then finds it parsed): a broken policy file fails here, before anything starts."""
    import os

    from ..intake import warm_workers
    from ..rules import load_policy

    load_policy(settings.policy_path)
    if workers:
        warm_workers(settings)
    if not os.environ.get("PREFECT_API_URL"):
        thread = threading.Thread(target=_start_server_quietly, name="cecintake-prefect-server", daemon=True)
        thread.start()
        _early.append(thread)
    _import_task_engine()


def _import_task_engine() -> None:
    """The modules Prefect imports on a task's first call, imported while the server starts
    rather than at the run's start, where (with parsing the policy, now done above) they held up
    handing the first documents to the workers: ~26 ms alone, more under the contention of the
    run's first tenth of a second."""
    try:
        import prefect.concurrency.sync  # noqa: F401
        import prefect.task_engine  # noqa: F401
    except ImportError:  # another Prefect version: the first task imports what it needs
        pass


def _start_server_quietly() -> None:
    try:
        _spawn_temporary_server()
    except Exception:  # noqa: BLE001 - Prefect starts it again when the flow is called
        import logging

        logging.getLogger(__name__).debug("early start of Prefect's server failed", exc_info=True)


def run_engine(fn, *args):  # noqa: ANN001, ANN201
    """Call a flow; Prefect's temporary server failing to start becomes one clear error."""
    from sqlalchemy.exc import SQLAlchemyError

    from ..errors import StorageError

    while _early:  # the early server is handed to Prefect once it answers
        _early.pop().join()
    if _adopt_server():  # our own server, answering: its events client can connect now
        _connect_events_early()
    try:
        return fn(*args)
    except SQLAlchemyError as exc:
        raise StorageError(f"the database refused the run: {type(exc).__name__}: {getattr(exc, 'orig', exc)}",
                           hint="documents already stored are kept; fix the database and run again") from exc
    except RuntimeError as exc:
        if "Failed to reach API" in str(exc):  # PREFECT_API_URL names a server that does not answer
            raise CecintakeError(f"the orchestration server did not answer: {exc}",
                                 hint="start the Prefect server PREFECT_API_URL names, or unset PREFECT_API_URL "
                                      "to use a temporary one (docs/distributed.md)") from exc
        if "Prefect API server" not in str(exc):
            raise
        raise CecintakeError("the orchestration engine (Prefect's temporary server) did not start in time",
                             hint="run the command again, or point PREFECT_API_URL at a running Prefect server "
                                  "(docs/distributed.md)") from exc


def _connect_events_early() -> None:
    """Start Prefect's events client (the thread that sends task runs' states to the server)
    now, so that it connects while the flow run is being created rather than during the run's
    first task, where its connection and the server's version check competed with handing out
    the first documents. Only for the temporary server started here, which is known to answer.
    A head start only: on failure the first task starts it as usual."""
    try:
        from prefect.events.worker import EventsWorker

        EventsWorker.instance()
    except Exception:  # noqa: BLE001 - another Prefect version, or no server: Prefect reports it later
        import logging

        logging.getLogger(__name__).debug("could not start Prefect's events client early", exc_info=True)


def _nothing_to_do(settings: Settings, paths: list[Path], manifest: Path | None):  # noqa: ANN202
    """A re-run over files that are all known (by size, mtime and ctime) with nothing
    pending needs no orchestration: answer at once, without starting the engine."""
    from ..csvio import read_manifest
    from ..intake import IntakeSummary, collect_uploads, known_unchanged, new_run_id
    from ..storage.repo.intake_runs import count_pending

    engine = open_database(settings.db_url)
    try:
        with session_scope(engine) as s:
            if count_pending(session=s):
                return None
            known = repo.certificant_ids(session=s)
        rows = read_manifest(manifest) if manifest else []
        refused: list[tuple[str, str]] = []
        uploads = collect_uploads(paths, rows, known, refused=refused)
        n_known, all_known = known_unchanged(engine, uploads)
        if not all_known:
            return None
        return IntakeSummary(run_id=new_run_id(), files_seen=len(uploads), already_known=n_known,
                             unreadable_paths=refused, engine_started=False)
    finally:
        engine.dispose()


@app.command()
def ingest(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(None, help="Files and folders to take in."),
    manifest: Path = typer.Option(None, "--manifest", metavar="MANIFEST.csv",
                                  help="Which certificant each file belongs to, and when it was submitted."),
    workers: int = typer.Option(None, "--workers", help="Worker processes (default: one per core)."),
    chunk_size: int = typer.Option(None, "--chunk-size", min=1,
                                   help="Documents per orchestrated task (default: chosen from the batch size)."),
    progress_bar: bool = typer.Option(True, "--progress/--no-progress", help="Show a live progress bar."),
) -> None:
    """Run the intake flow over files and folders and print a summary. Exit 0 even when some
    documents fail (each failure is recorded); non-zero only when the run cannot proceed.
    Re-running is safe: known files are skipped (unchanged ones without reading them again),
    interrupted ones are finished, none is processed twice.

    Example: cecintake ingest uploads/ --manifest uploads/manifest.csv
    """
    from cecintake.flows.progress import reset_hook, set_hook

    settings = settings_of(ctx)
    if workers:
        from dataclasses import replace

        settings = replace(settings, workers=workers)
    if not paths and manifest is None:
        raise InputFileError("give files or folders to ingest, or --manifest")
    for p in paths or []:
        if not p.exists():
            raise InputFileError(f"no such file or folder: {p}")
    if manifest is not None and not manifest.is_file():
        raise InputFileError(f"no such manifest: {manifest}")
    summary = _nothing_to_do(settings, list(paths or []), manifest)  # also migrates, and fails early
    if summary is None:
        start_engine_early(settings)
        with Progress(*progress_columns(), console=out, disable=not progress_bar or not out.is_terminal,
                      transient=False) as bar:
            hook = RichProgress(bar)
            token = set_hook(hook)
            try:
                summary = run_engine(_flow(), settings, [str(p) for p in paths or []],
                                     str(manifest) if manifest else None, True, chunk_size)
            finally:
                reset_hook(token)
    print_summary(summary)


def print_summary(summary) -> None:  # noqa: ANN001
    table = Table(title=f"intake run {summary.run_id}", show_lines=False)
    table.add_column("outcome")
    table.add_column("documents", justify="right")
    table.add_row("files seen", str(summary.files_seen))
    table.add_row("new", str(summary.registered))
    table.add_row("already known (skipped)", str(summary.already_known))
    if getattr(summary, "not_settled", 0):
        table.add_row("still being written (next pass)", str(summary.not_settled))
    for status in Status:
        if summary.statuses.get(status):
            table.add_row(status.value, str(summary.statuses[status]))
    if summary.unreadable_paths:
        table.add_row("could not read from disk", str(len(summary.unreadable_paths)))
    out.print(table)
    processed = sum(summary.statuses.values())
    if not summary.engine_started:
        out.print("nothing new: every file is already known and nothing is pending")
    else:
        rate = processed / summary.seconds if summary.seconds else 0.0
        out.print(f"{processed} processed in {summary.seconds:.1f} s ({rate:.1f} documents/s)")
    for f in summary.failures[:20]:
        out.print(f"  failed {escape(f.file)}: {escape(f.code)}: {escape(f.message)}", soft_wrap=True)
    if len(summary.failures) > 20:
        out.print(f"  ... and {len(summary.failures) - 20} more (cecintake export lists them all)")
    for given, message in summary.unreadable_paths[:20]:
        out.print(f"  cannot read {escape(given)}: {escape(message)}", soft_wrap=True)


@app.command()
def export(
    ctx: typer.Context,
    fmt: ExportFormat = typer.Option(ExportFormat.JSONL, "--format", help="jsonl (the contract) or csv."),
    output: Path = typer.Option(None, "--output", "-o", help="File to write (default: standard output)."),
) -> None:
    """One record per ingested document (contract section 4).

    Example: cecintake export --format jsonl --output export.jsonl
    """
    engine = open_database(settings_of(ctx).db_url)
    with session_scope(engine) as s:
        records = repo.iter_records(session=s)
        chunks = jsonl_lines(records) if fmt is ExportFormat.JSONL else csv_chunks(records)
        if output is None:
            for chunk in chunks:
                sys.stdout.write(chunk)
            sys.stdout.flush()
            return
        tmp = output.with_name(f".{output.name}.partial")
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            for chunk in chunks:
                fh.write(chunk)
        tmp.replace(output)
    out.print(f"export written to {escape(output)}", soft_wrap=True)


@app.command()
def status(
    ctx: typer.Context,
    certificant_id: str = typer.Argument(..., metavar="CERTIFICANT_ID"),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable (contract section 5)."),
    on: str = typer.Option(None, "--on", metavar="YYYY-MM-DD", help="Evaluate as of this date (default: today)."),
) -> None:
    """Progress of the certificant's current 5-year cycle: credits per year and category,
    shortfalls, caps used; credits still in review are shown apart.

    Example: cecintake status C-00017 --json
    """
    from ..rules import cycle_status, load_policy
    from ..storage.repo.pending import pending_entries

    settings = settings_of(ctx)
    engine = open_database(settings.db_url)
    with session_scope(engine) as s:
        cert = repo.get_certificant(session=s, certificant_id=certificant_id)
        if cert is None:
            raise NotFoundError(f"no certificant {certificant_id!r}", hint="cecintake certificants import ROSTER.csv")
        journal = repo.journal_for(session=s, certificant_id=certificant_id)
        pending = pending_entries(session=s, certificant_id=certificant_id)
    today = date.fromisoformat(on) if on else date.today()
    report = cycle_status(cert, journal=journal, pending=pending, policy=load_policy(settings.policy_path),
                          today=today).to_json()
    if as_json:
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
        return
    _print_status(report)


def _print_status(report: dict) -> None:
    out.print(f"{escape(report['certificant_id'])} ({report['level']}): cycle {report['cycle_start']} to "
              f"{report['cycle_end']}")
    table = Table()
    for col in ("year", "from", "to", "earned", "minimum", "met"):
        table.add_column(col)
    for y in report["years"]:
        table.add_row(str(y["year"]), y["start"], y["end"], f"{y['earned']:g}", f"{y['minimum']:g}",
                      "yes" if y["met"] else "no")
    out.print(table)
    cats = ", ".join(f"cat {k}: {v:g}" for k, v in sorted(report["by_category"].items())) or "none"
    out.print(f"earned {report['earned_total']:g} of {report['required_total']:g} (shortfall "
              f"{report['shortfall']:g}); pending review {report['pending_total']:g}")
    out.print(f"by category: {cats}; volunteer {report['volunteer_used']:g} of {report['volunteer_cap']:g}")
