"""The ``cecintake`` command line: thin commands over the layers below.

Errors are converted to exit codes here and only here (``main``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from ..config import Settings
from ..errors import CecintakeError, ExitCode

app = typer.Typer(
    name="cecintake",
    help="Evidence intake for SER continuing-education credits.\n\n"
         "Example: cecintake ingest uploads/ --manifest uploads/manifest.csv",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)


@app.callback()
def _global(
    ctx: typer.Context,
    db: str = typer.Option(None, "--db", metavar="URL",
                           help="SQLAlchemy database URL (else CECINTAKE_DB_URL, else SQLite under CECINTAKE_HOME)."),
    home: Path = typer.Option(None, "--home", help="Data directory (else CECINTAKE_HOME, else ./.cecintake)."),
    version: bool = typer.Option(False, "--version", is_eager=True, callback=lambda v: _print_version(v),
                                 help="Print the version and exit."),
) -> None:
    """Settings are built once here and passed down to every command."""
    settings = Settings.from_env(db_url=db, home=home)
    prepare_environment(settings)
    ctx.obj = settings


def _print_version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"cecintake {__version__}")
        raise typer.Exit()


def prepare_environment(settings: Settings) -> None:
    """Quiet, project-local Prefect and single-threaded Tesseract, before Prefect is imported."""
    settings.home.mkdir(parents=True, exist_ok=True)
    (settings.home / "prefect").mkdir(exist_ok=True)
    defaults = {
        "PREFECT_HOME": str(settings.home / "prefect"),
        "PREFECT_LOGGING_LEVEL": "WARNING",
        "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW": "ignore",
        # a loaded laptop can take longer than Prefect's default 20 s to start its temporary server;
        # the first start migrates Prefect's own database: on a busy small machine that takes
        # longer than Prefect's default 20 s
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
        "OMP_THREAD_LIMIT": "1",
    }
    for key, value in defaults.items():
        os.environ.setdefault(key, value)


def settings_of(ctx: typer.Context) -> Settings:
    obj = ctx.find_root().obj
    if not isinstance(obj, Settings):
        raise CecintakeError("settings were not initialised")
    return obj


def _register_commands() -> None:
    from . import intake_cmds, registry_cmds  # noqa: F401  (commands register themselves on import)

    for optional in ("review_cmds", "web_cmds", "rules_cmds", "nightly_cmds", "preapproval_cmds"):
        try:
            __import__(f"{__name__}.{optional}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{optional}":
                raise


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script: the one place errors become exit codes."""
    _register_commands()
    command = typer.main.get_command(app)
    try:
        command.main(args=argv, prog_name="cecintake", standalone_mode=True)
    except SystemExit as exc:  # click's own handling of usage errors, --help, typer.Exit
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    except CecintakeError as exc:
        err.print(f"[bold red]error:[/] {escape(exc.message)}", markup=True, highlight=False)
        if exc.hint:
            err.print(f"hint: {exc.hint}", markup=False)
        return int(exc.exit_code)
    except KeyboardInterrupt:
        err.print("interrupted; documents already stored are kept, run the same command again to resume",
                  markup=False)
        return 130
    return int(ExitCode.OK)


def run() -> None:  # pragma: no cover - console script shim
    sys.exit(main())
