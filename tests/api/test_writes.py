"""Editors' writes: keys and roles, validation, If-Match, soft delete, history, restore."""

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.models import Role
from api.services.keys import create_key, revoke_key
from tests.conftest import NOW

SCHAERBEEK = "cpas-ocmw-schaerbeek"
AP = "/v1/access-points"


@pytest.fixture
def keys(session: Session) -> dict[str, str]:
    made = {}
    for name, role, org in (
        ("admin", Role.ADMIN, None),
        ("schaerbeek", Role.EDITOR, SCHAERBEEK),
        ("anderlecht", Role.EDITOR, "cpas-ocmw-anderlecht"),
        ("federation", Role.EDITOR, None),
    ):
        made[name] = create_key(
            session=session, name=name, role=role, organization_id=org, now=NOW
        )[1]
    return made


def auth(key: str, version: str | None = None) -> dict[str, str]:
    headers = {"Authorization": f"Bearer {key}"}
    if version is not None:
        headers["If-Match"] = version
    return headers


def new_place(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": "guichet",
        "organization_id": SCHAERBEEK,
        "names": {"fr": "Permanence sociale Helmet", "nl": "Sociale permanentie Helmet"},
        "address": {"street": "Place Général Meiser 1", "postcode": "1030", "nis_code": "21015"},
        "phones": [{"number": "02 240 30 80"}],
        "languages": ["fr", "nl"],
        "themes": ["social_aid"],
        "opening_hours": "Mo-Fr 09:00-12:00",
        "access": {"walk_in": True},
    }
    body.update(changes)
    return body


def test_reads_are_open_and_writes_need_a_key(
    client: TestClient, keys: dict[str, str], session: Session
) -> None:
    assert client.get(f"{AP}/cpas-schaerbeek").status_code == 200
    response = client.post(AP, json=new_place())
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert "Authorization: Bearer" in response.json()["detail"]
    assert client.post(AP, json=new_place(), headers=auth("gk_not-a-key")).status_code == 401
    revoke_key(session=session, name="federation", now=NOW)
    assert client.post(AP, json=new_place(), headers=auth(keys["federation"])).status_code == 401


def test_create_then_read_with_etag(client: TestClient, keys: dict[str, str]) -> None:
    response = client.post(AP, json=new_place(), headers=auth(keys["schaerbeek"]))
    assert response.status_code == 201, response.text
    assert response.headers["location"] == f"{AP}/permanence-sociale-helmet"
    assert response.headers["etag"] == '"1"'
    body = response.json()
    assert body["phones"][0] == {
        "number": "+3222403080",
        "display": "02 240 30 80",
        "free_of_charge": False,
        "label": None,
    }
    assert body["location"]["precision"] == "postcode"
    assert body["opening"]["state"] == "open"  # the test clock: Monday 10:00
    read = client.get(f"{AP}/permanence-sociale-helmet")
    assert read.headers["etag"] == '"1"'
    again = client.post(AP, json=new_place(), headers=auth(keys["schaerbeek"]))
    assert again.status_code == 409
    near = client.get(f"{AP}/nearest?postcode=1030&limit=100").json()["items"]
    assert "permanence-sociale-helmet" in {i["access_point"]["id"] for i in near}


def test_editor_of_another_organization_is_refused(
    client: TestClient, keys: dict[str, str]
) -> None:
    assert client.post(AP, json=new_place(), headers=auth(keys["anderlecht"])).status_code == 403
    response = client.patch(
        f"{AP}/cpas-schaerbeek",
        json={"email": "x@example.org"},
        headers=auth(keys["anderlecht"], '"1"'),
    )
    assert response.status_code == 403
    assert "cpas-ocmw-anderlecht" in response.json()["detail"]
    # An unbound editor key may edit everyone's entries.
    ok = client.patch(
        f"{AP}/cpas-schaerbeek",
        json={"email": "accueil@example.org"},
        headers=auth(keys["federation"], '"1"'),
    )
    assert ok.status_code == 200, ok.text


@pytest.mark.parametrize(
    ("patch", "words"),
    [
        ({"opening_hours": "Mo-Fx 09:00-12:00"}, "opening_hours"),
        ({"phones": [{"number": "12"}]}, "not a valid number"),
        ({"languages": ["french"]}, "ISO 639-1"),
        ({"themes": ["cooking"]}, "themes"),
        ({"colour": "blue"}, "Extra inputs are not permitted"),
        ({"address": {"postcode": "1000", "nis_code": "21015"}}, "not in municipality 21015"),
        ({"location": {"lat": 48.85, "lon": 2.35, "precision": "building"}}, "outside Belgium"),
    ],
)
def test_bad_changes_say_what_is_wrong(
    client: TestClient, keys: dict[str, str], patch: dict[str, Any], words: str
) -> None:
    response = client.patch(
        f"{AP}/cpas-schaerbeek", json=patch, headers=auth(keys["schaerbeek"], '"1"')
    )
    assert response.status_code == 422, response.text
    assert words in response.text


def test_if_match_is_required_and_checked(client: TestClient, keys: dict[str, str]) -> None:
    url = f"{AP}/cpas-schaerbeek"
    assert (
        client.patch(
            url, json={"email": "a@example.org"}, headers=auth(keys["schaerbeek"])
        ).status_code
        == 428
    )
    assert (
        client.patch(
            url, json={"email": "a@example.org"}, headers=auth(keys["schaerbeek"], "*")
        ).status_code
        == 428
    )
    assert (
        client.patch(
            url, json={"email": "a@example.org"}, headers=auth(keys["schaerbeek"], 'W/"1"')
        ).status_code
        == 412
    )
    assert (
        client.patch(
            url, json={"email": "a@example.org"}, headers=auth(keys["schaerbeek"], '"7"')
        ).status_code
        == 412
    )
    response = client.patch(
        url, json={"email": "a@example.org"}, headers=auth(keys["schaerbeek"], '"1"')
    )
    assert response.status_code == 200 and response.headers["etag"] == '"2"'
    assert response.json()["email"] == "a@example.org"


def test_two_editors_from_the_same_version_one_wins(app: FastAPI, keys: dict[str, str]) -> None:
    with TestClient(app) as first, TestClient(app) as second:
        url = f"{AP}/cpas-schaerbeek"
        version = first.get(url).headers["etag"]
        assert second.get(url).headers["etag"] == version
        won = first.patch(
            url,
            json={"opening_hours": "Mo-Fr 08:00-12:00"},
            headers=auth(keys["schaerbeek"], version),
        )
        lost = second.patch(
            url,
            json={"opening_hours": "Mo-Fr 13:00-16:00"},
            headers=auth(keys["federation"], version),
        )
        assert won.status_code == 200
        assert lost.status_code == 412
        assert "changed since you read it" in lost.json()["detail"]
        assert first.get(url).json()["opening_hours"] == "Mo-Fr 08:00-12:00"


def test_put_replaces_and_validates_the_whole(client: TestClient, keys: dict[str, str]) -> None:
    created = client.post(AP, json=new_place(), headers=auth(keys["schaerbeek"]))
    url = created.headers["location"]
    body = new_place(opening_hours="Tu 14:00-16:00", access={"walk_in": False})
    replaced = client.put(url, json=body, headers=auth(keys["schaerbeek"], '"1"'))
    assert replaced.status_code == 200, replaced.text
    assert replaced.json()["opening_hours"] == "Tu 14:00-16:00"
    assert replaced.json()["access"]["walk_in"] is False
    assert (
        client.put(
            url, json={"kind": "guichet"}, headers=auth(keys["schaerbeek"], '"2"')
        ).status_code
        == 422
    )


def test_delete_marks_inactive_and_keeps_it(client: TestClient, keys: dict[str, str]) -> None:
    url = f"{AP}/townhall-schaerbeek"
    response = client.delete(url, headers=auth(keys["admin"], '"1"'))
    assert response.status_code == 200
    assert response.json()["status"] == "inactive"
    assert client.get(url).json()["status"] == "inactive"
    listed = client.get(f"{AP}?postcode=1030").json()["items"]
    assert "townhall-schaerbeek" not in {i["id"] for i in listed}
    near = client.get(f"{AP}/nearest?postcode=1030&limit=100&open=any").json()["items"]
    assert "townhall-schaerbeek" not in {i["access_point"]["id"] for i in near}
    history = client.get(f"{url}/history").json()
    assert [(c["version"], c["action"], c["changed_by"]) for c in history] == [
        (1, "create", "seed"),
        (2, "delete", "admin"),
    ]
    assert history[1]["changes"] == {"status": {"before": "active", "after": "inactive"}}


def test_history_and_restore(client: TestClient, keys: dict[str, str]) -> None:
    url = f"{AP}/cpas-schaerbeek"
    client.patch(
        url, json={"opening_hours": "Mo 09:00-10:00"}, headers=auth(keys["schaerbeek"], '"1"')
    )
    history = client.get(f"{url}/history").json()
    assert history[-1]["version"] == 2 and history[-1]["changed_by"] == "schaerbeek"
    assert history[-1]["changes"] == {
        "opening_hours": {
            "before": "Mo-Th 08:00-12:05,12:50-16:30; Fr 08:00-12:05; PH off",
            "after": "Mo 09:00-10:00",
        }
    }
    assert (
        client.post(f"{url}/restore?to=1", headers=auth(keys["schaerbeek"], '"2"')).status_code
        == 403
    )
    restored = client.post(f"{url}/restore?to=1", headers=auth(keys["admin"], '"2"'))
    assert restored.status_code == 200, restored.text
    assert restored.headers["etag"] == '"3"'
    assert (
        restored.json()["opening_hours"] == "Mo-Th 08:00-12:05,12:50-16:30; Fr 08:00-12:05; PH off"
    )
    assert client.get(f"{url}/history").json()[-1]["action"] == "restore"
    assert client.post(f"{url}/restore?to=9", headers=auth(keys["admin"], '"3"')).status_code == 404


def test_unchanged_write_keeps_the_version(client: TestClient, keys: dict[str, str]) -> None:
    url = f"{AP}/cpas-schaerbeek"
    response = client.patch(
        url, json={"languages": ["fr", "nl"]}, headers=auth(keys["schaerbeek"], '"1"')
    )
    assert response.status_code == 200 and response.headers["etag"] == '"1"'
    assert len(client.get(f"{url}/history").json()) == 1


def test_hours_from_openstreetmap_are_stored_canonical_with_the_week_in_words(
    client: TestClient, keys: dict[str, str]
) -> None:
    # As an editor pastes them from OpenStreetMap: 12-hour times, no minutes, a trailing ";".
    body = new_place(opening_hours="Mo-Fr 9am-12pm; PH off;")
    response = client.post(AP, json=body, headers=auth(keys["schaerbeek"]))
    assert response.status_code == 201, response.text
    written = response.json()
    assert written["opening_hours"] == "Mo-Fr 09:00-12:00; PH off"
    assert client.get(f"{AP}/{written['id']}").json()["opening_hours"] == written["opening_hours"]
    assert (
        "opening_hours 'Mo-Fr 9am-12pm; PH off;' stored in its canonical form "
        "'Mo-Fr 09:00-12:00; PH off' (as opening_hours.js writes it)"
    ) in written["notices"]
    assert any("24 hours notation" in w for w in written["warnings"])
    assert all(
        w.startswith("opening_hours 'Mo-Fr 9am-12pm; PH off;': ") for w in written["warnings"]
    )
    assert (written["week"][0]["label"], written["week"][0]["text"]) == ("lundi", "9h–12h")
    # PUT says the same of what it was given; a canonical value gets no notice.
    url, version = f"{AP}/{written['id']}", response.headers["ETag"]
    again = client.put(
        url,
        json=new_place(opening_hours="Mo-Fr 9-12; PH off"),
        headers=auth(keys["schaerbeek"], version),
    )
    assert again.status_code == 200, again.text
    assert again.json()["opening_hours"] == "Mo-Fr 09:00-12:00; PH off"
    assert any(
        "'Mo-Fr 9-12; PH off' stored in its canonical form" in n for n in again.json()["notices"]
    )
    patched = client.patch(
        url,
        json={"opening_hours": "Mo-Fr 09:00-12:00; PH off"},
        headers={**auth(keys["schaerbeek"], again.headers["ETag"]), "Accept-Language": "nl"},
    )
    assert patched.status_code == 200, patched.text
    assert not any("canonical" in n for n in patched.json()["notices"])
    assert patched.json()["warnings"] == []
    assert patched.json()["week"][0]["label"] == "maandag"


def test_hours_the_reference_refuses_are_a_422_at_the_column(
    client: TestClient, keys: dict[str, str]
) -> None:
    response = client.post(
        AP, json=new_place(opening_hours="Mo-Fx 09:00-12:00"), headers=auth(keys["schaerbeek"])
    )
    assert response.status_code == 422
    text = response.text
    assert "opening_hours" in text and "opening_hours.js refuses it at column 4" in text
