"""The personal-data filter of problem reports: what it removes and what it keeps."""

import pytest
from stdnum import iban
from stdnum.be import nn

from api.services.privacy import REMOVED, scrub
from tests.identifiers import belgian_iban, national_number


def test_generated_numbers_are_valid() -> None:
    assert nn.is_valid(national_number("850730", "033"))
    assert iban.is_valid(belgian_iban("0961234567"))


@pytest.mark.parametrize(
    "phone",
    ["0470 12 34 56", "0470/12.34.56", "+32 2 511 22 33", "02 511 22 33", "0032 470 12 34 56"],
)
def test_belgian_phone_numbers_removed(phone: str) -> None:
    result = scrub(f"Personne ne répond au {phone} depuis lundi.")
    assert result.text == f"Personne ne répond au {REMOVED} depuis lundi."
    assert result.removed == (phone,)


def test_email_removed() -> None:
    result = scrub("Écrire à marie.dubois+cpas@example.be pour un rendez-vous")
    assert result.text == f"Écrire à {REMOVED} pour un rendez-vous"
    assert result.removed == ("marie.dubois+cpas@example.be",)


@pytest.mark.parametrize("dotted", [False, True])
def test_national_register_number_removed(dotted: bool) -> None:
    d = national_number("850730", "033")
    number = f"{d[0:2]}.{d[2:4]}.{d[4:6]}-{d[6:9]}.{d[9:]}" if dotted else d
    result = scrub(f"Mon numéro national {number}.")
    assert result.text == f"Mon numéro national {REMOVED}."
    assert result.removed == (number,)


def test_invalid_national_number_kept() -> None:
    # Same shape, wrong check digits: a reference number, not a person.
    number = national_number("850730", "033")
    wrong = number[:-2] + f"{(int(number[-2:]) + 1) % 100:02d}"
    assert scrub(f"Dossier {wrong}").removed == ()


@pytest.mark.parametrize("grouped", [True, False])
def test_iban_removed(grouped: bool) -> None:
    number = belgian_iban("0961234567")
    written = " ".join(number[i : i + 4] for i in range(0, len(number), 4)) if grouped else number
    result = scrub(f"Versez sur {written} merci")
    assert result.text == f"Versez sur {REMOVED} merci"
    assert result.removed == (written,)


def test_ordinary_text_kept() -> None:
    text = "Fermé le mardi 12/03/2025 entre 9h00 et 12h30, rue Haute 298a, 1000 Bruxelles."
    assert scrub(text).text == text
    assert scrub(text).removed == ()


def test_several_kinds_in_one_text() -> None:
    number = national_number("921231", "145")
    result = scrub(f"0470 12 34 56 / jo@example.org / {number}")
    assert result.text == f"{REMOVED} / {REMOVED} / {REMOVED}"
    assert len(result.removed) == 3
