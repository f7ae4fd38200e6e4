"""The page "Human access over time" (``/observatory/human-access``): one function of
``api.pages.observatory.human_access``. Not part of the JSON API."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from api.clock import NowDep
from api.db import SessionDep
from api.pages.observatory.human_access import show_human_access
from api.pages.rendering import render_page
from api.pages.views import instant_text
from api.routers.pages import LanguageDep

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

Choice = Annotated[str | None, Query(max_length=120)]


@router.get("/observatory/human-access")
def human_access_page(
    request: Request,
    session: SessionDep,
    now: NowDep,
    lang: LanguageDep,
    region: Choice = None,
    nis_code: Choice = None,
    organization_id: Choice = None,
) -> Response:
    """Hours per week of counters and phone lines of one region (Brussels by default),
    commune or organization: chart, table, links to the CSV and JSON."""
    page = show_human_access(
        session=session,
        now=now,
        lang=lang,
        region=region,
        nis_code=nis_code,
        organization_id=organization_id,
    )
    context = {
        "page": "human-access",
        "path": request.url.path,
        "params": dict(request.query_params),
        "now_text": instant_text(now, lang),
    } | page.context
    return render_page(page.template, lang=lang, context=context, status_code=page.status)
