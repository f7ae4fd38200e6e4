"""The ring search of the nearest query: the places in a given state at ``at``, nearest first.

Places come from a widening search on the spatial index (SQLite R*Tree; earthdistance on
PostgreSQL) so that no query scans the whole table. When few places are in the wanted state
(a Sunday night), the search asks the schedule index (SQLite's second R*Tree, PostgreSQL's
GiST index over schedule key and place) for the places whose schedule is in that state.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api import hours
from api.geo import Point, haversine_m
from api.models import Closure
from api.services.filters import AccessPointFilters
from api.services.nearest.arrival import ArrivalCheck
from api.services.nearest.spatial import (
    candidate_rows,
    has_schedule_index,
    located_with_schedules,
    ring_params,
    ring_statement,
    schedule_ids_by_state,
)

FIRST_RADIUS_M = 500.0
RADIUS_GROWTH = 2.0
# Once this many places were read with under this share open, the search switches to asking
# the schedule index for open schedules only (both engines).
SPARSE_AFTER_ROWS = 50
SPARSE_RATIO = 0.1
# When at most this many access points match the text search (q), they are read directly
# instead of the rings around the origin.
DIRECT_MATCHES = 1000
# Places with unknown hours are counted this far at most (metres): far enough to walk to,
# without reading thousands of rows on a night when nothing is open within 25 km.
UNKNOWN_NEARBY_M = 5000.0


class OpenMode(StrEnum):
    """``now``: only what is open at ``at``; ``any``: closed and unknown ones too."""

    NOW = "now"
    ANY = "any"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place found: its distance from the origin (metres, haversine), id and row pk."""

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


_CLOSED_ON_DAY = select(Closure.access_point_id, Closure.organization_id).where(
    col(Closure.start) <= sa.bindparam("day"),
    col(Closure.end) >= sa.bindparam("day"),
    col(Closure.cancelled_at).is_(None),
)


# The group of a schedule whose state depends on where the place is (sunrise, sunset, dawn,
# dusk: ``hours.needs_coordinates``) in ``OpenCheck.schedule_group``: possibly in any state.
AT_PLACE = "at_place"


class OpenCheck:
    """Is an access point open at ``at``, or are its hours unknown then? Closures first (one
    query for the day: a closed place is known to be closed, neither open nor unknown), then
    its schedule; many access points share a schedule, so each distinct string is evaluated
    once per query, except a value with sun times (``hours.needs_coordinates``), evaluated
    once per value and place (its ``lat``, ``lon``)."""

    def __init__(self, *, session: Session, at: datetime) -> None:
        rows = session.execute(_CLOSED_ON_DAY, {"day": at.date()}).all()
        self.at = at
        self.closed_points = {a for a, _ in rows if a}
        self.closed_orgs = {o for _, o in rows if o}
        self.states: dict[str | None, hours.OpeningState] = {}
        # Values with sun times, and their states per (value, lat, lon).
        self.placed: set[str] = set()
        self.placed_states: dict[tuple[str, float, float], hours.OpeningState] = {}

    def schedule_state(
        self, opening_hours: str | None, lat: float | None = None, lon: float | None = None
    ) -> hours.OpeningState:
        """The state of the schedule alone at ``at`` at the place (``lat``, ``lon``, WGS84
        degrees; only values with sun times use them: without them such a value is
        unknown), memoised for the query."""
        state = self.states.get(opening_hours)
        if state is not None:
            return state
        if opening_hours is not None and (
            opening_hours in self.placed or hours.needs_coordinates(opening_hours)
        ):
            self.placed.add(opening_hours)
            if lat is None or lon is None:
                return hours.OpeningState.UNKNOWN
            key = (opening_hours, lat, lon)
            state = self.placed_states.get(key)
            if state is None:
                state = hours.state_at(opening_hours, self.at, coordinates=(lat, lon))[0]
                self.placed_states[key] = state
            return state
        state = hours.state_at(opening_hours, self.at)[0]
        self.states[opening_hours] = state
        return state

    def schedule_group(self, opening_hours: str | None) -> hours.OpeningState | str:
        """The state of the schedule wherever the place is, or ``AT_PLACE`` when it depends
        on where it is (to be read and checked per place): groups schedules in the sparse
        search."""
        if opening_hours is not None and hours.needs_coordinates(opening_hours):
            return AT_PLACE
        return self.schedule_state(opening_hours)

    def state(
        self,
        access_point_id: str,
        organization_id: str,
        opening_hours: str | None,
        lat: float | None = None,
        lon: float | None = None,
    ) -> hours.OpeningState:
        """The access point's state at ``at``, closures applied; ``lat``, ``lon``: where it
        is (None for a phone line)."""
        if access_point_id in self.closed_points or organization_id in self.closed_orgs:
            return hours.OpeningState.CLOSED
        return self.schedule_state(opening_hours, lat, lon)

    def __call__(
        self, access_point_id: str, organization_id: str, opening_hours: str | None
    ) -> bool:
        return self.state(access_point_id, organization_id, opening_hours) is (
            hours.OpeningState.OPEN
        )


@dataclass(slots=True)
class Found:
    """What ``find_places`` found: the places (nearest first), the radius it read (metres:
    every place within it was seen) and, when asked, the places whose state is unknown
    within ``unknown_radius_m`` (the radius read, at most ``UNKNOWN_NEARBY_M``), nearest
    first."""

    places: list[Candidate]
    radius_m: float
    unknown: list[Candidate] = field(default_factory=list)
    unknown_radius_m: float = 0.0


def find_places(
    *,
    session: Session,
    origin: Point,
    is_open: OpenCheck | None,
    on_arrival: ArrivalCheck | None,
    limit: int,
    max_distance_m: float,
    filters: AccessPointFilters,
    matching: set[int] | None = None,
    exclude: frozenset[int] = frozenset(),
    with_unknown: bool = False,
    admit: Callable[[list[int]], set[int]] | None = None,
) -> Found:
    """Up to ``limit`` places within ``max_distance_m`` metres of ``origin``, by distance
    then id, that pass ``filters`` and ``is_open`` (None: any state) and, when given,
    ``on_arrival``; only those in ``matching`` (pks of a text search) when given, never those
    in ``exclude``. Returns them with the radius read (metres: every place within it was
    seen) and, ``with_unknown`` (and ``is_open``), every place within that radius (at most
    ``UNKNOWN_NEARBY_M``) whose state is unknown, gathered from the same rows. ``admit``
    keeps, of the pks found in one ring, those it returns (competence: one small query per
    ring for the few places found, instead of a condition on every row read).

    The search starts at 500 m and doubles its radius until ``limit`` places are found or
    ``max_distance_m`` is reached, reading only the new ring of the spatial index each time;
    when few places are in the wanted state, it asks the schedule index instead (SQLite's
    R*Tree, PostgreSQL's GiST index of migration 0009)."""
    dialect = session.get_bind().dialect.name
    direct = matching is not None and len(matching) <= DIRECT_MATCHES
    candidates: list[Candidate] = []
    unknown: list[Candidate] = []
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
            schedules = schedule_ids_by_state(session=session, state_of=is_open.schedule_group)
            # Values with sun times may be open at one place and not at another: read them
            # all, each row is checked at its place below.
            at_place = schedules.get(AT_PLACE, [])
            opened_ids = [*schedules.get(hours.OpeningState.OPEN, []), *at_place]
            pks = located_with_schedules(
                session=session, origin=origin, radius_m=radius, schedule_ids=opened_ids
            )
            if with_unknown:
                # The unknown ones only as far as they are counted (UNKNOWN_NEARBY_M).
                unknown_ids = [*schedules.get(hours.OpeningState.UNKNOWN, []), *at_place]
                pks |= located_with_schedules(
                    session=session,
                    origin=origin,
                    radius_m=min(radius, UNKNOWN_NEARBY_M),
                    schedule_ids=unknown_ids,
                )
            rows = candidate_rows(session=session, pks=pks - seen, filters=filters)
        else:
            params = ring_params(origin, radius, inner)
            rows = session.execute(ring_statement(dialect, filters, inner is not None), params)
        ring: list[Candidate] = []
        ring_unknown: list[Candidate] = []
        for pk, ap_id, lat, lon, opening_hours, org_id in rows:
            # Before counting it as read: the sparse switch measures the share open among
            # the places that match q.
            if (matching is not None and pk not in matching) or pk in exclude:
                continue
            seen.add(pk)
            if is_open is not None:
                state = is_open.state(ap_id, org_id, opening_hours, lat, lon)
                if state is not hours.OpeningState.OPEN:
                    if with_unknown and state is hours.OpeningState.UNKNOWN:
                        distance = haversine_m(origin, Point(lat, lon))
                        ring_unknown.append(Candidate(distance, ap_id, pk))
                    continue
            opened += 1
            distance = haversine_m(origin, Point(lat, lon))
            if distance > max_distance_m:
                continue
            # Flags are computed for the kept places only, after the search: one evaluation
            # per row read would double the cost of a query.
            if on_arrival is not None and not on_arrival(
                ap_id, org_id, opening_hours, distance, coordinates=(lat, lon)
            ):
                continue
            ring.append(Candidate(distance, ap_id, pk))
        if admit is not None and (ring or ring_unknown):
            admitted = admit([c.pk for c in ring] + [c.pk for c in ring_unknown])
            ring = [c for c in ring if c.pk in admitted]
            ring_unknown = [c for c in ring_unknown if c.pk in admitted]
        candidates += ring
        unknown += ring_unknown
        inner = radius
        if direct or sparse or sum(1 for c in candidates if c.distance_m <= radius) >= limit:
            break
    near = min(radius, UNKNOWN_NEARBY_M)
    return Found(_within(candidates, radius)[:limit], radius, _within(unknown, near), near)


def _within(candidates: list[Candidate], radius: float) -> list[Candidate]:
    # A ring's box reaches past its radius in the corners: what lies there is not settled.
    return sorted(
        (c for c in candidates if c.distance_m <= radius), key=lambda c: (c.distance_m, c.id)
    )
