"""Signing in and out, sessions (idle and absolute timeouts, disabled accounts, new
passwords), login limits, CSRF and the role dependencies of the workspace pages."""

from collections.abc import Iterator
from datetime import timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session, select

from api.clock import get_now
from api.config import Settings
from api.db import get_session
from api.main import create_app
from api.models import AccessPoint, Account, AccountRole, Change
from api.pages.accounts.session import AccountDep, EditorDep, SignedIn
from api.ratelimit import reset_all
from api.services.accounts import disable_account, reset_password
from api.services.editing.access_points import update_access_point
from tests.conftest import NOW
from tests.workspace import DEFAULT_PASSWORD, csrf_token, make_account, post_form, sign_in


@pytest.fixture(autouse=True)
def _fresh_limits() -> Iterator[None]:
    reset_all()
    yield
    reset_all()


@pytest.fixture
def probe_app(app: FastAPI) -> FastAPI:
    """The app with two probe pages that only answer who is signed in."""

    @app.get("/_probe/any")
    def any_account(account: AccountDep) -> dict[str, object]:
        return {"name": account.name, "admin": account.is_admin}

    @app.get("/_probe/editor")
    def editor(account: EditorDep) -> dict[str, object]:
        orgs = account.organization_ids
        return {"name": account.name, "organizations": sorted(orgs) if orgs is not None else None}

    return app


def test_sign_in_then_out(client: TestClient, session: Session) -> None:
    make_account(session, email="ed@example.be", role="editor", name="Ed Itor")
    response = sign_in(client, "ED@Example.be")
    assert response.headers["location"] == "/edit"
    cookie = next(h for h in response.headers.get_list("set-cookie") if "guichets_session" in h)
    assert "httponly" in cookie.lower() and "samesite=lax" in cookie.lower()
    account = session.exec(select(Account).where(Account.email == "ed@example.be")).one()
    assert account.last_login_at is not None
    assert account.password_hash.startswith("$argon2id$")
    page = client.get("/login?lang=en")
    assert "Ed Itor" in page.text and "Sign out" in page.text
    out = post_form(client, "/logout", {})
    assert out.status_code == 303 and out.headers["location"].startswith("/login")
    assert "Sign out" not in client.get("/login?lang=en").text


def test_wrong_password_and_unknown_address_get_the_same_answer(
    client: TestClient, session: Session
) -> None:
    make_account(session, email="ed@example.be", role="editor")
    wrong = post_form(client, "/login?lang=en", {"email": "ed@example.be", "password": "nope"})
    unknown = post_form(
        client, "/login?lang=en", {"email": "nobody@example.be", "password": "nope"}
    )
    assert wrong.status_code == unknown.status_code == 401
    assert "Wrong e-mail address or password." in wrong.text
    assert "Wrong e-mail address or password." in unknown.text
    assert 'value="ed@example.be"' in wrong.text  # the address stays typed


def test_empty_fields_are_said_beside_them(client: TestClient) -> None:
    response = post_form(client, "/login?lang=fr", {"email": "", "password": ""})
    assert response.status_code == 422
    assert (
        'id="email-errors"' in response.text and "Indiquez votre adresse e-mail." in response.text
    )
    assert 'aria-invalid="true"' in response.text


def test_disabled_account_cannot_sign_in(client: TestClient, session: Session) -> None:
    account = make_account(session, email="gone@example.be", role="editor")
    assert account.id is not None
    disable_account(session=session, account_id=account.id, now=NOW)
    response = post_form(
        client, "/login?lang=en", {"email": "gone@example.be", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 401


def test_next_goes_back_to_the_page_only_when_local(client: TestClient, session: Session) -> None:
    make_account(session, email="ed@example.be", role="editor")
    data = {"email": "ed@example.be", "password": DEFAULT_PASSWORD}
    local = post_form(client, "/login?next=%2Fedit%2Freports%3Fstatus%3Dopen", data)
    assert local.headers["location"] == "/edit/reports?status=open"
    post_form(client, "/logout", {})
    for evil in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        away = post_form(client, f"/login?next={evil}", data)
        assert away.headers["location"] == "/edit", evil
        post_form(client, "/logout", {})


def test_a_page_for_accounts_sends_strangers_to_sign_in(probe_app: FastAPI) -> None:
    with TestClient(probe_app) as client:
        response = client.get("/_probe/any?x=1", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=%2F_probe%2Fany%3Fx%3D1"


def test_signed_in_is_an_actor_named_unambiguously(probe_app: FastAPI, session: Session) -> None:
    make_account(
        session,
        email="ed@example.be",
        role="editor",
        name="Ed Itor",
        organization_ids=["cpas-ocmw-schaerbeek"],
    )
    with TestClient(probe_app) as client:
        sign_in(client, "ed@example.be")
        answer = client.get("/_probe/editor").json()
    assert answer == {"name": "Ed Itor <ed@example.be>", "organizations": ["cpas-ocmw-schaerbeek"]}


def test_a_worker_lands_on_the_public_search(client: TestClient, session: Session) -> None:
    make_account(session, email="desk@example.be", role="worker")
    assert sign_in(client, "desk@example.be").headers["location"] == "/?lang=en"


def test_a_worker_gets_the_403_page_on_an_editor_page(probe_app: FastAPI, session: Session) -> None:
    make_account(session, email="desk@example.be", role="worker")
    with TestClient(probe_app) as client:
        sign_in(client, "desk@example.be")
        response = client.get("/_probe/editor?lang=en")
    assert response.status_code == 403
    assert "This page is for editors." in response.text


def test_idle_and_absolute_timeouts(probe_app: FastAPI, session: Session) -> None:
    make_account(session, email="ed@example.be", role="editor")
    clock = {"now": NOW}
    probe_app.dependency_overrides[get_now] = lambda: clock["now"]
    with TestClient(probe_app) as client:
        sign_in(client, "ed@example.be")
        # Seen every 29 minutes: still signed in (idle limit 30 min) ...
        for _ in range(24):
            clock["now"] += timedelta(minutes=29)
            if clock["now"] - NOW > timedelta(hours=12):
                break
            assert client.get("/_probe/any", follow_redirects=False).status_code == 200
        # ... until 12 hours after signing in, whatever the activity.
        clock["now"] = NOW + timedelta(hours=12, minutes=1)
        assert client.get("/_probe/any", follow_redirects=False).status_code == 303
        sign_in(client, "ed@example.be")
        clock["now"] += timedelta(minutes=31)
        assert client.get("/_probe/any", follow_redirects=False).status_code == 303


def test_a_new_password_or_disabling_ends_open_sessions(
    probe_app: FastAPI, session: Session
) -> None:
    account = make_account(session, email="ed@example.be", role="editor")
    assert account.id is not None
    with TestClient(probe_app) as client:
        sign_in(client, "ed@example.be")
        assert client.get("/_probe/any", follow_redirects=False).status_code == 200
        reset_password(session=session, account_id=account.id, password="another long password")
        assert client.get("/_probe/any", follow_redirects=False).status_code == 303
        sign_in(client, "ed@example.be", "another long password")
        disable_account(session=session, account_id=account.id, now=NOW)
        assert client.get("/_probe/any", follow_redirects=False).status_code == 303


def test_failures_are_limited_per_account(client: TestClient, session: Session) -> None:
    make_account(session, email="ed@example.be", role="editor")
    bad = {"email": "ed@example.be", "password": "wrong password"}
    statuses = [post_form(client, "/login?lang=en", bad).status_code for _ in range(5)]
    assert statuses == [401] * 5
    # At the limit even the right password is not checked, and the page says what to do.
    right = post_form(
        client, "/login?lang=en", {"email": "ed@example.be", "password": DEFAULT_PASSWORD}
    )
    assert right.status_code == 429
    assert "Wait 15 minutes" in right.text
    # Another account from the same address is not locked out by it.
    make_account(session, email="other@example.be", role="editor")
    sign_in(client, "other@example.be")


def test_failures_are_limited_per_address(client: TestClient, session: Session) -> None:
    make_account(session, email="ed@example.be", role="editor")
    for number in range(20):
        data = {"email": f"guess{number}@example.be", "password": "x"}
        assert post_form(client, "/login", data).status_code == 401
    data = {"email": "ed@example.be", "password": DEFAULT_PASSWORD}
    assert post_form(client, "/login", data).status_code == 429


def test_forms_without_their_token_are_refused(client: TestClient, session: Session) -> None:
    make_account(session, email="ed@example.be", role="editor")
    data = {"email": "ed@example.be", "password": DEFAULT_PASSWORD}
    # No cookie at all: the sign-in form is protected anyway (login CSRF).
    assert client.post("/login", data=data, follow_redirects=False).status_code == 403
    token = csrf_token(client)
    assert client.post("/login", data=data | {"csrftoken": "forged"}).status_code == 403
    refused = client.post("/login?lang=fr", data=data, follow_redirects=False)
    assert refused.status_code == 403
    assert "Le formulaire a expiré" in refused.text
    accepted = client.post("/login", data=data | {"csrftoken": token}, follow_redirects=False)
    assert accepted.status_code == 303


def test_the_json_api_is_not_asked_for_a_token(client: TestClient) -> None:
    csrf_token(client)  # the browser has the cookie; /v1/ still answers on its own terms
    response = client.post("/v1/access-points", json={})
    assert response.status_code == 401


def test_history_records_the_person_by_name_and_address(session: Session) -> None:
    long_name = "Marie-Françoise Van den Bossche-Vandermeulen de la Hoya"
    account = make_account(
        session,
        email="marie-francoise.vandenbossche-vandermeulen@cpas-ocmw-schaerbeek.example.be",
        role="admin",
        name=long_name,
    )
    assert account.id is not None
    signed = SignedIn(
        account_id=account.id,
        email=account.email,
        display_name=account.name,
        role=AccountRole.ADMIN,
        organization_ids=None,
        language="en",
    )
    point = session.exec(select(AccessPoint)).first()
    assert point is not None and point.version is not None
    update_access_point(
        session=session,
        actor=signed,
        access_point_id=point.id,
        body={"description": "Checked by phone."},
        merge=True,
        expected_version=point.version,
        now=NOW,
    )
    change = session.exec(
        select(Change).where(Change.resource_id == point.id).order_by(Change.version.desc())  # type: ignore[attr-defined]
    ).first()
    assert change is not None
    assert change.changed_by == f"{long_name} <{account.email}>"
    assert len(change.changed_by) > 120


def test_cookies_are_secure_when_settings_say_so(
    engine: Engine, session: Session, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "a-test-secret-" + "x" * 40
    application = create_app(
        Settings(
            database_url=str(engine.url),
            seed_on_startup=False,
            session_secret=secret,
            session_cookie_secure=True,
        )
    )
    application.dependency_overrides[get_session] = lambda: session
    application.dependency_overrides[get_now] = lambda: NOW
    assert "public development secret" not in caplog.text
    make_account(session, email="ed@example.be", role="editor")
    with TestClient(application, base_url="https://testserver") as client:
        response = sign_in(client, "ed@example.be")
    cookies = response.headers.get_list("set-cookie")
    assert all("secure" in cookie.lower() for cookie in cookies), cookies


def test_the_development_secret_is_warned_about(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    create_app(Settings(database_url=str(engine.url), seed_on_startup=False))
    assert "GUICHETS_SESSION_SECRET is not set" in caplog.text
