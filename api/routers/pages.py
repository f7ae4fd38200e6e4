"""The front-desk pages, server-rendered (Jinja2): the search (``/``), the operator's view of a
commune (``/lines``), one access point (``/access-points/{id}``) and its referral slip.

Every page works without JavaScript (plain GET forms and links); the map, "my position" and
"copy" are added by ``/static/map.js`` when it runs. The interface language is ``lang`` in
the query string, else the browser's ``Accept-Language``, else French. These routes are not
part of the JSON API and are left out of the OpenAPI document.
"""

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from api.clock import NowDep
from api.db import SessionDep
from api.errors import NotFoundError
from api.i18n import Language, negotiate_language
from api.pages.lines import lines_context
from api.pages.place import place_context, referral_context
from api.pages.rendering import render_page
from api.pages.search import form_choices, read_search_form, search_places
from api.pages.views import gettext_for, instant_text
from api.pages.when import When, read_when, when_choices, when_text
from api.routers.params import GeocoderDep
from api.services.index import NearestIndex

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def page_language(request: Request) -> Language:
    """The interface language: ``lang`` in the query string, then ``Accept-Language``."""
    return negotiate_language(
        request.query_params.get("lang"), request.headers.get("accept-language")
    )


LanguageDep = Annotated[Language, Depends(page_language)]


def _common(request: Request, *, page: str, when: When, lang: Language) -> dict[str, object]:
    """What every page shows: where it is, its query, the instant it answers for (now, or
    the ``at`` the worker chose: ``when``, said in words in ``when_text``), the map's tiles."""
    settings = request.app.state.settings
    return {
        "today_text": instant_text(when.now, lang),
        "page": page,
        "path": request.url.path,
        "params": dict(request.query_params),
        "now_text": instant_text(when.at, lang),
        "when": when,
        "when_text": when_text(when.at, lang),
        "tile_url": settings.map_tile_url,
        "tile_attribution": settings.map_tile_attribution,
    }


def _not_found(context: dict[str, object], *, lang: Language) -> HTMLResponse:
    """The 404 page of an unknown access point, in ``lang``."""
    context["title"] = gettext_for(lang)("Place not found")
    return render_page("not_found.html", lang=lang, context=context, status_code=404)


@router.get("/")
def search_page(
    request: Request, session: SessionDep, now: NowDep, lang: LanguageDep, geocoder: GeocoderDep
) -> HTMLResponse:
    """The search: where the person is, what they need; the nearest places open now."""
    form = read_search_form(request.query_params, lang=lang)
    when = read_when(request.query_params, now=now, lang=lang)
    if when.error:
        form.errors.append(when.error)
    results = problem = None
    if form.has_origin:
        index: NearestIndex = request.app.state.nearest_index
        results, problem = search_places(
            session=session,
            form=form,
            geocoder=geocoder,
            at=when.at,
            lang=lang,
            index=index if index.usable_at(at=when.at, now=now) else None,
            now=now,
        )
    context = _common(request, page="search", when=when, lang=lang)
    context |= {
        "when_choices": when_choices(now, lang=lang),
        "title": "guichets",
        "form": form,
        "results": results,
        "problem": problem,
        "choices": form_choices(lang),
        "geocoding": geocoder is not None,
    }
    status = 422 if (form.errors or problem) else 200
    return render_page("search.html", lang=lang, context=context, status_code=status)


@router.get("/lines")
def lines_page(
    request: Request, session: SessionDep, now: NowDep, lang: LanguageDep
) -> HTMLResponse:
    """The operator's view: what a caller from this commune can reach now (or at ``at``),
    phone lines first, then the places competent for the commune."""
    when = read_when(request.query_params, now=now, lang=lang)
    context = _common(request, page="lines", when=when, lang=lang)
    context |= lines_context(
        session=session, params=request.query_params, at=when.at, lang=lang, now=now
    )
    if when.error:
        context["problem"] = when.error
    status = 422 if context.get("problem") else 200
    return render_page("lines.html", lang=lang, context=context, status_code=status)


@router.get("/access-points/{access_point_id}")
def place_page(
    request: Request, session: SessionDep, now: NowDep, lang: LanguageDep, access_point_id: str
) -> HTMLResponse:
    """Everything about one place: the week's hours and the next 14 days (from ``at``, else
    now). 404 page for an unknown id."""
    when = read_when(request.query_params, now=now, lang=lang)
    context = _common(request, page="place", when=when, lang=lang)
    try:
        context |= place_context(
            session=session,
            access_point_id=access_point_id,
            at=when.at,
            lang=lang,
            params=request.query_params,
            now=now,
        )
    except NotFoundError:
        return _not_found(context, lang=lang)
    return render_page("place.html", lang=lang, context=context)


@router.get("/access-points/{access_point_id}/referral")
def referral_page(
    request: Request, session: SessionDep, now: NowDep, access_point_id: str
) -> HTMLResponse:
    """The printable referral slip, in the person's language (``lang``), independent of the
    worker's (``ui``, else ``Accept-Language``)."""
    person = negotiate_language(request.query_params.get("lang"), None)
    worker = negotiate_language(
        request.query_params.get("ui"), request.headers.get("accept-language")
    )
    when = read_when(request.query_params, now=now, lang=person)
    context = _common(request, page="referral", when=when, lang=person)
    try:
        context |= referral_context(
            session=session,
            access_point_id=access_point_id,
            at=when.at,
            lang=person,
            worker_lang=worker,
            paper=request.query_params.get("paper", "a5"),
            params=request.query_params,
        )
    except NotFoundError:
        return _not_found(context, lang=worker)
    return render_page("referral.html", lang=person, context=context)
