"""Dates of birth in incident texts: a full date more than five years old, or any date after
the words that announce a birth, is removed; recent dates, hours, amounts and postcodes stay."""

from datetime import date

import pytest

from api.services.privacy import REMOVED, scrub
from api.services.privacy.dates import BIRTH_YEAR_MARGIN, date_of_birth_spans

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    "written",
    [
        "12/03/1985",
        "12.03.1985",
        "12-03-1985",
        "1985-03-12",
        "12 mars 1985",
        "1er janvier 1970",
        "4 août 1950",
        "12 maart 1985",
        "12 March 1985",
        "March 12, 1985",
        "12/31/1985",
    ],
)
def test_old_full_dates_removed(written: str) -> None:
    result = scrub(f"Monsieur, {written}, sans revenus.", today=TODAY)
    assert result.text == f"Monsieur, {REMOVED}, sans revenus."
    assert result.removed == (written,)


@pytest.mark.parametrize(
    ("text", "removed"),
    [
        ("née le 3/4/99 à Liège", "3/4/99"),
        ("born on 3 May 2019", "3 May 2019"),
        ("geboren op 12.03.23", "12.03.23"),
        ("date de naissance : 31.12.60", "31.12.60"),
        ("geboren in 1985", "1985"),
        ("né en 1985", "1985"),
    ],
)
def test_announced_births_removed_whatever_the_year(text: str, removed: str) -> None:
    result = scrub(text, today=TODAY)
    assert result.removed == (removed,)
    assert removed not in result.text


@pytest.mark.parametrize(
    "text",
    [
        "Fermé le mardi 12/03/2025 entre 9h00 et 12h30",
        "Rendez-vous le 3 mai 2026 à 9h",
        "lundi 9h-12h, mardi 13h30-16h",
        "Payé 1.250,50 EUR, 1000 Bruxelles",
        "Attente depuis 2019",
        "31/02/1985 n'existe pas",
    ],
)
def test_recent_dates_hours_amounts_kept(text: str) -> None:
    assert scrub(text, today=TODAY).text == text


def test_the_rule_follows_the_reference_day() -> None:
    written = f"12/03/{TODAY.year - BIRTH_YEAR_MARGIN}"
    assert date_of_birth_spans(written, today=TODAY) == []
    assert date_of_birth_spans(written, today=date(TODAY.year + 1, 1, 1)) == [(0, len(written))]


def test_problem_reports_keep_their_dates() -> None:
    # Without ``today`` (problem reports): no date is removed.
    assert scrub("Fermé depuis le 12/03/1985").removed == ()
