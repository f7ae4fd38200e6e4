"""True answers (issue 9), named after the questions people ask, on the real seeded data:
competence decides who can help, unknown hours are said as unknown, approximate positions say
so. Tuesday 8 December 2026 at 09:30 is an ordinary working morning."""

from fastapi.testclient import TestClient

TUESDAY = "2026-12-08T09:30"
NEAREST = "/v1/access-points/nearest"


def ids(items: list[dict]) -> list[str]:
    return [i["access_point"]["id"] for i in items]


def every_item(body: dict) -> list[dict]:
    unknown = body["unknown_hours"]["items"] if body["unknown_hours"] else []
    return body["competent"] + body["items"] + unknown


def test_resident_of_anderlecht_needing_social_aid_gets_their_cpas(client: TestClient) -> None:
    body = client.get(f"{NEAREST}?postcode=1070&theme=social_aid&at={TUESDAY}").json()
    assert body["residence"] == {
        "nis_code": "21001",
        "name": "Anderlecht",
        "name_nl": "Anderlecht",
        "region": "brussels",
        "source": "origin",
    }
    first = body["competent"][0]
    assert first["access_point"]["id"] == "cpas-anderlecht"
    assert first["competent"] is True
    # Its hours are not published: it is unknown, with a phone to call, never hidden.
    assert first["opening"]["state"] == "unknown"
    assert first["access_point"]["phones"][0]["number"] == "+3225294120"
    # The CPAS of another commune would turn the person away: it is not offered.
    assert not {i for i in ids(every_item(body)) if i.startswith("cpas-") and "anderlecht" not in i}
    assert all(i["competent"] is not False for i in every_item(body))


def test_residence_decides_competence_and_the_origin_distance(client: TestClient) -> None:
    # At a counter in Schaerbeek, for a person who lives in Anderlecht.
    url = f"{NEAREST}?postcode=1030&residence=1070&theme=social_aid&open=any&at={TUESDAY}"
    body = client.get(url).json()
    assert body["residence"]["nis_code"] == "21001"
    assert body["residence"]["source"] == "residence"
    assert ids(body["competent"])[0] == "cpas-anderlecht"
    assert body["competent"][0]["distance_m"] > 5000  # measured from Schaerbeek
    assert "cpas-schaerbeek" not in ids(every_item(body))
    flagged = client.get(url + "&competence=any").json()
    schaerbeek = next(i for i in flagged["items"] if i["access_point"]["id"] == "cpas-schaerbeek")
    assert schaerbeek["competent"] is False
    assert schaerbeek["access_point"]["service_area"] == ["21015"]
    # A residence given as a NIS code is the same as its postcode.
    by_nis = client.get(url.replace("residence=1070", "residence=21001")).json()
    assert by_nis["competent"] == body["competent"]


def test_a_competent_place_appears_once_first(client: TestClient) -> None:
    body = client.get(f"{NEAREST}?postcode=1030&open=any&at={TUESDAY}&limit=30").json()
    seen = ids(every_item(body))
    assert len(seen) == len(set(seen))
    competent = body["competent"]
    assert {"cpas-schaerbeek", "townhall-schaerbeek"} <= set(ids(competent))
    sizes = [i["service_scope"]["municipalities"] for i in competent]
    assert sizes == sorted(sizes), "the commune's own services come before regional ones"


def test_unknown_residence_is_a_422_that_says_what_to_give(client: TestClient) -> None:
    for value in ("9999", "99999"):
        response = client.get(f"{NEAREST}?postcode=1030&residence={value}")
        assert response.status_code == 422
        assert "NIS code" in response.text or "postcode" in response.text
    assert client.get(f"{NEAREST}?postcode=1030&residence=abc").status_code == 422


def test_places_with_unknown_hours_are_counted_and_listed_not_dropped(
    client: TestClient,
) -> None:
    body = client.get(f"{NEAREST}?postcode=1070&at={TUESDAY}").json()
    unknown = body["unknown_hours"]
    assert unknown["count"] >= len(unknown["items"]) > 0
    assert 0 < unknown["within_m"] <= 5000  # nearby: far enough to walk to
    assert all(i["opening"]["state"] == "unknown" for i in unknown["items"])
    assert all(i["distance_m"] <= unknown["within_m"] for i in unknown["items"])
    assert all(i["open_on_arrival"] is None for i in unknown["items"])
    distances = [i["distance_m"] for i in unknown["items"]]
    assert distances == sorted(distances)
    assert all(i["opening"]["state"] == "open" for i in body["items"])
    # With open=any they are among the results, so there is no separate group.
    assert client.get(f"{NEAREST}?postcode=1070&open=any").json()["unknown_hours"] is None


def test_a_postcode_centre_place_says_its_distance_is_approximate(client: TestClient) -> None:
    body = client.get(f"{NEAREST}?postcode=1070&theme=social_aid&at={TUESDAY}").json()
    cpas = body["competent"][0]
    assert cpas["access_point"]["location"]["precision"] == "postcode"
    assert (cpas["location_precision"], cpas["approximate"]) == ("postcode", True)
    located = [i for i in every_item(body) if i["distance_m"] is not None]
    for item in located:
        precision = item["access_point"]["location"]["precision"]
        assert item["approximate"] is (precision == "postcode")


def test_calendar_of_a_place_with_unknown_hours_says_unknown_every_day(
    client: TestClient,
) -> None:
    calendar = client.get("/v1/access-points/cpas-anderlecht/calendar?from=2026-12-21&days=14")
    days = calendar.json()["days"]
    assert {day["state"] for day in days} == {"unknown"}
    christmas = next(day for day in days if day["date"] == "2026-12-25")
    assert christmas["public_holiday"]["names"]["fr"] == "Noël"
    assert christmas["intervals"][0]["state"] == "unknown"


def test_calendar_days_of_known_hours_are_open_or_closed(client: TestClient) -> None:
    days = client.get("/v1/access-points/cpas-schaerbeek/calendar?from=2026-12-07&days=7").json()
    states = {day["date"]: day["state"] for day in days["days"]}
    assert states["2026-12-08"] == "open"
    assert states["2026-12-13"] == "closed"  # a Sunday


def test_the_list_flags_competence_for_a_residence(client: TestClient) -> None:
    listed = client.get("/v1/access-points?theme=social_aid&kind=guichet&residence=1070").json()
    found = {i["id"]: i["competent"] for i in listed["items"]}
    assert found["cpas-anderlecht"] is True
    assert "cpas-schaerbeek" not in found
    assert all(flag is not False for flag in found.values())
    every = client.get(
        "/v1/access-points?theme=social_aid&kind=guichet&residence=1070&competence=any&limit=500"
    ).json()
    assert {i["id"]: i["competent"] for i in every["items"]}["cpas-schaerbeek"] is False
    plain = client.get("/v1/access-points?theme=social_aid&kind=guichet").json()
    assert {i["competent"] for i in plain["items"]} == {None}
