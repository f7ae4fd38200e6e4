"""The workspace's verification pages (HTML, not part of the JSON API): stale entries and
"Checked today", verification campaigns."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from api.clock import NowDep
from api.db import SessionDep
from api.pages.accounts.session import AdminDep, EditorDep, WorkspaceLanguageDep
from api.pages.verification.pages import (
    campaigns_page,
    submit_campaign,
    submit_check,
    verification_page,
)
from api.services.verification.campaigns import TITLE_MAX_LENGTH

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/edit/verification")
def get_verification(
    request: Request,
    session: SessionDep,
    account: EditorDep,
    lang: WorkspaceLanguageDep,
    now: NowDep,
) -> HTMLResponse:
    """The editor's campaign tasks and stale entries, each with "Checked today"."""
    return verification_page(request, session=session, account=account, lang=lang, now=now)


@router.post("/edit/verification/{access_point_id}")
def post_check(
    request: Request,
    session: SessionDep,
    account: EditorDep,
    lang: WorkspaceLanguageDep,
    now: NowDep,
    access_point_id: str,
    method: Annotated[str, Form(max_length=20)] = "",
    version: Annotated[str, Form(max_length=12)] = "",
    back: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    """ "Checked today" with the method: the entry's verified_at and method change."""
    return submit_check(
        request,
        session=session,
        account=account,
        lang=lang,
        now=now,
        access_point_id=access_point_id,
        method=method,
        version=version,
        back=back or None,
    )


@router.get("/edit/campaigns")
def get_campaigns(
    request: Request, session: SessionDep, account: EditorDep, lang: WorkspaceLanguageDep
) -> HTMLResponse:
    """The campaigns and their progress (admins also see the form to open one)."""
    return campaigns_page(request, session=session, account=account, lang=lang)


@router.post("/edit/campaigns")
def post_campaign(
    request: Request,
    session: SessionDep,
    account: AdminDep,
    lang: WorkspaceLanguageDep,
    now: NowDep,
    title: Annotated[str, Form(max_length=TITLE_MAX_LENGTH + 50)] = "",
    scope: Annotated[str, Form(max_length=20)] = "",
    organization_ids: Annotated[list[str], Form()] = [],  # noqa: B006 (FastAPI copies it)
    kinds: Annotated[list[str], Form()] = [],  # noqa: B006
    communes: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Open a campaign (admins)."""
    form = {
        "title": title,
        "scope": scope,
        "organization_ids": organization_ids,
        "kinds": kinds,
        "communes": communes,
    }
    return submit_campaign(request, session=session, account=account, lang=lang, now=now, form=form)
