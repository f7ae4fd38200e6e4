"""``GET /v1/access-points/nearest`` answered whole in one call: the origin and the residence
resolved, the search, and the JSON body, so that the async endpoint hands all its blocking
work (SQL, the opening-hours engine) to one worker thread, once.

On the index's path the body is assembled from parts: each access point's public form is
serialised once per database state and day (``Snapshot.public_json``) and spliced into its
result; the rest of each result (distance, walk, opening in words) is serialised per answer.
The bytes are those Pydantic gives for the whole ``NearestResponse`` (the parity test).
"""

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlmodel import Session

from api.geocoding import Geocoder
from api.i18n import Language
from api.models.responses import NearestItem, NearestResponse
from api.search.query import SearchQuery
from api.services.filters import AccessPointFilters
from api.services.index.lookups import read_reference_places
from api.services.nearest import OpenMode, find_nearest
from api.services.nearest.arrival import ArrivalMode
from api.services.nearest.competence import CompetenceMode, resolve_residence
from api.services.reference import resolve_origin
from api.services.search import matching_pks

if TYPE_CHECKING:
    from api.services.index import NearestIndex

_RESPONSE = NearestResponse.__pydantic_serializer__
_ITEM = NearestItem.__pydantic_serializer__
_WITHOUT_ACCESS_POINT = {"access_point"}


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
    )
    if minute is None:
        return _RESPONSE.to_json(result)
    return assemble(result, public_json=minute.snapshot.public_json)


def _item(item: NearestItem, public_json: dict[str, bytes]) -> bytes:
    part = public_json.get(item.access_point.id)
    if part is None:  # the day turned while this answer was built: serialise it whole
        return _ITEM.to_json(item)
    rest = _ITEM.to_json(item, exclude=_WITHOUT_ACCESS_POINT)
    return b'{"access_point":' + part + b"," + rest[1:]


def _items(items: list[NearestItem], public_json: dict[str, bytes]) -> bytes:
    return b"[" + b",".join(_item(item, public_json) for item in items) + b"]"


def assemble(result: NearestResponse, *, public_json: dict[str, bytes]) -> bytes:
    """``result`` as JSON, each access point's public form taken from ``public_json`` (by
    id; serialised on the spot when missing): the same bytes as
    ``NearestResponse.model_dump_json()``, field order included."""
    head = _RESPONSE.to_json(result, include={"origin", "residence", "at"})
    unknown = result.unknown_hours
    unknown_json = (
        b"null"
        if unknown is None
        else b'{"count":%d,"within_m":%d,"items":%s}'
        % (unknown.count, unknown.within_m, _items(unknown.items, public_json))
    )
    return b"".join(
        (
            head[:-1],
            b',"competent":',
            _items(result.competent, public_json),
            b',"items":',
            _items(result.items, public_json),
            b',"unknown_hours":',
            unknown_json,
            b"}",
        )
    )
