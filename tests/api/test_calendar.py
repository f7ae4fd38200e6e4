"""The concrete calendar of one access point, with holidays and closures named."""

from datetime import date

from fastapi.testclient import TestClient
from sqlmodel import Session

from api.models import Closure

ALLO = "/v1/access-points/phone-allo-aide-sociale-federation-des-services-sociaux/calendar"


def test_christmas_and_new_year_are_named_and_closed(client: TestClient) -> None:
    body = client.get(f"{ALLO}?from=2026-12-21&days=14").json()
    assert body["opening_hours"] == "Mo-Fr 09:00-17:00; PH off"
    assert body["time_zone"] == "Europe/Brussels"
    days = {d["date"]: d for d in body["days"]}
    assert len(days) == 14 and min(days) == "2026-12-21" and max(days) == "2027-01-03"
    assert days["2026-12-21"]["intervals"] == [
        {
            "start": "2026-12-21T09:00:00+01:00",
            "end": "2026-12-21T17:00:00+01:00",
            "state": "open",
            "comment": None,
        }
    ]
    assert days["2026-12-25"]["intervals"] == []
    assert days["2026-12-25"]["public_holiday"]["names"]["fr"] == "Noël"
    assert days["2027-01-01"]["intervals"] == []
    assert days["2027-01-01"]["public_holiday"]["names"]["nl"] == "Nieuwjaar"
    assert days["2026-12-26"]["intervals"] == [] and days["2026-12-26"]["public_holiday"] is None
    holidays = [d for d in body["days"] if d["public_holiday"]]
    assert [d["date"] for d in holidays] == ["2026-12-25", "2027-01-01"]


def test_closures_appear_in_the_calendar(client: TestClient, session: Session) -> None:
    session.add(
        Closure(
            organization_id="fdss",
            start=date(2026, 12, 28),
            end=date(2026, 12, 29),
            reason="Fermeture annuelle",
        )
    )
    session.commit()
    days = {d["date"]: d for d in client.get(f"{ALLO}?from=2026-12-27&days=4").json()["days"]}
    assert days["2026-12-28"]["intervals"] == [] and days["2026-12-29"]["intervals"] == []
    assert days["2026-12-28"]["closure"]["reason"] == "Fermeture annuelle"
    assert days["2026-12-30"]["intervals"] and days["2026-12-30"]["closure"] is None


def test_calendar_defaults_to_today(client: TestClient) -> None:
    body = client.get(f"{ALLO}?days=1").json()
    assert [d["date"] for d in body["days"]] == ["2026-11-23"]  # the test clock
    assert client.get(f"{ALLO}?days=93").status_code == 422
