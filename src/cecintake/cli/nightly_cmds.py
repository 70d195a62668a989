"""nightly, schedule."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import typer

from ..errors import InputFileError
from ..storage import open_database
from . import app, settings_of
from .render import escape, out


def _inbox(path: Path) -> Path:
    if not path.is_dir():
        raise InputFileError(f"no such inbox folder: {path}")
    return path.resolve()


@app.command()
def nightly(
    ctx: typer.Context,
    inbox: Path = typer.Option(..., "--inbox", metavar="DIR", help="The folder uploads arrive in."),
    settle: float = typer.Option(60.0, "--settle", metavar="SECONDS", min=0,
                                 help="Leave files modified within this many seconds for the next pass "
                                      "(they may still be being written)."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """One nightly intake pass over the files in DIR that are new since the last pass (what the
    schedule runs). Writes the run report (counts, failures, review queue, items past the 4-week
    decision deadline) as JSON and text under the data directory's reports/ folder and prints it.

    Example: cecintake nightly --inbox /srv/uploads
    """
    from .intake_cmds import run_engine, start_engine_early

    settings = settings_of(ctx)
    folder = _inbox(inbox)
    open_database(settings.db_url).dispose()  # migrate (and fail early) before starting Prefect
    # a pass always runs the flow: boot the server while the flow is imported (the workers only
    # start if the pass finds new files)
    start_engine_early(settings, workers=False)
    from cecintake.flows.nightly import nightly_flow

    report = run_engine(nightly_flow, str(folder), settings.db_url, str(settings.home), settle)
    if as_json:
        sys.stdout.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        return
    from cecintake.nightly import render_text

    out.print(escape(render_text(report)), soft_wrap=True, end="")
    files = report.get("report_files", {})
    out.print(f"report written to {escape(files.get('text', ''))} and {escape(files.get('json', ''))}",
              soft_wrap=True)


@app.command()
def schedule(
    ctx: typer.Context,
    inbox: Path = typer.Option(..., "--inbox", metavar="DIR", help="The folder uploads arrive in."),
    cron: str = typer.Option("0 2 * * *", "--cron", metavar="EXPR", help="When to run (cron, server's time zone)."),
    settle: float = typer.Option(60.0, "--settle", metavar="SECONDS", min=0,
                                 help="Leave files modified within this many seconds for the next pass."),
) -> None:
    """Serve the nightly deployment on its schedule (default 02:00 every day) until stopped
    with Ctrl-C. Uses the Prefect server at PREFECT_API_URL; without one, starts a local
    Prefect server on 127.0.0.1 for as long as it runs.

    Example: cecintake schedule --inbox /srv/uploads --cron "0 2 * * *"
    """
    from prefect.client.schemas.schedules import CronSchedule

    settings = settings_of(ctx)
    folder = _inbox(inbox)
    try:
        CronSchedule(cron=cron)
    except ValueError as exc:
        raise InputFileError(f"not a cron expression: {cron!r}", hint='e.g. --cron "0 2 * * *"') from exc
    open_database(settings.db_url).dispose()
    if os.environ.get("PREFECT_API_URL"):
        _serve(str(folder), settings, cron, settle)
        return
    from cecintake.flows.server import local_server

    out.print("starting a local Prefect server on 127.0.0.1 (set PREFECT_API_URL to use your own)")
    with local_server(prefect_home=settings.home / "prefect-server",
                      log_path=settings.home / "logs" / "prefect-server.log") as api_url:
        os.environ["PREFECT_API_URL"] = api_url
        try:
            _serve(str(folder), settings, cron, settle)
        finally:
            os.environ.pop("PREFECT_API_URL", None)


def _serve(inbox: str, settings, cron: str, settle: float) -> None:  # noqa: ANN001
    from prefect import serve
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from cecintake.flows.nightly import nightly_deployment

    with temporary_settings({PREFECT_API_URL: os.environ["PREFECT_API_URL"]}):
        deployment = nightly_deployment(inbox=inbox, db_url=settings.db_url, home=str(settings.home), cron=cron,
                                        settle_seconds=settle)
        out.print(f"serving the nightly intake of {escape(inbox)} on schedule {escape(cron)}; Ctrl-C to stop")
        serve(deployment, print_starting_message=False)
