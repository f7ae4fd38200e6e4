"""The rows of a box found by bands of latitude (api.services.index.cells), against a test
of every row, on generated points (synthetic, seeded), boxes on the points' own edges
included."""

import numpy as np
import pytest

from api.geo import Box
from api.services.index.cells import BAND_DEGREES, LatLonCells

RNG_SEED = 20261205


def points(count: int) -> tuple[np.ndarray, np.ndarray]:
    """Generated places over Brussels and Wallonia, a tenth of them stacked on a few exact
    positions (several places in one building)."""
    rng = np.random.default_rng(RNG_SEED)
    lat = rng.uniform(49.5, 50.9, count)
    lon = rng.uniform(2.8, 6.4, count)
    stacked = rng.integers(0, count, count // 10)
    if len(stacked):
        lat[stacked] = lat[stacked[0]]
        lon[stacked] = lon[stacked[0]]
    return lat, lon


def boxes(lat: np.ndarray, lon: np.ndarray, count: int) -> list[Box]:
    """Boxes from 10 m to 100 km, some around the data, some on a point's exact bounds."""
    rng = np.random.default_rng(RNG_SEED + 1)
    found = [
        Box(49.0, 51.5, 2.0, 7.0),  # all of it
        Box(40.0, 41.0, 2.0, 7.0),  # south of it
        Box(50.0, 50.5, 8.0, 9.0),  # east of it
        Box(50.0, 50.5, -3.0, 2.0),  # west of it
        Box(50.2, 50.1, 3.0, 4.0),  # empty: upside down
    ]
    for _ in range(count):
        i = int(rng.integers(0, len(lat)))
        half = float(rng.choice([1e-4, 5e-3, 0.05, 0.2, 0.5]))
        found.append(Box(lat[i] - half, lat[i] + half, lon[i] - half, lon[i] + half))
        # A box whose edges are points' own coordinates (bounds included).
        j, k = (int(x) for x in rng.integers(0, len(lat), 2))
        found.append(Box(min(lat[j], lat[k]), max(lat[j], lat[k]), min(lon[j], lon[k]), lon[i]))
        found.append(Box(lat[i], lat[i], lon[i], lon[i]))
    return found


@pytest.mark.parametrize("count", [0, 1, 7, 20_000])
def test_rows_in_a_box_are_all_found_and_few_others(count: int) -> None:
    lat, lon = points(count) if count else (np.zeros(0), np.zeros(0))
    cells = LatLonCells(lat, lon)
    for box in boxes(lat, lon, 60) if count else [Box(49.0, 51.0, 2.0, 7.0)]:
        found = cells.rows_in(box)
        inside = np.flatnonzero(
            (lat >= box.min_lat)
            & (lat <= box.max_lat)
            & (lon >= box.min_lon)
            & (lon <= box.max_lon)
        )
        assert set(inside.tolist()) <= set(found.tolist()), box
        assert len(set(found.tolist())) == len(found)  # no row twice
        # The others are only those of the box's own bands, within its longitudes.
        assert np.all(lon[found] >= box.min_lon - 1e-6)
        assert np.all(lon[found] <= box.max_lon + 1e-6)
        assert np.all(lat[found] >= box.min_lat - BAND_DEGREES)
        assert np.all(lat[found] <= box.max_lat + BAND_DEGREES)


def test_a_small_box_reads_few_rows_of_a_large_set() -> None:
    lat, lon = points(20_000)
    cells = LatLonCells(lat, lon)
    # About 1 km around a place: a strip of latitude would hold ~200 rows, the box ~1.
    box = Box(lat[5] - 0.005, lat[5] + 0.005, lon[5] - 0.007, lon[5] + 0.007)
    found = cells.rows_in(box)
    assert 5 in found.tolist()
    assert len(found) < 20
