"""Problem reports in a real browser: a front-desk worker reports a problem from a place page
(no sign-in needed), the place page then counts it by kind, the editor of the place's
organization finds it in /edit/reports and resolves it; axe-core on the new pages."""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, col, select

from api.models import AccessPoint
from api.models.reports import ProblemReport, ReportStatus
from api.ratelimit import reset_all
from tests.browser.conftest import sign_in_page
from tests.browser.live_server import LiveServer
from tests.browser.test_accessibility import _violations
from tests.workspace import DEFAULT_PASSWORD, make_account

ORGANIZATION = "cpas-ocmw-schaerbeek"


@pytest.fixture(scope="module")
def place_id(writable_server: LiveServer) -> Iterator[str]:
    """A place of the editor's organization; the editor and a worker exist."""
    reset_all()
    with Session(writable_server.app.state.engine) as session:
        make_account(
            session,
            email="editor@example.be",
            role="editor",
            name="Eddy Editor",
            organization_ids=[ORGANIZATION],
        )
        point = session.exec(
            select(AccessPoint)
            .where(AccessPoint.organization_id == ORGANIZATION)
            .order_by(col(AccessPoint.id))
        ).first()
        assert point is not None
        yield point.id
    reset_all()


def test_a_worker_reports_and_the_editor_resolves(
    writable_page: Page,
    writable_server: LiveServer,
    place_id: str,
    screenshot: Callable[[Page, str], Path],
) -> None:
    page = writable_page
    page.goto(f"{writable_server.url}/access-points/{place_id}?lang=fr")
    expect(page.get_by_text("Aucun problème signalé ces 30 derniers jours.")).to_be_visible()
    page.get_by_role("link", name="Signaler un problème").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Signaler un problème")
    assert _violations(page) == []
    page.get_by_label("Qu’est-ce qui ne va pas ?").select_option("closed_when_open")
    page.get_by_label("Précisions (facultatif)").fill(
        "Porte fermée mardi à 10h. Mon numéro : 0470 12 34 56"
    )
    screenshot(page, "reports-form")
    page.get_by_role("button", name="Envoyer le signalement").click()

    expect(page.get_by_role("status")).to_contain_text("a été transmis")
    expect(page.get_by_text("Les données personnelles")).to_be_visible()
    assert _violations(page) == []
    page.get_by_role("link", name="Retour à").click()
    expect(
        page.get_by_text("1 signalement : trouvé fermé pendant les heures annoncées")
    ).to_be_visible()
    expect(page.get_by_text("0470 12 34 56")).to_have_count(0)
    assert _violations(page) == []

    sign_in_page(page, writable_server, "editor@example.be", DEFAULT_PASSWORD)
    page.goto(f"{writable_server.url}/edit/reports?lang=en")
    row = page.locator("tr", has_text="found closed during announced hours")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Porte fermée mardi à 10h. Mon numéro : [removed]")
    assert _violations(page) == []
    screenshot(page, "reports-queue")
    row.get_by_role("button", name="Fixed").click()

    expect(page.get_by_role("status")).to_have_text("The report was closed as: Fixed.")
    expect(
        page.get_by_text("No open problem report on your organizations' places.")
    ).to_be_visible()
    with Session(writable_server.app.state.engine) as session:
        [report] = session.exec(
            select(ProblemReport).where(ProblemReport.access_point_id == place_id)
        ).all()
        assert report.status == ReportStatus.FIXED
        assert report.resolved_by == "Eddy Editor <editor@example.be>"
    page.goto(f"{writable_server.url}/access-points/{place_id}?lang=en")
    expect(page.get_by_text("No problem reported in the last 30 days.")).to_be_visible()
