"""Pure geo helpers, checked against geopy (no database)."""

import pytest
from geopy.distance import great_circle

from api.geo import Point, box_around, haversine_m, in_belgium, walking_minutes

BRUSSELS = Point(50.8467, 4.3525)


@pytest.mark.parametrize(
    "other",
    [
        Point(50.8759, 4.3484),
        Point(50.4674, 4.8718),
        Point(51.2194, 4.4025),
        Point(49.6116, 6.1319),
    ],
)
def test_haversine_matches_geopy_great_circle(other: Point) -> None:
    expected = great_circle((BRUSSELS.lat, BRUSSELS.lon), (other.lat, other.lon)).meters
    assert haversine_m(BRUSSELS, other) == pytest.approx(expected, rel=1e-6)


def test_distance_to_self_is_zero() -> None:
    assert haversine_m(BRUSSELS, BRUSSELS) == 0


@pytest.mark.parametrize("radius", [100.0, 1_000.0, 25_000.0])
def test_box_contains_the_circle_and_not_much_more(radius: float) -> None:
    box = box_around(BRUSSELS, radius)
    north = Point(box.max_lat, BRUSSELS.lon)
    east = Point(BRUSSELS.lat, box.max_lon)
    assert haversine_m(BRUSSELS, north) == pytest.approx(radius, rel=1e-3)
    assert haversine_m(BRUSSELS, east) == pytest.approx(radius, rel=1e-2)
    assert box.min_lat < BRUSSELS.lat < box.max_lat and box.min_lon < BRUSSELS.lon < box.max_lon


@pytest.mark.parametrize(
    ("lat", "lon", "inside"),
    [
        (50.85, 4.35, True),  # Brussels
        (49.55, 5.8, True),  # Arlon
        (51.50, 2.55, True),  # De Panne
        (48.86, 2.35, False),  # Paris
        (4.35, 50.85, False),  # swapped
        (52.37, 4.90, False),  # Amsterdam
    ],
)
def test_in_belgium(lat: float, lon: float, inside: bool) -> None:
    assert in_belgium(lat, lon) is inside


@pytest.mark.parametrize(
    ("distance_m", "minutes"),
    [
        (0, 1),  # next door is still a minute away
        (57, 1),  # 57 x 1.3 = 74.1 m, under a minute at 75 m/min
        (58, 2),  # 75.4 m: just over a minute, rounded up
        (1000, 18),  # 1300 m / 75 = 17.3
        (3000, 52),
    ],
)
def test_walking_minutes_detour_and_speed(distance_m: float, minutes: int) -> None:
    assert walking_minutes(distance_m) == minutes


def test_walking_minutes_uses_the_given_speed_and_detour() -> None:
    assert walking_minutes(1000, speed_m_per_min=50, detour_factor=1.0) == 20


def test_walking_minutes_refuses_a_negative_distance() -> None:
    with pytest.raises(ValueError, match="negative"):
        walking_minutes(-1)
