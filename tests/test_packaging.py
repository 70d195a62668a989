"""`pip install .` into a clean virtual environment: `cecintake --help` and an ingest work,
and `flows`/`extractors` import as `cecintake.flows`/`cecintake.extractors` from the wheel.

The clean environment reuses the already-installed third-party dependencies (through a
.pth line pointing at this interpreter's site-packages, which does not activate the
editable install's finder) so the test checks *our* packaging without downloading."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel_env(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    dist = work / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                    str(dist), str(ROOT)], check=True, cwd=work)
    (wheel,) = dist.glob("cecintake-*.whl")
    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    purelib = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    (Path(purelib) / "deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "-q", str(wheel)],
                   check=True, cwd=work)
    return env_dir


def _run(env_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": "", "CECINTAKE_HOME": str(cwd / ".home")}
    return subprocess.run([str(env_dir / "bin" / "cecintake"), *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=300)


def test_wheel_modules_come_from_the_wheel_not_the_checkout(wheel_env: Path, tmp_path: Path) -> None:
    code = ("import cecintake.flows.intake as f, cecintake.extractors.reading as r, cecintake.rules as ru;"
            "print(f.__file__); print(r.__file__); print(ru.load_policy().version)")
    out = subprocess.run([str(wheel_env / "bin" / "python"), "-c", code], capture_output=True, text=True,
                         cwd=tmp_path, env={**os.environ, "PYTHONPATH": ""}, check=True).stdout
    files = out.splitlines()[:2]
    assert all(str(wheel_env) in f for f in files), files
    # the workers' warm-up document ships in the wheel (without it, each worker's first PDFs pay)
    shipped = subprocess.run([str(wheel_env / "bin" / "python"), "-c",
                              "from importlib.resources import files; "
                              "print(len(files('cecintake').joinpath('warmup.pdf').read_bytes()))"],
                             capture_output=True, text=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": ""})
    assert shipped.returncode == 0 and int(shipped.stdout) > 1000, shipped.stderr


def test_wheel_cli_help_and_ingest(wheel_env: Path, tmp_path: Path) -> None:
    from fixtures.generate import generate, write_manifest, write_roster

    help_ = _run(wheel_env, "--help", cwd=tmp_path)
    assert help_.returncode == 0 and "ingest" in help_.stdout
    samples = generate(tmp_path / "in", count=2, seed=3, kinds=["training_certificate"])
    write_roster(tmp_path / "in" / "ROSTER.csv", samples)
    write_manifest(tmp_path / "in" / "MANIFEST.csv", samples)
    assert _run(wheel_env, "certificants", "import", "in/ROSTER.csv", cwd=tmp_path).returncode == 0
    ingest = _run(wheel_env, "ingest", "--manifest", "in/MANIFEST.csv", "--workers", "1", "--no-progress",
                  cwd=tmp_path)
    assert ingest.returncode == 0, ingest.stderr
    export = _run(wheel_env, "export", cwd=tmp_path)
    assert export.stdout.count("\n") == 2
    assert '"status": "failed"' not in export.stdout, export.stdout
