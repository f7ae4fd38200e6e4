"""Several API processes on one PostgreSQL, and crashes: real uvicorn processes."""

import os
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlmodel import Session

from api.db import make_engine
from api.models import Role
from api.services.keys import create_key
from tests.system.servers import Server, postgres_database

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        "GUICHETS_TEST_DATABASE_URL" in os.environ, reason="runs once, in the SQLite pass"
    ),
]


def admin_key(database_url: str) -> str:
    engine = make_engine(database_url)
    with Session(engine) as session:
        key = create_key(
            session=session,
            name=f"system-{os.getpid()}-{id(engine)}",
            role=Role.ADMIN,
            organization_id=None,
            now=datetime.now(UTC),
        )[1]
    engine.dispose()
    return key


@pytest.fixture
def two_servers() -> Iterator[tuple[Server, Server, str]]:
    with postgres_database("guichets_processes") as url:
        first, second = Server(url), Server(url)
        # Both start at once on the empty database: one migrates and seeds, the other waits.
        starters = [threading.Thread(target=s.start) for s in (first, second)]
        for t in starters:
            t.start()
        for t in starters:
            t.join()
        try:
            yield first, second, url
        finally:
            first.stop()
            second.stop()


def test_a_change_through_one_process_is_seen_by_the_other(
    two_servers: tuple[Server, Server, str],
) -> None:
    first, second, url = two_servers
    key = {"Authorization": f"Bearer {admin_key(url)}"}
    status, headers, _ = second.request("GET", "/v1/access-points/cpas-schaerbeek")
    assert status == 200 and headers["etag"] == '"1"'
    status, headers, _ = first.request(
        "PATCH",
        "/v1/access-points/cpas-schaerbeek",
        {"email": "accueil@example.org"},
        {**key, "If-Match": '"1"'},
    )
    assert status == 200 and headers["etag"] == '"2"'
    status, headers, after = second.request("GET", "/v1/access-points/cpas-schaerbeek")
    assert headers["etag"] == '"2"' and after["email"] == "accueil@example.org"
    status, _, _ = first.request(
        "POST",
        "/v1/access-points/cpas-schaerbeek/closures",
        {"start": "2026-11-23", "end": "2026-11-23", "reason": "Grève"},
        key,
    )
    assert status == 201
    _, _, near = second.request(
        "GET", "/v1/access-points/nearest?postcode=1030&at=2026-11-23T10:00&limit=100"
    )
    assert "cpas-schaerbeek" not in {i["access_point"]["id"] for i in near["items"]}
    # No duplicate seed although both processes started on the empty database.
    engine = make_engine(url)
    with engine.connect() as conn:
        assert (
            conn.execute(
                text("SELECT count(*) FROM access_point WHERE id = 'cpas-schaerbeek'")
            ).scalar()
            == 1
        )
    engine.dispose()


def _write_until_killed(
    server: Server, key: str, acknowledged: list[str], worker: int, stop: threading.Event
) -> None:
    n = 0
    while not stop.is_set():
        n += 1
        body: dict[str, Any] = {
            "kind": "guichet",
            "organization_id": "actiris",
            "names": {"fr": f"Point de test {worker}-{n} (synthétique)"},
            "address": {"postcode": "1210", "nis_code": "21014"},
        }
        try:
            status, _, data = server.request(
                "POST", "/v1/access-points", body, {"Authorization": f"Bearer {key}"}
            )
        except OSError:
            return
        if status == 201:
            acknowledged.append(data["id"])


def _crash_and_check(url: str) -> None:
    server = Server(url).start()
    key = admin_key(url)
    acknowledged: list[str] = []
    stop = threading.Event()
    writers = [
        threading.Thread(target=_write_until_killed, args=(server, key, acknowledged, w, stop))
        for w in range(4)
    ]
    for t in writers:
        t.start()
    deadline = time.monotonic() + 60
    while len(acknowledged) < 40 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(acknowledged) >= 40, "the server acknowledged too few writes before the kill"
    server.kill()
    stop.set()
    for t in writers:
        t.join()
    restarted = Server(url).start()
    try:
        for access_point_id in acknowledged:
            status, _, _ = restarted.request("GET", f"/v1/access-points/{access_point_id}")
            assert status == 200, f"acknowledged write {access_point_id} was lost"
    finally:
        restarted.stop()
    engine = make_engine(url)
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        changes = conn.execute(
            text("SELECT count(*) FROM change WHERE changed_by LIKE 'system-%'")
        ).scalar()
        assert changes is not None and changes >= len(acknowledged)
    engine.dispose()


def test_acknowledged_writes_survive_sigkill_on_sqlite(tmp_path: Path) -> None:
    _crash_and_check(f"sqlite:///{tmp_path / 'crash.db'}")


def test_acknowledged_writes_survive_sigkill_on_postgresql() -> None:
    with postgres_database("guichets_crash") as url:
        _crash_and_check(url)
