"""The live preview of the hours editor, for ``/static/hours_grid.js``: the hours part of the
access point form in the query string, an HTML fragment back (the value it would save, its
errors, the next 14 days in words). Editors only, like the form it belongs to; it reads and
writes nothing, so a GET (no CSRF token needed). Not part of the JSON API."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from api.clock import NowDep
from api.pages.accounts.session import WorkspaceLanguageDep, require_editor
from api.pages.editing.hours_form import build_hours_preview
from api.pages.rendering import render_page

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/edit/hours/preview", dependencies=[Depends(require_editor)])
def hours_preview(
    request: Request,
    now: NowDep,
    lang: WorkspaceLanguageDep,
    lat: Annotated[float | None, Query(ge=-90, le=90)] = None,
    lon: Annotated[float | None, Query(ge=-180, le=180)] = None,
) -> HTMLResponse:
    """The preview fragment (``editing/_hours_preview.html``) of the hours fields given in
    the query string (``hours_source``, ``hours_raw``, ``hours_mo_1_opens``...), from today
    (Brussels); ``lat``/``lon``: the place, for sunrise and sunset. Errors are in the
    fragment (status 200: the form is being typed, not submitted)."""
    preview = build_hours_preview(
        form=request.query_params,
        lang=lang,
        today=now.date(),
        location=(lat, lon) if lat is not None and lon is not None else None,
    )
    response = render_page("editing/_hours_preview.html", lang=lang, context={"preview": preview})
    response.headers["Cache-Control"] = "no-store"
    return response
