"""``POST /v1/access-points/{id}/verification``: API key, If-Match, method (both engines)."""

from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from api.models import AccessPoint, ApiKey, Change, Organization, Role
from api.models.verification import CampaignScope, CampaignTask, TaskStatus
from api.services.keys import create_key
from api.services.verification import open_campaign
from tests.conftest import NOW


def _key(session: Session, organization_id: str | None) -> str:
    return create_key(
        session=session, name="checker", role=Role.EDITOR, organization_id=organization_id, now=NOW
    )[1]


def _point(session: Session) -> AccessPoint:
    point = session.exec(select(AccessPoint).order_by(col(AccessPoint.id))).first()
    assert point is not None
    return point


def test_a_key_marks_an_entry_verified(client: TestClient, session: Session) -> None:
    point = _point(session)
    key = _key(session, point.organization_id)
    url = f"/v1/access-points/{point.id}/verification"
    version = point.version  # the app shares the test's session: read it before the write
    headers = {"Authorization": f"Bearer {key}", "If-Match": f'"{version}"'}
    answer = client.post(url, json={"method": "website"}, headers=headers)
    assert answer.status_code == 200, answer.text
    assert answer.json() == {
        "id": point.id,
        "verified_at": "2026-11-23",
        "verification_method": "website",
        "version": version + 1,
    }
    assert answer.headers["ETag"] == f'"{version + 1}"'
    change = session.exec(
        select(Change)
        .where(col(Change.resource_id) == point.id)
        .where(col(Change.version) == version + 1)
    ).one()
    assert change.changed_by == "checker"
    stale = client.post(url, json={"method": "visit"}, headers=headers)
    assert stale.status_code == 412
    no_match = client.post(
        url, json={"method": "visit"}, headers={"Authorization": headers["Authorization"]}
    )
    assert no_match.status_code == 428
    bad = client.post(url, json={"method": "rumour"}, headers=headers)
    assert bad.status_code == 422 and "method" in bad.text


def test_a_key_of_another_organization_is_refused(client: TestClient, session: Session) -> None:
    point = _point(session)
    other = session.exec(
        select(Organization.id).where(col(Organization.id) != point.organization_id)
    ).first()
    key = _key(session, other)
    answer = client.post(
        f"/v1/access-points/{point.id}/verification",
        json={"method": "visit"},
        headers={"Authorization": f"Bearer {key}", "If-Match": f'"{point.version}"'},
    )
    assert answer.status_code == 403
    assert (
        client.post(
            f"/v1/access-points/{point.id}/verification", json={"method": "visit"}
        ).status_code
        == 401
    )


def test_a_change_through_the_api_answers_the_campaign_task(
    client: TestClient, session: Session
) -> None:
    point = _point(session)
    _, plaintext = create_key(
        session=session, name="admin", role=Role.ADMIN, organization_id=None, now=NOW
    )
    admin = session.exec(select(ApiKey).where(col(ApiKey.name) == "admin")).one()
    campaign = open_campaign(
        session=session,
        actor=admin,
        title="Winter check",
        scope=CampaignScope.ORGANIZATION,
        values=[point.organization_id],
        now=NOW,
    )
    version = point.version
    headers = {"Authorization": f"Bearer {plaintext}", "If-Match": f'"{version}"'}
    # A patch that changes nothing leaves the task to do ...
    same = client.patch(f"/v1/access-points/{point.id}", json={}, headers=headers)
    assert same.status_code == 200, same.text

    def status() -> str:
        task = session.exec(
            select(CampaignTask)
            .where(col(CampaignTask.campaign_id) == campaign.id)
            .where(col(CampaignTask.access_point_id) == point.id)
        ).one()
        session.refresh(task)
        return str(task.status)

    assert status() == TaskStatus.TO_DO
    # ... a real change answers it as changed, by whoever made it.
    changed = client.patch(
        f"/v1/access-points/{point.id}", json={"email": "accueil@example.be"}, headers=headers
    )
    assert changed.status_code == 200, changed.text
    assert status() == TaskStatus.CHANGED
