"""The benchmark's databases: the reference data and ``size`` synthetic points (GENERATED,
NOT REAL PLACES: bench/generate.py) on SQLite (a file in a temporary folder) or PostgreSQL (a
database ``<name>_<size>`` created, and dropped again, beside the one given)."""

import random
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlmodel import Session

from api.db import make_engine, migrate
from bench.generate import generate
from seed.reference import load_reference

Origin = tuple[float, float, str | None, str]
"""A query origin: lat, lon (WGS84 degrees), its municipality's NIS code, its postcode."""


def build_sqlite(folder: Path, size: int) -> str:
    """A new SQLite database file in ``folder`` with ``size`` synthetic points; its URL."""
    url = f"sqlite:///{folder / f'bench-{size}.db'}"
    _fill(url, size)
    return url


def _server_url(base_url: str) -> sa.URL:
    """``base_url`` pointed at the server's ``postgres`` database, for CREATE/DROP DATABASE."""
    return make_url(base_url).set(database="postgres")


def build_postgresql(base_url: str, size: int) -> str:
    """A new PostgreSQL database ``<base database>_<size>`` (dropped first if it exists) on
    the server of ``base_url`` (``postgresql+psycopg://user@host:port/name``), with ``size``
    synthetic points, vacuumed and analysed; its URL. The user must be allowed to create
    databases. Raises ``sqlalchemy.exc.OperationalError`` when the server does not answer."""
    url = make_url(base_url)
    name = f"{url.database}_{size}"
    drop_postgresql(base_url, size)
    server = sa.create_engine(_server_url(base_url), isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    server.dispose()
    target = url.set(database=name).render_as_string(hide_password=False)
    _fill(target, size)
    # Fresh statistics and visibility map: the planner and index-only scans see the data as
    # a server that has run for a while would.
    engine = sa.create_engine(target, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text("VACUUM ANALYZE"))
    engine.dispose()
    return target


def drop_postgresql(base_url: str, size: int) -> None:
    """Drop the database ``build_postgresql`` made for ``size``, if it exists."""
    name = f"{make_url(base_url).database}_{size}"
    server = sa.create_engine(_server_url(base_url), isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    server.dispose()


def _fill(url: str, size: int) -> None:
    engine = make_engine(url)
    migrate(engine)
    with Session(engine) as session:
        load_reference(session=session)
        session.commit()
    generate(engine, size)
    engine.dispose()


def origins(url: str, count: int) -> list[Origin]:
    """``count`` random real postcode centroids of Brussels and Wallonia (the same ones on
    every engine: ordered rows, fixed seed) as query origins."""
    engine = make_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT p.lat, p.lon, p.nis_code, p.postcode FROM postcode p "
                "JOIN municipality m ON m.nis_code = p.nis_code "
                "WHERE m.region IN ('brussels', 'wallonia') ORDER BY p.id"
            )
        ).all()
    engine.dispose()
    rng = random.Random(7)
    return [(row[0], row[1], row[2], row[3]) for row in (rng.choice(rows) for _ in range(count))]


def access_point_ids(url: str, count: int) -> list[str]:
    """``count`` random ids of located synthetic access points (fixed seed)."""
    engine = make_engine(url)
    with engine.connect() as conn:
        ids = list(
            conn.execute(
                sa.text(
                    "SELECT id FROM access_point WHERE id LIKE 'synthetic-%' "
                    "AND lat IS NOT NULL ORDER BY id"
                )
            ).scalars()
        )
    engine.dispose()
    rng = random.Random(11)
    return [rng.choice(ids) for _ in range(count)]
