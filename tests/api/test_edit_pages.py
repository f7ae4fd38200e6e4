"""The editors' pages: the home page, the access point form (errors beside their fields in
the editor's language, saving, a version conflict and its merge), closures, the
organization form, the history and restore (admins), and who may do what."""

import re
from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from api.models import AccessPoint, Change, Closure, Organization, ProblemReport
from api.models.reports import ReportKind, ReportStatus
from api.models.verification import CampaignScope, CampaignTask, TaskStatus
from api.ratelimit import reset_all
from api.services.verification import open_campaign
from tests.conftest import NOW
from tests.workspace import make_account, post_form, sign_in

POINT = "cpas-schaerbeek"
EDITOR = "ed@example.be"


@pytest.fixture(autouse=True)
def _fresh_limits() -> Iterator[None]:
    reset_all()
    yield
    reset_all()


def _organization(session: Session) -> str:
    point = session.exec(select(AccessPoint).where(col(AccessPoint.id) == POINT)).one()
    return point.organization_id


@pytest.fixture
def editor(client: TestClient, session: Session) -> TestClient:
    make_account(session, email=EDITOR, role="editor", organization_ids=[_organization(session)])
    sign_in(client, EDITOR)
    return client


def _form(client: TestClient, url: str) -> dict[str, str | list[str]]:
    """The fields a browser would post from the form at ``url`` (inputs, selects, textareas,
    ticked boxes), parsed roughly from the HTML (no form library is needed for our own
    markup)."""
    html = client.get(url).text
    form = html[html.index('<form method="post" action="/edit/access-points/') :]
    fields: dict[str, str | list[str]] = {}
    for tag in re.finditer(r"<input ([^>]*)>", form):
        attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', tag.group(1)))
        kind = attrs.get("type", "text")
        name = attrs.get("name")
        if not name or name == "csrftoken":
            continue
        if kind in {"checkbox", "radio"}:
            if "checked" not in tag.group(1):
                continue
            if kind == "checkbox" and name == "themes":
                listed = fields.setdefault(name, [])
                assert isinstance(listed, list)
                listed.append(attrs.get("value", ""))
                continue
        fields[name] = _unescape(attrs.get("value", ""))
    for select_tag in re.finditer(
        r'<select id="[^"]*" name="([^"]+)"[^>]*>(.*?)</select>', form, re.S
    ):
        chosen = re.search(r'<option value="([^"]*)" selected>', select_tag.group(2))
        fields[select_tag.group(1)] = _unescape(chosen.group(1)) if chosen else ""
    for area in re.finditer(
        r'<textarea id="[^"]*" name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S
    ):
        fields[area.group(1)] = _unescape(area.group(2))
    return fields


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


def test_home_lists_the_editors_places(editor: TestClient) -> None:
    page = editor.get("/edit")
    assert page.status_code == 200
    assert f'href="/edit/access-points/{POINT}' in page.text
    assert "Last verified" in page.text


def test_home_counts_open_problem_reports(editor: TestClient, session: Session) -> None:
    for _ in range(2):
        session.add(
            ProblemReport(access_point_id=POINT, kind=ReportKind.HOURS_WRONG, created_at=NOW)
        )
    session.add(
        ProblemReport(
            access_point_id=POINT,
            kind=ReportKind.MOVED,
            created_at=NOW,
            status=ReportStatus.FIXED,
        )
    )
    session.commit()
    page = editor.get("/edit").text
    row = page[page.index(f'href="/edit/access-points/{POINT}?') :]
    row = row[: row.index("</tr>")]
    assert '<a href="/edit/reports?lang=en">2</a>' in row


def test_signed_out_goes_to_login(client: TestClient) -> None:
    response = client.get(f"/edit/access-points/{POINT}", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login?next=")


def test_edit_and_save_a_place(editor: TestClient, session: Session) -> None:
    url = f"/edit/access-points/{POINT}"
    fields = _form(editor, url)
    assert fields["version"] == "1" or int(str(fields["version"])) >= 1
    fields["names_nl"] = "OCMW Schaarbeek (test)"
    fields["access_walk_in"] = "yes"
    response = post_form(editor, url, fields)
    assert response.status_code == 303, response.text[:3000]
    session.expire_all()
    point = session.exec(select(AccessPoint).where(col(AccessPoint.id) == POINT)).one()
    assert point.name_nl == "OCMW Schaarbeek (test)"
    assert point.walk_in is True
    last = session.exec(
        select(Change).where(col(Change.resource_id) == POINT).order_by(col(Change.id).desc())
    ).first()
    assert last is not None and last.changed_by == f"ed <{EDITOR}>"
    assert set(last.changes) == {"names", "access"}


def test_errors_are_shown_beside_their_fields_in_french(
    client: TestClient, session: Session
) -> None:
    make_account(
        session,
        email=EDITOR,
        role="editor",
        organization_ids=[_organization(session)],
        language="fr",
    )
    sign_in(client, EDITOR)
    url = f"/edit/access-points/{POINT}"
    fields = _form(client, url)
    fields |= {"names_fr": "", "website": "www.example.be", "address_postcode": "12"}
    response = post_form(client, url, fields)
    assert response.status_code == 422
    page = response.text
    assert 'id="names_fr-errors"' in page and "Ce champ est obligatoire." in page
    assert 'id="website-errors"' in page and "https://" in page
    assert "code postal belge de quatre chiffres" in page
    assert 'aria-invalid="true"' in page


def test_a_conflict_shows_the_merge_page_and_merges(client: TestClient, session: Session) -> None:
    organization = _organization(session)
    make_account(session, email="one@example.be", role="editor", organization_ids=[organization])
    make_account(session, email="two@example.be", role="editor", organization_ids=[organization])
    url = f"/edit/access-points/{POINT}"
    sign_in(client, "one@example.be")
    mine = _form(client, url)
    # The other editor saves first (a second browser: another client of the same app).
    with TestClient(client.app) as other:
        sign_in(other, "two@example.be")
        theirs = _form(other, url)
        theirs["names_en"] = "Their English name"
        theirs["email"] = "their@example.be"
        assert post_form(other, url, theirs).status_code == 303
    mine["names_en"] = "My English name"
    mine["description"] = "Mine only"
    response = post_form(client, url, mine)
    assert response.status_code == 409
    page = response.text
    assert "Their English name" in page and "My English name" in page
    assert "their@example.be" in page  # shown though only they changed it
    merged = {
        "version": re.search(r'name="version" value="(\d+)"', page).group(1),  # type: ignore[union-attr]
        "base_version": re.search(r'name="base_version" value="(\d+)"', page).group(1),  # type: ignore[union-attr]
        "mine": _unescape(re.search(r'name="mine" value="([^"]*)"', page).group(1)),  # type: ignore[union-attr]
        "choice_names.en": "mine",
        "choice_email": "theirs",
    }
    response = post_form(client, f"{url}/merge", merged)
    assert response.status_code == 303, response.text[:2000]
    session.expire_all()
    point = session.exec(select(AccessPoint).where(col(AccessPoint.id) == POINT)).one()
    assert point.name_en == "My English name"
    assert point.email == "their@example.be"
    assert point.description == "Mine only"


def test_another_organizations_place_is_refused(client: TestClient, session: Session) -> None:
    other = session.exec(
        select(Organization).where(col(Organization.id) != _organization(session))
    ).first()
    assert other is not None
    make_account(session, email=EDITOR, role="editor", organization_ids=[other.id])
    sign_in(client, EDITOR)
    assert client.get(f"/edit/access-points/{POINT}").status_code == 403
    assert client.get("/edit/access-points/nope").status_code == 404


def test_closures_add_change_cancel(editor: TestClient, session: Session) -> None:
    url = f"/edit/access-points/{POINT}/closures"
    assert editor.get(url).status_code == 200
    bad = post_form(editor, url, {"action": "add", "start": "2026-12-28", "end": "2026-12-20"})
    assert bad.status_code == 422 and "The last day is before the first day." in bad.text
    added = post_form(
        editor, url, {"action": "add", "start": "2026-12-24", "end": "2026-12-26", "reason": "Noël"}
    )
    assert added.status_code == 303
    closure = session.exec(
        select(Closure).where(col(Closure.access_point_id) == POINT, col(Closure.reason) == "Noël")
    ).one()
    prefix = f"closure-{closure.id}-"
    changed = post_form(
        editor,
        url,
        {
            "action": "change",
            "closure_id": str(closure.id),
            "version": "1",
            f"{prefix}start": "2026-12-24",
            f"{prefix}end": "2026-12-27",
            f"{prefix}reason": "Noël",
        },
    )
    assert changed.status_code == 303
    stale = post_form(
        editor, url, {"action": "cancel", "closure_id": str(closure.id), "version": "1"}
    )
    assert stale.status_code == 409
    cancelled = post_form(
        editor, url, {"action": "cancel", "closure_id": str(closure.id), "version": "2"}
    )
    assert cancelled.status_code == 303
    session.expire_all()
    stored = session.get(Closure, closure.id)
    assert stored is not None and str(stored.end) == "2026-12-27" and stored.cancelled_at


def test_organization_form(editor: TestClient, session: Session) -> None:
    organization = _organization(session)
    url = f"/edit/organizations/{organization}"
    page = editor.get(url)
    assert page.status_code == 200
    version = re.search(r'name="version" value="(\d+)"', page.text).group(1)  # type: ignore[union-attr]
    stored = session.get(Organization, organization)
    assert stored is not None
    bad = post_form(editor, url, {"version": version, "name": stored.name, "website": "nope"})
    assert bad.status_code == 422 and 'id="website-errors"' in bad.text
    saved = post_form(
        editor,
        url,
        {"version": version, "name": stored.name, "name_nl": "Nieuwe naam", "status": "active"},
    )
    assert saved.status_code == 303
    session.expire_all()
    assert session.get(Organization, organization).name_nl == "Nieuwe naam"  # type: ignore[union-attr]


def test_history_diff_and_restore_by_an_admin(client: TestClient, session: Session) -> None:
    make_account(session, email="admin@example.be", role="admin")
    sign_in(client, "admin@example.be")
    url = f"/edit/access-points/{POINT}"
    fields = _form(client, url)
    before = fields["names_nl"]
    fields["names_nl"] = "Naam na wijziging"
    assert post_form(client, url, fields).status_code == 303
    history = client.get(f"{url}/history")
    assert history.status_code == 200
    assert "Name in Dutch" in history.text and "Naam na wijziging" in history.text
    point = session.exec(select(AccessPoint).where(col(AccessPoint.id) == POINT)).one()
    session.refresh(point)
    restored = post_form(
        client,
        f"{url}/restore",
        {"version": str(point.version - 1), "expected_version": str(point.version)},
    )
    assert restored.status_code == 303
    session.expire_all()
    point = session.exec(select(AccessPoint).where(col(AccessPoint.id) == POINT)).one()
    assert (point.name_nl or "") == before
    assert "Former version restored" in client.get(f"{url}/history").text


def test_an_editor_may_not_restore(editor: TestClient) -> None:
    response = post_form(
        editor, f"/edit/access-points/{POINT}/restore", {"version": "1", "expected_version": "2"}
    )
    assert response.status_code == 403


def test_create_an_access_point(editor: TestClient, session: Session) -> None:
    assert editor.get("/edit/access-points/new").status_code == 200
    organization = _organization(session)
    fields = {
        "version": "0",
        "organization_id": organization,
        "kind": "epn",
        "names_fr": "EPN de Schaerbeek (test)",
        "status": "active",
        "address_street": "Place Colignon 1",
        "address_postcode": "1030",
        "hours_source": "grid",
        "hours_tu_1_opens": "9:00",
        "hours_tu_1_closes": "12:00",
        "access_wheelchair": "yes",
    }
    preview = post_form(editor, "/edit/access-points/new", fields | {"hours_preview": "1"})
    assert preview.status_code == 200 and "hours-preview-days" in preview.text
    response = post_form(editor, "/edit/access-points/new", fields)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/edit/access-points/epn-de-schaerbeek-test")
    point = session.exec(
        select(AccessPoint).where(col(AccessPoint.id) == "epn-de-schaerbeek-test")
    ).one()
    assert point.opening_hours == "Tu 09:00-12:00" and point.wheelchair == "yes"
    taken = post_form(editor, "/edit/access-points/new", fields | {"id": "cpas-schaerbeek"})
    assert taken.status_code == 409 and 'id="id-errors"' in taken.text
    other = post_form(editor, "/edit/access-points/new", fields | {"organization_id": "nope"})
    assert other.status_code in (403, 422) and 'id="organization_id-errors"' in other.text


def test_closures_of_a_whole_organization(editor: TestClient, session: Session) -> None:
    organization = _organization(session)
    url = f"/edit/organizations/{organization}/closures"
    page = editor.get(url)
    assert page.status_code == 200 and "every access point of the organization" in page.text
    added = post_form(
        editor, url, {"action": "add", "start": "2026-12-31", "end": "2027-01-01", "reason": "An"}
    )
    assert added.status_code == 303 and added.headers["location"].startswith(url)
    closure = session.exec(
        select(Closure).where(
            col(Closure.organization_id) == organization, col(Closure.reason) == "An"
        )
    ).one()
    assert closure.access_point_id is None
    assert editor.get("/edit/organizations/nope/closures").status_code == 404


def test_a_worker_gets_the_403_page(client: TestClient, session: Session) -> None:
    make_account(session, email="worker@example.be", role="worker")
    sign_in(client, "worker@example.be")
    assert client.get("/edit/access-points/cpas-schaerbeek").status_code == 403
    assert post_form(client, f"/edit/access-points/{POINT}", {"version": "1"}).status_code == 403


def test_the_preview_shows_the_places_closures(editor: TestClient) -> None:
    url = f"/edit/access-points/{POINT}"
    added = post_form(
        editor,
        f"{url}/closures",
        {"action": "add", "start": "2026-11-25", "end": "2026-11-25", "reason": "Formation"},
    )
    assert added.status_code == 303
    fields = _form(editor, url) | {"hours_preview": "1"}
    preview = post_form(editor, url, fields)
    assert preview.status_code == 200
    assert "hours-preview-days" in preview.text and "Formation" in preview.text


def test_an_organization_conflict_is_merged(client: TestClient, session: Session) -> None:
    organization = _organization(session)
    make_account(session, email="one@example.be", role="editor", organization_ids=[organization])
    make_account(session, email="two@example.be", role="editor", organization_ids=[organization])
    url = f"/edit/organizations/{organization}"
    stored = session.get(Organization, organization)
    assert stored is not None
    read = {  # the form as both editors got it
        "version": str(stored.version),
        "name": stored.name,
        "name_nl": stored.name_nl or "",
        "website": stored.website or "",
        "source": stored.source or "",
        "status": "active",
    }
    sign_in(client, "one@example.be")
    with TestClient(client.app) as other:
        sign_in(other, "two@example.be")
        theirs = read | {"name_nl": "Hun naam", "website": "https://their.example.be"}
        assert post_form(other, url, theirs).status_code == 303
    response = post_form(client, url, read | {"name_nl": "Mijn naam", "source": "mine"})
    assert response.status_code == 409
    page = response.text
    assert "Hun naam" in page and "Mijn naam" in page and "https://their.example.be" in page
    # Only what the other editor changed is listed (the state they started from is known
    # from their change), and their website is proposed: this editor did not touch it.
    assert page.count('type="radio"') == 4
    assert re.search(r'value="theirs" checked>\s*<label[^>]*>https://their', page)
    merged = {
        "version": re.search(r'name="version" value="(\d+)"', page).group(1),  # type: ignore[union-attr]
        "base_version": re.search(r'name="base_version" value="(\d+)"', page).group(1),  # type: ignore[union-attr]
        "mine": _unescape(re.search(r'name="mine" value="([^"]*)"', page).group(1)),  # type: ignore[union-attr]
        "choice_name_nl": "mine",
    }
    assert post_form(client, f"{url}/merge", merged).status_code == 303
    session.expire_all()
    stored = session.get(Organization, organization)
    assert stored is not None
    assert (stored.name_nl, stored.website, stored.source) == (
        "Mijn naam",
        "https://their.example.be",
        "mine",
    )


def test_campaign_tasks_come_first_and_a_saved_edit_closes_them(
    editor: TestClient, session: Session
) -> None:
    organization = _organization(session)
    admin = SimpleNamespace(name="Admin <a@example.be>", is_admin=True, organization_ids=None)
    open_campaign(
        session=session,
        actor=admin,
        title="Winter check",
        scope=CampaignScope.ORGANIZATION,
        values=[organization],
        now=NOW,
    )
    home = editor.get("/edit").text
    assert "Winter check" in home
    assert home.index("Winter check") < home.index('<table class="entries">')
    tasks = home[home.index('<section class="tasks"') : home.index("</section>")]
    assert f"/edit/access-points/{POINT}?" in tasks
    url = f"/edit/access-points/{POINT}"
    assert post_form(editor, url, _form(editor, url)).status_code == 303  # nothing changed
    task = session.exec(
        select(CampaignTask).where(col(CampaignTask.access_point_id) == POINT)
    ).one()
    assert task.status == TaskStatus.TO_DO
    fields = _form(editor, url) | {"description": "Checked with the front desk."}
    assert post_form(editor, url, fields).status_code == 303
    session.expire_all()
    task = session.exec(
        select(CampaignTask).where(col(CampaignTask.access_point_id) == POINT)
    ).one()
    assert task.status == TaskStatus.CHANGED
    home = editor.get("/edit").text
    tasks = home[home.index('<section class="tasks"') : home.index("</section>")]
    assert f"/edit/access-points/{POINT}?" not in tasks


def test_checked_today_from_the_access_point_form(editor: TestClient, session: Session) -> None:
    page = editor.get(f"/edit/access-points/{POINT}?lang=fr").text
    assert "Dernière vérification par une personne : jamais." in page
    version = session.exec(select(AccessPoint).where(col(AccessPoint.id) == POINT)).one().version
    back = f"/edit/access-points/{POINT}?lang=fr&saved=1"
    response = post_form(
        editor,
        f"/edit/verification/{POINT}?lang=fr",
        {"method": "visit", "version": str(version), "back": back},
    )
    assert response.status_code == 303
    assert response.headers["location"] == back
    page = editor.get(back).text
    assert "Dernière vérification par une personne : 23 novembre 2026, par une visite." in page
    # Another site is never a way back.
    version += 1
    response = post_form(
        editor,
        f"/edit/verification/{POINT}?lang=fr",
        {"method": "visit", "version": str(version), "back": "/\\evil.example/"},
    )
    assert response.status_code == 303
    assert response.headers["location"].startswith("/edit/verification")
