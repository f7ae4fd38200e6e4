"""The ``guichets`` command: seed and migrate on a fresh embedded database."""

import sqlite3
import threading
import time

from sqlalchemy import text
from sqlmodel import Session
from typer.testing import CliRunner

from api.cli import app
from api.db import make_engine
from api.services.search import matching_pks, parse_search


def test_seed_reports_what_it_loaded_and_skipped(cli_database: str) -> None:
    runner = CliRunner()
    first = runner.invoke(app, ["seed"])
    assert first.exit_code == 0, first.output
    assert "access points created" in first.output
    assert "outreach-epn-mobile-espace-cultures-developpement" in first.output
    assert "needs an address, a location or a host venue" in first.output
    again = runner.invoke(app, ["seed"])
    assert again.exit_code == 0
    unchanged = next(line for line in again.output.splitlines() if "unchanged" in line)
    assert "122" in unchanged


def test_migrate_is_idempotent(cli_database: str) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["migrate"]).exit_code == 0
    result = runner.invoke(app, ["migrate"])
    assert result.exit_code == 0 and "schema up to date" in result.output


def test_reindex_rebuilds_the_text_search_index(cli_database: str) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["seed"]).exit_code == 0
    engine = make_engine(cli_database)
    query = parse_search("OCMW")
    assert query is not None

    def found() -> set[int]:
        with Session(engine) as session:
            return matching_pks(session=session, query=query)

    assert found()
    with engine.begin() as connection:  # as rows written by raw SQL leave it
        connection.execute(text("DELETE FROM access_point_search"))
    assert found() == set()
    result = runner.invoke(app, ["reindex"])
    assert result.exit_code == 0, result.output
    assert "search index rebuilt: 122 access points" in result.output
    assert found()
    engine.dispose()


def test_a_command_that_writes_waits_for_a_writer_instead_of_failing(
    cli_reference_database: str,
) -> None:
    # Another process (the serving API) holds SQLite's write lock, and commits while the
    # command runs: the command queues for the lock (BEGIN IMMEDIATE), as the API's writes do.
    path = cli_reference_database.removeprefix("sqlite:///")
    locked, done = threading.Event(), threading.Event()

    def other_writer() -> None:
        connection = sqlite3.connect(path, isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("UPDATE postcode SET name_fr = name_fr || '' WHERE postcode = '1000'")
        locked.set()
        time.sleep(0.5)
        connection.execute("COMMIT")
        connection.close()
        done.set()

    writer = threading.Thread(target=other_writer)
    writer.start()
    assert locked.wait(5)
    result = CliRunner().invoke(app, ["keys", "create", "--name", "ops", "--role", "admin"])
    writer.join()
    assert done.is_set()
    assert result.exit_code == 0, result.output
    assert "gk_" in result.output
