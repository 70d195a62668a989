"""certificants import, registry import."""

from __future__ import annotations

from pathlib import Path

import typer

from ..csvio import read_offerings, read_roster
from ..domain import AuditAction
from ..storage import open_database, session_scope
from ..storage import repo
from . import app, settings_of
from .render import out

certificants_app = typer.Typer(help="The roster of certificants.", no_args_is_help=True)
registry_app = typer.Typer(help="The register of pre-approved offerings.", no_args_is_help=True)
app.add_typer(certificants_app, name="certificants")
app.add_typer(registry_app, name="registry")


@certificants_app.command("import")
def certificants_import(ctx: typer.Context, roster: Path = typer.Argument(..., metavar="ROSTER.csv")) -> None:
    """Add or update certificants (upsert by certificant_id). A bad row is reported with its
    line number and nothing is written.

    Example: cecintake certificants import roster.csv
    """
    rows = read_roster(roster)
    engine = open_database(settings_of(ctx).db_url)
    with session_scope(engine) as s:
        added, updated = repo.upsert_certificants(session=s, certificants=rows)
        repo.record_audit(session=s, actor="cli", action=AuditAction.IMPORTED,
                          after={"roster": str(roster), "added": added, "updated": updated})
    out.print(f"certificants: {added} added, {updated} updated")


@registry_app.command("import")
def registry_import(ctx: typer.Context, offerings: Path = typer.Argument(..., metavar="OFFERINGS.csv")) -> None:
    """Add or update pre-approved offerings (upsert by approval_code). A bad row is reported
    with its line number and nothing is written.

    Example: cecintake registry import offerings.csv
    """
    rows = read_offerings(offerings)
    engine = open_database(settings_of(ctx).db_url)
    with session_scope(engine) as s:
        added, updated = repo.upsert_offerings(session=s, offerings=rows)
        repo.record_audit(session=s, actor="cli", action=AuditAction.IMPORTED,
                          after={"offerings": str(offerings), "added": added, "updated": updated})
    out.print(f"offerings: {added} added, {updated} updated")
