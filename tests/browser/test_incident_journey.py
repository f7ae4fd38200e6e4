"""Issue 13's "done means" in a real browser without JavaScript: a worker, signed out, opens a
place page, follows "Signaler un incident", signs in, lands on the form naming the place and
dated today, fills in a handful of fields, confirms; the place's editor then finds the place
on the verification list. The worker's actions are counted: a handful, well under two
minutes of work."""

import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, col, select

from api.models import AccessPoint
from api.models.common import Kind, Status
from api.models.incidents import Incident
from tests.browser.conftest import sign_in_page
from tests.browser.live_server import LiveServer
from tests.browser.test_accessibility import _violations
from tests.conftest import NOW
from tests.workspace import DEFAULT_PASSWORD, make_account

LINE = "1 incident signalé en 30 jours : fermé pendant les heures annoncées"


@pytest.fixture(scope="module")
def place(writable_server: LiveServer) -> Iterator[AccessPoint]:
    """An active counter; a worker, and an editor of the counter's organization."""
    with Session(writable_server.app.state.engine) as session:
        point = session.exec(
            select(AccessPoint)
            .where(col(AccessPoint.kind) == Kind.GUICHET.value)
            .where(col(AccessPoint.status) == Status.ACTIVE.value)
            .order_by(col(AccessPoint.id))
        ).first()
        assert point is not None
        session.expunge(point)
        make_account(session, email="journey-worker@example.be", role="worker")
        make_account(
            session,
            email="journey-editor@example.be",
            role="editor",
            organization_ids=[point.organization_id],
        )
    yield point


def test_from_a_place_page_to_the_editors_list(
    page_factory: Callable[..., Page], writable_server: LiveServer, place: AccessPoint
) -> None:
    page = page_factory(base_url=writable_server.url, java_script_enabled=False)
    page.goto(f"/access-points/{place.id}?lang=fr")
    actions = 0

    def act(step: Callable[[], object]) -> None:
        nonlocal actions
        actions += 1
        step()

    act(lambda: page.get_by_role("link", name="Signaler un incident").click())
    # Signed out: the sign-in form, then back to the form.
    expect(page).to_have_url(re.compile(r"/login\?"))
    act(lambda: page.get_by_label("Adresse e-mail").fill("journey-worker@example.be"))
    act(lambda: page.get_by_label("Mot de passe").fill(DEFAULT_PASSWORD))
    act(lambda: page.get_by_role("button", name="Se connecter").click())

    expect(page.get_by_role("heading", level=1)).to_have_text("Signaler un incident")
    expect(page.get_by_text(f"Lieu d'accueil : {place.name_fr}")).to_be_visible()
    expect(page.get_by_label("Date de l'incident")).to_have_value(NOW.date().isoformat())
    act(lambda: page.get_by_label("Canal essayé").select_option("counter"))
    act(lambda: page.get_by_role("checkbox", name="Fermé pendant les heures annoncées").check())
    act(lambda: page.get_by_label("Vos minutes passées").fill("15"))
    act(lambda: page.get_by_role("button", name="Continuer").click())

    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifier et confirmer")
    act(lambda: page.get_by_role("button", name="Confirmer").click())
    expect(page.get_by_role("status")).to_contain_text("Votre fiche incident est enregistrée")
    # From the place page: 9 actions (3 of them signing in), 3 fields filled, 1 box ticked.
    assert actions == 9
    with Session(writable_server.app.state.engine) as session:
        [incident] = session.exec(select(Incident)).all()
        assert incident.access_point_id == place.id
        assert incident.kinds == ["closed_during_hours"] and incident.worker_minutes == 15

    # The place's editor sees it on the verification list, linked to the place's edit form.
    editor = page_factory(base_url=writable_server.url)
    sign_in_page(editor, writable_server, "journey-editor@example.be", DEFAULT_PASSWORD)
    editor.goto("/edit/verification?lang=fr")
    reported = editor.locator("section.reported li", has_text=LINE)
    expect(reported).to_have_count(1)
    expect(reported.get_by_role("link")).to_have_attribute(
        "href", f"/edit/access-points/{place.id}?lang=fr"
    )
    assert _violations(editor) == []
