"""Shared fixtures: a database URL per backend (SQLite always; PostgreSQL on
127.0.0.1:5432 when it answers, else those cases skip with a clear message),
a project-local PREFECT_HOME, and the CLI runner."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_ADMIN_URL = os.environ.get("CECINTAKE_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _pg_available() -> str | None:
    try:
        import sqlalchemy as sa

        eng = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
        with eng.connect() as c:
            c.exec_driver_sql("select 1")
        eng.dispose()
    except Exception as exc:  # noqa: BLE001 - any failure means "not available", reported in the skip
        return f"PostgreSQL at {PG_ADMIN_URL} is not reachable ({type(exc).__name__}); PostgreSQL cases skipped"
    return None


_PG_SKIP = _pg_available()


def make_pg_database(prefix: str = "cecintake_t") -> tuple[str, callable]:
    """Create a fresh database; returns (url, drop)."""
    import sqlalchemy as sa

    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT", pool_pre_ping=True)  # may outlive a restart
    with admin.connect() as c:
        c.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"

    def drop() -> None:
        with admin.connect() as c:
            c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()

    return url, drop


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'cecintake.db'}"
        return
    if _PG_SKIP:
        pytest.skip(_PG_SKIP)
    url, drop = make_pg_database()
    try:
        yield url
    finally:
        from sqlalchemy.pool import NullPool  # noqa: F401  (engines are disposed by the tests)

        drop()


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own data directory and Prefect home."""
    home = tmp_path / "home"
    (home / "prefect").mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("CECINTAKE_HOME", str(home))
    monkeypatch.setenv("PREFECT_HOME", str(home / "prefect"))
    monkeypatch.delenv("CECINTAKE_DB_URL", raising=False)
    for key, value in {"PREFECT_LOGGING_LEVEL": "WARNING", "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL",
                       "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "OMP_THREAD_LIMIT": "1",
                       "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180"}.items():
        monkeypatch.setenv(key, value)
