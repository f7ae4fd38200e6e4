"""Geographic helpers: great-circle distance, search boxes, Belgium's extent.

Pure: no FastAPI, no database. Coordinates are WGS84 degrees, distances metres.
"""

import math
from dataclasses import dataclass

EARTH_RADIUS_M = 6_371_008.8  # IUGG mean Earth radius, as used by geopy's great_circle

# Belgium's extent (about 49.50-51.51 N, 2.54-6.41 E) widened by ~10 km so that places on
# the border and a caller just across it are accepted; anything further is a typo.
BELGIUM_LAT = (49.40, 51.60)
BELGIUM_LON = (2.40, 6.55)


@dataclass(frozen=True, slots=True)
class Point:
    """A WGS84 position in degrees."""

    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Box:
    """A lat/lon bounding box in degrees (inclusive)."""

    min_lat: float
    max_lat: float
    min_lon: float
    max_lon: float


def in_belgium(lat: float, lon: float) -> bool:
    """True when the point lies within Belgium's extent plus a ~10 km margin."""
    return BELGIUM_LAT[0] <= lat <= BELGIUM_LAT[1] and BELGIUM_LON[0] <= lon <= BELGIUM_LON[1]


def haversine_m(a: Point, b: Point) -> float:
    """Great-circle distance in metres between two points (haversine formula, spherical
    Earth of mean radius 6 371 008.8 m; within 0.5 % of the geodesic)."""
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
    dlat = lat2 - lat1
    dlon = math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def box_around(origin: Point, radius_m: float) -> Box:
    """The smallest lat/lon box that contains every point within ``radius_m`` metres of
    ``origin`` (valid away from the poles, which Belgium is)."""
    dlat = math.degrees(radius_m / EARTH_RADIUS_M)
    dlon = math.degrees(radius_m / (EARTH_RADIUS_M * math.cos(math.radians(origin.lat))))
    return Box(origin.lat - dlat, origin.lat + dlat, origin.lon - dlon, origin.lon + dlon)


# Walking estimates (issue 5, "will it still be open when they get there?").
# Speed: 4.5 km/h = 75 m/min, a little under the 5 km/h of route planners, because the people
# sent to a counter are often older, with children or unwell; studies of pedestrian speed put
# older adults at 1.1-1.3 m/s (4.0-4.7 km/h) against ~1.4 m/s for young adults (e.g. Bohannon
# & Andrews 2011, "Normal walking speed: a descriptive meta-analysis", Physiotherapy 97:182).
# Detour: streets are longer than the straight line; the circuity of urban street networks is
# about 1.2-1.4 (Levinson & El-Geneidy 2009, "The minimum circuity frontier and the
# journey to work", Regional Science and Urban Economics 39:732); 1.3 is the middle of it.
WALKING_SPEED_M_PER_MIN = 75.0
WALKING_DETOUR_FACTOR = 1.3


def walking_minutes(
    distance_m: float,
    *,
    speed_m_per_min: float = WALKING_SPEED_M_PER_MIN,
    detour_factor: float = WALKING_DETOUR_FACTOR,
) -> int:
    """Estimated walk, in whole minutes rounded up (at least 1), for a straight-line distance
    of ``distance_m`` metres: ``distance_m * detour_factor / speed_m_per_min``. An estimate
    for routing a person, not a route: no street network is read."""
    if distance_m < 0:
        raise ValueError("distance_m must not be negative")
    return max(1, math.ceil(distance_m * detour_factor / speed_m_per_min))
