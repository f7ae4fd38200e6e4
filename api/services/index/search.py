"""The ring search of ``nearest`` answered from memory: the same places, in the same order,
with the same distances and the same unknown group as ``nearest.places.find_places``.

The k-d trees of ``MinuteState`` give the nearest open places (asked for more neighbours
until the ``limit``-th kept one is nearer than any not seen); the filters and competence are
one boolean mask applied before any distance is measured; the radius the direct search would
have stopped at, which decides how far the places with unknown hours are counted, comes from
``rings.stop_radius``.
"""

import math
from collections.abc import Callable
from datetime import datetime

import numpy as np
import numpy.typing as npt

from api.geo import EARTH_RADIUS_M, Point, haversine_m
from api.services.filters import AccessPointFilters
from api.services.index.minute import OPEN, UNKNOWN, MinuteState
from api.services.index.nearby import nearest_within
from api.services.index.rings import RingView, stop_radius
from api.services.index.snapshot import Snapshot, unit_vectors
from api.services.nearest.arrival import ArrivalCheck
from api.services.nearest.places import (
    UNKNOWN_LISTED,
    UNKNOWN_NEARBY_M,
    Candidate,
    Found,
)

# Chord lengths are compared with this relative margin so that rounding never leaves out a
# place the haversine keeps; the haversine then decides.
_MARGIN = 1e-9


def _chord(distance_m: float) -> float:
    """The chord on the unit sphere of a great-circle distance in metres."""
    return 2 * math.sin(min(distance_m / EARTH_RADIUS_M, math.pi) / 2) * (1 + _MARGIN) + 1e-15


class _Query:
    """One query's view of the index: which rows it may keep, and their distances."""

    def __init__(
        self,
        *,
        minute: MinuteState,
        origin: Point,
        at: datetime,
        filters: AccessPointFilters,
        matching: set[int] | None,
        exclude: frozenset[int],
        serving: set[int] | None,
        residence: str | None,
    ) -> None:
        self.minute = minute
        self.snapshot: Snapshot = minute.snapshot
        self.origin = origin
        self.at = at
        self.mask = self.snapshot.mask(filters)
        self.matching = matching
        self.exclude = exclude
        self.serving = serving
        # The filters and competence as one mask: most rows a search meets are dropped by
        # it, before any distance is measured.
        self.allowed = self.mask
        if serving is not None and residence is not None:
            self.allowed = self.mask & self.snapshot.admitted(residence, serving)
        self.vector = unit_vectors(np.array([origin.lat]), np.array([origin.lon]))[0]

    def near_array(
        self, rows: npt.NDArray[np.intp], tree: object, radius_m: float
    ) -> npt.NDArray[np.intp]:
        """Those of ``rows`` (indexed by ``tree``) within about ``radius_m`` of the origin
        (a chord with a margin: the haversine decides) that ``allowed`` keeps."""
        if not len(rows):
            return rows[:0]
        hits = np.asarray(tree.query_ball_point(self.vector, _chord(radius_m)), dtype=np.intp)  # type: ignore[attr-defined]
        found = rows[hits] if len(hits) else rows[:0]
        return found[self.allowed[found]]

    def chords(self, rows: npt.NDArray[np.intp]) -> npt.NDArray[np.float64]:
        """The chord from the origin of each of ``rows`` on the unit sphere."""
        return np.linalg.norm(self.snapshot.vectors[rows] - self.vector, axis=1)

    def listed_rows(self, rows: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
        """Those of ``rows`` that ``listed`` and ``admitted`` keep, at once."""
        return self.snapshot.searched(rows[self.allowed[rows]], self.matching, self.exclude)

    def listed(self, i: int) -> bool:
        """Whether row ``i`` passes the filters, the text search and the exclusions (what
        the direct search counts as read)."""
        if not self.mask[i]:
            return False
        pk = int(self.snapshot.pks[i])
        return (self.matching is None or pk in self.matching) and pk not in self.exclude

    def admitted(self, i: int) -> bool:
        """Whether row ``i`` serves the residence or states no service area (competence)."""
        if self.serving is None or not self.snapshot.restricted[i]:
            return True
        return int(self.snapshot.pks[i]) in self.serving

    def candidate(self, i: int) -> Candidate:
        """Row ``i`` as a result, its distance by ``api.geo.haversine_m`` as the direct
        search measures it."""
        s = self.snapshot
        distance = haversine_m(self.origin, Point(float(s.lat[i]), float(s.lon[i])))
        return Candidate(distance, s.ids[i], int(s.pks[i]))


def _nearest_rows(
    query: _Query,
    rows: npt.NDArray[np.intp],
    tree: object,
    *,
    admit: Callable[[int], bool],
    admit_rows: Callable[[npt.NDArray[np.intp]], npt.NDArray[np.intp]],
    arrives: Callable[[int, Candidate], bool],
    limit: int,
    max_distance_m: float,
    extra: tuple[npt.NDArray[np.intp], object] | None,
) -> list[Candidate]:
    """The ``limit`` nearest rows (by distance, then id) among ``rows`` (indexed by ``tree``)
    and the rows of ``extra`` (rows, their tree) that ``admit`` accepts (the tests that need
    no distance: a row it refuses is not measured) and then ``arrives`` (given its
    distance), within ``max_distance_m``: the tree is asked for more neighbours until the
    ``limit``-th kept one is nearer than every row not yet seen."""
    kept: list[Candidate] = []
    total = len(rows)
    bound = _chord(max_distance_m)
    done = np.zeros(total, dtype=bool)
    k = min(total, max(4 * limit, 32))
    # The chord beyond which no row can enter the first ``limit`` kept (None: not yet known).
    beyond: float | None = None
    while k > 0:
        asked = tree.query(query.vector, k=k, distance_upper_bound=bound)  # type: ignore[attr-defined]
        chords, found = (np.atleast_1d(part) for part in asked)  # k = 1 answers scalars
        inside = found < total
        valid, chords = found[inside], chords[inside]
        unseen = ~done[valid]  # not seen by the previous, smaller ask
        fresh, chords = valid[unseen], chords[unseen]
        done[fresh] = True
        candidates = rows[fresh]
        allowed = query.allowed[candidates]
        # Nearest first (the tree's order): once ``limit`` are kept, a row whose chord is
        # beyond the limit-th kept one's cannot enter, nor can any after it.
        for i, chord in zip(candidates[allowed].tolist(), chords[allowed].tolist(), strict=True):
            if beyond is not None and chord > beyond:
                break
            if not admit(i):
                continue
            c = query.candidate(i)
            if c.distance_m <= max_distance_m and arrives(i, c):
                kept.append(c)
                if len(kept) >= limit:
                    kept.sort(key=lambda c: (c.distance_m, c.id))
                    beyond = _chord(kept[limit - 1].distance_m)
        seen = len(valid)
        kept.sort(key=lambda c: (c.distance_m, c.id))
        if seen < k or k == total:
            break  # every row within the distance was seen
        if beyond is not None and chords[-1] > beyond:
            break  # the rows not seen are all farther than the limit-th kept
        k = min(total, k * 4)
    # The rows outside the tree (sun times: their state is per place, and costly), only as
    # near as the limit-th kept row of the tree.
    farthest = kept[limit - 1].distance_m if len(kept) >= limit else max_distance_m
    if extra is not None:
        # Asked only now, as far as the limit-th kept row (and a metre, so that the tree's
        # own rounding leaves none out): the exact chord then decides, as before.
        rows_extra = query.near_array(*extra, farthest + 1.0)
        chords = query.chords(rows_extra)
        for i in admit_rows(rows_extra[chords <= _chord(farthest)]).tolist():
            c = query.candidate(i)
            if c.distance_m <= max_distance_m and arrives(i, c):
                kept.append(c)
        kept.sort(key=lambda c: (c.distance_m, c.id))
    return kept[:limit]


def find_places_indexed(
    *,
    minute: MinuteState,
    origin: Point,
    at: datetime,
    open_now: bool,
    on_arrival: ArrivalCheck | None,
    limit: int,
    max_distance_m: float,
    filters: AccessPointFilters,
    dialect: str,
    matching: set[int] | None = None,
    exclude: frozenset[int] = frozenset(),
    with_unknown: bool = False,
    serving: set[int] | None = None,
    residence: str | None = None,
) -> Found:
    """What ``nearest.places.find_places`` returns for the same arguments, from memory:
    ``open_now`` for its ``is_open`` (at ``at``, which lies in ``minute``), ``serving`` (the
    pks serving the residence, NIS code ``residence``; None: no competence filter) for its
    ``admit``, ``dialect`` for the switch to the schedule index that only some engines
    make."""
    s = minute.snapshot
    query = _Query(
        minute=minute,
        origin=origin,
        at=at,
        filters=filters,
        matching=matching,
        exclude=exclude,
        serving=serving,
        residence=residence,
    )

    def admit(i: int) -> bool:
        if not (query.listed(i) and query.admitted(i)):
            return False
        return not open_now or minute.state_at(i, at) == OPEN

    def admit_rows(rows: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
        rows = query.listed_rows(rows)
        return rows[minute.codes_at(rows, at) == OPEN] if open_now else rows

    def arrives(i: int, c: Candidate) -> bool:
        if on_arrival is None:
            return True
        lat, lon = float(s.lat[i]), float(s.lon[i])
        value = s.schedules[int(s.schedule[i])]
        return on_arrival(
            s.ids[i], s.organization_id(i), value, c.distance_m, coordinates=(lat, lon)
        )

    if open_now:
        places = _nearest_rows(
            query,
            minute.open_rows,
            minute.open_tree,
            admit=admit,
            admit_rows=admit_rows,
            arrives=arrives,
            limit=limit,
            max_distance_m=max_distance_m,
            extra=(minute.at_place, minute.at_place_tree),
        )
    else:
        rows = np.arange(len(s))
        places = _nearest_rows(
            query,
            rows,
            s.tree,
            admit=admit,
            admit_rows=admit_rows,
            arrives=arrives,
            limit=limit,
            max_distance_m=max_distance_m,
            extra=None,
        )
    radius = stop_radius(
        RingView(
            minute=minute,
            origin=origin,
            at=at,
            mask=query.mask,
            matching=matching,
            exclude=exclude,
        ),
        places,
        open_now=open_now,
        limit=limit,
        dialect=dialect,
        max_distance_m=max_distance_m,
    )
    if not (open_now and with_unknown):
        return Found(places, radius)
    near = min(radius, UNKNOWN_NEARBY_M)
    unknown, count = _unknown(query, near)
    return Found(places, radius, unknown, near, count)


def _unknown(query: _Query, near: float) -> tuple[list[Candidate], int]:
    """The places whose state is unknown at ``at`` within ``near`` metres, as the direct
    search keeps them: the ``UNKNOWN_LISTED`` nearest (by distance, then id), and how many
    there are."""
    minute = query.minute
    found = query.listed_rows(query.near_array(minute.unknown_rows, minute.unknown_tree, near))
    placed = query.listed_rows(query.near_array(minute.at_place, minute.at_place_tree, near))
    placed = placed[minute.codes_at(placed, query.at) == UNKNOWN]
    rows = np.concatenate([found, placed])
    chords = query.chords(rows)
    return nearest_within(
        rows, chords, radius_m=near, count=UNKNOWN_LISTED, measure=query.candidate
    )
