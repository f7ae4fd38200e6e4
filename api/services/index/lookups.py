"""What ``nearest`` asked the database besides the places, answered from memory.

Per snapshot (one database state, see ``snapshot``): the pks that state a service area, and
memos of the per-residence answers (the pks serving a municipality, the competent places
and their positions, the phone lines serving it), each the very rows the SQL gives, read
once per snapshot and residence. Per process: the postcodes and municipalities (reference
data, loaded with the seed and not edited through the API), for the origin's municipality
and the residence.

A memo keyed by the snapshot dies with it: a write moves the change sequence, the next
request builds a new snapshot, and the memos start empty.
"""

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt
import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.geo import Point
from api.models import Municipality, Postcode
from api.models.common import Region

T = TypeVar("T")

# The same spans as ``reference.municipality_near``'s SQL, widest last.
_SPANS = (0.05, 0.15, 0.5)


@dataclass(eq=False)
class Memo:
    """Answers remembered for one snapshot: ``restricted`` (pks that state a service area)
    and any per-key value (``remember``). Shared by the threads of a process: values are
    computed outside any lock; two threads may compute the same one, both equal."""

    restricted: frozenset[int]
    values: dict[Hashable, Any] = field(default_factory=dict)

    def remember(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value for ``key``, computed by ``compute()`` the first time."""
        try:
            value: T = self.values[key]
        except KeyError:
            value = self.values[key] = compute()
        return value


@dataclass(frozen=True, eq=False)
class ReferencePlaces:
    """The postcodes (GeoNames localities with their municipality) and the municipalities,
    in memory: ``municipality_near`` and ``municipality`` answer as their SQL would."""

    lat: npt.NDArray[np.float64]
    lon: npt.NDArray[np.float64]
    nis: list[str]
    postcode_rows: dict[str, list[tuple[float, float, str | None]]]
    municipalities: dict[str, tuple[str, str | None, Region]]

    def municipality_near(self, point: Point) -> str | None:
        """NIS code of the municipality of the postcode locality nearest to ``point``
        (WGS84 degrees): ``api.services.reference.municipality_near`` without SQL."""
        for span in _SPANS:
            inside = np.flatnonzero(
                (np.abs(self.lat - point.lat) <= span) & (np.abs(self.lon - point.lon) <= span)
            )
            if len(inside):
                squared = (self.lat[inside] - point.lat) ** 2 + (self.lon[inside] - point.lon) ** 2
                return self.nis[int(inside[int(np.argmin(squared))])]
        return None

    def postcode(self, postcode: str) -> list[tuple[float, float, str | None]]:
        """The localities of ``postcode`` as (lat, lon, NIS code or None), by id."""
        return self.postcode_rows.get(postcode, [])

    def municipality(self, nis_code: str) -> tuple[str, str | None, Region] | None:
        """(French name, Dutch name, region) of the municipality ``nis_code``, or None."""
        return self.municipalities.get(nis_code)


def read_reference_places(*, session: Session) -> ReferencePlaces:
    """Every postcode locality and municipality (two core-SQL reads, a few thousand rows)."""
    connection = session.connection()
    rows = connection.execute(
        sa.select(
            col(Postcode.postcode), col(Postcode.lat), col(Postcode.lon), col(Postcode.nis_code)
        ).order_by(col(Postcode.id))
    ).all()
    postcode_rows: dict[str, list[tuple[float, float, str | None]]] = {}
    for code, lat, lon, nis in rows:
        postcode_rows.setdefault(code, []).append((lat, lon, nis))
    located = [(lat, lon, nis) for _, lat, lon, nis in rows if nis is not None]
    municipalities = {
        nis: (name_fr, name_nl, region)
        for nis, name_fr, name_nl, region in connection.execute(
            select(
                col(Municipality.nis_code),
                col(Municipality.name_fr),
                col(Municipality.name_nl),
                col(Municipality.region),
            )
        )
    }
    return ReferencePlaces(
        lat=np.array([r[0] for r in located], dtype=np.float64),
        lon=np.array([r[1] for r in located], dtype=np.float64),
        nis=[r[2] for r in located],
        postcode_rows=postcode_rows,
        municipalities=municipalities,
    )
