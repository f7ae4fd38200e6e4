"""Problem reports in the JSON API: anyone reports (201, scrubbed text, honeypot, limits);
editors' keys list and resolve their organizations' reports, admin keys all."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from api.models import AccessPoint, Role
from api.ratelimit import reset_all
from api.services.keys import create_key
from api.services.privacy import REMOVED
from tests.conftest import NOW


@pytest.fixture(autouse=True)
def _fresh_limits() -> Iterator[None]:
    reset_all()
    yield
    reset_all()


def _two_places(session: Session) -> tuple[AccessPoint, AccessPoint]:
    first = session.exec(select(AccessPoint).order_by(col(AccessPoint.id))).first()
    assert first is not None
    other = session.exec(
        select(AccessPoint).where(col(AccessPoint.organization_id) != first.organization_id)
    ).first()
    assert other is not None
    return first, other


def _key(session: Session, name: str, role: Role, organization_id: str | None) -> dict[str, str]:
    plaintext = create_key(
        session=session, name=name, role=role, organization_id=organization_id, now=NOW
    )[1]
    return {"Authorization": f"Bearer {plaintext}"}


def test_anyone_reports_and_the_text_is_scrubbed(client: TestClient, session: Session) -> None:
    point, _ = _two_places(session)
    answer = client.post(
        f"/v1/access-points/{point.id}/reports",
        json={"kind": "no_answer", "text": "Sonné 3 fois au 02 511 22 33"},
    )
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["text"] == f"Sonné 3 fois au {REMOVED}"
    assert body["removed_count"] == 1
    assert body["status"] == "open"


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"kind": "weather"}, 422),
        ({"kind": "other", "text": "x" * 501}, 422),
        ({"kind": "other", "website": "http://spam.example"}, 422),
    ],
)
def test_bad_reports_refused(
    client: TestClient, session: Session, body: dict[str, str], code: int
) -> None:
    point, _ = _two_places(session)
    answer = client.post(f"/v1/access-points/{point.id}/reports", json=body)
    assert answer.status_code == code
    assert answer.json()["detail"]


def test_unknown_place_and_limit(client: TestClient, session: Session) -> None:
    point, _ = _two_places(session)
    assert (
        client.post("/v1/access-points/nowhere/reports", json={"kind": "other"}).status_code == 404
    )
    for _ in range(10):
        assert (
            client.post(f"/v1/access-points/{point.id}/reports", json={"kind": "other"}).status_code
            == 201
        )
    refused = client.post(f"/v1/access-points/{point.id}/reports", json={"kind": "other"})
    assert refused.status_code == 429
    assert "try again later" in refused.json()["detail"]


def test_editor_lists_and_resolves(client: TestClient, session: Session) -> None:
    point, other = _two_places(session)
    mine = client.post(f"/v1/access-points/{point.id}/reports", json={"kind": "moved"}).json()
    theirs = client.post(f"/v1/access-points/{other.id}/reports", json={"kind": "moved"}).json()
    editor = _key(session, "ed", Role.EDITOR, point.organization_id)
    admin = _key(session, "ad", Role.ADMIN, None)
    assert client.get("/v1/reports").status_code == 401
    listed = client.get("/v1/reports", headers=editor).json()
    assert [r["id"] for r in listed] == [mine["id"]]
    assert listed[0]["organization_id"] == point.organization_id
    assert {r["id"] for r in client.get("/v1/reports", headers=admin).json()} >= {
        mine["id"],
        theirs["id"],
    }
    forbidden = client.post(
        f"/v1/reports/{theirs['id']}/resolution", json={"resolution": "fixed"}, headers=editor
    )
    assert forbidden.status_code == 403
    done = client.post(
        f"/v1/reports/{mine['id']}/resolution", json={"resolution": "fixed"}, headers=editor
    )
    assert done.status_code == 200
    assert done.json()["status"] == "fixed"
    assert done.json()["resolved_by"] == "ed"
    again = client.post(
        f"/v1/reports/{mine['id']}/resolution", json={"resolution": "fixed"}, headers=admin
    )
    assert again.status_code == 409
    assert client.get("/v1/reports", headers=editor).json() == []
    fixed = client.get("/v1/reports?status=fixed", headers=editor).json()
    assert [r["id"] for r in fixed] == [mine["id"]]
    assert len(client.get("/v1/reports?all=true", headers=editor).json()) == 1
    bad = client.post(
        f"/v1/reports/{mine['id']}/resolution", json={"resolution": "open"}, headers=admin
    )
    assert bad.status_code == 422
