"""``/hsds``: the directory as an Open Referral HSDS 3.0 API (read only, JSON)."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from api.clock import IsoDateTime, NowDep
from api.db import SessionDep
from api.hours import to_brussels
from api.routers.caching import not_modified, validators
from api.services import hsds
from api.services.editing.history import data_version
from api.services.hsds import queries as hsds_queries
from api.services.hsds.queries import HsdsListQuery

router = APIRouter(prefix="/hsds", tags=["Open Referral HSDS 3.0"])
HSDS_PROFILE = "https://docs.openreferral.org/en/3.0/"

Page = Annotated[int, Query(ge=1, le=100_000, description="Page number, from 1")]
PerPage = Annotated[int, Query(ge=1, le=500, description="Items per page (at most 500)")]
Search = Annotated[
    str | None,
    Query(
        max_length=200,
        description="Text search: services as `q` of /v1/access-points (names, organization, "
        "description, themes, with synonyms); organizations: text in the name",
    ),
]
Term = Annotated[
    str | None, Query(max_length=64, description="A taxonomy term id (/hsds/taxonomy_terms)")
]
Modified = Annotated[
    IsoDateTime | None, Query(description="Only what changed on or after this instant")
]
OrgFilter = Annotated[str | None, Query(max_length=64, description="An HSDS organization id")]
HsdsId = Annotated[str, Path(min_length=1, max_length=64, description="An HSDS id (UUID)")]
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "No such object"}}


async def list_query(
    page: Page = 1,
    per_page: PerPage = 50,
    search: Search = None,
    taxonomy_term_id: Term = None,
    modified_after: Modified = None,
    organization_id: OrgFilter = None,
) -> HsdsListQuery:
    """The paging and filters of the service and service_at_location lists."""
    return HsdsListQuery(
        page=page,
        per_page=per_page,
        search=search,
        taxonomy_term_id=taxonomy_term_id,
        modified_after=to_brussels(modified_after) if modified_after else None,
        organization_id=organization_id,
    )


ListQuery = Annotated[HsdsListQuery, Depends(list_query)]


async def organization_query(
    page: Page = 1, per_page: PerPage = 50, search: Search = None
) -> HsdsListQuery:
    """The paging and text filter of the organization list."""
    return HsdsListQuery(page=page, per_page=per_page, search=search)


OrganizationQuery = Annotated[HsdsListQuery, Depends(organization_query)]
CACHED: dict[int | str, dict[str, Any]] = {304: {"description": "Not modified"}}


def _cached(request: Request, response: Response, session: Any) -> Response | None:
    """Set ETag/Last-Modified/Cache-Control on an HSDS list; a 304 when the client's copy
    is current."""
    version, changed_at = data_version(session=session)
    headers = validators(request, version=version, changed_at=changed_at) | {
        "Cache-Control": "public, max-age=300"
    }
    cached = not_modified(request, headers)
    if cached is None:
        response.headers.update(headers)
    return cached


@router.get("/", summary="About this HSDS API")
def root(request: Request) -> dict[str, str]:
    """The HSDS version, profile and the OpenAPI document of this API."""
    return {
        "version": "3.0",
        "profile": HSDS_PROFILE,
        "openapi_url": str(request.url_for("openapi")),
    }


@router.get(
    "/services",
    response_model=None,
    responses=CACHED,
    summary="Services (every access point), paged",
)
def services(
    request: Request, response: Response, session: SessionDep, now: NowDep, query: ListQuery
) -> dict[str, Any] | Response:
    """HSDS ``Page`` of services; filters combine with AND."""
    if (cached := _cached(request, response, session)) is not None:
        return cached
    return hsds_queries.list_services(session=session, today=now.date(), query=query)


@router.get("/services/{service_id}", responses=NOT_FOUND, summary="One service, fully nested")
def one_service(session: SessionDep, now: NowDep, service_id: HsdsId) -> dict[str, Any]:
    """A service with its organization, phones, languages, schedules, service areas,
    themes (attributes) and service_at_location."""
    return hsds_queries.get_service(session=session, service_id=service_id, today=now.date())


@router.get(
    "/service_at_locations",
    response_model=None,
    responses=CACHED,
    summary="Services at their places, paged",
)
def service_at_locations(
    request: Request,
    response: Response,
    session: SessionDep,
    now: NowDep,
    query: ListQuery,
    postcode: Annotated[
        str | None, Query(pattern=r"^\d{4}$", description="A Belgian postcode")
    ] = None,
    proximity: Annotated[
        float | None, Query(gt=0, le=100_000, description="Metres from the postcode's centroid")
    ] = None,
) -> dict[str, Any] | Response:
    """HSDS ``Page`` of service_at_locations (located access points)."""
    if (cached := _cached(request, response, session)) is not None:
        return cached
    return hsds_queries.list_service_at_locations(
        session=session, today=now.date(), query=query, postcode=postcode, proximity=proximity
    )


@router.get(
    "/service_at_locations/{service_at_location_id}",
    responses=NOT_FOUND,
    summary="One service at a place",
)
def one_service_at_location(
    session: SessionDep, now: NowDep, service_at_location_id: HsdsId
) -> dict[str, Any]:
    """A service_at_location with its location, schedules and service."""
    return hsds_queries.get_service_at_location(
        session=session, service_at_location_id=service_at_location_id, today=now.date()
    )


@router.get("/organizations", response_model=None, responses=CACHED, summary="Organizations, paged")
def organizations(
    request: Request, response: Response, session: SessionDep, query: OrganizationQuery
) -> dict[str, Any] | Response:
    """HSDS ``Page`` of organizations."""
    if (cached := _cached(request, response, session)) is not None:
        return cached
    return hsds_queries.list_organizations(session=session, query=query)


@router.get("/organizations/{organization_id}", responses=NOT_FOUND, summary="One organization")
def one_organization(session: SessionDep, now: NowDep, organization_id: HsdsId) -> dict[str, Any]:
    """An organization with its services."""
    return hsds_queries.get_organization(
        session=session, organization_id=organization_id, today=now.date()
    )


@router.get("/taxonomy_terms", summary="The themes, as a published taxonomy")
def taxonomy_terms(page: Page = 1, per_page: PerPage = 50) -> dict[str, Any]:
    """HSDS ``Page`` of the ``guichets-themes`` taxonomy terms."""
    terms = hsds.taxonomy_terms()
    chunk = terms[(page - 1) * per_page : page * per_page]
    return hsds.page(chunk, total=len(terms), page_number=page, per_page=per_page)
