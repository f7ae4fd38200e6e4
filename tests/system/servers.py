"""Real API processes for system tests: uvicorn started on a free loopback port."""

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from api.server import PROTOCOL
from tests.pg_available import main as pg_answers

POSTGRES = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """One ``uvicorn api.main:create_app`` process on ``database_url``."""

    def __init__(
        self, database_url: str, *, workers: int = 1, env: dict[str, str] | None = None
    ) -> None:
        self.database_url = database_url
        self.port = free_port()
        self.workers = workers
        self.env = env or {}
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 60) -> "Server":
        """Start it as ``guichets serve`` does (``api.server``'s protocol and timeouts,
        ``workers`` processes) and wait until /readyz answers ok."""
        env = {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "GUICHETS_SEED_ON_STARTUP": "true",
            **self.env,
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "api.main:create_app",
                "--factory",
                "--port",
                str(self.port),
                "--workers",
                str(self.workers),
                "--http",
                PROTOCOL,
                "--log-level",
                "warning",
            ],
            env=env,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                status, _, _ = self.request("GET", "/readyz")
                if status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"server on {self.database_url} did not become ready")

    def request(
        self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], Any]:
        """One HTTP request; returns (status, headers, JSON body or None)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        payload = json.dumps(body).encode() if body is not None else None
        all_headers = {"Content-Type": "application/json", **(headers or {})}
        conn.request(method, path, body=payload, headers=all_headers)
        response = conn.getresponse()
        raw = response.read()
        conn.close()
        data = (
            json.loads(raw)
            if raw and response.getheader("content-type", "").startswith("application/json")
            else None
        )
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flush, as in a crash."""
        assert self.process is not None
        self.process.kill()
        self.process.wait(10)

    def stop(self) -> None:
        """Terminate normally."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


@contextmanager
def postgres_database(name: str) -> Iterator[str]:
    """A fresh PostgreSQL database on the test server, dropped afterwards; skips the test
    when no server answers (fails instead when GUICHETS_REQUIRE_POSTGRES is set)."""
    import pytest

    if pg_answers(POSTGRES) != 0:
        if os.environ.get("GUICHETS_REQUIRE_POSTGRES"):
            pytest.fail(f"PostgreSQL required but not reachable at {POSTGRES}")
        pytest.skip(f"no PostgreSQL at {POSTGRES}")
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        conn.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield make_url(POSTGRES).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()
