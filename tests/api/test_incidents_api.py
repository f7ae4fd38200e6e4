"""Incident reports in the JSON API: any key reports (201, the text stored without personal
data), previews, lists and withdraws its own; admin keys list all with texts; the rules
answer 422 at the field at fault; the texts' retention."""

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from api.models import AccessPoint, Municipality, Organization, Role
from api.models.incidents import Incident
from api.services.incidents import remove_expired_texts
from api.services.keys import create_key
from api.services.privacy import REMOVED
from tests.conftest import NOW
from tests.identifiers import belgian_iban, national_number

TODAY = NOW.date()


def _key(session: Session, name: str, role: Role = Role.EDITOR) -> dict[str, str]:
    plaintext = create_key(session=session, name=name, role=role, organization_id=None, now=NOW)[1]
    return {"Authorization": f"Bearer {plaintext}"}


def _point(session: Session) -> AccessPoint:
    point = session.exec(select(AccessPoint).order_by(col(AccessPoint.id))).first()
    assert point is not None
    return point


def _body(session: Session, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "occurred_on": (TODAY - timedelta(days=2)).isoformat(),
        "access_point_id": _point(session).id,
        "channel": "phone",
        "kinds": ["unreachable_phone"],
        "wait_minutes": 40,
        "consequences": ["benefit_interrupted"],
        "worker_minutes": 30,
    }
    return {k: v for k, v in (body | changes).items() if v is not None}


def test_a_report_stores_no_personal_data(client: TestClient, session: Session) -> None:
    """The must-have: national register number, phone, IBAN, e-mail, date of birth and street
    address are all gone from the stored row."""
    number = national_number("850312", "033")
    account = belgian_iban("0961234567")
    secrets = [
        number,
        "0470 12 34 56",
        account,
        "marie.dubois@example.be",
        "12/03/1985",
        "rue de la Loi 16",
    ]
    text = (
        f"Madame (NN {number}), tél. 0470 12 34 56, compte {account}, "
        "e-mail marie.dubois@example.be, née le 12/03/1985, habite rue de la Loi 16, "
        "1040 Etterbeek. Trois appels sans réponse."
    )
    answer = client.post(
        "/v1/incidents", json=_body(session, text=text), headers=_key(session, "cpas")
    )
    assert answer.status_code == 201, answer.text
    receipt = answer.json()
    assert receipt["removed_count"] == 6
    assert answer.headers["ETag"] == '"1"'
    stored = session.get(Incident, receipt["id"])
    assert stored is not None and stored.text is not None
    for secret in secrets:
        assert secret not in stored.text
    assert stored.text.count(REMOVED) == 6
    assert "1040 Etterbeek. Trois appels sans réponse." in stored.text
    assert stored.kinds == ["unreachable_phone"] and stored.wait_minutes == 40
    assert stored.reporter.startswith("api_key:")


def test_preview_stores_nothing(client: TestClient, session: Session) -> None:
    before = len(session.exec(select(Incident)).all())
    answer = client.post(
        "/v1/incidents/preview",
        json=_body(session, text="Appelez le 02 511 22 33"),
        headers=_key(session, "cpas"),
    )
    assert answer.status_code == 200
    assert answer.json() == {"text": f"Appelez le {REMOVED}", "removed_count": 1}
    assert len(session.exec(select(Incident)).all()) == before


def _other_service(session: Session) -> dict[str, Any]:
    return {"access_point_id": None, "other_service_name": "Guichet X"}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"occurred_on": (TODAY + timedelta(days=1)).isoformat()}, "occurred_on"),
        ({"occurred_on": (TODAY - timedelta(days=400)).isoformat()}, "occurred_on"),
        ({"other_service_name": "Guichet X"}, "service"),
        ({"access_point_id": None}, "service"),
        ({"access_point_id": "nowhere"}, "access_point_id"),
        ({"access_point_id": None, "organization_id": "nowhere"}, "organization_id"),
        ({"kinds": ["delay"]}, "wait_minutes"),
        ({"kinds": ["unreachable_phone"], "delay_days": 3}, "delay_days"),
        ({"residence_nis_code": "99999"}, "residence_nis_code"),
        ({"kinds": []}, "kinds"),
        ({"kinds": ["weather"]}, "kinds"),
        ({"wait_minutes": 1441}, "wait_minutes"),
        ({"worker_minutes": -1}, "worker_minutes"),
        ({"kinds": ["delay"], "wait_minutes": None, "delay_days": 3651}, "delay_days"),
        ({"theme": "astrology"}, "theme"),
        ({"text": "x" * 1001}, "text"),
        ({"name": "Marie Dubois"}, None),
    ],
)
def test_bad_reports_refused_at_their_field(
    client: TestClient, session: Session, changes: dict[str, Any], field: str | None
) -> None:
    body = _body(session) | changes
    body = {k: v for k, v in body.items() if v is not None}
    answer = client.post("/v1/incidents", json=body, headers=_key(session, "cpas"))
    if field is None:  # an unknown field (a name) is ignored, never stored
        assert answer.status_code == 201
        assert "Marie" not in str(session.get(Incident, answer.json()["id"]))
        return
    assert answer.status_code == 422, answer.text
    assert field in answer.json()["detail"][0]["loc"]


def test_organization_or_other_service_and_commune(client: TestClient, session: Session) -> None:
    organization = session.exec(select(Organization)).first()
    municipality = session.exec(select(Municipality)).first()
    assert organization is not None and municipality is not None
    headers = _key(session, "cpas")
    for service in ({"organization_id": organization.id}, {"other_service_name": "Guichet X"}):
        answer = client.post(
            "/v1/incidents",
            json=_body(
                session,
                access_point_id=None,
                residence_nis_code=municipality.nis_code,
                theme="social_aid",
                **service,
            ),
            headers=headers,
        )
        assert answer.status_code == 201, answer.text
        assert answer.json()["service_name"] in (organization.name, "Guichet X")


def test_mine_and_withdraw(client: TestClient, session: Session) -> None:
    mine, other = _key(session, "mine"), _key(session, "other")
    first = client.post("/v1/incidents", json=_body(session, text="Fermé."), headers=mine).json()
    client.post("/v1/incidents", json=_body(session), headers=other)
    listed = client.get("/v1/incidents/mine", headers=mine).json()
    assert [item["id"] for item in listed] == [first["id"]]
    assert listed[0]["has_text"] is True and "text" not in listed[0]
    url = f"/v1/incidents/{first['id']}"
    assert client.delete(url, headers=other | {"If-Match": '"1"'}).status_code == 404
    assert client.delete(url, headers=mine).status_code == 428
    assert client.delete(url, headers=mine | {"If-Match": '"2"'}).status_code == 412
    assert client.delete(url, headers=mine | {"If-Match": '"1"'}).status_code == 204
    assert session.get(Incident, first["id"]) is None
    assert client.delete(url, headers=mine | {"If-Match": '"1"'}).status_code == 404
    assert client.get("/v1/incidents/mine", headers=mine).json() == []
    assert client.get("/v1/incidents/mine").status_code == 401


def test_admin_lists_with_texts(client: TestClient, session: Session) -> None:
    editor, admin = _key(session, "cpas"), _key(session, "boss", Role.ADMIN)
    created = client.post(
        "/v1/incidents", json=_body(session, text="Fermé à 10h."), headers=editor
    ).json()
    assert client.get("/v1/incidents", headers=editor).status_code == 403
    listed = client.get("/v1/incidents", headers=admin)
    assert listed.status_code == 200
    row = next(item for item in listed.json() if item["id"] == created["id"])
    assert row["text"] == "Fermé à 10h." and row["reporter"].startswith("api_key:")


def test_retention_empties_texts_and_keeps_the_fields(client: TestClient, session: Session) -> None:
    headers = _key(session, "cpas")
    created = client.post(
        "/v1/incidents", json=_body(session, text="Fermé à 10h."), headers=headers
    ).json()
    assert remove_expired_texts(session=session, now=NOW, retention_days=1) == 0
    later = NOW + timedelta(days=2)
    assert remove_expired_texts(session=session, now=later, retention_days=1) >= 1
    stored = session.get(Incident, created["id"])
    assert stored is not None
    session.refresh(stored)
    assert stored.text is None and stored.text_removed_at is not None
    assert stored.kinds == ["unreachable_phone"] and stored.wait_minutes == 40
    with pytest.raises(ValueError):
        remove_expired_texts(session=session, now=NOW, retention_days=-1)


def test_admin_listing_purges_first(app: Any, client: TestClient, session: Session) -> None:
    headers, admin = _key(session, "cpas"), _key(session, "boss", Role.ADMIN)
    created = client.post(
        "/v1/incidents", json=_body(session, text="Fermé à 10h."), headers=headers
    ).json()
    app.state.settings.incident_text_retention_days = 0
    stored = session.get(Incident, created["id"])
    assert stored is not None
    stored.created_at = NOW - timedelta(minutes=1)
    session.add(stored)
    session.commit()
    row = next(
        item
        for item in client.get("/v1/incidents", headers=admin).json()
        if item["id"] == created["id"]
    )
    assert row["text"] is None and row["text_removed_at"] is not None
    assert row["kinds"] == ["unreachable_phone"]


def test_a_text_that_grows_when_scrubbed_fits_its_column(
    client: TestClient, session: Session
) -> None:
    # Each "1985" (4 characters) becomes "[removed]" (9): 1000 characters would overflow.
    text = ("né en 1985. " * 84)[:1000]
    headers = _key(session, "x")
    answer = client.post("/v1/incidents", json=_body(session, text=text), headers=headers)
    assert answer.status_code == 201, answer.text
    stored = session.get(Incident, answer.json()["id"])
    assert stored is not None and stored.text is not None
    assert len(stored.text) == 1000 and stored.text.endswith("…") and "1985" not in stored.text
