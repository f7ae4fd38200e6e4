"""``nearest`` measured inside the process: the service function the API calls, on a session of
its own, for many origins; times in milliseconds."""

import statistics
import time
from datetime import datetime

import orjson
from sqlalchemy import text
from sqlmodel import Session

from api.db import make_engine
from api.geo import Point, box_around
from api.services.filters import AccessPointFilters
from api.services.index import NearestIndex
from api.services.nearest import CompetenceMode, OpenMode
from api.services.nearest.answer import NearestQuery, answer_nearest
from api.services.nearest.arrival import ArrivalMode
from bench.databases import Origin as QueryOrigin

WARM_UP = 20
"""Queries run first and not counted: caches filled, hours parsed, statements compiled."""

# The bare spatial lookup of a 1 km box, for scale: what the index alone costs per query.
_BARE_LOOKUP = {
    "sqlite": text(
        "SELECT pk FROM access_point_rtree WHERE min_lat >= :min_lat AND max_lat <= :max_lat "
        "AND min_lon >= :min_lon AND max_lon <= :max_lon"
    ),
    "postgresql": text(
        "SELECT pk FROM access_point "
        "WHERE earth_box(ll_to_earth(:lat, :lon), 1000) @> ll_to_earth(lat, lon)"
    ),
}


def percentile(values: list[float], q: int) -> float:
    """The ``q``-th percentile (1-99) of ``values`` (inclusive method)."""
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def answer(
    session: Session, origin: QueryOrigin, at: datetime, index: NearestIndex | None = None
) -> bytes:
    """The body of ``GET /v1/access-points/nearest?lat=&lon=&at=`` with its defaults (limit
    10, open now, 25 km, competence for the origin's municipality), as the endpoint's worker
    thread makes it (``answer_nearest``: origin and residence resolved, search, JSON): by the
    direct path, or from ``index`` (the in-memory open-now index, as the API does for an
    ``at`` near now)."""
    lat, lon, _, _ = origin
    query = NearestQuery(
        lat=lat,
        lon=lon,
        postcode=None,
        address=None,
        residence=None,
        competence=CompetenceMode.COMPETENT,
        open_mode=OpenMode.NOW,
        limit=10,
        max_distance_m=25_000,
        on_arrival=ArrivalMode.FLAG,
        filters=AccessPointFilters(),
        search=None,
        lang="fr",
        at=at,
    )
    return answer_nearest(session=session, query=query, geocoder=None, index=index)


def nearest_times(
    url: str, at: datetime, points: list[QueryOrigin], *, indexed: bool
) -> dict[str, float]:
    """p50/p95 (ms) of ``nearest`` at ``at`` from each of ``points``: by the direct path
    (SQL rings, the schedule index when few places are open) or, ``indexed``, from one
    in-memory index (its minute state built during the warm-up and the openings of the
    places with sun times computed ahead by its warmer, as a running server has them after
    its first minute: ``sun_times_warmed_s`` from the first query, ``sun_times_warmed``
    openings); with the index also ``warm_p50_ms``/``warm_p95_ms``, a second pass over the same
    origins (the places' public forms and the minute's sun-time states already held, as a
    worker that answered near there this minute has them); the mean number of open places
    found; the p50 of the bare 1 km spatial-index lookup around the same origins (SQL, for
    scale)."""
    engine = make_engine(url)
    index = NearestIndex(warm=True) if indexed else None
    bare = _BARE_LOOKUP.get(engine.dialect.name)
    times: list[float] = []
    lookups: list[float] = []
    found: list[int] = []
    with Session(engine) as session:
        started = time.perf_counter()
        for origin in points[:WARM_UP]:
            answer(session, origin, at, index)
        if index is not None and index.warmer is not None:
            # As a running server has them after its first minute: the openings of the
            # places with sun times computed ahead by the warmer (timed from the first query).
            index.warmer.wait()
            warmed_s = time.perf_counter() - started
        for origin in points:
            start = time.perf_counter()
            result = answer(session, origin, at, index)
            times.append((time.perf_counter() - start) * 1000)
            items = orjson.loads(result)["items"]
            found.append(sum(1 for item in items if item["distance_m"] is not None))
            if bare is not None:
                box = box_around(Point(origin[0], origin[1]), 1000)
                params = {
                    "min_lat": box.min_lat,
                    "max_lat": box.max_lat,
                    "min_lon": box.min_lon,
                    "max_lon": box.max_lon,
                    "lat": origin[0],
                    "lon": origin[1],
                }
                start = time.perf_counter()
                session.execute(bare, params).all()
                lookups.append((time.perf_counter() - start) * 1000)
        warm: list[float] = []
        for origin in points if indexed else ():
            start = time.perf_counter()
            answer(session, origin, at, index)
            warm.append((time.perf_counter() - start) * 1000)
    engine.dispose()
    figures = {
        "p50_ms": percentile(times, 50),
        "p95_ms": percentile(times, 95),
        "mean_open_found": statistics.mean(found),
    }
    if lookups:
        figures["bare_index_1km_p50_ms"] = percentile(lookups, 50)
    if warm:
        figures["warm_p50_ms"] = percentile(warm, 50)
        figures["warm_p95_ms"] = percentile(warm, 95)
    if index is not None and index.warmer is not None:
        figures["sun_times_warmed_s"] = warmed_s
        figures["sun_times_warmed"] = index.warmer.computed
    return figures


def index_refresh(url: str, instants: dict[str, datetime], repeat: int = 3) -> dict[str, float]:
    """Median milliseconds, over ``repeat`` fresh indexes, of what a worker does when the
    data changed (the snapshot: every located place read into arrays) and when the minute
    changes (each distinct schedule evaluated, closures of the day, the k-d trees), at each
    of ``instants`` (name → instant)."""
    engine = make_engine(url)
    snapshots: list[float] = []
    minutes: dict[str, list[float]] = {name: [] for name in instants}
    with Session(engine) as session:
        for _ in range(repeat):
            index = NearestIndex()
            start = time.perf_counter()
            index.snapshot(session=session)
            snapshots.append((time.perf_counter() - start) * 1000)
            for name, at in instants.items():
                start = time.perf_counter()
                index.minute_state(session=session, at=at)
                minutes[name].append((time.perf_counter() - start) * 1000)
    engine.dispose()
    figures = {"snapshot_ms": statistics.median(snapshots)}
    figures |= {f"minute_{name}_ms": statistics.median(times) for name, times in minutes.items()}
    return figures
