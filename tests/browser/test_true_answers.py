"""True answers (issue 9) in a real browser, named after the questions: what the worker, the
operator and the person read on the seeded data. Tuesday 8 December 2026 at 09:30, an
ordinary working morning, is chosen in the pages' own "when" field (``at``)."""

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

Shot = Callable[[Page, str], Path]
TUESDAY = "2026-12-08T09:30"


def test_resident_of_anderlecht_needing_social_aid(
    page: Page, screenshot: Shot, js_errors: list[str]
) -> None:
    page.goto("/?lang=fr")
    page.get_by_label("Code postal", exact=True).fill("1070")
    page.get_by_label("Besoin").select_option("social_aid")
    page.get_by_label("Date et heure").fill(TUESDAY)
    page.get_by_role("button", name="Chercher").click()

    expect(page.locator(".when-note")).to_have_text("Réponses pour mardi 8 décembre à 9h30.")
    cpas = page.get_by_role("heading", name="Votre CPAS : CPAS d'Anderlecht")
    expect(cpas).to_be_visible()
    first = page.locator("li.result").first
    expect(first).to_have_id("result-cpas-anderlecht")
    expect(first.locator(".call-first")).to_have_text(
        "Horaires inconnus : appelez avant de vous déplacer."
    )
    expect(first.locator("a[href='tel:+3225294120']")).to_be_visible()
    expect(first.locator(".distance")).to_contain_text("≈ 500 m")
    expect(first.locator(".distance")).to_contain_text("position approximative")
    # The CPAS of Schaerbeek would turn this person away: it is nowhere on the page.
    expect(page.get_by_text("CPAS de Schaerbeek")).to_have_count(0)
    # Its marker says approximate: a wide dashed disc, not a point.
    expect(page.locator("#map")).to_have_attribute("data-map-ready", "true")
    expect(page.locator("#map .map-marker-approximate").first).to_be_attached()
    screenshot(page, "true-answers-anderlecht")
    assert js_errors == []


def test_unknown_hours_are_listed_to_call_not_hidden(page: Page, js_errors: list[str]) -> None:
    page.goto(f"/?postcode=1070&at={TUESDAY}&lang=fr")
    heading = page.get_by_role("heading", name="Horaires inconnus — appelez d’abord")
    expect(heading).to_be_visible()
    unknown = page.locator("ol.results.unknown > li.result")
    assert unknown.count() >= 1
    expect(unknown.first.locator(".badge")).to_have_text("Horaires inconnus")
    expect(page.locator(".unknown-note")).to_contain_text("horaires inconnus")
    assert js_errors == []


def test_dutch_speaking_caller_in_schaerbeek(page: Page, screenshot: Shot) -> None:
    page.goto(f"/lines?postcode=1030&language=nl&lang=nl&at={TUESDAY}")
    expect(page.locator(".when-note")).to_have_text("Antwoorden voor dinsdag 8 december om 9u30.")
    places = page.locator("#places-title + ol.results")
    expect(places).to_contain_text("OCMW Schaarbeek")
    expect(page.get_by_text("Geen enkele bevoegde plek")).to_have_count(0)
    screenshot(page, "true-answers-lines-schaerbeek")


def test_a_place_with_unknown_hours_on_the_slip(page: Page, screenshot: Shot) -> None:
    page.goto(f"/access-points/cpas-anderlecht/referral?lang=fr&ui=fr&at={TUESDAY}")
    # (The slip also says how old the information is: its own "call first", tested elsewhere.)
    expect(page.locator(".slip .call-first:not(.information-age)").first).to_contain_text(
        "Horaires inconnus : appelez avant de vous déplacer."
    )
    days = page.locator(".slip table.days td")
    expect(days).to_have_count(7)
    for text in days.all_inner_texts():
        assert text.startswith("Horaires inconnus"), text
        assert "Fermé" not in text
    expect(page.locator(".slip .hours-note")).to_contain_text("accueil central")
    screenshot(page, "true-answers-slip-unknown")


def test_christmas_morning_names_the_holiday_and_opens_no_administration(page: Page) -> None:
    page.goto("/?postcode=1030&at=2026-12-25T10:00&lang=fr")
    open_now = page.locator("#results > li.result")
    names = " ".join(open_now.all_inner_texts())
    assert "CPAS" not in names and "Administration communale" not in names
    townhall = page.locator("#result-townhall-schaerbeek")
    expect(townhall.locator(".badge")).to_contain_text(re.compile("Fermé — jour férié \\(Noël\\)"))


def test_a_search_in_namur(page: Page, screenshot: Shot) -> None:
    page.goto(f"/?postcode=5000&open=any&at={TUESDAY}&lang=fr")
    expect(page.locator("li.result[id*='namur']").first).to_be_visible()
    screenshot(page, "true-answers-namur")
