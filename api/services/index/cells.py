"""The rows in a latitude/longitude box, found without looking at the others.

The ring counts (``rings.RingView.box_counts``) test every row of a box exactly, as the
engine's own spatial index does. Taking the rows of a whole latitude band first meant, at
8 or 16 km, a strip across all of Wallonia: a fifth of the places tested for one box. Here
the rows are grouped in bands of ``BAND_DEGREES`` of latitude and sorted by longitude
within each band, so that the rows of a box are one run per band, found by binary search.
Pure numpy: no database, no clock.
"""

import math

import numpy as np
import numpy.typing as npt

from api.geo import Box

BAND_DEGREES = 0.02
"""Height of a band in degrees of latitude (2.2 km): a 1 km box reads one or two bands, a
50 km one about twenty-five runs."""

_EDGE = 1e-7
"""Degrees added around a box's longitudes: the keys' rounding (about 1e-11 degrees) can
never leave out a row on the edge. The rows found are a superset; the caller tests them."""


class LatLonCells:
    """Row numbers of points (``lat``, ``lon``: WGS84 degrees, one per row) grouped for
    box queries (``rows_in``)."""

    def __init__(self, lat: npt.NDArray[np.float64], lon: npt.NDArray[np.float64]) -> None:
        self._size = len(lat)
        self._lat_base = float(lat.min()) if self._size else 0.0
        self._lon_base = float(lon.min()) if self._size else 0.0
        self._span = float(lon.max()) - self._lon_base if self._size else 0.0
        # One sorted key per row: band * stride + longitude offset. The stride leaves a gap
        # wider than any clipped offset between two bands, so a search never crosses one.
        self._stride = self._span + 2.0
        band = np.floor((lat - self._lat_base) / BAND_DEGREES).astype(np.int64)
        self._bands = int(band.max()) + 1 if self._size else 0
        self._order: npt.NDArray[np.intp] = np.lexsort((lon, band))
        self._keys = band[self._order] * self._stride + (lon[self._order] - self._lon_base)

    def rows_in(self, box: Box) -> npt.NDArray[np.intp]:
        """The rows whose point lies in ``box`` (bounds included), and perhaps some others
        of the same bands just outside it (never fewer): the caller's exact test decides.
        In no particular order."""
        if not self._size:
            return np.zeros(0, dtype=np.intp)
        first = max(0, math.floor((box.min_lat - self._lat_base) / BAND_DEGREES))
        last = min(self._bands - 1, math.floor((box.max_lat - self._lat_base) / BAND_DEGREES))
        if last < first:
            return np.zeros(0, dtype=np.intp)
        bands = np.arange(first, last + 1, dtype=np.float64) * self._stride
        # Offsets clipped into [-0.5, span + 0.5]: within the band's own stretch of keys.
        low = min(max(box.min_lon - self._lon_base - _EDGE, -0.5), self._span + 0.5)
        high = min(max(box.max_lon - self._lon_base + _EDGE, -0.5), self._span + 0.5)
        starts = np.searchsorted(self._keys, bands + low, side="left")
        ends = np.searchsorted(self._keys, bands + high, side="right")
        lengths = np.maximum(ends - starts, 0)  # none for a box upside down
        total = int(lengths.sum())
        if not total:
            return np.zeros(0, dtype=np.intp)
        # The runs laid end to end: position p of run j is starts[j] + (p - run j's offset).
        offsets = np.cumsum(lengths) - lengths
        positions = np.arange(total) + np.repeat(starts - offsets, lengths)
        return self._order[positions]
