"""Hours in words through the API: ``lang`` and ``Accept-Language``, the headers that go with
them, the list's ETag per language, and the typical week of one access point (fixed clock:
Monday 2026-11-23 10:00 Brussels)."""

import pytest
from fastapi.testclient import TestClient

# Seed: "Mo-Th 08:00-12:05,12:50-16:30; Fr 08:00-12:05; PH off".
SCHAERBEEK = "/v1/access-points/cpas-schaerbeek"
ENDPOINTS = [SCHAERBEEK, "/v1/access-points?limit=3", "/v1/access-points/nearest?postcode=1030"]


def test_default_is_french_with_its_headers(client: TestClient) -> None:
    response = client.get(SCHAERBEEK)
    assert response.status_code == 200
    opening = response.json()["opening"]
    assert (opening["text"], opening["closes_soon"], opening["warning"]) == (
        "Ouvert jusqu’à 12h05",
        False,
        None,
    )
    assert response.headers["content-language"] == "fr"
    assert "Accept-Language" in response.headers["vary"]


def test_lang_nl(client: TestClient) -> None:
    response = client.get(SCHAERBEEK, params={"lang": "nl"})
    assert response.json()["opening"]["text"] == "Geopend tot 12u05"
    assert response.headers["content-language"] == "nl"


def test_accept_language_nl_be(client: TestClient) -> None:
    response = client.get(SCHAERBEEK, headers={"Accept-Language": "nl-BE,nl;q=0.9,fr;q=0.8"})
    assert response.json()["opening"]["text"] == "Geopend tot 12u05"
    assert response.headers["content-language"] == "nl"


def test_explicit_lang_wins_over_accept_language(client: TestClient) -> None:
    response = client.get(SCHAERBEEK, params={"lang": "en"}, headers={"Accept-Language": "nl"})
    assert response.json()["opening"]["text"] == "Open until 12:05 pm"
    assert response.headers["content-language"] == "en"


def test_an_unsupported_accept_language_falls_back_to_french(client: TestClient) -> None:
    response = client.get(SCHAERBEEK, headers={"Accept-Language": "de-DE,de;q=0.9"})
    assert response.json()["opening"]["text"] == "Ouvert jusqu’à 12h05"
    assert response.headers["content-language"] == "fr"


def test_closes_soon_and_its_warning(client: TestClient) -> None:
    opening = client.get(SCHAERBEEK, params={"at": "2026-11-23T11:40", "lang": "nl"}).json()[
        "opening"
    ]
    assert opening["closes_soon"] is True
    assert opening["warning"] == "Sluit binnen 25 min (12u05)"


def test_closed_says_when_it_opens(client: TestClient) -> None:
    # Saturday 28 November 2026, 10:00.
    opening = client.get(SCHAERBEEK, params={"at": "2026-11-28T10:00"}).json()["opening"]
    assert opening["state"] == "closed"
    assert opening["text"] == "Fermé · ouvre lundi à 8h"


@pytest.mark.parametrize("path", ENDPOINTS)
def test_unsupported_lang_is_422(client: TestClient, path: str) -> None:
    response = client.get(f"{path}{'&' if '?' in path else '?'}lang=de")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "lang"]


@pytest.mark.parametrize("path", ENDPOINTS)
def test_every_endpoint_says_its_language(client: TestClient, path: str) -> None:
    response = client.get(path, headers={"Accept-Language": "en"})
    assert response.status_code == 200
    assert response.headers["content-language"] == "en"
    assert "Accept-Language" in response.headers["vary"]


def test_nearest_items_are_worded_in_the_language(client: TestClient) -> None:
    body = client.get("/v1/access-points/nearest", params={"postcode": "1030", "lang": "nl"}).json()
    competent = {i["access_point"]["id"]: i["opening"]["text"] for i in body["competent"]}
    assert competent["cpas-schaerbeek"] == "Geopend tot 12u05"
    texts = {item["access_point"]["id"]: item["opening"]["text"] for item in body["items"]}
    assert texts["phone-tele-accueil-fr"] == "Altijd geopend"  # 24/7
    assert all(
        text.startswith("Geopend tot ") or text == "Altijd geopend" for text in texts.values()
    )
    assert all("week" not in item["access_point"] for item in body["items"])


def test_list_etag_depends_on_the_language(client: TestClient) -> None:
    french = client.get("/v1/access-points?limit=3", headers={"Accept-Language": "fr"})
    dutch = client.get("/v1/access-points?limit=3", headers={"Accept-Language": "nl"})
    assert french.headers["etag"] != dutch.headers["etag"]
    assert (
        dutch.json()["items"][0]["opening"]["text"] != french.json()["items"][0]["opening"]["text"]
    )
    # A cached French page is not good for a Dutch reader...
    stale = client.get(
        "/v1/access-points?limit=3",
        headers={"Accept-Language": "nl", "If-None-Match": french.headers["etag"]},
    )
    assert stale.status_code == 200
    assert stale.headers["content-language"] == "nl"
    # ...but the Dutch one is, and its 304 says so.
    fresh = client.get(
        "/v1/access-points?limit=3",
        headers={"Accept-Language": "nl", "If-None-Match": dutch.headers["etag"]},
    )
    assert fresh.status_code == 304
    assert fresh.headers["content-language"] == "nl"
    assert "Accept-Language" in fresh.headers["vary"]


def test_list_items_have_no_week(client: TestClient) -> None:
    items = client.get("/v1/access-points?limit=3").json()["items"]
    assert items and all("week" not in item and "text" in item["opening"] for item in items)


def test_week_table_of_one_access_point(client: TestClient) -> None:
    split = "8h–12h05, 12h50–16h30"
    assert client.get(SCHAERBEEK).json()["week"] == [
        {"day": "monday", "label": "lundi", "text": split},
        {"day": "tuesday", "label": "mardi", "text": split},
        {"day": "wednesday", "label": "mercredi", "text": split},
        {"day": "thursday", "label": "jeudi", "text": split},
        {"day": "friday", "label": "vendredi", "text": "8h–12h05"},
        {"day": "saturday", "label": "samedi", "text": "Fermé"},
        {"day": "sunday", "label": "dimanche", "text": "Fermé"},
    ]
    english = client.get(SCHAERBEEK, params={"lang": "en"}).json()["week"]
    assert english[4] == {"day": "friday", "label": "Friday", "text": "8 am – 12:05 pm"}


def test_week_of_unknown_hours_is_empty(client: TestClient) -> None:
    # Seed: no fixed place or schedule documented.
    body = client.get("/v1/access-points/outreach-cpas-schaerbeek-educateurs-de-rue").json()
    assert body["week"] == []
    assert body["opening"]["text"] == "Horaires inconnus"
