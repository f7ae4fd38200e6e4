"""Postal addresses beyond the commune in incident texts: a street with its house number is
removed; a postcode with its commune, a street without a number, hours and amounts stay."""

import pytest

from api.services.privacy import REMOVED, scrub

ADDRESSES = [
    "rue de la Loi 16",
    "avenue Louise 54 bte 3",
    "Chaussée de Haecht, 120",
    "boulevard Anspach 1",
    "place Flagey 7",
    "chemin du Moulin 3",
    "rue du Midi 3/2",
    "12 rue des Lilas",
    "12 rue de l'Église",
    "Wetstraat 16",
    "Louizalaan 54 bus 3",
    "Haachtsesteenweg 3",
    "Sint-Jansplein 1",
    "Kerkstraat nr. 5",
]


@pytest.mark.parametrize("address", ADDRESSES)
def test_street_with_number_removed(address: str) -> None:
    result = scrub(f"Elle habite {address} à Bruxelles.", addresses=True)
    assert result.text == f"Elle habite {REMOVED} à Bruxelles."
    assert result.removed == (address,)


def test_the_commune_stays() -> None:
    result = scrub("Il vit avenue Louise 54 bte 3, 1050 Ixelles.", addresses=True)
    assert result.text == f"Il vit {REMOVED}, 1050 Ixelles."


@pytest.mark.parametrize(
    "text",
    [
        "1000 Bruxelles",
        "rue Haute, 1000 Bruxelles",
        "Le guichet de la rue Haute était fermé",
        "Ouvert lundi 9h-12h et jeudi 14h-16h",
        "Payé 250 € au guichet, puis 12,50 EUR",
        "plus de place pour 3 personnes",
        "En chemin 10 minutes, avenue, 20 minutes d'attente",
        "Attendu 3 semaines",
    ],
)
def test_other_text_kept(text: str) -> None:
    assert scrub(text, addresses=True).text == text


def test_problem_reports_keep_the_place_address() -> None:
    # Without ``addresses`` (problem reports talk of the place, whose address is public).
    text = "rue Haute 298a, 1000 Bruxelles"
    assert scrub(text).text == text
    assert scrub(text, addresses=True).text == f"{REMOVED}, 1000 Bruxelles"
