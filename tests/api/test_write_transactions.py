"""Transactions: SQLite writers take the write lock at BEGIN (and wait for it), readers
never wait; exports read each batch in its own short transaction; contention is answered
with a 412, a 409 or a 503, never a 500."""

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlmodel import Session

from api.config import Settings
from api.db import make_engine, writing
from api.main import create_app
from api.services import exports
from api.services.filters import AccessPointFilters
from tests.conftest import NOW


@pytest.fixture
def sqlite_file(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'lock.db'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (n INTEGER)"))
        conn.execute(text("INSERT INTO t VALUES (1)"))
    yield engine
    engine.dispose()


def test_a_writing_transaction_holds_the_write_lock_from_its_start(
    sqlite_file: Engine, tmp_path: Path
) -> None:
    with Session(writing(sqlite_file)) as writer:
        # Only a read so far: a deferred BEGIN would not hold the lock yet.
        assert writer.execute(text("SELECT n FROM t")).scalar() == 1
        other = sqlite3.connect(tmp_path / "lock.db", timeout=0, isolation_level=None)
        with pytest.raises(sqlite3.OperationalError, match="database is locked"):
            other.execute("BEGIN IMMEDIATE")
        # Readers are not held up (WAL).
        assert other.execute("SELECT n FROM t").fetchone() == (1,)
        other.close()


def test_a_reading_transaction_takes_no_lock(sqlite_file: Engine, tmp_path: Path) -> None:
    with Session(sqlite_file) as reader:
        assert reader.execute(text("SELECT n FROM t")).scalar() == 1
        other = sqlite3.connect(tmp_path / "lock.db", timeout=0, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE t SET n = 2")
        other.execute("COMMIT")
        other.close()


def test_the_second_writer_waits_for_the_first(sqlite_file: Engine) -> None:
    # A deferred transaction that read before another committed could not write at all
    # ("database is locked" at once, whatever the busy timeout); these two both succeed.
    first, second = Session(writing(sqlite_file)), Session(writing(sqlite_file))
    first.execute(text("UPDATE t SET n = n + 1"))
    first.commit()
    second.execute(text("UPDATE t SET n = n + 1"))
    second.commit()
    first.close()
    second.close()
    with sqlite_file.connect() as conn:
        assert conn.execute(text("SELECT n FROM t")).scalar() == 3


def _exported_ids(engine: Engine, *, check_between_batches: bool) -> list[str]:
    baseline = engine.pool.checkedout()  # type: ignore[attr-defined]
    lines = []
    with Session(engine) as session:
        for chunk in exports.ndjson_chunks(
            session=session, filters=AccessPointFilters(), updated_since=None, today=NOW.date()
        ):
            if check_between_batches:
                # Between batches the stream holds no connection and no transaction.
                assert engine.pool.checkedout() == baseline  # type: ignore[attr-defined]
                assert not session.in_transaction()
            lines.extend(chunk.splitlines())
    return [line.split('"id":"', 1)[1].split('"', 1)[0] for line in lines]


def test_exports_read_each_batch_in_a_short_transaction(
    engine: Engine, seed_report: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = _exported_ids(engine, check_between_batches=False)
    monkeypatch.setattr(exports, "BATCH", 7)
    batched = _exported_ids(engine, check_between_batches=True)
    assert len(whole) > 7 * 3
    assert batched == whole  # the keyset resumes exactly where each batch ended


@pytest.mark.parametrize(
    ("error", "headers", "status"),
    [
        (OperationalError("UPDATE", {}, sqlite3.OperationalError("database is locked")), {}, 503),
        (PoolTimeoutError("QueuePool limit reached"), {}, 503),
        (IntegrityError("INSERT", {}, sqlite3.IntegrityError("UNIQUE constraint failed: x")),
         {"If-Match": '"1"'}, 412),
        (IntegrityError("INSERT", {}, sqlite3.IntegrityError("UNIQUE constraint failed: x")),
         {}, 409),
    ],
)  # fmt: skip
def test_database_contention_is_a_4xx_or_a_503(
    error: Exception, headers: dict[str, str], status: int
) -> None:
    app = create_app(Settings(database_url="sqlite://", seed_on_startup=False))

    @app.post("/_contention")
    def contention() -> None:
        raise error

    response = TestClient(app).post("/_contention", headers=headers)
    assert response.status_code == status
    assert response.json()["detail"]
    if status == 503:
        assert response.headers["retry-after"] == "1"


def test_other_database_errors_stay_server_errors() -> None:
    app = create_app(Settings(database_url="sqlite://", seed_on_startup=False))

    @app.post("/_broken")
    def broken() -> None:
        raise IntegrityError("INSERT", {}, sqlite3.IntegrityError("FOREIGN KEY constraint failed"))

    assert TestClient(app, raise_server_exceptions=False).post("/_broken").status_code == 500
