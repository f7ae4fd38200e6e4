"""Test fixtures: one migrated and seeded database per run (SQLite by default, PostgreSQL
when ``GUICHETS_TEST_DATABASE_URL`` says so), each test inside its own transaction that is
rolled back, and a fixed clock."""

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlmodel import Session

from api.clock import get_now
from api.config import Settings, get_settings
from api.db import get_session, make_engine, migrate
from api.hours import BRUSSELS
from api.main import create_app
from seed.load import SeedReport, seed_database
from seed.reference import load_reference

# A Monday morning in November 2026, not a holiday.
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=BRUSSELS)


def _database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = os.environ.get("GUICHETS_TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"


@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A fresh, migrated schema (on PostgreSQL, the dedicated test database is emptied
    first)."""
    url = _database_url(tmp_path_factory)
    engine = make_engine(url)
    if engine.dialect.name == "postgresql":
        # A dedicated test database: start from an empty schema, functions and triggers too.
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def seed_report(engine: Engine) -> SeedReport:
    """The report of the one seed run of the test session."""
    with Session(engine) as session:
        return seed_database(session=session, now=NOW)


@pytest.fixture
def session(engine: Engine, seed_report: SeedReport) -> Iterator[Session]:
    """A session inside a transaction that is rolled back after the test, whatever the test
    committed (commits become savepoints)."""
    connection = engine.connect()
    transaction = connection.begin()
    with Session(bind=connection, join_transaction_mode="create_savepoint") as session:
        yield session
    transaction.rollback()
    connection.close()


@pytest.fixture
def app(engine: Engine, session: Session) -> FastAPI:
    """The app on the test database, with the test's session and the fixed clock."""
    application = create_app(Settings(database_url=str(engine.url), seed_on_startup=False))
    application.dependency_overrides[get_session] = lambda: session
    application.dependency_overrides[get_now] = lambda: NOW
    return application


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """An HTTP client talking to the app in-process."""
    with TestClient(app) as test_client:
        yield test_client


DATA = Path(__file__).parent / "data"


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[Engine]:
    """A second SQLite database, migrated, with postcodes and municipalities but no places."""
    engine = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    migrate(engine)
    with Session(engine) as session:
        load_reference(session=session)
        session.commit()
    yield engine
    engine.dispose()


@pytest.fixture
def cli_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """An empty SQLite file that the ``guichets`` command (run in-process) works on."""
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    yield url
    get_settings.cache_clear()


@pytest.fixture
def cli_reference_database(cli_database: str) -> str:
    """Like ``cli_database``, migrated, with postcodes and municipalities but no places."""
    engine = make_engine(cli_database)
    migrate(engine)
    with Session(engine) as session:
        load_reference(session=session)
        session.commit()
    engine.dispose()
    return cli_database
