"""The nearest few of many rows within a radius, and how many there are, measuring few.

The group of places with unknown hours counts every such place within a radius (up to
5 km: hundreds in a city at night) and lists the nearest five. Measuring each with the
haversine, in Python, was a third of a sparse answer. Distances from the rows' chords on
the unit sphere count and order them at once; the haversine, which decides, is measured
only where the two could disagree. Pure: no database, no clock.
"""

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from api.geo import EARTH_RADIUS_M
from api.services.nearest.places import Candidate

ROUNDING_M = 0.01
"""Metres between a distance from a chord and the haversine's, at most, with a wide margin:
both are exact to about a nanometre at these distances."""


def nearest_within(
    rows: npt.NDArray[np.intp],
    chords: npt.NDArray[np.float64],
    *,
    radius_m: float,
    count: int,
    measure: Callable[[int], Candidate],
) -> tuple[list[Candidate], int]:
    """The ``count`` nearest of ``rows`` within ``radius_m`` metres, by ``measure``'s
    distance then id (``measure(row)``: the row as a result, measured by
    ``api.geo.haversine_m``), and how many rows are within it. ``chords``: each row's chord
    from the origin on the unit sphere (same order). The answer is the one measuring every
    row would give; ``measure`` is called for the rows within ``ROUNDING_M`` of the radius
    and for those that may be among the first ``count``."""
    if not len(rows):
        return [], 0
    distances = 2 * EARTH_RADIUS_M * np.arcsin(np.minimum(chords / 2, 1.0))
    edge = rows[np.abs(distances - radius_m) <= ROUNDING_M].tolist()
    within = int(np.count_nonzero(distances < radius_m - ROUNDING_M)) + sum(
        1 for i in edge if measure(i).distance_m <= radius_m
    )
    reach = distances <= radius_m + ROUNDING_M
    rows, distances = rows[reach], distances[reach]
    if count < len(rows):
        # Any of the first ``count`` by the haversine is within twice the rounding of the
        # count-th by the chords.
        cutoff = np.partition(distances, count - 1)[count - 1]
        rows = rows[distances <= cutoff + 2 * ROUNDING_M]
    kept = [c for c in map(measure, rows.tolist()) if c.distance_m <= radius_m]
    kept.sort(key=lambda c: (c.distance_m, c.id))
    return kept[:count], within
