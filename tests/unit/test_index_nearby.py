"""The nearest few within a radius counted from chords (api.services.index.nearby), against
measuring every row with the haversine, on generated points (synthetic, seeded): rows on
the radius itself and several rows at one position (ties broken by id) included."""

import random

import numpy as np
import pytest

from api.geo import Point, haversine_m
from api.services.index.nearby import nearest_within
from api.services.index.snapshot import unit_vectors
from api.services.nearest.places import Candidate

ORIGIN = Point(50.8466, 4.3528)


def places(seed: int, count: int) -> tuple[np.ndarray, np.ndarray, list[str]]:
    rng = random.Random(seed)
    lat = [ORIGIN.lat + rng.uniform(-0.06, 0.06) for _ in range(count)]
    lon = [ORIGIN.lon + rng.uniform(-0.09, 0.09) for _ in range(count)]
    for k in range(0, count, 7):  # buildings holding several places
        lat[k], lon[k] = lat[0], lon[0]
    ids = [f"ap-{rng.randrange(10**6):06d}-{k}" for k in range(count)]
    return np.array(lat), np.array(lon), ids


def every_row(lat: np.ndarray, lon: np.ndarray, ids: list[str], radius_m: float) -> list[Candidate]:
    measured = [
        Candidate(haversine_m(ORIGIN, Point(float(a), float(b))), ids[i], i)
        for i, (a, b) in enumerate(zip(lat, lon, strict=True))
    ]
    kept = [c for c in measured if c.distance_m <= radius_m]
    return sorted(kept, key=lambda c: (c.distance_m, c.id))


@pytest.mark.parametrize("seed", range(12))
def test_the_count_and_the_nearest_are_those_of_every_row_measured(seed: int) -> None:
    lat, lon, ids = places(seed, 400)
    rows = np.arange(len(lat))
    vector = unit_vectors(np.array([ORIGIN.lat]), np.array([ORIGIN.lon]))[0]
    chords = np.linalg.norm(unit_vectors(lat, lon) - vector, axis=1)
    measured: list[int] = []

    def measure(i: int) -> Candidate:
        measured.append(i)
        return Candidate(haversine_m(ORIGIN, Point(float(lat[i]), float(lon[i]))), ids[i], i)

    rng = random.Random(seed)
    # A radius exactly at some row's distance (that row is within), or any radius.
    on_a_row = haversine_m(ORIGIN, Point(float(lat[seed]), float(lon[seed])))
    for radius in (on_a_row, rng.uniform(100, 6000), 0.0, 20_000.0):
        for count in (1, 5, 50, 1000):
            expected = every_row(lat, lon, ids, radius)
            measured.clear()
            found, within = nearest_within(
                rows, chords, radius_m=radius, count=count, measure=measure
            )
            assert within == len(expected)
            assert found == expected[:count]
            if count == 5 and len(expected) > 50:
                assert len(measured) < len(expected) // 2  # measured only where it decides


def test_nothing_to_measure() -> None:
    found = nearest_within(
        np.zeros(0, dtype=np.intp),
        np.zeros(0),
        radius_m=5000,
        count=5,
        measure=None,  # type: ignore[arg-type]
    )
    assert found == ([], 0)
