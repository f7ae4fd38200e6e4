"""The workspace's sign-in and sign-out, and the admin's account pages (HTML, not part of
the JSON API)."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from api.clock import NowDep
from api.db import SessionDep
from api.models.accounts import EMAIL_MAX_LENGTH, PASSWORD_MAX_LENGTH
from api.pages.accounts.login import login_page, submit_login, submit_logout
from api.pages.accounts.session import OptionalAccountDep, WorkspaceLanguageDep

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/login")
def get_login(
    request: Request, account: OptionalAccountDep, lang: WorkspaceLanguageDep
) -> HTMLResponse:
    """The sign-in form."""
    return login_page(request, account=account, lang=lang)


@router.post("/login")
def post_login(
    request: Request,
    session: SessionDep,
    lang: WorkspaceLanguageDep,
    now: NowDep,
    email: Annotated[str, Form(max_length=EMAIL_MAX_LENGTH)] = "",
    password: Annotated[str, Form(max_length=PASSWORD_MAX_LENGTH)] = "",
) -> Response:
    """Sign in with an e-mail address and a password (Argon2 checks run in the thread
    pool: this route is sync on purpose)."""
    form = {"email": email, "password": password}
    return submit_login(request, session=session, form=form, lang=lang, now=now)


@router.post("/logout")
def post_logout(request: Request, lang: WorkspaceLanguageDep) -> Response:
    """Sign out."""
    return submit_logout(request, lang=lang)
