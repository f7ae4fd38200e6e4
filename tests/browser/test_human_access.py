"""The page "Human access over time" in Chromium: the chart drawn on the server is shown
(an image named for screen readers), the numbers are a table, the forms work without
JavaScript, and axe-core finds no violation (WCAG 2.1 AA and best practices)."""

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from sqlmodel import Session

from api.hours import BRUSSELS
from api.models import AccessPointCreate, OrganizationCreate
from api.services.editing.access_points import create_access_point, update_access_point
from api.services.editing.organizations import create_organization
from tests.api.test_human_access import Editor
from tests.browser.live_server import LiveServer

ORGANIZATION = "cpas-test-navigateur"
RULES = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


@pytest.fixture(scope="module")
def history(writable_server: LiveServer) -> None:
    """A counter of 30 h a week from September 2026, 12 h from 14 October 2026."""
    editor = Editor()
    with Session(writable_server.app.state.engine) as session:
        create_organization(
            session=session,
            actor=editor,
            data=OrganizationCreate(id=ORGANIZATION, name="CPAS test navigateur"),
            now=datetime(2026, 9, 2, 11, tzinfo=BRUSSELS),
        )
        body = {
            "id": "guichet-test-navigateur",
            "organization_id": ORGANIZATION,
            "kind": "guichet",
            "names": {"fr": "Guichet test navigateur"},
            "address": {"street": "Place Colignon 1", "postcode": "1030", "nis_code": "21015"},
            "opening_hours": "Mo-Fr 09:00-12:00,13:00-16:00",
        }
        _, version = create_access_point(
            session=session,
            actor=editor,
            data=AccessPointCreate.model_validate(body),
            now=datetime(2026, 9, 2, 11, tzinfo=BRUSSELS),
        )
        update_access_point(
            session=session,
            actor=editor,
            access_point_id="guichet-test-navigateur",
            body={"opening_hours": "Mo,Th 09:00-12:00,13:00-16:00"},
            merge=True,
            expected_version=version,
            now=datetime(2026, 10, 14, 15, tzinfo=BRUSSELS),
        )


def _violations(page: Page) -> list[str]:
    results = Axe().run(page, options=RULES)
    return [
        f"{v['id']}: {v['help']} ({', '.join(str(n['target']) for n in v['nodes'][:3])})"
        for v in results.response["violations"]
    ]


@pytest.mark.usefixtures("history")
@pytest.mark.parametrize("lang", ["fr", "nl", "en"])
def test_chart_table_and_accessibility(
    writable_page: Page, lang: str, screenshot: Callable[[Page, str], Path]
) -> None:
    writable_page.goto(f"/observatory/human-access?organization_id={ORGANIZATION}&lang={lang}")
    chart = writable_page.locator("figure.chart svg[role=img]")
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 100
    table = writable_page.locator("table.human-access-table")
    expect(table.locator('tr[data-week="2026-10-12"] td').first).to_have_text("12")
    expect(table.locator('tr[data-week="2026-10-05"] td').first).to_have_text("30")
    assert _violations(writable_page) == []
    if lang == "en":
        screenshot(writable_page, "human-access")


@pytest.mark.usefixtures("history")
def test_forms_work_without_javascript(
    page_factory: Callable[..., Page], writable_server: LiveServer
) -> None:
    page = page_factory(base_url=writable_server.url, java_script_enabled=False)
    page.goto("/observatory/human-access?lang=en")
    expect(page.locator("h1")).to_have_text("Human access over time: Brussels-Capital Region")
    page.get_by_label("Organization").select_option(ORGANIZATION)
    page.locator("form:has(#scope-organization_id) button").click()
    page.wait_for_load_state()
    assert f"organization_id={ORGANIZATION}" in page.url
    expect(page.locator("h1")).to_have_text("Human access over time: CPAS test navigateur")
    expect(page.locator("figure.chart svg")).to_be_visible()
    expect(page.locator('tr[data-week="2026-10-12"] td').first).to_have_text("12")
