"""The browser harness end to end: Chromium reaches the live server, which answers with the
seeded data at the fixed clock."""

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from playwright.sync_api import Page, Route, expect

from tests.browser.live_server import LiveServer
from tests.conftest import NOW


def test_nearest_answers_over_http_at_the_fixed_clock(
    page: Page, screenshot: Callable[[Page, str], Path]
) -> None:
    response = page.goto("/v1/access-points/nearest?postcode=1000&limit=3")

    assert response is not None and response.status == 200
    body = response.json()
    assert datetime.fromisoformat(body["at"]) == NOW
    # Three places, nearest first, then the phone lines that serve Brussels (no distance).
    distances = [item["distance_m"] for item in body["items"]]
    assert distances[:3] == sorted(distances[:3]) and None not in distances[:3]
    assert set(distances[3:]) == {None}
    assert {item["opening"]["state"] for item in body["items"]} == {"open"}
    # What Chromium shows is the document the server sent.
    expect(page.locator("body")).to_contain_text(body["items"][0]["access_point"]["name"])
    screenshot(page, "smoke-nearest-json")


def test_docs_page_renders_in_chromium(page: Page, live_server: LiveServer) -> None:
    # Swagger UI's scripts come from a CDN, which this closed network cannot reach: refused at
    # once rather than left to time out. The page's own HTML still loads, but shows nothing
    # without them, hence no screenshot.
    page.route("https://cdn.jsdelivr.net/**", lambda route: _refuse(route))

    response = page.goto("/docs", wait_until="domcontentloaded")

    assert response is not None and response.status == 200
    assert page.url == f"{live_server.url}/docs"
    expect(page).to_have_title("guichets - Swagger UI")
    expect(page.locator("#swagger-ui")).to_be_attached()


def _refuse(route: Route) -> None:
    route.abort("connectionrefused")
