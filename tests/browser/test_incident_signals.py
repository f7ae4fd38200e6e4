"""Signals in a real browser: the workers' recent incident reports on a place page and in the
search results (counts only, never the text), a phone line's reachability, the editors'
"Reported by workers" list; axe-core clean on each."""

from collections.abc import Iterator
from datetime import UTC, timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, col, select

from api.models import AccessPoint
from api.models.common import Kind
from api.models.incidents import Incident, IncidentChannel
from tests.browser.conftest import sign_in_page
from tests.browser.live_server import LiveServer
from tests.browser.test_accessibility import _violations
from tests.conftest import NOW
from tests.workspace import DEFAULT_PASSWORD, make_account

ORGANIZATION = "cpas-ocmw-schaerbeek"
SECRET = "Monsieur Martin 0470 99 88 77"


def _incident(place: str, kinds: list[str], wait: int | None, days_ago: int = 0) -> Incident:
    return Incident(
        occurred_on=NOW.date() - timedelta(days=days_ago),
        access_point_id=place,
        channel=IncidentChannel.PHONE,
        kinds=kinds,
        wait_minutes=wait,
        text=SECRET,
        reporter="account:1",
        created_at=NOW.astimezone(UTC),
    )


@pytest.fixture(scope="module")
def places(writable_server: LiveServer) -> Iterator[tuple[str, str]]:
    """A counter of the editor's organization with two unanswered calls (40 and 50 minutes)
    and one closure in the last 30 days, and a phone line with three calls, one answered."""
    with Session(writable_server.app.state.engine) as session:
        make_account(
            session,
            email="signals-editor@example.be",
            role="editor",
            organization_ids=[ORGANIZATION],
        )
        counter = session.exec(
            select(AccessPoint.id)
            .where(col(AccessPoint.organization_id) == ORGANIZATION)
            .where(col(AccessPoint.kind) == Kind.GUICHET.value)
            .order_by(col(AccessPoint.id))
        ).first()
        line = session.exec(
            select(AccessPoint.id)
            .where(col(AccessPoint.kind) == Kind.PHONE_LINE.value)
            .order_by(col(AccessPoint.id))
        ).first()
        assert counter is not None and line is not None
        session.add_all(
            [
                _incident(counter, ["unreachable_phone"], 40),
                _incident(counter, ["unreachable_phone"], 50, days_ago=29),
                _incident(counter, ["closed_during_hours"], None, days_ago=3),
                _incident(counter, ["closed_during_hours"], None, days_ago=30),  # too old
                _incident(line, ["unreachable_phone"], 30),
                _incident(line, ["unreachable_phone"], None),
                _incident(line, ["sent_to_online_form"], 20),
            ]
        )
        session.commit()
    yield counter, line


def test_place_page_shows_the_signals(
    writable_page: Page, writable_server: LiveServer, places: tuple[str, str]
) -> None:
    counter, line = places
    page = writable_page
    page.goto(f"{writable_server.url}/access-points/{counter}?lang=fr")
    block = page.locator("section.worker-signals")
    heading = block.get_by_role("heading", name="Signalé par des travailleurs sociaux")
    expect(heading).to_be_visible()
    expect(block).to_contain_text(
        "2 incidents signalés en 30 jours : téléphone sans réponse ; attente médiane 45 min"
    )
    expect(block).to_contain_text("1 incident signalé en 30 jours : fermé pendant les heures")
    expect(page.get_by_text("Martin")).to_have_count(0)
    link = block.get_by_role("link", name="Signaler un incident")
    expect(link).to_have_attribute("href", f"/incidents/new?access_point={counter}&lang=fr")
    assert _violations(page) == []

    page.goto(f"{writable_server.url}/access-points/{line}?lang=en")
    expect(page.locator("p.reachability")).to_contain_text(
        "From 3 reports in 12 months: answered 1 time in 3; median wait 25 min"
    )
    assert _violations(page) == []


def test_search_results_and_editors_list(
    writable_page: Page, writable_server: LiveServer, places: tuple[str, str]
) -> None:
    counter, _line = places
    page = writable_page
    page.goto(f"{writable_server.url}/?postcode=1030&open=any&lang=en")
    result = page.locator(f"#result-{counter}")
    expect(result.locator("p.signals")).to_contain_text(
        "2 reports in 30 days: phone not answered; median wait 45 min"
    )
    assert _violations(page) == []

    sign_in_page(page, writable_server, "signals-editor@example.be", DEFAULT_PASSWORD)
    page.goto(f"{writable_server.url}/edit/verification?lang=en")
    section = page.locator("section.reported")
    expect(section.get_by_role("heading", name="Reported by workers")).to_be_visible()
    expect(section.locator("li")).to_have_count(1)
    expect(section.locator("li")).to_contain_text("2 reports in 30 days: phone not answered")
    section.locator("li a").click()
    expect(page).to_have_url(f"{writable_server.url}/edit/access-points/{counter}?lang=en")
    page.goto(f"{writable_server.url}/edit/verification?lang=en")
    assert _violations(page) == []
