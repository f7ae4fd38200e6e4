"""Opening hours in words (api.hours.words, api.hours.week) and the choice of language
(api.i18n): exact sentences in French, Dutch and English at fixed Brussels instants."""

from datetime import date, datetime, time, timedelta

import pytest

from api import hours
from api.hours import BRUSSELS, Closure
from api.hours.week import typical_monday
from api.hours.words import format_clock
from api.i18n import Language, negotiate_language, parse_accept_language

WEEKDAYS_MO_FR = "Mo-Fr 09:00-16:00; PH off"
YEAR_END = Closure(
    date(2026, 12, 24), date(2027, 1, 1), "Fermeture de fin d’année", "Eindejaarssluiting"
)


def at(*parts: int, fold: int = 0) -> datetime:
    return datetime(*parts, tzinfo=BRUSSELS, fold=fold)  # type: ignore[misc]


def words(
    value: str | None, instant: datetime, lang: Language, closures: tuple[Closure, ...] = ()
) -> hours.OpeningWords:
    opening = hours.compute_opening(opening_hours=value, at=instant, closures=closures)
    return hours.describe_opening(opening, at=instant, lang=lang, closures=closures)


def texts(value: str | None, instant: datetime, closures: tuple[Closure, ...] = ()) -> list[str]:
    return [words(value, instant, lang, closures).text for lang in ("fr", "nl", "en")]


# --- the state as a sentence ---------------------------------------------------------------


def test_open_until_and_closes_soon_at_15_40() -> None:
    assert [
        words(WEEKDAYS_MO_FR, at(2026, 12, 24, 15, 40), lang) for lang in ("fr", "nl", "en")
    ] == [
        hours.OpeningWords("Ouvert jusqu’à 16h", True, "Ferme dans 20 min (16h)"),
        hours.OpeningWords("Geopend tot 16u", True, "Sluit binnen 20 min (16u)"),
        hours.OpeningWords("Open until 4 pm", True, "Closes in 20 min (4 pm)"),
    ]


@pytest.mark.parametrize(
    ("minute", "soon", "warning"),
    [
        (29, False, None),
        (30, True, "Ferme dans 30 min (16h)"),
        (59, True, "Ferme dans 1 min (16h)"),
    ],
)
def test_closes_soon_is_within_30_minutes(minute: int, soon: bool, warning: str | None) -> None:
    said = words(WEEKDAYS_MO_FR, at(2026, 12, 24, 15, minute), "fr")
    assert (said.closes_soon, said.warning) == (soon, warning)


def test_open_on_a_normal_morning_is_not_closing_soon() -> None:
    assert words("Mo-Th 08:00-12:05,12:50-16:30", at(2026, 11, 23, 10), "fr") == (
        hours.OpeningWords("Ouvert jusqu’à 12h05", False, None)
    )


def test_christmas_2026_public_holiday_off() -> None:
    # Friday 25 December 2026: PH off, opens again on Monday the 28th.
    assert texts(WEEKDAYS_MO_FR, at(2026, 12, 25, 10)) == [
        "Fermé — jour férié (Noël) · ouvre lundi à 9h",
        "Gesloten — feestdag (Kerstmis) · opent maandag om 9u",
        "Closed — public holiday (Christmas Day) · opens Monday at 9 am",
    ]


def test_public_holiday_without_a_ph_rule_is_an_ordinary_day() -> None:
    assert texts("Mo-Fr 09:00-16:00", at(2026, 12, 25, 10)) == [
        "Ouvert jusqu’à 16h",
        "Geopend tot 16u",
        "Open until 4 pm",
    ]


def test_open_on_a_public_holiday_names_it() -> None:
    assert texts("Mo-Fr 09:00-16:00; PH 10:00-12:00", at(2026, 12, 25, 10)) == [
        "Ouvert jusqu’à 12h — jour férié (Noël)",
        "Geopend tot 12u — feestdag (Kerstmis)",
        "Open until 12 pm — public holiday (Christmas Day)",
    ]


def test_opens_later_today() -> None:
    assert texts(WEEKDAYS_MO_FR, at(2026, 12, 24, 7, 40)) == [
        "Fermé · ouvre à 9h",
        "Gesloten · opent om 9u",
        "Closed · opens at 9 am",
    ]


def test_opens_tomorrow() -> None:
    assert texts(WEEKDAYS_MO_FR, at(2026, 12, 23, 17)) == [
        "Fermé · ouvre demain à 9h",
        "Gesloten · opent morgen om 9u",
        "Closed · opens tomorrow at 9 am",
    ]


def test_opens_on_a_weekday_within_six_days() -> None:
    assert texts("Mo-Fr 09:30-16:00", at(2026, 11, 28, 10)) == [
        "Fermé · ouvre lundi à 9h30",
        "Gesloten · opent maandag om 9u30",
        "Closed · opens Monday at 9:30 am",
    ]


def test_opens_on_a_date_beyond_six_days() -> None:
    assert texts("Jan 01 10:00-12:00", at(2026, 12, 20, 10)) == [
        "Fermé · ouvre le 1er janvier à 10h",
        "Gesloten · opent op 1 januari om 10u",
        "Closed · opens on 1 January at 10 am",
    ]


def test_closure_with_its_reason_in_the_language() -> None:
    assert texts("Mo-Fr 09:00-16:00", at(2026, 12, 24, 10), (YEAR_END,)) == [
        "Fermé — Fermeture de fin d’année · ouvre le 4 janvier à 9h",
        "Gesloten — Eindejaarssluiting · opent op 4 januari om 9u",
        # No English reason is stored: the French one is shown.
        "Closed — Fermeture de fin d’année · opens on 4 January at 9 am",
    ]


def test_closure_without_reason() -> None:
    strike = (Closure(date(2026, 11, 23), date(2026, 11, 23)),)
    assert texts("Mo-Fr 09:00-16:00", at(2026, 11, 23, 10), strike) == [
        "Fermé — fermeture exceptionnelle · ouvre demain à 9h",
        "Gesloten — uitzonderlijke sluiting · opent morgen om 9u",
        "Closed — exceptional closure · opens tomorrow at 9 am",
    ]


def test_never_opens_within_a_year() -> None:
    assert texts("off", at(2026, 11, 23, 10)) == ["Fermé", "Gesloten", "Closed"]


def test_unknown_with_a_comment() -> None:
    value = 'Mo-Fr 09:00-12:00; Sa "sur rendez-vous"'
    assert texts(value, at(2026, 11, 28, 10)) == [
        "Horaires à vérifier\u00a0: sur rendez-vous · ouvre lundi à 9h",
        "Openingsuren na te vragen: sur rendez-vous · opent maandag om 9u",
        "Hours to be confirmed: sur rendez-vous · opens Monday at 9 am",
    ]


def test_unknown_without_a_comment() -> None:
    assert texts("Mo-Fr 09:00-12:00; Sa unknown", at(2026, 11, 28, 10)) == [
        "Horaires à vérifier · ouvre lundi à 9h",
        "Openingsuren na te vragen · opent maandag om 9u",
        "Hours to be confirmed · opens Monday at 9 am",
    ]
    assert texts(None, at(2026, 11, 28, 10)) == [
        "Horaires inconnus",
        "Openingsuren onbekend",
        "Hours unknown",
    ]


def test_open_past_midnight_until_midnight_and_always() -> None:
    assert texts("Mo-Fr 22:00-02:00", at(2026, 11, 27, 23)) == [
        "Ouvert jusqu’à demain 2h",
        "Geopend tot morgen 2u",
        "Open until tomorrow 2 am",
    ]
    assert [
        words("Mo-Fr 20:00-24:00", at(2026, 11, 27, 23, 45), lang) for lang in ("fr", "nl", "en")
    ] == [
        hours.OpeningWords("Ouvert jusqu’à minuit", True, "Ferme dans 15 min (minuit)"),
        hours.OpeningWords("Geopend tot middernacht", True, "Sluit binnen 15 min (middernacht)"),
        hours.OpeningWords("Open until midnight", True, "Closes in 15 min (midnight)"),
    ]
    assert texts("24/7", at(2026, 11, 27, 23)) == ["Ouvert 24h/24", "Altijd geopend", "Always open"]


def test_open_for_days_says_the_weekday() -> None:
    assert texts("Mo-Th 00:00-24:00", at(2026, 11, 23, 10)) == [
        "Ouvert jusqu’à jeudi minuit",
        "Geopend tot donderdag middernacht",
        "Open until Thursday midnight",
    ]


def test_closes_soon_counts_elapsed_time_in_the_autumn_repeated_hour() -> None:
    # 25 October 2026: 02:40 happens twice; the second time (+01:00) is 20 min before 03:00.
    second = words("Su 01:00-03:00", at(2026, 10, 25, 2, 40, fold=1), "fr")
    first = words("Su 01:00-03:00", at(2026, 10, 25, 2, 40, fold=0), "fr")
    assert second == hours.OpeningWords("Ouvert jusqu’à 3h", True, "Ferme dans 20 min (3h)")
    assert first == hours.OpeningWords("Ouvert jusqu’à 3h", False, None)


def test_spring_day_of_23_hours() -> None:
    # 28 March 2027: 02:00 becomes 03:00; 01:55 is 20 minutes of elapsed time before 03:15.
    assert words("Su 01:00-03:15", at(2027, 3, 28, 1, 55), "nl") == hours.OpeningWords(
        "Geopend tot 3u15", True, "Sluit binnen 20 min (3u15)"
    )
    assert texts("Mo-Fr 09:00-16:00", at(2027, 3, 28, 1, 30))[0] == "Fermé · ouvre demain à 9h"


def test_a_naive_instant_is_brussels_time() -> None:
    opening = hours.compute_opening(opening_hours=WEEKDAYS_MO_FR, at=at(2026, 12, 24, 15, 40))
    said = hours.describe_opening(opening, at=datetime(2026, 12, 24, 15, 40), lang="fr")
    assert said.warning == "Ferme dans 20 min (16h)"


@pytest.mark.parametrize(
    ("clock", "expected"),
    [
        (time(16, 0), ("16h", "16u", "4 pm")),
        (time(9, 30), ("9h30", "9u30", "9:30 am")),
        (time(12, 5), ("12h05", "12u05", "12:05 pm")),
        (time(0, 0), ("0h", "0u", "12 am")),
    ],
)
def test_clock_times(clock: time, expected: tuple[str, str, str]) -> None:
    said = tuple(format_clock(clock.hour, clock.minute, lang) for lang in ("fr", "nl", "en"))
    assert said == expected


# --- the typical week and the days ---------------------------------------------------------

SCHAERBEEK = "Mo-Th 08:00-12:05,12:50-16:30; Fr 08:00-12:05"


def rows(value: str | None, week_of: date, lang: Language) -> list[tuple[str, str, str]]:
    return [
        (r.day, r.label, r.text) for r in hours.describe_week(value, week_of=week_of, lang=lang)
    ]


def test_week_table_in_three_languages() -> None:
    split = "8h–12h05, 12h50–16h30"
    assert rows(SCHAERBEEK, date(2026, 11, 25), "fr") == [
        ("monday", "lundi", split),
        ("tuesday", "mardi", split),
        ("wednesday", "mercredi", split),
        ("thursday", "jeudi", split),
        ("friday", "vendredi", "8h–12h05"),
        ("saturday", "samedi", "Fermé"),
        ("sunday", "dimanche", "Fermé"),
    ]
    dutch = rows(SCHAERBEEK, date(2026, 11, 25), "nl")
    assert dutch[0] == ("monday", "maandag", "8u–12u05, 12u50–16u30")
    assert dutch[6] == ("sunday", "zondag", "Gesloten")
    english = rows(SCHAERBEEK, date(2026, 11, 25), "en")
    assert english[0] == ("monday", "Monday", "8 am – 12:05 pm, 12:50 pm – 4:30 pm")
    assert english[5] == ("saturday", "Saturday", "Closed")


def test_typical_week_skips_weeks_with_a_public_holiday() -> None:
    # The week of Christmas (Fri 25) and the next (Fri 1 January) have one: 4 January 2027.
    assert typical_monday(date(2026, 12, 23)) == date(2027, 1, 4)
    assert typical_monday(date(2026, 11, 29)) == date(2026, 11, 23)
    friday = rows(WEEKDAYS_MO_FR, date(2026, 12, 23), "fr")[4]
    assert friday == ("friday", "vendredi", "9h–16h")


def test_week_hours_past_midnight_show_on_the_day_they_start() -> None:
    week = rows("Fr 22:00-02:00; Su 21:00-01:30", date(2026, 11, 23), "fr")
    assert [text for _, _, text in week] == [
        "Fermé",
        "Fermé",
        "Fermé",
        "Fermé",
        "22h–2h",
        "Fermé",
        "21h–1h30",
    ]


def test_week_comments_unknowns_and_whole_days() -> None:
    value = (
        'Mo-Fr 09:00-12:00, Mo 13:00-16:00 "sur rendez-vous", We 14:00-16:00 unknown; '
        'Sa "sur rendez-vous"; Su 00:00-24:00'
    )
    week = [text for _, _, text in rows(value, date(2026, 11, 23), "fr")]
    assert week[0] == "9h–12h, 13h–16h (sur rendez-vous)"
    assert week[2] == "9h–12h, 14h–16h (à vérifier)"
    assert week[5] == "sur rendez-vous"
    assert week[6] == "24h/24"
    assert [text for _, _, text in rows(value, date(2026, 11, 23), "nl")][2] == (
        "9u–12u, 14u–16u (na te vragen)"
    )


def test_week_of_unknown_hours_is_empty() -> None:
    assert hours.describe_week(None, week_of=date(2026, 11, 23), lang="fr") == []
    assert hours.describe_week("  ", week_of=date(2026, 11, 23), lang="fr") == []


def test_calendar_days_with_holidays_and_closures() -> None:
    end_of_year = (Closure(date(2026, 12, 28), date(2026, 12, 31), "Fermeture de fin d’année"),)
    days = hours.calendar(
        opening_hours=WEEKDAYS_MO_FR, start=date(2026, 12, 24), days=9, closures=end_of_year
    )
    lines = [(d.label, d.text, d.exception) for d in hours.describe_days(days, lang="fr")]
    assert lines[:2] == [
        ("jeudi 24 décembre", "9h–16h", False),
        ("vendredi 25 décembre", "Fermé — jour férié (Noël)", True),
    ]
    assert lines[2] == ("samedi 26 décembre", "Fermé", False)
    assert lines[4] == ("lundi 28 décembre", "Fermé — Fermeture de fin d’année", True)
    assert lines[8] == ("vendredi 1er janvier", "Fermé — jour férié (Nouvel An)", True)
    dutch = hours.describe_day(days[1], lang="nl")
    assert (dutch.label, dutch.text) == ("vrijdag 25 december", "Gesloten — feestdag (Kerstmis)")
    english = hours.describe_day(days[4], lang="en")
    assert (english.label, english.text) == (
        "Monday 28 December",
        "Closed — Fermeture de fin d’année",
    )


def test_calendar_day_open_on_a_public_holiday() -> None:
    days = hours.calendar(opening_hours="Mo-Fr 09:00-16:00", start=date(2026, 12, 25), days=1)
    assert hours.describe_day(days[0], lang="fr").text == "9h–16h — jour férié (Noël)"
    days = hours.calendar(
        opening_hours="Mo-Fr 09:00-16:00; PH 10:00-12:00", start=date(2026, 12, 25), days=1
    )
    assert hours.describe_day(days[0], lang="en").text == (
        "10 am – 12 pm — public holiday (Christmas Day)"
    )


# --- the language ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "header", "expected"),
    [
        (None, None, "fr"),
        (None, "", "fr"),
        (None, "nl-BE,nl;q=0.9,fr;q=0.8", "nl"),
        (None, "nl-BE", "nl"),
        (None, "de-DE,de;q=0.9", "fr"),
        (None, "de, en;q=0.5", "en"),
        (None, "fr;q=0.3, en;q=0.7", "en"),
        (None, "nl;q=0, en;q=0.1", "en"),
        (None, "nl;q=0", "fr"),
        (None, "*", "fr"),
        (None, "EN-gb", "en"),
        (None, "nl;q=abc, en", "en"),
        ("nl", "en", "nl"),
        ("en", "nl-BE", "en"),
        ("NL", None, "nl"),
        ("de", "nl", "nl"),
    ],
)
def test_negotiate_language(lang: str | None, header: str | None, expected: str) -> None:
    assert negotiate_language(lang, header) == expected


def test_accept_language_is_sorted_by_quality_then_order() -> None:
    assert parse_accept_language("en;q=0.5, nl-BE, fr;q=0.8, de_DE, *;q=0.1") == [
        "nl-BE",
        "de-DE",
        "fr",
        "en",
    ]


@pytest.mark.parametrize("lang", ["fr", "nl", "en"])
def test_said_alike_within_a_minute_holds_at_every_second(lang: Language) -> None:
    # Closings from 10 s to 40 min after the minute's start, in steps of 10 s: where
    # said_alike_within says so, every instant of the minute gets the same words; it says
    # so for every closing beyond 31 minutes (the memo of the nearest index relies on both).
    minute = datetime(2026, 11, 23, 15, 0, tzinfo=BRUSSELS)
    alike = []
    for step in range(1, 241):
        closes_at = minute + timedelta(seconds=10 * step)
        opening = hours.Opening(hours.OpeningState.OPEN, closes_at, None, None)
        if not hours.said_alike_within(opening, minute):
            continue
        alike.append(step)
        said = {
            hours.describe_opening(opening, at=minute + timedelta(seconds=s), lang=lang)
            for s in (0, 1, 30, 59, 59.999)
        }
        assert len(said) == 1, (closes_at, said)
    assert alike == list(range(187, 241))  # from 31 min 10 s on


def test_said_alike_within_a_minute_closed_and_unknown() -> None:
    minute = datetime(2026, 11, 23, 23, 59, tzinfo=BRUSSELS)
    for opening in (
        hours.Opening(hours.OpeningState.CLOSED, None, minute + timedelta(hours=9), None),
        hours.Opening(hours.OpeningState.UNKNOWN, None, None, "sur rendez-vous"),
    ):
        assert hours.said_alike_within(opening, minute)
        said = {
            hours.describe_opening(opening, at=minute + timedelta(seconds=s), lang="fr")
            for s in (0, 59.999)
        }
        assert len(said) == 1
