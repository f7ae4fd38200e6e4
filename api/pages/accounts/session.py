"""Who is signed in: the session cookie read on each request, and the dependencies that
let a workspace page in (``AccountDep``, ``EditorDep``, ``AdminDep``).

The session is Starlette's ``SessionMiddleware``: a cookie signed with itsdangerous
(HttpOnly, SameSite=Lax, Secure when ``session_cookie_secure``), holding the account id, a
fingerprint of its password hash, when it signed in and when it was last seen. The account
is read again from the database on every request, so that disabling an account or giving
it a new password ends its sessions at once. A session ends after ``session_idle_minutes``
without a request and ``session_max_hours`` after signing in, whatever happens.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, HTTPException, Request, status

from api.clock import NowDep
from api.db import SessionDep
from api.i18n import LANGUAGES, Language, negotiate_language
from api.models import Account, AccountRole
from api.services.accounts import organization_ids_of, password_stamp

_ACCOUNT = "account_id"
_STAMP = "stamp"
_SIGNED_IN_AT = "signed_in_at"
_SEEN_AT = "seen_at"


@dataclass(frozen=True)
class SignedIn:
    """The person signed in, as the pages and the editing services see them.

    Implements ``api.models.editing.Actor``: ``name`` is what the history records,
    ``"Display Name <email>"`` (two people may share a name, never an address);
    ``display_name`` is the name alone, for the pages. ``organization_ids`` is None for an
    admin (all organizations)."""

    account_id: int
    email: str
    display_name: str
    role: AccountRole
    organization_ids: frozenset[str] | None
    language: Language

    @property
    def name(self) -> str:
        """Recorded in the history as ``changed_by``."""
        return f"{self.display_name} <{self.email}>"

    @property
    def is_admin(self) -> bool:
        """May do everything, accounts and restores included."""
        return self.role == AccountRole.ADMIN

    @property
    def is_editor(self) -> bool:
        """May edit (an editor within their organizations, or an admin)."""
        return self.role in (AccountRole.EDITOR, AccountRole.ADMIN)


class WorkspaceForbidden(Exception):
    """A signed-in account asked for a page its role does not open (a 403 page)."""

    def __init__(self, account: SignedIn, needed: AccountRole) -> None:
        super().__init__(f"{account.email} is {account.role}: this page needs {needed}")
        self.account = account
        self.needed = needed


def start_session(request: Request, *, account: Account, now: datetime) -> None:
    """Open a session for ``account`` (after its password was checked): the former
    session's content is dropped first (no fixation of anything set before)."""
    request.session.clear()
    request.session.update(
        {
            _ACCOUNT: account.id,
            _STAMP: password_stamp(account.password_hash),
            _SIGNED_IN_AT: now.timestamp(),
            _SEEN_AT: now.timestamp(),
        }
    )


def end_session(request: Request) -> None:
    """Sign out: the session is emptied (the middleware then deletes the cookie)."""
    request.session.clear()


def _as_language(value: str) -> Language:
    return next((lang for lang in LANGUAGES if lang == value), "fr")


def current_account(request: Request, session: SessionDep, now: NowDep) -> SignedIn | None:
    """The signed-in account of the request, or None (no session, an expired one, a
    disabled account, a password changed since). An ended session is emptied."""
    data = request.session
    account_id = data.get(_ACCOUNT)
    if not isinstance(account_id, int):
        return None
    settings = request.app.state.settings
    signed_in_at = float(data.get(_SIGNED_IN_AT, 0))
    seen_at = float(data.get(_SEEN_AT, 0))
    stamp = now.timestamp()
    account = session.get(Account, account_id)
    if (
        account is None
        or not account.is_active
        or data.get(_STAMP) != password_stamp(account.password_hash)
        or stamp - signed_in_at > timedelta(hours=settings.session_max_hours).total_seconds()
        or stamp - seen_at > timedelta(minutes=settings.session_idle_minutes).total_seconds()
    ):
        data.clear()
        return None
    data[_SEEN_AT] = stamp
    assert account.id is not None
    return SignedIn(
        account_id=account.id,
        email=account.email,
        display_name=account.name,
        role=account.role,
        organization_ids=None
        if account.role == AccountRole.ADMIN
        else organization_ids_of(session=session, account_id=account.id),
        language=_as_language(account.language),
    )


OptionalAccountDep = Annotated[SignedIn | None, Depends(current_account)]


def local_path(value: str | None) -> str | None:
    """``value`` when it is a path on this site (``/edit?x=1``), else None: a ``next``
    parameter never sends anyone to another site (``//evil.example``, ``https://...``)."""
    if not value or not value.startswith("/") or value.startswith("//"):
        return None
    if "\\" in value or any(ord(c) < 32 for c in value):
        return None
    return value


def _sign_in_redirect(request: Request) -> HTTPException:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return HTTPException(
        status_code=status.HTTP_303_SEE_OTHER,
        detail="Sign in first.",
        headers={"Location": f"/login?next={quote(target, safe='')}"},
    )


def require_account(request: Request, account: OptionalAccountDep) -> SignedIn:
    """Any signed-in account; else a 303 to ``/login?next=<this page>``."""
    if account is None:
        raise _sign_in_redirect(request)
    return account


AccountDep = Annotated[SignedIn, Depends(require_account)]


def require_editor(account: AccountDep) -> SignedIn:
    """An editor or an admin; a worker gets the 403 page."""
    if not account.is_editor:
        raise WorkspaceForbidden(account, AccountRole.EDITOR)
    return account


EditorDep = Annotated[SignedIn, Depends(require_editor)]


def require_admin(account: AccountDep) -> SignedIn:
    """An admin; anyone else signed in gets the 403 page."""
    if not account.is_admin:
        raise WorkspaceForbidden(account, AccountRole.ADMIN)
    return account


AdminDep = Annotated[SignedIn, Depends(require_admin)]


def workspace_language(request: Request, account: OptionalAccountDep) -> Language:
    """The workspace's language: ``lang`` in the query string, else the signed-in
    account's language, else ``Accept-Language``, else French."""
    chosen = request.query_params.get("lang")
    if account is not None and not chosen:
        return account.language
    return negotiate_language(chosen, request.headers.get("accept-language"))


WorkspaceLanguageDep = Annotated[Language, Depends(workspace_language)]
