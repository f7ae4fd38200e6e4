"""Helpers for the tests of the workspace pages: accounts, signing in, posting forms with
their CSRF token."""

import html
import re
from collections.abc import Iterable, Mapping, Sequence

import httpx
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.clock import current_time
from api.models import Account, AccountCreate, AccountRole
from api.services.accounts import create_account

DEFAULT_PASSWORD = "correct horse battery staple"
_TOKEN = re.compile(r'name="csrftoken" value="([^"]+)"')

FormData = Mapping[str, str | Sequence[str]]


def make_account(
    session: Session,
    *,
    email: str,
    role: AccountRole | str,
    organization_ids: Iterable[str] = (),
    password: str = DEFAULT_PASSWORD,
    name: str | None = None,
    language: str = "en",
) -> Account:
    """An account committed in the test's transaction (rolled back after the test). The
    name defaults to the address's local part; the language to English, so that pages
    answer in the message ids the tests look for."""
    data = AccountCreate.model_validate(
        {
            "email": email,
            "name": name or email.split("@")[0],
            "role": role,
            "password": password,
            "language": language,
            "organization_ids": list(organization_ids),
        }
    )
    return create_account(session=session, data=data, now=current_time())


def csrf_token(client: TestClient, url: str = "/login") -> str:
    """The client's CSRF token: its cookie, else the one a GET of ``url`` sets."""
    token = client.cookies.get("csrftoken")
    if token:
        return token
    page = client.get(url)
    found = _TOKEN.search(page.text)
    token = client.cookies.get("csrftoken") or (found.group(1) if found else None)
    if not token:
        raise AssertionError(f"GET {url} gave no CSRF token ({page.status_code})")
    return token


def post_form(
    client: TestClient, url: str, data: FormData, *, follow_redirects: bool = False
) -> httpx.Response:
    """POST ``data`` as a form to ``url`` with the client's CSRF token in ``csrftoken``
    (fetched first when the client has none). Redirects are not followed by default so
    that tests see the 303."""
    fields = {**data, "csrftoken": csrf_token(client)}
    return client.post(url, data=fields, follow_redirects=follow_redirects)


def sign_in(client: TestClient, email: str, password: str = DEFAULT_PASSWORD) -> httpx.Response:
    """Sign ``client`` in; raises AssertionError when the sign-in is refused."""
    response = post_form(client, "/login", {"email": email, "password": password})
    if response.status_code != 303:
        raise AssertionError(f"sign-in of {email} refused: {response.status_code}")
    return response


_HIDDEN = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)">')


def hidden_fields(page: str) -> FormData:
    """The hidden fields of a page's forms but the CSRF token, unescaped, as ``post_form``
    takes them (a name met twice is a list): what a confirmation step sends back."""
    fields: dict[str, list[str]] = {}
    for name, value in _HIDDEN.findall(page):
        if name != "csrftoken":
            fields.setdefault(name, []).append(html.unescape(value))
    return fields
