"""Accessibility of the pages, checked by axe-core (through axe-playwright-python) in
Chromium: labels, names, contrast (WCAG 2 AA), landmarks, language, list structure...
Each page is checked as a person would see it, with results and the map built."""

from collections.abc import Callable

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

# The WCAG 2.0 and 2.1 A and AA rules, and axe's best practices.
RULES = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    }
}


def _violations(page: Page) -> list[str]:
    results = Axe().run(page, options={**RULES, "resultTypes": ["violations"]})
    return [
        f"{v['id']}: {v['help']} ({', '.join(str(n['target']) for n in v['nodes'][:3])})"
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize(
    ("path", "ready"),
    [
        ("/?lang=fr", "h1"),
        ("/?postcode=1020&lang=fr", "#map[data-map-ready=true]"),
        ("/?postcode=1020&lang=nl&open=any", "#map[data-map-ready=true]"),
        ("/?postcode=12&lang=en", ".errors"),
        ("/lines?municipality=21015&lang=nl", "ol.lines"),
        ("/access-points/cpas-schaerbeek?lang=fr", "#map[data-map-ready=true]"),
        ("/access-points/cpas-schaerbeek/referral?lang=nl&ui=fr", ".slip"),
        ("/access-points/no-such-place", "h1"),
        # The true answers of issue 9: your CPAS, unknown hours, a chosen time.
        (
            "/?postcode=1070&theme=social_aid&at=2026-12-08T09:30&lang=fr",
            "#map[data-map-ready=true]",
        ),
        ("/?postcode=1030&residence=1070&competence=any&open=any&lang=nl", "ol.cpas"),
        ("/lines?postcode=1070&at=2026-12-08T09:30&lang=fr", "ol.later"),
        ("/access-points/cpas-anderlecht/referral?lang=fr&ui=nl", ".slip"),
        ("/access-points/cpas-bruxelles-antenne-haren?lang=fr", "#map[data-map-ready=true]"),
    ],
)
def test_page_has_no_accessibility_violation(
    page_factory: Callable[..., Page], path: str, ready: str
) -> None:
    page = page_factory()
    page.goto(path)
    expect(page.locator(ready).first).to_be_attached()
    assert _violations(page) == []


def test_phone_sized_search_has_no_accessibility_violation(mobile_page: Page) -> None:
    mobile_page.goto("/?postcode=1020&lang=fr")
    expect(mobile_page.locator("#map[data-map-ready=true]")).to_be_attached()
    assert _violations(mobile_page) == []
