"""SQLite and PostgreSQL give the same answers: the same real seed and the same synthetic
access points (bench/generate.py, labelled synthetic) are loaded in both, and ``nearest`` is
compared over origins, instants, modes and filters."""

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlmodel import Session

from api.db import make_engine, migrate
from api.hours import BRUSSELS
from api.models.common import Kind
from api.models.responses import Origin
from api.services.filters import AccessPointFilters
from api.services.listing import list_access_points
from api.services.nearest import OpenMode, find_nearest
from api.services.search import matching_pks, parse_search
from api.services.search_index import rebuild_search_index
from bench.generate import generate
from seed.load import seed_database
from tests.pg_available import main as pg_answers

POSTGRES = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
# A database of its own on that server (several checkouts may test at once on one server).
PARITY_DB = os.environ.get("GUICHETS_PARITY_DB", "guichets_parity")

pytestmark = pytest.mark.skipif(
    "GUICHETS_TEST_DATABASE_URL" in os.environ, reason="runs once, in the SQLite pass"
)


@pytest.fixture(scope="module")
def engines(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Engine, Engine]]:
    if pg_answers(POSTGRES) != 0:
        if os.environ.get("GUICHETS_REQUIRE_POSTGRES"):
            pytest.fail(f"PostgreSQL required but not reachable at {POSTGRES}")
        pytest.skip(f"no PostgreSQL at {POSTGRES}")
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {PARITY_DB} WITH (FORCE)"))
        conn.execute(text(f"CREATE DATABASE {PARITY_DB}"))
    postgres = make_engine(
        make_url(POSTGRES).set(database=PARITY_DB).render_as_string(hide_password=False)
    )
    sqlite = make_engine(f"sqlite:///{Path(tmp_path_factory.mktemp('parity')) / 'parity.db'}")
    for engine in (sqlite, postgres):
        migrate(engine)
        with Session(engine) as session:
            seed_database(session=session, now=datetime(2026, 11, 1, tzinfo=BRUSSELS))
        generate(engine, 3000)
        with engine.begin() as conn:  # the generator writes raw SQL: index its rows
            rebuild_search_index(connection=conn)
    yield sqlite, postgres
    postgres.dispose()
    sqlite.dispose()
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {PARITY_DB} WITH (FORCE)"))
    admin.dispose()


def answers(
    engine: Engine, at: datetime, mode: OpenMode, filters: AccessPointFilters, q: str | None = None
) -> list[object]:
    out: list[object] = []
    search = parse_search(q)
    with Session(engine) as session:
        for lat, lon, nis in [
            (50.8759, 4.3484, "21004"),
            (50.4669, 4.8675, "92094"),
            (50.6326, 5.5797, "62063"),
        ]:
            result = find_nearest(
                session=session,
                origin=Origin(lat=lat, lon=lon, source="coordinates", nis_code=nis),
                at=at,
                open_mode=mode,
                limit=15,
                max_distance_m=30_000,
                filters=filters,
                matching=matching_pks(session=session, query=search) if search else None,
            )
            out.append(
                [
                    (
                        i.access_point.id,
                        i.distance_m,
                        i.opening.state,
                        i.opening.closes_at,
                        i.opening.next_opens_at,
                    )
                    for i in result.items
                ]
            )
    return out


@pytest.mark.parametrize(
    "at",
    [datetime(2026, 11, 23, 10, 0, tzinfo=BRUSSELS), datetime(2026, 11, 22, 3, 0, tzinfo=BRUSSELS)],
)
@pytest.mark.parametrize("mode", [OpenMode.NOW, OpenMode.ANY])
@pytest.mark.parametrize(
    "filters", [AccessPointFilters(), AccessPointFilters(kind=Kind.EPN, language="nl")]
)
def test_same_nearest_on_both_engines(
    engines: tuple[Engine, Engine], at: datetime, mode: OpenMode, filters: AccessPointFilters
) -> None:
    sqlite, postgres = engines
    expected = answers(sqlite, at, mode, filters)
    if mode is OpenMode.ANY or filters == AccessPointFilters():
        assert any(expected)  # (Dutch-speaking EPN open on a Sunday at 03:00: rightly none)
    assert answers(postgres, at, mode, filters) == expected


SEARCHES = [
    "OCMW",
    "chômage",
    "werkloosheid synthétique",
    "mutu",
    "impôts",
    "Saint-Gilles",
    "jeugd",
]


@pytest.mark.parametrize("q", SEARCHES)
def test_same_text_search_on_both_engines(engines: tuple[Engine, Engine], q: str) -> None:
    """The same matches in the same ranked order, page after page, and the same nearest."""
    sqlite, postgres = engines
    at = datetime(2026, 11, 23, 10, 0, tzinfo=BRUSSELS)

    def ranked(engine: Engine) -> list[str]:
        found: list[str] = []
        cursor = None
        with Session(engine) as session:
            while True:
                page = list_access_points(
                    session=session,
                    filters=AccessPointFilters(),
                    at=at,
                    open_at=None,
                    limit=100,
                    cursor=cursor,
                    search=parse_search(q),
                )
                found += [item.id for item in page.items]
                cursor = page.next_cursor
                if cursor is None:
                    return found

    expected = ranked(sqlite)
    assert expected
    assert ranked(postgres) == expected
    nearest = answers(sqlite, at, OpenMode.ANY, AccessPointFilters(), q)
    assert answers(postgres, at, OpenMode.ANY, AccessPointFilters(), q) == nearest
