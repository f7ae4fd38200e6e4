"""Weekly open hours of a schedule (api.services.observatory.weekly_hours): exact numbers,
lunch breaks, Belgian public holidays, closures, 24/7 and the weeks the clocks change."""

from datetime import date

import pytest

from api.hours import Closure
from api.services.observatory.weekly_hours import monday_of, weekly_hours, weeks_hours

OFFICE = "Mo-Fr 09:00-12:00,13:00-16:00"
PLAIN_WEEK = date(2026, 1, 12)
EASTER_MONDAY_WEEK = date(2026, 4, 6)  # Easter Monday 2026-04-06, a Belgian PH
SPRING_WEEK = date(2026, 3, 23)  # clocks forward on Sunday 2026-03-29
AUTUMN_WEEK = date(2026, 10, 19)  # clocks back on Sunday 2026-10-25


def _hours(value: str | None, week: date, closures: tuple[Closure, ...] = ()) -> float | None:
    return weekly_hours(opening_hours=value, week=week, closures=closures).open_hours


def test_lunch_break_is_not_counted() -> None:
    assert _hours(OFFICE, PLAIN_WEEK) == 30


def test_public_holiday_off() -> None:
    assert _hours(f"{OFFICE}; PH off", EASTER_MONDAY_WEEK) == 24
    # Without a PH rule the schedule says nothing of holidays: 30 hours.
    assert _hours(OFFICE, EASTER_MONDAY_WEEK) == 30
    # PH off in a week without a holiday changes nothing.
    assert _hours(f"{OFFICE}; PH off", PLAIN_WEEK) == 30


def test_closure_of_two_days() -> None:
    closure = Closure(start=date(2026, 1, 13), end=date(2026, 1, 14), reason="Formation")
    assert _hours(OFFICE, PLAIN_WEEK, (closure,)) == 18
    # A closure reaching into the week from before counts only its days in the week.
    spill = Closure(start=date(2026, 1, 8), end=date(2026, 1, 12))
    assert _hours(OFFICE, PLAIN_WEEK, (spill,)) == 24
    whole = Closure(start=date(2026, 1, 1), end=date(2026, 1, 31))
    assert _hours(OFFICE, PLAIN_WEEK, (whole,)) == 0  # closed is known: zero, not unknown


def test_24_7_and_the_weeks_the_clocks_change() -> None:
    assert _hours("24/7", PLAIN_WEEK) == 168
    assert _hours("24/7", SPRING_WEEK) == 167
    assert _hours("24/7", AUTUMN_WEEK) == 169
    # Office hours do not cross the change: the same 30 hours.
    assert _hours(OFFICE, SPRING_WEEK) == 30
    assert _hours(OFFICE, AUTUMN_WEEK) == 30
    # A night service open through the night of the change lives one hour less / more.
    assert _hours("Sa 22:00-24:00; Su 00:00-06:00", SPRING_WEEK) == 7
    assert _hours("Sa 22:00-24:00; Su 00:00-06:00", AUTUMN_WEEK) == 9


def test_unknown_is_never_zero() -> None:
    for value in (None, "", 'Mo-Fr 09:00-12:00 "sur rendez-vous"', "Mo-Fr unknown"):
        week = weekly_hours(opening_hours=value, week=PLAIN_WEEK)
        assert week.open_minutes is None and week.open_hours is None, value
        assert week.unknown_minutes > 0
    partly = weekly_hours(opening_hours="Mo-Fr 09:00-12:00; Sa unknown", week=PLAIN_WEEK)
    assert (partly.open_hours, partly.unknown_minutes) == (15, 24 * 60)
    # Explicitly closed all week is a known zero.
    assert _hours("off", PLAIN_WEEK) == 0


def test_series_of_weeks() -> None:
    series = weeks_hours(opening_hours=f"{OFFICE}; PH off", first_week=date(2026, 3, 30), weeks=3)
    assert [(w.week, w.open_hours) for w in series] == [
        (date(2026, 3, 30), 30),
        (date(2026, 4, 6), 24),
        (date(2026, 4, 13), 30),
    ]
    assert monday_of(date(2026, 4, 9)) == date(2026, 4, 6)
    with pytest.raises(ValueError, match="Monday"):
        weeks_hours(opening_hours=OFFICE, first_week=date(2026, 4, 7), weeks=1)
