"""Hours with sunrise, sunset, dawn or dusk: accepted for a place, evaluated at its own
coordinates on every read (opening, calendar, week, nearest), refused where there is no place
(a phone line, an access point without a location)."""

from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from opening_hours import State
from sqlmodel import Session

from api.hours import BRUSSELS
from api.hours.reference import ReferenceHours
from api.models import Role
from api.services.keys import create_key
from api.services.nearest import places as ring_search
from tests.conftest import NOW

AP = "/v1/access-points"
SUN = "Mo-Fr sunrise-sunset; PH off"
# Place Général Meiser, Schaerbeek (WGS84 degrees).
MEISER = (50.8536, 4.3980)
TUESDAY = datetime(2026, 11, 24, tzinfo=BRUSSELS).date()


@pytest.fixture
def admin(session: Session) -> dict[str, str]:
    key = create_key(session=session, name="admin", role=Role.ADMIN, organization_id=None, now=NOW)
    return {"Authorization": f"Bearer {key[1]}"}


def _place(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": "guichet",
        "organization_id": "cpas-ocmw-schaerbeek",
        "names": {"fr": "Permanence au soleil"},
        "address": {"street": "Place Général Meiser 1", "postcode": "1030", "nis_code": "21015"},
        "location": {"lat": MEISER[0], "lon": MEISER[1], "precision": "building"},
        "opening_hours": SUN,
    }
    body.update(changes)
    return body


def _reference_sunrise_and_sunset() -> tuple[datetime, datetime]:
    """Tuesday's open interval at Meiser as opening_hours.js computes it (wall times)."""
    start = datetime.combine(TUESDAY, datetime.min.time())
    ((begin, end, _, _),) = [
        span
        for span in ReferenceHours(SUN, MEISER).intervals(start, start + timedelta(days=1))
        if span[2] == State.OPEN
    ]
    return begin.replace(tzinfo=BRUSSELS), end.replace(tzinfo=BRUSSELS)


def _opening(client: TestClient, url: str, at: datetime) -> dict[str, Any]:
    response = client.get(url, params={"at": at.isoformat()})
    assert response.status_code == 200, response.text
    return dict(response.json()["opening"])


def test_a_place_opens_at_its_own_sunrise(client: TestClient, admin: dict[str, str]) -> None:
    created = client.post(AP, json=_place(), headers=admin)
    assert created.status_code == 201, created.text
    assert created.json()["opening_hours"] == SUN
    # The write answer's week is said at the place: Monday has hours, not "unknown".
    monday = created.json()["week"][0]
    assert monday["day"] == "monday" and "8h" in monday["text"], monday
    url = created.headers["location"]
    sunrise, sunset = _reference_sunrise_and_sunset()
    assert sunrise.hour == 8 and sunset.hour == 16  # late November in Brussels
    before = _opening(client, url, sunrise - timedelta(minutes=1))
    assert (before["state"], before["next_opens_at"]) == ("closed", sunrise.isoformat())
    after = _opening(client, url, sunrise + timedelta(minutes=1))
    assert (after["state"], after["closes_at"]) == ("open", sunset.isoformat())
    # The calendar shows the interval from sunrise to sunset on Tuesday, none on Saturday.
    calendar = client.get(f"{url}/calendar", params={"from": TUESDAY.isoformat(), "days": 5})
    assert calendar.status_code == 200, calendar.text
    tuesday, *_, saturday = calendar.json()["days"]
    assert [(i["start"], i["end"], i["state"]) for i in tuesday["intervals"]] == [
        (sunrise.isoformat(), sunset.isoformat(), "open")
    ]
    assert saturday["state"] == "closed" and saturday["intervals"] == []
    # The detail's typical week too.
    week = client.get(url, params={"at": sunrise.isoformat()}).json()["week"]
    assert week[1]["day"] == "tuesday" and week[1]["text"].startswith("8h")


@pytest.mark.parametrize("sparse", [False, True])
def test_nearest_finds_it_when_the_sun_is_up(
    client: TestClient,
    session: Session,
    admin: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    sparse: bool,
) -> None:
    if sparse:
        # Ask the schedule index (SQLite) from the first ring on: a sun schedule is read and
        # checked at its place, never grouped by a state computed nowhere.
        monkeypatch.setattr(ring_search, "SPARSE_AFTER_ROWS", 0)
        monkeypatch.setattr(ring_search, "SPARSE_RATIO", 2.0)
        real = ring_search.schedule_ids_by_state

        def spy(**kwargs: Any) -> Any:
            grouped = real(**kwargs)
            groups.append(grouped)
            return grouped

        monkeypatch.setattr(ring_search, "schedule_ids_by_state", spy)
    groups: list[Any] = []
    created = client.post(AP, json=_place(), headers=admin)
    assert created.status_code == 201, created.text
    point_id = created.json()["id"]
    sunrise, _ = _reference_sunrise_and_sunset()

    def found(at: datetime) -> dict[str, Any] | None:
        response = client.get(
            f"{AP}/nearest",
            params={
                "lat": MEISER[0],
                "lon": MEISER[1],
                "at": at.isoformat(),
                "limit": 50,
                "competence": "any",
            },
        )
        assert response.status_code == 200, response.text
        items = [i for i in response.json()["items"] if i["access_point"]["id"] == point_id]
        return items[0] if items else None

    assert found(sunrise - timedelta(minutes=5)) is None
    item = found(sunrise + timedelta(minutes=5))
    assert item is not None and item["opening"]["state"] == "open"
    assert item["open_on_arrival"] is True
    if sparse and session.get_bind().dialect.name == "sqlite":
        # The sun schedule was grouped apart (read, then checked at its place).
        assert groups and all(g.get(ring_search.AT_PLACE) for g in groups)


def test_a_phone_line_with_sun_times_is_refused(client: TestClient, admin: dict[str, str]) -> None:
    body = {
        "kind": "phone_line",
        "organization_id": "cpas-ocmw-ixelles",
        "names": {"fr": "Ligne sociale d'Ixelles"},
        "phones": [{"number": "02 515 61 11"}],
        "opening_hours": SUN,
    }
    response = client.post(AP, json=body, headers=admin)
    assert response.status_code == 422
    assert "a phone line has no place where the sun rises or sets" in response.text
    assert "opening_hours" in response.text and "08:00-17:00" in response.text


def test_a_place_without_location_with_sun_times_is_refused(
    client: TestClient, admin: dict[str, str]
) -> None:
    # No postcode and no coordinates: nothing to compute the sun at.
    body = _place(location=None, address={"street": "Place Général Meiser 1", "nis_code": "21015"})
    response = client.post(AP, json=body, headers=admin)
    assert response.status_code == 422, response.text
    assert "has no location" in response.text
    # With the same address and a postcode, it is placed at its centroid: accepted.
    located = client.post(
        AP,
        json=body | {"address": {"street": "Place Général Meiser 1", "postcode": "1030"}},
        headers=admin,
    )
    assert located.status_code == 201, located.text
    assert located.json()["location"]["precision"] == "postcode"
