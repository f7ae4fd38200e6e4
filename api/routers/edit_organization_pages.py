"""The editors' pages of organizations (their form and its merge after a conflict) and of
closures (of one access point, or of every access point of an organization).

Server-rendered, working without JavaScript, CSRF token and version in every form; each
route calls one function of ``api.pages.editing`` (``api.pages.editing.frame``). Not part
of the JSON API."""

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from api.pages.editing.closure_pages import save_closure_form, show_closures
from api.pages.editing.frame import EditingDep, Flag, answer_page
from api.pages.editing.organization_pages import (
    save_organization_form,
    save_organization_merge_form,
    show_organization_form,
)

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/edit/access-points/{access_point_id}/closures")
def closures_page(ctx: EditingDep, access_point_id: str) -> Response:
    """The closures of an access point, with forms to add, change and cancel them."""
    return answer_page(
        ctx,
        lambda: show_closures(
            session=ctx.session, actor=ctx.account, access_point_id=access_point_id, lang=ctx.lang
        ),
    )


@router.post("/edit/access-points/{access_point_id}/closures")
async def save_closures_page(ctx: EditingDep, access_point_id: str) -> Response:
    """Add, change or cancel a closure (``action``)."""
    form = await ctx.request.form()
    return answer_page(
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
    return answer_page(
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
    return answer_page(
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
    return answer_page(
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
    return answer_page(
        ctx,
        lambda: show_closures(
            session=ctx.session, actor=ctx.account, organization_id=organization_id, lang=ctx.lang
        ),
    )


@router.post("/edit/organizations/{organization_id}/closures")
async def save_organization_closures_page(ctx: EditingDep, organization_id: str) -> Response:
    """Add, change or cancel a closure of a whole organization (``action``)."""
    form = await ctx.request.form()
    return answer_page(
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
