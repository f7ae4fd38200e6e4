"""The main query: which access points can this person reach, open at ``at``, nearest first.

Places come from a widening search on the spatial index (SQLite R*Tree; a lat/lon
bounding box on other engines) so that no query scans the whole table. When few places are
open (a Sunday night), the search asks the R*Tree, which also indexes each place's schedule,
for the places whose schedule is open. Phone lines, which have no place, follow when their
``service_area`` covers the origin's municipality.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api import hours
from api.geo import Point, box_around, haversine_m, walking_minutes
from api.i18n import DEFAULT_LANGUAGE, Language
from api.models import AccessPoint, Closure
from api.models.responses import NearestItem, NearestResponse, Origin
from api.services.access_points import read_pairs
from api.services.arrival import ArrivalCheck, ArrivalMode, arrival_time
from api.services.filters import AccessPointFilters
from api.services.phone_lines import find_phone_lines
from api.services.spatial import (
    candidate_rows,
    has_schedule_index,
    located_with_schedules,
    open_schedule_ids,
    ring_params,
    ring_statement,
)

FIRST_RADIUS_M = 500.0
RADIUS_GROWTH = 2.0
# Once this many places were read with under this share open, the search switches to asking
# the index for open schedules only (SQLite).
SPARSE_AFTER_ROWS = 50
SPARSE_RATIO = 0.1
# When at most this many access points match the text search (q), they are read directly
# instead of the rings around the origin.
DIRECT_MATCHES = 1000


class OpenMode(StrEnum):
    """``now``: only what is open at ``at``; ``any``: closed and unknown ones too."""

    NOW = "now"
    ANY = "any"


@dataclass(frozen=True, slots=True)
class _Candidate:
    distance_m: float
    id: str
    pk: int


def _radii(max_distance_m: float) -> Iterator[float]:
    radius = min(FIRST_RADIUS_M, max_distance_m)
    while True:
        yield radius
        if radius >= max_distance_m:
            return
        radius = min(radius * RADIUS_GROWTH, max_distance_m)


_ROWS_BY_PK = select(AccessPoint).where(
    col(AccessPoint.pk).in_(sa.bindparam("pks", expanding=True))
)
_CLOSED_ON_DAY = select(Closure.access_point_id, Closure.organization_id).where(
    col(Closure.start) <= sa.bindparam("day"),
    col(Closure.end) >= sa.bindparam("day"),
    col(Closure.cancelled_at).is_(None),
)


class _OpenCheck:
    """Is an access point open at ``at``? Closures first (one query for the day), then its
    schedule; many access points share a schedule, so each distinct string is evaluated
    once per query."""

    def __init__(self, *, session: Session, at: datetime) -> None:
        rows = session.execute(_CLOSED_ON_DAY, {"day": at.date()}).all()
        self.at = at
        self.closed_points = {a for a, _ in rows if a}
        self.closed_orgs = {o for _, o in rows if o}
        self.states: dict[str | None, bool] = {}

    def schedule_open(self, opening_hours: str | None) -> bool:
        """Whether the schedule alone says open at ``at`` (memoised for the query)."""
        is_open = self.states.get(opening_hours)
        if is_open is None:
            is_open = hours.state_at(opening_hours, self.at)[0] is hours.OpeningState.OPEN
            self.states[opening_hours] = is_open
        return is_open

    def __call__(
        self, access_point_id: str, organization_id: str, opening_hours: str | None
    ) -> bool:
        if access_point_id in self.closed_points or organization_id in self.closed_orgs:
            return False
        return self.schedule_open(opening_hours)


def _find_places(
    *,
    session: Session,
    origin: Point,
    is_open: _OpenCheck | None,
    on_arrival: ArrivalCheck | None,
    limit: int,
    max_distance_m: float,
    filters: AccessPointFilters,
    matching: set[int] | None = None,
) -> list[_Candidate]:
    dialect = session.get_bind().dialect.name
    direct = matching is not None and len(matching) <= DIRECT_MATCHES
    candidates: list[_Candidate] = []
    inner: float | None = None
    radius = 0.0
    seen: set[int] = set()
    opened = 0
    for radius in _radii(max_distance_m):
        sparse = (
            is_open is not None
            and has_schedule_index(dialect)
            and len(seen) >= SPARSE_AFTER_ROWS
            and opened < SPARSE_RATIO * len(seen)
        )
        rows: Any
        if direct:
            # Few access points match q: read them, wherever they are, in one query.
            assert matching is not None
            radius = max_distance_m
            rows = [
                r
                for r in candidate_rows(session=session, pks=matching, filters=filters)
                if r[2] is not None and r[3] is not None
            ]
        elif sparse:
            # Few places are open at this hour: ask the index, out to the full distance, for the
            # places whose schedule is open, instead of reading thousands of closed rows.
            assert is_open is not None
            radius = max_distance_m
            box = box_around(origin, radius)
            schedules = open_schedule_ids(session=session, is_open=is_open.schedule_open)
            pks = located_with_schedules(session=session, box=box, schedule_ids=schedules)
            rows = candidate_rows(session=session, pks=pks - seen, filters=filters)
        else:
            params = ring_params(origin, radius, inner)
            rows = session.execute(ring_statement(dialect, filters, inner is not None), params)
        for pk, ap_id, lat, lon, opening_hours, org_id in rows:
            # Before counting it as read: the sparse switch measures the share open among
            # the places that match q.
            if matching is not None and pk not in matching:
                continue
            seen.add(pk)
            if is_open is not None and not is_open(ap_id, org_id, opening_hours):
                continue
            opened += 1
            distance = haversine_m(origin, Point(lat, lon))
            if distance > max_distance_m:
                continue
            # Flags are computed for the kept places only, after the search: one evaluation
            # per row read would double the cost of a query.
            if on_arrival is not None and not on_arrival(ap_id, org_id, opening_hours, distance):
                continue
            candidates.append(_Candidate(distance, ap_id, pk))
        inner = radius
        if direct or sparse or sum(1 for c in candidates if c.distance_m <= radius) >= limit:
            break
    settled = sorted(
        (c for c in candidates if c.distance_m <= radius), key=lambda c: (c.distance_m, c.id)
    )
    return settled[:limit]


def find_nearest(
    *,
    session: Session,
    origin: Origin,
    at: datetime,
    open_mode: OpenMode,
    limit: int,
    max_distance_m: float,
    filters: AccessPointFilters,
    arrival_mode: ArrivalMode = ArrivalMode.FLAG,
    lang: Language = DEFAULT_LANGUAGE,
    matching: set[int] | None = None,
) -> NearestResponse:
    """Up to ``limit`` places within ``max_distance_m`` metres of ``origin`` sorted by
    distance (metres, haversine) then id, then up to ``limit`` phone lines serving the
    origin's municipality sorted by id. With ``OpenMode.NOW`` only those open at ``at``
    (aware, closures applied) are kept; with ``ANY`` each carries when it opens next.

    Each place also carries the estimated walk (``api.geo.walking_minutes``), its arrival
    instant and whether it will be open then (``open_on_arrival``); with
    ``ArrivalMode.EXCLUDE`` the places that will not be are left out (the search goes on
    until ``limit`` others are found). Phone lines have no walk: their arrival fields are null.

    The search starts at 500 m and doubles its radius until ``limit`` places are found or
    ``max_distance_m`` is reached, reading only the new ring of the spatial index each time.
    Openings are also said in words in ``lang``. With ``matching`` (the pks that match a
    text search, ``api.services.search.matching_pks``) only those are kept, in the same
    order.
    """
    is_open = _OpenCheck(session=session, at=at) if open_mode is OpenMode.NOW else None
    arrival = ArrivalCheck(session=session, at=at, max_distance_m=max_distance_m)
    places = _find_places(
        session=session,
        origin=Point(origin.lat, origin.lon),
        is_open=is_open,
        on_arrival=arrival if arrival_mode is ArrivalMode.EXCLUDE else None,
        limit=limit,
        max_distance_m=max_distance_m,
        filters=filters,
        matching=matching,
    )
    lines = find_phone_lines(
        session=session,
        nis_code=origin.nis_code,
        is_open=is_open,
        limit=limit,
        filters=filters,
        matching=matching,
    )
    wanted = [c.pk for c in places] + lines
    rows = {p.pk: p for p in session.execute(_ROWS_BY_PK, {"pks": wanted}).scalars()}
    pairs = read_pairs(session=session, points=[rows[pk] for pk in wanted], at=at, lang=lang)
    items = [
        NearestItem(
            access_point=public,
            distance_m=round(place.distance_m),
            walking_minutes=walking_minutes(place.distance_m),
            arrival_at=arrival_time(at, place.distance_m),
            open_on_arrival=arrival(
                public.id, public.organization.id, public.opening_hours, place.distance_m
            ),
            opening=opening,
        )
        for (public, opening), place in zip(pairs, places, strict=False)
    ]
    items += [
        NearestItem(access_point=public, distance_m=None, opening=opening)
        for public, opening in pairs[len(places) :]
    ]
    return NearestResponse(origin=origin, at=at, items=items)
