"""The results of ``nearest`` as the API gives them: each access point's public form and
opening, with its distance, walk and state on arrival when it has a place."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from pydantic import TypeAdapter
from sqlmodel import Session, col, select
from typing_extensions import TypedDict

from api.geo import Point, haversine_m, walking_minutes
from api.hours import OpeningState
from api.i18n import DEFAULT_LANGUAGE, Language
from api.models import AccessPoint
from api.models.access_point import AccessPointPublic
from api.models.common import Precision, region_of_municipality
from api.models.responses import NearestItem, OpeningPublic, Origin, Residence, ServiceScope
from api.services.access_points import read_pairs
from api.services.nearest.arrival import ArrivalCheck
from api.services.nearest.competence import Competence
from api.services.nearest.places import Candidate
from api.services.place_hours import Located, coordinates_of

if TYPE_CHECKING:
    # Only for the annotation: the index package reads the nearest package's constants.
    from api.services.index import MinuteState, NearestIndex
    from api.services.index.publics import SerialisedPublic

_Tail = TypedDict(  # type: ignore[misc]
    "_Tail",
    {
        name: field.annotation
        for name, field in NearestItem.model_fields.items()
        if name != "access_point"
    },
)
_TAIL = TypeAdapter(_Tail).serializer
"""A result's fields after its access point, written by the serialisers ``NearestItem``
uses for them, in its order: its JSON without building the model (three times cheaper)."""


@dataclass(frozen=True, slots=True)
class SerialisedItem:
    """A result as ``nearest.answer.assemble`` writes it on the index's path: its access
    point's public form serialised, and the rest of its fields as JSON (``tail``: the
    object's members after ``"access_point"``, closing brace included)."""

    access_point: "SerialisedPublic"
    tail: bytes


ROWS_BY_PK = select(AccessPoint).where(col(AccessPoint.pk).in_(sa.bindparam("pks", expanding=True)))
"""The access points whose pk is in the bound list ``pks`` (one expanding parameter)."""


def describe_places(
    *,
    session: Session,
    origin: Origin,
    pks: list[int],
    at: datetime,
    residence: Residence | None,
    lang: Language = DEFAULT_LANGUAGE,
) -> list[NearestItem]:
    """``pks`` as results seen from ``origin`` at ``at``, in the given order: each with its
    distance and walk when it has a place (else null), its opening in ``lang`` and whether
    it serves ``residence``, as ``find_nearest`` gives them."""
    point = Point(origin.lat, origin.lon)
    rows = {p.pk: p for p in session.execute(ROWS_BY_PK, {"pks": pks}).scalars() if p.pk}
    listed: list[Candidate | int] = []
    for pk in pks:
        row = rows[pk]
        if row.lat is None or row.lon is None:
            listed.append(pk)
        else:
            distance = haversine_m(point, Point(row.lat, row.lon))
            listed.append(Candidate(distance, row.id, pk))
    farthest = max((c.distance_m for c in listed if isinstance(c, Candidate)), default=0.0)
    arrival = ArrivalCheck(session=session, at=at, max_distance_m=farthest)
    serves = Competence(session=session, residence=residence)
    items = build_items(
        session=session, listed=listed, at=at, arrival=arrival, serves=serves, lang=lang
    )
    return [item for item in items if isinstance(item, NearestItem)]  # all are: not serialised


def build_items(
    *,
    session: Session,
    listed: list[Candidate | int],
    at: datetime,
    arrival: ArrivalCheck,
    serves: Competence,
    lang: Language,
    index: "NearestIndex | None" = None,
    minute: "MinuteState | None" = None,
    serialised: bool = False,
) -> list[NearestItem | SerialisedItem]:
    """The results ``listed`` (located candidates, or pks of access points without a place)
    as ``NearestItem``s in that order: public form, opening in ``lang`` at ``at``, distance,
    walk and arrival, whether each serves the residence of ``serves``. With ``index`` and
    its ``minute`` state of ``at``, the public forms and openings come from their memos
    (the same values); with ``serialised`` too, each result is a ``SerialisedItem``, for
    ``nearest.answer.assemble`` only."""
    pks = [c.pk if isinstance(c, Candidate) else c for c in listed]
    flags = serves.flags(pks)
    rows: Mapping[int, Located]
    if index is not None and minute is not None:
        # The public forms from the index's memo, the openings from its minute's.
        rows, pairs = index.read_pairs(
            session=session, minute=minute, pks=pks, at=at, lang=lang, serialised=serialised
        )
    else:
        stored = {p.pk: p for p in session.execute(ROWS_BY_PK, {"pks": pks}).scalars() if p.pk}
        models = read_pairs(session=session, points=[stored[pk] for pk in pks], at=at, lang=lang)
        pairs = list(models)
        rows = stored
    # The arrivals still to evaluate at sun-time places, in one call (see ``_item``).
    arrival.prefetch(
        [
            (
                rows[entry.pk].id,
                rows[entry.pk].organization_id,
                rows[entry.pk].opening_hours,
                entry.distance_m,
                coordinates_of(rows[entry.pk]),
                opening,
            )
            for entry, (_, opening) in zip(listed, pairs, strict=True)
            if isinstance(entry, Candidate) and opening.state is not OpeningState.UNKNOWN
        ]
    )
    return [
        _item(entry, pair, arrival=arrival, competent=flags[pk], rows=rows)
        for entry, pair, pk in zip(listed, pairs, pks, strict=True)
    ]


def _item(
    entry: Candidate | int,
    pair: tuple["AccessPointPublic | SerialisedPublic", OpeningPublic],
    *,
    arrival: ArrivalCheck,
    competent: bool | None,
    rows: Mapping[int, Located],
) -> NearestItem | SerialisedItem:
    """One result: a located place with its distance, walk and arrival, or an access point
    without a place (a phone line, a competent place known to no position); serialised
    (``SerialisedItem``) when its public form comes serialised."""
    public, opening = pair
    scope = _scope(public.service_area) if isinstance(public, AccessPointPublic) else public.scope
    fields: dict[str, Any]
    if not isinstance(entry, Candidate):
        fields = {
            "distance_m": None,
            "walking_minutes": None,
            "arrival_at": None,
            "open_on_arrival": None,
            "opening": opening,
            "competent": competent,
            "location_precision": None,
            "approximate": False,
            "service_scope": scope,
        }
    else:
        point = rows[entry.pk]
        precision = Precision(point.location_precision) if point.location_precision else None
        # Whether it will be open on arrival is not known either when its state is not.
        on_arrival = (
            None
            if opening.state is OpeningState.UNKNOWN
            else arrival(
                point.id,
                point.organization_id,
                point.opening_hours,
                entry.distance_m,
                coordinates=coordinates_of(point),
                opening=opening,
            )
        )
        fields = {
            "distance_m": round(entry.distance_m),
            "walking_minutes": walking_minutes(entry.distance_m),
            "arrival_at": arrival.arrival_at(entry.distance_m),
            "open_on_arrival": on_arrival,
            "opening": opening,
            "competent": competent,
            "location_precision": precision,
            "approximate": precision is Precision.POSTCODE,
            "service_scope": scope,
        }
    if isinstance(public, AccessPointPublic):
        return NearestItem(access_point=public, **fields)
    # Never validated again: its JSON is written now, field by field as the model would.
    return SerialisedItem(public, _TAIL.to_json(fields)[1:])


def _scope(area: list[str] | None) -> ServiceScope | None:
    return None if area is None else scope_of(tuple(area))


@lru_cache(maxsize=4096)
def scope_of(area: tuple[str, ...]) -> ServiceScope:
    """A service area (NIS codes of municipalities) in short: how many, in which regions
    (``region_of_municipality``), sorted; memoised (many results share one area)."""
    regions = {region_of_municipality(nis) for nis in area}
    return ServiceScope(
        municipalities=len(area),
        regions=sorted(region for region in regions if region is not None),
    )
