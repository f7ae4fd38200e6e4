"""Browser tests: Playwright (sync API) driving Debian's Chromium against a real server.

Fixtures:

- ``live_server``: the app served by uvicorn on ``127.0.0.1`` at a free port, in a thread, on
  its own SQLite file, migrated and seeded, with the fixed clock (``tests.conftest.NOW``,
  Monday 2026-11-23 10:00 Brussels). ``live_server.url`` is its base URL. The database is
  shared by every browser test and nothing rolls it back: browser tests only read. The server
  also serves ``api/static`` at ``/_test/static`` and ``tests/browser/fixtures`` at
  ``/_test/fixtures``, for pages that test ``map.js`` alone.
- ``writable_server``: the same, module-scoped, on its own fresh SQLite file, for tests that
  write (accounts, edits, reports); ``writable_page`` is a page on it, and
  ``sign_in_page(page, server, email, password)`` signs a page in through the form.
- ``browser``: one headless ``/usr/bin/chromium`` for the whole package.
- ``page`` (1280x900) and ``mobile_page`` (390x844): a page in a fresh context (``fr-BE``,
  Europe/Brussels, ``base_url`` = the live server, so ``page.goto("/")`` works);
  ``page_factory(locale=..., viewport=..., **new_context_options)`` makes more.
- ``js_errors``: the uncaught JavaScript exceptions of this test's pages, as text.
- ``screenshot(page, name)``: saves ``tests/browser/artifacts/<name>.png`` (full page). A
  failing test also leaves ``FAILED-<test>-<n>.png`` there. Each run starts with it empty.

They run only on SQLite: ``make test`` runs the suite twice (SQLite, then PostgreSQL with
``GUICHETS_TEST_DATABASE_URL``), the pages read through services the API tests already check on
both engines, and once is enough in a browser. Without ``/usr/bin/chromium`` they are skipped
locally, but fail when ``CI`` or ``GUICHETS_REQUIRE_BROWSER`` is set (``.ci/run`` installs it).

Playwright never downloads a browser here: it starts Debian's with ``executable_path``. Its
sync API runs an asyncio loop in a greenlet and marks that loop as running in the main thread
while it is alive, so ``asyncio.run`` would fail there in the meantime: the browser is scoped
to this package and stopped after its last test, before any other test runs.
"""

import os
import re
from collections.abc import Callable, Generator, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, sync_playwright
from sqlmodel import Session

import api
from api.clock import get_now
from api.config import Settings
from api.db import make_engine, migrate
from api.main import create_app
from api.ratelimit import reset_all
from seed.load import seed_database
from tests.browser.live_server import LiveServer
from tests.conftest import NOW

BROWSER_TESTS = Path(__file__).parent
ARTIFACTS = BROWSER_TESTS / "artifacts"
FIXTURES = BROWSER_TESTS / "fixtures"
STATIC = Path(api.__file__).parent / "static"

CHROMIUM = os.environ.get("GUICHETS_CHROMIUM", "/usr/bin/chromium")
# The network is closed: without the background-networking flags Chromium keeps trying to
# reach Google's hosts. Playwright adds a fresh temporary --user-data-dir itself.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
MOBILE: ViewportSize = {"width": 390, "height": 844}
TIMEOUT_MS = 10_000

_CALL_FAILED = pytest.StashKey[bool]()


def _browser_required() -> bool:
    return bool(os.environ.get("CI") or os.environ.get("GUICHETS_REQUIRE_BROWSER"))


def _reason_to_skip() -> str | None:
    if os.environ.get("GUICHETS_TEST_DATABASE_URL"):
        return "browser tests run once, on SQLite (GUICHETS_TEST_DATABASE_URL is set)"
    if not os.access(CHROMIUM, os.X_OK) and not _browser_required():
        return f"no Chromium at {CHROMIUM}: apt-get install chromium (CI installs it)"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark this package's tests skipped when they cannot or need not run (module docstring)."""
    reason = _reason_to_skip()
    if reason is None:
        return
    for item in items:
        if item.path.is_relative_to(BROWSER_TESTS):
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Remember whether the test body failed, for the failure screenshots."""
    report = yield
    if report.when == "call":
        item.stash[_CALL_FAILED] = report.failed
    return report


@pytest.fixture(scope="package")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app on a fresh seeded SQLite file with the fixed clock, served over real HTTP."""
    app = _seeded_app(f"sqlite:///{tmp_path_factory.mktemp('browser-db') / 'guichets.db'}")
    app.mount("/_test/static", StaticFiles(directory=STATIC), name="test-static")
    app.mount("/_test/fixtures", StaticFiles(directory=FIXTURES, html=True), name="test-fixtures")
    with LiveServer(app) as server:
        yield server


def _seeded_app(url: str) -> FastAPI:
    """The app on a fresh, migrated and seeded SQLite file ``url``, with the fixed clock."""
    engine = make_engine(url)
    migrate(engine)
    with Session(engine) as session:
        seed_database(session=session, now=NOW)
    engine.dispose()
    app = create_app(Settings(database_url=url, seed_on_startup=False))
    app.dependency_overrides[get_now] = lambda: NOW
    return app


@pytest.fixture(scope="module")
def writable_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """Like ``live_server``, for the tests of one module that write: its own fresh seeded
    SQLite file (nothing rolls it back, so tests of the module see each other's writes),
    the fixed clock, and the rate limits of this process reset. Create accounts with
    ``Session(writable_server.app.state.engine)`` and ``tests.workspace.make_account``; open
    pages on it with ``page_factory(base_url=writable_server.url)`` or ``writable_page``."""
    reset_all()
    url = f"sqlite:///{tmp_path_factory.mktemp('writable-db') / 'guichets.db'}"
    with LiveServer(_seeded_app(url)) as server:
        yield server
    reset_all()


def sign_in_page(page: Page, server: LiveServer, email: str, password: str) -> None:
    """Sign ``page`` in on ``server`` through the sign-in form (English page) and wait for
    the workspace to open; raises AssertionError when the sign-in is refused."""
    page.goto(f"{server.url}/login?lang=en")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    if "/login" in page.url:
        raise AssertionError(f"sign-in of {email} refused at {page.url}")


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """Headless Debian Chromium, shared by the package's tests; fails (CI) when missing.
    The screenshots of an earlier run are removed first: the artifacts are this run's."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"no Chromium at {CHROMIUM}, and the browser tests are required here")
    for old in ARTIFACTS.glob("*.png"):
        old.unlink()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def js_errors() -> list[str]:
    """Uncaught JavaScript exceptions of the pages this test made (``page_factory``)."""
    return []


@pytest.fixture
def page_factory(
    request: pytest.FixtureRequest, browser: Browser, live_server: LiveServer, js_errors: list[str]
) -> Iterator[Callable[..., Page]]:
    """``make(locale="fr-BE", viewport=DESKTOP, **options) -> Page``: a page in a new browser
    context (``options`` go to ``Browser.new_context``), on the live server's base URL, in
    Europe/Brussels time, with a 10 s default timeout. Contexts close after the test; if the
    test failed, each page is screenshotted first."""
    contexts: list[BrowserContext] = []
    pages: list[Page] = []

    def make(*, locale: str = "fr-BE", viewport: ViewportSize = DESKTOP, **options: object) -> Page:
        context = browser.new_context(
            base_url=str(options.pop("base_url", live_server.url)),
            locale=locale,
            viewport=viewport,
            timezone_id="Europe/Brussels",
            **options,  # type: ignore[arg-type]
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: js_errors.append(f"{page.url}: {error}"))
        pages.append(page)
        return page

    yield make
    if request.node.stash.get(_CALL_FAILED, False):
        for number, page in enumerate(pages, start=1):
            if not page.is_closed():
                save_screenshot(page, f"FAILED-{request.node.name}-{number}")
    for context in contexts:
        context.close()


@pytest.fixture
def page(page_factory: Callable[..., Page]) -> Page:
    """A desktop-sized page (1280x900, fr-BE) on the live server."""
    return page_factory()


@pytest.fixture
def writable_page(page_factory: Callable[..., Page], writable_server: LiveServer) -> Page:
    """A desktop-sized page (1280x900, fr-BE) on the module's ``writable_server``."""
    return page_factory(base_url=writable_server.url)


@pytest.fixture
def mobile_page(page_factory: Callable[..., Page]) -> Page:
    """A phone-sized page (390x844, touch, fr-BE) on the live server."""
    return page_factory(viewport=MOBILE, is_mobile=True, has_touch=True)


def save_screenshot(page: Page, name: str) -> Path:
    """Save a full-page PNG of ``page`` as ``tests/browser/artifacts/<name>.png`` (characters
    other than letters, digits, ``.``, ``_`` and ``-`` become ``-``) and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9._-]+', '-', name)}.png"
    page.screenshot(path=path, full_page=True)
    return path


@pytest.fixture
def screenshot() -> Callable[[Page, str], Path]:
    """``screenshot(page, name) -> Path``: see ``save_screenshot``."""
    return save_screenshot
