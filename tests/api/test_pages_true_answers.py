"""True answers on the pages (issue 9), named after the questions: what the worker, the
operator and the person read, through the app (the browser tests show the same in Chromium).
Tuesday 8 December 2026 at 09:30 is an ordinary working morning."""

import re

from fastapi.testclient import TestClient

TUESDAY = "2026-12-08T09:30"


def _text(html: str) -> str:
    # CLDR puts no-break spaces between a number and its unit; tags out, entities as typed.
    plain = re.sub(r"<[^>]+>", " ", html).replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", plain.replace("&#39;", "'").replace("&amp;", "&"))


def _ids(html: str) -> list[str]:
    return re.findall(r'<li class="result[^"]*" id="result-([^"]+)"', html)


def test_resident_of_anderlecht_needing_social_aid_sees_their_cpas_first(
    client: TestClient,
) -> None:
    response = client.get(f"/?postcode=1070&theme=social_aid&at={TUESDAY}&lang=fr")
    assert response.status_code == 200
    text = _text(response.text)
    assert "Votre CPAS : CPAS d'Anderlecht" in text
    assert _ids(response.text)[0] == "cpas-anderlecht"
    assert text.index("Votre CPAS") < text.index("Horaires inconnus : appelez avant")
    assert "02 529 41 20" in text
    # Nobody is sent to a CPAS that serves another commune's residents.
    assert "CPAS de Schaerbeek" not in text
    assert "Rien d’ouvert" not in text and "Nothing open" not in text


def test_the_cpas_comes_first_whatever_the_need_named_in_the_readers_language(
    client: TestClient,
) -> None:
    html = client.get(f"/?postcode=1070&theme=digital_help&at={TUESDAY}&lang=nl").text
    assert "Uw OCMW: OCMW Anderlecht" in _text(html)
    assert _ids(html)[0] == "cpas-anderlecht"


def test_places_for_other_residents_are_shown_only_when_asked_and_flagged(
    client: TestClient,
) -> None:
    url = f"/?postcode=1030&residence=1070&theme=social_aid&open=any&at={TUESDAY}&lang=fr"
    assert "cpas-schaerbeek" not in _ids(client.get(url).text)
    html = client.get(url + "&competence=any").text
    assert "cpas-schaerbeek" in _ids(html)
    block = html[html.index('id="result-cpas-schaerbeek"') :]
    block = block[: block.index("</article>")]
    assert "Uniquement pour les habitants de Schaerbeek" in _text(block)


def test_dutch_speaking_caller_in_schaerbeek_is_told_where_to_go(client: TestClient) -> None:
    html = client.get(f"/lines?postcode=1030&language=nl&lang=nl&at={TUESDAY}").text
    text = _text(html)
    places = text[text.index("Plekken die nu open zijn voor Schaarbeek") :]
    assert "OCMW Schaarbeek" in places
    assert "Geen enkele bevoegde plek" not in text
    assert "Antwoorden voor dinsdag 8 december om 9u30." in text


def test_operator_view_never_hides_a_competent_place_with_unknown_hours(
    client: TestClient,
) -> None:
    text = _text(client.get(f"/lines?postcode=1070&lang=fr&at={TUESDAY}").text)
    later = text[text.index("Lieux pour Anderlecht fermés maintenant, ou aux horaires inconnus") :]
    assert "CPAS d'Anderlecht" in later
    assert "Horaires inconnus : appelez avant de vous déplacer." in later


def test_a_place_with_unknown_hours_on_the_slip_is_never_closed(client: TestClient) -> None:
    html = client.get(f"/access-points/cpas-anderlecht/referral?lang=fr&at={TUESDAY}").text
    text = _text(html)
    days = text[text.index("Horaires à partir du") :]
    assert "Fermé" not in days
    assert days.count("Horaires inconnus : appelez avant de vous déplacer") == 7
    assert "02 529 41 20" in text
    assert "accueil central (premières demandes) 07:30-11:00" in text  # the hours note
    place = _text(client.get(f"/access-points/cpas-anderlecht?lang=fr&at={TUESDAY}").text)
    assert "Fermé" not in place[place.index("14 jours à partir du") :]


def test_a_postcode_centre_place_never_says_zero_metres(client: TestClient) -> None:
    html = client.get(f"/?postcode=1070&theme=social_aid&at={TUESDAY}&lang=fr").text
    block = html[html.index('id="result-cpas-anderlecht"') :]
    block = block[: block.index("</article>")]
    assert 'data-approximate="true"' in block
    text = _text(block)
    assert "≈ 500 m" in text and "position approximative" in text
    assert not re.search(r"(?<![≈\d])\b0 m\b", text)


def test_how_to_get_there_says_when_the_street_is_not_known(client: TestClient) -> None:
    text = _text(client.get("/access-points/cpas-bruxelles-antenne-haren/referral?lang=fr").text)
    there = text[text.index("Comment y aller") :]
    assert "L’adresse exacte n’est pas connue : appelez avant de vous déplacer." in there
    known = _text(client.get("/access-points/cpas-schaerbeek/referral?lang=fr").text)
    assert "L’adresse exacte n’est pas connue" not in known


def test_a_search_in_namur_finds_walloon_places(client: TestClient) -> None:
    html = client.get(f"/?postcode=5000&open=any&at={TUESDAY}&lang=fr").text
    found = _ids(html)
    assert any("namur" in place for place in found)
    assert "Namur" in _text(html)


def test_the_pages_answer_for_the_chosen_time(client: TestClient) -> None:
    html = client.get(f"/?postcode=1030&at={TUESDAY}&lang=fr").text
    text = _text(html)
    assert "Réponses pour mardi 8 décembre à 9h30." in text
    assert "ouverts mardi 8 décembre à 9h30 près de 1030 Schaerbeek" in text
    assert f'value="{TUESDAY}"' in html
    # Results link to the place and its slip at the same time.
    assert "at=2026-12-08T09%3A30" in html
    place = client.get(f"/access-points/cpas-schaerbeek?lang=fr&at={TUESDAY}").text
    assert "14 jours à partir du mardi 8 décembre à 9h30" in _text(place)
    # Quick choices keep the search; a time that does not parse is said, never a 500.
    assert "Demain matin (9h)" in text
    bad = client.get("/?postcode=1030&at=demain&lang=fr")
    assert bad.status_code == 422
    assert "L’heure n’a pas pu être lue" in _text(bad.text)
