"""Fixtures for the flow tests: one Prefect home for the whole session (its database is
migrated once, not per test), a small generated corpus, and helpers that run the CLI in
a subprocess of its own process group (so that a kill reaches every child)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CLI = [str(Path(sys.executable).with_name("cecintake"))]


@pytest.fixture(scope="session")
def prefect_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("prefect-home")


@pytest.fixture(autouse=True)
def _shared_prefect_home(_isolated_env: None, prefect_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PREFECT_HOME", str(prefect_home))
    monkeypatch.setenv("CECINTAKE_WORKERS", "2")


@dataclass(frozen=True)
class Corpus:
    docs: Path
    roster: Path
    offerings: Path
    manifest: Path
    files: list[Path]


def make_corpus(root: Path, *, count: int, seed: int, renders: tuple[str, ...]) -> Corpus:
    from fixtures.generate import generate, write_manifest, write_offerings, write_roster

    docs = root / "docs"
    samples = generate(docs, count=count, seed=seed, renders=renders)
    for s in samples:
        Path(s.truth_path).unlink()
    csvs = root / "csv"
    csvs.mkdir(parents=True, exist_ok=True)
    return Corpus(docs, write_roster(csvs / "ROSTER.csv", samples), write_offerings(csvs / "OFFERINGS.csv", samples),
                  write_manifest(csvs / "MANIFEST.csv", samples), sorted(Path(s.path) for s in samples))


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """36 documents, about half of them scans (OCR makes a run last long enough to kill)."""
    return make_corpus(tmp_path_factory.mktemp("corpus"), count=36, seed=5, renders=("digital", "scan"))


def copy_corpus(corpus: Corpus, dest: Path) -> Corpus:
    shutil.copytree(corpus.docs, dest / "docs")
    shutil.copytree(corpus.roster.parent, dest / "csv")
    files = [dest / "docs" / f.relative_to(corpus.docs) for f in corpus.files]
    return Corpus(dest / "docs", dest / "csv" / "ROSTER.csv", dest / "csv" / "OFFERINGS.csv",
                  dest / "csv" / "MANIFEST.csv", files)


def cli_env(db_url: str, home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["CECINTAKE_DB_URL"] = db_url
    env["CECINTAKE_HOME"] = str(home)
    env.pop("PREFECT_API_URL", None)
    return env


def run_cli(args: list[str], env: dict[str, str], *, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    proc = subprocess.Popen([*CLI, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(proc)
        out, err = proc.communicate()
        pytest.fail(f"cecintake {' '.join(args)} did not finish in {timeout} s\n{out}\n{err}")
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def start_cli(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen([*CLI, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def kill_group(proc: subprocess.Popen[str]) -> None:
    """SIGKILL the process and every child it started (workers, forkserver, Prefect's server)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(timeout=30)

