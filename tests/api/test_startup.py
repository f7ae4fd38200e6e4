"""First start creates and seeds the embedded database; later starts keep it as it is."""

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import text

from api.config import Settings
from api.db import make_engine
from api.main import create_app


def _counts(url: str) -> tuple[int, int, int, str]:
    engine = make_engine(url)
    with engine.connect() as conn:
        counts = tuple(
            conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            for table in ("access_point", "postcode", "organization")
        )
        newest = conn.execute(text("SELECT max(updated_at) FROM access_point")).scalar_one()
    engine.dispose()
    return (*counts, str(newest))  # type: ignore[return-value]


def test_first_start_seeds_and_second_start_keeps(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh' / 'guichets.db'}"
    settings = Settings(database_url=url)
    with TestClient(create_app(settings)) as client:
        assert client.get("/readyz").json()["status"] == "ok"
        assert client.get("/v1/access-points/cpas-schaerbeek").status_code == 200
    first = _counts(url)
    assert first[0] == 122 and first[1] == 2781
    with TestClient(create_app(settings)) as client:
        assert client.get("/readyz").json()["status"] == "ok"
    assert _counts(url) == first


def test_readyz_says_when_the_database_is_empty(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    with TestClient(create_app(Settings(database_url=url, seed_on_startup=False))) as client:
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
