"""Engine factory and schema migrations. Engines are made by the edge, never at import."""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import configure_mappers
from sqlmodel import Session, create_engine

from ..errors import StorageError

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 30_000
READ_ONLY_OPTION = "cecintake_read_only"  # an execution option: the transaction only reads


def make_engine(url: str, *, pool_size: int = 5) -> Engine:
    """An engine for ``url``. SQLite gets WAL, a busy timeout and foreign keys. The ORM's
    mappers are configured here, once a process (about 17 ms), rather than inside the first
    transaction that uses them: a worker's first document, a run's first record."""
    configure_orm()
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record) -> None:  # noqa: ANN001
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin_immediate(conn) -> None:  # noqa: ANN001
            # Take the write lock at BEGIN so two writers queue on the busy timeout
            # instead of failing with "database is locked" on lock upgrade. A read-only
            # transaction (``session_scope(read_only=True)``) begins deferred: in WAL mode it
            # reads its snapshot while a writer holds the lock, instead of queueing behind it.
            read_only = conn.get_execution_options().get(READ_ONLY_OPTION, False)
            conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

        engine.dialect._cecintake_sqlite = True  # type: ignore[attr-defined]
        _disable_pysqlite_autobegin(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=pool_size, max_overflow=pool_size)


@functools.cache
def configure_orm() -> None:
    """The ORM's mappers configured, once a process (a worker's forkserver does it before forking)."""
    from . import tables  # noqa: F401 - the mapped tables

    configure_mappers()


def _read_only(engine: Engine) -> Engine:
    """``engine`` with the read-only execution option (the same pool and listeners; ~11 µs)."""
    return engine.execution_options(**{READ_ONLY_OPTION: True})


def _disable_pysqlite_autobegin(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _no_autobegin(dbapi_conn, _record) -> None:  # noqa: ANN001
        dbapi_conn.isolation_level = None


def _alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


@functools.cache
def _head_revision() -> str | None:
    """The newest migration shipped with this code (read once a process: about 10 ms of parsing
    the migration scripts, which a run would otherwise pay each time it opens the database)."""
    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def migrate(engine: Engine) -> None:
    """Bring the schema up to date (idempotent, cheap when already current)."""
    head = _head_revision()
    try:
        with engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
        if current == head:
            return
        logging.getLogger("alembic").setLevel(logging.WARNING)
        command.upgrade(_alembic_config(engine), "head")
    except OperationalError as exc:
        raise StorageError(f"cannot reach or migrate the database: {exc.orig}",
                           hint="check --db / CECINTAKE_DB_URL") from exc


def open_database(url: str) -> Engine:
    engine = make_engine(url)
    migrate(engine)
    return engine


@contextmanager
def session_scope(engine: Engine, *, read_only: bool = False) -> Iterator[Session]:
    """One transaction: commit on success, roll back on error. ``read_only``: the transaction
    only reads, so on SQLite it does not take the write lock (it reads the last committed
    state while the workers store their documents); it must not write."""
    bind = _read_only(engine) if read_only else engine
    with Session(bind, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except SQLAlchemyError:
            session.rollback()
            raise
        except BaseException:
            session.rollback()
            raise
