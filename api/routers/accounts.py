"""The workspace's sign-in and sign-out, and the admin's account pages (HTML, not part of
the JSON API)."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from api.clock import NowDep
from api.db import SessionDep
from api.models.accounts import EMAIL_MAX_LENGTH, NAME_MAX_LENGTH, PASSWORD_MAX_LENGTH
from api.pages.accounts.admin import (
    accounts_page,
    submit_account_state,
    submit_new_account,
    submit_new_password,
)
from api.pages.accounts.edit import account_page, submit_account
from api.pages.accounts.login import login_page, submit_login, submit_logout
from api.pages.accounts.session import AdminDep, OptionalAccountDep, WorkspaceLanguageDep

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


@router.get("/edit/accounts")
def get_accounts(
    request: Request, session: SessionDep, account: AdminDep, lang: WorkspaceLanguageDep
) -> HTMLResponse:
    """The accounts and the form to open one (admins)."""
    return accounts_page(request, session=session, account=account, lang=lang)


@router.post("/edit/accounts")
def post_account(
    request: Request,
    session: SessionDep,
    account: AdminDep,
    lang: WorkspaceLanguageDep,
    now: NowDep,
    email: Annotated[str, Form(max_length=EMAIL_MAX_LENGTH)] = "",
    name: Annotated[str, Form(max_length=NAME_MAX_LENGTH)] = "",
    role: Annotated[str, Form(max_length=10)] = "",
    password: Annotated[str, Form(max_length=PASSWORD_MAX_LENGTH)] = "",
    language: Annotated[str, Form(max_length=2)] = "fr",
    organization_ids: Annotated[list[str], Form()] = [],  # noqa: B006 (FastAPI copies it)
) -> Response:
    """Open an account (admins)."""
    form = {
        "email": email,
        "name": name,
        "role": role,
        "password": password,
        "language": language,
        "organization_ids": organization_ids,
    }
    return submit_new_account(
        request, session=session, account=account, lang=lang, form=form, now=now
    )


@router.post("/edit/accounts/{account_id}/disable")
def post_disable(
    request: Request,
    session: SessionDep,
    account: AdminDep,
    lang: WorkspaceLanguageDep,
    now: NowDep,
    account_id: int,
) -> Response:
    """Disable an account (admins)."""
    return submit_account_state(
        request,
        session=session,
        account=account,
        lang=lang,
        account_id=account_id,
        enabled=False,
        now=now,
    )


@router.post("/edit/accounts/{account_id}/enable")
def post_enable(
    request: Request,
    session: SessionDep,
    account: AdminDep,
    lang: WorkspaceLanguageDep,
    now: NowDep,
    account_id: int,
) -> Response:
    """Let a disabled account sign in again (admins)."""
    return submit_account_state(
        request,
        session=session,
        account=account,
        lang=lang,
        account_id=account_id,
        enabled=True,
        now=now,
    )


@router.post("/edit/accounts/{account_id}/password")
async def post_password(
    request: Request,
    session: SessionDep,
    account: AdminDep,
    lang: WorkspaceLanguageDep,
    account_id: int,
) -> Response:
    """Give an account a new password (admins). The field is named after the account
    (``password-<id>``), so that its error shows beside the right row."""
    form = await request.form()
    password = form.get(f"password-{account_id}")
    return await run_in_threadpool(
        submit_new_password,
        request,
        session=session,
        account=account,
        lang=lang,
        account_id=account_id,
        password=password if isinstance(password, str) else "",
    )


@router.get("/edit/accounts/{account_id}")
def get_account(
    request: Request,
    session: SessionDep,
    account: AdminDep,
    lang: WorkspaceLanguageDep,
    account_id: int,
) -> HTMLResponse:
    """One account's name, role, language and organizations (admins)."""
    return account_page(request, session=session, account=account, lang=lang, account_id=account_id)


@router.post("/edit/accounts/{account_id}")
def post_account_change(
    request: Request,
    session: SessionDep,
    account: AdminDep,
    lang: WorkspaceLanguageDep,
    account_id: int,
    name: Annotated[str, Form(max_length=NAME_MAX_LENGTH)] = "",
    role: Annotated[str, Form(max_length=10)] = "",
    language: Annotated[str, Form(max_length=2)] = "fr",
    organization_ids: Annotated[list[str], Form()] = [],  # noqa: B006 (FastAPI copies it)
) -> Response:
    """Save an account's name, role, language and organizations (admins)."""
    form = {"name": name, "role": role, "language": language, "organization_ids": organization_ids}
    return submit_account(
        request, session=session, account=account, lang=lang, account_id=account_id, form=form
    )
