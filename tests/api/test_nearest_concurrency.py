"""``nearest`` makes at most ``Settings.nearest_concurrency`` answers at once per process: the
answer is Python work under one GIL, and more threads at it only make each slower (README,
Performance). The others wait their turn; none is refused."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import orjson
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from api.clock import get_now
from api.config import Settings
from api.db import get_session
from api.main import create_app
from api.routers import access_points
from tests.conftest import NOW


class _Counting:
    """Stands for ``answer_nearest``: takes a while and records how many run at once."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.running = 0
        self.most = 0
        self.calls = 0

    def __call__(self, **_: Any) -> bytes:
        with self.lock:
            self.running += 1
            self.calls += 1
            self.most = max(self.most, self.running)
        time.sleep(0.15)
        with self.lock:
            self.running -= 1
        return orjson.dumps({"items": []})


@pytest.mark.parametrize("concurrency", [1, 2])
def test_nearest_answers_at_most_the_configured_number_at_once(
    engine: Engine, session: Session, monkeypatch: pytest.MonkeyPatch, concurrency: int
) -> None:
    settings = Settings(
        database_url=str(engine.url), seed_on_startup=False, nearest_concurrency=concurrency
    )
    app = create_app(settings)
    app.dependency_overrides[get_session] = lambda: session
    app.dependency_overrides[get_now] = lambda: NOW
    counting = _Counting()
    monkeypatch.setattr(access_points, "answer_nearest", counting)
    with TestClient(app) as client, ThreadPoolExecutor(6) as pool:
        url = "/v1/access-points/nearest?lat=50.8466&lon=4.3528"
        statuses = list(pool.map(lambda _: client.get(url).status_code, range(6)))
    assert statuses == [200] * 6
    assert counting.calls == 6
    assert counting.most == concurrency
