"""The editors' pages in a real browser (issue 12, part 5): an editor signs in and edits a
place; two editors edit the same place at once and the second one merges; an admin restores
a former version; axe-core finds no violation on the home page, the form, the merge page,
the history and the closures."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, col, select

from api.models import AccessPoint, AccountRole
from tests.browser.conftest import sign_in_page
from tests.browser.live_server import LiveServer
from tests.browser.test_accessibility import _violations
from tests.workspace import DEFAULT_PASSWORD, make_account

PLACE = "cpas-schaerbeek"
FORM = f"/edit/access-points/{PLACE}?lang=en"


@pytest.fixture(scope="module")
def accounts(writable_server: LiveServer) -> dict[str, str]:
    """Two editors of the organization of ``PLACE`` and an admin (e-mail by role)."""
    with Session(writable_server.app.state.engine) as session:
        point = session.exec(select(AccessPoint).where(col(AccessPoint.id) == PLACE)).one()
        for email, role in (
            ("anna@schaerbeek.example", AccountRole.EDITOR),
            ("bram@schaerbeek.example", AccountRole.EDITOR),
            ("admin@guichets.example", AccountRole.ADMIN),
        ):
            make_account(
                session,
                email=email,
                role=role,
                organization_ids=[point.organization_id] if role == AccountRole.EDITOR else [],
                name=email.split("@")[0].capitalize(),
            )
        session.commit()
    return {
        "anna": "anna@schaerbeek.example",
        "bram": "bram@schaerbeek.example",
        "admin": "admin@guichets.example",
    }


def _stored(server: LiveServer) -> AccessPoint:
    with Session(server.app.state.engine) as session:
        return session.exec(select(AccessPoint).where(col(AccessPoint.id) == PLACE)).one()


def test_an_editor_edits_a_place(
    writable_page: Page,
    writable_server: LiveServer,
    accounts: dict[str, str],
    screenshot: Callable[[Page, str], object],
) -> None:
    page = writable_page
    sign_in_page(page, writable_server, accounts["anna"], DEFAULT_PASSWORD)
    page.goto("/edit?lang=en")
    assert _violations(page) == []
    page.get_by_role("link", name="CPAS de Schaerbeek", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Edit")
    page.get_by_label("Website").fill("www.example.be")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#website-errors")).to_contain_text("https://")
    assert _violations(page) == []
    page.get_by_label("Website").fill("https://www.example.be/cpas")
    page.get_by_label("Walk-in (no appointment)").select_option("yes")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("Saved.")
    screenshot(page, "edit-access-point")
    stored = _stored(writable_server)
    assert stored.website == "https://www.example.be/cpas" and stored.walk_in is True


def test_two_editors_conflict_and_the_second_merges(
    page_factory: Callable[..., Page],
    writable_server: LiveServer,
    accounts: dict[str, str],
    screenshot: Callable[[Page, str], object],
) -> None:
    anna = page_factory(base_url=writable_server.url)
    bram = page_factory(base_url=writable_server.url)
    sign_in_page(anna, writable_server, accounts["anna"], DEFAULT_PASSWORD)
    sign_in_page(bram, writable_server, accounts["bram"], DEFAULT_PASSWORD)
    anna.goto(FORM)
    bram.goto(FORM)
    anna.get_by_label("Name in English").fill("Schaerbeek social services")
    anna.get_by_label("E-mail").fill("accueil@schaerbeek.example")
    anna.get_by_role("button", name="Save", exact=True).click()
    expect(anna.get_by_role("status")).to_have_text("Saved.")
    bram.get_by_label("Name in English").fill("Public Social Welfare Centre of Schaerbeek")
    bram.get_by_label("Description").fill("Social aid, energy, housing.")
    bram.get_by_role("button", name="Save", exact=True).click()
    expect(bram.get_by_role("heading", level=1)).to_contain_text("Someone else changed")
    table = bram.get_by_role("table", name="What the other editor changed")
    expect(table).to_contain_text("Schaerbeek social services")
    expect(table).to_contain_text("accueil@schaerbeek.example")
    assert _violations(bram) == []
    screenshot(bram, "edit-merge")
    bram.get_by_label("Public Social Welfare Centre of Schaerbeek").check()
    bram.get_by_role("button", name="Save the merged version").click()
    expect(bram.get_by_role("status")).to_have_text("Saved.")
    stored = _stored(writable_server)
    assert stored.name_en == "Public Social Welfare Centre of Schaerbeek"
    assert stored.email == "accueil@schaerbeek.example"
    assert stored.description == "Social aid, energy, housing."


def test_an_admin_restores_a_version(
    writable_page: Page,
    writable_server: LiveServer,
    accounts: dict[str, str],
    screenshot: Callable[[Page, str], object],
) -> None:
    page = writable_page
    sign_in_page(page, writable_server, accounts["admin"], DEFAULT_PASSWORD)
    before = _stored(writable_server)
    page.goto(f"/edit/access-points/{PLACE}/history?lang=en")
    expect(page.get_by_role("heading", level=1)).to_contain_text("History of")
    assert _violations(page) == []
    screenshot(page, "edit-history")
    former = before.version - 1
    page.get_by_role("button", name=f"Restore version {former}").click()
    expect(page.get_by_role("status")).to_have_text("The former version is current again.")
    after = _stored(writable_server)
    assert after.version == before.version + 1
    expect(page.get_by_role("heading", name=f"Version {after.version}")).to_contain_text(
        "Former version restored"
    )


def test_closures_page_is_accessible(
    writable_page: Page, writable_server: LiveServer, accounts: dict[str, str]
) -> None:
    page = writable_page
    sign_in_page(page, writable_server, accounts["anna"], DEFAULT_PASSWORD)
    page.goto(f"/edit/access-points/{PLACE}/closures?lang=nl")
    page.get_by_label("Eerste sluitingsdag").fill("2026-12-24")
    page.get_by_label("Laatste sluitingsdag").fill("2026-12-20")
    page.get_by_role("button", name="De sluiting toevoegen").click()
    expect(page.locator("#end-errors")).to_contain_text("De laatste dag valt vóór de eerste dag.")
    assert _violations(page) == []
