"""Verification in a real browser (issue 12, part 3 and part 5): an editor marks an entry
checked with how; an admin opens a campaign over an organization, its editor checks the
entries, the campaign shows done; axe finds nothing on both pages."""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, col, func, select

from api.models import AccessPoint, AccountRole
from api.models.common import Status
from tests.browser.conftest import sign_in_page
from tests.browser.live_server import LiveServer
from tests.browser.test_accessibility import _violations
from tests.workspace import DEFAULT_PASSWORD, make_account

ADMIN = "verify.admin@example.be"
EDITOR = "verify.editor@example.be"


@pytest.fixture(scope="module")
def organization(writable_server: LiveServer) -> Iterator[str]:
    """The organization with the fewest active entries (at least two), its editor and an
    admin."""
    with Session(writable_server.app.state.engine) as session:
        rows = session.exec(
            select(AccessPoint.organization_id, func.count())
            .where(col(AccessPoint.status) != Status.INACTIVE.value)
            .group_by(col(AccessPoint.organization_id))
            .having(func.count() >= 2)
            .order_by(func.count(), col(AccessPoint.organization_id))
        ).all()
        organization_id = rows[0][0]
        make_account(session, email=ADMIN, role=AccountRole.ADMIN, name="Vera Admin")
        make_account(
            session,
            email=EDITOR,
            role=AccountRole.EDITOR,
            organization_ids=[organization_id],
            name="Eddy Editor",
        )
        session.commit()
    yield organization_id


def _entries(server: LiveServer, organization_id: str) -> list[AccessPoint]:
    with Session(server.app.state.engine) as session:
        return list(
            session.exec(
                select(AccessPoint)
                .where(col(AccessPoint.organization_id) == organization_id)
                .where(col(AccessPoint.status) != Status.INACTIVE.value)
            ).all()
        )


def test_an_editor_marks_an_entry_checked(
    writable_page: Page, writable_server: LiveServer, organization: str
) -> None:
    page = writable_page
    sign_in_page(page, writable_server, EDITOR, DEFAULT_PASSWORD)
    page.goto("/edit/verification?lang=en")
    entry = sorted(_entries(writable_server, organization), key=lambda p: p.id)[0]
    assert _violations(page) == []
    page.get_by_label(f"How did you check {entry.name_fr}?").select_option(label="Visit")
    page.locator(f"form[action^='/edit/verification/{entry.id}?']").get_by_role(
        "button", name="Checked today"
    ).click()
    expect(page.get_by_role("status")).to_have_text("Saved: the entry is marked as checked today.")
    (stored,) = [p for p in _entries(writable_server, organization) if p.id == entry.id]
    assert str(stored.verified_at) == "2026-11-23"
    assert stored.verification_method == "visit"
    assert stored.version == entry.version + 1


def test_a_campaign_goes_from_open_to_done(
    page_factory: Callable[..., Page],
    writable_server: LiveServer,
    organization: str,
    screenshot: Callable[[Page, str], Path],
) -> None:
    admin = page_factory(base_url=writable_server.url)
    sign_in_page(admin, writable_server, ADMIN, DEFAULT_PASSWORD)
    admin.goto("/edit/campaigns?lang=en")
    admin.get_by_label("Title").fill("Winter check")
    admin.get_by_label("The campaign covers").select_option("organization")
    admin.locator(f"input[name=organization_ids][value='{organization}']").check()
    admin.get_by_role("button", name="Open the campaign").click()
    expect(admin.get_by_role("status")).to_contain_text("The campaign is open")
    total = len(_entries(writable_server, organization))
    row = admin.locator("table.campaigns tr", has=admin.get_by_text("Winter check"))
    expect(row).to_contain_text(f"0 of {total} checked")

    editor = page_factory(base_url=writable_server.url)
    sign_in_page(editor, writable_server, EDITOR, DEFAULT_PASSWORD)
    editor.goto("/edit/verification?lang=en")
    tasks = editor.locator("#tasks + .table-wrap form.check-form")
    expect(tasks).to_have_count(total)
    for n in range(total):
        form = editor.locator("#tasks + .table-wrap form.check-form").first
        form.locator("select").select_option("phone_call")
        form.get_by_role("button", name="Checked today").click()
        expect(editor.get_by_role("status")).to_be_visible()
        expect(editor.locator("#tasks + .table-wrap form.check-form")).to_have_count(total - n - 1)
    expect(editor.get_by_text("No campaign task is waiting for you.")).to_be_visible()

    admin.reload()
    row = admin.locator("table.campaigns tr", has=admin.get_by_text("Winter check"))
    expect(row).to_contain_text(f"{total} of {total} checked ({total} unchanged, 0 changed)")
    expect(row.locator(".campaign-done")).to_have_text("Done")
    assert _violations(admin) == []
    screenshot(admin, "verification-campaigns")
