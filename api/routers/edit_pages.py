"""The editors' pages of access points (``/edit``...): home, the access point form (create,
edit, merge after a conflict), its history and restore. Organizations and closures:
``api.routers.edit_organization_pages``.

Server-rendered, working without JavaScript; every form carries its CSRF token (asgi-csrf)
and the version it was read at. Each route calls one function of ``api.pages.editing``
(``api.pages.editing.frame.answer_page``: a refusal of the domain is a page in the editor's
language, never a 500). Not part of the JSON API."""

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from api.pages.accounts.session import AdminDep
from api.pages.editing.access_point_pages import save_access_point_form, show_access_point_form
from api.pages.editing.frame import Editing, EditingDep, Flag, answer_page
from api.pages.editing.home import show_home
from api.pages.editing.versions import restore_version_form, save_merge_form, show_history

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/edit")
def edit_home(ctx: EditingDep) -> Response:
    """The editor's organizations and their access points, with freshness."""
    return answer_page(
        ctx,
        lambda: show_home(session=ctx.session, actor=ctx.account, lang=ctx.lang, now=ctx.now),
    )


@router.get("/edit/access-points/new")
def new_access_point(ctx: EditingDep) -> Response:
    """The empty form of a new access point."""
    return answer_page(
        ctx,
        lambda: show_access_point_form(
            session=ctx.session, actor=ctx.account, access_point_id=None, lang=ctx.lang, now=ctx.now
        ),
    )


async def _save_access_point(ctx: Editing, access_point_id: str | None) -> Response:
    form = await ctx.request.form()
    return answer_page(
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
    return answer_page(
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
    return answer_page(
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
    return answer_page(
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
    return answer_page(
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
