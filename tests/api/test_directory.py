"""The directory list, one access point, the reference lists and the probes."""

from fastapi.testclient import TestClient

from seed.load import SeedReport


def test_filters_combine(client: TestClient) -> None:
    body = client.get("/v1/access-points?kind=guichet&municipality=21015&language=nl").json()
    assert body["items"]
    for item in body["items"]:
        assert item["kind"] == "guichet"
        assert item["address"]["nis_code"] == "21015"
        assert "nl" in item["languages"]
    assert {i["id"] for i in client.get("/v1/access-points?postcode=1030").json()["items"]} >= {
        "cpas-schaerbeek",
        "townhall-schaerbeek",
    }
    themed = client.get("/v1/access-points?theme=digital_help").json()["items"]
    assert themed and all("digital_help" in i["themes"] for i in themed)
    walk_in = client.get("/v1/access-points?walk_in=true").json()["items"]
    assert walk_in and all(i["access"]["walk_in"] is True for i in walk_in)
    german = {i["id"] for i in client.get("/v1/access-points?language=de").json()["items"]}
    assert "phone-telefonhilfe-de" in german


def test_open_filters(client: TestClient) -> None:
    monday = client.get("/v1/access-points?open_at=2026-11-23T10:00&limit=500").json()["items"]
    assert monday and all(i["opening"]["state"] in {"open", "closed", "unknown"} for i in monday)
    now = client.get("/v1/access-points?open_now=true&limit=500").json()[
        "items"
    ]  # clock: Monday 10:00
    assert [i["id"] for i in now] == [i["id"] for i in monday]
    assert all(i["opening"]["state"] == "open" for i in now)
    christmas = client.get("/v1/access-points?open_at=2026-12-25T10:00&limit=500").json()["items"]
    assert len(christmas) < len(now)
    assert "phone-allo-aide-sociale-federation-des-services-sociaux" not in {
        i["id"] for i in christmas
    }


def test_cursor_pages_cover_everything_once(client: TestClient, seed_report: SeedReport) -> None:
    seen: list[str] = []
    cursor = None
    while True:
        url = "/v1/access-points?limit=7" + (f"&cursor={cursor}" if cursor else "")
        body = client.get(url).json()
        seen += [i["id"] for i in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    loaded = seed_report.created + seed_report.updated + seed_report.unchanged
    assert sorted(seen) == sorted(loaded) == seen


def test_one_access_point_with_its_opening(client: TestClient) -> None:
    body = client.get("/v1/access-points/cpas-schaerbeek?at=2026-11-23T12:30").json()
    assert body["name"] == "CPAS de Schaerbeek"
    assert body["names"] == {"fr": "CPAS de Schaerbeek", "nl": "OCMW Schaarbeek", "en": None}
    assert body["organization"]["name"] == "CPAS de Schaerbeek"
    assert body["location"] == {"lat": 50.851756, "lon": 4.401445, "precision": "building"}
    assert body["phones"][0]["number"] == "+3222403080"
    assert body["phones"][0]["display"] == "02 240 30 80"
    assert body["opening"]["state"] == "closed"  # lunch break 12:05-12:50
    assert body["opening"]["next_opens_at"] == "2026-11-23T12:50:00+01:00"


def test_place_without_hours_is_unknown(client: TestClient) -> None:
    body = client.get("/v1/access-points/cpas-anderlecht").json()
    assert body["opening_hours"] is None
    assert body["opening"]["state"] == "unknown"
    assert body["opening_hours_note"].startswith("accueil central")
    assert body["location"]["precision"] == "postcode"


def test_themes_and_municipalities(client: TestClient) -> None:
    themes = client.get("/v1/themes").json()
    assert len(themes) == 17
    assert {
        "id": "unemployment",
        "labels": {"fr": "Chômage", "nl": "Werkloosheid", "en": "Unemployment"},
    } in themes
    brussels = client.get("/v1/municipalities?region=brussels").json()
    assert [m["nis_code"] for m in brussels] == [f"210{n:02d}" for n in range(1, 20)]
    city = brussels[3]
    assert city["name_fr"] == "Bruxelles" and city["name_nl"] == "Brussel"
    assert {"1000", "1020", "1120", "1130"} <= set(city["postcodes"])
    wallonia = client.get("/v1/municipalities?region=wallonia").json()
    assert len(wallonia) > 250
    assert any(m["name_fr"] == "Namur" and "5000" in m["postcodes"] for m in wallonia)
    organizations = client.get("/v1/organizations").json()
    assert any(o["id"] == "actiris" for o in organizations)


def test_probes_and_docs(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok", "detail": None}
    assert client.get("/readyz").json()["status"] == "ok"
    assert client.get("/docs").status_code == 200
    schema = client.get("/openapi.json").json()
    assert "OpenStreetMap contributors" in schema["info"]["description"]
    assert (
        client.get("/v1/themes", headers={"Origin": "https://commune.example"}).headers[
            "access-control-allow-origin"
        ]
        == "*"
    )
