"""``/v1/access-points``: the directory, the nearest search, one access point, its calendar."""

import dataclasses
from functools import partial
from typing import Annotated, Any

import anyio.to_thread
from fastapi import APIRouter, Path, Query, Request, Response

from api.clock import AtDep, IsoDate, IsoDateTime, NowDep
from api.config import (
    LIST_MAX_LIMIT,
    NEAREST_DEFAULT_LIMIT,
    NEAREST_DEFAULT_MAX_DISTANCE_KM,
    NEAREST_MAX_LIMIT,
)
from api.db import SessionDep
from api.errors import InvalidQueryError
from api.hours import to_brussels
from api.models.responses import (
    AccessPointDetail,
    AccessPointPage,
    CalendarPublic,
    ErrorMessage,
    NearestResponse,
)
from api.routers.auth import etag
from api.routers.caching import not_modified, validators
from api.routers.language import LANGUAGE_HEADERS, LangDep
from api.routers.params import (
    CompetenceQuery,
    FiltersDep,
    GeocoderDep,
    OriginParamsDep,
    ResidenceQuery,
    SearchDep,
)
from api.services.access_points import get_access_point
from api.services.calendar import get_calendar
from api.services.editing.history import data_version
from api.services.index import NearestIndex
from api.services.listing import list_access_points
from api.services.nearest import OpenMode
from api.services.nearest.answer import NearestQuery, ServiceAreaForm, answer_nearest
from api.services.nearest.arrival import ArrivalMode
from api.services.nearest.competence import CompetenceMode, competence_filters, resolve_residence

router = APIRouter(prefix="/v1/access-points", tags=["access points"])

NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorMessage, "description": "No access point with that id"}
}

IdPath = Annotated[
    str,
    Path(min_length=1, max_length=120, description="Access point id", examples=["cpas-schaerbeek"]),
]


@router.get(
    "",
    response_model=AccessPointPage,
    responses={304: {"description": "Not modified"}},
    summary="Filter and page the directory",
)
def list_endpoint(
    request: Request,
    response: Response,
    session: SessionDep,
    at: AtDep,
    filters: FiltersDep,
    lang: LangDep,
    search: SearchDep,
    residence: ResidenceQuery = None,
    competence: CompetenceQuery = CompetenceMode.COMPETENT,
    postcode: Annotated[
        str | None, Query(pattern=r"^\d{4}$", description="Postcode of the address")
    ] = None,
    open_at: Annotated[
        IsoDateTime | None,
        Query(
            description="Only those open at this instant (Brussels time if no offset); "
            "without `at`, each item's `opening` is computed at this instant too"
        ),
    ] = None,
    open_now: Annotated[bool, Query(description="Only those open at `at` (default now)")] = False,
    limit: Annotated[int, Query(ge=1, le=LIST_MAX_LIMIT, description="Page size")] = 100,
    cursor: Annotated[
        str | None, Query(max_length=400, description="next_cursor of the previous page")
    ] = None,
    updated_since: Annotated[
        IsoDateTime | None,
        Query(
            description="Sync: only what changed after this instant, in change order, "
            "deletions included as `status: inactive` tombstones"
        ),
    ] = None,
) -> AccessPointPage | Response:
    """The directory in id order, filtered (filters combine with AND), one page at a time.
    With ``q``, only the matches, most relevant first, then by id (with ``updated_since``,
    ``q`` only filters: the order stays the change order).

    ``opening`` is computed at ``at``; with ``open_at`` and no ``at``, at ``open_at`` (a list
    of what is open on Christmas morning describes Christmas morning). With ``residence``,
    the access points whose ``service_area`` does not cover it are left out
    (``competence=any``: kept, flagged ``competent: false``), and each item says
    ``competent``.

    422 when ``open_at`` and ``open_now`` are both given, when ``limit`` is over the
    maximum, for a cursor that was not given by the API, an unknown residence, or a ``q``
    without a letter or digit.
    """
    if open_at is not None and open_now:
        raise InvalidQueryError(
            "give either open_at or open_now, not both", loc=("query", "open_now")
        )
    only_open_at = to_brussels(open_at) if open_at is not None else (at if open_now else None)
    if only_open_at is not None and "at" not in request.query_params:
        at = only_open_at  # a list filtered on an instant describes that instant
    version, changed_at = data_version(session=session)
    # The openings in the answer depend on `at` and their words on the language: the minute
    # and the language are part of the ETag.
    extra = f"{at.isoformat(timespec='minutes')}|{lang}"
    lives = resolve_residence(session=session, residence=residence)
    headers = validators(request, version=version, changed_at=changed_at, extra=extra) | {
        "Cache-Control": "public, max-age=60",
        "Content-Language": lang,
        **LANGUAGE_HEADERS,
    }
    cached = not_modified(request, headers)
    if cached is not None:
        return cached
    response.headers.update(headers)
    return list_access_points(
        session=session,
        filters=competence_filters(
            dataclasses.replace(filters, postcode=postcode), residence=lives, mode=competence
        ),
        at=at,
        open_at=only_open_at,
        limit=limit,
        cursor=cursor,
        updated_since=to_brussels(updated_since) if updated_since is not None else None,
        search=search,
        lang=lang,
        residence=lives,
    )


@router.get(
    "/nearest",
    response_model=NearestResponse,
    responses={503: {"model": ErrorMessage, "description": "Address search unavailable"}},
    summary="Who is open now, near here?",
)
async def nearest_endpoint(
    request: Request,
    response: Response,
    session: SessionDep,
    geocoder: GeocoderDep,
    now: NowDep,
    at: AtDep,
    filters: FiltersDep,
    origin: OriginParamsDep,
    lang: LangDep,
    search: SearchDep,
    residence: ResidenceQuery = None,
    competence: CompetenceQuery = CompetenceMode.COMPETENT,
    open: Annotated[
        OpenMode, Query(description="now: only what is open at `at`; any: closed ones too")
    ] = OpenMode.NOW,
    limit: Annotated[
        int, Query(ge=1, le=NEAREST_MAX_LIMIT, description="How many places at most")
    ] = NEAREST_DEFAULT_LIMIT,
    max_distance_km: Annotated[
        float, Query(gt=0, le=100, description="Search radius in kilometres")
    ] = NEAREST_DEFAULT_MAX_DISTANCE_KM,
    on_arrival: Annotated[
        ArrivalMode,
        Query(
            description="flag: each place says whether it will be open when the person "
            "arrives on foot (open_on_arrival); exclude: leave out those that will not be"
        ),
    ] = ArrivalMode.FLAG,
    service_area: Annotated[
        ServiceAreaForm,
        Query(
            description="compact: an access point's service_area of more than 5 "
            "municipalities is left out, its item's service_scope says how many and where "
            "(the list is on /v1/access-points/{id}); full: every service_area in full"
        ),
    ] = ServiceAreaForm.COMPACT,
) -> Response:
    """Who can this person reach? First (``competent``) the places whose ``service_area``
    covers the ``residence`` (default: the origin's municipality), whatever their state, the
    most local first. Then (``items``) the places nearest to the origin (``lat``+``lon``,
    ``postcode`` or ``address``) sorted by distance in metres then id, each with its opening
    at ``at``, leaving out those that serve other residents only (``competence=any`` keeps
    them, flagged ``competent: false``); then the phone lines whose ``service_area`` covers
    the residence (``distance_m`` null). With ``open=now``, ``unknown_hours`` counts the
    places nearby whose hours are not known and lists the nearest few: call first. ``q``
    keeps only the matches; the order stays by distance. An access point appears once.

    A place known only to its postcode says ``approximate: true``: its distance and walk are
    estimates.

    Each place carries ``walking_minutes`` (straight-line distance x 1.3 at 4.5 km/h, rounded
    up), ``arrival_at`` and ``open_on_arrival``; ``on_arrival=exclude`` leaves out the places
    that will be closed when the person gets there.

    Each item says its ``service_scope`` (how many municipalities its service area lists, in
    which regions); by default (``service_area=compact``) a service area of more than 5
    municipalities (a regional line's 19 or 262) is left out of ``access_point``: the full
    list is on ``/v1/access-points/{id}`` (``service_area=full`` gives it here too).

    422 for lat without lon, coordinates outside Belgium, an unknown postcode or residence,
    both a postcode and coordinates, no origin, an unparsable ``at``, ``limit`` over 100.
    """
    index: NearestIndex = request.app.state.nearest_index
    query = NearestQuery(
        lat=origin.lat,
        lon=origin.lon,
        postcode=origin.postcode,
        address=origin.address,
        residence=residence,
        competence=competence,
        open_mode=open,
        limit=limit,
        max_distance_m=max_distance_km * 1000,
        on_arrival=on_arrival,
        filters=filters,
        search=search,
        lang=lang,
        at=at,
        compact=service_area is ServiceAreaForm.COMPACT,
    )
    # All the blocking work (SQL, the hours engine) in one worker thread, at most
    # ``nearest_concurrency`` at once; an instant far from now is answered by the direct
    # search (its minute would serve one query only).
    work = partial(
        answer_nearest,
        session=session,
        query=query,
        geocoder=geocoder,
        index=index if index.usable_at(at=at, now=now) else None,
    )
    body = await anyio.to_thread.run_sync(work, limiter=request.app.state.nearest_limiter)
    return Response(body, media_type="application/json", headers=response.headers)


@router.get(
    "/{access_point_id}",
    response_model=AccessPointDetail,
    responses=NOT_FOUND,
    summary="One access point",
)
def get_endpoint(
    session: SessionDep, at: AtDep, access_point_id: IdPath, response: Response, lang: LangDep
) -> AccessPointDetail:
    """One access point with its opening at ``at`` and its typical week, in words in ``lang``,
    and its ``ETag`` (send it back in ``If-Match`` to change it). 404 for an unknown id."""
    read, version = get_access_point(
        session=session, access_point_id=access_point_id, at=at, lang=lang
    )
    response.headers["ETag"] = etag(version)
    return read


@router.get(
    "/{access_point_id}/calendar",
    response_model=CalendarPublic,
    responses=NOT_FOUND,
    summary="Open intervals per day",
)
def calendar_endpoint(
    session: SessionDep,
    now: NowDep,
    access_point_id: IdPath,
    start: Annotated[
        IsoDate | None,
        Query(alias="from", description="First local day (default today)", examples=["2026-12-21"]),
    ] = None,
    days: Annotated[int, Query(ge=1, le=92, description="How many days (at most 92)")] = 14,
) -> CalendarPublic:
    """The concrete open intervals of each day from ``from`` (Europe/Brussels), naming the
    public holidays and closures that apply. 404 for an unknown id."""
    first = start if start is not None else now.date()
    return get_calendar(session=session, access_point_id=access_point_id, start=first, days=days)
