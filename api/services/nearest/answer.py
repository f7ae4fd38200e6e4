"""``GET /v1/access-points/nearest`` answered whole in one call: the origin and the residence
resolved, the search, and the JSON body, so that the async endpoint hands all its blocking
work (SQL, the opening-hours engine) to one worker thread, once.

The body is assembled from parts: each access point's public form is serialised once per
database state and day on the index's path (``index.publics.SerialisedPublic``), spliced into its
result; the rest of each result (distance, walk, opening in words) is serialised per answer.
Both paths give the same bytes (the parity test); without ``compact`` they are those
Pydantic gives for the whole ``NearestResponse``.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlmodel import Session

from api.geocoding import Geocoder
from api.i18n import Language
from api.models.access_point import AccessPointPublic
from api.models.responses import NearestItem, NearestResponse
from api.search.query import SearchQuery
from api.services.filters import AccessPointFilters
from api.services.index.lookups import read_reference_places
from api.services.index.publics import SerialisedPublic, serialise_public
from api.services.nearest import OpenMode, find_nearest
from api.services.nearest.arrival import ArrivalMode
from api.services.nearest.competence import CompetenceMode, resolve_residence
from api.services.nearest.items import SerialisedItem
from api.services.reference import resolve_origin
from api.services.search import matching_pks

if TYPE_CHECKING:
    from api.services.index import NearestIndex

_RESPONSE = NearestResponse.__pydantic_serializer__
_ITEM = NearestItem.__pydantic_serializer__
_HEAD = {"origin", "residence", "at"}
_WITHOUT_ACCESS_POINT = {"access_point"}


class ServiceAreaForm(StrEnum):
    """How service areas are given in a nearest answer: ``compact`` (a wide one as its
    scope only) or ``full``."""

    COMPACT = "compact"
    FULL = "full"


@dataclass(frozen=True, slots=True)
class NearestQuery:
    """What a nearest request asks, parsed but not yet resolved: one origin among ``lat`` +
    ``lon`` (WGS84 degrees), ``postcode`` or ``address``; ``residence`` (NIS code or
    postcode, None: the origin's municipality); ``at`` aware; ``max_distance_m`` metres."""

    lat: float | None
    lon: float | None
    postcode: str | None
    address: str | None
    residence: str | None
    competence: CompetenceMode
    open_mode: OpenMode
    limit: int
    max_distance_m: float
    on_arrival: ArrivalMode
    filters: AccessPointFilters
    search: SearchQuery | None
    lang: Language
    at: datetime
    compact: bool = True


def answer_nearest(
    *,
    session: Session,
    query: NearestQuery,
    geocoder: Geocoder | None,
    index: "NearestIndex | None",
) -> bytes:
    """The JSON body (UTF-8) of ``NearestResponse`` for ``query``: ``find_nearest`` from
    the resolved origin and residence, with ``index`` (the process's open-now index, or None
    when ``at`` is not near now: the direct path).

    Raises what ``resolve_origin`` raises (``InvalidQueryError`` 422 for a wrong or missing
    origin, ``ServiceUnavailableError`` 503 when an address cannot be geocoded) and
    ``InvalidQueryError`` for an unknown residence."""
    # One minute state for the whole answer: never two database states in one body.
    minute = (
        index.minute_state(session=session, at=query.at)
        if index is not None and query.filters.competent_for is None
        else None
    )
    places = (
        minute.snapshot.memo.remember("places", lambda: read_reference_places(session=session))
        if minute is not None
        else None
    )
    origin = resolve_origin(
        session=session,
        lat=query.lat,
        lon=query.lon,
        postcode=query.postcode,
        address=query.address,
        geocoder=geocoder,
        places=places,
    )
    residence = resolve_residence(
        session=session,
        residence=query.residence,
        origin_nis_code=origin.nis_code,
        places=places,
    )
    result = find_nearest(
        session=session,
        origin=origin,
        at=query.at,
        open_mode=query.open_mode,
        limit=query.limit,
        max_distance_m=query.max_distance_m,
        filters=query.filters,
        arrival_mode=query.on_arrival,
        lang=query.lang,
        matching=matching_pks(session=session, query=query.search) if query.search else None,
        residence=residence,
        competence=query.competence,
        index=index,
        minute=minute,
        serialised=True,
    )
    # Each answer is assembled the same way, so both paths give the same bytes.
    return assemble(result, compact=query.compact)


def _public(public: AccessPointPublic | SerialisedPublic, compact: bool) -> bytes:
    # The index's results come serialised (once per database state); the others now.
    form = public if isinstance(public, SerialisedPublic) else serialise_public(public)
    return form.compact_json if compact and form.compact_json is not None else form.json


def _item(item: NearestItem | SerialisedItem, compact: bool) -> bytes:
    # The members after the access point: written already on the index's path.
    rest = (
        item.tail
        if isinstance(item, SerialisedItem)
        else _ITEM.to_json(item, exclude=_WITHOUT_ACCESS_POINT)[1:]
    )
    return b'{"access_point":%s,%s' % (_public(item.access_point, compact), rest)


def _items(items: Sequence[NearestItem | SerialisedItem], compact: bool) -> bytes:
    return b"[%s]" % b",".join(_item(item, compact) for item in items)


def assemble(result: NearestResponse, *, compact: bool) -> bytes:
    """``result`` as JSON (UTF-8): what ``NearestResponse.model_dump_json()`` gives, field
    order included, except that with ``compact`` an access point's ``service_area`` of more
    than ``SERVICE_AREA_LISTED_AT_MOST`` municipalities is left out (its item's
    ``service_scope`` says how many and where). The index's results come serialised
    (``items.SerialisedItem``)."""
    head = _RESPONSE.to_json(result, include=_HEAD)
    unknown = result.unknown_hours
    unknown_json = (
        b"null"
        if unknown is None
        else b'{"count":%d,"within_m":%d,"items":%s}'
        % (unknown.count, unknown.within_m, _items(unknown.items, compact))
    )
    return b'%s,"competent":%s,"items":%s,"unknown_hours":%s}' % (
        head[:-1],
        _items(result.competent, compact),
        _items(result.items, compact),
        unknown_json,
    )
