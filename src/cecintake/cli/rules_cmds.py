"""rules diff (policy what-if), rules show, readiness."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import typer
from rich.table import Table

from ..domain import Status
from ..pipeline import name_match
from ..rules import WhatIfCase, diff_policies, impact_by_certificant, load_policy, readiness_report
from ..domain import Claim
from ..storage import open_database, session_scope
from ..storage import repo
from . import app, settings_of
from .render import escape, out

rules_app = typer.Typer(help="The policy as data: show it, and ask what a changed policy would change.",
                        no_args_is_help=True)
app.add_typer(rules_app, name="rules")


@rules_app.command("show")
def rules_show(ctx: typer.Context) -> None:
    """Every rule id with the sentence of the policy it implements.

    Example: cecintake rules show
    """
    policy = load_policy(settings_of(ctx).policy_path)
    table = Table(title=f"policy {policy.version}")
    table.add_column("rule id")
    table.add_column("implements")
    for rule_id, rule in sorted(policy.catalogue().items()):
        table.add_row(rule_id, escape(rule.sentence))
    out.print(table)


@rules_app.command("diff")
def rules_diff(
    ctx: typer.Context,
    policy_file: Path = typer.Option(..., "--policy", metavar="NEW.yaml", help="The changed policy file."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Run every stored claim under a changed policy and report each decision that would
    change, certificant by certificant.

    Example: cecintake rules diff --policy policy-2026.yaml
    """
    settings = settings_of(ctx)
    old, new = load_policy(settings.policy_path), load_policy(policy_file)
    engine = open_database(settings.db_url)
    cases = []
    with session_scope(engine) as s:
        certificants = {c.certificant_id: c for c in repo.list_certificants(session=s)}
        offerings = repo.offerings_by_code(session=s)
        for rec in repo.iter_records(session=s):
            if rec.status in (Status.FAILED, Status.PENDING):
                continue
            cert = certificants.get(rec.certificant_id or "")
            evidence = rec.evidence()
            claim = Claim(document_id=rec.document_id, evidence=evidence, certificant=cert,
                          submitted_at=rec.claimed_at, name_match=name_match(evidence, cert))
            cases.append(WhatIfCase(claim=claim, current=rec.proposal, status=rec.status))
    changes = diff_policies(cases, offerings=offerings, old=old, new=new, thresholds=settings.thresholds)
    impacts = impact_by_certificant(changes)
    if as_json:
        payload = [{"certificant_id": i.certificant_id, "old_total": i.old_total, "new_total": i.new_total,
                    "changes": [{"document_id": c.document_id,
                                 "old": {"route": c.old.route.value, "cecs": c.old.cecs,
                                         "category": None if c.old.category is None else int(c.old.category),
                                         "reasons": [r.value for r in c.old.reasons]},
                                 "new": {"route": c.new.route.value, "cecs": c.new.cecs,
                                         "category": None if c.new.category is None else int(c.new.category),
                                         "reasons": [r.value for r in c.new.reasons]}}
                                for c in i.changes]} for i in impacts]
        sys.stdout.write(json.dumps({"old_policy": old.version, "new_policy": new.version, "certificants": payload},
                                    indent=2) + "\n")
        return
    out.print(f"policy {old.version} -> {new.version}: {len(changes)} decision(s) would change "
              f"for {len(impacts)} certificant(s) out of {len(cases)} claims")
    table = Table()
    for col in ("certificant", "document", "before", "after", "total before", "total after"):
        table.add_column(col)
    for i in impacts:
        for c in i.changes:
            table.add_row(escape(i.certificant_id or "(unknown)"), c.document_id,
                          f"{c.old.route.value} {c.old.cecs:g}", f"{c.new.route.value} {c.new.cecs:g}",
                          f"{i.old_total:g}", f"{i.new_total:g}")
    out.print(table)


@app.command()
def readiness(
    ctx: typer.Context,
    on: str = typer.Option(None, "--on", metavar="YYYY-MM-DD", help="Evaluate as of this date (default: today)."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """The coordinator's readiness report: who is short of the total or of a yearly
    minimum, by how much, and by when (most urgent first).

    Example: cecintake readiness --on 2026-12-31
    """
    settings = settings_of(ctx)
    engine = open_database(settings.db_url)
    with session_scope(engine) as s:
        certificants = repo.list_certificants(session=s)
        journals = repo.journal_entries_all(session=s)
    today = date.fromisoformat(on) if on else date.today()
    rows = readiness_report(certificants, journals, policy=load_policy(settings.policy_path), today=today)
    if as_json:
        sys.stdout.write(json.dumps([r.to_json() for r in rows], indent=2, default=str) + "\n")
        return
    table = Table(title=f"readiness on {today}")
    for col in ("certificant", "name", "earned", "short by", "cycle ends", "next due", "years short"):
        table.add_column(col)
    for r in rows:
        years = ", ".join(f"y{y.year} {y.short_by:g}" for y in r.years_short) or "-"
        table.add_row(r.certificant_id, escape(r.full_name), f"{r.earned_total:g}", f"{r.total_short_by:g}",
                      str(r.cycle_end), str(r.next_due), years)
    out.print(table)
