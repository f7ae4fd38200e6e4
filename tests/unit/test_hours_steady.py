"""How long an opening holds (``hours.compute_steady_opening``), and the openings held
across minutes on that promise (``api.services.index.held``): whatever later minute is
given a held opening must get exactly what ``compute_opening`` computes there."""

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from api import hours
from api.hours import BRUSSELS, Closure, OpeningState
from api.services.index.held import HeldOpenings
from api.services.nearest.arrival import arrival_told_by, open_during_minute

SUITE = Path(__file__).resolve().parents[1] / "data" / "opening_hours_js_suite_be.jsonl"

# Values with sun times, as the suite and the synthetic set have them, and the awkward ones:
# a sunrise after the fixed end (a night that wraps in winter), nights, offsets.
SUN_VALUES = [
    "sunrise-sunset",
    "Mo dawn-dusk",
    "(sunrise+01:02)-(sunset-00:30)",
    'sunrise-sunset open "Beware of sunburn!"',
    "Mo-Su sunset-sunrise",
    "Mo-Su 19:00-sunrise",
    "Mo-Su sunset-07:22",
    "(sunrise+02:00)-sunset",
    "sunrise-08:02",
    "sunrise-15:00",
    "dawn-dusk; PH off",
    "Mo-Fr 08:00-sunset; Sa sunrise-12:00",
]
PLACES = [(49.6833, 5.8167), (51.2300, 2.9200), (50.8466, 4.3528)]  # Arlon, Ostend, Brussels
STARTS = [
    datetime(2026, 12, 4, 7, 40, tzinfo=BRUSSELS),  # before a winter sunrise
    datetime(2026, 12, 4, 16, 20, tzinfo=BRUSSELS),  # before a winter sunset
    datetime(2026, 6, 21, 21, 30, tzinfo=BRUSSELS),  # a summer evening
    datetime(2026, 3, 28, 23, 10, tzinfo=BRUSSELS),  # the night clocks go forward
    datetime(2026, 10, 25, 1, 50, tzinfo=BRUSSELS),  # the night clocks go back
    datetime(2026, 12, 24, 18, 0, tzinfo=BRUSSELS),  # the eve of a public holiday
]
MINUTE = timedelta(minutes=1)
LAST_INSTANT = timedelta(seconds=59, microseconds=999_999)


def _later_minutes(start: datetime, until: datetime) -> list[datetime]:
    """Minutes after ``start`` that end before ``until``: the next, the middle, the last."""
    last = until.astimezone(BRUSSELS).replace(second=0, microsecond=0)
    if last + LAST_INSTANT >= until:
        last -= MINUTE
    middle = start + (last - start) / 2
    return sorted(
        {m.replace(second=0, microsecond=0) for m in (start + MINUTE, middle, last)} - {start},
    )


def _check_holds(value: str, place: hours.Coordinates | None, closures: list[Closure]) -> int:
    checked = 0
    for start in STARTS:
        steady = hours.compute_steady_opening(
            opening_hours=value, at=start, closures=closures, coordinates=place
        )
        assert steady.opening == hours.compute_opening(
            opening_hours=value, at=start, closures=closures, coordinates=place
        )
        if steady.until is None:
            continue
        assert steady.until > start
        for minute in _later_minutes(start, steady.until):
            if minute >= steady.until:
                continue
            for instant in (minute, minute + LAST_INSTANT):
                later = hours.compute_opening(
                    opening_hours=value, at=instant, closures=closures, coordinates=place
                )
                assert later == steady.opening, (value, place, start, instant)
                if not closures:
                    state = hours.state_at(value, instant, coordinates=place)[0]
                    assert state is steady.opening.state, (value, place, start, instant)
            checked += 1
    return checked


@pytest.mark.parametrize("value", SUN_VALUES)
def test_a_sun_time_opening_holds_until_its_first_stretch_ends(value: str) -> None:
    assert hours.walks_alike(value)
    checked = sum(_check_holds(value, place, []) for place in PLACES)
    assert checked > 0  # some later minutes were compared


def test_an_opening_holds_with_closures_until_the_next_midnight() -> None:
    closures = [Closure(date(2026, 12, 5), date(2026, 12, 6), "Fermeture")]
    for value in ("sunrise-sunset", "Mo-Su sunset-sunrise", "Mo-Fr 09:00-12:00"):
        for place in PLACES[:1]:
            _check_holds(value, place, closures)
    steady = hours.compute_steady_opening(
        opening_hours="Mo-Su sunset-sunrise",
        at=datetime(2026, 12, 4, 20, 0, tzinfo=BRUSSELS),
        closures=closures,
        coordinates=PLACES[0],
    )
    # Open through the night, but the closure day begins at midnight.
    assert steady.opening.state is OpeningState.OPEN
    assert steady.until == datetime(2026, 12, 5, 0, 0, tzinfo=BRUSSELS)


# Walks of 0 minutes to 7 hours (the arrival check's range within 25 km).
WALKS = [timedelta(minutes=m) for m in (0, 1, 9, 31, 67, 133, 251, 419)]


def _told_on_arrival(value: str, places: list[hours.Coordinates | None]) -> int:
    # The arrival check answers from the opening at ``at`` (no evaluation) when the
    # opening tells: it must say what evaluating says.
    told = 0
    for place in places:
        for start in STARTS:
            opening = hours.compute_opening(opening_hours=value, at=start, coordinates=place)
            changes = [c for c in (opening.closes_at, opening.next_opens_at) if c is not None]
            # Arrivals well after, and around the next change (its minute and the one
            # before), in elapsed time as the arrival check counts them.
            utc = start.astimezone(UTC)
            instants = [utc + walk for walk in WALKS] + [
                c.astimezone(UTC) + delta
                for c in changes
                for delta in (-MINUTE - timedelta(seconds=1), -timedelta(seconds=1), MINUTE)
            ]
            arrivals = [i.astimezone(BRUSSELS) for i in instants if i >= utc]
            for arrival in arrivals:
                answer = arrival_told_by(opening, arrival)
                if answer is None:
                    continue
                told += 1
                evaluated = open_during_minute(value, arrival, place, {})
                assert answer is evaluated, (value, place, start, arrival)
    return told


@pytest.mark.parametrize("value", SUN_VALUES)
def test_an_opening_tells_the_state_on_arrival_until_its_next_change(value: str) -> None:
    assert _told_on_arrival(value, PLACES[:2]) > 20  # the opening told most arrivals


def test_an_opening_does_not_tell_an_arrival_in_the_repeated_autumn_hour_after_it() -> None:
    # 02:30 in summer time comes before 02:15 in winter time, an hour later.
    closes = datetime(2026, 10, 25, 2, 30, tzinfo=BRUSSELS)
    opening = hours.Opening(OpeningState.OPEN, closes, None, None)
    arrival = datetime(2026, 10, 25, 2, 15, fold=1, tzinfo=BRUSSELS)
    assert arrival.astimezone(UTC) > closes.astimezone(UTC)
    assert arrival_told_by(opening, arrival) is None
    assert arrival_told_by(opening, arrival.replace(fold=0)) is True


def test_the_suite_s_openings_tell_the_state_on_arrival() -> None:
    values = sorted({json.loads(line)["value"] for line in SUITE.read_text().splitlines()})
    alike = [v for v in values if hours.walks_alike(v) and not hours.needs_coordinates(v)]
    assert sum(_told_on_arrival(value, [None]) for value in alike) > 1000


def test_the_suite_s_values_hold_as_promised() -> None:
    values = sorted({json.loads(line)["value"] for line in SUITE.read_text().splitlines()})
    checked = sum(
        _check_holds(value, None, []) for value in values if not hours.needs_coordinates(value)
    )
    assert checked > 200


def test_unknown_and_open_ended_answers_are_not_promised_beyond_their_minute() -> None:
    at = datetime(2026, 12, 4, 10, 0, tzinfo=BRUSSELS)
    assert hours.compute_steady_opening(opening_hours=None, at=at).until is None
    comment_only = hours.compute_steady_opening(opening_hours='Mo-Fr "sur rendez-vous"', at=at)
    assert comment_only.opening.state is OpeningState.UNKNOWN
    assert comment_only.until is None
    assert not hours.walks_alike("sunrise-14:00+")
    assert not hours.walks_alike("(sunrise+01:00)+")
    assert not hours.walks_alike('sunrise-sunset || "sur rendez-vous"')
    assert hours.walks_alike('(sunrise+01:00)-sunset "a+b||c"')


def test_held_openings_are_given_only_within_what_they_hold_for() -> None:
    held = HeldOpenings()
    place = PLACES[2]
    start = datetime(2026, 12, 4, 10, 0, tzinfo=BRUSSELS)
    opening, whole = held.opening(
        value="sunrise-sunset", minute=start, closures=(), coordinates=place
    )
    assert whole and opening.state is OpeningState.OPEN and len(held) == 1
    assert opening.closes_at is not None
    key = ("sunrise-sunset", (), place)
    assert held.get(key, start + timedelta(minutes=30)) == opening
    assert held.get(key, start - MINUTE) is None  # never before it was computed
    sunset_minute = opening.closes_at.replace(second=0, microsecond=0)
    assert held.get(key, sunset_minute) is None  # the minute of the change
    assert held.get(key, sunset_minute - MINUTE) == opening
    assert held.hits == 2
    # Open ends are computed every time, never held.
    held.opening(value="sunrise-14:00+", minute=start, closures=(), coordinates=place)
    assert len(held) == 1


def test_held_openings_start_afresh_when_full() -> None:
    held = HeldOpenings(at_most=2)
    start = datetime(2026, 12, 4, 10, 0, tzinfo=BRUSSELS)
    for place in PLACES:
        held.opening(value="sunrise-sunset", minute=start, closures=(), coordinates=place)
    assert len(held) == 1


def test_a_held_opening_is_not_given_before_it_was_computed_in_the_autumn_hour() -> None:
    held = HeldOpenings()
    place = PLACES[2]
    value = "Mo-Su sunset-sunrise"
    # 02:10 in winter time, then 02:45 in summer time: half an hour earlier.
    computed = datetime(2026, 10, 25, 2, 10, fold=1, tzinfo=BRUSSELS)
    earlier = datetime(2026, 10, 25, 2, 45, fold=0, tzinfo=BRUSSELS)
    opening, whole = held.opening(value=value, minute=computed, closures=(), coordinates=place)
    assert whole and opening.state is OpeningState.OPEN and len(held) == 1
    later = (computed.astimezone(UTC) + timedelta(minutes=10)).astimezone(BRUSSELS)
    assert held.get((value, (), place), later) == opening
    assert held.get((value, (), place), earlier) is None
