"""No page runs a script that the request or an editor supplied (issue 10, findings 4 and 5),
and the pages run under their Content-Security-Policy without a single violation."""

from collections.abc import Iterator
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import text

from tests.browser.live_server import LiveServer

PLACE = "/access-points/cpas-schaerbeek"
# Each payload, if it ran, would set window.__xss and open a dialog.
PAYLOADS = [
    '<img src=x onerror="window.__xss=1;alert(1)">',
    '<svg onload="window.__xss=1;alert(1)"></svg>',
    '"><script>window.__xss=1;alert(1)</script>',
]
# Records every CSP violation of the page, before any of its own scripts run.
WATCH_CSP = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def _watch(page: Page) -> list[str]:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.add_init_script(WATCH_CSP)
    return dialogs


def _ran(page: Page) -> object:
    return page.evaluate("window.__xss")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_origin_label_on_the_map_is_text(page: Page, payload: str) -> None:
    dialogs = _watch(page)
    page.goto(f"{PLACE}?from_lat=50.85&from_lon=4.35&from={quote(payload)}")
    expect(page.locator("#map")).to_have_attribute("data-map-ready", "true")
    origin = page.locator("#map path.map-marker-origin")
    expect(origin).to_have_count(1)
    origin.hover(force=True)
    tooltip = page.locator("#map .leaflet-tooltip")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(payload.strip('"><'))
    page.wait_for_timeout(300)  # an onerror would have fired by now
    assert tooltip.locator("img, svg, script").count() == 0
    assert _ran(page) is None and dialogs == []


@pytest.fixture
def stored_script_url(live_server: LiveServer) -> Iterator[str]:
    """A website written before writes refused script URLs (or by hand, in the database),
    put back afterwards: the browser tests share one database."""
    engine = live_server.app.state.engine
    with engine.begin() as conn:
        before = conn.execute(
            text("SELECT website FROM access_point WHERE id = 'cpas-schaerbeek'")
        ).scalar()
        conn.execute(
            text(
                "UPDATE access_point SET website = 'javascript:window.__xss=1;alert(1)' "
                "WHERE id = 'cpas-schaerbeek'"
            )
        )
    try:
        yield "javascript:window.__xss=1;alert(1)"
    finally:
        with engine.begin() as conn:
            conn.execute(
                text("UPDATE access_point SET website = :w WHERE id = 'cpas-schaerbeek'"),
                {"w": before},
            )


def test_a_stored_script_url_is_not_a_link(page: Page, stored_script_url: str) -> None:
    dialogs = _watch(page)
    page.goto(PLACE)
    expect(page.get_by_text(stored_script_url)).to_be_visible()
    assert page.locator('a[href^="javascript:" i]').count() == 0
    page.get_by_text(stored_script_url).click()
    page.wait_for_timeout(300)
    assert _ran(page) is None and dialogs == []


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/?postcode=1030",
        "/lines?nis_code=21015",
        PLACE,
        f"{PLACE}?from_lat=50.85&from_lon=4.35&from=Gare%20du%20Nord",
        f"{PLACE}/referral",
        f"{PLACE}/referral?paper=a4",
    ],
)
def test_pages_run_under_their_policy_without_violation(page: Page, path: str) -> None:
    _watch(page)
    response = page.goto(path)
    assert response is not None and response.status == 200
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy
    page.wait_for_load_state("networkidle")
    if page.locator("#map").count():
        expect(page.locator("#map")).to_have_attribute("data-map-ready", "true")
    assert page.evaluate("window.__violations") == []


def test_the_policy_blocks_an_injected_inline_script(page: Page) -> None:
    # The policy is enforced, not only sent: a script element added to the page does not run.
    _watch(page)
    page.goto("/")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__xss = 1'; document.body.appendChild(s); }"
    )
    page.wait_for_timeout(200)
    assert _ran(page) is None
    assert any("script-src" in v for v in page.evaluate("window.__violations"))
