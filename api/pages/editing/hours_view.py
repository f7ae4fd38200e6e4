"""What the hours editor's week grid shows (``api/templates/editing/_hours_grid.html``): the
rows of days, their cells with the texts of their two time inputs and the inputs' names.

Input names: ``hours_mo_1_opens`` / ``hours_mo_1_closes`` ... ``hours_su_3_closes`` (day
code, range 1 to ``MAX_RANGES``). A closing time of 24:00 is shown as 00:00: a time input
cannot say 24:00 (``api.pages.editing.hours_form`` reads 00:00 back as midnight).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from api.hours.grid import DAY_CODES, DAY_MINUTES, MAX_RANGES, WeekGrid, clock_text
from api.hours.words import weekday_name
from api.i18n import Language

Source = Literal["grid", "raw"]
"""Which input of the hours editor is saved."""


@dataclass(frozen=True, slots=True)
class GridCell:
    """One range of a day in the form: the texts shown in its two inputs and their names."""

    opens: str
    closes: str
    opens_name: str
    closes_name: str
    position: int


@dataclass(frozen=True, slots=True)
class GridDay:
    """One row of the grid: ``code`` ("mo"), ``label`` ("Lundi"), its cells, and ``field``,
    the key of its errors."""

    code: str
    label: str
    cells: tuple[GridCell, ...]
    field: str


@dataclass(frozen=True, slots=True)
class GridView:
    """What the ``hours_grid`` macro shows: the seven rows, the ``PH off`` box, which input
    is saved (``source``) and whether the value can be shown in the grid (``representable``:
    when False the grid is empty or shows what was posted, and the raw value is saved)."""

    days: tuple[GridDay, ...]
    closed_on_public_holidays: bool
    source: Source
    representable: bool


def cell_names(day: int, position: int) -> tuple[str, str]:
    """The names of the opening and closing inputs of range ``position`` (0-based) of
    ``day`` (0 = Monday): ``("hours_mo_1_opens", "hours_mo_1_closes")``."""
    prefix = f"hours_{DAY_CODES[day].lower()}_{position + 1}"
    return f"{prefix}_opens", f"{prefix}_closes"


def cell_text(minutes: int, *, closing: bool) -> str:
    """``HH:MM`` for a time input; a closing at 24:00 is ``00:00``."""
    return "00:00" if closing and minutes == DAY_MINUTES else clock_text(minutes)


def grid_rows(
    cells: Sequence[Sequence[tuple[str, str]]],
    *,
    holidays: bool,
    source: Source,
    representable: bool,
    lang: Language,
) -> GridView:
    """The grid's rows from the texts of its cells (per day, up to ``MAX_RANGES`` pairs of
    opening and closing texts; missing ones are empty)."""
    days = []
    for day, texts in enumerate(cells):
        row = []
        for position in range(MAX_RANGES):
            opens, closes = texts[position] if position < len(texts) else ("", "")
            row.append(GridCell(opens, closes, *cell_names(day, position), position + 1))
        code = DAY_CODES[day].lower()
        label = weekday_name(day, lang).capitalize()
        days.append(GridDay(code, label, tuple(row), f"hours_{code}"))
    return GridView(tuple(days), holidays, source, representable)


def grid_view(grid: WeekGrid | None, *, source: Source, lang: Language) -> GridView:
    """The rows of ``grid`` (None: a value the grid cannot show, so an empty grid marked
    not ``representable``)."""
    shown = grid or WeekGrid()
    cells = [
        [(cell_text(r.opens, closing=False), cell_text(r.closes, closing=True)) for r in day]
        for day in shown.days
    ]
    return grid_rows(
        cells,
        holidays=shown.closed_on_public_holidays,
        source=source,
        representable=grid is not None,
        lang=lang,
    )
