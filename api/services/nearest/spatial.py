"""The spatial side of the nearest search: which located access points lie in a box.

On SQLite the R*Trees answer: ``access_point_rtree`` (lat, lon) and
``access_point_schedule_rtree`` (schedule id, lat, lon). On PostgreSQL, the contrib
``earthdistance`` GiST index on ``ll_to_earth(lat, lon)`` and, for the schedules, a GiST
index on (schedule key, ``ll_to_earth(lat, lon)``) (migration 0009). Elsewhere, a bounding
box on the ``(lat, lon)`` B-tree index. Statements are built once per filter set,
because building one costs more than the SQLite lookup it describes.
"""

from collections.abc import Callable, Hashable, Iterable
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from api.geo import Point, box_around
from api.models import AccessPoint
from api.models.common import Kind
from api.services.filters import AccessPointFilters, filter_conditions

_RTREE = sa.table(
    "access_point_rtree",
    sa.column("pk"),
    sa.column("min_lat"),
    sa.column("max_lat"),
    sa.column("min_lon"),
    sa.column("max_lon"),
)
_BOX = ("min_lat", "max_lat", "min_lon", "max_lon")


# What the search reads of a place: (pk, id, lat, lon, opening_hours, organization_id).
_PLACE_COLUMNS = (
    col(AccessPoint.pk),
    col(AccessPoint.id),
    col(AccessPoint.lat),
    col(AccessPoint.lon),
    col(AccessPoint.opening_hours),
    col(AccessPoint.organization_id),
)


@lru_cache(maxsize=256)
def ring_statement(dialect: str, filters: AccessPointFilters, ring: bool) -> sa.Select:
    """Places in the box ``:min_lat..:max_lat, :min_lon..:max_lon`` and, for a ring, not in
    the box ``:in_min_lat...`` already read. Built once per filter set: statement
    construction costs more than the SQLite lookup it describes."""
    ap = AccessPoint
    columns = _PLACE_COLUMNS
    bounds: tuple[Any, Any, Any, Any]
    if dialect == "sqlite":
        bounds = (_RTREE.c.min_lat, _RTREE.c.max_lat, _RTREE.c.min_lon, _RTREE.c.max_lon)
        query: sa.Select = sa.select(*columns).select_from(
            _RTREE.join(ap, col(ap.pk) == _RTREE.c.pk)
        )
    else:
        bounds = (col(ap.lat), col(ap.lat), col(ap.lon), col(ap.lon))
        query = sa.select(*columns)

    def inside(prefix: str) -> list[sa.ColumnElement[bool]]:
        lat_lo, lat_hi, lon_lo, lon_hi = bounds
        names = [prefix + name for name in _BOX]
        return [
            lat_lo >= sa.bindparam(names[0]),
            lat_hi <= sa.bindparam(names[1]),
            lon_lo >= sa.bindparam(names[2]),
            lon_hi <= sa.bindparam(names[3]),
        ]

    if dialect == "postgresql":
        # earthdistance's GiST index on ll_to_earth(lat, lon) (migration 0003).
        origin = sa.func.ll_to_earth(sa.bindparam("origin_lat"), sa.bindparam("origin_lon"))
        place = sa.func.ll_to_earth(col(ap.lat), col(ap.lon))
        query = query.where(sa.func.earth_box(origin, sa.bindparam("radius_m")).op("@>")(place))
        if ring:
            inner = sa.func.earth_box(origin, sa.bindparam("inner_radius_m")).op("@>")(place)
            query = query.where(sa.not_(inner))
    else:
        query = query.where(*inside(""))
        if ring:
            query = query.where(sa.not_(sa.and_(*inside("in_"))))
    return query.where(*filter_conditions(filters, dialect), col(ap.kind) != Kind.PHONE_LINE.value)


# earthdistance measures on a sphere of 6 378 168 m, the haversine of api.geo on one of
# 6 371 008.8 m: its boxes are widened by a little more than the difference.
_EARTH_BOX_MARGIN = 1.002


def ring_params(origin: Point, radius_m: float, inner_radius_m: float | None) -> dict[str, float]:
    """Bind parameters for ``ring_statement``: the search box of ``radius_m`` metres around
    ``origin`` and, for a ring, the inner box already read (lat/lon boxes for the R*Tree and
    the B-tree, a centre and radii for earthdistance)."""
    params = {name: getattr(box_around(origin, radius_m), name) for name in _BOX}
    params |= {
        "origin_lat": origin.lat,
        "origin_lon": origin.lon,
        "radius_m": radius_m * _EARTH_BOX_MARGIN,
    }
    if inner_radius_m is not None:
        inner = box_around(origin, inner_radius_m)
        params |= {"in_" + name: getattr(inner, name) for name in _BOX}
        params["inner_radius_m"] = inner_radius_m * _EARTH_BOX_MARGIN
    return params


def has_schedule_index(dialect: str) -> bool:
    """Whether ``dialect`` has the schedule-and-place index (SQLite's R*Tree, PostgreSQL's
    GiST index of migration 0009)."""
    return dialect in ("sqlite", "postgresql")


def schedule_ids_by_state(
    *, session: Session, state_of: Callable[[str | None], Hashable]
) -> dict[Hashable, list[int]]:
    """Ids of the distinct schedules (``access_point_schedule``; 0 stands for no hours)
    grouped by ``state_of`` their ``opening_hours``: one read of the table."""
    rows = session.execute(sa.text("SELECT id, opening_hours FROM access_point_schedule"))
    grouped: dict[Hashable, list[int]] = {state_of(None): [0]}
    for schedule_id, opening_hours in rows:
        grouped.setdefault(state_of(opening_hours), []).append(schedule_id)
    return grouped


_LOCATED_WITH_SCHEDULE = (
    "SELECT pk FROM access_point_schedule_rtree WHERE min_lat >= ? AND max_lat <= ? "
    "AND min_lon >= ? AND max_lon <= ? AND min_schedule >= ? AND max_schedule <= ?"
)
# One probe of the (schedule key, place) GiST index per schedule, in one statement: the
# lateral join runs an index scan per wanted id. Id 0 (no hours) has no row in
# access_point_schedule: its key is that of NULL, as in the index.
_LOCATED_WITH_SCHEDULE_PG = sa.text(
    """SELECT found.pk
       FROM unnest(CAST(:ids AS integer[])) AS wanted(id)
       LEFT JOIN access_point_schedule s ON s.id = wanted.id
       CROSS JOIN LATERAL (
         SELECT ap.pk FROM access_point ap
         WHERE access_point_schedule_key(ap.opening_hours)
               = access_point_schedule_key(s.opening_hours)
           AND earth_box(ll_to_earth(:lat, :lon), :radius_m) @> ll_to_earth(ap.lat, ap.lon)
       ) AS found"""
)


def located_with_schedules(
    *, session: Session, origin: Point, radius_m: float, schedule_ids: Iterable[int]
) -> set[int]:
    """pks of the access points within ``radius_m`` metres of ``origin`` (or a little more:
    a box around it, the caller measures) whose schedule is one of ``schedule_ids``. Reads no
    row of the table: on SQLite one R*Tree lookup per schedule, on PostgreSQL one probe of
    the (schedule key, place) GiST index per schedule; a probe may also return places whose
    hours share the key of another value, which the caller's check of each place drops."""
    wanted = list(schedule_ids)
    if not wanted:
        return set()
    if session.get_bind().dialect.name == "postgresql":
        params = {
            "ids": wanted,
            "lat": origin.lat,
            "lon": origin.lon,
            "radius_m": radius_m * _EARTH_BOX_MARGIN,
        }
        return set(session.execute(_LOCATED_WITH_SCHEDULE_PG, params).scalars())
    # The DB-API cursor directly: this loop runs once per open schedule, and SQLAlchemy's
    # per-execution overhead would be most of its cost.
    cursor = session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
    box = box_around(origin, radius_m)
    bounds = (box.min_lat, box.max_lat, box.min_lon, box.max_lon)
    found: set[int] = set()
    for schedule_id in wanted:
        cursor.execute(_LOCATED_WITH_SCHEDULE, (*bounds, schedule_id, schedule_id))
        found.update(pk for (pk,) in cursor.fetchall())
    cursor.close()
    return found


@lru_cache(maxsize=256)
def _rows_statement(dialect: str, filters: AccessPointFilters) -> sa.Select:
    ap = AccessPoint
    query: sa.Select = sa.select(*_PLACE_COLUMNS).where(
        col(ap.pk).in_(sa.bindparam("pks", expanding=True)),
        col(ap.kind) != Kind.PHONE_LINE.value,
        *filter_conditions(filters, dialect),
    )
    return query


def candidate_rows(*, session: Session, pks: Iterable[int], filters: AccessPointFilters) -> Any:
    """(pk, id, lat, lon, opening_hours, organization_id) of the places among ``pks`` that
    pass ``filters``, like ``ring_statement``'s rows."""
    wanted = sorted(pks)
    if not wanted:
        return []
    dialect = session.get_bind().dialect.name
    return session.execute(_rows_statement(dialect, filters), {"pks": wanted})
