"""The ring search of the nearest query: the places in a given state at ``at``, nearest first.

Places come from a widening search on the spatial index (SQLite R*Tree; earthdistance on
PostgreSQL) so that no query scans the whole table. When few places are in the wanted state
(a Sunday night), the search asks the schedule index (SQLite's second R*Tree, PostgreSQL's
GiST index over schedule key and place) for the places whose schedule is in that state.
"""

import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlmodel import Session

from api import hours
from api.geo import Point, haversine_m
from api.services.filters import AccessPointFilters
from api.services.nearest.arrival import ArrivalCheck
from api.services.nearest.open_check import AT_PLACE, OpenCheck
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
UNKNOWN_LISTED = 5
"""Places with unknown hours listed at most (all are counted)."""


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


@dataclass(slots=True)
class Found:
    """What ``find_places`` found: the places (nearest first), the radius it read (metres:
    every place within it was seen) and, when asked, the places whose state is unknown
    within ``unknown_radius_m`` (the radius read, at most ``UNKNOWN_NEARBY_M``), nearest
    first: all of them, or (``unknown_count`` given) at least the first ``UNKNOWN_LISTED``
    of the ``unknown_count`` there are."""

    places: list[Candidate]
    radius_m: float
    unknown: list[Candidate] = field(default_factory=list)
    unknown_radius_m: float = 0.0
    unknown_count: int | None = None

    @property
    def unknown_found(self) -> int:
        """How many places with unknown hours are within ``unknown_radius_m``."""
        return len(self.unknown) if self.unknown_count is None else self.unknown_count


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
        # On a sparse night, the places with sun times past the unknown radius are only
        # evaluated (opening_hours.js, one call per place) until the nearest are settled.
        deferred: list[_Deferred] = []
        near = min(radius, UNKNOWN_NEARBY_M) if with_unknown else -1.0
        for pk, ap_id, lat, lon, opening_hours, org_id in rows:
            # Before counting it as read: the sparse switch measures the share open among
            # the places that match q.
            if (matching is not None and pk not in matching) or pk in exclude:
                continue
            seen.add(pk)
            if sparse and hours.needs_coordinates(opening_hours):
                distance = haversine_m(origin, Point(lat, lon))
                if distance > near:
                    if distance <= max_distance_m:
                        deferred.append((distance, ap_id, pk, lat, lon, opening_hours, org_id))
                    continue
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
        if deferred:
            assert is_open is not None
            ring += _settle_deferred(
                deferred,
                [*candidates, *ring],
                limit=limit,
                is_open=is_open,
                on_arrival=on_arrival,
                admit=admit,
            )
        candidates += ring
        unknown += ring_unknown
        inner = radius
        if direct or sparse or sum(1 for c in candidates if c.distance_m <= radius) >= limit:
            break
    near = min(radius, UNKNOWN_NEARBY_M)
    return Found(_within(candidates, radius)[:limit], radius, _within(unknown, near), near)


# A place whose state is to be checked at its coordinates: distance (metres), id, pk, lat,
# lon, opening_hours, organization id.
_Deferred = tuple[float, str, int, float, float, str | None, str]


def _settle_deferred(
    deferred: list[_Deferred],
    settled: list[Candidate],
    *,
    limit: int,
    is_open: OpenCheck,
    on_arrival: ArrivalCheck | None,
    admit: Callable[[list[int]], set[int]] | None,
) -> list[Candidate]:
    """The open (and admitted, and open on arrival) places among ``deferred``, checked
    nearest first, a batch of ``limit`` at a time, until ``limit`` places of ``settled`` and
    of those found come before the next one (by distance then id): the places left
    unchecked cannot be among the nearest ``limit``, so the answer is that of checking all."""
    deferred.sort(key=lambda d: (d[0], d[1]))
    keys = sorted((c.distance_m, c.id) for c in settled)
    found: list[Candidate] = []
    for start in range(0, len(deferred), limit):
        first = deferred[start]
        if bisect.bisect_left(keys, (first[0], first[1])) >= limit:
            break
        batch = [
            Candidate(distance, ap_id, pk)
            for distance, ap_id, pk, lat, lon, opening_hours, org_id in deferred[
                start : start + limit
            ]
            if is_open.state(ap_id, org_id, opening_hours, lat, lon) is hours.OpeningState.OPEN
            and (
                on_arrival is None
                or on_arrival(ap_id, org_id, opening_hours, distance, coordinates=(lat, lon))
            )
        ]
        if admit is not None and batch:
            admitted = admit([c.pk for c in batch])
            batch = [c for c in batch if c.pk in admitted]
        found += batch
        for c in batch:
            bisect.insort(keys, (c.distance_m, c.id))
    return found


def _within(candidates: list[Candidate], radius: float) -> list[Candidate]:
    # A ring's box reaches past its radius in the corners: what lies there is not settled.
    return sorted(
        (c for c in candidates if c.distance_m <= radius), key=lambda c: (c.distance_m, c.id)
    )
