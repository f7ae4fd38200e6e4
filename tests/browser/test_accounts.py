"""Accounts in a real browser: signing in and out, the wrong-password message, the limit
on failures, a form refused without its CSRF token, the admin's account pages, and their
accessibility (axe-core)."""

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session

from tests.browser.conftest import sign_in_page
from tests.browser.live_server import LiveServer
from tests.browser.test_accessibility import _violations
from tests.workspace import DEFAULT_PASSWORD, make_account


@pytest.fixture(scope="module")
def accounts(writable_server: LiveServer) -> LiveServer:
    """The module's server with an admin, an editor and a worker."""
    with Session(writable_server.app.state.engine) as session:
        make_account(session, email="admin@example.be", role="admin", name="Ada Admin")
        make_account(
            session,
            email="editor@example.be",
            role="editor",
            name="Eddy Editor",
            organization_ids=["cpas-ocmw-schaerbeek"],
        )
        make_account(session, email="locked@example.be", role="worker", name="Lou Locked")
    return writable_server


def test_an_editor_signs_in_and_out(writable_page: Page, accounts: LiveServer) -> None:
    page = writable_page
    page.goto(f"{accounts.url}/login?lang=en&next=/login%3Flang%3Den")
    page.get_by_label("E-mail address").fill("editor@example.be")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Eddy Editor")).to_be_visible()
    expect(page.get_by_role("link", name="Accounts")).to_have_count(0)
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)


def test_a_wrong_password_is_said_without_telling_which(
    writable_page: Page, accounts: LiveServer, screenshot: Callable[[Page, str], Path]
) -> None:
    page = writable_page
    page.goto(f"{accounts.url}/login?lang=fr")
    page.get_by_label("Adresse e-mail").fill("editor@example.be")
    page.get_by_label("Mot de passe").fill("pas le bon")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("alert")).to_have_text("Adresse e-mail ou mot de passe incorrect.")
    expect(page.get_by_label("Adresse e-mail")).to_have_value("editor@example.be")
    screenshot(page, "accounts-login-refused")
    assert _violations(page) == []


def test_the_limit_on_failures_holds(writable_page: Page, accounts: LiveServer) -> None:
    page = writable_page
    for _ in range(5):
        page.goto(f"{accounts.url}/login?lang=en")
        page.get_by_label("E-mail address").fill("locked@example.be")
        page.get_by_label("Password").fill("guessing again")
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("alert")).to_have_text("Wrong e-mail address or password.")
    page.goto(f"{accounts.url}/login?lang=en")
    page.get_by_label("E-mail address").fill("locked@example.be")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("Too many failed attempts.")
    assert "/login" in page.url


def test_a_form_without_its_token_is_refused(writable_page: Page, accounts: LiveServer) -> None:
    page = writable_page
    page.goto(f"{accounts.url}/login?lang=en")
    # As a forged form would be: the token field removed before sending.
    page.locator('input[name="csrftoken"]').evaluate("input => input.remove()")
    page.get_by_label("E-mail address").fill("editor@example.be")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    with page.expect_response(lambda r: r.url.startswith(f"{accounts.url}/login")) as answer:
        page.get_by_role("button", name="Sign in").click()
    assert answer.value.status == 403
    expect(page.get_by_role("heading", name="The form has expired")).to_be_visible()


def test_an_admin_opens_an_account(
    writable_page: Page, accounts: LiveServer, screenshot: Callable[[Page, str], Path]
) -> None:
    page = writable_page
    sign_in_page(page, accounts, "admin@example.be", DEFAULT_PASSWORD)
    page.get_by_role("link", name="Accounts").click()
    expect(page.get_by_role("heading", name="Accounts", exact=True)).to_be_visible()
    assert _violations(page) == []
    page.get_by_label("Name", exact=True).fill("Nora Nieuw")
    page.get_by_label("E-mail address").fill("nora@example.be")
    page.get_by_label("Role").select_option("editor")
    page.get_by_label("CPAS de Schaerbeek").check()
    page.get_by_label("Language of the workspace").select_option("nl")
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_role("button", name="Create the account").click()
    expect(page.locator("#password-errors")).to_contain_text("12 to 256 characters")
    assert _violations(page) == []
    page.get_by_label("Password", exact=True).fill("a long enough password")
    page.get_by_role("button", name="Create the account").click()
    expect(page.get_by_role("status")).to_have_text("The account was created.")
    row = page.get_by_role("row").filter(has_text="nora@example.be")
    expect(row).to_contain_text("CPAS de Schaerbeek")
    screenshot(page, "accounts-admin")
    row.get_by_role("link", name="Nora Nieuw").click()
    expect(page.get_by_role("heading", name="Nora Nieuw")).to_be_visible()
    expect(page.get_by_label("CPAS de Schaerbeek")).to_be_checked()
    assert _violations(page) == []
    page.get_by_label("Role").select_option("worker")
    page.get_by_role("button", name="Save the account").click()
    expect(page.get_by_role("status")).to_have_text("The account was saved.")
    row = page.get_by_role("row").filter(has_text="nora@example.be")
    expect(row).to_contain_text("Front-desk worker")
    row.get_by_role("button", name="Disable Nora Nieuw").click()
    expect(page.get_by_role("row").filter(has_text="nora@example.be")).to_contain_text("Disabled")


def test_the_sign_in_page_is_accessible_on_a_phone(
    page_factory: Callable[..., Page], accounts: LiveServer
) -> None:
    page = page_factory(
        base_url=accounts.url, viewport={"width": 390, "height": 844}, is_mobile=True
    )
    page.goto("/login?lang=nl")
    expect(page.get_by_role("heading", name="Aanmelden")).to_be_visible()
    assert _violations(page) == []
