"""Schedules in words, day by day: the typical week ("lundi: 9h–12h, 13h30–16h") and the
line of one concrete calendar day ("vendredi 25 décembre: Fermé — jour férié (Noël)").

Pure: no web framework, no database, no clock. Words and times as in ``api.hours.words``.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import NamedTuple

from api.hours.calendar import CalendarDay, calendar
from api.hours.public_holidays import js_public_holiday_name
from api.hours.types import Coordinates, Interval, OpeningState
from api.hours.words import (
    MIDNIGHT,
    PHRASES,
    REASON,
    WEEKDAYS,
    Weekday,
    closure_words,
    format_clock,
    format_day_month,
    holiday_words,
    weekday_name,
)
from api.i18n import Language

# A week with a public holiday is skipped for the next; no eight weeks in a row have one.
_WEEKS_TRIED = 8


@dataclass(frozen=True, slots=True)
class WeekRow:
    """One day of the typical week: ``day`` its id ("monday"), ``label`` its name in the
    language ("lundi"), ``text`` its hours ("9h–12h, 13h30–16h", "Fermé", a comment)."""

    day: Weekday
    label: str
    text: str


@dataclass(frozen=True, slots=True)
class DayLine:
    """One concrete day in words: ``day``, ``label`` ("vendredi 25 décembre"), ``text`` its
    hours or why it is closed ("Fermé — jour férié (Noël)"), and ``exception``: True when a
    public holiday or a closure falls on it (pages highlight those)."""

    day: date
    label: str
    text: str
    exception: bool


class _Piece(NamedTuple):
    """A stretch of one day in wall times; ``end`` None is the end of the day (24:00)."""

    start: time
    end: time | None
    state: OpeningState
    comment: str | None


def typical_monday(week_of: date) -> date:
    """The Monday of the week of ``week_of``, or of the first week after it without one of
    the ten Belgian public holidays (so that ``PH`` rules do not show in a typical week)."""
    monday = week_of - timedelta(days=week_of.weekday())
    for _ in range(_WEEKS_TRIED):
        if all(js_public_holiday_name(monday + timedelta(days=n)) is None for n in range(7)):
            return monday
        monday += timedelta(days=7)
    return monday  # pragma: no cover - public holidays are never eight weeks in a row


def typical_week(
    opening_hours: str | None, *, week_of: date, coordinates: Coordinates | None = None
) -> list[CalendarDay]:
    """The seven ``CalendarDay`` of the typical week (Monday to Sunday) of ``week_of``: its
    own week or the first following one without a public holiday (``typical_monday``), no
    closures. Seasonal rules (``Jul-Aug``) read as in that week. ``coordinates``: the
    place's ``(lat, lon)``, for sunrise, sunset, dawn and dusk (see ``calendar``)."""
    return calendar(
        opening_hours=opening_hours,
        start=typical_monday(week_of),
        days=7,
        coordinates=coordinates,
    )


def _pieces(intervals: Sequence[Interval], day: date) -> list[_Piece]:
    # The holiday's name as a comment is said once for the day, not after each interval.
    holiday = js_public_holiday_name(day)
    return [
        _Piece(
            interval.start.time(),
            None if interval.end.date() > day else interval.end.time(),
            interval.state,
            None if interval.comment == holiday else interval.comment,
        )
        for interval in intervals
    ]


def _runs_on(before: _Piece, after: _Piece) -> bool:
    """Whether ``after`` (from 00:00) continues ``before`` (to 24:00) past midnight."""
    return (
        before.end is None
        and before.start != MIDNIGHT
        and after.start == MIDNIGHT
        and after.end is not None
        and (before.state, before.comment) == (after.state, after.comment)
    )


def _piece_text(piece: _Piece, lang: Language) -> str:
    phrases = PHRASES[lang]
    if piece.start == MIDNIGHT and piece.end is None:
        if piece.state is not OpeningState.OPEN:
            return piece.comment or phrases["check"].capitalize()
        hours = phrases["all_day"]
    else:
        end = (
            phrases["day_end"]
            if piece.end is None
            else format_clock(piece.end.hour, piece.end.minute, lang)
        )
        start = format_clock(piece.start.hour, piece.start.minute, lang)
        hours = phrases["range"].format(start=start, end=end)
    if piece.comment:
        return f"{hours} ({piece.comment})"
    if piece.state is not OpeningState.OPEN:
        return f"{hours} ({phrases['check']})"
    return hours


def _describe_pieces(pieces: Sequence[_Piece], lang: Language) -> str:
    if not pieces:
        return PHRASES[lang]["closed"]
    return ", ".join(_piece_text(piece, lang) for piece in pieces)


def describe_intervals(intervals: Sequence[Interval], *, day: date, lang: Language) -> str:
    """The OPEN and UNKNOWN ``intervals`` of the local day ``day`` (as in ``CalendarDay``):
    "9h–12h, 13h30–16h"; an UNKNOWN one carries its comment ("13h–16h (sur rendez-vous)") or
    "(à vérifier)"; a whole day is "24h/24" when open and its comment when unknown; an
    interval that runs to midnight ends at "24h"; none is "Fermé"."""
    return _describe_pieces(_pieces(intervals, day), lang)


def describe_week(
    opening_hours: str | None,
    *,
    week_of: date,
    lang: Language,
    coordinates: Coordinates | None = None,
) -> list[WeekRow]:
    """The typical week of ``week_of`` in words (see ``typical_week``), Monday to Sunday: each
    day's hours as ``describe_intervals`` writes them, except that hours running past
    midnight show once, on the day they start ("ven. 22h–2h", not "sam. 0h–2h"). An empty or
    None schedule gives no rows (say "Horaires inconnus" instead of a table of unknowns).
    ``coordinates``: the place's ``(lat, lon)``, for sunrise, sunset, dawn and dusk."""
    if opening_hours is None or not opening_hours.strip():
        return []
    monday = typical_monday(week_of)
    # One day either side, to see hours that run past midnight into or out of the week.
    around = calendar(
        opening_hours=opening_hours,
        start=monday - timedelta(days=1),
        days=9,
        coordinates=coordinates,
    )
    days = [_pieces(d.intervals, d.day) for d in around]
    rows: list[WeekRow] = []
    for n in range(1, 8):
        pieces = list(days[n])
        if pieces and days[n - 1] and _runs_on(days[n - 1][-1], pieces[0]):
            pieces.pop(0)
        if pieces and days[n + 1] and _runs_on(pieces[-1], days[n + 1][0]):
            pieces[-1] = pieces[-1]._replace(end=days[n + 1][0].end)
        rows.append(
            WeekRow(WEEKDAYS[n - 1], weekday_name(n - 1, lang), _describe_pieces(pieces, lang))
        )
    return rows


def _not_known(day: CalendarDay) -> bool:
    """Whether nothing at all is known of the day: one UNKNOWN stretch, without a comment,
    from midnight to midnight (hours not known, see ``calendar``)."""
    if len(day.intervals) != 1:
        return False
    (only,) = day.intervals
    return (
        only.state is OpeningState.UNKNOWN
        and only.comment is None
        and only.start.time() == MIDNIGHT
        and only.end.date() > day.day
    )


def describe_day(day: CalendarDay, *, lang: Language) -> DayLine:
    """One concrete ``CalendarDay`` (from ``calendar``, closures applied) in words: its hours
    (``describe_intervals``), or "Fermé — {reason}" on a closure day, and on a public holiday
    " — jour férié (Noël)" after its hours or "Fermé — jour férié (Noël)" without any; a day
    of which nothing is known says so and to call ("Horaires inconnus : appelez avant de vous
    déplacer"), never "Fermé". The label is the weekday and the date ("vendredi 25 décembre")."""
    phrases = PHRASES[lang]
    label = f"{weekday_name(day.day.weekday(), lang)} {format_day_month(day.day, lang)}"
    holiday = holiday_words(day.day, lang)
    if day.closure is not None:
        text = phrases["closed"] + REASON + closure_words(day.closure, lang)
    elif not day.intervals and holiday is not None:
        text = phrases["closed"] + REASON + holiday
    elif _not_known(day):
        text = phrases["unknown_call"] + (REASON + holiday if holiday is not None else "")
    else:
        text = _describe_pieces(_pieces(day.intervals, day.day), lang)
        if holiday is not None:
            text += REASON + holiday
    return DayLine(day.day, label, text, day.closure is not None or holiday is not None)


def describe_days(days: Sequence[CalendarDay], *, lang: Language) -> list[DayLine]:
    """``describe_day`` for each of ``days`` (e.g. the next 14 days of ``calendar``)."""
    return [describe_day(day, lang=lang) for day in days]
