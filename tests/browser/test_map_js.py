"""``api/static/map.js`` in Chromium, on the pages of ``tests/browser/fixtures`` (served by the
live server under ``/_test``): the results map, "my position" and the copy buttons."""

import socket
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

from playwright.sync_api import Locator, Page, Route, expect

from tests.browser.conftest import STATIC

RESULTS = "/_test/fixtures/results.html"
# A localhost port where nothing listens: either routed to a PNG by the test, or unreachable.
FAKE_TILES = "http://127.0.0.1:{port}/tiles/{{z}}/{{x}}/{{y}}.png"
A_PNG = (STATIC / "vendor" / "leaflet" / "images" / "layers.png").read_bytes()
# The fixture's origin (postcode 1000) and its four located results, by status.
STATUSES = ["open", "closes_soon", "closed", "unknown"]


def _unused_port() -> int:
    # Bound then released: nothing listens there while the test runs.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _open_results(page: Page, *, tiles_answer: bool) -> str:
    """Open the results fixture with tiles from a routed fake (``tiles_answer``) or from a
    localhost port where nothing listens; returns the tile URL template."""
    port = _unused_port()
    tiles = FAKE_TILES.format(port=port)
    if tiles_answer:
        page.route(f"http://127.0.0.1:{port}/**", lambda route: _png(route))
    page.goto(f"{RESULTS}?tiles={quote(tiles, safe='')}")
    expect(page.locator("#map")).to_have_attribute("data-map-ready", "true")
    return tiles


def _png(route: Route) -> None:
    route.fulfill(status=200, content_type="image/png", body=A_PNG)


def test_one_marker_per_located_result_and_the_origin(
    page: Page, js_errors: list[str], screenshot: Callable[[Page, str], Path]
) -> None:
    _open_results(page, tiles_answer=True)

    # Five results, one of them a phone line without a place: four markers.
    markers = page.locator("#map path.map-marker:not(.map-marker-origin)")
    expect(markers).to_have_count(4)
    for status in STATUSES:
        expect(page.locator(f"#map path.map-marker-{status}")).to_have_count(1)
    expect(page.locator("#map path.map-marker-origin")).to_have_count(1)
    expect(page.locator("#map img.leaflet-tile-loaded").first).to_be_visible()
    expect(page.locator("#map .map-note")).to_have_count(0)
    expect(page.locator("#map")).not_to_contain_class("map-tiles-failed")
    assert js_errors == []
    screenshot(page, "map-js-results")


def test_the_view_fits_every_marker(page: Page) -> None:
    _open_results(page, tiles_answer=True)

    box = page.locator("#map").bounding_box()
    assert box is not None
    for marker in page.locator("#map path.map-marker").all():
        spot = marker.bounding_box()
        assert spot is not None
        assert box["x"] <= spot["x"] and spot["x"] + spot["width"] <= box["x"] + box["width"]
        assert box["y"] <= spot["y"] and spot["y"] + spot["height"] <= box["y"] + box["height"]


def test_a_marker_popup_links_to_its_place_with_the_name_as_text(page: Page) -> None:
    _open_results(page, tiles_answer=True)

    page.locator("#map path.map-marker-open").click()

    link = page.locator("#map .leaflet-popup-content a")
    expect(link).to_have_attribute("href", "/access-points/cpas-bruxelles")
    # The name is text, never markup.
    expect(link).to_have_text("CPAS <b>de Bruxelles</b>")
    expect(page.locator("#map .leaflet-popup-content b")).to_have_count(0)


def test_unreachable_tiles_keep_the_markers_and_say_so(
    page: Page, js_errors: list[str], screenshot: Callable[[Page, str], Path]
) -> None:
    tile_requests: list[str] = []
    page.on("requestfailed", lambda request: tile_requests.append(request.url))

    tiles = _open_results(page, tiles_answer=False)

    note = page.locator("#map .map-note")
    expect(note).to_have_text("Fond de carte indisponible")
    expect(note).to_be_visible()
    expect(page.locator("#map")).to_contain_class("map-tiles-failed")
    for control in page.locator("#map .leaflet-control:not(.map-note)").all():
        assert not _overlap(note, control), "the note hides another map control"
    expect(page.locator("#map path.map-marker")).to_have_count(5)
    assert any(url.startswith(tiles.split("/tiles/")[0]) for url in tile_requests)
    assert js_errors == []
    screenshot(page, "map-js-tiles-failed")


def _overlap(one: Locator, other: Locator) -> bool:
    a, b = one.bounding_box(), other.bounding_box()
    assert a is not None and b is not None
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def test_a_page_without_map_or_results_raises_nothing(page: Page, js_errors: list[str]) -> None:
    page.goto("/_test/fixtures/bare.html")
    page.goto("/_test/fixtures/no-results.html")

    expect(page.locator("#map")).to_have_attribute("data-map-ready", "true")
    expect(page.locator("#map path.map-marker")).to_have_count(1)
    expect(page.locator("#map path.map-marker-origin")).to_have_count(1)
    assert js_errors == []


def test_the_buttons_stay_hidden_without_javascript(page_factory: Callable[..., Page]) -> None:
    page = page_factory(java_script_enabled=False)
    page.goto(RESULTS)

    expect(page.locator("#locate")).to_be_hidden()
    expect(page.locator("button.copy")).to_be_hidden()
    expect(page.get_by_role("button", name="Chercher")).to_be_visible()


def test_my_position_fills_the_coordinates_and_submits(
    page_factory: Callable[..., Page], js_errors: list[str]
) -> None:
    page = page_factory(
        permissions=["geolocation"], geolocation={"latitude": 50.8367, "longitude": 4.30904}
    )
    page.goto(RESULTS)

    button = page.locator("#locate")
    expect(button).to_be_visible()
    with page.expect_navigation():
        button.click()

    query = parse_qs(urlsplit(page.url).query, keep_blank_values=True)
    assert query == {"postcode": [""], "lat": ["50.83670"], "lon": ["4.30904"]}
    assert js_errors == []


def test_my_position_refused_says_so_and_stays(page: Page) -> None:
    page.goto(RESULTS)  # no geolocation permission: the browser refuses

    page.locator("#locate").click()

    expect(page.locator("#locate-status")).to_have_text("Votre position n'est pas disponible.")
    expect(page.locator("#locate")).to_be_enabled()
    assert urlsplit(page.url).path == RESULTS and not urlsplit(page.url).query


def test_the_copy_button_copies_the_referral_from_the_keyboard(
    page_factory: Callable[..., Page], js_errors: list[str]
) -> None:
    page = page_factory(permissions=["clipboard-read", "clipboard-write"])
    page.goto(RESULTS)

    button = page.get_by_role("button", name="Copier")
    expect(button).to_be_visible()
    button.focus()
    page.keyboard.press("Enter")

    expect(page.locator("button.copy + [aria-live]")).to_have_text("Copié")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == (
        "CPAS de Bruxelles\nRue Haute 298a, 1000 Bruxelles\nAujourd'hui : 08:30–12:00"
    )
    assert js_errors == []


def test_without_the_clipboard_api_the_referral_is_selected(
    page_factory: Callable[..., Page],
) -> None:
    page = page_factory()
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.goto(RESULTS)

    page.get_by_role("button", name="Copier").click()

    selected = page.evaluate("window.getSelection().toString()")
    assert "Rue Haute 298a, 1000 Bruxelles" in selected


def test_on_a_phone_a_tap_on_a_marker_opens_its_popup(
    mobile_page: Page, js_errors: list[str], screenshot: Callable[[Page, str], Path]
) -> None:
    _open_results(mobile_page, tiles_answer=True)

    mobile_page.locator("#map path.map-marker-closed").tap()

    expect(mobile_page.locator("#map .leaflet-popup-content a")).to_have_text("Maison communale")
    assert js_errors == []
    screenshot(mobile_page, "map-js-phone-popup")
