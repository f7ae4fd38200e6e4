"""Database engine, schema migrations and the request-scoped session (``SessionDep``)."""

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

from alembic import command
from alembic.config import Config
from fastapi import Depends, Request
from sqlalchemy import Engine, event
from sqlalchemy.engine import make_url
from sqlmodel import Session, create_engine

MIGRATIONS = Path(__file__).parent / "migrations"


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
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


def make_engine(database_url: str, *, echo: bool = False) -> Engine:
    """Create the engine for ``database_url`` (``sqlite:///file.db`` or
    ``postgresql+psycopg://...``). For SQLite the parent folder is created and WAL mode,
    foreign keys and a 5 s busy timeout are set on every connection."""
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


def get_session(request: Request) -> Iterator[Session]:
    """FastAPI dependency: one session per request on the app's engine."""
    with Session(request.app.state.engine) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
