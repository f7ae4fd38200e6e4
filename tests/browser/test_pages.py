"""The front-desk pages in a real browser, on the seeded data at the fixed clock (Monday
2026-11-23 10:00 Brussels). Each page leaves a screenshot in ``tests/browser/artifacts``."""

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

Shot = Callable[[Page, str], Path]
PLACE = "cpas-schaerbeek"
# As a result of the search from Laeken links to it.
FROM_LAEKEN = "from_lat=50.8759&from_lon=4.3484&from=1020+Laeken"


def _result_ids(page: Page, selector: str = "#results > li.result") -> list[str]:
    ids = page.locator(selector).evaluate_all("items => items.map(item => item.id)")
    return [i.removeprefix("result-") for i in ids]


def test_search_by_postcode_shows_open_places_nearest_first(
    page: Page, screenshot: Shot, js_errors: list[str]
) -> None:
    page.goto("/?lang=fr")
    page.get_by_label("Code postal").fill("1020")
    page.get_by_role("button", name="Chercher").click()

    heading = page.locator("#results-title")
    expect(heading).to_contain_text("ouverts maintenant près de 1020")
    api = page.request.get("/v1/access-points/nearest?postcode=1020&limit=20").json()
    places = [i for i in api["items"] if i["distance_m"] is not None]
    assert _result_ids(page) == [i["access_point"]["id"] for i in places]
    distances = [i["distance_m"] for i in places]
    assert distances == sorted(distances) and len(distances) >= 3
    badges = page.locator("#results .badge").all_inner_texts()
    assert all(text.startswith(("Ouvert", "Ferme dans")) for text in badges), badges
    expect(page.locator("#results a[href^='tel:+32']").first).to_be_visible()
    expect(page.locator("#results > li.result .distance").first).to_contain_text("min à pied")
    screenshot(page, "search")
    assert js_errors == []


def test_the_map_shows_a_marker_per_located_result(page: Page, js_errors: list[str]) -> None:
    page.goto("/?postcode=1000&lang=fr")
    map_box = page.locator("#map")
    expect(map_box).to_have_attribute("data-map-ready", "true")
    expect(map_box).to_be_visible()
    # Every located result of the page: the competent places, the nearest, the unknown hours.
    located = page.locator("li.result[data-lat]").count()
    assert located > page.locator("#results > li.result[data-lat]").count() > 0
    expect(page.locator("#map .map-marker:not(.map-marker-origin)")).to_have_count(located)
    # The tile server is out of reach here: the map says so and keeps its markers.
    expect(page.locator("#map .map-note")).to_contain_text("fond de carte", timeout=15_000)
    assert js_errors == []


def test_language_switch_keeps_the_search(page: Page, js_errors: list[str]) -> None:
    page.goto("/?postcode=1020&lang=fr")
    before = _result_ids(page)
    page.get_by_role("link", name="Nederlands").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("h1")).to_have_text("Wie kan helpen, nu open, hier in de buurt?")
    expect(page.locator("#results .badge").first).to_contain_text("Geopend tot")
    assert _result_ids(page) == before
    page.get_by_role("link", name="English").click()
    expect(page.locator("#results-title")).to_contain_text("places open now near 1020")
    assert js_errors == []


def test_browser_language_is_the_default(page_factory: Callable[..., Page]) -> None:
    page = page_factory(locale="nl-BE")
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_label("Postcode")).to_be_visible()


def test_keyboard_alone_reaches_the_results(page: Page) -> None:
    page.goto("/?lang=fr")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    # Tab to the postcode field, type, submit with Enter: no mouse.
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "postcode":
            break
    page.keyboard.type("1020")
    page.keyboard.press("Enter")
    expect(page.locator("#results-title")).to_be_visible()
    first_link = page.locator("#results > li.result h3 a").first
    target = first_link.get_attribute("href")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == target:
            break
    else:
        raise AssertionError("Tab never reached the first result")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/access-points/[a-z0-9-]+\?lang=fr&from_lat="))
    expect(page.locator("h1")).to_be_visible()


def test_search_works_without_javascript(page_factory: Callable[..., Page]) -> None:
    page = page_factory(java_script_enabled=False)
    page.goto("/?lang=fr")
    expect(page.locator("#locate")).to_be_hidden()
    page.get_by_label("Code postal").fill("1030")
    page.get_by_label("Besoin").select_option("social_aid")
    page.get_by_role("button", name="Chercher").click()
    expect(page.locator("#results > li.result").first).to_be_visible()
    expect(page.locator("#results-title")).to_contain_text("près de 1030")


def test_phone_sized_page_does_not_scroll_sideways(mobile_page: Page, screenshot: Shot) -> None:
    mobile_page.goto("/?postcode=1020&lang=fr")
    expect(mobile_page.locator("#results > li.result").first).to_be_visible()
    width = mobile_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    screenshot(mobile_page, "search-phone")


def test_operator_view_copies_the_referral_text(
    page_factory: Callable[..., Page], screenshot: Shot, js_errors: list[str]
) -> None:
    page = page_factory(locale="nl-BE", permissions=["clipboard-read", "clipboard-write"])
    page.goto("/lines?lang=nl")
    page.get_by_label("Gemeente van de beller").select_option("21015")  # Schaarbeek
    page.get_by_role("button", name="Tonen").click()
    lines = page.locator("ol.lines").first.locator("li.result")
    expect(lines.first).to_be_visible()
    expect(page.locator("ol.lines").first).to_contain_text("gratis nummer")
    lines.first.get_by_role("button", name="Doorverwijstekst kopiëren").click()
    expect(lines.first.locator(".copy-status")).to_have_text("Gekopieerd")
    copied = page.evaluate("navigator.clipboard.readText()")
    name = lines.first.locator("h3").inner_text()
    assert copied.splitlines()[0] == name
    assert "Telefoon:" in copied
    screenshot(page, "lines")
    assert js_errors == []


def test_place_page_shows_the_week_and_the_next_days(page: Page, screenshot: Shot) -> None:
    page.goto(f"/access-points/{PLACE}?lang=fr&{FROM_LAEKEN}")
    expect(page.locator("h1")).to_have_text("CPAS de Schaerbeek")
    expect(page.locator("dd.walk")).to_contain_text("à pied depuis 1020 Laeken")
    week = page.locator("table.week tr")
    expect(week).to_have_count(7)
    expect(week.first).to_contain_text("8h–12h05, 12h50–16h30")
    expect(page.locator("table.days tr")).to_have_count(14)
    expect(page.locator("#map")).to_have_attribute("data-map-ready", "true")
    expect(page.locator("#map .map-marker-origin")).to_have_count(1)
    screenshot(page, "place")


def test_referral_slip_has_the_right_hours_in_the_persons_language(
    page: Page, screenshot: Shot
) -> None:
    page.goto(f"/access-points/{PLACE}?lang=fr&{FROM_LAEKEN}")
    page.get_by_role("link", name="Fiche d’orientation à imprimer").click()
    page.get_by_label("Langue de la fiche").select_option("nl")
    page.get_by_role("button", name="Changer").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_label("Langue de la fiche")).to_be_visible()  # the worker's toolbar
    rows = page.locator(".slip table.days tr")
    expect(rows).to_have_count(7)
    expect(page.locator(".slip .walk")).to_contain_text("te voet vanaf 1020 Laeken")
    expected = [
        ("maandag 23 november", "8u–12u05, 12u50–16u30"),
        ("dinsdag 24 november", "8u–12u05, 12u50–16u30"),
        ("woensdag 25 november", "8u–12u05, 12u50–16u30"),
        ("donderdag 26 november", "8u–12u05, 12u50–16u30"),
        ("vrijdag 27 november", "8u–12u05"),
        ("zaterdag 28 november", "Gesloten"),
        ("zondag 29 november", "Gesloten"),
    ]
    shown = [tuple(row.locator("th, td").all_inner_texts()) for row in rows.all()]
    assert shown == expected
    expect(page.get_by_role("button", name="Imprimer")).to_be_visible()
    screenshot(page, "referral")
    # Printed: the toolbar disappears and the sheet is A5 (148 x 210 mm).
    page.emulate_media(media="print")
    expect(page.locator(".toolbar")).to_be_hidden()
    pdf = page.pdf(prefer_css_page_size=True)
    box = re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert box is not None
    width_mm, height_mm = (float(v) * 25.4 / 72 for v in box.groups())
    assert abs(width_mm - 148) < 1 and abs(height_mm - 210) < 1
