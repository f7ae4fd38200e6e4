"""The hours editor in a real browser (issue 12, part 5): an editor signs in, changes a
place's hours with the week grid, sees the next 14 days in words, saves; the same without
JavaScript (the "Preview" button); axe finds nothing on the form with its preview."""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, col, select

from api.models import AccessPoint, AccountRole
from tests.browser.conftest import ARTIFACTS, sign_in_page
from tests.browser.live_server import LiveServer
from tests.browser.test_accessibility import _violations
from tests.workspace import DEFAULT_PASSWORD, make_account

PLACE = "cpas-saint-gilles-epicerie-sociale"  # Mo-Fr 10:30-17:00; PH off: the grid shows it.
EDITOR = "hours.editor@saint-gilles.example"
FORM = f"/edit/access-points/{PLACE}?lang=fr"


@pytest.fixture(scope="module")
def editor(writable_server: LiveServer) -> Iterator[str]:
    """An editor of the organization of ``PLACE``, writing in French."""
    engine = writable_server.app.state.engine
    with Session(engine) as session:
        point = session.exec(select(AccessPoint).where(col(AccessPoint.id) == PLACE)).one()
        make_account(
            session,
            email=EDITOR,
            role=AccountRole.EDITOR,
            organization_ids=[point.organization_id],
            name="Hours Editor",
            language="fr",
        )
        session.commit()
    yield EDITOR


def _stored_hours(server: LiveServer) -> str | None:
    with Session(server.app.state.engine) as session:
        point = session.exec(select(AccessPoint).where(col(AccessPoint.id) == PLACE)).one()
        return point.opening_hours


def _row(page: Page, label: str) -> str:
    row = page.locator(".hours-preview-days tr", has=page.locator(f"th:text-is('{label}')"))
    return row.locator("td").inner_text()


def test_an_editor_changes_hours_with_the_grid_sees_the_preview_and_saves(
    writable_page: Page,
    writable_server: LiveServer,
    editor: str,
    screenshot: Callable[[Page, str], Path],
    js_errors: list[str],
) -> None:
    page = writable_page
    sign_in_page(page, writable_server, editor, DEFAULT_PASSWORD)
    page.goto(FORM)
    expect(page.locator("[data-hours-editor][data-live=yes]")).to_be_attached()
    # The stored value is read back into the grid, which is what is saved.
    expect(page.get_by_label("La grille de la semaine")).to_be_checked()
    expect(page.get_by_label("Lundi, plage 1, ouverture")).to_have_value("10:30")
    expect(page.get_by_label("Vendredi, plage 1, fermeture")).to_have_value("17:00")
    expect(page.get_by_label("Fermé les jours fériés")).to_be_checked()

    # Tuesday gets a lunch break; the text value and the preview follow as it is typed.
    page.get_by_label("Mardi, plage 1, fermeture").fill("12:30")
    page.get_by_label("Mardi, plage 2, ouverture").fill("13:30")
    page.get_by_label("Mardi, plage 2, fermeture").fill("17:00")
    raw = page.get_by_label("Valeur texte (opening_hours d’OpenStreetMap)")
    expect(raw).to_have_value("Mo,We-Fr 10:30-17:00; Tu 10:30-12:30,13:30-17:00; PH off")
    # The fixed clock is Monday 23 November 2026.
    expect(page.locator(".hours-preview-days tr")).to_have_count(14)
    assert _row(page, "mardi 24 novembre") == "10h30–12h30, 13h30–17h"
    assert _row(page, "samedi 28 novembre") == "Fermé"
    screenshot(page, "hours-editor")
    # The hours part alone, for the README (without the focus ring of the last input).
    page.evaluate("document.activeElement.blur()")
    page.locator("[data-hours-editor]").screenshot(path=ARTIFACTS / "hours-editor-grid.png")

    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_load_state()
    assert _stored_hours(writable_server) == (
        "Mo,We-Fr 10:30-17:00; Tu 10:30-12:30,13:30-17:00; PH off"
    )
    # The public page says it.
    page.goto(f"/access-points/{PLACE}?lang=fr")
    expect(page.locator("table.days")).to_contain_text("10h30–12h30, 13h30–17h")
    assert js_errors == []


def test_without_javascript_the_preview_button_shows_the_days_and_the_grid_saves(
    page_factory: Callable[..., Page], writable_server: LiveServer, editor: str
) -> None:
    page = page_factory(base_url=writable_server.url, java_script_enabled=False)
    sign_in_page(page, writable_server, editor, DEFAULT_PASSWORD)
    page.goto(FORM)
    page.get_by_label("Mercredi, plage 1, ouverture").fill("")
    page.get_by_label("Mercredi, plage 1, fermeture").fill("")
    page.get_by_role("button", name="Aperçu des 14 prochains jours").click()
    page.wait_for_load_state()
    # Re-rendered by the server: nothing saved yet, the grid kept, the days said.
    assert (
        _stored_hours(writable_server) != "Mo,Th,Fr 10:30-17:00; Tu 10:30-12:30,13:30-17:00; PH off"
    )
    expect(page.get_by_label("Mercredi, plage 1, ouverture")).to_have_value("")
    assert _row(page, "mercredi 25 novembre") == "Fermé"
    assert _row(page, "jeudi 26 novembre") == "10h30–17h"
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_load_state()
    assert (
        _stored_hours(writable_server) == "Mo,Th,Fr 10:30-17:00; Tu 10:30-12:30,13:30-17:00; PH off"
    )


def test_the_text_value_wins_when_chosen_and_errors_are_next_to_their_field(
    writable_page: Page, writable_server: LiveServer, editor: str
) -> None:
    page = writable_page
    sign_in_page(page, writable_server, editor, DEFAULT_PASSWORD)
    page.goto(FORM)
    page.get_by_label("Jeudi, plage 1, ouverture").fill("14:00")
    page.get_by_label("Jeudi, plage 1, fermeture").fill("12:00")
    expect(page.locator(".hours-preview")).to_contain_text("La plage 1 ferme avant d’ouvrir")
    # Typing in the text value chooses it; a comment cannot be in the grid.
    raw = page.get_by_label("Valeur texte (opening_hours d’OpenStreetMap)")
    raw.fill('Mo-Fr 10:30-17:00; Sa 10:00-12:00 "sur rendez-vous"; PH off')
    expect(page.get_by_label("La valeur texte (syntaxe OpenStreetMap)")).to_be_checked()
    expect(page.locator(".hours-preview-days tr")).to_have_count(14)
    assert _row(page, "samedi 28 novembre") == "10h–12h (sur rendez-vous)"
    assert _violations(page) == []
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_load_state()
    assert _stored_hours(writable_server) == (
        'Mo-Fr 10:30-17:00; Sa 10:00-12:00 "sur rendez-vous"; PH off'
    )
    page.goto(FORM)
    expect(page.get_by_label("La valeur texte (syntaxe OpenStreetMap)")).to_be_checked()
    expect(page.locator(".hours-note")).to_be_visible()
