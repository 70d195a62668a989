"""Tested documentation (sqlite-utils habit): every command is in the README and its
help has an example; the README's first shell block is exactly the two commands."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

from cecintake.cli import _register_commands, app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands() -> list[tuple[str, object]]:
    _register_commands()
    root = typer.main.get_command(app)
    out = []

    def walk(group: object, prefix: str) -> None:
        for name, cmd in sorted(getattr(group, "commands", {}).items()):
            full = f"{prefix} {name}".strip()
            if getattr(cmd, "commands", None):
                walk(cmd, full)
            else:
                out.append((full, cmd))

    walk(root, "")
    return out


COMMANDS = _commands()


@pytest.mark.parametrize(("name", "cmd"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_command_is_documented_in_the_readme(name: str, cmd: object) -> None:
    assert f"cecintake {name}" in README, f"README has no section or example for `cecintake {name}`"


@pytest.mark.parametrize(("name", "cmd"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_command_help_has_an_example(name: str, cmd: object) -> None:
    assert "Example:" in (cmd.help or ""), f"`cecintake {name} --help` has no Example: line"


def test_readme_quick_start_is_two_commands() -> None:
    block = re.search(r"```sh\n(.*?)```", README, re.S)
    assert block is not None
    lines = [ln for ln in block.group(1).splitlines() if ln.strip() and not ln.startswith("#")]
    assert lines == ["bash scripts/quickstart.sh", "bash scripts/test.sh"]
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text()
    assert "scripts/test.sh" in ci
