"""The ten Belgian national public holidays (what ``PH`` means here) and their names.

Which days: opening_hours.js ``src/holidays/be.yaml`` (ODbL-1.0, citing emploi.belgique.be),
summarised in ``seed/data/be_public_holidays.md``. Names in French, Dutch and English: the
``holidays`` package (``holidays.country_holidays("BE", language=...)``), restricted to those ten
days: that package also lists Easter Sunday and Whit Sunday, which opening_hours.js does not
count as ``PH`` (they are Sundays, not days off added by law).
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays

# (month, day) for fixed dates, or None with an offset in days from Easter Sunday; the last item
# is the name opening_hours.js 3.15 gives as the comment of a matching ``PH`` rule.
_BE_PUBLIC_HOLIDAYS: tuple[tuple[tuple[int, int] | None, int, str], ...] = (
    ((1, 1), 0, "Nieuwjaar - Nouvel An"),
    (None, 1, "Paasmaandag - Lundi de Pâques"),
    ((5, 1), 0, "Dag van de Arbeid - Fête du travail"),
    (None, 39, "Hemelvaartsdag - Ascension"),
    (None, 50, "Pinkstermaandag - Lundi de Pentecôte"),
    ((7, 21), 0, "Nationale feestdag - Fête nationale"),
    ((8, 15), 0, "Tenhemelopneming - Assomption"),
    ((11, 1), 0, "Allerheiligen - Toussaint"),
    ((11, 11), 0, "Wapenstilstand - Armistice"),
    ((12, 25), 0, "Kerstmis - Noël"),
)

# Languages of ``public_holiday`` names -> ``holidays`` language codes.
_LANGUAGES = {"fr": "fr", "nl": "nl", "en": "en_US"}


@lru_cache(maxsize=256)
def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday of ``year`` (anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=256)
def _js_public_holidays(year: int) -> dict[date, str]:
    easter = easter_sunday(year)
    out: dict[date, str] = {}
    for fixed, offset, name in _BE_PUBLIC_HOLIDAYS:
        day = date(year, *fixed) if fixed is not None else easter + timedelta(days=offset)
        out[day] = name
    return out


def js_public_holiday_name(day: date) -> str | None:
    """The name opening_hours.js gives ``day`` when it is one of the ten Belgian public
    holidays ("Kerstmis - Noël"), else None. opening_hours.js returns it as the comment of a
    ``PH`` rule that matches without a comment of its own."""
    return _js_public_holidays(day.year).get(day)


@lru_cache(maxsize=64)
def _names(year: int, language: str) -> dict[date, str]:
    return dict(holidays.country_holidays("BE", years=year, language=language).items())


def public_holiday(day: date) -> dict[str, str] | None:
    """``{"fr": ..., "nl": ..., "en": ...}``, the names of the Belgian national public holiday
    on the local date ``day`` (e.g. ``{"fr": "Noël", "nl": "Kerstmis", "en": "Christmas Day"}``),
    or None when ``day`` is not one of the ten ``PH`` days (Easter Sunday and Whit Sunday are
    not, as in opening_hours.js). Names come from the ``holidays`` package; a language it has
    no name for falls back to the opening_hours.js name. Raises nothing."""
    js_name = js_public_holiday_name(day)
    if js_name is None:
        return None
    return {ours: _names(day.year, theirs).get(day, js_name) for ours, theirs in _LANGUAGES.items()}
