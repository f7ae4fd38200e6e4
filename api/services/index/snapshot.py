"""The located access points of one database state, in arrays: what the in-memory nearest
search reads instead of SQL.

Built from one core-SQL read (no ORM objects) of every place (kind other than phone line)
with a latitude and a longitude, plus the set of those that state a service area. The
filters of ``AccessPointFilters`` become boolean masks over these columns, with the SQL
semantics of ``api.services.filters.filter_conditions`` (a NULL never matches).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt
import orjson
import sqlalchemy as sa
from scipy.spatial import cKDTree
from sqlmodel import Session, col

from api.models import AccessPoint, AccessPointServiceArea
from api.models.common import Kind, Status
from api.services.filters import AccessPointFilters

BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]

_PLACES = sa.select(
    col(AccessPoint.pk),
    col(AccessPoint.id),
    col(AccessPoint.lat),
    col(AccessPoint.lon),
    col(AccessPoint.opening_hours),
    col(AccessPoint.organization_id),
    col(AccessPoint.kind),
    col(AccessPoint.status),
    # As text, decoded once per distinct value (``_sets``): a JSON decode per row would be
    # most of the time the snapshot takes to build.
    sa.cast(col(AccessPoint.themes), sa.Text),
    sa.cast(col(AccessPoint.languages), sa.Text),
    col(AccessPoint.nis_code),
    col(AccessPoint.postcode),
    col(AccessPoint.walk_in),
    col(AccessPoint.free_of_charge),
    col(AccessPoint.wheelchair),
).where(
    col(AccessPoint.lat).is_not(None),
    col(AccessPoint.lon).is_not(None),
    col(AccessPoint.kind) != Kind.PHONE_LINE.value,
)
_RESTRICTED = sa.select(col(AccessPointServiceArea.access_point_pk)).distinct()


def unit_vectors(lat: FloatArray, lon: FloatArray) -> FloatArray:
    """Points (WGS84 degrees) as unit vectors (n x 3): the straight-line (chord) distance
    between two of them grows with their great-circle distance, so the k nearest by chord
    are the k nearest by haversine, without projection error."""
    phi, lam = np.radians(lat), np.radians(lon)
    return np.column_stack((np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)))


EARTHDISTANCE_RADIUS_M = 6_378_168.0
"""The sphere of PostgreSQL's ``earthdistance`` (its ``earth()``)."""


def earth_points(lat: FloatArray, lon: FloatArray) -> FloatArray:
    """``ll_to_earth(lat, lon)`` for each point (n x 3, metres): ``earth() * cos(lat) *
    cos(lon)``, ``earth() * cos(lat) * sin(lon)``, ``earth() * sin(lat)``."""
    phi, lam = np.radians(lat), np.radians(lon)
    scaled = EARTHDISTANCE_RADIUS_M * np.cos(phi)
    return np.column_stack(
        (scaled * np.cos(lam), scaled * np.sin(lam), EARTHDISTANCE_RADIUS_M * np.sin(phi))
    )


def _float32_bounds(values: FloatArray) -> tuple[FloatArray, FloatArray]:
    # SQLite's R*Tree stores 32-bit floats, the lower bound rounded down and the upper one
    # rounded up: its box queries are reproduced on these bounds, not on the exact values.
    single = values.astype(np.float32)
    wider = single.astype(np.float64)
    down = np.where(wider > values, np.nextafter(single, np.float32(-np.inf)), single)
    up = np.where(wider < values, np.nextafter(single, np.float32(np.inf)), single)
    return down.astype(np.float64), up.astype(np.float64)


@dataclass(eq=False)
class Snapshot:
    """The located places at change sequence ``sequence``, row i of every column being the
    same place. ``schedule`` indexes ``schedules`` (the distinct ``opening_hours``, None
    included). Built by ``build_snapshot``."""

    sequence: int
    pks: npt.NDArray[np.int64]
    ids: list[str]
    organization_ids: list[str]
    lat: FloatArray
    lon: FloatArray
    schedule: npt.NDArray[np.int32]
    schedules: list[str | None]
    restricted: BoolArray
    columns: dict[str, Any]
    position: dict[int, int]
    masks: dict[AccessPointFilters, BoolArray] = field(default_factory=dict)
    admissions: dict[str, BoolArray] = field(default_factory=dict)

    def admitted(self, residence: str, serving: set[int]) -> BoolArray:
        """Which places admit a person living in ``residence`` (a NIS code): those that state
        no service area, and ``serving`` (the pks whose service area covers it, read from
        the database at this snapshot's sequence); memoised per residence."""
        found = self.admissions.get(residence)
        if found is None:
            found = ~self.restricted
            rows = [self.position[pk] for pk in serving if pk in self.position]
            found[rows] = True
            found.flags.writeable = False
            self.admissions[residence] = found
        return found

    def __len__(self) -> int:
        return len(self.ids)

    @cached_property
    def vectors(self) -> FloatArray:
        """The places as unit vectors (``unit_vectors``)."""
        return unit_vectors(self.lat, self.lon)

    @cached_property
    def tree(self) -> cKDTree:
        """A k-d tree of every place (for ``open=any``)."""
        return cKDTree(self.vectors)

    @cached_property
    def rtree_bounds(self) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
        """(min_lat, max_lat, min_lon, max_lon) as SQLite's R*Tree stores them."""
        return (*_float32_bounds(self.lat), *_float32_bounds(self.lon))

    @cached_property
    def earth_points(self) -> FloatArray:
        """The places as earthdistance's ``ll_to_earth`` gives them (metres on its sphere),
        computed in the same order of operations."""
        return earth_points(self.lat, self.lon)

    @cached_property
    def by_lat(self) -> tuple[npt.NDArray[np.intp], FloatArray]:
        """Row numbers sorted by latitude, and the sorted latitudes (box counts)."""
        order = np.argsort(self.lat, kind="stable")
        return order, self.lat[order]

    def mask(self, filters: AccessPointFilters) -> BoolArray:
        """Which places pass ``filters`` (its ``competent_for`` excepted: the caller applies
        competence), as ``filter_conditions`` decides in SQL; memoised per filter set."""
        found = self.masks.get(filters)
        if found is not None:
            return found
        c = self.columns
        keep = np.ones(len(self), dtype=bool)
        if not filters.include_inactive:
            keep &= c["status"] != Status.INACTIVE.value
        if filters.kind is not None:
            keep &= c["kind"] == filters.kind.value
        if filters.theme is not None:
            theme = filters.theme.value
            keep &= np.fromiter((theme in t for t in c["themes"]), bool, len(self))
        if filters.language is not None:
            language = filters.language
            keep &= np.fromiter((language in v for v in c["languages"]), bool, len(self))
        if filters.municipality is not None:
            keep &= c["nis_code"] == filters.municipality
        if filters.postcode is not None:
            keep &= c["postcode"] == filters.postcode
        for name in ("walk_in", "free_of_charge"):
            wanted = getattr(filters, name)
            if wanted is not None:
                keep &= c[name] == (1 if wanted else 0)
        if filters.wheelchair is not None:
            keep &= c["wheelchair"] == filters.wheelchair.value
        keep.flags.writeable = False
        self.masks[filters] = keep
        return keep


def _sets(values: Iterable[str | None]) -> list[frozenset[str]]:
    """Each JSON list (text) as a set of its strings, decoding each distinct text once."""
    decoded: dict[str | None, frozenset[str]] = {}
    out = []
    for value in values:
        found = decoded.get(value)
        if found is None:
            found = decoded[value] = frozenset(orjson.loads(value) if value else ())
        out.append(found)
    return out


def _flag(value: bool | None) -> int:
    return -1 if value is None else int(value)


def build_snapshot(*, session: Session, sequence: int) -> Snapshot:
    """Read the located places (one core-SQL query, plus one for the service areas) into a
    ``Snapshot`` stamped with ``sequence`` (read before, in the same session, so that a
    write committed meanwhile makes the next check rebuild rather than be missed)."""
    connection = session.connection()
    rows = connection.execute(_PLACES).all()
    restricted = {pk for (pk,) in connection.execute(_RESTRICTED)}
    schedules: list[str | None] = []
    number: dict[str | None, int] = {}
    schedule = np.empty(len(rows), dtype=np.int32)
    for i, row in enumerate(rows):
        value = row[4]
        found = number.get(value)
        if found is None:
            found = number[value] = len(schedules)
            schedules.append(value)
        schedule[i] = found
    pks = np.fromiter((r[0] for r in rows), np.int64, len(rows))
    columns: dict[str, Any] = {
        "kind": np.array([r[6] for r in rows], dtype=object),
        "status": np.array([r[7] for r in rows], dtype=object),
        "themes": _sets(r[8] for r in rows),
        "languages": _sets(r[9] for r in rows),
        "nis_code": np.array([r[10] for r in rows], dtype=object),
        "postcode": np.array([r[11] for r in rows], dtype=object),
        "walk_in": np.fromiter((_flag(r[12]) for r in rows), np.int8, len(rows)),
        "free_of_charge": np.fromiter((_flag(r[13]) for r in rows), np.int8, len(rows)),
        "wheelchair": np.array([r[14] for r in rows], dtype=object),
    }
    return Snapshot(
        sequence=sequence,
        pks=pks,
        ids=[r[1] for r in rows],
        organization_ids=[r[5] for r in rows],
        lat=np.fromiter((r[2] for r in rows), np.float64, len(rows)),
        lon=np.fromiter((r[3] for r in rows), np.float64, len(rows)),
        schedule=schedule,
        schedules=schedules,
        restricted=np.fromiter((int(pk) in restricted for pk in pks), bool, len(rows)),
        columns=columns,
        position={int(pk): i for i, pk in enumerate(pks)},
    )
