"""The pages of problem reports: the public form of a place (``/access-points/{id}/report``,
no sign-in, CSRF token) and the editors' queue (``/edit/reports``) with its resolve buttons.
Each route calls one function of ``api.pages.reports``. Not part of the JSON API."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from api.clock import NowDep
from api.db import SessionDep
from api.errors import DomainError, NotFoundError
from api.i18n import Language
from api.pages.accounts.session import EditorDep, WorkspaceLanguageDep
from api.pages.csrf import csrf_token
from api.pages.editing.frame import render_outcome
from api.pages.editing.outcome import Outcome, refusal
from api.pages.rendering import render_page
from api.pages.reports.public import ReportPage, show_report_form, submit_report_form
from api.pages.reports.queue import resolve_from_form, show_queue
from api.pages.views import gettext_for, instant_text
from api.routers.pages import LanguageDep

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def _public(request: Request, *, now: NowDep, lang: Language, page: ReportPage) -> Response:
    context = {
        "page": "report",
        "path": request.url.path,
        "params": dict(request.query_params),
        "now_text": instant_text(now, lang),
        "csrf_token": csrf_token(request),
    } | page.context
    return render_page(page.template, lang=lang, context=context, status_code=page.status)


def _place_not_found(request: Request, *, now: NowDep, lang: Language) -> Response:
    page = ReportPage("not_found.html", {"title": gettext_for(lang)("Place not found")}, 404)
    return _public(request, now=now, lang=lang, page=page)


@router.get("/access-points/{access_point_id}/report")
def report_form_page(
    request: Request, session: SessionDep, now: NowDep, lang: LanguageDep, access_point_id: str
) -> Response:
    """The "Report a problem" form of one place."""
    try:
        page = show_report_form(session=session, access_point_id=access_point_id, lang=lang)
    except NotFoundError:
        return _place_not_found(request, now=now, lang=lang)
    return _public(request, now=now, lang=lang, page=page)


@router.post("/access-points/{access_point_id}/report")
async def report_submit_page(
    request: Request, session: SessionDep, now: NowDep, lang: LanguageDep, access_point_id: str
) -> Response:
    """Store a report and thank; the form again with its errors (422) or a limit (429)."""
    form = await request.form()
    try:
        page = submit_report_form(
            session=session,
            access_point_id=access_point_id,
            form=form,
            client_address=request.client.host if request.client else "unknown",
            now=now,
            lang=lang,
        )
    except NotFoundError:
        return _place_not_found(request, now=now, lang=lang)
    return _public(request, now=now, lang=lang, page=page)


def _workspace(request: Request, account: EditorDep, lang: Language, outcome: Outcome) -> Response:
    return render_outcome(request, account=account, lang=lang, outcome=outcome, page="reports")


@router.get("/edit/reports")
def reports_queue_page(
    request: Request,
    session: SessionDep,
    account: EditorDep,
    lang: WorkspaceLanguageDep,
    show_all: Annotated[bool, Query(alias="all")] = False,
    resolved: Annotated[str | None, Query(max_length=20)] = None,
) -> Response:
    """The problem reports of the editor's organizations (admins: all), open ones first."""
    outcome = show_queue(
        session=session, actor=account, lang=lang, show_all=show_all, resolved=resolved
    )
    return _workspace(request, account, lang, outcome)


@router.post("/edit/reports/{report_id}/resolution")
async def resolve_report_page(
    request: Request,
    session: SessionDep,
    account: EditorDep,
    lang: WorkspaceLanguageDep,
    now: NowDep,
    report_id: int,
) -> Response:
    """Close a report as the button says, then back to the queue."""
    form = await request.form()
    try:
        outcome = resolve_from_form(
            session=session, actor=account, report_id=report_id, form=form, now=now, lang=lang
        )
    except DomainError as exc:
        outcome = refusal(exc, lang=lang)
    return _workspace(request, account, lang, outcome)
