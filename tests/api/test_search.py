"""Text search ``q`` on the real seed: synonyms across French, Dutch and English, accents and
case, ranking, prefixes, bad input, nearest, writes and pagination."""

from pathlib import Path
from typing import Any

import pytest
from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session, select

from api.db import alembic_config, make_engine, migrate
from api.models import AccessPoint, Role
from api.search.document import SearchDocument
from api.services.keys import create_key
from api.services.search import matching_pks, parse_search
from api.services.search_index import _write
from tests.conftest import NOW

AP = "/v1/access-points"
SCHAERBEEK = "cpas-ocmw-schaerbeek"


@pytest.fixture
def admin(session: Session) -> dict[str, str]:
    key = create_key(session=session, name="admin", role=Role.ADMIN, organization_id=None, now=NOW)
    return {"Authorization": f"Bearer {key[1]}"}


def ids(client: TestClient, **params: Any) -> list[str]:
    response = client.get(AP, params={"limit": 500, **params})
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def place(name: str, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": "guichet",
        "organization_id": SCHAERBEEK,
        "names": {"fr": name},
        "address": {"street": "Place Colignon 1", "postcode": "1030", "nis_code": "21015"},
        "languages": ["fr"],
        "themes": [],
        "opening_hours": "Mo-Fr 09:00-12:00",
    }
    return body | changes


def create(client: TestClient, admin: dict[str, str], body: dict[str, Any]) -> str:
    response = client.post(AP, json=body, headers=admin)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def test_ocmw_finds_the_cpas(client: TestClient) -> None:
    found = ids(client, q="OCMW")
    assert "cpas-ixelles" in found
    assert "epn-cpas-schaerbeek-22-rogier" in found  # "CPAS" in its French name only
    assert set(ids(client, q="CPAS")) == set(found)
    assert "townhall-ixelles" not in found
    assert ids(client, q="OCMW Elsene") == ["cpas-ixelles"]
    assert ids(client, q="CPAS d'Ixelles") == ["cpas-ixelles"]


def test_unemployment_in_any_language_accent_and_case(client: TestClient) -> None:
    expected = [
        "actiris-siege",
        "atelier-des-droits-sociaux",
        "capac-bruxelles",
        "cpas-liege-guichet-unique-monulphe",
        "forem-verviers-grand-poste",
        "onem-bureau-bruxelles",
        "phone-actiris-0800",
        "phone-capac-bruxelles",
        "phone-forem-0800",
        "phone-vdab-0800",
    ]
    for q in ("werkloosheid", "chômage", "chomage", "CHÔMAGE", "unemployment", "chôm", "werkl"):
        assert sorted(ids(client, q=q)) == expected, q
    assert "actiris-siege" in ids(client, q="VDAB")  # the Brussels counterpart


def test_taxes_in_both_languages(client: TestClient) -> None:
    expected = {
        "espace-wallonie-liege",  # Espace Wallonie: appointments on regional taxes
        "outreach-spf-finances-aide-declaration-communes",
        "phone-spf-finances-aide-declaration",
        "phone-spf-finances-fod-financien-contact-center",
    }
    for q in ("IMPOTS", "impôts", "belastingen", "Belastingaangifte", "tax"):
        assert set(ids(client, q=q)) == expected, q
    # The SPF's name: its places only.
    assert set(ids(client, q="FOD Financiën")) == expected - {"espace-wallonie-liege"}


def test_health_insurance_synonyms(client: TestClient, admin: dict[str, str]) -> None:
    assert ids(client, q="ziekenfonds") == []  # no mutual society in the seed
    mutuality = create(
        client,
        admin,
        place("Mutualité Saint-Michel — permanence", themes=["health_insurance"]),
    )
    described = create(
        client,
        admin,
        place("Permanence du jeudi", description="Questions sur votre mutuelle ou vos soins"),
    )
    for q in ("ziekenfonds", "mutuelle", "Mutualiteit", "health insurance", "mutu"):
        assert mutuality in ids(client, q=q), q
    assert described in ids(client, q="ziekenfonds")


def test_a_name_match_ranks_before_a_description_match(
    client: TestClient, admin: dict[str, str]
) -> None:
    in_description = create(
        client,
        admin,
        place("Antenne Brabant", description="On y fait aussi de la médiation de dettes."),
    )
    in_name = create(client, admin, place("Service de médiation de dettes Josaphat"))
    found = ids(client, q="médiation de dettes")
    # The name first (8), then the description (2), then the theme only (MADO Nord: debt).
    assert found[:2] == [in_name, in_description] and "mado-nord" in found[2:]
    assert ids(client, q="schuldbemiddeling")[:3] == found[:3]


@pytest.mark.parametrize(
    "q",
    ['"', "*", ":", "(", ")", "-", "^", "«»", '"*', "NEAR(", "AND", "OR NOT", 'a" OR "b', "x:*"],
)
def test_syntax_characters_never_cause_a_server_error(client: TestClient, q: str) -> None:
    for path, params in (
        (AP, {"q": q}),
        (f"{AP}/nearest", {"postcode": "1000", "open": "any", "q": q}),
        ("/hsds/services", {"search": q}),
    ):
        response = client.get(path, params=params)
        assert response.status_code in (200, 422), (path, q, response.text)
        if response.status_code == 422:
            assert "no word to search for" in response.text


def test_bad_q_is_a_clear_422(client: TestClient) -> None:
    detail = client.get(AP, params={"q": '"*('}).json()["detail"][0]
    assert detail["loc"] == ["query", "q"]
    assert "letters or digits" in detail["msg"]
    assert client.get(AP, params={"q": "x" * 201}).status_code == 422
    assert client.get(AP, params={"q": "x" * 200}).status_code == 200
    many = client.get(AP, params={"q": " ".join(f"w{i}" for i in range(11))})
    assert "at most 10" in many.json()["detail"][0]["msg"]


def test_blank_q_changes_nothing(client: TestClient) -> None:
    assert ids(client, q="  ") == ids(client)


def test_q_on_nearest_keeps_the_distance_order(client: TestClient) -> None:
    response = client.get(f"{AP}/nearest", params={"postcode": "1050", "q": "OCMW", "open": "any"})
    assert response.status_code == 200, response.text
    # The CPAS of Ixelles serves the residents of 1050: it comes first, in its own group.
    assert response.json()["competent"][0]["access_point"]["id"] == "cpas-ixelles"
    items = response.json()["items"]
    assert all(
        "CPAS" in i["access_point"]["organization"]["name"] + i["access_point"]["name"]
        for i in items
    )
    distances = [i["distance_m"] for i in items]
    assert distances == sorted(distances)
    # Phone lines too: the Actiris line serves the whole region; the 112 line does not match.
    lines = client.get(
        f"{AP}/nearest", params={"postcode": "1050", "q": "werkloosheid", "open": "any"}
    )
    found = {i["access_point"]["id"] for i in lines.json()["items"] + lines.json()["competent"]}
    assert {"actiris-siege", "phone-actiris-0800"} <= found
    assert "phone-forem-0800" not in found  # Wallonia only
    assert lines.json()["items"][1]["distance_m"] is None


def test_a_write_is_found_at_once_and_follows_changes(
    client: TestClient, admin: dict[str, str]
) -> None:
    created = create(client, admin, place("Permanence Zwanzestraat"))
    assert ids(client, q="zwanzestraat") == [created]
    response = client.patch(
        f"{AP}/{created}",
        json={"names": {"fr": "Permanence Kattestraat"}},
        headers=admin | {"If-Match": '"1"'},
    )
    assert response.status_code == 200, response.text
    assert ids(client, q="zwanzestraat") == []
    assert ids(client, q="kattestraat") == [created]
    deleted = client.delete(f"{AP}/{created}", headers=admin | {"If-Match": '"2"'})
    assert deleted.status_code == 200, deleted.text
    assert ids(client, q="kattestraat") == []  # inactive: out of the directory
    restored = client.post(f"{AP}/{created}/restore?to=1", headers=admin | {"If-Match": '"3"'})
    assert restored.status_code == 200, restored.text
    assert ids(client, q="zwanzestraat") == [created]
    assert ids(client, q="kattestraat") == []


def test_an_organization_rename_is_searchable(client: TestClient, admin: dict[str, str]) -> None:
    organization = client.get(f"/v1/organizations/{SCHAERBEEK}")
    response = client.patch(
        f"/v1/organizations/{SCHAERBEEK}",
        json={"name": "CPAS Kaleidoscoop Schaerbeek"},
        headers=admin | {"If-Match": organization.headers["etag"]},
    )
    assert response.status_code == 200, response.text
    assert "cpas-schaerbeek" in ids(client, q="kaleidoscoop")


def test_pages_of_a_search_neither_skip_nor_repeat(client: TestClient) -> None:
    whole = ids(client, q="CPAS")
    assert len(whole) > 12
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"q": "CPAS", "limit": 5}
        if cursor:
            params["cursor"] = cursor
        body = client.get(AP, params=params).json()
        seen += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == whole
    # Ranked: CPAS in the name (and organization) before CPAS in the organization only.
    assert whole.index("cpas-ixelles") < whole.index("cpas-jette-viva")
    # A cursor of an unranked listing does not fit a ranked one.
    plain = client.get(AP, params={"limit": 5}).json()["next_cursor"]
    response = client.get(AP, params={"q": "CPAS", "cursor": plain})
    assert response.status_code == 422
    assert "same q" in response.text


def test_q_with_updated_since_filters_in_change_order(client: TestClient) -> None:
    body = client.get(AP, params={"q": "OCMW", "updated_since": "2000-01-01T00:00:00Z"}).json()
    found = [item["id"] for item in body["items"]]
    assert set(found) == set(ids(client, q="OCMW"))
    stamps = [(item["updated_at"], item["id"]) for item in body["items"]]
    assert stamps == sorted(stamps)


def test_hsds_search_is_the_same_search(client: TestClient) -> None:
    body = client.get("/hsds/services", params={"search": "OCMW", "per_page": 100}).json()
    assert body["total_items"] == len(ids(client, q="OCMW"))
    assert client.get("/hsds/services", params={"search": "laeken"}).json()["total_items"] >= 1


def test_the_migration_indexes_the_rows_already_there(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    command.upgrade(alembic_config(engine), "0003")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO organization (id, name) VALUES ('ocmw-x', 'OCMW X')"))
        conn.execute(
            text(
                "INSERT INTO access_point (id, kind, organization_id, name_fr, themes, "
                "languages, phones, wheelchair, documents_to_bring, status, updated_at) "
                "VALUES ('x', 'guichet', 'ocmw-x', 'Antenne', '[\"debt\"]', '[]', '[]', "
                "'unknown', '[]', 'active', '2026-11-01 00:00:00')"
            )
        )
    migrate(engine)
    with Session(engine) as session:
        for q in ("CPAS", "schulden", "antenne"):
            assert matching_pks(session=session, query=parse_search(q)) == {1}, q
        session.execute(text("DELETE FROM access_point"))
        assert not matching_pks(session=session, query=parse_search("CPAS"))
    command.downgrade(alembic_config(engine), "0003")
    engine.dispose()


def test_the_engines_fold_accents_of_text_written_as_is(session: Session) -> None:
    # A document that skipped the Python normalisation (accents and capitals kept): FTS5's
    # remove_diacritics or PostgreSQL's unaccent still makes it found without them.
    pk = session.exec(select(AccessPoint.pk).where(AccessPoint.id == "cpas-schaerbeek")).one()
    raw = SearchDocument(name="Permanence Éducation Zébrée", organization="", body="", themes="")
    _write(session.connection(), [(pk, raw)], fresh=False)
    query = parse_search("education zebree")
    assert query is not None
    assert matching_pks(session=session, query=query) == {pk}
