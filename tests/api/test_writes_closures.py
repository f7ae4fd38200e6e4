"""Closures and organizations through the API; the body-size cap; the keys command."""

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session
from typer.testing import CliRunner

from api.cli import app as cli
from api.models import Role
from api.services.keys import create_key
from tests.api.test_writes import SCHAERBEEK, auth
from tests.conftest import NOW

MONDAY = "/v1/access-points/nearest?postcode=1030&limit=100"


@pytest.fixture
def editor(session: Session) -> str:
    return create_key(
        session=session, name="ed", role=Role.EDITOR, organization_id=SCHAERBEEK, now=NOW
    )[1]


@pytest.fixture
def admin(session: Session) -> str:
    return create_key(session=session, name="root", role=Role.ADMIN, organization_id=None, now=NOW)[
        1
    ]


def ids(body: dict) -> set[str]:
    """The access points of a nearest answer that are open (competent ones included)."""
    return {
        i["access_point"]["id"]
        for i in body["competent"] + body["items"]
        if i["opening"]["state"] == "open"
    }


def test_closure_applies_at_once_and_can_be_cancelled(client: TestClient, editor: str) -> None:
    assert "cpas-schaerbeek" in ids(client.get(MONDAY).json())
    body = {"start": "2026-11-23", "end": "2026-11-27", "reason": "Grève", "reason_nl": "Staking"}
    created = client.post(
        "/v1/access-points/cpas-schaerbeek/closures", json=body, headers=auth(editor)
    )
    assert created.status_code == 201, created.text
    closure = created.json()
    assert closure["access_point_id"] == "cpas-schaerbeek" and created.headers["etag"] == '"1"'
    assert "cpas-schaerbeek" not in ids(client.get(MONDAY).json())
    read = client.get("/v1/access-points/cpas-schaerbeek").json()
    assert read["opening"]["state"] == "closed" and read["opening"]["comment"] == "Grève"
    assert read["opening"]["next_opens_at"] == "2026-11-30T08:00:00+01:00"
    calendar = client.get(
        "/v1/access-points/cpas-schaerbeek/calendar?from=2026-11-23&days=1"
    ).json()
    assert calendar["days"][0]["closure"]["reason_nl"] == "Staking"
    url = f"/v1/closures/{closure['id']}"
    assert client.delete(url, headers=auth(editor)).status_code == 428
    cancelled = client.delete(url, headers=auth(editor, '"1"'))
    assert cancelled.status_code == 200 and cancelled.json()["cancelled_at"]
    assert "cpas-schaerbeek" in ids(client.get(MONDAY).json())
    listed = client.get("/v1/access-points/cpas-schaerbeek/closures").json()
    assert [c["id"] for c in listed] == [closure["id"]]


def test_organization_closure_closes_all_its_places(client: TestClient, editor: str) -> None:
    body = {"start": "2026-11-23", "end": "2026-11-23", "reason": "Journée du personnel"}
    response = client.post(
        f"/v1/organizations/{SCHAERBEEK}/closures", json=body, headers=auth(editor)
    )
    assert response.status_code == 201
    assert "cpas-schaerbeek" not in ids(client.get(MONDAY).json())
    other = client.post("/v1/organizations/actiris/closures", json=body, headers=auth(editor))
    assert other.status_code == 403


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"start": "2026-11-27", "end": "2026-11-23"}, "before start"),
        ({"start": "2026-01-01", "end": "2027-06-01"}, "at most a year"),
        ({"start": "2026-11-23", "end": "2026-11-24", "why": "x"}, "Extra inputs"),
    ],
)
def test_bad_closures(client: TestClient, editor: str, body: dict, words: str) -> None:
    response = client.post(
        "/v1/access-points/cpas-schaerbeek/closures", json=body, headers=auth(editor)
    )
    assert response.status_code == 422 and words in response.text


def test_organizations_are_edited_with_if_match(
    client: TestClient, editor: str, admin: str
) -> None:
    url = f"/v1/organizations/{SCHAERBEEK}"
    assert client.get(url).headers["etag"] == '"1"'
    changed = client.patch(
        url, json={"website": "https://www.cpas-schaerbeek.brussels"}, headers=auth(editor, '"1"')
    )
    assert changed.status_code == 200 and changed.headers["etag"] == '"2"'
    assert (
        client.patch(
            url, json={"website": "https://x.example"}, headers=auth(editor, '"1"')
        ).status_code
        == 412
    )
    created = client.post(
        "/v1/organizations", json={"name": "Maison de quartier Helmet"}, headers=auth(editor)
    )
    assert created.status_code == 403  # a bound editor creates nothing outside its organization
    created = client.post(
        "/v1/organizations", json={"name": "Maison de quartier Helmet"}, headers=auth(admin)
    )
    assert (
        created.status_code == 201
        and created.headers["location"] == "/v1/organizations/maison-de-quartier-helmet"
    )
    gone = client.delete("/v1/organizations/maison-de-quartier-helmet", headers=auth(admin, '"1"'))
    assert gone.json()["status"] == "inactive"
    history = client.get("/v1/organizations/maison-de-quartier-helmet/history").json()
    assert [c["action"] for c in history] == ["create", "delete"]


def test_body_over_the_cap_is_413(client: TestClient, editor: str) -> None:
    huge = {"names": {"fr": "x" * 70_000}}
    response = client.patch(
        "/v1/access-points/cpas-schaerbeek", json=huge, headers=auth(editor, '"1"')
    )
    assert response.status_code == 413
    assert "request body over 65536 bytes" in response.json()["detail"]


def test_keys_command(cli_database: str) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["seed"]).exit_code == 0
    made = runner.invoke(
        cli, ["keys", "create", "--name", "fdss", "--role", "editor", "--organization", "fdss"]
    )
    assert made.exit_code == 0, made.output
    key = next(line for line in made.output.splitlines() if line.startswith("gk_"))
    assert len(key) > 40
    assert runner.invoke(cli, ["keys", "create", "--name", "fdss"]).exit_code == 1
    listed = runner.invoke(cli, ["keys", "list"]).output
    assert "fdss" in listed and key not in listed
    assert runner.invoke(cli, ["keys", "revoke", "fdss"]).exit_code == 0
    assert runner.invoke(cli, ["keys", "revoke", "nobody"]).exit_code == 1


def test_closure_dates_can_be_changed_with_if_match(client: TestClient, editor: str) -> None:
    body = {"start": "2026-11-30", "end": "2026-11-30", "reason": "Formation"}
    created = client.post(
        "/v1/access-points/cpas-schaerbeek/closures", json=body, headers=auth(editor)
    ).json()
    url = f"/v1/closures/{created['id']}"
    assert "cpas-schaerbeek" in ids(client.get(MONDAY).json())
    moved = client.patch(
        url, json={"start": "2026-11-23", "end": "2026-11-23"}, headers=auth(editor, '"1"')
    )
    assert moved.status_code == 200 and moved.headers["etag"] == '"2"'
    assert "cpas-schaerbeek" not in ids(client.get(MONDAY).json())
    bad = client.patch(url, json={"end": "2026-11-01"}, headers=auth(editor, '"2"'))
    assert bad.status_code == 422 and "before start" in bad.text
    stale = client.put(url, json=body, headers=auth(editor, '"1"'))
    assert stale.status_code == 412
    replaced = client.put(url, json=body, headers=auth(editor, '"2"'))
    assert replaced.status_code == 200 and replaced.json()["start"] == "2026-11-30"
