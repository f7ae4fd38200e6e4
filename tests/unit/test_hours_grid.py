"""The week grid of the hours editor and its OSM value (api.hours.grid): written canonical,
read back exactly, refused when it cannot say a value."""

import csv
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from api.hours import calendar, validate_opening_hours
from api.hours.grid import (
    DAY_MINUTES,
    MAX_RANGES,
    GridProblem,
    GridProblemKind,
    InvalidGrid,
    TimeRange,
    WeekGrid,
    grid_from_value,
    grid_problems,
    grid_to_value,
)

SEED = Path(__file__).resolve().parents[2] / "seed" / "data" / "access_points.csv"
NINE_TO_NOON = TimeRange(9 * 60, 12 * 60)
AFTERNOON = TimeRange(13 * 60, 16 * 60)


def week(**days: tuple[TimeRange, ...]) -> tuple[tuple[TimeRange, ...], ...]:
    codes = ("mo", "tu", "we", "th", "fr", "sa", "su")
    return tuple(days.get(code, ()) for code in codes)


def same_fortnights(first: str | None, second: str | None) -> bool:
    """Both values give the same intervals on each day of a few fortnights (holidays in)."""
    starts = (date(2026, 12, 21), date(2027, 3, 29), date(2027, 7, 19))
    for start in starts:
        one = calendar(opening_hours=first, start=start, days=14)
        two = calendar(opening_hours=second, start=start, days=14)
        if [d.intervals for d in one] != [d.intervals for d in two]:
            return False
    return True


def test_a_lunch_break_week_with_public_holidays_off_is_written_canonical() -> None:
    grid = WeekGrid(
        week(
            mo=(NINE_TO_NOON, AFTERNOON),
            tu=(NINE_TO_NOON, AFTERNOON),
            we=(NINE_TO_NOON, AFTERNOON),
            th=(NINE_TO_NOON, AFTERNOON),
            fr=(NINE_TO_NOON,),
        ),
        closed_on_public_holidays=True,
    )
    assert grid_to_value(grid) == "Mo-Th 09:00-12:00,13:00-16:00; Fr 09:00-12:00; PH off"


def test_days_are_grouped_in_runs_of_three_and_listed_otherwise() -> None:
    grid = WeekGrid(
        week(
            mo=(NINE_TO_NOON,),
            tu=(NINE_TO_NOON,),
            we=(NINE_TO_NOON,),
            fr=(NINE_TO_NOON,),
            sa=(AFTERNOON,),
            su=(NINE_TO_NOON,),
        )
    )
    assert grid_to_value(grid) == "Mo-We,Fr,Su 09:00-12:00; Sa 13:00-16:00"


def test_every_day_round_the_clock_is_24_7_and_midnight_closes_at_24_00() -> None:
    full = (TimeRange(0, DAY_MINUTES),)
    assert grid_to_value(WeekGrid((full,) * 7)) == "24/7"
    evening = WeekGrid(week(sa=(TimeRange(18 * 60, DAY_MINUTES),)))
    assert grid_to_value(evening) == "Sa 18:00-24:00"


def test_an_empty_grid_is_hours_unknown() -> None:
    assert grid_to_value(WeekGrid()) is None
    assert grid_from_value(None) == WeekGrid()
    assert grid_from_value("  ") == WeekGrid()


@pytest.mark.parametrize(
    ("grid", "problem"),
    [
        (
            WeekGrid(week(tu=(TimeRange(12 * 60, 9 * 60),))),
            GridProblem(GridProblemKind.BACKWARDS, 1, 0),
        ),
        (
            WeekGrid(week(we=(NINE_TO_NOON, TimeRange(11 * 60, 14 * 60)))),
            GridProblem(GridProblemKind.OVERLAP, 2, 1),
        ),
        (
            WeekGrid(week(th=(TimeRange(9 * 60, 25 * 60),))),
            GridProblem(GridProblemKind.OUT_OF_DAY, 3, 0),
        ),
        (
            WeekGrid(week(fr=tuple(TimeRange(h * 60, h * 60 + 30) for h in range(MAX_RANGES + 1)))),
            GridProblem(GridProblemKind.TOO_MANY, 4),
        ),
        (
            WeekGrid(closed_on_public_holidays=True),
            GridProblem(GridProblemKind.EMPTY_WITH_HOLIDAYS, None),
        ),
    ],
)
def test_a_grid_that_makes_no_schedule_is_refused_with_where_and_why(
    grid: WeekGrid, problem: GridProblem
) -> None:
    assert grid_problems(grid) == [problem]
    with pytest.raises(InvalidGrid) as refused:
        grid_to_value(grid)
    assert refused.value.problems == (problem,)


def test_touching_ranges_are_allowed() -> None:
    grid = WeekGrid(week(mo=(NINE_TO_NOON, TimeRange(12 * 60, 14 * 60))))
    assert grid_problems(grid) == []
    assert grid_to_value(grid) == "Mo 09:00-12:00,12:00-14:00"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Mo-Fr 9-17; We off; PH closed", "Mo,Tu,Th,Fr 09:00-17:00; PH off"),
        (
            "Mo-Fr 08:30-12:45, We 13:45-15:45",
            "Mo,Tu,Th,Fr 08:30-12:45; We 08:30-12:45,13:45-15:45",
        ),
        ("Mo-Fr 09:00-17:00; We 09:00-12:00", "Mo,Tu,Th,Fr 09:00-17:00; We 09:00-12:00"),
        ("Sa-Mo 10:00-12:00", "Mo,Sa,Su 10:00-12:00"),
        ("24/7; PH off", "24/7; PH off"),
    ],
)
def test_values_the_grid_can_say_are_read_with_the_syntax_rules(value: str, expected: str) -> None:
    grid = grid_from_value(value)
    assert grid is not None
    rewritten = grid_to_value(grid)
    assert rewritten == expected
    assert same_fortnights(value, rewritten)


@pytest.mark.parametrize(
    "value",
    [
        'Mo-Fr 09:00-12:00 "sur rendez-vous"',
        "Fr 22:00-02:00",
        "Mo-Fr 09:00-26:00",
        "Jul-Aug Mo-Fr 09:00-12:00",
        'Mo-Fr 09:00-17:00 || "sur rendez-vous"',
        "Mo-Fr 17:00+",
        "Mo-Fr sunrise-sunset",
        "PH off",
        "Mo-Fr",
        "PH off; Mo-Fr 09:00-12:00",
        "Mo-Fr 09:00-12:00, We off",
        "Mo 08:00-09:00,10:00-11:00,12:00-13:00,14:00-15:00",
        "Mo-Fx 09:00",
    ],
)
def test_values_the_grid_cannot_say_exactly_are_left_to_the_raw_field(value: str) -> None:
    assert grid_from_value(value) is None


def test_every_seed_value_the_grid_reads_is_written_back_with_the_same_days() -> None:
    with SEED.open(encoding="utf-8") as handle:
        values = {row["opening_hours"] for row in csv.DictReader(handle) if row["opening_hours"]}
    read = 0
    for value in sorted(values):
        grid = grid_from_value(value)
        if grid is None:
            continue
        read += 1
        assert same_fortnights(value, grid_to_value(grid)), value
    # Every value of the seed is a plain week; the grid reads all of them.
    assert read == len(values)


_QUARTERS = st.integers(min_value=0, max_value=DAY_MINUTES // 15)


@st.composite
def day_ranges(draw: st.DrawFn) -> tuple[TimeRange, ...]:
    """Up to MAX_RANGES sorted, non-overlapping ranges on quarter hours."""
    bounds = sorted(set(draw(st.lists(_QUARTERS, max_size=MAX_RANGES * 2))))
    if len(bounds) % 2:
        bounds.pop()
    return tuple(TimeRange(bounds[n] * 15, bounds[n + 1] * 15) for n in range(0, len(bounds), 2))


@st.composite
def grids(draw: st.DrawFn) -> WeekGrid:
    days = tuple(draw(day_ranges()) for _ in range(7))
    holidays = draw(st.booleans()) and any(days)
    return WeekGrid(days, holidays)


@settings(max_examples=150, deadline=None)
@given(grids())
def test_any_grid_round_trips_through_its_canonical_value(grid: WeekGrid) -> None:
    value = grid_to_value(grid)
    if value is None:
        assert grid.empty
        return
    assert validate_opening_hours(value) == value
    assert grid_from_value(value) == grid
