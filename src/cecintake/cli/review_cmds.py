"""review list / show / claim / release / decide / overdue / corrections / thresholds; users add."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

import typer
from rich.table import Table

from ..domain import Category, ReasonCode
from ..errors import InputFileError
from ..storage import open_database
from . import app, settings_of
from .render import escape, out

review_app = typer.Typer(help="The exception queue: list, show, claim, decide.\n\n"
                              "Example: cecintake review claim --reviewer alice",
                         no_args_is_help=True, rich_markup_mode=None)
users_app = typer.Typer(help="Web users and their roles.\n\nExample: cecintake users add alice --role reviewer",
                        no_args_is_help=True, rich_markup_mode=None)
app.add_typer(review_app, name="review")
app.add_typer(users_app, name="users")


def _engine_ctx(ctx: typer.Context):  # noqa: ANN202
    from ..review import review_context

    settings = settings_of(ctx)
    return open_database(settings.db_url), review_context(settings)


def _when(dt: datetime) -> str:
    return f"{dt:%Y-%m-%d}"


def _queue_table(items, now: datetime, title: str) -> Table:  # noqa: ANN001
    table = Table(title=title)
    for col in ("document", "certificant", "submitted", "due", "cat", "CECs", "claimed by"):
        table.add_column(col, no_wrap=True)
    table.add_column("reasons", overflow="fold")
    for i in items:
        due = _when(i.due_at) + (" overdue" if i.overdue(now) else f" ({i.days_left(now)} d)")
        reasons = ", ".join(dict.fromkeys(r.code.value for r in i.reasons)) or "-"
        if i.approvals_needed > 1:
            reasons += f" [{i.approvals}/{i.approvals_needed} approvals]"
        table.add_row(i.document_id, escape(i.certificant_id or "unknown"), _when(i.submitted_at), due,
                      "-" if i.category is None else str(int(i.category)),
                      "-" if i.cecs is None else f"{i.cecs:g}", escape(i.claimed_by if i.claimed(now) else "-"),
                      escape(reasons))
    return table


@review_app.command("list")
def list_(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="One JSON array on standard output."),
    reason: ReasonCode = typer.Option(None, "--reason", help="Only items with this reason code."),
    category: int = typer.Option(None, "--category", min=1, max=7, help="Only items proposed in this category."),
    certificant: str = typer.Option(None, "--certificant", help="Only this certificant's items."),
) -> None:
    """The exception queue, oldest submission first, with each item's reasons and its
    4-week decision deadline.

    Example: cecintake review list --json
    """
    from ..review import QueueFilter, list_queue, utcnow

    engine, rctx = _engine_ctx(ctx)
    now = utcnow()
    filt = QueueFilter(reason=reason, category=Category(category) if category else None, certificant_id=certificant)
    items = list_queue(engine, filt=filt, now=now, quorum=rctx.quorum)
    if as_json:
        sys.stdout.write(json.dumps([i.to_json(now) for i in items], indent=2) + "\n")
        return
    out.print(_queue_table(items, now, f"review queue: {len(items)} open"))


@review_app.command()
def overdue(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="One JSON array on standard output."),
) -> None:
    """Open items past the policy's 4-week decision deadline.

    Example: cecintake review overdue
    """
    from ..review import overdue as overdue_items
    from ..review import utcnow

    engine, _ = _engine_ctx(ctx)
    now = utcnow()
    items = overdue_items(engine, now=now)
    if as_json:
        sys.stdout.write(json.dumps([i.to_json(now) for i in items], indent=2) + "\n")
        return
    out.print(_queue_table(items, now, f"overdue: {len(items)}"))


@review_app.command()
def show(
    ctx: typer.Context,
    document_id: str = typer.Argument(..., metavar="DOCUMENT_ID"),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable."),
) -> None:
    """One item: fields with confidence and source text, proposal, reasons, history.

    Example: cecintake review show D-3f2a9c0e1b7d4a55
    """
    from ..export import to_record
    from ..review import show as show_item
    from ..review import utcnow

    engine, rctx = _engine_ctx(ctx)
    detail = show_item(engine, document_id, quorum=rctx.quorum)
    now = utcnow()
    history = [{"at": h.at.isoformat(), "actor": h.actor, "action": h.action, "before": h.before,
                "after": h.after, "note": h.note} for h in detail.history]
    if as_json:
        doc = {"record": to_record(detail.record), "queue": detail.item.to_json(now) if detail.item else None,
               "history": history}
        sys.stdout.write(json.dumps(doc, indent=2, default=str) + "\n")
        return
    r = detail.record
    out.print(f"{r.document_id}  {escape(r.file)}  status {r.status.value}  certificant "
              f"{escape(r.certificant_id or 'unknown')}  type {r.doc_type.value} ({r.doc_type_confidence:.2f})")
    if detail.item:
        i = detail.item
        out.print(f"submitted {_when(i.submitted_at)}, decision due {_when(i.due_at)}"
                  + (" (overdue)" if i.overdue(now) else "")
                  + (f", claimed by {escape(i.claimed_by)}" if i.claimed(now) else ""))
    fields = Table(title="fields")
    for col in ("field", "value", "confidence", "page", "source text"):
        fields.add_column(col)
    for f in r.fields.values():
        fields.add_row(f.name.value, escape(f.value), f"{f.confidence:.2f}", str(f.page or "-"),
                       escape((f.text or "")[:80]))
    out.print(fields)
    if r.proposal:
        p = r.proposal
        out.print(f"proposal: category {'-' if p.category is None else int(p.category)}, {p.cecs:g} CECs, "
                  f"rules {', '.join(p.rule_ids)}")
        out.print(f"  {escape(p.explanation)}", soft_wrap=True)
    for reason in r.reasons:
        out.print(f"reason {reason.code.value}: {escape(reason.message)}", soft_wrap=True)
    out.print("history:")
    for h in detail.history:
        note = f" - {escape(h.note)}" if h.note else ""
        out.print(f"  {h.at:%Y-%m-%d %H:%M} {escape(h.actor)} {h.action}{note}", soft_wrap=True)


@review_app.command()
def claim(
    ctx: typer.Context,
    reviewer: str = typer.Option(..., "--reviewer", metavar="NAME", help="Who takes the item."),
    document_id: str = typer.Option(None, "--document", metavar="DOCUMENT_ID", help="A given item, not the next."),
) -> None:
    """Claim the next unclaimed item (a lease that expires, 15 minutes by default) and print its
    document id. Two reviewers never get the same item. Exit 4 when the queue is empty.

    Example: cecintake review claim --reviewer alice
    """
    from ..errors import NotFoundError
    from ..review import claim as claim_item

    engine, rctx = _engine_ctx(ctx)
    got = claim_item(engine, reviewer=reviewer, lease_minutes=rctx.lease_minutes, document_id=document_id)
    if got is None:
        raise NotFoundError("nothing to claim: the queue is empty or every item is claimed")
    sys.stdout.write(got + "\n")


@review_app.command()
def release(
    ctx: typer.Context,
    document_id: str = typer.Argument(..., metavar="DOCUMENT_ID"),
    reviewer: str = typer.Option(..., "--reviewer", metavar="NAME", help="The holder of the lease."),
) -> None:
    """Give a claimed item back to the queue.

    Example: cecintake review release D-3f2a9c0e1b7d4a55 --reviewer alice
    """
    from ..review import release as release_item

    engine, _ = _engine_ctx(ctx)
    release_item(engine, document_id, reviewer=reviewer)
    out.print(f"{document_id} released")


@review_app.command()
def decide(
    ctx: typer.Context,
    document_id: str = typer.Argument(..., metavar="DOCUMENT_ID"),
    reviewer: str = typer.Option(..., "--reviewer", metavar="NAME"),
    approve: bool = typer.Option(False, "--approve", help="Approve (as proposed, or with corrections)."),
    deny: bool = typer.Option(False, "--deny", help="Deny: no credit."),
    send_back: bool = typer.Option(False, "--send-back", help="Ask the certificant for more documentation."),
    category: int = typer.Option(None, "--category", min=1, max=7, help="Override the category."),
    cecs: float = typer.Option(None, "--cecs", min=0, help="Override the credit."),
    sets: list[str] = typer.Option(None, "--set", metavar="FIELD=VALUE", help="Correct a field (repeatable)."),
    reason: ReasonCode = typer.Option(None, "--reason", help="Reason code of a denial."),
    note: str = typer.Option(..., "--note", help="Why (kept in the audit log and the letter)."),
) -> None:
    """Record a decision. Corrections re-run the rules; approved credit goes to the
    certificant's journal and caps are re-allocated; a letter is written to the outbox.

    Example: cecintake review decide D-3f2a9c0e1b7d4a55 --reviewer alice --approve --set contact_hours=6 --note "hours per agenda"
    """
    from ..review import Decision, DecisionRequest, parse_assignment
    from ..review import decide as decide_item

    chosen = [d for d, on in ((Decision.APPROVE, approve), (Decision.DENY, deny), (Decision.SEND_BACK, send_back))
              if on]
    if len(chosen) != 1:
        raise InputFileError("give exactly one of --approve, --deny, --send-back")
    corrections = dict(parse_assignment(s) for s in sets or [])
    engine, rctx = _engine_ctx(ctx)
    outcome = decide_item(engine, DecisionRequest(
        document_id=document_id, reviewer=reviewer, decision=chosen[0], note=note,
        category=Category(category) if category else None, cecs=cecs, corrections=corrections,
        reason_code=reason), ctx=rctx)
    if not outcome.final:
        out.print(f"{document_id}: approval {outcome.approvals} of {outcome.approvals_needed} recorded; "
                  "it stays in the queue for the next reviewer")
        return
    cat = "-" if outcome.category is None else int(outcome.category)
    out.print(f"{document_id}: {outcome.status} (category {cat}, {outcome.cecs:g} CECs)")
    if outcome.adjusted:
        out.print(f"caps re-allocated on {', '.join(outcome.adjusted)}")
    if outcome.letter:
        out.print(f"letter: {escape(outcome.letter)}", soft_wrap=True)


@review_app.command()
def corrections(
    ctx: typer.Context,
    output: Path = typer.Option(None, "--output", "-o", help="JSONL of original vs corrected fields."),
) -> None:
    """Reviewers' corrections as labelled data (JSONL: original vs corrected value per field),
    and a report of the fields reviewers correct most.

    Example: cecintake review corrections --output corrections.jsonl
    """
    from ..review import correction_report, corrections_jsonl, labelled_corrections

    engine, _ = _engine_ctx(ctx)
    rows = labelled_corrections(engine)
    if output is not None:
        with open(output, "w", encoding="utf-8") as fh:
            fh.writelines(corrections_jsonl(rows))
        out.print(f"{len(rows)} corrections written to {escape(output)}")
    table = Table(title="fields reviewers correct most")
    for col in ("field", "corrections", "documents", "mean confidence as read"):
        table.add_column(col)
    for st in correction_report(rows):
        table.add_row(st.field, str(st.corrections), str(st.documents),
                      "-" if st.mean_original_confidence is None else f"{st.mean_original_confidence:.2f}")
    out.print(table)


@review_app.command()
def thresholds(
    ctx: typer.Context,
    fixtures: Path = typer.Option(..., "--fixtures", metavar="DIR",
                                  help="Generated fixtures with .truth.json files (python -m fixtures.generate)."),
    limit: int = typer.Option(None, "--limit", help="At most this many documents."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """How the auto-accept rate and the error rate trade off as the confidence threshold moves,
    on labelled generated fixtures (each read once; the rules re-run per threshold).

    Example: cecintake review thresholds --fixtures /tmp/fx
    """
    from ..review.thresholds import TRADEOFF_THRESHOLDS, cases_from_fixtures, tradeoff

    if not fixtures.is_dir():
        raise InputFileError(f"no such folder: {fixtures}", hint="python -m fixtures.generate DIR --count 60")
    rctx = _engine_ctx(ctx)[1]
    cases, offerings = cases_from_fixtures(fixtures, limit=limit)
    rows = tradeoff(cases, TRADEOFF_THRESHOLDS, policy=rctx.policy, offerings=offerings)
    if as_json:
        sys.stdout.write(json.dumps([r.to_json() for r in rows], indent=2) + "\n")
        return
    out.print(tradeoff_table(rows, f"confidence threshold trade-off ({len(cases)} labelled documents)"))


def tradeoff_table(rows, title: str) -> Table:  # noqa: ANN001
    table = Table(title=title)
    for col in ("threshold", "auto-accepted", "auto-accept rate", "wrong among auto-accepted", "error rate",
                "to review", "rejected"):
        table.add_column(col, justify="right")
    for r in rows:
        table.add_row(f"{r.threshold:.2f}", str(r.auto_accepted), f"{r.auto_accept_rate:.1%}", str(r.errors),
                      f"{r.error_rate:.1%}", str(r.reviewed), str(r.rejected))
    return table


@users_app.command("add")
def users_add(
    ctx: typer.Context,
    name: str = typer.Argument(..., metavar="NAME"),
    role: str = typer.Option(..., "--role", metavar="reviewer|coordinator"),
) -> None:
    """Create a web user (or reset their password and role); the password is read from
    standard input (one line).

    Example: printf '%s\\n' 'a long passphrase' | cecintake users add alice --role reviewer
    """
    from ..review import Role, add_user

    try:
        r = Role(role)
    except ValueError as exc:
        raise InputFileError(f"--role must be reviewer or coordinator, not {role!r}") from exc
    if sys.stdin.isatty():
        import getpass

        password = getpass.getpass("password: ")
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    engine, _ = _engine_ctx(ctx)
    created = add_user(engine, name=name, role=r, password=password)
    out.print(f"user {escape(name)} {'created' if created else 'updated'} ({r.value})")
