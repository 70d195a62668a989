"""applications list / show / decide; registry terminate / export (issue 8: sponsor pre-approval)."""

from __future__ import annotations

import json
import os
import sys
from datetime import date, datetime, timezone
from pathlib import Path

import typer
from rich.table import Table

from ..domain import Category
from ..errors import InputFileError
from ..storage import open_database
from . import app, settings_of
from .registry_cmds import registry_app
from .render import escape, out

applications_app = typer.Typer(
    help="Sponsors' applications for pre-approval: list, show, decide.\n\n"
         "Example: cecintake applications decide APP-0001 --reviewer alice --approve --note \"objectives clear\"",
    no_args_is_help=True, rich_markup_mode=None)
app.add_typer(applications_app, name="applications")


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _engine(ctx: typer.Context):  # noqa: ANN202
    return open_database(settings_of(ctx).db_url)


def _config():  # noqa: ANN202
    from ..preapproval import PreapprovalConfig

    return PreapprovalConfig.from_env(os.environ)


def _policy(ctx: typer.Context):  # noqa: ANN202
    from ..rules import load_policy

    return load_policy(settings_of(ctx).policy_path)


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputFileError(f"{option} must be a date like 2026-12-31, not {value!r}") from None


def _due(rec, now: datetime) -> str:  # noqa: ANN001
    if rec.status.value != "pending":
        return f"{rec.decided_at:%Y-%m-%d}" if rec.decided_at else "-"
    return f"{rec.due_at:%Y-%m-%d}" + (" OVERDUE" if rec.overdue(now) else f" ({rec.days_left(now)} d)")


def _summary(rec, now: datetime) -> dict:  # noqa: ANN001
    p, a = rec.proposal, rec.application
    return {"application_id": rec.application_id, "status": rec.status.value, "sponsor": a.sponsor,
            "title": a.title, "submitted_at": rec.submitted_at.isoformat(), "due_at": rec.due_at.isoformat(),
            "overdue": rec.overdue(now), "days_left": rec.days_left(now) if rec.status.value == "pending" else None,
            "category": int(p.category) if p and p.category else None, "cecs": p.cecs if p else None,
            "valid_from": p.valid_from.isoformat() if p and p.valid_from else None,
            "valid_to": p.valid_to.isoformat() if p and p.valid_to else None,
            "reasons": [{"code": r.code.value, "message": r.message} for r in (p.reasons if p else ())],
            "approval_code": rec.approval_code, "primary_document_id": rec.primary_document_id,
            "documents": list(rec.document_ids), "decided_by": rec.decided_by,
            "decided_at": rec.decided_at.isoformat() if rec.decided_at else None}


@applications_app.command("list")
def applications_list(
    ctx: typer.Context,
    status: str = typer.Option(None, "--status", help="pending, approved or denied."),
    overdue_only: bool = typer.Option(False, "--overdue", help="Only pending applications past the 6-week deadline."),
    as_json: bool = typer.Option(False, "--json", help="One JSON array on standard output."),
) -> None:
    """Applications for pre-approval, oldest first, with the 6-week decision deadline
    (days left, or OVERDUE) and the reasons the committee should look at.

    Example: cecintake applications list --status pending
    """
    from ..preapproval import ApplicationStatus
    from ..preapproval.service import list_applications

    try:
        wanted = ApplicationStatus(status) if status else None
    except ValueError:
        raise InputFileError(f"--status must be pending, approved or denied, not {status!r}") from None
    now = _now()
    recs = [r for r in list_applications(_engine(ctx), wanted) if not overdue_only or r.overdue(now)]
    if as_json:
        sys.stdout.write(json.dumps([_summary(r, now) for r in recs], indent=2) + "\n")
        return
    table = Table(title=f"applications: {len(recs)}")
    for col in ("application", "status", "submitted", "due / decided", "cat", "CECs", "code"):
        table.add_column(col, no_wrap=True)
    for col in ("sponsor", "title"):
        table.add_column(col, overflow="fold")
    table.add_column("reasons", overflow="fold")
    for r in recs:
        p = r.proposal
        table.add_row(escape(r.application_id), r.status.value, f"{r.submitted_at:%Y-%m-%d}", _due(r, now),
                      str(int(p.category)) if p and p.category else "-", f"{p.cecs:g}" if p else "-",
                      escape(r.approval_code or "-"), escape(r.application.sponsor or "-"),
                      escape(r.application.title or "-"),
                      escape(", ".join(dict.fromkeys(x.code.value for x in p.reasons)) if p and p.reasons else "-"))
    out.print(table)
    late = sum(1 for r in recs if r.overdue(now))
    if late:
        out.print(f"{late} application(s) past the 6-week decision deadline")


@applications_app.command("show")
def applications_show(
    ctx: typer.Context,
    application_id: str = typer.Argument(..., metavar="APP_ID"),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable."),
) -> None:
    """One application: what the packet states (sponsor, instructors with credentials and
    affiliations, objectives, dates, registration contact, delivery, contact hours), the
    policy checks, the proposal and the deadline.

    Example: cecintake applications show APP-0001
    """
    from ..preapproval.service import get_application, termination_of

    engine = _engine(ctx)
    rec = get_application(engine, application_id)
    now = _now()
    data = {**_summary(rec, now), "application": rec.application.to_json(),
            "proposal": rec.proposal.to_json() if rec.proposal else None, "decision_note": rec.decision_note}
    t = termination_of(engine, rec.approval_code) if rec.approval_code else None
    if t:
        data["termination"] = {"terminated_on": t.terminated_on.isoformat(), "reason": t.reason,
                               "terminated_by": t.terminated_by, "appeal_until": t.appeal_until.isoformat()}
    if as_json:
        sys.stdout.write(json.dumps(data, indent=2, default=str) + "\n")
        return
    _print_application(rec, now, t)


def _print_application(rec, now: datetime, t) -> None:  # noqa: ANN001
    a, p = rec.application, rec.proposal
    when = f"decision due {_due(rec, now)}" if rec.status.value == "pending" else f"decided {_due(rec, now)}"
    out.print(f"{escape(rec.application_id)}: {rec.status.value}; submitted {rec.submitted_at:%Y-%m-%d}, {when}")
    rows = [("sponsor", a.sponsor), ("title", a.title),
            ("offering dates", ", ".join(d.isoformat() for d in a.offering_dates) or None),
            ("recurring", "yes" if a.recurring else "no"),
            ("delivery", a.delivery_mode.value if a.delivery_mode else None),
            ("registration", a.registration_contact or a.contact_email or a.contact_phone),
            ("contact hours", f"{a.contact_hours:g}" if a.contact_hours is not None else None),
            ("schedule hours", f"{a.schedule_hours:g} over {a.schedule_days} day(s)" if a.schedule_hours else None),
            ("estimated contact time", f"{a.estimated_contact_hours:g} h" if a.estimated_contact_hours else None),
            ("attendance verification", a.attendance_verification)]
    for label, value in rows:
        out.print(f"  {label:<24} {escape(value) if value else '-'}")
    out.print("  educational objectives:")
    for o in a.objectives or ("(none stated)",):
        out.print(f"    - {escape(o)}")
    out.print("  instructors:")
    for i in a.instructors or ():
        creds = ", ".join(i.credentials) or "no credentials"
        basis = i.qualification_basis or "for the committee"
        out.print(f"    - {escape(i.name)} ({escape(creds)}; {escape(i.affiliation or 'no affiliation')}): {escape(basis)}")
    if p:
        out.print(f"  proposal: {escape(p.explanation)}")
    if rec.approval_code:
        out.print(f"  approval code: {escape(rec.approval_code)}")
    if rec.decided_by:
        out.print(f"  decided by {escape(rec.decided_by)}: {escape(rec.decision_note or '')}")
    if t:
        out.print(f"  terminated {t.terminated_on}: {escape(t.reason)} (appeal until {t.appeal_until})")


@applications_app.command("decide")
def applications_decide(
    ctx: typer.Context,
    application_id: str = typer.Argument(..., metavar="APP_ID"),
    reviewer: str = typer.Option(..., "--reviewer", metavar="NAME", help="Who decides (recorded in the audit log)."),
    approve: bool = typer.Option(None, "--approve/--deny", help="Approve (issue a code) or deny."),
    cecs: float = typer.Option(None, "--cecs", metavar="X", help="CECs to grant (default: from the schedule)."),
    valid_to: str = typer.Option(None, "--valid-to", metavar="DATE",
                                 help="Last day of validity (recurring courses: at most two years)."),
    category: int = typer.Option(None, "--category", min=1, max=4, help="Category 1 to 4 (default: as proposed)."),
    note: str = typer.Option(..., "--note", metavar="TEXT", help="Why (recorded and quoted in the letter)."),
) -> None:
    """Record the committee's decision. Approval issues a unique approval code (pattern
    CECINTAKE_APPROVAL_CODE_PATTERN, default SER-PA-{year}-{seq:04d}), adds the offering to
    the register and writes the letter to the sponsor to the outbox; denial writes a letter
    with the reasons.

    Example: cecintake applications decide APP-0001 --reviewer alice --approve --cecs 6 --note "objectives and schedule clear"
    """
    from ..preapproval.service import ApplicationDecision, decide

    if approve is None:
        raise InputFileError("say --approve or --deny")
    settings = settings_of(ctx)
    req = ApplicationDecision(application_id=application_id, reviewer=reviewer, approve=approve, note=note,
                              cecs=cecs, valid_to=_date(valid_to, "--valid-to"),
                              category=Category(category) if category else None)
    result = decide(_engine(ctx), req, policy=_policy(ctx), config=_config(), outbox=settings.outbox_dir)
    if result.offering:
        o = result.offering
        out.print(f"{escape(application_id)} approved: approval code {escape(o.approval_code)}, category"
                  f" {int(o.category)}, {o.cecs:g} CECs, valid {o.valid_from} to {o.valid_to}")
    else:
        out.print(f"{escape(application_id)} denied")
    for n in result.notes:
        out.print(f"note: {escape(n)}")
    out.print(f"letter: {escape(result.letter)}", soft_wrap=True)


@registry_app.command("terminate")
def registry_terminate(
    ctx: typer.Context,
    code: str = typer.Argument(..., metavar="CODE"),
    reason: str = typer.Option(..., "--reason", metavar="TEXT", help="Why (told to the sponsor)."),
    by: str = typer.Option("coordinator", "--by", metavar="NAME", help="Who terminates (audit log)."),
    on: str = typer.Option(None, "--on", metavar="DATE", help="Effective date (default: today)."),
) -> None:
    """Terminate an offering's pre-approval. Later certificates carrying its code go to review
    (approval_code_terminated); the sponsor's 30-day appeal window is recorded, shown and
    written in the notice to the outbox.

    Example: cecintake registry terminate SER-PA-2025-0001 --reason "instructor not as approved"
    """
    from ..preapproval.service import terminate

    settings = settings_of(ctx)
    t, letter = terminate(_engine(ctx), approval_code=code, reason=reason, by=by, config=_config(),
                          outbox=settings.outbox_dir, on=_date(on, "--on"))
    out.print(f"{escape(code)} terminated on {t.terminated_on}; appeal until {t.appeal_until}")
    out.print(f"letter: {escape(letter)}", soft_wrap=True)


@registry_app.command("export")
def registry_export(
    ctx: typer.Context,
    csv_path: Path = typer.Option(None, "--csv", metavar="FILE", help="The register as CSV."),
    html_path: Path = typer.Option(None, "--html", metavar="FILE",
                                   help="The continuing-education calendar as a static HTML page."),
) -> None:
    """Write the register of pre-approved offerings as CSV (the OFFERINGS.csv columns, then
    status, dates, delivery, registration, termination and appeal) and/or as the static HTML
    continuing-education calendar.

    Example: cecintake registry export --csv register.csv --html calendar.html
    """
    from ..preapproval import register_csv, register_html
    from ..preapproval.service import calendar_entries

    if csv_path is None and html_path is None:
        raise InputFileError("give --csv FILE and/or --html FILE")
    entries = calendar_entries(_engine(ctx))
    today = date.today()
    for path, text in ((csv_path, lambda: register_csv(entries, today=today)),
                       (html_path, lambda: register_html(entries, today=today))):
        if path is None:
            continue
        tmp = path.with_name(f".{path.name}.partial")
        try:
            tmp.write_text(text(), encoding="utf-8", newline="")
            tmp.replace(path)
        except OSError as exc:
            raise InputFileError(f"cannot write {path}: {exc.strerror}") from exc
        out.print(f"register written to {escape(path)} ({len(entries)} offerings)", soft_wrap=True)
