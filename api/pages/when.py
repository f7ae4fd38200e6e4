"""When the person will go: the pages answer for now or for a time the worker chooses (later
today, tomorrow morning, a date and time), carried in the URL as ``at`` like the API, so that
a search can be shared and printed for that time."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from pydantic import TypeAdapter, ValidationError

from api.clock import IsoDateTime
from api.hours import to_brussels
from api.hours.words import format_clock, format_day_month, weekday_name
from api.i18n import Language
from api.pages.views import gettext_for

_AT = TypeAdapter(IsoDateTime)

MORNING = time(9, 0)
""""Tomorrow morning": when most counters have opened (9:00, Europe/Brussels)."""

AFTERNOON = time(14, 0)
""""This afternoon": after the lunch break most counters take (14:00)."""


@dataclass(frozen=True, slots=True)
class When:
    """The instant the page answers for (aware, Europe/Brussels), whether the worker chose it
    (``chosen``; else it is ``now``), the value of the ``at`` field as typed (``text``, empty
    for now), and why a typed value could not be used (``error``, in the page's language)."""

    at: datetime
    now: datetime
    chosen: bool
    text: str
    error: str | None = None


def read_when(params: Mapping[str, str], *, now: datetime, lang: Language) -> When:
    """The instant of ``at`` in the query string (ISO 8601 as the API reads it, also the
    ``YYYY-MM-DDTHH:MM`` of a datetime-local field; without an offset it is Brussels time),
    else ``now``. A value that does not parse, or is out of range, gives ``now`` and an
    ``error`` to show, never an exception."""
    raw = params.get("at", "").strip()[:40]
    if not raw:
        return When(now, now, False, "")
    try:
        at = to_brussels(_AT.validate_python(raw))
    except ValidationError:
        _ = gettext_for(lang)
        error = _("The time could not be read: write it as 2026-12-08T09:30.")
        return When(now, now, False, raw, error)
    return When(at, now, True, at.strftime("%Y-%m-%dT%H:%M"))


def when_text(at: datetime, lang: Language) -> str:
    """An instant as a person says it: "mardi 8 décembre à 9h30" ("dinsdag 8 december om
    9u30", "Tuesday 8 December at 9:30 am")."""
    local = to_brussels(at)
    _ = gettext_for(lang)
    return _("%(day)s at %(time)s") % {
        "day": f"{weekday_name(local.weekday(), lang)} {format_day_month(local.date(), lang)}",
        "time": format_clock(local.hour, local.minute, lang),
    }


def when_choices(now: datetime, *, lang: Language) -> list[tuple[str, str]]:
    """Quick choices besides "now", as (``at`` value, label): this afternoon (before 14:00),
    tomorrow morning, and Monday morning from Friday on."""
    _ = gettext_for(lang)
    local = to_brussels(now)
    today = local.date()
    choices: list[tuple[str, str]] = []
    if local.time() < AFTERNOON:
        choices.append((f"{today.isoformat()}T14:00", _("This afternoon (2 pm)")))
    tomorrow = today + timedelta(days=1)
    choices.append((f"{tomorrow.isoformat()}T09:00", _("Tomorrow morning (9 am)")))
    if today.weekday() >= 4:  # Friday to Sunday: the next working morning is a Monday
        monday = today + timedelta(days=7 - today.weekday())
        if monday != tomorrow:
            choices.append((f"{monday.isoformat()}T09:00", _("Monday morning (9 am)")))
    return choices
