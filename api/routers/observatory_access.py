"""``/v1/observatory/human-access`` (JSON) and ``/v1/observatory/human-access.csv``: the hours
per week of counters and of phone lines answered by a person, over time, for one region,
commune or organization (``api.services.observatory.human_access``); and the page
``/observatory/human-access`` (``api.routers.human_access_pages``, included here)."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from api.clock import NowDep
from api.db import SessionDep
from api.models.human_access import HumanAccessSeries
from api.models.responses import ErrorMessage
from api.routers import human_access_pages
from api.services.observatory.human_access import human_access_series
from api.services.observatory.human_access_csv import human_access_csv
from api.services.observatory.opendata import CSV_LINK

router = APIRouter(tags=["observatory"])
# The page, in the same module list of routers as its data (main.py includes this one).
router.include_router(human_access_pages.router)

CACHE = "public, max-age=300"
RegionQuery = Annotated[
    str | None,
    Query(
        description="brussels or wallonia. Give exactly one of region, nis_code, organization_id.",
        examples=["brussels"],
        max_length=20,
    ),
]
NisQuery = Annotated[
    str | None,
    Query(
        description="A commune's Statbel NIS code (5 digits).",
        examples=["21015"],
        pattern=r"^\d{5}$",
    ),
]
OrganizationQuery = Annotated[
    str | None,
    Query(description="An organization's id.", examples=["cpas-ocmw-schaerbeek"], max_length=120),
]
RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorMessage, "description": "No commune or organization with that id"},
}


@router.get("/v1/observatory/human-access", response_model=HumanAccessSeries, responses=RESPONSES)
def human_access_endpoint(
    session: SessionDep,
    now: NowDep,
    response: Response,
    region: RegionQuery = None,
    nis_code: NisQuery = None,
    organization_id: OrganizationQuery = None,
) -> HumanAccessSeries:
    """Hours per week (Monday to Sunday, Europe/Brussels) of the counters and of the phone
    lines answered by a person of one region, commune or organization, from the week of the
    first recorded version of a place counted there to the current week. Each week counts
    each place with its record as it stood at the end of that week (the change history);
    hours with lunch breaks, Belgian public holidays and closures applied; places whose hours
    are not known are counted apart, never as 0. 422 unless exactly one of ``region``,
    ``nis_code``, ``organization_id`` is given."""
    response.headers["Cache-Control"] = CACHE
    return human_access_series(
        session=session,
        now=now,
        region=region,
        nis_code=nis_code,
        organization_id=organization_id,
    )


@router.get(
    "/v1/observatory/human-access.csv",
    response_class=Response,
    responses={**RESPONSES, 200: {"content": {"text/csv": {}}, "description": "CSV, UTF-8"}},
)
def human_access_csv_endpoint(
    session: SessionDep,
    now: NowDep,
    region: RegionQuery = None,
    nis_code: NisQuery = None,
    organization_id: OrganizationQuery = None,
) -> Response:
    """The same series as CSV, one row per week, under the Open Database License 1.0; the
    ``Link`` header gives the licence (``rel="license"``) and the observatory's data
    dictionary (``rel="describedby"``)."""
    series = human_access_series(
        session=session,
        now=now,
        region=region,
        nis_code=nis_code,
        organization_id=organization_id,
    )
    name = f"guichets-human-access-{series.scope.value}-{series.scope_id}.csv"
    return Response(
        human_access_csv(series),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": CACHE,
            "Link": CSV_LINK,
        },
    )
