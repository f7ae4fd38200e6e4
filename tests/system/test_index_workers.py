"""Freshness of the in-memory nearest index across worker processes: a write acknowledged by
one process (or made by any other writer) is in the very next ``nearest`` answer of another
process, well within the documented bound of one second. Real uvicorn processes, each with
its own index, on one database (SQLite file, and PostgreSQL when it answers)."""

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from api.db import make_engine
from tests.system.servers import Server, postgres_database
from tests.system.test_processes import admin_key

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        "GUICHETS_TEST_DATABASE_URL" in os.environ, reason="runs once, in the SQLite pass"
    ),
]

# Near the Gare du Nord in Brussels; open=any: the answer does not depend on the real clock,
# and without `at` the servers answer from their index (at = now).
NEAREST = "/v1/access-points/nearest?lat=50.8598&lon=4.3610&open=any&limit=5"
BOUND_S = 1.0


def _ids(server: Server) -> list[str]:
    status, _, body = server.request("GET", NEAREST)
    assert status == 200, body
    return [item["access_point"]["id"] for item in body["items"]]


def _check_freshness(url: str, first: Server, second: Server) -> None:
    # Both processes answer once: each has built its index.
    before = _ids(first)
    assert _ids(second) == before and before
    gone = before[0]
    key = admin_key(url)
    status, headers, _ = first.request("GET", f"/v1/access-points/{gone}")
    assert status == 200
    status, _, _ = first.request(
        "DELETE",
        f"/v1/access-points/{gone}",
        headers={"Authorization": f"Bearer {key}", "If-Match": headers["etag"]},
    )
    acknowledged = time.monotonic()
    assert status == 200
    # The next answer of the other process already leaves it out.
    after = _ids(second)
    seen_within = time.monotonic() - acknowledged
    assert gone not in after
    assert seen_within < BOUND_S
    assert _ids(first) == after

    # A write by a third process, outside the API (as an import or a script makes one):
    # the triggers of migration 0008 advance the sequence all the same.
    moved = after[0]
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE access_point SET status = 'inactive' WHERE id = :id"), {"id": moved}
        )
    engine.dispose()
    written = time.monotonic()
    for server in (second, first):
        assert moved not in _ids(server)
    assert time.monotonic() - written < 2 * BOUND_S


def test_a_write_is_in_the_next_nearest_answer_of_another_process_sqlite(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'workers.db'}"
    first = Server(url).start()  # migrates and seeds
    second = Server(url).start()
    try:
        _check_freshness(url, first, second)
    finally:
        first.stop()
        second.stop()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with postgres_database("guichets_index_workers") as url:
        yield url


def test_a_write_is_in_the_next_nearest_answer_of_another_process_postgresql(
    postgres_url: str,
) -> None:
    first = Server(postgres_url).start()
    second = Server(postgres_url).start()
    try:
        _check_freshness(postgres_url, first, second)
    finally:
        first.stop()
        second.stop()
