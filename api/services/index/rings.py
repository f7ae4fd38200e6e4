"""The rings of the direct nearest search, reproduced: where would it have stopped?

The direct search (``nearest.places.find_places``) reads rings of 500 m, 1, 2, 4... km and
stops at the first holding ``limit`` places, or switches to the schedule index, out to the
full distance, when under ``SPARSE_RATIO`` of the places read are open. The radius it stops
at decides how far the places with unknown hours are counted, so the index derives it the
same way: the places read are counted in the engine's own boxes (SQLite's R*Tree with its
32-bit bounds, PostgreSQL's ``earth_box`` cube).
"""

import math
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import numpy.typing as npt

from api.geo import Point, box_around
from api.services.index.minute import AT_PLACE, OPEN, MinuteState
from api.services.index.snapshot import EARTHDISTANCE_RADIUS_M, BoolArray, earth_points
from api.services.nearest.places import (
    DIRECT_MATCHES,
    SPARSE_AFTER_ROWS,
    SPARSE_RATIO,
    Candidate,
    _radii,
)
from api.services.nearest.spatial import _EARTH_BOX_MARGIN as EARTH_BOX_MARGIN
from api.services.nearest.spatial import has_schedule_index


@dataclass(frozen=True, slots=True)
class RingView:
    """What the direct search counts as read: the rows of ``minute``'s snapshot passing
    ``mask`` (the filters), in ``matching`` when given, not in ``exclude``; open or not at
    ``at``; seen from ``origin``."""

    minute: MinuteState
    origin: Point
    at: datetime
    mask: BoolArray
    matching: set[int] | None
    exclude: frozenset[int]

    def box_counts(self, radius_m: float, dialect: str) -> tuple[int, int]:
        """(read, open): the rows the direct search has read once its box of ``radius_m``
        is done, and how many of them are open at ``at``. The box is the engine's: SQLite's
        R*Tree (lat/lon bounds as 32-bit floats), PostgreSQL's ``earth_box`` (a cube around
        the origin on earthdistance's sphere, ``spatial.ring_params``' margin)."""
        s = self.minute.snapshot
        if dialect == "postgresql":
            # The cube reaches past the lat/lon box of the radius: rows of a box twice as
            # wide, then the exact test.
            band = s.cells.rows_in(box_around(self.origin, 2 * radius_m))
            inside = self._in_earth_box(band, radius_m * EARTH_BOX_MARGIN)
        else:
            # A row inside the R*Tree's box has its point in the box (its bounds are
            # rounded outwards): the box's rows, then the exact test on the stored bounds.
            box = box_around(self.origin, radius_m)
            band = s.cells.rows_in(box)
            min_lat, max_lat, min_lon, max_lon = s.rtree_bounds
            inside = (
                (min_lat[band] >= box.min_lat)
                & (max_lat[band] <= box.max_lat)
                & (min_lon[band] >= box.min_lon)
                & (max_lon[band] <= box.max_lon)
            )
        rows = s.searched(band[inside & self.mask[band]], self.matching, self.exclude)
        # Only the rows with sun times need a look each: the others' codes are the minute's.
        codes = self.minute.states[rows]
        placed = rows[codes == AT_PLACE].tolist()
        opened = int(np.count_nonzero(codes == OPEN))
        if placed:
            self.minute.prefetch(placed, self.at)
            opened += sum(1 for i in placed if self.minute.state_at(i, self.at) == OPEN)
        return len(rows), opened

    def _in_earth_box(self, band: npt.NDArray[np.intp], radius_m: float) -> BoolArray:
        """``earth_box(ll_to_earth(origin), radius_m) @> ll_to_earth(lat, lon)`` for the
        rows ``band``: within the cube of half-side ``gc_to_sec(radius_m)`` on every axis."""
        earth = EARTHDISTANCE_RADIUS_M
        half = 2 * earth * math.sin(radius_m / (2 * earth))
        centre = earth_points(np.array([self.origin.lat]), np.array([self.origin.lon]))[0]
        points = self.minute.snapshot.earth_points[band]
        return np.all((centre - half <= points) & (points <= centre + half), axis=1)


def stop_radius(
    view: RingView,
    places: list[Candidate],
    *,
    open_now: bool,
    limit: int,
    dialect: str,
    max_distance_m: float,
) -> float:
    """The radius the direct search stops at: the full distance for a short text search or
    after the switch to the schedule index, else the first ring holding ``limit`` places."""
    if view.matching is not None and len(view.matching) <= DIRECT_MATCHES:
        return max_distance_m
    switchable = open_now and has_schedule_index(dialect)
    enough = places[limit - 1].distance_m if len(places) >= limit else math.inf
    inner: float | None = None
    radius = 0.0
    for radius in _radii(max_distance_m):
        if switchable and inner is not None:
            read, opened = view.box_counts(inner, dialect)
            if read >= SPARSE_AFTER_ROWS and opened < SPARSE_RATIO * read:
                return max_distance_m
        if enough <= radius:
            return radius
        inner = radius
    return radius
