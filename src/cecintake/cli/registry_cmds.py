"""certificants import, registry import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

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


def _import(ctx: typer.Context, path: Path, kind: str, upsert: Callable[[Any], tuple[int, int]]) -> None:
    """Upsert all rows in one transaction of a storage session (a bad row was already refused by
    the reader), and audit it."""
    engine = open_database(settings_of(ctx).db_url)
    with session_scope(engine) as s:
        added, updated = upsert(s)
        repo.record_audit(session=s, actor="cli", action=AuditAction.IMPORTED,
                          after={kind: str(path), "added": added, "updated": updated})
    out.print(f"{kind}: {added} added, {updated} updated")


@certificants_app.command("import")
def certificants_import(ctx: typer.Context, roster: Path = typer.Argument(..., metavar="ROSTER.csv")) -> None:
    """Add or update certificants (upsert by certificant_id). A bad row is reported with its
    line number and nothing is written.

    Example: cecintake certificants import roster.csv
    """
    rows = read_roster(roster)
    _import(ctx, roster, "certificants", lambda s: repo.upsert_certificants(session=s, certificants=rows))


@registry_app.command("import")
def registry_import(ctx: typer.Context, offerings: Path = typer.Argument(..., metavar="OFFERINGS.csv")) -> None:
    """Add or update pre-approved offerings (upsert by approval_code). A bad row is reported
    with its line number and nothing is written.

    Example: cecintake registry import offerings.csv
    """
    rows = read_offerings(offerings)
    _import(ctx, offerings, "offerings", lambda s: repo.upsert_offerings(session=s, offerings=rows))
