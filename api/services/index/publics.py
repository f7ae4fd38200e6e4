"""The public form of each listed access point, built once per database state and day.

A result's ``access_point`` (its fields, organization names, closures not yet ended) changes
only when a write changes the database, which moves the change sequence and replaces the
snapshot, or when the day changes (ended closures drop out). So the fast path keeps, on the
snapshot, each place's public form serialised (JSON, about 2 KB: a fifth of the model
objects) with the few facts of its row the results read, and reads only the missing ones.
The API's answers splice the JSON in (``SerialisedPublic``); the pages get the model again.
"""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api import hours
from api.models import AccessPoint, AccessPointPublic
from api.models.responses import SERVICE_AREA_LISTED_AT_MOST, ServiceScope
from api.services.access_points import load_closures, organization_names, to_public
from api.services.index.snapshot import Snapshot
from api.services.nearest.items import scope_of

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
class SerialisedPublic:
    """An access point's public form as JSON, standing for the ``AccessPointPublic`` in a
    result that is serialised by ``nearest.answer.assemble`` (never validated again):
    ``json`` in full, ``compact_json`` without a ``service_area`` of more than
    ``SERVICE_AREA_LISTED_AT_MOST`` municipalities (None when it is not that wide); its
    service area in short (``nearest.items.scope_of``; None: it states none)."""

    id: str
    scope: ServiceScope | None
    json: bytes
    compact_json: bytes | None


@dataclass(frozen=True, slots=True)
class PublicPart:
    """One access point as the answer shows it: the facts of its stored row, its public
    form serialised and its closures not ended before the day."""

    row: PlaceFacts
    public: SerialisedPublic
    closures: list[hours.Closure]

    def model(self) -> AccessPointPublic:
        """The public form as the model (for the pages), from its JSON."""
        return AccessPointPublic.model_validate_json(self.public.json)


PUBLICS_KEPT = 16_384
"""Public forms kept per snapshot at most (about 1.8 KB each, 30 MB): past it the memo starts
afresh, so that a worker's memory does not grow with the number of places ever listed."""

_PUBLIC = AccessPointPublic.__pydantic_serializer__
_WITHOUT_AREA = {"service_area"}


def serialise_public(public: AccessPointPublic) -> SerialisedPublic:
    """``public`` serialised, in full and (when its service area is wide) compact."""
    wide = len(public.service_area or ()) > SERVICE_AREA_LISTED_AT_MOST
    return SerialisedPublic(
        id=public.id,
        scope=None if public.service_area is None else scope_of(tuple(public.service_area)),
        json=_PUBLIC.to_json(public),
        compact_json=_PUBLIC.to_json(public, exclude=_WITHOUT_AREA) if wide else None,
    )


def public_parts(
    *, session: Session, snapshot: Snapshot, pks: list[int], day: date
) -> dict[int, PublicPart]:
    """The ``PublicPart`` of each of ``pks`` on ``day`` (Brussels), from the snapshot's memo;
    the missing ones are read (three queries: rows, closures, organization names) and kept.
    The memo starts afresh each day, and past ``PUBLICS_KEPT`` forms."""
    if snapshot.publics_day != day or len(snapshot.publics) > PUBLICS_KEPT:
        # A new dict, not a cleared one: a request still reading yesterday's keeps its own.
        snapshot.publics = {}
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
            memo[row.pk] = PublicPart(facts, serialise_public(public), own)
    return {pk: memo[pk] for pk in pks}
