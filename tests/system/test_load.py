"""Under load and attack, on real uvicorn processes (two workers, as ``guichets serve
--workers 2``), on SQLite and on PostgreSQL:

- concurrent editors: 4 writers x 100 changes on different rows and 2 writers racing on one
  row, while readers query ``nearest``: no 5xx, every acknowledged write is there, every loser
  of a race gets a 412;
- slow clients: exports that nobody reads hold no database connection;
- slow headers: a connection that never finishes its request is closed.

Bounded: every loop has a fixed count, every wait a deadline (about a minute per engine).
"""

import os
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from api.models import AccessPoint
from tests.system.servers import Server, postgres_database
from tests.system.test_processes import admin_key

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        "GUICHETS_TEST_DATABASE_URL" in os.environ, reason="runs once, in the SQLite pass"
    ),
]

WRITERS = 4
WRITES = 100
RACE_ROUNDS = 40
READERS = 2
HEADER_TIMEOUT_S = 2.0


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """Two workers on a fresh, seeded database of each engine, shared by this module's
    tests (in file order: the export test adds rows)."""
    env = {"GUICHETS_REQUEST_HEADER_TIMEOUT_S": str(HEADER_TIMEOUT_S)}
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('load') / 'load.db'}"
        running = Server(url, workers=2, env=env).start()
        try:
            yield running
        finally:
            running.stop()
        return
    with postgres_database("guichets_load") as url:
        running = Server(url, workers=2, env=env).start()
        try:
            yield running
        finally:
            running.stop()


class Tally:
    """What the clients saw, shared by their threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.server_errors: list[str] = []
        self.unexpected: list[str] = []

    def check(self, what: str, status: int, body: Any, expected: set[int]) -> None:
        with self.lock:
            if status >= 500:
                self.server_errors.append(f"{what}: {status} {body}")
            elif status not in expected:
                self.unexpected.append(f"{what}: {status} {body}")


def _writer(
    server: Server, key: str, row: str, tally: Tally, acknowledged: list[str], worker: int
) -> None:
    _, headers, _ = server.request("GET", f"/v1/access-points/{row}")
    version = headers["etag"]
    for n in range(WRITES):
        text_ = f"writer {worker}, change {n}"
        status, headers, body = server.request(
            "PATCH",
            f"/v1/access-points/{row}",
            {"description": text_},
            {"Authorization": f"Bearer {key}", "If-Match": version},
        )
        tally.check(f"write {worker}/{n}", status, body, {200})
        if status == 200:
            version = headers["etag"]
            acknowledged.append(text_)


def _racer(
    server: Server,
    key: str,
    row: str,
    tally: Tally,
    barrier: threading.Barrier,
    versions: list[str],
    outcomes: list[list[tuple[int, str]]],
    racer: int,
) -> None:
    for n in range(RACE_ROUNDS):
        barrier.wait(30)  # both start each round from the same version
        text_ = f"racer {racer}, round {n}"
        status, headers, body = server.request(
            "PATCH",
            f"/v1/access-points/{row}",
            {"description": text_},
            {"Authorization": f"Bearer {key}", "If-Match": versions[n]},
        )
        tally.check(f"race {racer}/{n}", status, body, {200, 412})
        outcomes[n].append((status, text_))
        if status == 200:
            versions.append(headers["etag"])
        barrier.wait(30)


def _reader(server: Server, tally: Tally, stop: threading.Event, count: list[int]) -> None:
    while not stop.is_set():
        status, _, body = server.request(
            "GET", "/v1/access-points/nearest?postcode=1030&open=any&limit=20"
        )
        tally.check("nearest", status, body, {200})
        count[0] += 1


def test_concurrent_editors_lose_nothing_and_losers_get_412(server: Server) -> None:
    key = admin_key(server.database_url)
    _, _, listed = server.request("GET", "/v1/access-points?kind=guichet&limit=5")
    rows = [item["id"] for item in listed["items"]]
    assert len(rows) == WRITERS + 1
    writer_rows, race_row = rows[:WRITERS], rows[WRITERS]
    tally = Tally()
    acknowledged: list[list[str]] = [[] for _ in range(WRITERS)]
    _, headers, _ = server.request("GET", f"/v1/access-points/{race_row}")
    versions = [headers["etag"]]
    outcomes: list[list[tuple[int, str]]] = [[] for _ in range(RACE_ROUNDS)]
    barrier = threading.Barrier(2)
    stop = threading.Event()
    reads = [0]
    threads = [
        threading.Thread(
            target=_writer, args=(server, key, row, tally, acknowledged[w], w), daemon=True
        )
        for w, row in enumerate(writer_rows)
    ]
    threads += [
        threading.Thread(
            target=_racer,
            args=(server, key, race_row, tally, barrier, versions, outcomes, r),
            daemon=True,
        )
        for r in range(2)
    ]
    readers = [
        threading.Thread(target=_reader, args=(server, tally, stop, reads), daemon=True)
        for _ in range(READERS)
    ]
    started = time.monotonic()
    for thread in threads + readers:
        thread.start()
    for thread in threads:
        thread.join(240)
        assert not thread.is_alive(), "a writer did not finish within 4 minutes"
    stop.set()
    for thread in readers:
        thread.join(60)
    elapsed = time.monotonic() - started

    assert tally.server_errors == [], tally.server_errors[:5]
    assert tally.unexpected == [], tally.unexpected[:5]
    assert reads[0] > 0
    # Every change of every writer was acknowledged, and is there.
    for worker, row in enumerate(writer_rows):
        assert len(acknowledged[worker]) == WRITES
        _, headers, current = server.request("GET", f"/v1/access-points/{row}")
        assert current["description"] == acknowledged[worker][-1]
        _, _, history = server.request("GET", f"/v1/access-points/{row}/history")
        recorded = [c["changes"]["description"]["after"] for c in history[1:]]
        assert recorded[-WRITES:] == acknowledged[worker]
    # Each round of the race: exactly one winner, whose change is the one kept; the loser 412.
    for n, outcome in enumerate(outcomes):
        assert sorted(status for status, _ in outcome) == [200, 412], (n, outcome)
    winners = [text_ for outcome in outcomes for status, text_ in outcome if status == 200]
    _, _, history = server.request("GET", f"/v1/access-points/{race_row}/history")
    assert [c["changes"]["description"]["after"] for c in history[-RACE_ROUNDS:]] == winners
    assert versions[-1] == f'"{int(versions[0].strip(chr(34))) + RACE_ROUNDS}"'
    print(f"{WRITERS * WRITES + 2 * RACE_ROUNDS} writes and {reads[0]} reads in {elapsed:.1f} s")


def _open_unread_export(port: int) -> socket.socket:
    client = socket.socket()
    # A tiny receive window: the server's writes soon wait on this client.
    client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 2048)
    client.connect(("127.0.0.1", port))
    client.sendall(b"GET /v1/export/access-points.csv HTTP/1.1\r\nHost: test\r\n\r\n")
    assert client.recv(12) == b"HTTP/1.1 200"
    return client


def _settles_to_no_open_transaction(database_url: str, within_s: float) -> bool:
    """True when, within ``within_s`` seconds, the server's connections show no open
    transaction ("idle in transaction") in five samples in a row."""
    engine = create_engine(database_url)
    deadline, quiet = time.monotonic() + within_s, 0
    try:
        while time.monotonic() < deadline and quiet < 5:
            with engine.connect() as conn:
                waiting = conn.execute(
                    text(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        " AND state = 'idle in transaction'"
                    )
                ).scalar()
            quiet = quiet + 1 if waiting == 0 else 0
            time.sleep(0.2)
    finally:
        engine.dispose()
    return quiet >= 5


def _copy_access_points(database_url: str, copies: int) -> int:
    """Synthetic rows for a large export: each access point ``copies`` more times, ids
    suffixed ``-synthetic-N`` (raw SQL, the same on both engines). Returns the total."""
    engine = create_engine(database_url)
    columns = [c.name for c in AccessPoint.__table__.columns if c.name != "pk"]  # type: ignore[attr-defined]
    values = [
        "access_point.id || '-synthetic-' || CAST(copy.n AS VARCHAR)" if name == "id" else name
        for name in columns
    ]
    with engine.begin() as conn:
        conn.execute(
            text(
                "WITH RECURSIVE copy(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM copy "
                f"WHERE n < {copies}) INSERT INTO access_point ({', '.join(columns)}) "
                f"SELECT {', '.join(values)} FROM access_point CROSS JOIN copy "
                "WHERE access_point.id NOT LIKE '%-synthetic-%'"
            )
        )
        total = conn.execute(text("SELECT count(*) FROM access_point")).scalar()
    engine.dispose()
    assert total is not None
    return int(total)


def test_exports_nobody_reads_hold_no_database_connection(server: Server) -> None:
    # Several megabytes of export, so that each stream soon waits on its client.
    assert _copy_access_points(server.database_url, 20) > 2000
    clients = [_open_unread_export(server.port) for _ in range(40)]
    try:
        time.sleep(1)
        started = time.monotonic()
        status, _, _ = server.request("GET", "/v1/access-points?limit=50")
        assert status == 200 and time.monotonic() - started < 5
        if server.database_url.startswith("postgresql"):
            # Batches being read right now are in a transaction for a moment; once every
            # stream waits on its client, none may be.
            assert _settles_to_no_open_transaction(server.database_url, within_s=30)
    finally:
        for client in clients:
            client.close()
    # The streams of the clients gone are ended; the server goes on answering.
    time.sleep(0.5)
    assert server.request("GET", "/healthz")[0] == 200


def test_half_sent_requests_are_closed(server: Server) -> None:
    silent = socket.create_connection(("127.0.0.1", server.port))
    half = socket.create_connection(("127.0.0.1", server.port))
    half.sendall(b"GET /v1/themes HTTP/1.1\r\nHost: test\r\nX-Slow: ")
    trickle = socket.create_connection(("127.0.0.1", server.port))
    trickle.sendall(b"GET /v1/themes HTTP/1.1\r\nHost: test\r\nX-Slow: ")
    started = time.monotonic()
    try:
        # A byte every half second resets uvicorn's keep-alive timer, not our deadline.
        with pytest.raises(OSError):
            for _ in range(int(4 * HEADER_TIMEOUT_S / 0.5)):
                trickle.sendall(b"a")
                time.sleep(0.5)
        assert time.monotonic() - started < 3 * HEADER_TIMEOUT_S
        half.settimeout(3 * HEADER_TIMEOUT_S)
        assert half.recv(100).startswith(b"HTTP/1.1 408")
        silent.settimeout(3 * HEADER_TIMEOUT_S)
        assert silent.recv(100) == b""  # closed, nothing said: nothing was asked
        assert server.request("GET", "/healthz")[0] == 200
    finally:
        for client in (silent, half, trickle):
            client.close()
