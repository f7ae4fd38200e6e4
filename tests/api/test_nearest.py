"""The main query, on the real seeded Brussels data."""

from datetime import date

from fastapi.testclient import TestClient
from sqlmodel import Session

from api.models import Closure

LAEKEN_MONDAY = "/v1/access-points/nearest?postcode=1020&at=2026-11-23T10:00"


def places(body: dict) -> list[dict]:
    return [i for i in body["items"] if i["access_point"]["kind"] != "phone_line"]


def lines(body: dict) -> list[dict]:
    return [i for i in body["items"] if i["access_point"]["kind"] == "phone_line"]


def test_open_places_near_laeken_nearest_first(client: TestClient) -> None:
    response = client.get(LAEKEN_MONDAY)
    assert response.status_code == 200
    body = response.json()
    assert body["origin"]["source"] == "postcode"
    assert body["origin"]["nis_code"] == "21004"
    assert body["at"] == "2026-11-23T10:00:00+01:00"
    found = places(body)
    assert all(i["opening"]["state"] == "open" for i in found)
    assert all(i["opening"]["closes_at"] for i in found)
    keys = [(i["distance_m"], i["access_point"]["id"]) for i in found]
    assert keys == sorted(keys)
    assert all(isinstance(i["distance_m"], int) and i["distance_m"] <= 25_000 for i in found)
    # Real seeded places with stated hours, checked by hand against the seed file. The CPAS of
    # Jette and the town hall of Schaerbeek, nearer, serve their own residents only: a person
    # who lives in Laeken (Bruxelles) is not sent there.
    assert [(i["access_point"]["id"], i["opening"]["closes_at"]) for i in found[:3]] == [
        ("maison-quartier-fleche", "2026-11-23T17:00:00+01:00"),  # Mo-Th 08:30-17:00
        ("maison-quartier-rossignol", "2026-11-23T17:00:00+01:00"),
        ("fdss-secretariat", "2026-11-23T12:30:00+01:00"),
    ]
    ids = {i["access_point"]["id"] for i in body["competent"] + body["items"]}
    assert not ids & {"cpas-jette-viva", "townhall-schaerbeek"}
    assert all(i["competent"] is not False for i in body["competent"] + body["items"])
    # For a resident of Jette, the CPAS of Jette is the competent one.
    jette = client.get(LAEKEN_MONDAY + "&residence=21010").json()
    assert "cpas-jette-viva" in {i["access_point"]["id"] for i in jette["competent"]}


def test_phone_lines_follow_places_when_they_serve_the_commune(client: TestClient) -> None:
    body = client.get(LAEKEN_MONDAY + "&service_area=full").json()
    kinds = [i["access_point"]["kind"] for i in body["items"]]
    first_line = kinds.index("phone_line")
    assert all(k == "phone_line" for k in kinds[first_line:])
    ids = {i["access_point"]["id"] for i in lines(body)}
    assert "phone-allo-aide-sociale-federation-des-services-sociaux" in ids  # Mo-Fr 09-17
    assert "phone-spw-1718-service-public-de-wallonie-call-centre" not in ids  # Wallonia only
    assert all(i["distance_m"] is None for i in lines(body))
    assert all("21004" in i["access_point"]["service_area"] for i in lines(body))


def test_a_regional_line_says_its_scope_and_its_list_is_asked_for(client: TestClient) -> None:
    compact = client.get(LAEKEN_MONDAY).json()
    listed = client.get(LAEKEN_MONDAY + "&service_area=full").json()
    line = "phone-allo-aide-sociale-federation-des-services-sociaux"
    short = next(i for i in lines(compact) if i["access_point"]["id"] == line)
    whole = next(i for i in lines(listed) if i["access_point"]["id"] == line)
    # The Brussels line serves the 19 municipalities: compact by default, in full on demand.
    assert "service_area" not in short["access_point"]
    assert short["service_scope"] == {"municipalities": 19, "regions": ["brussels"]}
    assert len(whole["access_point"]["service_area"]) == 19
    assert whole["service_scope"] == short["service_scope"]
    # Apart from the wide service areas, the two answers are the same.
    for item in listed["items"] + listed["competent"]:
        if len(item["access_point"].get("service_area") or ()) > 5:
            del item["access_point"]["service_area"]
    assert listed["items"] == compact["items"] and listed["competent"] == compact["competent"]
    # A commune's own service keeps its list (a few codes are short enough).
    own = [i for i in compact["competent"] if i["service_scope"]["municipalities"] == 1]
    assert own and all(len(i["access_point"]["service_area"]) == 1 for i in own)


def test_walloon_line_serves_a_walloon_origin(client: TestClient) -> None:
    body = client.get("/v1/access-points/nearest?postcode=5000&at=2026-11-23T10:00").json()
    ids = {i["access_point"]["id"] for i in lines(body)}
    assert "phone-spw-1718-service-public-de-wallonie-call-centre" in ids
    assert "phone-allo-aide-sociale-federation-des-services-sociaux" not in ids


def test_coordinates_give_the_same_places_as_the_postcode_centroid(client: TestClient) -> None:
    by_postcode = client.get(LAEKEN_MONDAY).json()
    origin = by_postcode["origin"]
    by_point = client.get(
        f"/v1/access-points/nearest?lat={origin['lat']}&lon={origin['lon']}&at=2026-11-23T10:00"
    ).json()
    assert by_point["origin"]["source"] == "coordinates"
    assert [i["access_point"]["id"] for i in by_point["items"]] == [
        i["access_point"]["id"] for i in by_postcode["items"]
    ]


def test_open_any_lists_closed_places_with_next_opening(client: TestClient) -> None:
    body = client.get(LAEKEN_MONDAY.replace("10:00", "20:00") + "&open=any&limit=30").json()
    states = {i["opening"]["state"] for i in places(body)}
    assert "closed" in states
    closed = [i for i in places(body) if i["opening"]["state"] == "closed"]
    assert all(i["opening"]["next_opens_at"] for i in closed)
    assert all(i["opening"]["next_opens_at"] > "2026-11-23T20:00" for i in closed)
    keys = [(i["distance_m"], i["access_point"]["id"]) for i in places(body)]
    assert keys == sorted(keys)


def test_sunday_night_only_round_the_clock_lines(client: TestClient) -> None:
    body = client.get("/v1/access-points/nearest?postcode=1000&at=2026-11-22T03:00").json()
    assert places(body) == []
    ids = {i["access_point"]["id"] for i in lines(body)}
    assert ids == {
        "phone-tele-accueil-fr",
        "phone-centre-de-prevention-du-suicide",
        "phone-european-emergency-number",
    }


def test_closure_removes_a_place_from_open_results(client: TestClient, session: Session) -> None:
    before = {
        i["access_point"]["id"]
        for i in places(client.get(LAEKEN_MONDAY + "&limit=100&competence=any").json())
    }
    assert "townhall-schaerbeek" in before
    session.add(
        Closure(
            access_point_id="townhall-schaerbeek",
            start=date(2026, 11, 23),
            end=date(2026, 11, 24),
            reason="Travaux",
        )
    )
    session.commit()
    after = client.get(LAEKEN_MONDAY + "&limit=100&competence=any").json()
    assert "townhall-schaerbeek" not in {i["access_point"]["id"] for i in places(after)}
    # For a resident of Schaerbeek it stays listed, first, as closed, with why.
    anyway = client.get(LAEKEN_MONDAY + "&limit=100&residence=1030").json()
    item = next(i for i in anyway["competent"] if i["access_point"]["id"] == "townhall-schaerbeek")
    assert item["opening"]["state"] == "closed"
    assert item["opening"]["comment"] == "Travaux"
    assert item["access_point"]["closures"] == [
        {"start": "2026-11-23", "end": "2026-11-24", "reason": "Travaux", "reason_nl": None}
    ]


def test_filters_apply_to_nearest(client: TestClient) -> None:
    body = client.get(LAEKEN_MONDAY + "&kind=epn&open=any").json()
    assert body["items"]
    assert {i["access_point"]["kind"] for i in body["items"]} == {"epn"}
    body = client.get(LAEKEN_MONDAY + "&theme=civil_status&limit=50").json()
    found = body["competent"] + body["items"]
    assert found
    assert all("civil_status" in i["access_point"]["themes"] for i in found)


def test_max_distance_bounds_the_search(client: TestClient) -> None:
    body = client.get(LAEKEN_MONDAY + "&open=any&max_distance_km=1&limit=100").json()
    assert all(i["distance_m"] <= 1000 for i in places(body))
    wider = client.get(LAEKEN_MONDAY + "&open=any&max_distance_km=3&limit=100").json()
    assert len(places(wider)) > len(places(body))
