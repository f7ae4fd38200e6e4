"""The observatory's incidents page in a real browser, on 500 synthetic reports: charts drawn
as SVG, tables with "< 5", the filter form working without JavaScript, the open data page;
axe-core clean on a desktop and a phone screen."""

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session

from api.services.observatory.incidents_synthetic import generate_synthetic_incidents
from tests.browser.conftest import MOBILE
from tests.browser.live_server import LiveServer
from tests.browser.test_accessibility import _violations
from tests.conftest import NOW


@pytest.fixture(scope="module")
def synthetic(writable_server: LiveServer) -> Iterator[LiveServer]:
    """The module's server with 500 synthetic incidents (seed 1) in the 12 months to NOW."""
    with Session(writable_server.app.state.engine) as session:
        generate_synthetic_incidents(session=session, count=500, seed=1, today=NOW.date(), now=NOW)
    yield writable_server


def test_the_observatory_shows_charts_tables_and_small_counts(
    page_factory: Callable[..., Page],
    synthetic: LiveServer,
    screenshot: Callable[[Page, str], Path],
    js_errors: list[str],
) -> None:
    page = page_factory(base_url=synthetic.url)
    page.goto("/observatory?lang=fr")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Observatoire")
    expect(page.get_by_text("500 incidents signalés depuis le")).to_be_visible()
    expect(page.get_by_text("Parmi eux, 500 sont des fiches synthétiques")).to_be_visible()
    charts = page.locator(".chart svg[role=img]")
    expect(charts).to_have_count(3)
    expect(page.get_by_role("img", name="Incidents par mois")).to_be_visible()
    # The communes of fewer than 5 incidents are folded under the table; opened, they say "< 5".
    folded = page.locator("#table-commune-folded")
    expect(folded).to_be_hidden()
    page.locator("details.folded summary").first.click()
    expect(folded.get_by_role("cell", name="< 5").first).to_be_visible()
    assert _violations(page) == []
    screenshot(page, "observatory")
    page.get_by_role("link", name="Données ouvertes : fichiers CSV").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("données ouvertes")
    expect(page.get_by_role("link", name="ODbL 1.0")).to_be_visible()
    expect(page.locator("code", has_text="counter_hours")).to_be_visible()
    assert _violations(page) == []
    assert js_errors == []


def test_the_filters_work_without_javascript(
    page_factory: Callable[..., Page], synthetic: LiveServer
) -> None:
    # A plain GET form: this context runs no JavaScript (axe needs it: see the test above).
    page = page_factory(base_url=synthetic.url, java_script_enabled=False)
    page.goto("/observatory?lang=fr")
    page.get_by_label("Région où vivent les personnes").select_option("brussels")
    page.get_by_label("Depuis (mois, AAAA-MM)").fill("2026-06")
    page.get_by_role("button", name="Afficher").click()
    expect(page).to_have_url(re.compile(r"region=brussels.*from=2026-06"))
    expect(page.get_by_label("Région où vivent les personnes")).to_have_value("brussels")
    expect(page.locator("#table-month tbody tr").first).to_contain_text("juin 2026")
    expect(page.locator(".chart svg[role=img]")).to_have_count(3)


def test_the_observatory_on_a_phone_in_dutch(
    page_factory: Callable[..., Page], synthetic: LiveServer
) -> None:
    page = page_factory(base_url=synthetic.url, viewport=MOBILE, is_mobile=True, has_touch=True)
    page.goto("/observatory?lang=nl&synthetic=exclude")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Observatorium")
    expect(page.get_by_text("Enkel echte meldingen: de synthetische")).to_be_visible()
    assert _violations(page) == []
