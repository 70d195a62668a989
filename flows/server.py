"""A Prefect server of our own on loopback, for what the temporary in-process server
cannot do (serve schedules; be shared by workers). Started as a child process with its
output in a log file, stopped (terminate, then kill) on exit."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(api_url: str, *, timeout: float, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the Prefect server exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{api_url}/health", timeout=2) as r:  # noqa: S310 - loopback only
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the Prefect server at {api_url} did not answer within {timeout:.0f} s")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


@contextmanager
def local_server(*, prefect_home: Path, log_path: Path, database_url: str | None = None, port: int | None = None,
                 timeout: float = 180.0, env: dict[str, str] | None = None) -> Iterator[str]:
    """Run ``prefect server start`` on 127.0.0.1; yields its API URL."""
    port = port or free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    child_env = dict(env if env is not None else os.environ)
    child_env.pop("PREFECT_API_URL", None)
    child_env.update({"PREFECT_HOME": str(prefect_home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
                      "PREFECT_SERVER_API_HOST": "127.0.0.1", "PREFECT_SERVER_API_PORT": str(port),
                      "PREFECT_UI_ENABLED": child_env.get("PREFECT_UI_ENABLED", "false")})
    if database_url:
        child_env["PREFECT_API_DATABASE_CONNECTION_URL"] = database_url
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "ab") as log:
        proc = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                                 "--port", str(port)], env=child_env, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
    try:
        wait_healthy(api_url, timeout=timeout, proc=proc)
        yield api_url
    finally:
        stop(proc)
