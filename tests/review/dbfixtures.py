"""Database fixtures shared by tests/review and tests/web: a fresh SQLite file per test,
and one PostgreSQL database per session (``cecintake_review_<random>``, created through an
AUTOCOMMIT connection to ``test`` and dropped at the end), emptied between tests."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from cecintake.config import Settings
from cecintake.storage import open_database

PG_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432"


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    # pre-pinged: a test that restarts PostgreSQL (tests/hostile) closes this session-long pool's connection
    admin = create_engine(f"{PG_SERVER}/test", isolation_level="AUTOCOMMIT", pool_pre_ping=True,
                          connect_args={"connect_timeout": 3})
    name = f"cecintake_review_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        admin.dispose()
        pytest.skip(f"PostgreSQL at 127.0.0.1:5432 (user postgres, database test) is unreachable: {exc.orig}")
    url = f"{PG_SERVER}/{name}"
    engine = open_database(url)  # migrate once
    engine.dispose()
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _truncate(engine: Engine) -> None:
    with engine.begin() as conn:
        tables = [r[0] for r in conn.execute(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'"))]
        if tables:
            conn.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " CASCADE"))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'cecintake.db'}"
    url = request.getfixturevalue("pg_url")
    engine = open_database(url)
    _truncate(engine)
    engine.dispose()
    return url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cecintake.db'}"


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return Settings(home=tmp_path / "home", db_url=db_url)


@pytest.fixture
def engine(settings: Settings) -> Iterator[Engine]:
    eng = open_database(settings.db_url)
    yield eng
    eng.dispose()
