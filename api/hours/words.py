"""Opening hours in words, in French, Dutch and English: the state at an instant as a short
sentence ("Ouvert jusqu’à 16h", "Fermé · ouvre lundi à 9h") and the clock times they use.

Pure: no web framework, no database, no clock. Day and month names come from CLDR through
Babel (``fr_BE``, ``nl_BE``, ``en_GB``, see ``api.i18n``); times are Babel patterns in the
forms Belgian services write, which CLDR's own short formats ("16:00") are not:

- French: ``16h``, ``9h30`` (``H'h'mm``); a closing at midnight is "minuit".
- Dutch: ``16u``, ``9u30`` (``H'u'mm``, the Flemish service form, as the French); "middernacht".
- English: 12-hour, ``4 pm``, ``4:30 pm`` (``h:mm a``), as English readers, who are not from
  here, expect; "midnight".

Typography: the apostrophe is ’ (U+2019), an em dash — sets off a reason, a middle dot ·
joins the state and the next opening, an en dash – joins the two ends of a range, and French
puts a no-break space (U+00A0) before a colon.
"""

import math
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Literal, NamedTuple, get_args

from babel.dates import format_date, format_time, get_day_names

from api.hours.closures import closure_on
from api.hours.public_holidays import js_public_holiday_name, public_holiday
from api.hours.timezone import BRUSSELS, to_brussels
from api.hours.types import Closure, Opening, OpeningState
from api.i18n import Language, babel_locale

CLOSES_SOON = timedelta(minutes=30)
"""An open place that closes within this elapsed time gets ``closes_soon`` and a warning."""

Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
"""A day of the week as the API names it."""

WEEKDAYS: tuple[Weekday, ...] = get_args(Weekday)
"""Day ids, Monday first (``date.weekday()`` order)."""

MIDNIGHT = time(0)

PHRASES: dict[Language, dict[str, str]] = {
    "fr": {
        "until_today": "Ouvert jusqu’à {time}",
        "until_tomorrow": "Ouvert jusqu’à demain {time}",
        "until_weekday": "Ouvert jusqu’à {day} {time}",
        "until_date": "Ouvert jusqu’au {date} {time}",
        "always": "Ouvert 24h/24",
        "opens_today": "ouvre à {time}",
        "opens_tomorrow": "ouvre demain à {time}",
        "opens_weekday": "ouvre {day} à {time}",
        "opens_date": "ouvre le {date} à {time}",
        "closes_in": "Ferme dans {minutes} min ({time})",
        "closed": "Fermé",
        "holiday": "jour férié ({name})",
        "closure": "fermeture exceptionnelle",
        "unknown": "Horaires inconnus",
        "unknown_call": "Horaires inconnus\u00a0: appelez avant de vous déplacer",
        "to_check": "Horaires à vérifier",
        "to_check_comment": "Horaires à vérifier\u00a0: {comment}",
        "check": "à vérifier",
        "midnight": "minuit",
        "day_end": "24h",
        "all_day": "24h/24",
        "range": "{start}–{end}",
        "hour": "H'h'",
        "hour_minute": "H'h'mm",
    },
    "nl": {
        "until_today": "Geopend tot {time}",
        "until_tomorrow": "Geopend tot morgen {time}",
        "until_weekday": "Geopend tot {day} {time}",
        "until_date": "Geopend tot {date} {time}",
        "always": "Altijd geopend",
        "opens_today": "opent om {time}",
        "opens_tomorrow": "opent morgen om {time}",
        "opens_weekday": "opent {day} om {time}",
        "opens_date": "opent op {date} om {time}",
        "closes_in": "Sluit binnen {minutes} min ({time})",
        "closed": "Gesloten",
        "holiday": "feestdag ({name})",
        "closure": "uitzonderlijke sluiting",
        "unknown": "Openingsuren onbekend",
        "unknown_call": "Openingsuren onbekend: bel voor u gaat",
        "to_check": "Openingsuren na te vragen",
        "to_check_comment": "Openingsuren na te vragen: {comment}",
        "check": "na te vragen",
        "midnight": "middernacht",
        "day_end": "24u",
        "all_day": "24u/24",
        "range": "{start}–{end}",
        "hour": "H'u'",
        "hour_minute": "H'u'mm",
    },
    "en": {
        "until_today": "Open until {time}",
        "until_tomorrow": "Open until tomorrow {time}",
        "until_weekday": "Open until {day} {time}",
        "until_date": "Open until {date} {time}",
        "always": "Always open",
        "opens_today": "opens at {time}",
        "opens_tomorrow": "opens tomorrow at {time}",
        "opens_weekday": "opens {day} at {time}",
        "opens_date": "opens on {date} at {time}",
        "closes_in": "Closes in {minutes} min ({time})",
        "closed": "Closed",
        "holiday": "public holiday ({name})",
        "closure": "exceptional closure",
        "unknown": "Hours unknown",
        "unknown_call": "Hours not known: call before going",
        "to_check": "Hours to be confirmed",
        "to_check_comment": "Hours to be confirmed: {comment}",
        "check": "to be confirmed",
        "midnight": "midnight",
        "day_end": "midnight",
        "all_day": "24 hours",
        "range": "{start} – {end}",
        "hour": "h a",
        "hour_minute": "h:mm a",
    },
}
"""Every sentence part, per language (``{...}`` are ``str.format`` fields; ``hour`` and
``hour_minute`` are Babel time patterns). Templates may use it for their own labels."""

REASON = " — "
NEXT = " · "


class OpeningWords(NamedTuple):
    """An ``Opening`` in words. ``text``: the state as one sentence ("Ouvert jusqu’à 16h",
    "Fermé — jour férié (Noël) · ouvre lundi à 9h"); ``closes_soon``: open and closing within
    ``CLOSES_SOON`` (30 min of elapsed time); ``warning``: then, a sentence saying so ("Ferme
    dans 20 min (16h)"), else None."""

    text: str
    closes_soon: bool
    warning: str | None


@lru_cache(maxsize=4096)
def format_clock(hour: int, minute: int, lang: Language) -> str:
    """A wall time as Belgian services write it: ``16h``/``9h30`` (fr), ``16u``/``9u30``
    (nl), ``4 pm``/``9:30 am`` (en). ``hour`` 0-23, ``minute`` 0-59 (seconds are never
    shown: schedules are in whole minutes). Raises ValueError out of range."""
    pattern = PHRASES[lang]["hour_minute" if minute else "hour"]
    return format_time(time(hour, minute), pattern, locale=babel_locale(lang))


@lru_cache(maxsize=len(WEEKDAYS) * 3)
def weekday_name(weekday: int, lang: Language) -> str:
    """The CLDR name of a weekday (0 = Monday): "lundi", "maandag", "Monday"."""
    return str(get_day_names("wide", locale=babel_locale(lang))[weekday])


@lru_cache(maxsize=2048)
def format_day_month(day: date, lang: Language) -> str:
    """A date without its year, as CLDR writes it: "5 janvier" (the 1st is "1er janvier" in
    French), "5 januari", "5 January"."""
    text = format_date(day, "d MMMM", locale=babel_locale(lang))
    return "1er" + text[1:] if lang == "fr" and day.day == 1 else text


def _local(instant: datetime) -> datetime:
    # The engine and the API already give Brussels datetimes: skip the round trip through UTC.
    return instant if instant.tzinfo is BRUSSELS else to_brussels(instant)


def _clock_phrase(day: date, clock: time, lang: Language, *, closing: bool) -> tuple[date, str]:
    """(The day it belongs to, the time in words): a closing at 00:00 is midnight at the end
    of the day before."""
    if closing and clock == MIDNIGHT:
        return day - timedelta(days=1), PHRASES[lang]["midnight"]
    return day, format_clock(clock.hour, clock.minute, lang)


def _when(instant: datetime, today: date, lang: Language, prefix: str) -> str:
    """``instant`` relative to the local day ``today``: today, tomorrow, a weekday within six
    days, else the date; through the templates ``{prefix}_today`` ... ``{prefix}_date``."""
    local = _local(instant)
    return _relative(local.date(), local.time(), today, lang, prefix)


# Every answer of a query says the same few instants ("until 16h") relative to the same day.
@lru_cache(maxsize=4096)
def _relative(day: date, clock: time, today: date, lang: Language, prefix: str) -> str:
    day, words = _clock_phrase(day, clock, lang, closing=prefix == "until")
    ahead = (day - today).days
    phrases = PHRASES[lang]
    if ahead <= 0:
        return phrases[f"{prefix}_today"].format(time=words)
    if ahead == 1:
        return phrases[f"{prefix}_tomorrow"].format(time=words)
    if ahead <= 6:
        return phrases[f"{prefix}_weekday"].format(
            day=weekday_name(day.weekday(), lang), time=words
        )
    return phrases[f"{prefix}_date"].format(date=format_day_month(day, lang), time=words)


def holiday_words(day: date, lang: Language) -> str | None:
    """ "jour férié (Noël)", "feestdag (Kerstmis)", "public holiday (Christmas Day)" when
    ``day`` is one of the ten Belgian public holidays (``public_holiday``), else None."""
    names = public_holiday(day)
    return None if names is None else PHRASES[lang]["holiday"].format(name=names[lang])


def closure_words(closure: Closure, lang: Language) -> str:
    """Why a closure closes, in ``lang``: the Dutch reason in Dutch when there is one, else the
    French one (the only one stored for English); "fermeture exceptionnelle" without any."""
    reason = closure.reason_nl if lang == "nl" and closure.reason_nl else closure.reason
    return reason or PHRASES[lang]["closure"]


def comment_words(comment: str | None, day: date, lang: Language) -> str | None:
    """A rule's comment as shown: the name opening_hours.js gives a public holiday ("Kerstmis
    - Noël") becomes ``holiday_words``; any other comment is shown as written (in the
    language of the source, usually French)."""
    if comment is not None and comment == js_public_holiday_name(day):
        return holiday_words(day, lang)
    return comment


def said_alike_within(opening: Opening, minute: datetime) -> bool:
    """Whether ``describe_opening`` says ``opening`` in the same words at every instant of
    the minute that starts at ``minute`` (aware): the day is the same all minute, and only
    ``closes_soon`` counts from the instant itself (minutes left to a closing within
    ``CLOSES_SOON``), so an opening that closes later than that plus a minute is said alike."""
    if opening.state is not OpeningState.OPEN or opening.closes_at is None:
        return True
    left = opening.closes_at.astimezone(UTC) - minute.astimezone(UTC)
    return left > CLOSES_SOON + timedelta(minutes=1)


def describe_opening(
    opening: Opening, *, at: datetime, lang: Language, closures: Sequence[Closure] = ()
) -> OpeningWords:
    """``opening`` (as ``compute_opening`` gave it for ``at`` and ``closures``) in words.

    ``at`` is the instant it was computed for (aware; naive is Brussels local time): days are
    said relative to its local day (today, tomorrow, a weekday up to six days ahead, else the
    date) and ``closes_soon`` is measured from it in elapsed time (the autumn's repeated hour
    counts once). ``closures`` tells a closure day from a closed rule with a comment.

    - open: "Ouvert jusqu’à 16h" (past midnight: "jusqu’à demain 2h"; a closing at 00:00 is
      "minuit"), "Ouvert 24h/24" when it does not close within a year; a comment follows
      after " — " (a public holiday's name as "jour férié (Noël)").
    - closed: "Fermé", then " — " and why (the closure's reason, the public holiday, the
      rule's comment), then " · " and when it opens next ("ouvre demain à 9h"), if it does
      within a year.
    - unknown: "Horaires à vérifier : {comment}" or, without a comment, "Horaires à vérifier"
      when it opens later and "Horaires inconnus" when it never does; then when it opens.

    Raises nothing for the values ``compute_opening`` returns.
    """
    local = _local(at)
    today = local.date()
    phrases = PHRASES[lang]
    note = comment_words(opening.comment, today, lang)
    if opening.state is OpeningState.OPEN:
        if opening.closes_at is None:
            text = phrases["always"]
        else:
            text = _when(opening.closes_at, today, lang, "until")
        if note:
            text += REASON + note
        return OpeningWords(text, *_closes_soon(opening.closes_at, local, lang))
    if opening.state is OpeningState.CLOSED:
        closure = closure_on(today, closures)
        reason = closure_words(closure, lang) if closure is not None else note
        text = phrases["closed"] + (REASON + reason if reason else "")
    elif note:
        text = phrases["to_check_comment"].format(comment=note)
    else:
        text = phrases["to_check" if opening.next_opens_at is not None else "unknown"]
    if opening.next_opens_at is not None:
        text += NEXT + _when(opening.next_opens_at, today, lang, "opens")
    return OpeningWords(text, False, None)


def _closes_soon(
    closes_at: datetime | None, at: datetime, lang: Language
) -> tuple[bool, str | None]:
    if closes_at is None:
        return False, None
    # Through UTC: subtracting datetimes that share a ZoneInfo gives wall-clock time.
    left = closes_at.astimezone(UTC) - at.astimezone(UTC)
    if not timedelta(0) < left <= CLOSES_SOON:
        return False, None
    minutes = math.ceil(left.total_seconds() / 60)
    local = _local(closes_at)
    _, clock = _clock_phrase(local.date(), local.time(), lang, closing=True)
    return True, PHRASES[lang]["closes_in"].format(minutes=minutes, time=clock)
