"""The front-desk pages through the app (HTML, no browser): content on the seeded data at the
fixed clock (Monday 2026-11-23 10:00), languages, bad input, unknown places."""

import re
from datetime import date, datetime
from html import unescape as html_unescape

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from api.clock import get_now
from api.hours import BRUSSELS
from api.models import Closure
from tests.api.test_geocoding_api import geocoding  # noqa: F401 (fixture)


def _spaced(html: str) -> str:
    # CLDR puts no-break spaces between a number and its unit ("24\u00a0min").
    return html.replace("\u00a0", " ").replace("\u202f", " ")


def _ids(html: str) -> list[str]:
    return re.findall(r'<li class="result[^"]*" id="result-([^"]+)"', html)


def _page_order(html: str, api: dict) -> list[str]:
    """The ids the search page must show for a nearest answer, in the page's order: the
    residence's CPAS, the other competent places, the nearest places, the places with unknown
    hours, the phone lines."""
    cpas = []
    if '<ol class="results cpas"' in html:
        start = html.index('<ol class="results cpas"')
        cpas = _ids(html[start : html.index("</ol>", start)])
    unknown = api["unknown_hours"]["items"] if api["unknown_hours"] else []
    places = [i for i in api["items"] if i["distance_m"] is not None]
    lines = [i for i in api["items"] if i["distance_m"] is None]
    rest = [i["access_point"]["id"] for i in api["competent"] + places + unknown + lines]
    return cpas + [i for i in rest if i not in cpas]


def test_search_page_without_origin_shows_the_form_only(client: TestClient) -> None:
    response = client.get("/", headers={"Accept-Language": "fr-BE"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["content-language"] == "fr"
    assert "Accept-Language" in response.headers["vary"]
    assert '<label for="postcode">Code postal</label>' in response.text
    assert _ids(response.text) == []


def test_search_by_postcode_lists_open_places_nearest_first(client: TestClient) -> None:
    html = client.get("/?postcode=1020&lang=fr").text
    api = client.get("/v1/access-points/nearest?postcode=1020&limit=20").json()
    assert _ids(html) == _page_order(html, api)
    section = html[html.index('id="results"') :]
    places = [i["access_point"]["id"] for i in api["items"] if i["distance_m"] is not None]
    assert _ids(section[: section.index("</ol>")]) == places
    assert "Ouvert jusqu’à" in html
    assert "à pied" in html
    assert 'href="tel:+' in html


def test_filters_of_the_form_reach_the_search(client: TestClient) -> None:
    html = client.get("/?postcode=1020&kind=epn&walk_in=true&open=any").text
    api = client.get(
        "/v1/access-points/nearest?postcode=1020&kind=epn&walk_in=true&open=any&limit=20"
    ).json()
    assert _ids(html) == _page_order(html, api)
    assert 'value="epn" selected' in html
    assert 'id="walk_in" name="walk_in" value="true" checked' in html


def test_language_comes_from_lang_then_accept_language(client: TestClient) -> None:
    dutch = client.get("/?postcode=1020", headers={"Accept-Language": "nl-BE,nl;q=0.9"})
    assert dutch.headers["content-language"] == "nl"
    assert '<html lang="nl">' in dutch.text
    assert "Geopend tot" in dutch.text
    english = client.get("/?postcode=1020&lang=en", headers={"Accept-Language": "nl"})
    assert '<html lang="en">' in english.text
    assert "Open until" in english.text
    # The switch keeps the search and changes only the language.
    assert 'href="/?postcode=1020&amp;lang=fr"' in english.text


def test_a_bad_postcode_is_said_in_the_page(client: TestClient) -> None:
    response = client.get("/?postcode=12&lang=nl")
    assert response.status_code == 422
    assert "Een Belgische postcode heeft 4 cijfers" in response.text
    unknown = client.get("/?postcode=9999&lang=fr")
    assert unknown.status_code == 422
    assert "Code postal 9999 inconnu." in unknown.text


def test_address_search_off_is_said_in_the_page(client: TestClient) -> None:
    response = client.get("/?address=Rue+Haute+1,+1000+Bruxelles&lang=en")
    assert response.status_code == 422
    assert "Address search is not available" in response.text


def test_operator_view_lists_phone_lines_first(client: TestClient) -> None:
    html = client.get("/lines?municipality=21015&lang=fr").text
    now = html.index("Lignes qui répondent maintenant pour Schaerbeek")
    places = html.index("Lieux ouverts maintenant pour Schaerbeek")
    assert now < places
    lines_part = html[now:places]
    assert "0800 35 243" in lines_part  # Allo? Aide sociale, free, open on Monday at 10:00
    assert "appel gratuit" in lines_part
    assert 'data-copy-target="referral-text-' in html
    # Free numbers come before paid ones among the lines answering now.
    first_paid = lines_part.find("02 ")
    assert first_paid == -1 or lines_part.index("appel gratuit") < first_paid


def test_operator_view_by_postcode_and_unknown_commune(client: TestClient) -> None:
    assert "Schaerbeek" in client.get("/lines?postcode=1030").text
    response = client.get("/lines?municipality=99999&lang=en")
    assert response.status_code == 422
    assert "Unknown commune" in response.text


def test_place_page_has_week_and_next_fourteen_days(client: TestClient) -> None:
    html = client.get("/access-points/cpas-schaerbeek?lang=fr").text
    assert '<h1 id="place-title">CPAS de Schaerbeek</h1>' in html
    week = html[html.index('class="week"') : html.index("</table>", html.index('class="week"'))]
    assert week.count("<tr>") == 7
    assert "lundi</th><td>8h–12h05, 12h50–16h30" in week
    days = html[html.index('class="days"') :]
    assert days.count('<th scope="row">') == 14
    assert "lundi 23 novembre" in days


def test_place_page_names_holidays_and_closures(
    app: FastAPI, client: TestClient, session: Session
) -> None:
    # The week before Christmas, with a closure on the 23rd.
    app.dependency_overrides[get_now] = lambda: datetime(2026, 12, 21, 10, 0, tzinfo=BRUSSELS)
    session.add(
        Closure(
            access_point_id="cpas-schaerbeek",
            start=date(2026, 12, 23),
            end=date(2026, 12, 23),
            reason="Formation du personnel",
            reason_nl="Personeelsopleiding",
        )
    )
    session.commit()
    html = client.get("/access-points/cpas-schaerbeek?lang=fr").text
    # A public administration: its hours carry "PH off" (seed/data/SOURCES.md).
    assert (
        '<tr class="exception"><th scope="row">vendredi 25 décembre</th>'
        "<td>Fermé — jour férié (Noël)</td></tr>" in html
    )
    assert "mercredi 23 décembre</th><td>Fermé — Formation du personnel</td>" in html
    assert "mardi 22 décembre</th><td>8h–12h05, 12h50–16h30</td>" in html
    slip = client.get("/access-points/cpas-schaerbeek/referral?lang=nl").text
    assert "woensdag 23 december</th><td>Gesloten — Personeelsopleiding</td>" in slip
    line = client.get(
        "/access-points/phone-allo-aide-sociale-federation-des-services-sociaux?lang=fr"
    ).text
    assert "vendredi 25 décembre</th><td>Fermé — jour férié (Noël)</td>" in line
    line_slip = client.get(
        "/access-points/phone-allo-aide-sociale-federation-des-services-sociaux/referral?lang=nl"
    ).text
    assert "vrijdag 25 december</th><td>Gesloten — feestdag (Kerstmis)</td>" in line_slip


def test_unknown_place_is_a_404_page(client: TestClient) -> None:
    response = client.get("/access-points/no-such-place?lang=en")
    assert response.status_code == 404
    assert "Place not found" in response.text
    assert client.get("/access-points/no-such-place/referral").status_code == 404


def test_referral_slip_in_the_persons_language(client: TestClient) -> None:
    html = client.get("/access-points/cpas-schaerbeek/referral?lang=nl&ui=fr&paper=a4").text
    assert '<html lang="nl">' in html
    assert "Openingsuren de komende dagen" in html
    assert "maandag 23 november</th><td>8u–12u05, 12u50–16u30" in html
    # The worker's toolbar stays in the worker's language.
    assert "Langue de la fiche" in html
    assert 'href="/static/paper-a4.css"' in html  # its @page size, a style sheet (CSP)
    assert html.count('<th scope="row">') == 7


def test_static_assets_are_served(client: TestClient) -> None:
    assert client.get("/static/style.css").status_code == 200
    leaflet = client.get("/static/vendor/leaflet/leaflet.js")
    assert leaflet.status_code == 200
    assert "Leaflet" in leaflet.text[:500]


def test_pages_are_not_in_the_api_contract(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert "/" not in paths
    assert "/lines" not in paths


def test_words_narrow_the_search_like_the_api(client: TestClient) -> None:
    url = "/?postcode=1030&q=werkloosheid&open=any"
    html = client.get(url).text
    api = client.get(
        "/v1/access-points/nearest?postcode=1030&q=werkloosheid&open=any&limit=20"
    ).json()
    expected = _page_order(html, api)
    assert api["items"], "the seed has unemployment services"
    assert _ids(html) == expected
    everything = _ids(client.get("/?postcode=1030&open=any").text)
    assert len(everything) > len(expected)


def test_words_without_letters_are_said_in_the_page(client: TestClient) -> None:
    response = client.get("/?postcode=1030&q=%2A%2A%2A&lang=fr")
    assert response.status_code == 422
    assert "Donnez des mots avec des lettres ou des chiffres" in response.text


_ANY_TEXT = st.text(max_size=30) | st.sampled_from(["nan", "inf", "-1e309", "1020", "21015", ""])


# The pages only read: one client for all the examples is safe.
@settings(
    derandomize=True,
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    params=st.dictionaries(
        st.sampled_from(
            [
                "postcode",
                "address",
                "lat",
                "lon",
                "q",
                "theme",
                "kind",
                "language",
                "walk_in",
                "open",
                "lang",
                "municipality",
                "paper",
                "ui",
            ]
        ),
        _ANY_TEXT,
        max_size=6,
    ),
    path=st.sampled_from(["/", "/lines", "/access-points/cpas-schaerbeek/referral"]),
)
def test_pages_answer_any_query_without_a_server_error(
    client: TestClient, path: str, params: dict[str, str]
) -> None:
    response = client.get(path, params=params)
    assert response.status_code in (200, 422), (path, params, response.status_code)
    assert response.headers["content-type"].startswith("text/html")


@pytest.mark.usefixtures("geocoding")
def test_search_from_an_address(client: TestClient) -> None:
    address = "Boulevard Émile Bockstael 114, 1020 Bruxelles"
    html = client.get("/", params={"address": address, "lang": "fr"}).text
    api = client.get("/v1/access-points/nearest", params={"address": address, "limit": 20})
    assert _ids(html) == _page_order(html, api.json())
    assert f"près de {address}" in html
    assert "Rue, numéro et commune" in html  # the hint when address search is on
    missing = client.get("/", params={"address": "Rue Inconnue 3", "lang": "fr"})
    assert missing.status_code == 422
    assert "Adresse introuvable" in missing.text


def test_typed_postcode_wins_over_a_remembered_position(client: TestClient) -> None:
    # Laeken's postcode typed after a search from a position in Ixelles.
    html = client.get("/?postcode=1020&lat=50.8275&lon=4.3725&lang=fr").text
    assert "près de 1020 Laeken" in html
    position = client.get("/?lat=50.8275&lon=4.3725&lang=fr").text
    assert "près de votre position" in position


def test_a_result_leads_to_the_walk_on_its_page_and_slip(client: TestClient) -> None:
    search = _spaced(client.get("/?postcode=1020&lang=fr").text)
    first = re.search(r'<h3 id="title-([^"]+)"><a href="([^"]+)">', search)
    assert first is not None
    place_id, href = first.group(1), html_unescape(first.group(2))
    walk_in_results = re.search(
        rf'id="result-{place_id}".*?<p class="distance">([^·]+) · (\d+) min à pied',
        search,
        re.S,
    )
    assert walk_in_results is not None
    minutes = walk_in_results.group(2)
    page = _spaced(client.get(href).text)
    assert f"{minutes} min à pied depuis 1020 Laeken" in page
    slip_href = re.search(r'href="(/access-points/[^"]+/referral[^"]*)"', page)
    assert slip_href is not None
    slip = _spaced(client.get(html_unescape(slip_href.group(1)).replace("lang=fr", "lang=nl")).text)
    assert f"{minutes} min te voet vanaf 1020 Laeken" in slip


def test_an_unusable_origin_gives_no_walk(client: TestClient) -> None:
    for params in (
        "from_lat=nan&from_lon=4.35",
        "from_lat=48.85&from_lon=2.35",  # Paris
        "from_lat=50.85",
        "from_lat=abc&from_lon=def",
    ):
        response = client.get(f"/access-points/cpas-schaerbeek?lang=fr&{params}")
        assert response.status_code == 200
        assert "à pied depuis" not in response.text


def test_operator_view_narrows_by_words(client: TestClient) -> None:
    everything = client.get("/lines?municipality=21015&lang=fr").text
    assert "Télé-Accueil" in everything
    narrowed = client.get("/lines?municipality=21015&lang=fr&q=werkloosheid").text
    assert "Actiris" in narrowed  # its line serves Schaerbeek; unemployment, in Dutch
    assert "Télé-Accueil" not in narrowed
    bad = client.get("/lines?municipality=21015&lang=fr&q=%2A")
    assert bad.status_code == 422
    assert "Donnez des mots" in bad.text
