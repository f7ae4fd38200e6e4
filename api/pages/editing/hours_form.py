"""The hours editor of the access point form: the week grid and the raw OSM value, read from
the posted form, and the next 14 days in words.

Both the grid and the raw field are posted; the radio ``hours_source`` says which one is
saved (``grid`` or ``raw``): the grid is chosen when the stored value can be shown in it
(``api.hours.grid.grid_from_value``), else the raw field. The saved value is validated by
opening_hours.js like every write (``api.hours.validate_opening_hours``, country BE).

Field names (all start with ``hours_``): ``hours_source``, ``hours_raw``, ``hours_ph_off``,
``hours_mo_1_opens`` / ``hours_mo_1_closes`` ... ``hours_su_3_closes`` (day code, range 1 to
``MAX_RANGES``), and the submit button ``hours_preview``. A closing time of 00:00 is midnight
(24:00): time inputs cannot say 24:00.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from api.hours import Closure, Coordinates, DayLine, InvalidOpeningHours, calendar, describe_days
from api.hours.grid import (
    DAY_CODES,
    DAY_MINUTES,
    MAX_RANGES,
    GridProblem,
    GridProblemKind,
    TimeRange,
    WeekGrid,
    grid_from_value,
    grid_problems,
    grid_to_value,
)
from api.hours.validation import validate_opening_hours
from api.i18n import Language
from api.pages.editing.hours_view import (
    GridView,
    Source,
    cell_names,
    cell_text,
    grid_rows,
    grid_view,
)
from api.pages.views import Translate, gettext_for

SOURCE_FIELD = "hours_source"
RAW_FIELD = "hours_raw"
HOLIDAYS_FIELD = "hours_ph_off"
PREVIEW_FIELD = "hours_preview"
VALUE_ERRORS = "opening_hours"
"""Errors on the value as a whole (also where the access point model's own errors go)."""

PREVIEW_DAYS = 14

DayPreview = DayLine
"""One day of the preview: ``label`` ("lundi 7 décembre"), ``text`` ("9h–12h, 13h–16h",
"Fermé — jour férié (Noël)"), ``exception`` (a public holiday or a closure)."""

# 9, 09, 9:00, 09:00, 9h, 9h30, 9u30, 9.30, 09:00:00 (a time input with seconds).
_CLOCK = re.compile(r"(?P<h>\d{1,2})(?:[:hHuU.](?P<m>\d{2})?(?::00)?)?")


@dataclass(frozen=True, slots=True)
class HoursInput:
    """The hours part of a posted form. ``value``: the canonical OSM value to save (None:
    hours unknown), meaningful only without ``errors``; ``errors``: messages per field
    (``opening_hours`` for the value, ``hours_raw``, ``hours_ph_off``, ``hours_mo``...);
    ``grid`` and ``raw``: what to show again; ``preview_requested``: the "Preview" button
    was pressed (re-render the form with the preview, do not save)."""

    value: str | None
    grid: GridView
    raw: str
    errors: dict[str, list[str]] = field(default_factory=dict)
    preview_requested: bool = False


def hours_input_from_value(value: str | None, *, lang: Language) -> HoursInput:
    """The hours editor for a stored value (the first display of the form): the grid read
    back from it and chosen when it can be (``grid_from_value``), else the raw field."""
    grid = grid_from_value(value)
    source: Source = "grid" if grid is not None else "raw"
    return HoursInput(value, grid_view(grid, source=source, lang=lang), value or "")


def _parse_clock(text: str, *, closing: bool) -> int | None:
    """Minutes after midnight of ``9:30``/``9h30``/``09:30``; a closing 00:00 is 24:00."""
    match = _CLOCK.fullmatch(text.strip())
    if match is None:
        return None
    hours, minutes = int(match["h"]), int(match["m"] or 0)
    if minutes > 59 or hours > 24 or (hours == 24 and minutes):
        return None
    total = hours * 60 + minutes
    return DAY_MINUTES if closing and total == 0 else total


def _problem_text(problem: GridProblem, _: Translate) -> str:
    n = {"n": (problem.position or 0) + 1}
    texts = {
        GridProblemKind.BACKWARDS: _(
            "Range %(n)s closes before it opens (for hours past midnight, use the text value)."
        ),
        GridProblemKind.OVERLAP: _("Range %(n)s overlaps another range of the day."),
        GridProblemKind.OUT_OF_DAY: _("Range %(n)s is outside the day (00:00 to 24:00)."),
        GridProblemKind.TOO_MANY: _("At most %(n)s ranges per day.") % {"n": MAX_RANGES},
        GridProblemKind.EMPTY_WITH_HOLIDAYS: _(
            "“Closed on public holidays” needs opening hours on at least one day; "
            "leave the grid empty when the hours are not known."
        ),
    }
    text = texts[problem.kind]
    return text if "%(n)s" not in text else text % n


def _read_grid(
    form: Mapping[str, str], errors: dict[str, list[str]], _: Translate
) -> tuple[WeekGrid, list[list[tuple[str, str]]]]:
    """The grid posted and the texts of its cells; unreadable cells are errors of their day."""
    days: list[tuple[TimeRange, ...]] = []
    texts: list[list[tuple[str, str]]] = []
    for day in range(7):
        ranges, shown = [], []
        for position in range(MAX_RANGES):
            opens_name, closes_name = cell_names(day, position)
            opens_text = form.get(opens_name, "").strip()
            closes_text = form.get(closes_name, "").strip()
            shown.append((opens_text, closes_text))
            if not opens_text and not closes_text:
                continue
            opens = _parse_clock(opens_text, closing=False) if opens_text else None
            closes = _parse_clock(closes_text, closing=True) if closes_text else None
            # Shown again as HH:MM: a time input shows nothing for "9h" or "9:00".
            shown[-1] = (
                opens_text if opens is None else cell_text(opens, closing=False),
                closes_text if closes is None else cell_text(closes, closing=True),
            )
            key, n = f"hours_{DAY_CODES[day].lower()}", {"n": position + 1}
            if not opens_text or not closes_text:
                message = _("Range %(n)s: give both the opening and the closing time.") % n
                errors.setdefault(key, []).append(message)
            elif opens is None or closes is None:
                message = _("Range %(n)s: write the times as 09:00 or 9h30.") % n
                errors.setdefault(key, []).append(message)
            else:
                ranges.append(TimeRange(opens, closes))
        days.append(tuple(sorted(ranges)))
        texts.append(shown)
    return WeekGrid(tuple(days), form.get(HOLIDAYS_FIELD, "") != ""), texts


def _validate_raw(raw: str, errors: dict[str, list[str]], _: Translate) -> str | None:
    if not raw:
        return None
    try:
        return validate_opening_hours(raw)
    except InvalidOpeningHours as refused:
        message = _("This value is not valid OpenStreetMap syntax: %(reason)s")
        errors.setdefault(RAW_FIELD, []).append(message % {"reason": refused.message})
        return None


def read_hours_form(form: Mapping[str, str], *, lang: Language) -> HoursInput:
    """The hours part of a posted access point form (field names in the module docstring).

    With ``hours_source=grid`` (the default) the grid is saved: its value (``grid_to_value``,
    canonical), or the raw value unchanged when it says exactly the same week (so that an
    untouched form does not rewrite a value); with ``raw`` the raw field is saved, validated
    by opening_hours.js, and the grid shows it when it can. An empty grid or raw field is
    "hours unknown" (value None). Errors (translated in ``lang``) are keyed by field; the
    messages of opening_hours.js are in English, after a translated sentence.
    """
    _ = gettext_for(lang)
    errors: dict[str, list[str]] = {}
    raw = form.get(RAW_FIELD, "").strip()
    source: Source = "raw" if form.get(SOURCE_FIELD) == "raw" else "grid"
    preview = form.get(PREVIEW_FIELD, "") != ""
    if source == "raw":
        value = _validate_raw(raw, errors, _)
        shown = grid_from_value(value) if not errors else None
        if shown is not None:
            view = grid_view(shown, source="raw", lang=lang)
        else:
            grid, texts = _read_grid(form, {}, _)
            view = grid_rows(
                texts,
                holidays=grid.closed_on_public_holidays,
                source="raw",
                representable=False,
                lang=lang,
            )
        return HoursInput(value, view, raw, errors, preview)
    grid, texts = _read_grid(form, errors, _)
    value = None
    if not errors:
        for problem in grid_problems(grid):
            key = (
                HOLIDAYS_FIELD if problem.day is None else f"hours_{DAY_CODES[problem.day].lower()}"
            )
            errors.setdefault(key, []).append(_problem_text(problem, _))
    if not errors:
        same = grid_from_value(raw) == grid if raw else False
        value = validate_opening_hours(raw) if same else grid_to_value(grid)
        raw = value or ""
    view = grid_rows(
        texts,
        holidays=grid.closed_on_public_holidays,
        source="grid",
        representable=True,
        lang=lang,
    )
    return HoursInput(value, view, raw, errors, preview)


def preview_days(
    *,
    value: str | None,
    start: date,
    lang: Language,
    location: Coordinates | None,
    closures: Sequence[Closure] = (),
) -> list[DayPreview]:
    """The ``PREVIEW_DAYS`` (14) local days from ``start`` as the public pages say them
    (``api.hours.calendar`` and ``describe_days``): hours, public holidays and ``closures``;
    None hours are "not known: call before going" every day. ``location``: the place's
    ``(lat, lon)``, for sunrise and sunset. ``value`` should be canonical (``HoursInput``)."""
    days = calendar(
        opening_hours=value,
        start=start,
        days=PREVIEW_DAYS,
        closures=closures,
        coordinates=location,
    )
    return describe_days(days, lang=lang)


@dataclass(frozen=True, slots=True)
class HoursPreview:
    """The live preview: the value the hours editor would save, its errors, and its days
    (none when there are errors)."""

    value: str | None
    errors: dict[str, list[str]]
    days: list[DayPreview]


def build_hours_preview(
    *, form: Mapping[str, str], lang: Language, today: date, location: Coordinates | None
) -> HoursPreview:
    """``read_hours_form`` on ``form`` and, when it has no errors, ``preview_days`` from
    ``today``: what the live preview (``GET /edit/hours/preview``) shows."""
    hours = read_hours_form(form, lang=lang)
    if hours.errors:
        return HoursPreview(hours.value, hours.errors, [])
    days = preview_days(value=hours.value, start=today, lang=lang, location=location)
    return HoursPreview(hours.value, hours.errors, days)
