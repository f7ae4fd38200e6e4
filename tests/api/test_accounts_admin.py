"""The admin's account pages (/edit/accounts) and ``guichets accounts``."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select
from typer.testing import CliRunner

from api.cli import app as cli
from api.models import Account
from api.ratelimit import reset_all
from api.services.accounts import find_account, organization_ids_of
from tests.workspace import DEFAULT_PASSWORD, make_account, post_form, sign_in

ORG = "cpas-ocmw-schaerbeek"


@pytest.fixture(autouse=True)
def _fresh_limits() -> Iterator[None]:
    reset_all()
    yield
    reset_all()


@pytest.fixture
def admin_client(client: TestClient, session: Session) -> TestClient:
    make_account(session, email="admin@example.be", role="admin", name="Ad Min")
    sign_in(client, "admin@example.be")
    return client


def _new(**changes: object) -> dict[str, object]:
    return {
        "name": "Nadia Editrice",
        "email": "Nadia@CPAS.example.be",
        "role": "editor",
        "organization_ids": [ORG],
        "language": "nl",
        "password": "a long enough password",
    } | changes


def test_an_admin_opens_an_editor_account(admin_client: TestClient, session: Session) -> None:
    page = admin_client.get("/edit/accounts?lang=en")
    assert page.status_code == 200 and "admin@example.be" in page.text
    response = post_form(admin_client, "/edit/accounts?lang=en", _new())  # type: ignore[arg-type]
    assert response.status_code == 303
    assert response.headers["location"] == "/edit/accounts?lang=en&done=created"
    account = find_account(session=session, email="nadia@cpas.example.be")
    assert account is not None and account.id is not None
    assert account.role == "editor" and account.language == "nl"
    assert organization_ids_of(session=session, account_id=account.id) == {ORG}
    listed = admin_client.get(response.headers["location"])
    assert "The account was created." in listed.text and "nadia@cpas.example.be" in listed.text
    # The new editor signs in with the password the admin gave.
    admin_client.cookies.clear()
    sign_in(admin_client, "nadia@cpas.example.be", "a long enough password")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"email": "not an address"}, "email", "Type a valid e-mail address"),
        ({"name": "  "}, "name", "Type the person"),
        ({"role": "boss"}, "role", "Choose a role."),
        ({"password": "short"}, "password", "A password has 12 to 256 characters."),
        ({"organization_ids": ["no-such-organization"]}, "organization_ids", "from the list"),
    ],
)
def test_a_refused_account_says_why_beside_the_field(
    admin_client: TestClient, changes: dict[str, object], field: str, message: str
) -> None:
    response = post_form(admin_client, "/edit/accounts?lang=en", _new(**changes))  # type: ignore[arg-type]
    assert response.status_code == 422
    assert f'id="{field}-errors"' in response.text
    assert message in response.text
    assert "a long enough password" not in response.text  # never sent back


def test_an_address_has_one_account(admin_client: TestClient) -> None:
    response = post_form(
        admin_client,
        "/edit/accounts?lang=en",
        _new(email="ADMIN@example.be"),  # type: ignore[arg-type]
    )
    assert response.status_code == 409
    assert "This address has an account already." in response.text


def test_disable_enable_and_new_password(admin_client: TestClient, session: Session) -> None:
    target = make_account(session, email="ed@example.be", role="editor")
    url = f"/edit/accounts/{target.id}"
    assert post_form(admin_client, f"{url}/disable?lang=en", {}).status_code == 303
    session.refresh(target)
    assert target.disabled_at is not None
    assert "Disabled" in admin_client.get("/edit/accounts?lang=en").text
    assert post_form(admin_client, f"{url}/enable?lang=en", {}).status_code == 303
    session.refresh(target)
    assert target.disabled_at is None
    short = post_form(admin_client, f"{url}/password?lang=en", {f"password-{target.id}": "x"})
    assert short.status_code == 422 and f'id="password-{target.id}-errors"' in short.text
    new = {f"password-{target.id}": "a brand new password"}
    assert post_form(admin_client, f"{url}/password?lang=en", new).status_code == 303
    admin_client.cookies.clear()
    refused = post_form(
        admin_client, "/login", {"email": "ed@example.be", "password": DEFAULT_PASSWORD}
    )
    assert refused.status_code == 401
    sign_in(admin_client, "ed@example.be", "a brand new password")


def test_an_admin_cannot_disable_themselves(admin_client: TestClient, session: Session) -> None:
    me = session.exec(select(Account).where(Account.email == "admin@example.be")).one()
    response = post_form(admin_client, f"/edit/accounts/{me.id}/disable?lang=en", {})
    assert response.status_code == 422
    assert "You cannot disable your own account." in response.text
    session.refresh(me)
    assert me.disabled_at is None


def test_only_admins_see_the_accounts(client: TestClient, session: Session) -> None:
    assert client.get("/edit/accounts", follow_redirects=False).status_code == 303
    make_account(session, email="ed@example.be", role="editor", organization_ids=[ORG])
    sign_in(client, "ed@example.be")
    page = client.get("/edit/accounts?lang=en")
    assert page.status_code == 403 and "This page is for administrators." in page.text
    assert ">Accounts</a>" not in page.text  # not in an editor's menu
    assert post_form(client, "/edit/accounts", _new()).status_code == 403  # type: ignore[arg-type]


def test_the_accounts_page_is_in_the_admins_language(
    admin_client: TestClient, session: Session
) -> None:
    page = admin_client.get("/edit/accounts?lang=nl")
    assert 'lang="nl"' in page.text and "Nieuw account" in page.text


def test_cli_creates_lists_and_disables(cli_reference_database: str) -> None:
    runner = CliRunner()
    created = runner.invoke(
        cli,
        [
            "accounts",
            "create",
            "--email",
            "Root@Example.be",
            "--name",
            "Root",
            "--role",
            "admin",
            "--password-stdin",
        ],
        input="a long enough password\n",
    )
    assert created.exit_code == 0, created.output
    assert "admin account root@example.be created" in created.output
    again = runner.invoke(
        cli,
        ["accounts", "create", "--email", "root@example.be", "--name", "R", "--password-stdin"],
        input="a long enough password\n",
    )
    assert again.exit_code == 1 and "exists already" in again.output
    short = runner.invoke(
        cli,
        ["accounts", "create", "--email", "x@example.be", "--name", "X", "--password-stdin"],
        input="short\n",
    )
    assert short.exit_code == 1 and "password" in short.output
    listed = runner.invoke(cli, ["accounts", "list"])
    assert listed.exit_code == 0 and "root@" in listed.output and "admin" in listed.output
    assert "argon2" not in listed.output
    disabled = runner.invoke(cli, ["accounts", "disable", "root@example.be"])
    assert disabled.exit_code == 0
    assert runner.invoke(cli, ["accounts", "disable", "nobody@example.be"]).exit_code == 1


def test_an_unknown_account_is_not_found(admin_client: TestClient) -> None:
    assert post_form(admin_client, "/edit/accounts/999999/disable", {}).status_code == 404
    missing = post_form(admin_client, "/edit/accounts/999999/password", {"x": "y"})
    assert missing.status_code == 404


def test_an_admin_changes_an_accounts_role_and_organizations(
    admin_client: TestClient, session: Session
) -> None:
    target = make_account(session, email="ed@example.be", role="editor", organization_ids=[ORG])
    assert target.id is not None
    page = admin_client.get(f"/edit/accounts/{target.id}?lang=en")
    assert page.status_code == 200 and "ed@example.be" in page.text
    assert f'value="{ORG}" checked' in page.text
    changed = {
        "name": "Ed Renamed",
        "role": "worker",
        "language": "fr",
        "organization_ids": ["cpas-ocmw-anderlecht", ORG],
    }
    response = post_form(admin_client, f"/edit/accounts/{target.id}?lang=en", changed)
    assert response.status_code == 303
    assert response.headers["location"].endswith("done=updated")
    session.refresh(target)
    assert (target.name, target.role, target.language) == ("Ed Renamed", "worker", "fr")
    assert organization_ids_of(session=session, account_id=target.id) == {
        "cpas-ocmw-anderlecht",
        ORG,
    }
    unknown = post_form(
        admin_client,
        f"/edit/accounts/{target.id}?lang=en",
        changed | {"organization_ids": ["nowhere"]},
    )
    assert unknown.status_code == 422 and 'id="organization_ids-errors"' in unknown.text


def test_an_admin_keeps_their_own_role(admin_client: TestClient, session: Session) -> None:
    me = session.exec(select(Account).where(Account.email == "admin@example.be")).one()
    response = post_form(
        admin_client,
        f"/edit/accounts/{me.id}?lang=en",
        {"name": "Ad Min", "role": "editor", "language": "en"},
    )
    assert response.status_code == 422
    assert "You cannot take the administrator role from yourself." in response.text
    session.refresh(me)
    assert me.role == "admin"
    assert admin_client.get("/edit/accounts/999999").status_code == 404
