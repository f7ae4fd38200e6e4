"""Unit tests of api.hours: no database, no web framework, fixed instants only."""

import subprocess
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import holidays
import pytest
from opening_hours import OpeningHours, State

from api import hours
from api.hours import BRUSSELS, Closure, OpeningState
from api.hours.public_holidays import easter_sunday
from api.hours.syntax import compile_opening_hours
from api.hours.week import describe_days
from api.hours.which_engine import spills_into_a_covered_day

WEEKDAYS = "Mo-Fr 09:00-17:00; PH off"


def at(text: str) -> datetime:
    """An aware instant from ISO text with its offset."""
    value = datetime.fromisoformat(text)
    assert value.tzinfo is not None
    return value


def iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


# --- time zone ----------------------------------------------------------------------------


def test_naive_time_in_the_spring_gap_is_the_instant_after_the_gap() -> None:
    got = hours.to_brussels(datetime(2027, 3, 28, 2, 30))
    assert got.isoformat() == "2027-03-28T03:00:00+02:00"
    assert got.tzinfo is BRUSSELS
    assert hours.to_brussels(datetime(2027, 3, 28, 2, 0)).isoformat() == (
        "2027-03-28T03:00:00+02:00"
    )
    assert hours.to_brussels(datetime(2027, 3, 28, 2, 59, 59)).isoformat() == (
        "2027-03-28T03:00:00+02:00"
    )


def test_naive_ambiguous_autumn_time_is_the_first_occurrence() -> None:
    got = hours.to_brussels(datetime(2026, 10, 25, 2, 30))
    assert got.isoformat() == "2026-10-25T02:30:00+02:00"
    assert got.astimezone(UTC).isoformat() == "2026-10-25T00:30:00+00:00"


def test_ordinary_and_aware_times() -> None:
    assert hours.to_brussels(datetime(2026, 11, 23, 10, 0)).isoformat() == (
        "2026-11-23T10:00:00+01:00"
    )
    converted = hours.to_brussels(datetime(2026, 10, 25, 1, 30, tzinfo=UTC))
    assert converted.isoformat() == "2026-10-25T02:30:00+01:00"  # the second 02:30
    fixed = datetime(2027, 7, 21, 8, 0, tzinfo=timezone(timedelta(hours=-4)))
    assert hours.to_brussels(fixed).isoformat() == "2027-07-21T14:00:00+02:00"
    # An aware Brussels datetime at a wall time that never happened is normalised.
    impossible = datetime(2027, 3, 28, 2, 30, tzinfo=BRUSSELS)
    assert hours.to_brussels(impossible).isoformat() == "2027-03-28T03:30:00+02:00"


def test_a_naive_at_is_brussels_local_time() -> None:
    naive = hours.compute_opening(opening_hours=WEEKDAYS, at=datetime(2026, 11, 23, 16, 59))
    assert naive.state is OpeningState.OPEN
    assert iso(naive.closes_at) == "2026-11-23T17:00:00+01:00"
    # The same wall time given in UTC is an hour later in Brussels: closed.
    utc = hours.compute_opening(
        opening_hours=WEEKDAYS, at=datetime(2026, 11, 23, 16, 59, tzinfo=UTC)
    )
    assert utc.state is OpeningState.CLOSED
    assert iso(utc.next_opens_at) == "2026-11-24T09:00:00+01:00"


# --- states and comments --------------------------------------------------------------------


def test_a_comment_only_rule_is_unknown_never_open() -> None:
    saturday = at("2026-11-28T10:00:00+01:00")
    assert hours.state_at('Sa "sur rendez-vous"', saturday) == (
        OpeningState.UNKNOWN,
        "sur rendez-vous",
    )
    opening = hours.compute_opening(opening_hours='Sa "sur rendez-vous"', at=saturday)
    assert opening == hours.Opening(OpeningState.UNKNOWN, None, None, "sur rendez-vous")
    # The library alone says open: the engine corrects it.
    library = OpeningHours('Sa "sur rendez-vous"', timezone=BRUSSELS, country="BE")
    assert library.state(saturday.astimezone(BRUSSELS)) == (State.OPEN, "sur rendez-vous")


def test_a_comment_after_times_without_state_is_unknown_with_explicit_open_kept() -> None:
    value = 'Mo-Fr 08:30-12:00 open "sans rendez-vous", Mo-Fr 13:00-16:00 "sur rendez-vous"'
    morning = hours.compute_opening(opening_hours=value, at=at("2026-11-23T09:00:00+01:00"))
    assert (morning.state, morning.comment) == (OpeningState.OPEN, "sans rendez-vous")
    assert iso(morning.closes_at) == "2026-11-23T12:00:00+01:00"
    afternoon = hours.compute_opening(opening_hours=value, at=at("2026-11-23T14:00:00+01:00"))
    assert (afternoon.state, afternoon.comment) == (OpeningState.UNKNOWN, "sur rendez-vous")
    assert iso(afternoon.next_opens_at) == "2026-11-24T08:30:00+01:00"


def test_empty_hours_are_unknown() -> None:
    monday = at("2026-11-23T10:00:00+01:00")
    for value in (None, "", "   "):
        assert hours.state_at(value, monday) == (OpeningState.UNKNOWN, None)
        assert hours.compute_opening(opening_hours=value, at=monday) == hours.Opening(
            OpeningState.UNKNOWN, None, None, None
        )


def test_public_holiday_off_on_christmas() -> None:
    christmas = at("2026-12-25T10:00:00+01:00")
    assert hours.state_at(WEEKDAYS, christmas) == (OpeningState.CLOSED, "Kerstmis - Noël")
    opening = hours.compute_opening(opening_hours=WEEKDAYS, at=christmas)
    assert opening.state is OpeningState.CLOSED
    assert opening.comment == "Kerstmis - Noël"  # the holiday name, as opening_hours.js
    assert opening.closes_at is None
    assert iso(opening.next_opens_at) == "2026-12-28T09:00:00+01:00"
    eve = hours.compute_opening(opening_hours=WEEKDAYS, at=at("2026-12-24T10:00:00+01:00"))
    assert (eve.state, eve.comment) == (OpeningState.OPEN, None)
    assert iso(eve.closes_at) == "2026-12-24T17:00:00+01:00"


def test_easter_sunday_is_not_a_public_holiday_but_easter_monday_is() -> None:
    value = "Su 10:00-12:00; PH off"
    assert hours.state_at(value, at("2027-03-28T11:00:00+02:00")) == (OpeningState.OPEN, None)
    assert hours.state_at(value, at("2027-03-29T11:00:00+02:00")) == (
        OpeningState.CLOSED,
        "Paasmaandag - Lundi de Pâques",
    )
    # Whit Sunday is not one either (in both libraries).
    assert hours.state_at(value, at("2027-05-16T11:00:00+02:00")) == (OpeningState.OPEN, None)


def test_the_holiday_name_is_not_given_to_the_night_running_on_from_the_day_before() -> None:
    value = "Mo-Su,PH 22:00-06:00"
    assert hours.state_at(value, at("2026-12-25T03:00:00+01:00")) == (OpeningState.OPEN, None)
    assert hours.state_at(value, at("2026-12-25T23:00:00+01:00")) == (
        OpeningState.OPEN,
        "Kerstmis - Noël",
    )
    night = hours.compute_opening(opening_hours=value, at=at("2026-12-25T03:00:00+01:00"))
    assert (night.comment, iso(night.closes_at)) == (None, "2026-12-25T06:00:00+01:00")


# --- closes_at / next_opens_at ----------------------------------------------------------------


def test_closes_at_across_split_hours() -> None:
    value = "Mo-Th 08:00-12:05,12:50-16:30"
    morning = hours.compute_opening(opening_hours=value, at=at("2026-11-23T10:00:00+01:00"))
    assert morning.state is OpeningState.OPEN
    assert iso(morning.closes_at) == "2026-11-23T12:05:00+01:00"
    assert morning.next_opens_at is None
    lunch = hours.compute_opening(opening_hours=value, at=at("2026-11-23T12:30:00+01:00"))
    assert lunch.state is OpeningState.CLOSED
    assert iso(lunch.next_opens_at) == "2026-11-23T12:50:00+01:00"
    thursday = hours.compute_opening(opening_hours=value, at=at("2026-11-26T17:00:00+01:00"))
    assert iso(thursday.next_opens_at) == "2026-11-30T08:00:00+01:00"


def test_closes_at_crosses_a_change_of_comment_only() -> None:
    value = 'Mo 12:00-14:00 open "female only", Mo 14:00-16:00 open "male only"'
    opening = hours.compute_opening(opening_hours=value, at=at("2026-11-23T12:30:00+01:00"))
    assert (opening.state, opening.comment) == (OpeningState.OPEN, "female only")
    assert iso(opening.closes_at) == "2026-11-23T16:00:00+01:00"


def test_never_opens_within_a_year() -> None:
    monday = at("2026-11-23T10:00:00+01:00")
    for value in ("off", 'closed "fermé pour travaux"', "2020 Mo-Fr 09:00-17:00"):
        opening = hours.compute_opening(opening_hours=value, at=monday)
        assert opening.state is OpeningState.CLOSED
        assert opening.next_opens_at is None
        assert opening.closes_at is None
    # Opening 366 days (of 24 h) or more after ``at`` is not found, as in opening_hours.js.
    found = hours.compute_opening(opening_hours="2027 Nov 24 09:00-17:00", at=monday)
    assert iso(found.next_opens_at) == "2027-11-24T09:00:00+01:00"
    late = hours.compute_opening(opening_hours="2027 Nov 25 09:00-17:00", at=monday)
    assert late.next_opens_at is None


def test_always_open_never_closes() -> None:
    opening = hours.compute_opening(opening_hours="24/7", at=at("2026-11-23T10:00:00+01:00"))
    assert opening == hours.Opening(OpeningState.OPEN, None, None, None)


def test_closing_time_on_the_autumn_night_is_the_first_two_oclock() -> None:
    opening = hours.compute_opening(opening_hours="22:00-02:00", at=at("2026-10-25T01:30:00+02:00"))
    assert iso(opening.closes_at) == "2026-10-25T02:00:00+02:00"
    spring = hours.compute_opening(opening_hours="01:00-02:30", at=at("2027-03-28T01:30:00+01:00"))
    assert iso(spring.closes_at) == "2027-03-28T03:30:00+02:00"


# --- closures ---------------------------------------------------------------------------------


def test_a_closure_overrides_the_schedule() -> None:
    closures = [Closure(date(2026, 11, 23), date(2026, 11, 24), "formation du personnel")]
    opening = hours.compute_opening(
        opening_hours=WEEKDAYS, at=at("2026-11-24T10:00:00+01:00"), closures=closures
    )
    assert opening == hours.Opening(
        OpeningState.CLOSED,
        None,
        hours.to_brussels(datetime(2026, 11, 25, 9, 0)),
        "formation du personnel",
    )
    # state_at is the fast path: it ignores closures.
    assert hours.state_at(WEEKDAYS, at("2026-11-24T10:00:00+01:00"))[0] is OpeningState.OPEN


def test_next_opens_at_skips_closure_days_and_back_to_back_closures() -> None:
    closures = [
        Closure(date(2026, 11, 24), date(2026, 11, 24), "grève"),
        Closure(date(2026, 11, 25), date(2026, 11, 26), None),
    ]
    evening = hours.compute_opening(
        opening_hours=WEEKDAYS, at=at("2026-11-23T18:00:00+01:00"), closures=closures
    )
    assert (evening.state, evening.comment) == (OpeningState.CLOSED, None)
    assert iso(evening.next_opens_at) == "2026-11-27T09:00:00+01:00"


def test_closes_at_is_cut_at_the_start_of_a_closure_day() -> None:
    closures = [Closure(date(2026, 11, 24), date(2026, 11, 24), "inventaire")]
    night = hours.compute_opening(
        opening_hours="Mo-Su 20:00-08:00", at=at("2026-11-23T23:00:00+01:00"), closures=closures
    )
    assert night.state is OpeningState.OPEN
    assert iso(night.closes_at) == "2026-11-24T00:00:00+01:00"
    always = hours.compute_opening(
        opening_hours="24/7", at=at("2026-11-20T10:00:00+01:00"), closures=closures
    )
    assert iso(always.closes_at) == "2026-11-24T00:00:00+01:00"


def test_a_closure_closes_a_place_with_unknown_hours() -> None:
    closures = [Closure(date(2026, 12, 24), date(2027, 1, 3), "vacances d'hiver")]
    opening = hours.compute_opening(
        opening_hours=None, at=at("2027-01-03T12:00:00+01:00"), closures=closures
    )
    assert opening == hours.Opening(OpeningState.CLOSED, None, None, "vacances d'hiver")


# --- calendar and public holidays -------------------------------------------------------------


def test_calendar_over_christmas_and_new_year() -> None:
    days = hours.calendar(opening_hours=WEEKDAYS, start=date(2026, 12, 21), days=14)
    assert [d.day for d in days] == [date(2026, 12, 21) + timedelta(days=n) for n in range(14)]
    named = {d.day: d.public_holiday for d in days if d.public_holiday}
    assert named == {date(2026, 12, 25): "Noël", date(2027, 1, 1): "Nouvel An"}
    by_day = {d.day: d for d in days}
    assert by_day[date(2026, 12, 25)].intervals == []
    assert by_day[date(2027, 1, 1)].intervals == []
    assert by_day[date(2026, 12, 25)].public_holiday_names == {
        "fr": "Noël",
        "nl": "Kerstmis",
        "en": "Christmas Day",
    }
    assert by_day[date(2026, 12, 24)].public_holiday_names == {}
    open_days = [d.day for d in days if d.intervals]
    assert open_days == [
        date(2026, 12, 21),
        date(2026, 12, 22),
        date(2026, 12, 23),
        date(2026, 12, 24),
        date(2026, 12, 28),
        date(2026, 12, 29),
        date(2026, 12, 30),
        date(2026, 12, 31),
    ]
    (monday,) = by_day[date(2026, 12, 21)].intervals
    assert (iso(monday.start), iso(monday.end), monday.state, monday.comment) == (
        "2026-12-21T09:00:00+01:00",
        "2026-12-21T17:00:00+01:00",
        OpeningState.OPEN,
        None,
    )
    assert all(d.closure is None for d in days)


def test_calendar_applies_closures_and_clips_to_the_day() -> None:
    closure = Closure(date(2026, 11, 24), date(2026, 11, 24), "inventaire")
    days = hours.calendar(
        opening_hours="Mo-Su 20:00-08:00", start=date(2026, 11, 23), days=3, closures=[closure]
    )
    assert [(iso(i.start), iso(i.end)) for i in days[0].intervals] == [
        ("2026-11-23T00:00:00+01:00", "2026-11-23T08:00:00+01:00"),
        ("2026-11-23T20:00:00+01:00", "2026-11-24T00:00:00+01:00"),
    ]
    assert days[1].intervals == [] and days[1].closure == closure
    assert [(iso(i.start), iso(i.end)) for i in days[2].intervals] == [
        ("2026-11-25T00:00:00+01:00", "2026-11-25T08:00:00+01:00"),
        ("2026-11-25T20:00:00+01:00", "2026-11-26T00:00:00+01:00"),
    ]


def test_calendar_days_of_23_and_25_hours_and_unknown_intervals() -> None:
    autumn, spring = (
        hours.calendar(opening_hours="24/7", start=day, days=1)[0].intervals[0]
        for day in (date(2026, 10, 25), date(2027, 3, 28))
    )
    # Elapsed time: subtracting datetimes that share a ZoneInfo would give wall-clock 24 h.
    assert autumn.end.astimezone(UTC) - autumn.start.astimezone(UTC) == timedelta(hours=25)
    assert spring.end.astimezone(UTC) - spring.start.astimezone(UTC) == timedelta(hours=23)
    assert (iso(spring.start), iso(spring.end)) == (
        "2027-03-28T00:00:00+01:00",
        "2027-03-29T00:00:00+02:00",
    )
    (saturday,) = hours.calendar(
        opening_hours='Sa 09:00-12:00 "sur rendez-vous"', start=date(2026, 11, 28), days=1
    )
    assert [(i.state, i.comment) for i in saturday.intervals] == [
        (OpeningState.UNKNOWN, "sur rendez-vous")
    ]


def test_calendar_edges() -> None:
    assert hours.calendar(opening_hours=WEEKDAYS, start=date(2026, 12, 21), days=0) == []
    with pytest.raises(ValueError, match="days must be >= 0"):
        hours.calendar(opening_hours=WEEKDAYS, start=date(2026, 12, 21), days=-1)
    (unknown,) = hours.calendar(opening_hours=None, start=date(2026, 12, 25), days=1)
    assert unknown.public_holiday == "Noël"


@pytest.mark.parametrize("opening_hours", [None, "", "   ", "Mo-Fr 25:00-26:00"])
def test_unknown_hours_are_unknown_every_day_never_closed(opening_hours: str | None) -> None:
    # DESIGN.md: an access point without known hours is unknown on every day of its calendar.
    days = hours.calendar(opening_hours=opening_hours, start=date(2026, 12, 7), days=21)
    assert {day.state for day in days} == {OpeningState.UNKNOWN}
    for day in days:
        (whole,) = day.intervals
        assert (whole.state, whole.comment) == (OpeningState.UNKNOWN, None)
        assert whole.start == datetime(day.day.year, day.day.month, day.day.day, tzinfo=BRUSSELS)
        assert whole.end.date() == day.day + timedelta(days=1) and whole.end.hour == 0
    lines = describe_days(days, lang="fr")
    assert all(line.text.startswith("Horaires inconnus") for line in lines)
    assert "appelez avant de vous déplacer" in lines[0].text
    christmas = next(line for line in lines if line.day == date(2026, 12, 25))
    assert christmas.text.endswith("jour férié (Noël)") and "Fermé" not in christmas.text
    assert describe_days(days[:1], lang="nl")[0].text == "Openingsuren onbekend: bel voor u gaat"


def test_a_closure_day_of_unknown_hours_is_closed() -> None:
    closure = Closure(start=date(2026, 12, 8), end=date(2026, 12, 8), reason="Travaux")
    monday, tuesday = hours.calendar(
        opening_hours=None, start=date(2026, 12, 7), days=2, closures=[closure]
    )
    assert monday.state is OpeningState.UNKNOWN
    assert (tuesday.state, tuesday.intervals) == (OpeningState.CLOSED, [])


def test_day_state_follows_the_day() -> None:
    monday, saturday, sunday = (
        hours.calendar(opening_hours='Mo 09:00-12:00; Sa "sur rendez-vous"', start=d, days=1)[0]
        for d in (date(2026, 12, 7), date(2026, 12, 12), date(2026, 12, 13))
    )
    assert (monday.state, saturday.state, sunday.state) == (
        OpeningState.OPEN,
        OpeningState.UNKNOWN,
        OpeningState.CLOSED,
    )


def test_public_holiday_names() -> None:
    assert hours.public_holiday(date(2027, 3, 29)) == {
        "fr": "Lundi de Pâques",
        "nl": "Paasmaandag",
        "en": "Easter Monday",
    }
    assert hours.public_holiday(date(2027, 1, 1)) == {
        "fr": "Nouvel An",
        "nl": "Nieuwjaar",
        "en": "New Year's Day",
    }
    for not_ph in (date(2027, 3, 28), date(2027, 5, 16), date(2026, 12, 26), date(2027, 5, 8)):
        assert hours.public_holiday(not_ph) is None


@pytest.mark.parametrize("year", range(2024, 2036))
def test_the_ten_belgian_public_holidays(year: int) -> None:
    ours = {
        day
        for day in (date(year, 1, 1) + timedelta(days=n) for n in range(366))
        if day.year == year and hours.public_holiday(day) is not None
    }
    assert len(ours) == 10
    library = holidays.country_holidays("BE", years=year, language="en_US")
    easter = easter_sunday(year)
    assert easter == next(d for d, name in library.items() if name == "Easter Sunday")
    # The holidays package lists Easter Sunday and Whit Sunday too; opening_hours.js does not.
    assert set(library) - ours == {easter, easter + timedelta(days=49)}


@pytest.mark.parametrize("year", [2026, 2027, 2030])
def test_what_the_easter_sunday_correction_relies_on(year: int) -> None:
    """opening-hours-py's Belgian PH = the ten days + Easter Sunday; it has no SH for BE."""
    start, end = datetime(year, 1, 1), datetime(year + 1, 1, 1)
    ph_days: set[date] = set()
    for begin, finish, state, _ in OpeningHours("PH", country="BE").intervals(start, end):
        if state == State.OPEN:
            ph_days |= {begin.date() + timedelta(days=n) for n in range((finish - begin).days)}
    ours = {d for d in (start.date() + timedelta(days=n) for n in range(366)) if d.year == year}
    ours = {d for d in ours if hours.public_holiday(d) is not None}
    assert ph_days == ours | {easter_sunday(year)}
    school = OpeningHours("SH", country="BE").intervals(start, end)
    assert [state for *_, state, _ in school] == [State.CLOSED]


# --- validation -------------------------------------------------------------------------------


def test_syntax_error_points_at_the_column_and_text() -> None:
    with pytest.raises(hours.InvalidOpeningHours) as caught:
        hours.validate_opening_hours("Mo-Fr 25:00-26:00x")
    error = caught.value
    assert error.column == 11
    assert error.value == "Mo-Fr 25:00-26:00x"
    assert str(error) == error.message
    assert error.message == (
        "invalid opening_hours 'Mo-Fr 25:00-26:00x': opening_hours.js refuses it at column 11 "
        "(near 'Mo-Fr 25:00': Time range starts outside of the current day)"
    )
    assert isinstance(error, ValueError)


def test_syntax_error_in_a_weekday() -> None:
    with pytest.raises(hours.InvalidOpeningHours) as caught:
        hours.validate_opening_hours("Mo-Fx 09:00-12:00")
    assert caught.value.column == 4
    assert caught.value.message.startswith(
        "invalid opening_hours 'Mo-Fx 09:00-12:00': opening_hours.js refuses it at column 4 "
        "(near 'Mo-F': Unexpected token"
    )


def test_what_the_reference_accepts_is_stored_canonical() -> None:
    # The causes of the refusals of real OpenStreetMap values before (issue 11).
    assert hours.validate_opening_hours("Mo12:00-14:00") == "Mo 12:00-14:00"
    assert hours.validate_opening_hours("10-12") == "10:00-12:00"
    assert hours.validate_opening_hours("Mo-Fr 9am-5pm;") == "Mo-Fr 09:00-17:00"
    assert hours.validate_opening_hours("Montag-Freitag 10-12") == "Mo-Fr 10:00-12:00"
    assert hours.validate_opening_hours("day after public holiday") == "PH +1 day"
    review = hours.review_opening_hours(" Mo-Fr 9am-5pm; ")
    assert (review.written, review.stored, review.rewritten) == (
        "Mo-Fr 9am-5pm;",
        "Mo-Fr 09:00-17:00",
        True,
    )
    assert any("24 hours notation" in w for w in review.warnings)
    assert any("Please remove this empty rule" in w for w in review.warnings)
    assert review.warnings[0].startswith("near 'Mo-Fr 9am': ")
    plain = hours.review_opening_hours("Mo-Fr 09:00-17:00; PH off")
    assert (plain.rewritten, plain.warnings) == (False, ())


def test_open_end_is_evaluated_by_the_reference() -> None:
    value = "Mo-Fr 09:00-12:00,14:00-17:00+"
    assert hours.validate_opening_hours(value) == value
    assert compile_opening_hours(value).by_reference
    assert not compile_opening_hours("Mo-Fr 09:00-12:00").by_reference
    # As opening_hours.js answers at an instant (its golden answers pin the same): unknown
    # with its comment where the open end starts, closed again once its guessed end is past.
    guessed = "Specified as open end. Closing time was guessed."
    assert hours.state_at(value, at("2026-11-23T17:00:00+01:00")) == (
        OpeningState.UNKNOWN,
        guessed,
    )
    assert hours.state_at(value, at("2026-11-23T17:30:00+01:00")) == (
        OpeningState.CLOSED,
        guessed,
    )
    assert hours.state_at("Mo-Fr 17:00+", at("2026-11-23T21:00:00+01:00")) == (
        OpeningState.UNKNOWN,
        guessed,
    )
    opening = hours.compute_opening(opening_hours=value, at=at("2026-11-23T10:00:00+01:00"))
    assert opening.state is OpeningState.OPEN
    assert opening.closes_at == at("2026-11-23T12:00:00+01:00")


def test_sun_times_are_accepted_and_need_the_place() -> None:
    # Accepted as opening_hours.js accepts them; where there is no place, the write service
    # refuses them (services.editing.rules.check_sun_times).
    assert hours.validate_opening_hours("Mo-Fr sunrise-sunset") == "Mo-Fr sunrise-sunset"
    assert hours.validate_opening_hours("Mo-Fr dawn-dusk;") == "Mo-Fr dawn-dusk"
    assert hours.needs_coordinates("Mo-Fr dawn-dusk")
    assert not hours.needs_coordinates('Mo-Fr 09:00-12:00 "pas avant sunrise"')


def test_validation_strips_and_refuses_empty() -> None:
    assert hours.validate_opening_hours("  Mo-Fr 09:00-17:00 \n") == "Mo-Fr 09:00-17:00"
    with pytest.raises(hours.InvalidOpeningHours, match="empty"):
        hours.validate_opening_hours("  ")


def test_text_inside_comments_is_not_syntax() -> None:
    value = 'Mo-Fr 09:00-12:00 open "pas de || ni 17:00+ ni sunrise ici"'
    assert hours.validate_opening_hours(value) == value
    assert hours.state_at(value, at("2026-11-23T10:00:00+01:00")) == (
        OpeningState.OPEN,
        "pas de || ni 17:00+ ni sunrise ici",
    )


def test_parsed_values_are_cached() -> None:
    value = "Mo-Fr 09:00-12:30,13:30-16:00; Sa 10:00-11:45"
    compile_opening_hours.cache_clear()
    hours.state_at(value, at("2026-11-23T10:00:00+01:00"))
    first = compile_opening_hours(value)
    hours.compute_opening(opening_hours=f"  {value} ", at=at("2026-11-23T10:00:00+01:00"))
    hours.calendar(opening_hours=value, start=date(2026, 11, 23), days=1)
    info = compile_opening_hours.cache_info()
    assert (info.misses, info.hits) == (1, 3)
    assert compile_opening_hours(value) is first
    assert info.maxsize is not None and info.maxsize >= 1000


# --- purity -----------------------------------------------------------------------------------


def test_the_package_is_pure() -> None:
    code = (
        "import sys, api.hours; "
        "banned = {'fastapi', 'starlette', 'pydantic', 'sqlalchemy', 'sqlmodel', 'psycopg'}; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in banned or m == 'api.db'))"
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
    for source in (root / "api" / "hours").glob("*.py"):
        text = source.read_text(encoding="utf-8")
        assert ".now(" not in text and ".today(" not in text and "time.time(" not in text


def test_stored_value_the_validator_refuses_reads_as_unknown() -> None:
    # e.g. written by hand in the database: never a server error, never a guess.
    value = "Mo-Fx 09:00-17:00"
    at = datetime(2026, 11, 23, 10, 0, tzinfo=BRUSSELS)
    with pytest.raises(hours.InvalidOpeningHours):
        hours.validate_opening_hours(value)
    assert hours.state_at(value, at) == (OpeningState.UNKNOWN, None)
    opening = hours.compute_opening(opening_hours=value, at=at)
    assert (opening.state, opening.closes_at, opening.next_opens_at) == (
        OpeningState.UNKNOWN,
        None,
        None,
    )
    assert all(
        day.state is OpeningState.UNKNOWN
        for day in hours.calendar(opening_hours=value, start=at.date(), days=2)
    )


def test_sun_times_are_computed_at_the_place() -> None:
    # The engine evaluates sun times where the place is (opening_hours.js with its
    # coordinates); without them, unknown.
    value = "Mo-Fr sunrise-sunset"
    monday = at("2026-11-23T07:00:00+01:00")
    brussels = hours.compute_opening(opening_hours=value, at=monday, coordinates=(50.85, 4.35))
    arlon = hours.compute_opening(opening_hours=value, at=monday, coordinates=(49.68, 5.82))
    assert brussels.next_opens_at == at("2026-11-23T08:11:00+01:00")
    assert arlon.next_opens_at == at("2026-11-23T08:00:00+01:00")
    assert hours.state_at(value, at("2026-11-23T08:05:00+01:00"), coordinates=(49.68, 5.82)) == (
        OpeningState.OPEN,
        None,
    )
    assert hours.needs_coordinates(value) and not hours.needs_coordinates("Mo-Fr 09:00-17:00")
    assert hours.compute_opening(opening_hours=value, at=monday).state is OpeningState.UNKNOWN


def test_a_night_into_a_day_with_its_own_rule_goes_to_the_reference() -> None:
    value = "Mo,Tu,We,Th,Fr,Su 11:00-01:00; Sa 11:00-02:00"
    assert spills_into_a_covered_day(value)
    assert compile_opening_hours(value).by_reference
    # Saturday's night runs until 02:00 on Sunday, as opening_hours.js says.
    assert hours.state_at(value, at("2026-11-29T01:59:00+01:00"))[0] is OpeningState.OPEN
    assert not spills_into_a_covered_day("Mo-Sa 17:15-01:00, PH,Su 17:15-24:00")
    assert not spills_into_a_covered_day("Mo-Fr 09:00-17:00; Sa 10:00-12:00")
    assert spills_into_a_covered_day("Mo-Fr 20:00-02:00; Sa 10:00-12:00")
