"""Database engine, schema migrations and the request-scoped session (``SessionDep``)."""

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Annotated, Any

from alembic import command
from alembic.config import Config
from fastapi import Depends, Request
from sqlalchemy import Engine, event
from sqlalchemy.engine import make_url
from sqlmodel import Session, create_engine
from starlette.concurrency import run_in_threadpool

MIGRATIONS = Path(__file__).parent / "migrations"
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
BUSY_TIMEOUT_MS = 10_000
"""How long an SQLite write waits for the write lock (one writer at a time) before giving
up with ``database is locked`` (then a 503 with ``Retry-After``, see ``api.errors``)."""
_IMMEDIATE = "guichets_sqlite_immediate"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's own implicit transactions break SAVEPOINT; SQLAlchemy's documented recipe is
    # to turn them off and emit BEGIN ourselves (see _sqlite_begin).
    dbapi_connection.isolation_level = None
    # WAL so that readers never wait for a writer and a committed write survives a crash;
    # foreign keys are off by default in SQLite.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    # A deferred BEGIN reads first and asks for the write lock at its first write: if another
    # connection wrote in between, SQLite cannot wait (its snapshot is stale) and fails at
    # once with "database is locked". A transaction that will write takes the lock at its
    # start instead (BEGIN IMMEDIATE), waiting up to the busy timeout for it; readers, in WAL
    # mode, never wait and are never waited for.
    if connection.get_execution_options().get(_IMMEDIATE):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("BEGIN")


def make_engine(database_url: str, *, echo: bool = False) -> Engine:
    """Create the engine for ``database_url`` (``sqlite:///file.db`` or
    ``postgresql+psycopg://...``). For SQLite the parent folder is created and WAL mode,
    foreign keys and a busy timeout (``BUSY_TIMEOUT_MS``) are set on every connection, and
    transactions begin with ``BEGIN`` (``BEGIN IMMEDIATE`` on ``writing(engine)``)."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True)


def alembic_config(engine: Engine) -> Config:
    """An Alembic configuration bound to ``engine`` (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision (idempotent)."""
    command.upgrade(alembic_config(engine), "head")


def writing(engine: Engine) -> Engine:
    """``engine`` for transactions that write: on SQLite they begin with ``BEGIN IMMEDIATE``
    and so wait for the write lock (up to ``BUSY_TIMEOUT_MS``) instead of failing when
    another writer got it first (SQLAlchemy's documented pysqlite recipe: the ``begin``
    event emits our own BEGIN). Same pool as ``engine``; on PostgreSQL nothing differs."""
    return engine.execution_options(**{_IMMEDIATE: True})


async def get_session(request: Request) -> AsyncIterator[Session]:
    """FastAPI dependency: one session per request on the app's engine; for a request that
    may write (``WRITE_METHODS``), on its ``writing`` form, so that concurrent editors queue
    for SQLite's write lock instead of failing. Reads are never serialized.

    Async without blocking: a session opens no connection until it is used (in the
    endpoint's worker thread); giving a used connection back (its rollback: I/O) happens in
    a worker thread too, so neither costs the event loop nor a thread hop when unneeded."""
    engine = request.app.state.engine
    if request.method in WRITE_METHODS:
        engine = request.app.state.write_engine
    session = Session(engine)
    try:
        yield session
    finally:
        if session.in_transaction():
            await run_in_threadpool(session.close)
        else:
            session.close()


SessionDep = Annotated[Session, Depends(get_session)]
