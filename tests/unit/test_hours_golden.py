"""Our engine against opening_hours.js, the reference (tests/golden/opening_hours_js.json).

Regenerate the reference with ``make golden`` (``cd tools/golden && npm ci &&
TZ=Europe/Brussels node generate.mjs > ../../tests/golden/opening_hours_js.json``).

Every value in the file is either evaluated exactly as opening_hours.js does (state, comment,
``closes_at``, ``next_opens_at`` at each instant; open/unknown intervals over three windows),
by opening-hours-py or, for the constructs it cannot follow (``BY_REFERENCE``), by
opening_hours.js itself in the process; or listed below with the reason it is not: refused on
input (``REFUSED``), corrected with a witness where opening-hours-py alone would be wrong
(``CORRECTED``), or a bug of opening_hours.js we do not copy (``NOT_FOLLOWED``). Each list is
pinned by its own test.
"""

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from opening_hours import OpeningHours, State

from api import hours
from api.hours import BRUSSELS
from api.hours.reference import ReferenceHours
from api.hours.syntax import compile_opening_hours

GOLDEN_PATH = Path(__file__).resolve().parents[1] / "golden" / "opening_hours_js.json"
GOLDEN: dict[str, Any] = json.loads(GOLDEN_PATH.read_text(encoding="utf-8"))
CASES: dict[str, dict[str, Any]] = {case["value"]: case for case in GOLDEN["cases"]}
SKIPPED: dict[str, str] = {item["value"]: item["error"] for item in GOLDEN["skipped"]}

# Why a value is refused -> a fragment of the message ``validate_opening_hours`` gives.
# opening_hours.js parses it, then throws when evaluating it (no Belgian school holidays).
SCHOOL_HOLIDAYS = "opening_hours.js refuses it"

# Where the golden file's sun times are computed (its "nominatim"): the values with sunrise,
# sunset, dawn or dusk are evaluated at the place's coordinates, here this one.
BRUSSELS_POINT = (50.85, 4.35)

REFUSED: dict[str, str] = {
    "Mo-Fr 09:00-17:00; SH off": SCHOOL_HOLIDAYS,
}

# Accepted values that opening-hours-py cannot evaluate as opening_hours.js does (syntax it cannot
# parse, fallback "||", open end "+", ranges from or to easter, PH with a day offset): evaluated
# by opening_hours.js itself in the process (api.hours.reference), pinned by
# ``test_evaluated_by_the_reference``.
BY_REFERENCE: list[str] = [
    "Mo12:00-14:00",
    "We22:00-22:00",
    "Su-Tu 11:00-01:00, We-Th11:00-03:00, Fr 11:00-06:00, Sa 11:00-07:00",
    "easter -7 days-Nov 01: Tu-Sa 10:00-12:00,13:30-17:00; Su,PH 11:00-17:00",
    "Easter - 7days - Nov 01: Tu-Sa 10:00-12:00, 13:30-17:00; Su, PH 11:00-17:00",
    "Easter -7 day-Nov 01: Tu-Sa 10:00-12:00,13:30-17:00; Su,PH 11:00-17:00",
    "Easter - 07 days - Nov 01: Tu-Sa 10:00-12:00, 13:30-17:00; Su, PH 11:00-17:00",
    'We-Fr 10:00-24:00 open "it is open" || "please call"',
    'We-Fr 10:00-24:00 open "it is open" || "please call" || closed "should never appear"',
    'We-Fr 10:00-24:00 open "it is open" || "please call" || unknown "should never appear"',
    'We-Fr 10:00-24:00 open "it is open" || "please call" || open "should never appear"',
    'We-Fr 10:00-24:00 open "first" || We "please call" || open "we are open!!!"',
    'Mo-Fr 08:00-12:00,14:00-18:00; Sa 09:00-13:00; PH off || Tu 06:00-06:00 open "Notdienst"',
    'Mo-Fr 08:00-11:00 || Th-Sa 12:00-13:00 open "Emergency only"',
    'Mo,Tu,Th 09:00-12:00; Fr 14:00-17:30 || "Termine nach Vereinbarung"; We off',
    'Mo-Fr 10:00-20:00 unknown "Maybe"; We "Maybe open. Call us." 10:00-16:00',
    'Mo-Fr 10:00-20:00 unknown "Maybe"; "Maybe open. Call us." We 10:00-16:00',
    'Mo 19:00-05:00 || "Sonderführungen nach Vereinbarung."',
    'Fr 08:00-12:00 || Fr 12:00-16:00 open "Notfallsprechstunde"',
    'Mo 11:00-14:30 "specific unknown for this time" || "general unknown"',
    'Mo 11:00-14:30 "specific unknown for this time"|| "general unknown"',
    'Mo-Fr 11:00-14:00 "Mittagessen" open',
    "Tu-We 09:00-12:30,14:00-18:00; Th 09:00-12:30,:15:00-18:00, Fr 09:00-12:30, 14:00-18:00; "
    "Sa 09:00-12:30,13:30-16:30",
    "Tu 23:59-40:00+",
    '07:00+ open "visit there website to know if they did already close"',
    '07:00+ unknown "visit there website to know if they did already close"',
    "17:00+",
    "15:00-16:00 off; 17:00+",
    "17:00+ off",
    "17:00+off",
    "07:00+,12:00-16:00",
    "07:00+,12:00-13:00,13:00-16:00",
    '07:00+,12:00-16:00; 16:00-24:00 closed "needed because of open end"',
    "05:00-06:00,06:45-07:00+,13:00-16:00",
    "06:45-07:00+,05:00-06:00,13:00-16:00",
    "06:45-07:00+,05:00-06:00,13:00-14:00,14:00-16:00",
    "13:00-17:00+",
    "13:00-17:00,17:00+",
    "13:00-02:00,17:00+",
    "13:00-17:00 open, 17:00+",
    "14:00-17:00+",
    "Mo 22:00-04:00+",
    "Mo 22:00-28:00+",
    'Fr 11:00-24:00+ open "geöffnet täglich von 11:00 Uhr bis tief in die Nacht"',
    'Fr 11:00-24:00+ open"geöffnet täglich von 11:00 Uhr bis tief in die Nacht"',
    'Fr 11:00-24:00+open "geöffnet täglich von 11:00 Uhr bis tief in die Nacht"',
    'Fr 11:00-24:00+open"geöffnet täglich von 11:00 Uhr bis tief in die Nacht"',
    'Fr11:00-24:00+open"geöffnet täglich von 11:00 Uhr bis tief in die Nacht"',
    'week 01,03 00:00-24:00 || closed "should not change the test result"',
    "week 01,week 03: 00:00-24:00",
    "Jan 01-31/8 00:00-24:00",
    "Jan 01-31/8: 00:00-24:00",
    "Jan Su[-2]-Jan Su[-1],Feb Su[-2]-Feb Su[-1]: Fr-Su 12:00+; Mar 01-Dec 31: Tu-Su 12:00+; "
    "Dec 24-26,Dec 31: off",
    'Mo 19:00+; We 14:00+; Su 10:00+ || "Führung, Sonderführungen nach Vereinbarung."',
    'Mo 19:00+ || "Sonderführungen nach Vereinbarung."',
    "Mo,Tu,Th-Su,PH 00:00-24:00; Jun-Aug We 11:00-14:00,17:00+",
    'Apr 05-easter -1 day: open "Before easter"',
    'easter-Apr 20: open "Around easter"',
    'easter-Apr 02: open "Around easter"',
    'easter -2 days-easter +2 days: open "Around easter"',
    'easter -2 days-easter +2 days open "Around easter"',
    "Mo-Fr 09:00-17:00 || unknown",
    "Mo-Fr 09:00-17:00; PH +1 day off",
    # crafted for issue 11 (open end, fallback, PH offset, easter range, nights into a day
    # with its own rule)
    "Mo-Fr 09:00-12:00,14:00-17:00+",
    'Mo-Fr 09:00-17:00 || "sur rendez-vous"',
    "Mo-Fr 09:00-17:00; PH off; PH +1 day 10:00-12:00",
    "Mo-Fr 20:00-02:00; Sa 10:00-12:00",
    "Mo-Sa 22:00+; PH off",
    "Mo-Th,Su 11:00-01:00; Fr,Sa 11:00-03:00",
    "easter -2 days-easter +1 day off; Mo-Fr 09:00-17:00",
    "Sa[-1] +3 day 10:00-12:00",
    "Sa[-1] +3 days 10:00-12:00",
    # an nth weekday with a day offset
    "Apr-Oct: Su[2] 14:00-18:00; Aug Su[-1] -1 day 10:00-18:00, Aug: Su[-1] 10:00-18:00",
    "Apr-Oct: Su[2] 14:00-18:00; Aug Su[-1] -1 day 10:00-18:00; Aug: Su[-1] 10:00-18:00",
    "Feb: Su[5] -1 day 12:00-22:00",
    "Sa[-1],Sa[-1] +1 day 10:00-12:00",
    "Sa[2] +3 days 10:00-12:00",
    # sunrise, sunset, dawn, dusk: at the place's coordinates
    "(sunrise+01:00)+",
    "(sunrise+01:02)-(sunset-00:30)",
    "(sunrise+02:00)-sunset",
    "14:00-sunset+",
    "Mo dawn-dusk",
    "Mo sunrise-sunset",
    "Mo-Fr sunrise-sunset; PH off",
    "Mo-Su (sunrise-00:30)-(sunset+00:30)",
    "Mo-Su 19:00-sunrise",
    "Mo-Su dusk-dawn",
    "Mo-Su sunset-07:22",
    "Mo-Su sunset-sunrise",
    "dawn-dusk",
    "sunrise+",
    "sunrise-(sunset+01:00)+",
    "sunrise-05:59",
    "sunrise-06:00",
    "sunrise-07:58",
    "sunrise-08:00",
    "sunrise-08:02",
    "sunrise-09:00",
    "sunrise-14:00 open, 14:00+",
    "sunrise-14:00+",
    "sunrise-14:00,14:00+",
    "sunrise-15:00",
    "sunrise-sunset",
    'sunrise-sunset open "Beware of sunburn!"',
    "sunset-sunrise",
]


# Values opening_hours.js cannot evaluate everywhere that we evaluate anyway, and why; the
# windows where it answers otherwise are pinned by ``test_accepted_where_the_reference_fails``.
JS_FAILS: dict[str, str] = {
    "02:15-02:45": "opening_hours.js loops ('Fatal: infinite loop in nextChange') in the "
    "repeated autumn hour and gives nothing on the spring DST day, where both ends fall in the "
    "missing hour; we read both times as JavaScript Date does (03:15-03:45 summer time)",
}
JS_FAILS_WINDOWS = {("02:15-02:45", "2027-03-26T00:00:00+01:00")}

# Where opening-hours-py alone differs from opening_hours.js and the engine corrects it:
# (value, instant of the golden file where the library alone is wrong, kind of correction).
BARE_COMMENT = "a comment without state keyword is unknown"
HOLIDAY_NAME = "a matching PH rule without comment has the holiday name as comment"
EASTER_SUNDAY = "Easter Sunday is not a Belgian public holiday"
DST = "a boundary in the spring gap or the autumn repeated hour, placed as JavaScript Date"
WALK = "closes_at/next_opens_at cross comment-only changes, where next_change stops"

CORRECTED: list[tuple[str, str, str]] = [
    ("Mo-Fr 12:00-18:00; We off; Sa,PH 12:00-17:00; Th[3],Th[-1] off",
     "2027-03-28T12:00:00+02:00", EASTER_SUNDAY),
    ('Mo,Tu 10:00-16:00 open "no warranty"; We 12:00-18:00 open "female only"; Th closed "Not '
     'open because we are coding :)"; Fr 10:00-16:00 open "male only"; Sa 10:00-12:00 "Maybe '
     'open. Call us."', "2026-11-28T11:00:00+01:00", BARE_COMMENT),
    ("Sa 10:00-12:00 \"Maybe open. Call us. (testing special tokens in comment: ; ;; ' || | "
     'test end)"', "2026-11-28T11:00:00+01:00", BARE_COMMENT),
    ('Mo-Fr 10:00-20:00 unknown "Maybe"; We 10:00-16:00 "Maybe open. Call us."',
     "2026-11-11T10:00:00+01:00", BARE_COMMENT),
    ('Mo 12:00-14:00 open "female only", Mo 14:00-16:00 open "male only"',
     "2026-11-23T12:30:00+01:00", WALK),
    ("Mo,Tu,Th,Fr 12:00-18:00; Sa,PH 12:00-17:00; Th[3] off; Th[-1] off",
     "2027-03-28T12:00:00+02:00", EASTER_SUNDAY),
    ("Mo,Tu,Th,Fr 12:00-18:00; Sa,PH 12:00-17:00; Th[3],Th[-1] off",
     "2027-03-28T12:00:00+02:00", EASTER_SUNDAY),
    ('Mo-Fr 07:00-19:30; Sa-Su 08:00-19:30 open, 19:30-21:00 open "No new laundry loads in"; '
     "Nov Th[4] off; Dec 25 off", "2026-11-23T10:00:00+01:00", WALK),
    ('Fr 08:00-12:00, Fr 12:00-16:00 open "Notfallsprechstunde"',
     "2026-12-25T10:00:00+01:00", WALK),
    ("Mo-Fr 10:00-20:00; PH off", "2026-11-11T10:00:00+01:00", HOLIDAY_NAME),
    ('Mo 11:00-14:30 "specific unknown for this time"', "2026-11-23T12:30:00+01:00",
     BARE_COMMENT),
    ("Jul-Aug Mo-Su,PH 00:00-24:00", "2027-07-21T10:00:00+02:00", HOLIDAY_NAME),
    ("22:00-02:00", "2026-10-25T01:30:00+02:00", DST),
    ("22:00-26:00", "2026-10-25T01:30:00+02:00", DST),
    ("open; PH off", "2026-11-11T10:00:00+01:00", HOLIDAY_NAME),
    ("open; PH off", "2027-03-28T12:00:00+02:00", EASTER_SUNDAY),
    ("PH 12:00-13:00", "2027-03-28T12:00:00+02:00", EASTER_SUNDAY),
    ('PH 12:00-13:00 open "this comment should override the holiday name which is returned as '
     'comment if PH matches."', "2027-03-28T12:00:00+02:00", EASTER_SUNDAY),
    ('"general unknown"', "2026-11-23T10:00:00+01:00", BARE_COMMENT),
    ("Mo,PH off", "2026-11-11T10:00:00+01:00", HOLIDAY_NAME),
    ("Mo-Fr 09:00-17:00; PH off", "2026-11-11T10:00:00+01:00", HOLIDAY_NAME),
    ("Mo-Fr 09:00-17:00; PH off", "2026-12-25T10:00:00+01:00", HOLIDAY_NAME),
    ("Mo-Fr 08:30-17:00; PH off", "2026-11-11T10:00:00+01:00", HOLIDAY_NAME),
    ('Sa "sur rendez-vous"', "2026-11-28T11:00:00+01:00", BARE_COMMENT),
    ('Mo-Fr 08:00-12:00 "sur rendez-vous"', "2026-11-23T10:00:00+01:00", BARE_COMMENT),
    ("Su 10:00-12:00; PH off", "2026-11-11T10:00:00+01:00", HOLIDAY_NAME),
    ("Mo-Sa 09:00-17:00; PH 10:00-12:00", "2026-11-11T10:00:00+01:00", HOLIDAY_NAME),
    ('Mo-Fr 09:00-12:00 "accueil"; PH off', "2026-11-23T10:00:00+01:00", BARE_COMMENT),
    ('Mo-Fr 09:00-12:00,13:00-16:00; Sa 09:00-12:00 "sur rendez-vous"; PH off',
     "2026-11-28T11:00:00+01:00", BARE_COMMENT),
    ('Mo-Fr 08:30-12:00 open "sans rendez-vous", Mo-Fr 13:00-16:00 "sur rendez-vous"; PH off',
     "2026-11-24T15:00:00+01:00", BARE_COMMENT),
    ("Mo-Fr 09:00-17:00; PH 10:00-12:00 unknown", "2026-11-11T10:00:00+01:00", HOLIDAY_NAME),
    ("01:00-02:30", "2026-10-25T01:30:00+02:00", DST),
    ("01:00-02:30", "2027-03-28T01:30:00+01:00", DST),
    ("02:30-04:00", "2026-10-25T01:30:00+02:00", DST),
    ("02:30-04:00", "2027-03-28T01:30:00+01:00", DST),
    ("02:00-03:00", "2026-10-25T01:30:00+02:00", DST),
    ("Sa 20:00-02:00", "2026-10-25T01:30:00+02:00", DST),
]  # fmt: skip

# Bugs of opening_hours.js that we do not copy: (value, window start, instant range where the
# reference differs, what it says there, why).
DST_WRAP_BUG = (
    "opening_hours.js shifts a rule that runs past midnight to the next day by 24 hours of "
    "elapsed time (src/index.js, generateDateShifter(..., -msec_in_day)); after the 23-hour "
    "spring-forward Sunday, Monday 00:00-01:00 is read from Saturday's rule, not Sunday's"
)
NOT_FOLLOWED: list[tuple[str, str, str, str, str, str]] = [
    ("Mo-Sa 17:15-01:00, PH,Su 17:15-24:00", "2027-03-26T00:00:00+01:00",
     "2027-03-29T00:00:00+02:00", "2027-03-29T01:00:00+02:00", "open", DST_WRAP_BUG),
    ("Su 22:00-01:30", "2027-03-26T00:00:00+01:00",
     "2027-03-29T00:00:00+02:00", "2027-03-29T01:00:00+02:00", "closed", DST_WRAP_BUG),
]  # fmt: skip
NOT_FOLLOWED_WINDOWS = {(value, window) for value, window, *_ in NOT_FOLLOWED}
# The same bug at single instants of the golden file: (value, instant) -> why.
NOT_FOLLOWED_INSTANTS: dict[tuple[str, str], str] = {
    ("Sa 20:00-02:00", "2027-03-29T00:30:00+02:00"): DST_WRAP_BUG,
    ("Tu-Sa 09:00-06:00", "2027-03-29T00:30:00+02:00"): DST_WRAP_BUG,
    # Walking from before the spring day: opening_hours.js skips it (see JS_FAILS).
    ("02:15-02:45", "2027-03-27T11:00:00+01:00"): JS_FAILS["02:15-02:45"],
    ("02:15-02:45", "2027-03-28T01:30:00+01:00"): JS_FAILS["02:15-02:45"],
}
# Night-long sun values in the spring week: opening_hours.js' getOpenIntervals ends Monday's
# night at Sunday's sunrise (the same 24-hour shift); its iterator, which guichets follows,
# at Monday's.
SUN_WRAP_WINDOWS = {
    (value, "2027-03-26T00:00:00+01:00")
    for value in (
        "sunset-sunrise",
        "Mo-Su sunset-sunrise",
        "Mo-Su 19:00-sunrise",
        "Mo-Su dusk-dawn",
    )
}

# Sun times: accepted (a write refuses them only where there is no place, services.editing.rules)
# and evaluated at the place's coordinates, here the golden file's point.
SUN_VALUES = sorted(value for value in CASES if hours.needs_coordinates(value))
ACCEPTED = sorted(value for value in CASES if value not in REFUSED)
# What the engine evaluates as opening_hours.js: every accepted value.
EVALUATED = ACCEPTED


def _place(value: str) -> tuple[float, float] | None:
    """The coordinates to evaluate ``value`` at: the golden file's point for sun times."""
    return BRUSSELS_POINT if hours.needs_coordinates(value) else None


def _answered(expected: dict[str, Any]) -> bool:
    """Whether opening_hours.js answered at that instant (it throws at a few, see
    tools/golden/generate.mjs): where it did not, there is nothing to compare with."""
    return "error" not in expected


def _not_followed(value: str, at: str) -> bool:
    """Whether ``at`` is where opening_hours.js shows a bug we do not copy (NOT_FOLLOWED)."""
    if (value, at) in NOT_FOLLOWED_INSTANTS:
        return True
    instant = datetime.fromisoformat(at)
    return any(
        v == value and datetime.fromisoformat(since) <= instant < datetime.fromisoformat(until)
        for v, _, since, until, *_ in NOT_FOLLOWED
    )


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _merged(days: list[hours.CalendarDay]) -> list[list[Any]]:
    """Calendar intervals joined across midnights, as opening_hours.js getOpenIntervals."""
    out: list[list[Any]] = []
    for day in days:
        for i in day.intervals:
            if out and out[-1][1] == i.start and out[-1][2:] == [i.state.value, i.comment]:
                out[-1][1] = i.end
            else:
                out.append([i.start, i.end, i.state.value, i.comment])
    return [[_iso(a), _iso(b), state, comment] for a, b, state, comment in out]


def _window_days(window: dict[str, Any]) -> tuple[date, int]:
    start = datetime.fromisoformat(window["from"]).date()
    end = datetime.fromisoformat(window["to"]).date()
    return start, (end - start).days


def test_golden_file_is_the_pinned_reference() -> None:
    lock = json.loads(
        (Path(__file__).resolve().parents[2] / "tools/golden/package-lock.json").read_text()
    )
    pinned = lock["packages"]["node_modules/opening_hours"]["version"]
    assert GOLDEN["library"] == f"opening_hours@{pinned}"
    assert GOLDEN["time_zone"] == "Europe/Brussels"
    assert GOLDEN["nominatim"]["address"]["country_code"] == "be"
    assert len(ACCEPTED) > 150 and len(GOLDEN["instants"]) >= 20


def test_every_value_is_accounted_for() -> None:
    assert set(REFUSED) <= set(CASES) | set(SKIPPED), "stale REFUSED entries"
    assert set(BY_REFERENCE) <= set(EVALUATED), "stale BY_REFERENCE entries"
    assert {v for v, *_ in CORRECTED} <= set(ACCEPTED)
    assert {v for v, *_ in NOT_FOLLOWED} <= set(ACCEPTED)
    assert set(SKIPPED) <= set(REFUSED) | set(JS_FAILS), "a value the JS throws on"
    for value in CASES:
        if value in REFUSED:
            continue
        canonical = hours.validate_opening_hours(value)
        # The canonical form is stored: it is canonical again, and says the same.
        assert hours.validate_opening_hours(canonical) == canonical
        place = _place(value)
        for expected in CASES[value]["instants"][:8]:
            at = datetime.fromisoformat(expected["at"])
            assert hours.state_at(canonical, at, coordinates=place) == hours.state_at(
                value, at, coordinates=place
            ), (value, at)


@pytest.mark.parametrize("value", ACCEPTED)
def test_canonical_form_is_the_references(value: str) -> None:
    """Every value is stored in the canonical form pinned in the golden file."""
    assert hours.validate_opening_hours(value) == CASES[value]["canonical"]


def test_sun_times_need_the_place() -> None:
    """Without coordinates, a value with sun times has no true answer: unknown."""
    sun = SUN_VALUES
    assert len(sun) >= 25
    at = datetime.fromisoformat("2026-11-23T12:30:00+01:00")
    for value in sun:
        assert hours.state_at(value, at) == (hours.OpeningState.UNKNOWN, None)


@pytest.mark.parametrize("value", sorted(REFUSED))
def test_refused(value: str) -> None:
    with pytest.raises(hours.InvalidOpeningHours) as caught:
        hours.validate_opening_hours(value)
    assert REFUSED[value] in caught.value.message


@pytest.mark.parametrize("value", BY_REFERENCE)
def test_evaluated_by_the_reference(value: str) -> None:
    """These go to opening_hours.js; the others stay on opening-hours-py (the read path's
    fast evaluator)."""
    assert isinstance(compile_opening_hours(value).main, ReferenceHours)


def test_plain_values_stay_on_the_fast_evaluator() -> None:
    fast = [v for v in ACCEPTED if v not in BY_REFERENCE and v not in SUN_VALUES]
    assert len(fast) > 150
    assert all(isinstance(compile_opening_hours(v).main, OpeningHours) for v in fast)


@pytest.mark.parametrize("value", sorted(JS_FAILS))
def test_accepted_where_the_reference_fails(value: str) -> None:
    assert hours.validate_opening_hours(value) == value
    (spring,) = [w for w in CASES[value]["intervals"] if (value, w["from"]) in JS_FAILS_WINDOWS]
    assert not any(i[0].startswith("2027-03-28") for i in spring["intervals"])

    def spans(day: date) -> list[tuple[str, str]]:
        (calendar_day,) = hours.calendar(opening_hours=value, start=day, days=1)
        return [(i.start.isoformat(), i.end.isoformat()) for i in calendar_day.intervals]

    # On the spring day both ends are read with the winter offset, as JavaScript Date would.
    assert spans(date(2027, 3, 28)) == [("2027-03-28T03:15:00+02:00", "2027-03-28T03:45:00+02:00")]
    assert spans(date(2027, 3, 29)) == [("2027-03-29T02:15:00+02:00", "2027-03-29T02:45:00+02:00")]


@pytest.mark.parametrize("value", EVALUATED)
def test_state_at_matches_opening_hours_js(value: str) -> None:
    mismatches = []
    for expected in CASES[value]["instants"]:
        at = datetime.fromisoformat(expected["at"])
        state, comment = hours.state_at(value, at, coordinates=_place(value))
        if not _answered(expected):
            # Never an error here: the reference's failure reads as unknown in-process.
            assert not compile_opening_hours(value).by_reference or state.value == "unknown"
            continue
        if _not_followed(value, expected["at"]):
            continue
        if (state.value, comment) != (expected["state"], expected["comment"]):
            mismatches.append((expected["at"], (state.value, comment), expected))
    assert mismatches == []


@pytest.mark.parametrize("value", EVALUATED)
def test_compute_opening_matches_opening_hours_js(value: str) -> None:
    mismatches = []
    for expected in CASES[value]["instants"]:
        opening = hours.compute_opening(
            opening_hours=value,
            at=datetime.fromisoformat(expected["at"]),
            coordinates=_place(value),
        )
        if not _answered(expected) or _not_followed(value, expected["at"]):
            continue
        got = {
            "state": opening.state.value,
            "comment": opening.comment,
            "closes_at": _iso(opening.closes_at),
            "next_opens_at": _iso(opening.next_opens_at),
        }
        if got != {key: expected[key] for key in got}:
            mismatches.append((expected["at"], got, expected))
    assert mismatches == []


@pytest.mark.parametrize("value", EVALUATED)
def test_calendar_matches_opening_hours_js(value: str) -> None:
    mismatches = []
    for window in CASES[value]["intervals"]:
        if (value, window["from"]) in NOT_FOLLOWED_WINDOWS | JS_FAILS_WINDOWS | SUN_WRAP_WINDOWS:
            continue
        start, days = _window_days(window)
        got = _merged(
            hours.calendar(opening_hours=value, start=start, days=days, coordinates=_place(value))
        )
        if got != window["intervals"]:
            mismatches.append((window["from"], got, window["intervals"]))
    assert mismatches == []


def _library_alone(value: str) -> OpeningHours:
    return OpeningHours(value, timezone=BRUSSELS, country="BE")


_LIBRARY_STATES = {State.OPEN: "open", State.CLOSED: "closed", State.UNKNOWN: "unknown"}


@pytest.mark.parametrize(("value", "at", "kind"), CORRECTED)
def test_corrected(value: str, at: str, kind: str) -> None:
    (expected,) = [r for r in CASES[value]["instants"] if r["at"] == at]
    instant = datetime.fromisoformat(at).astimezone(BRUSSELS)
    library = _library_alone(value)
    opening = hours.compute_opening(opening_hours=value, at=instant)
    if kind in (DST, WALK):
        # The library's own next change is not where opening_hours.js opens or closes.
        reference = expected["closes_at"] or expected["next_opens_at"]
        assert reference is not None
        assert library.next_change(instant) != datetime.fromisoformat(reference)
        assert _iso(opening.closes_at or opening.next_opens_at) == reference
    else:
        state, comment = library.state(instant)
        assert (_LIBRARY_STATES[state], comment or None) != (
            expected["state"],
            expected["comment"],
        )
        assert (opening.state.value, opening.comment) == (expected["state"], expected["comment"])
        assert hours.state_at(value, instant) == (opening.state, opening.comment)


@pytest.mark.parametrize(("value", "window", "since", "until", "reference", "why"), NOT_FOLLOWED)
def test_not_followed_reference_bug(
    value: str, window: str, since: str, until: str, reference: str, why: str
) -> None:
    (golden,) = [w for w in CASES[value]["intervals"] if w["from"] == window]
    start, days = _window_days(golden)
    ours = _merged(hours.calendar(opening_hours=value, start=start, days=days))

    def state_in(intervals: list[list[Any]], instant: datetime) -> str:
        for begin, end, state, _ in intervals:
            if datetime.fromisoformat(begin) <= instant < datetime.fromisoformat(end):
                return str(state)
        return "closed"

    low, high = datetime.fromisoformat(since), datetime.fromisoformat(until)
    instant = datetime.fromisoformat(golden["from"])
    differ = []
    while instant < datetime.fromisoformat(golden["to"]):
        theirs, mine = state_in(golden["intervals"], instant), state_in(ours, instant)
        if theirs != mine:
            differ.append(instant)
            assert low <= instant < high, (instant, why)
            assert theirs == reference
        instant += timedelta(minutes=15)
    assert differ, "the reference no longer shows the bug: move the value back"
    # Our answer inside that hour is the one of the neighbouring ordinary weeks.
    week_later = low + timedelta(days=7)
    assert hours.state_at(value, week_later)[0].value == state_in(ours, low)


@pytest.mark.parametrize(("value", "window"), sorted(SUN_WRAP_WINDOWS))
def test_sun_night_after_the_spring_change(value: str, window: str) -> None:
    """The one difference: the end of Sunday's night, Monday's sunrise (ours) against
    Sunday's (opening_hours.js' getOpenIntervals)."""
    (golden,) = [w for w in CASES[value]["intervals"] if w["from"] == window]
    start, days = _window_days(golden)
    ours = _merged(
        hours.calendar(opening_hours=value, start=start, days=days, coordinates=BRUSSELS_POINT)
    )
    differ = [(a, b) for a, b in zip(ours, golden["intervals"], strict=True) if a != b]
    assert len(differ) == 1
    (mine, theirs) = differ[0]
    assert mine[0] == theirs[0] and mine[1] < theirs[1]
    assert mine[1].startswith("2027-03-29T0") and theirs[1].startswith("2027-03-29T0")
    # Monday's sunrise is the one the reference gives at that instant itself.
    end = datetime.fromisoformat(mine[1])
    assert ReferenceHours(value, BRUSSELS_POINT).state(end.replace(tzinfo=None))[0] != State.OPEN
