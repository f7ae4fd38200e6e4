"""Incident reports in a real browser, with and without JavaScript: a worker opens the form
from a place's link, fills it in, sees the text as it will be stored (no personal data),
confirms, finds it in "my incidents" and withdraws it; axe-core on every page (with
JavaScript, which axe needs)."""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, col, select

from api.models import AccessPoint
from api.models.incidents import Incident
from api.services.privacy import REMOVED
from tests.browser.conftest import sign_in_page
from tests.browser.live_server import LiveServer
from tests.browser.test_accessibility import _violations
from tests.workspace import DEFAULT_PASSWORD, make_account

TEXT = "Mme née le 12/03/1985, rue de la Loi 16, tél. 0470 12 34 56. Porte fermée à 10h."
STORED = f"Mme née le {REMOVED}, {REMOVED}, tél. {REMOVED}. Porte fermée à 10h."


@pytest.fixture(scope="module")
def place(writable_server: LiveServer) -> Iterator[AccessPoint]:
    """A place of the directory; a worker's account exists."""
    with Session(writable_server.app.state.engine) as session:
        make_account(session, email="worker@example.be", role="worker", name="Wanda Worker")
        point = session.exec(select(AccessPoint).order_by(col(AccessPoint.id))).first()
        assert point is not None
        session.expunge(point)
    yield point


def _stored(server: LiveServer) -> list[Incident]:
    with Session(server.app.state.engine) as session:
        return list(session.exec(select(Incident)))


@pytest.mark.parametrize("javascript", [False, True])
def test_a_worker_reports_confirms_and_withdraws(
    page_factory: Callable[..., Page],
    writable_server: LiveServer,
    place: AccessPoint,
    javascript: bool,
    screenshot: Callable[[Page, str], Path],
) -> None:
    page = page_factory(base_url=writable_server.url, java_script_enabled=javascript)
    check = (lambda: _violations(page)) if javascript else (lambda: [])
    sign_in_page(page, writable_server, "worker@example.be", DEFAULT_PASSWORD)
    page.goto(f"{writable_server.url}/incidents/new?access_point={place.id}&lang=fr")

    expect(page.get_by_role("heading", level=1)).to_have_text("Signaler un incident")
    expect(page.get_by_text(f"Lieu d'accueil : {place.name_fr}")).to_be_visible()
    assert check() == []
    page.get_by_label("Canal essayé").select_option("phone")
    page.get_by_role("checkbox", name="Ligne téléphonique injoignable").check()
    page.get_by_label("Minutes d'attente au téléphone").fill("40")
    page.get_by_role("checkbox", name="Allocation interrompue").check()
    page.get_by_label("Vos minutes passées").fill("25")
    page.get_by_label("Ce qui s'est passé, en quelques mots").fill(TEXT)
    if javascript:
        screenshot(page, "incidents-form")
    page.get_by_role("button", name="Continuer").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifier et confirmer")
    expect(page.locator("#stored-text")).to_have_text(STORED)
    expect(page.get_by_role("status")).to_contain_text("3 données personnelles")
    expect(page.get_by_text("0470 12 34 56")).to_have_count(0)
    assert _stored(writable_server) == []
    assert check() == []
    if javascript:
        screenshot(page, "incidents-review")
    page.get_by_role("button", name="Confirmer").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mes incidents")
    expect(page.get_by_role("status")).to_contain_text("Votre fiche incident est enregistrée")
    [incident] = _stored(writable_server)
    assert incident.text == STORED
    assert incident.kinds == ["unreachable_phone"] and incident.wait_minutes == 40
    item = page.locator(f"#incident-{incident.id}")
    expect(item).to_contain_text("Ligne téléphonique injoignable")
    expect(item).not_to_contain_text("Porte fermée")  # the text is for admins
    assert check() == []
    if javascript:
        screenshot(page, "incidents-mine")
    item.get_by_role("button", name="Retirer").click()

    expect(page.get_by_role("status")).to_have_text("La fiche incident a été retirée.")
    expect(page.get_by_text("Vous n'avez signalé aucun incident.")).to_be_visible()
    assert _stored(writable_server) == []
    assert check() == []


def test_errors_are_shown_beside_their_fields(
    writable_page: Page, writable_server: LiveServer, place: AccessPoint
) -> None:
    page = writable_page
    sign_in_page(page, writable_server, "worker@example.be", DEFAULT_PASSWORD)
    page.goto(f"{writable_server.url}/incidents/new?lang=en")
    page.get_by_role("button", name="Continue").click()  # nothing filled in

    expect(page.get_by_role("alert")).to_contain_text("Please correct the form")
    expect(page.locator("#channel-errors")).to_have_text("Choose the channel tried.")
    expect(page.locator("#kinds-errors")).to_contain_text("Tick at least one")
    expect(page.locator("#service-errors")).to_contain_text("Name the service once")
    assert _violations(page) == []
    assert _stored(writable_server) == []
