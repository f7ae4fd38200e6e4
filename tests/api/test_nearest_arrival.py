"""Will it still be open when they get there? Walking time and ``open_on_arrival`` in the
nearest search, on the real seeded Brussels data."""

import math
from datetime import date, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from api import hours
from api.hours import BRUSSELS
from api.models import AccessPoint, Closure, Organization
from api.services.nearest.arrival import ArrivalCheck, arrival_time

# Monday 15:45 from the centre of Brussels: some places close at 16:00 or 16:30. The walk is
# the same for every place, competent for the person or not: competence=any keeps them all.
LATE_AFTERNOON = (
    "/v1/access-points/nearest?postcode=1000&at=2026-11-23T15:45&max_distance_km=5&competence=any"
)


def places(body: dict) -> list[dict]:
    return [i for i in body["items"] if i["distance_m"] is not None]


def test_each_place_carries_its_walk_and_arrival(client: TestClient, session: Session) -> None:
    body = client.get(LATE_AFTERNOON + "&limit=100").json()
    found = places(body)
    assert len(found) >= 5
    at = datetime(2026, 11, 23, 15, 45, tzinfo=BRUSSELS)
    for item in found:
        walk = math.ceil(item["distance_m"] * 1.3 / 75)
        # distance_m is rounded to the metre: allow the minute either side of a boundary.
        assert abs(item["walking_minutes"] - walk) <= 1
        arrival = datetime.fromisoformat(item["arrival_at"])
        assert arrival == at + timedelta(minutes=item["walking_minutes"])
        point = session.exec(
            select(AccessPoint).where(AccessPoint.id == item["access_point"]["id"])
        ).one()
        expected = hours.state_at(point.opening_hours, arrival)[0] is hours.OpeningState.OPEN
        assert item["open_on_arrival"] is expected
    flags = {item["open_on_arrival"] for item in found}
    assert flags == {True, False}, "the seed at 15:45 has places closing before arrival"


def test_a_place_that_closes_before_arrival_is_flagged(client: TestClient) -> None:
    body = client.get(LATE_AFTERNOON + "&limit=100").json()
    cureghem = next(
        i for i in body["items"] if i["access_point"]["id"] == "anderlecht-antenne-cureghem"
    )
    assert cureghem["opening"]["state"] == "open"
    assert cureghem["opening"]["closes_at"] == "2026-11-23T16:00:00+01:00"
    assert cureghem["arrival_at"] > cureghem["opening"]["closes_at"]
    assert cureghem["open_on_arrival"] is False


def test_exclude_leaves_out_exactly_the_flagged_places(client: TestClient) -> None:
    flagged = places(client.get(LATE_AFTERNOON + "&limit=100").json())
    kept = places(client.get(LATE_AFTERNOON + "&limit=100&on_arrival=exclude").json())
    assert [i["access_point"]["id"] for i in kept] == [
        i["access_point"]["id"] for i in flagged if i["open_on_arrival"]
    ]
    assert all(i["open_on_arrival"] for i in kept)


def test_exclude_searches_further_to_fill_the_limit(client: TestClient) -> None:
    flagged = places(client.get(LATE_AFTERNOON + "&limit=100").json())
    kept = places(client.get(LATE_AFTERNOON + "&limit=4&on_arrival=exclude").json())
    reachable = [i["access_point"]["id"] for i in flagged if i["open_on_arrival"]]
    assert [i["access_point"]["id"] for i in kept] == reachable[:4]
    # Without exclusion the first four include a place closed on arrival.
    first_four = places(client.get(LATE_AFTERNOON + "&limit=4").json())
    assert not all(i["open_on_arrival"] for i in first_four)


def test_a_closed_place_that_opens_before_arrival_is_open_on_arrival(client: TestClient) -> None:
    # 08:50: most counters open at 09:00, which a walk of over ten minutes reaches.
    body = client.get(
        "/v1/access-points/nearest?postcode=1000&at=2026-11-23T08:50&open=any&limit=30"
    ).json()
    waiting = [
        i for i in places(body) if i["opening"]["state"] == "closed" and i["open_on_arrival"]
    ]
    assert waiting, "some place opens between 08:50 and the person's arrival"
    for item in waiting:
        assert item["opening"]["next_opens_at"] <= item["arrival_at"]


def test_phone_lines_have_no_walk(client: TestClient) -> None:
    body = client.get(LATE_AFTERNOON).json()
    lines = [i for i in body["items"] if i["access_point"]["kind"] == "phone_line"]
    assert lines
    for item in lines:
        assert item["walking_minutes"] is None
        assert item["arrival_at"] is None
        assert item["open_on_arrival"] is None


def test_unknown_arrival_mode_is_a_422(client: TestClient) -> None:
    response = client.get(LATE_AFTERNOON + "&on_arrival=maybe")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "on_arrival"]


def test_a_closure_on_the_arrival_day_counts(session: Session) -> None:
    # Leaving at 23:50 for a place open round the clock 2 km away: arrival after midnight,
    # on a day its organization is closed.
    org = session.exec(select(Organization)).first()
    assert org is not None
    at = datetime(2026, 11, 23, 23, 50, tzinfo=BRUSSELS)
    assert arrival_time(at, 2000).date() == date(2026, 11, 24)
    check = ArrivalCheck(session=session, at=at, max_distance_m=5000)
    assert check("some-place", org.id, "24/7", 2000) is True
    session.add(Closure(organization_id=org.id, start=date(2026, 11, 24), end=date(2026, 11, 24)))
    session.flush()
    check = ArrivalCheck(session=session, at=at, max_distance_m=5000)
    assert check("some-place", org.id, "24/7", 2000) is False
    assert check("some-place", org.id, "24/7", 100) is True  # there before midnight
    assert check("some-place", "another-org", "24/7", 2000) is True


def test_arrival_counts_elapsed_time_over_the_spring_change() -> None:
    # 28 March 2027: 02:00 does not exist; a 26-minute walk from 01:50 ends at 03:16.
    at = datetime(2027, 3, 28, 1, 50, tzinfo=BRUSSELS)
    arrival = arrival_time(at, 1500)
    assert arrival.isoformat() == "2027-03-28T03:16:00+02:00"


def test_prefetched_arrivals_answer_as_the_calls_one_by_one(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Sun-time places, open ends (never told by the opening) among them, at 20:10 on a
    # winter evening: one call into opening_hours.js answers every arrival of the list.
    at = datetime(2026, 12, 4, 20, 10, tzinfo=BRUSSELS)
    place = (50.8466, 4.3528)
    values = ["sunrise+", "14:00-sunset+", "Mo-Su sunset-sunrise", "sunrise-sunset"]
    queries = [
        ("no-such-place", "no-such-org", value, distance, place, None)
        for value in values
        for distance in (0.0, 900.0, 4_000.0, 24_000.0)
    ]
    expected = [
        ArrivalCheck(session=session, at=at, max_distance_m=25_000)(*q[:4], coordinates=place)
        for q in queries
    ]
    check = ArrivalCheck(session=session, at=at, max_distance_m=25_000)
    check.prefetch(queries)
    assert len(check.states) == len(queries)  # one state per value and arrival minute
    evaluated: list[str | None] = []
    real = hours.state_at

    def counting(value, instant, *, coordinates=None):  # type: ignore[no-untyped-def]
        evaluated.append(value)
        return real(value, instant, coordinates=coordinates)

    monkeypatch.setattr(hours, "state_at", counting)
    answers = [check(*q[:4], coordinates=place) for q in queries]
    assert answers == expected
    assert evaluated == []  # every answer came from the prefetch
    assert set(answers) == {True, False}
