"""The observatory's incidents: ``/v1/observatory/incidents`` (JSON), its CSV
(``/v1/observatory/incidents.csv``), the data dictionary (``/v1/observatory/dictionary``) and
the pages ``/observatory`` and ``/observatory/data``. Public, read-only; every count of 1 to 4
suppressed (``api.services.observatory.incidents_suppression``). The human-access half is in
``api.routers.observatory_access``."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse

from api.clock import NowDep
from api.db import SessionDep
from api.models.common import Region
from api.models.observatory_incidents import (
    DataDictionaryPublic,
    GroupBy,
    IncidentAggregatesPublic,
    SyntheticFilter,
)
from api.pages.observatory.incidents import observatory_page
from api.pages.observatory.opendata import dictionary_page
from api.pages.rendering import render_page
from api.routers.language import LangDep
from api.routers.pages import LanguageDep
from api.services.observatory.incidents import IncidentQuery, count_incidents, parse_month
from api.services.observatory.incidents_public import aggregates_public
from api.services.observatory.opendata import CSV_LINK, data_dictionary, incidents_csv

router = APIRouter(prefix="/v1/observatory", tags=["observatory"])
pages_router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

ERRORS: dict[int | str, dict[str, Any]] = {
    422: {
        "description": "A month not written YYYY-MM, from after to, an unknown NIS code, or "
        "any parameter out of its range, in the validation errors' shape (loc names it)"
    }
}
CACHE = "public, max-age=300"


def incident_query(
    region: Annotated[
        Region | None,
        Query(
            description="Only incidents of people living in this region (of their commune of "
            "residence): brussels or wallonia.",
            examples=["brussels"],
        ),
    ] = None,
    nis_code: Annotated[
        str | None,
        Query(
            pattern=r"^\d{5}$",
            description="Only incidents of people living in this commune (its NIS code).",
            examples=["21001"],
        ),
    ] = None,
    period_from: Annotated[
        str | None,
        Query(
            alias="from",
            max_length=7,
            description="First month counted, YYYY-MM (Europe/Brussels; the day the incident "
            "happened). Default: since the first incident.",
            examples=["2026-01"],
        ),
    ] = None,
    period_to: Annotated[
        str | None,
        Query(
            alias="to",
            max_length=7,
            description="Last month counted, YYYY-MM. Default: up to the latest.",
            examples=["2026-11"],
        ),
    ] = None,
    synthetic: Annotated[
        SyntheticFilter,
        Query(
            description="include (default): real and synthetic incidents, the answer says how "
            "many are synthetic; exclude: real ones only; only: synthetic ones only.",
            examples=["exclude"],
        ),
    ] = SyntheticFilter.INCLUDE,
) -> IncidentQuery:
    """The filters of the query string as an ``IncidentQuery``; a month not written YYYY-MM
    is a 422."""
    return IncidentQuery(
        region=region,
        nis_code=nis_code,
        period_from=parse_month(period_from, name="from") if period_from else None,
        period_to=parse_month(period_to, name="to") if period_to else None,
        synthetic=synthetic,
    )


QueryDep = Annotated[IncidentQuery, Depends(incident_query)]
GroupByParam = Annotated[
    GroupBy | None,
    Query(
        description="The one table wanted: kind, channel, organization, commune (of "
        "residence), theme or month. Default: all six.",
        examples=["kind"],
    ),
]


@router.get("/incidents", response_model=IncidentAggregatesPublic, responses=ERRORS)
def incidents_endpoint(
    session: SessionDep,
    now: NowDep,
    lang: LangDep,
    query: QueryDep,
    response: Response,
    group_by: GroupByParam = None,
) -> IncidentAggregatesPublic:
    """The workers' incident reports counted by kind, channel, organization, commune of
    residence, theme and month, with the total, how many are synthetic and the workers'
    minutes spent (sum and median, minutes). A count of 1 to 4 is never given: ``count`` is
    null and ``suppressed`` true (``suppression``: small; complementary for a row of 5 or more
    hidden so that a small one cannot be worked out from the total). Labels in ``lang``.
    Never a free text, never a reporter. Licence ODbL 1.0; columns and rules:
    ``/v1/observatory/dictionary``."""
    response.headers["Cache-Control"] = CACHE
    counts = count_incidents(session=session, query=query, today=now.date())
    return aggregates_public(counts, lang=lang, group_by=group_by)


@router.get(
    "/incidents.csv",
    response_class=StreamingResponse,
    responses={**ERRORS, 200: {"content": {"text/csv": {}}, "description": "The CSV"}},
)
def incidents_csv_endpoint(
    session: SessionDep, now: NowDep, query: QueryDep, group_by: GroupByParam = None
) -> Response:
    """The same counts as CSV (UTF-8 with a BOM, labels in French, Dutch and English): the
    total, the synthetic count, the workers' minutes, then the rows of ``group_by`` (all six
    tables by default); suppressed values empty with ``suppressed`` true. Columns in
    ``/v1/observatory/dictionary``; licence ODbL 1.0 (the ``Link`` header says so)."""
    counts = count_incidents(session=session, query=query, today=now.date())
    name = f"guichets-observatory-incidents{'-' + group_by.value if group_by else ''}.csv"
    headers = {
        "Content-Disposition": f'attachment; filename="{name}"',
        "Cache-Control": CACHE,
        "Link": CSV_LINK,
    }
    return StreamingResponse(
        incidents_csv(counts, group_by=group_by),
        media_type="text/csv; charset=utf-8",
        headers=headers,
    )


@router.get("/dictionary", response_model=DataDictionaryPublic)
def dictionary_endpoint(response: Response) -> DataDictionaryPublic:
    """The observatory's open data: licence (ODbL 1.0), attribution, the small-count rule,
    and every CSV (incidents, human access) with each column described (English)."""
    response.headers["Cache-Control"] = CACHE
    return data_dictionary()


@pages_router.get("/observatory")
def observatory_html(
    request: Request, session: SessionDep, now: NowDep, lang: LanguageDep
) -> HTMLResponse:
    """The observatory's incidents page: charts and tables, filters as a plain GET form."""
    page = observatory_page(session=session, request=request, now=now, lang=lang)
    return render_page(page.template, lang=lang, context=page.context, status_code=page.status)


@pages_router.get("/observatory/data")
def observatory_data_html(request: Request, now: NowDep, lang: LanguageDep) -> HTMLResponse:
    """The open data: licence, suppression rule, every CSV and its columns."""
    page = dictionary_page(request=request, now=now, lang=lang)
    return render_page(page.template, lang=lang, context=page.context, status_code=page.status)
