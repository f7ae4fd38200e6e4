"""The verification pages: "Checked today", stale entries, campaigns (both engines)."""

import html
import re
from datetime import date, timedelta

from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from api.models import AccessPoint, AccountRole, Change, Organization
from api.models.common import Status
from api.models.verification import Campaign
from api.services.hsds import VERIFICATION_TAXONOMY, hsds_id
from tests.api.test_edit_pages import POINT, _form
from tests.conftest import NOW
from tests.workspace import make_account, post_form, sign_in


def _point(session: Session) -> AccessPoint:
    point = session.exec(
        select(AccessPoint)
        .where(col(AccessPoint.status) == Status.ACTIVE.value)
        .where(col(AccessPoint.verified_at).is_(None))
        .order_by(col(AccessPoint.id))
    ).first()
    assert point is not None, "the seed has entries never checked"
    return point


def test_editor_marks_a_stale_entry_checked(client: TestClient, session: Session) -> None:
    point = _point(session)
    make_account(
        session,
        email="ed@example.be",
        role=AccountRole.EDITOR,
        organization_ids=[point.organization_id],
    )
    sign_in(client, "ed@example.be")
    page = client.get("/edit/verification")
    assert page.status_code == 200
    assert f'action="/edit/verification/{point.id}' in page.text
    version = point.version
    answer = post_form(
        client, f"/edit/verification/{point.id}", {"method": "visit", "version": str(version)}
    )
    assert answer.status_code == 303
    session.refresh(point)
    assert point.verified_at == NOW.date() and point.verification_method == "visit"
    assert point.version == version + 1
    assert session.exec(
        select(Change)
        .where(col(Change.resource_id) == point.id)
        .where(col(Change.version) == version + 1)
    ).one().changes["verification_method"] == {"before": None, "after": "visit"}
    page = client.get(answer.headers["location"])
    assert "marked as checked today" in page.text
    assert f'action="/edit/verification/{point.id}' not in page.text


def test_check_refuses_bad_method_and_stale_version(client: TestClient, session: Session) -> None:
    point = _point(session)
    make_account(
        session,
        email="ed@example.be",
        role=AccountRole.EDITOR,
        organization_ids=[point.organization_id],
    )
    sign_in(client, "ed@example.be")
    bad = post_form(client, f"/edit/verification/{point.id}", {"method": "guess", "version": "1"})
    assert bad.status_code == 422 and "Choose how you checked" in bad.text
    old = post_form(
        client,
        f"/edit/verification/{point.id}",
        {"method": "visit", "version": str(point.version + 3)},
    )
    assert old.status_code == 412 and "changed this entry meanwhile" in old.text
    other = post_form(
        client, "/edit/verification/no-such-entry", {"method": "visit", "version": "1"}
    )
    assert other.status_code == 404


def test_admin_opens_a_campaign_editor_checks_it_done(client: TestClient, session: Session) -> None:
    point = _point(session)
    organization = point.organization_id
    owner = session.get(Organization, organization)
    assert owner is not None
    organization_name = html.escape(owner.name)
    make_account(session, email="admin@example.be", role=AccountRole.ADMIN)
    make_account(
        session, email="ed@example.be", role=AccountRole.EDITOR, organization_ids=[organization]
    )
    sign_in(client, "admin@example.be")
    refused = post_form(
        client,
        "/edit/campaigns",
        {"title": "", "scope": "organization", "organization_ids": organization},
    )
    assert refused.status_code == 422 and "Give the campaign a title" in refused.text
    opened = post_form(
        client,
        "/edit/campaigns",
        {"title": "Winter check", "scope": "organization", "organization_ids": organization},
    )
    assert opened.status_code == 303
    assert session.exec(select(Campaign).where(col(Campaign.title) == "Winter check")).one()
    client.post("/logout", data={"csrftoken": ""})
    client.cookies.clear()
    sign_in(client, "ed@example.be")
    assert "Open a campaign" not in client.get("/edit/campaigns").text
    assert (
        post_form(
            client, "/edit/campaigns", {"title": "x", "scope": "kind", "kinds": "epn"}
        ).status_code
        == 403
    )
    page = client.get("/edit/verification")
    entries = re.findall(r'action="/edit/verification/([^"?]+)\?', page.text)
    assert point.id in entries
    for entry_id in dict.fromkeys(entries):
        entry = session.exec(select(AccessPoint).where(col(AccessPoint.id) == entry_id)).one()
        answer = post_form(
            client,
            f"/edit/verification/{entry_id}",
            {"method": "phone_call", "version": str(entry.version)},
        )
        assert answer.status_code == 303
    page = client.get("/edit/campaigns")
    assert "Winter check" in page.text and "Done" in page.text
    assert f"Organizations: {organization_name}" in page.text
    assert "No campaign task is waiting for you." in client.get("/edit/verification").text


def test_pages_in_french(client: TestClient, session: Session) -> None:
    make_account(session, email="admin@example.be", role=AccountRole.ADMIN, language="fr")
    sign_in(client, "admin@example.be")
    assert "Ouvrir une campagne" in client.get("/edit/campaigns").text
    assert "Pas vérifiées depuis six mois" in client.get("/edit/verification").text


def test_public_pages_say_call_first_after_a_year(client: TestClient, session: Session) -> None:
    point = _point(session)
    point.verified_at = date(2025, 3, 14)
    session.add(point)
    session.commit()
    page = client.get(f"/access-points/{point.id}?lang=fr")
    assert "Informations de mars 2025 : téléphonez avant de vous déplacer." in page.text
    slip = client.get(f"/access-points/{point.id}/referral?lang=nl")
    assert "Gegevens van maart 2025: bel voor u gaat." in slip.text
    point.verified_at = NOW.date() - timedelta(days=30)
    session.add(point)
    session.commit()
    assert "information-age" not in client.get(f"/access-points/{point.id}").text
    point.verified_at = None
    session.add(point)
    session.commit()
    assert (
        "Information not checked by a person"
        in client.get(f"/access-points/{point.id}?lang=en").text
    )


def test_the_api_shows_the_method(client: TestClient, session: Session) -> None:
    point = _point(session)
    make_account(
        session,
        email="ed@example.be",
        role=AccountRole.EDITOR,
        organization_ids=[point.organization_id],
    )
    sign_in(client, "ed@example.be")
    post_form(
        client,
        f"/edit/verification/{point.id}",
        {"method": "document", "version": str(point.version)},
    )
    session.expire_all()
    body = client.get(f"/v1/access-points/{point.id}").json()
    assert (body["verified_at"], body["verification_method"]) == ("2026-11-23", "document")
    service = client.get(f"/hsds/services/{hsds_id('service', point.id)}").json()
    assert service["assured_date"] == "2026-11-23"
    (method,) = [
        a for a in service["attributes"] if a["taxonomy_term"]["taxonomy"] == VERIFICATION_TAXONOMY
    ]
    assert method["value"] == "document"


def test_a_saved_edit_closes_the_task_as_changed(client: TestClient, session: Session) -> None:
    point = session.exec(select(AccessPoint).where(col(AccessPoint.id) == POINT)).one()
    make_account(session, email="admin@example.be", role=AccountRole.ADMIN)
    sign_in(client, "admin@example.be")
    opened = post_form(
        client,
        "/edit/campaigns",
        {
            "title": "Edits count",
            "scope": "organization",
            "organization_ids": point.organization_id,
        },
    )
    assert opened.status_code == 303
    url = f"/edit/access-points/{POINT}"
    fields = _form(client, url)
    fields["names_nl"] = "Nieuwe naam (test)"
    assert post_form(client, url, fields).status_code == 303
    page = client.get("/edit/campaigns").text
    assert re.search(r"1 of \d+ checked \(0 unchanged, 1 changed\)", page)
