"""The located access points of one database state, in arrays: what the in-memory nearest
search reads instead of SQL.

Built from one core-SQL read (no ORM objects) of every place (kind other than phone line)
with a latitude and a longitude, plus the set of those that state a service area. The
filters of ``AccessPointFilters`` become boolean masks over these columns, with the SQL
semantics of ``api.services.filters.filter_conditions`` (a NULL never matches).
"""

from dataclasses import dataclass, field
from datetime import date
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
from api.services.index.cells import LatLonCells
from api.services.index.lookups import Memo

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
    organization_codes: npt.NDArray[np.int32]
    organizations: list[str]
    lat: FloatArray
    lon: FloatArray
    schedule: npt.NDArray[np.int32]
    schedules: list[str | None]
    restricted: BoolArray
    columns: dict[str, Any]
    position: dict[int, int]
    masks: dict[AccessPointFilters, BoolArray] = field(default_factory=dict)
    admissions: dict[str, BoolArray] = field(default_factory=dict)
    publics: dict[int, Any] = field(default_factory=dict)
    """The public forms of the places listed so far (``publics.public_parts``)."""
    publics_day: date | None = None
    memo: Memo = field(default_factory=lambda: Memo(restricted=frozenset()))
    """What else ``nearest`` asks, remembered for this database state (``lookups``)."""

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

    def searched(
        self, rows: npt.NDArray[np.intp], matching: set[int] | None, exclude: frozenset[int]
    ) -> npt.NDArray[np.intp]:
        """Those of ``rows`` whose pk is in ``matching`` (None: any) and not in ``exclude``."""
        if matching is None and not exclude:
            return rows
        pks = self.pks[rows]
        keep = np.ones(len(rows), dtype=bool)
        if matching is not None:
            keep &= np.isin(pks, np.fromiter(matching, np.int64, len(matching)))
        if exclude:
            keep &= ~np.isin(pks, np.fromiter(exclude, np.int64, len(exclude)))
        return rows[keep]

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
    def cells(self) -> LatLonCells:
        """The rows grouped for box queries (the ring counts)."""
        return LatLonCells(self.lat, self.lon)

    def _equals(self, name: str, value: str) -> BoolArray:
        """Which places have ``value`` in the categorical column ``name``."""
        codes, numbers, _ = self.columns[name]
        return np.asarray(codes == numbers.get(value, -1))

    def organization_id(self, i: int) -> str:
        """The organization of row ``i``."""
        return str(self.organizations[int(self.organization_codes[i])])

    def mask(self, filters: AccessPointFilters) -> BoolArray:
        """Which places pass ``filters`` (its ``competent_for`` excepted: the caller applies
        competence), as ``filter_conditions`` decides in SQL; memoised per filter set."""
        found = self.masks.get(filters)
        if found is not None:
            return found
        keep = np.ones(len(self), dtype=bool)
        if not filters.include_inactive:
            keep &= ~self._equals("status", Status.INACTIVE.value)
        for name, wanted in (
            ("kind", filters.kind),
            ("nis_code", filters.municipality),
            ("postcode", filters.postcode),
            ("wheelchair", filters.wheelchair),
        ):
            if wanted is not None:
                keep &= self._equals(name, str(wanted))
        for name, element in (("themes", filters.theme), ("languages", filters.language)):
            if element is not None:
                codes, _, sets = self.columns[name]
                holds = np.array([str(element) in values for values in sets], dtype=bool)
                keep &= holds[codes]
        for name in ("walk_in", "free_of_charge"):
            wanted = getattr(filters, name)
            if wanted is not None:
                keep &= self.columns[name] == (1 if wanted else 0)
        keep.flags.writeable = False
        self.masks[filters] = keep
        return keep


class _Codes:
    """Small integer codes for the values of a column (their vocabulary in first-seen
    order): a place's kind, status, municipality... cost 4 bytes, not a string each."""

    def __init__(self) -> None:
        self.values: list[Any] = []
        self.numbers: dict[Any, int] = {}
        self.codes: list[int] = []

    def add(self, value: Any) -> None:
        number = self.numbers.get(value)
        if number is None:
            number = self.numbers[value] = len(self.values)
            self.values.append(value)
        self.codes.append(number)

    def column(self) -> tuple[npt.NDArray[np.int32], dict[Any, int], list[Any]]:
        return np.array(self.codes, dtype=np.int32), self.numbers, self.values


_CATEGORIES = ("kind", "status", "themes", "languages", "nis_code", "postcode", "wheelchair")


def _as_set(text: str | None) -> frozenset[str]:
    return frozenset(orjson.loads(text) if text else ())


def build_snapshot(*, session: Session, sequence: int) -> Snapshot:
    """Read the located places (one core-SQL query, plus one for the service areas) into a
    ``Snapshot`` stamped with ``sequence`` (read before, in the same session, so that a write
    committed meanwhile makes the next check rebuild rather than be missed). Categorical
    columns are stored as codes (``_Codes``)."""
    connection = session.connection()
    restricted = {pk for (pk,) in connection.execute(_RESTRICTED)}
    pks: list[int] = []
    ids: list[str] = []
    lat: list[float] = []
    lon: list[float] = []
    flags: dict[str, list[int]] = {"walk_in": [], "free_of_charge": []}
    schedules, organizations = _Codes(), _Codes()
    categories = {name: _Codes() for name in _CATEGORIES}
    row: Any  # untyped: the statement's columns are nullable, the query's rows are not
    for row in connection.execute(_PLACES):
        pk, ap_id, row_lat, row_lon, hours_value, org_id = row[:6]
        pks.append(pk)
        ids.append(ap_id)
        lat.append(row_lat)
        lon.append(row_lon)
        schedules.add(hours_value)
        organizations.add(org_id)
        for name, value in zip(_CATEGORIES, row[6:12] + row[14:15], strict=True):
            categories[name].add(value)
        flags["walk_in"].append(_flag(row[12]))
        flags["free_of_charge"].append(_flag(row[13]))
    columns: dict[str, Any] = {name: codes.column() for name, codes in categories.items()}
    for name in ("themes", "languages"):
        codes, _, texts = columns[name]
        columns[name] = (codes, None, [_as_set(text) for text in texts])
    columns |= {name: np.array(values, dtype=np.int8) for name, values in flags.items()}
    pk_array = np.array(pks, dtype=np.int64)
    organization_codes, _, organization_values = organizations.column()
    schedule_codes, _, schedule_values = schedules.column()
    return Snapshot(
        sequence=sequence,
        pks=pk_array,
        ids=ids,
        organization_codes=organization_codes,
        organizations=organization_values,
        lat=np.array(lat, dtype=np.float64),
        lon=np.array(lon, dtype=np.float64),
        schedule=schedule_codes,
        schedules=schedule_values,
        restricted=np.fromiter((pk in restricted for pk in pks), bool, len(pks)),
        memo=Memo(restricted=frozenset(restricted)),
        columns=columns,
        position={pk: i for i, pk in enumerate(pks)},
    )


def _flag(value: bool | None) -> int:
    return -1 if value is None else int(value)
