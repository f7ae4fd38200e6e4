"""The editors' pages (``/edit``...): home, the access point form (create, edit, merge
after a conflict), its history and restore, its closures, the organization form.

Server-rendered, working without JavaScript; every form carries its CSRF token (asgi-csrf)
and the version it was read at. Each route calls one function of ``api.pages.editing``;
a refusal of the domain (404, 403, 412, 422) is a page in the editor's language, never a
500. Not part of the JSON API."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from api.clock import NowDep
from api.db import SessionDep
from api.errors import DomainError
from api.geocoding import Geocoder
from api.i18n import Language
from api.pages.accounts.context import workspace_context
from api.pages.accounts.session import AdminDep, EditorDep, SignedIn, WorkspaceLanguageDep
from api.pages.editing.access_point_pages import save_access_point_form, show_access_point_form
from api.pages.editing.closure_pages import save_closure_form, show_closures
from api.pages.editing.home import show_home
from api.pages.editing.organization_pages import (
    save_organization_form,
    save_organization_merge_form,
    show_organization_form,
)
from api.pages.editing.outcome import Outcome, refusal
from api.pages.editing.versions import restore_version_form, save_merge_form, show_history
from api.pages.rendering import render_page
from api.routers.params import GeocoderDep

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

Flag = Annotated[bool, Query()]


@dataclass(frozen=True)
class Editing:
    """What every editors' page gets: the request, the session, the signed-in editor (or
    admin), the workspace's language, the clock and the geocoder."""

    request: Request
    session: Session
    account: SignedIn
    lang: Language
    now: datetime
    geocoder: Geocoder | None


def editing(
    request: Request,
    session: SessionDep,
    account: EditorDep,
    lang: WorkspaceLanguageDep,
    now: NowDep,
    geocoder: GeocoderDep,
) -> Editing:
    """The dependencies of an editors' page in one (an editor or an admin; else 303 to the
    sign-in page, or the 403 page for a worker)."""
    return Editing(request, session, account, lang, now, geocoder)


EditingDep = Annotated[Editing, Depends(editing)]


def _answer(ctx: Editing, page: Callable[[], Outcome]) -> Response:
    """Run ``page`` and answer its outcome: a 303 redirect, or its template in the
    workspace's frame; a refusal of the domain becomes a page with its status."""
    try:
        outcome = page()
    except DomainError as exc:
        outcome = refusal(exc, lang=ctx.lang)
    if outcome.redirect is not None:
        return RedirectResponse(outcome.redirect, status_code=303)
    context = workspace_context(
        ctx.request, account=ctx.account, lang=ctx.lang, title=outcome.title, page="home"
    )
    context |= outcome.context
    return render_page(outcome.template, lang=ctx.lang, context=context, status_code=outcome.status)


@router.get("/edit")
def edit_home(ctx: EditingDep) -> Response:
    """The editor's organizations and their access points, with freshness."""
    return _answer(ctx, lambda: show_home(session=ctx.session, actor=ctx.account, lang=ctx.lang))


@router.get("/edit/access-points/new")
def new_access_point(ctx: EditingDep) -> Response:
    """The empty form of a new access point."""
    return _answer(
        ctx,
        lambda: show_access_point_form(
            session=ctx.session, actor=ctx.account, access_point_id=None, lang=ctx.lang, now=ctx.now
        ),
    )


async def _save_access_point(ctx: Editing, access_point_id: str | None) -> Response:
    form = await ctx.request.form()
    return _answer(
        ctx,
        lambda: save_access_point_form(
            session=ctx.session,
            actor=ctx.account,
            access_point_id=access_point_id,
            form=form,
            now=ctx.now,
            lang=ctx.lang,
            geocoder=ctx.geocoder,
        ),
    )


@router.post("/edit/access-points/new")
async def create_access_point_page(ctx: EditingDep) -> Response:
    """Create an access point from the form."""
    return await _save_access_point(ctx, None)


@router.get("/edit/access-points/{access_point_id}")
def access_point_page(ctx: EditingDep, access_point_id: str, saved: Flag = False) -> Response:
    """The form of one access point, with its stored values and version."""
    return _answer(
        ctx,
        lambda: show_access_point_form(
            session=ctx.session,
            actor=ctx.account,
            access_point_id=access_point_id,
            lang=ctx.lang,
            now=ctx.now,
            saved=saved,
        ),
    )


@router.post("/edit/access-points/{access_point_id}")
async def save_access_point_page(ctx: EditingDep, access_point_id: str) -> Response:
    """Save the form; errors beside their fields, the merge page on a conflict."""
    return await _save_access_point(ctx, access_point_id)


@router.post("/edit/access-points/{access_point_id}/merge")
async def merge_access_point_page(ctx: EditingDep, access_point_id: str) -> Response:
    """Save the merge page's choices against the version it showed."""
    form = await ctx.request.form()
    return _answer(
        ctx,
        lambda: save_merge_form(
            session=ctx.session,
            actor=ctx.account,
            access_point_id=access_point_id,
            form=form,
            now=ctx.now,
            lang=ctx.lang,
            geocoder=ctx.geocoder,
        ),
    )


@router.get("/edit/access-points/{access_point_id}/history")
def history_page(ctx: EditingDep, access_point_id: str, restored: Flag = False) -> Response:
    """Every version of an access point with a readable diff; restore for admins."""
    return _answer(
        ctx,
        lambda: show_history(
            session=ctx.session,
            actor=ctx.account,
            access_point_id=access_point_id,
            lang=ctx.lang,
            restored=restored,
        ),
    )


@router.post("/edit/access-points/{access_point_id}/restore")
async def restore_page(ctx: EditingDep, admin: AdminDep, access_point_id: str) -> Response:
    """Admins: make a former version current again (a new version)."""
    form = await ctx.request.form()
    return _answer(
        ctx,
        lambda: restore_version_form(
            session=ctx.session,
            actor=admin,
            access_point_id=access_point_id,
            form=form,
            now=ctx.now,
            lang=ctx.lang,
        ),
    )


@router.get("/edit/access-points/{access_point_id}/closures")
def closures_page(ctx: EditingDep, access_point_id: str) -> Response:
    """The closures of an access point, with forms to add, change and cancel them."""
    return _answer(
        ctx,
        lambda: show_closures(
            session=ctx.session, actor=ctx.account, access_point_id=access_point_id, lang=ctx.lang
        ),
    )


@router.post("/edit/access-points/{access_point_id}/closures")
async def save_closures_page(ctx: EditingDep, access_point_id: str) -> Response:
    """Add, change or cancel a closure (``action``)."""
    form = await ctx.request.form()
    return _answer(
        ctx,
        lambda: save_closure_form(
            session=ctx.session,
            actor=ctx.account,
            access_point_id=access_point_id,
            form=form,
            now=ctx.now,
            lang=ctx.lang,
        ),
    )


@router.get("/edit/organizations/{organization_id}")
def organization_page(ctx: EditingDep, organization_id: str, saved: Flag = False) -> Response:
    """An organization's form."""
    return _answer(
        ctx,
        lambda: show_organization_form(
            session=ctx.session,
            actor=ctx.account,
            organization_id=organization_id,
            lang=ctx.lang,
            saved=saved,
        ),
    )


@router.post("/edit/organizations/{organization_id}")
async def save_organization_page(ctx: EditingDep, organization_id: str) -> Response:
    """Save an organization's form against its version."""
    form = await ctx.request.form()
    return _answer(
        ctx,
        lambda: save_organization_form(
            session=ctx.session,
            actor=ctx.account,
            organization_id=organization_id,
            form=form,
            now=ctx.now,
            lang=ctx.lang,
        ),
    )


@router.post("/edit/organizations/{organization_id}/merge")
async def merge_organization_page(ctx: EditingDep, organization_id: str) -> Response:
    """Save the merge page's choices for an organization against the version it showed."""
    form = await ctx.request.form()
    return _answer(
        ctx,
        lambda: save_organization_merge_form(
            session=ctx.session,
            actor=ctx.account,
            organization_id=organization_id,
            form=form,
            now=ctx.now,
            lang=ctx.lang,
        ),
    )


@router.get("/edit/organizations/{organization_id}/closures")
def organization_closures_page(ctx: EditingDep, organization_id: str) -> Response:
    """The closures of every access point of an organization (holidays, strikes...)."""
    return _answer(
        ctx,
        lambda: show_closures(
            session=ctx.session, actor=ctx.account, organization_id=organization_id, lang=ctx.lang
        ),
    )


@router.post("/edit/organizations/{organization_id}/closures")
async def save_organization_closures_page(ctx: EditingDep, organization_id: str) -> Response:
    """Add, change or cancel a closure of a whole organization (``action``)."""
    form = await ctx.request.form()
    return _answer(
        ctx,
        lambda: save_closure_form(
            session=ctx.session,
            actor=ctx.account,
            organization_id=organization_id,
            form=form,
            now=ctx.now,
            lang=ctx.lang,
        ),
    )
