"""The public form of each listed access point, built once per database state and day.

A result's ``access_point`` (its fields, organization names, closures not yet ended) changes
only when a write changes the database, which moves the change sequence and replaces the
snapshot, or when the day changes (ended closures drop out). So the fast path keeps, on the
snapshot, each place's public form and a detached copy of its row (never attached to any
session: the request's own objects stay untouched), and reads only the missing ones.
"""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api import hours
from api.models import AccessPoint, AccessPointPublic
from api.services.access_points import load_closures, organization_names, to_public
from api.services.index.snapshot import Snapshot

_ROWS_BY_PK = select(AccessPoint).where(
    col(AccessPoint.pk).in_(sa.bindparam("pks", expanding=True))
)


@dataclass(frozen=True, slots=True)
class PlaceFacts:
    """What a result reads of a stored row besides its public form (a ``Located``): a
    few fields, not a copy of the row (a tenth of its memory)."""

    id: str
    organization_id: str
    opening_hours: str | None
    lat: float | None
    lon: float | None
    location_precision: str | None


@dataclass(frozen=True, slots=True)
class PublicPart:
    """One access point as the answer shows it: the facts of its stored row, its public
    form and its closures not ended before the day."""

    row: PlaceFacts
    public: AccessPointPublic
    closures: list[hours.Closure]


PUBLICS_KEPT = 4096
"""Public forms kept per snapshot at most (about 7 KB each): past it the memo starts afresh,
so that a worker's memory does not grow with the number of places ever listed."""


def public_parts(
    *, session: Session, snapshot: Snapshot, pks: list[int], day: date
) -> dict[int, PublicPart]:
    """The ``PublicPart`` of each of ``pks`` on ``day`` (Brussels), from the snapshot's memo;
    the missing ones are read (three queries: rows, closures, organization names) and kept.
    The memo starts afresh each day, and past ``PUBLICS_KEPT`` forms."""
    if snapshot.publics_day != day or len(snapshot.publics) > PUBLICS_KEPT:
        # A new dict, not a cleared one: a request still reading yesterday's keeps its own.
        snapshot.publics = {}
        snapshot.public_json = {}
        snapshot.publics_day = day
    memo = snapshot.publics
    missing = [pk for pk in pks if pk not in memo]
    if missing:
        rows = list(session.execute(_ROWS_BY_PK, {"pks": missing}).scalars())
        closures = load_closures(session=session, access_points=rows, from_day=day)
        names = organization_names(session=session, ids=(r.organization_id for r in rows))
        for row in rows:
            name, name_nl = names.get(row.organization_id, ("", None))
            own = closures.get(row.id, [])
            public = to_public(
                row, organization_name=name, organization_name_nl=name_nl, closures=own
            )
            assert row.pk is not None
            facts = PlaceFacts(
                row.id,
                row.organization_id,
                row.opening_hours,
                row.lat,
                row.lon,
                row.location_precision,
            )
            memo[row.pk] = PublicPart(facts, public, own)
    return {pk: memo[pk] for pk in pks}
