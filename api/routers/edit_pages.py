"""The editors' pages (``/edit``...): home, the access point form (create, edit, merge
after a conflict), its history and restore, its closures, the organization form.

Server-rendered, working without JavaScript; every form carries its CSRF token (asgi-csrf)
and the version it was read at. Each route calls one function of ``api.pages.editing``;
a refusal of the domain (404, 403, 412, 422) is a page in the editor's language, never a
500. Not part of the JSON API."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.clock import NowDep
from api.db import SessionDep
from api.errors import DomainError, ForbiddenError, NotFoundError, PreconditionFailedError
from api.i18n import Language
from api.pages.accounts.context import workspace_context
from api.pages.accounts.session import AdminDep, EditorDep, SignedIn, WorkspaceLanguageDep
from api.pages.editing.access_point_pages import (
    restore_version_form,
    save_access_point_form,
    save_merge_form,
    show_access_point_form,
    show_history,
)
from api.pages.editing.home import show_home
from api.pages.editing.organization_pages import (
    save_closure_form,
    save_organization_form,
    show_closures,
    show_organization_form,
)
from api.pages.editing.outcome import Outcome
from api.pages.rendering import render_page
from api.pages.views import gettext_for
from api.routers.params import GeocoderDep

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

SavedFlag = Annotated[bool, Query(alias="saved")]


def _answer(request: Request, outcome: Outcome, *, account: SignedIn, lang: Language) -> Response:
    if outcome.redirect is not None:
        return RedirectResponse(outcome.redirect, status_code=303)
    context = workspace_context(
        request, account=account, lang=lang, title=outcome.title, page="home"
    )
    context |= outcome.context
    return render_page(outcome.template, lang=lang, context=context, status_code=outcome.status)


def _refused(request: Request, exc: DomainError, *, account: SignedIn, lang: Language) -> Response:
    """A refusal of the domain as a page: what went wrong, in the editor's language, and
    the service's own words (English) for the details."""
    _ = gettext_for(lang)
    headline = {
        NotFoundError: _("This entry does not exist."),
        ForbiddenError: _("You may not edit the entries of this organization."),
        PreconditionFailedError: _(
            "Someone else saved this entry meanwhile: open it again and redo your change."
        ),
    }.get(type(exc), _("This request was refused."))
    outcome = Outcome("editing/refused.html", headline, {"detail": exc.message}, exc.status_code)
    return _answer(request, outcome, account=account, lang=lang)


@router.get("/edit")
def edit_home(
    request: Request, session: SessionDep, account: EditorDep, lang: WorkspaceLanguageDep
) -> Response:
    """The editor's organizations and their access points, with freshness."""
    outcome = show_home(session=session, actor=account, lang=lang)
    return _answer(request, outcome, account=account, lang=lang)


@router.get("/edit/access-points/new")
def new_access_point(
    request: Request,
    session: SessionDep,
    account: EditorDep,
    lang: WorkspaceLanguageDep,
    now: NowDep,
) -> Response:
    """The empty form of a new access point."""
    outcome = show_access_point_form(
        session=session, actor=account, access_point_id=None, lang=lang, now=now
    )
    return _answer(request, outcome, account=account, lang=lang)


@router.post("/edit/access-points/new")
async def create_access_point_page(
    request: Request,
    session: SessionDep,
    account: EditorDep,
    lang: WorkspaceLanguageDep,
    now: NowDep,
    geocoder: GeocoderDep,
) -> Response:
    """Create an access point from the form."""
    form = await request.form()
    try:
        outcome = save_access_point_form(
            session=session,
            actor=account,
            access_point_id=None,
            form=form,
            now=now,
            lang=lang,
            geocoder=geocoder,
        )
    except DomainError as exc:
        return _refused(request, exc, account=account, lang=lang)
    return _answer(request, outcome, account=account, lang=lang)


@router.get("/edit/access-points/{access_point_id}")
def access_point_form(
    request: Request,
    session: SessionDep,
    account: EditorDep,
    lang: WorkspaceLanguageDep,
    now: NowDep,
    access_point_id: str,
    saved: SavedFlag = False,
) -> Response:
    """The form of one access point, with its stored values and version."""
    try:
        outcome = show_access_point_form(
            session=session,
            actor=account,
            access_point_id=access_point_id,
            lang=lang,
            now=now,
            saved=saved,
        )
    except DomainError as exc:
        return _refused(request, exc, account=account, lang=lang)
    return _answer(request, outcome, account=account, lang=lang)


@router.post("/edit/access-points/{access_point_id}")
async def save_access_point_page(
    request: Request,
    session: SessionDep,
    account: EditorDep,
    lang: WorkspaceLanguageDep,
    now: NowDep,
    geocoder: GeocoderDep,
    access_point_id: str,
) -> Response:
    """Save the form; errors beside their fields, the merge page on a conflict."""
    form = await request.form()
    try:
        outcome = save_access_point_form(
            session=session,
            actor=account,
            access_point_id=access_point_id,
            form=form,
            now=now,
            lang=lang,
            geocoder=geocoder,
        )
    except DomainError as exc:
        return _refused(request, exc, account=account, lang=lang)
    return _answer(request, outcome, account=account, lang=lang)


@router.post("/edit/access-points/{access_point_id}/merge")
async def merge_access_point_page(
    request: Request,
    session: SessionDep,
    account: EditorDep,
    lang: WorkspaceLanguageDep,
    now: NowDep,
    geocoder: GeocoderDep,
    access_point_id: str,
) -> Response:
    """Save the merge page's choices against the version it showed."""
    form = await request.form()
    try:
        outcome = save_merge_form(
            session=session,
            actor=account,
            access_point_id=access_point_id,
            form=form,
            now=now,
            lang=lang,
            geocoder=geocoder,
        )
    except DomainError as exc:
        return _refused(request, exc, account=account, lang=lang)
    return _answer(request, outcome, account=account, lang=lang)


@router.get("/edit/access-points/{access_point_id}/history")
def history_page(
    request: Request,
    session: SessionDep,
    account: EditorDep,
    lang: WorkspaceLanguageDep,
    access_point_id: str,
    restored: Annotated[bool, Query()] = False,
) -> Response:
    """Every version of an access point with a readable diff; restore for admins."""
    try:
        outcome = show_history(
            session=session,
            actor=account,
            access_point_id=access_point_id,
            lang=lang,
            restored=restored,
        )
    except DomainError as exc:
        return _refused(request, exc, account=account, lang=lang)
    return _answer(request, outcome, account=account, lang=lang)


@router.post("/edit/access-points/{access_point_id}/restore")
async def restore_page(
    request: Request,
    session: SessionDep,
    account: AdminDep,
    lang: WorkspaceLanguageDep,
    now: NowDep,
    access_point_id: str,
) -> Response:
    """Admins: make a former version current again (a new version)."""
    form = await request.form()
    try:
        outcome = restore_version_form(
            session=session,
            actor=account,
            access_point_id=access_point_id,
            form=form,
            now=now,
            lang=lang,
        )
    except DomainError as exc:
        return _refused(request, exc, account=account, lang=lang)
    return _answer(request, outcome, account=account, lang=lang)


@router.get("/edit/access-points/{access_point_id}/closures")
def closures_page(
    request: Request,
    session: SessionDep,
    account: EditorDep,
    lang: WorkspaceLanguageDep,
    access_point_id: str,
) -> Response:
    """The closures of an access point, with forms to add, change and cancel them."""
    try:
        outcome = show_closures(
            session=session, actor=account, access_point_id=access_point_id, lang=lang
        )
    except DomainError as exc:
        return _refused(request, exc, account=account, lang=lang)
    return _answer(request, outcome, account=account, lang=lang)


@router.post("/edit/access-points/{access_point_id}/closures")
async def save_closures_page(
    request: Request,
    session: SessionDep,
    account: EditorDep,
    lang: WorkspaceLanguageDep,
    now: NowDep,
    access_point_id: str,
) -> Response:
    """Add, change or cancel a closure (``action``)."""
    form = await request.form()
    try:
        outcome = save_closure_form(
            session=session,
            actor=account,
            access_point_id=access_point_id,
            form=form,
            now=now,
            lang=lang,
        )
    except DomainError as exc:
        return _refused(request, exc, account=account, lang=lang)
    return _answer(request, outcome, account=account, lang=lang)


@router.get("/edit/organizations/{organization_id}")
def organization_page(
    request: Request,
    session: SessionDep,
    account: EditorDep,
    lang: WorkspaceLanguageDep,
    organization_id: str,
    saved: SavedFlag = False,
) -> Response:
    """An organization's form."""
    try:
        outcome = show_organization_form(
            session=session,
            actor=account,
            organization_id=organization_id,
            lang=lang,
            saved=saved,
        )
    except DomainError as exc:
        return _refused(request, exc, account=account, lang=lang)
    return _answer(request, outcome, account=account, lang=lang)


@router.post("/edit/organizations/{organization_id}")
async def save_organization_page(
    request: Request,
    session: SessionDep,
    account: EditorDep,
    lang: WorkspaceLanguageDep,
    now: NowDep,
    organization_id: str,
) -> Response:
    """Save an organization's form against its version."""
    form = await request.form()
    try:
        outcome = save_organization_form(
            session=session,
            actor=account,
            organization_id=organization_id,
            form=form,
            now=now,
            lang=lang,
        )
    except DomainError as exc:
        return _refused(request, exc, account=account, lang=lang)
    return _answer(request, outcome, account=account, lang=lang)
