"""Opening hours for Brussels: OSM ``opening_hours`` values, validated and evaluated.

A pure package: no web framework, no database, no clock. Every function that needs an instant
takes it as ``at``; every datetime returned is aware, in Europe/Brussels (``BRUSSELS``).

Semantics (DESIGN.md, "Opening hours: semantics"):

- The stored form is the OSM ``opening_hours`` string (https://wiki.openstreetmap.org/wiki/
  Key:opening_hours/specification) in the canonical form of opening_hours.js, given by
  ``validate_opening_hours``.
- The evaluator is opening-hours-py (``opening_hours.OpeningHours``, always with country
  ``"BE"``: without it ``PH`` silently never matches). The reference for every answer is the
  JavaScript library opening_hours.js (npm ``opening_hours``, version pinned in
  ``tools/golden/package.json``): where the two differ, this package corrects opening-hours-py
  or refuses the construct on input. ``tests/unit/test_hours_golden.py`` compares both on every
  value of ``tests/golden/opening_hours_js.json`` (regenerate with ``make golden``).
- ``PH`` is one of the ten Belgian national public holidays (``public_holiday``); regional or
  employer days off are closures.
- A state is ``open``, ``closed`` or ``unknown``; a rule with only a comment is ``unknown``.
- Closures (``Closure``) override the schedule.
- Parsed values are cached (``functools.lru_cache`` on the string, 4096 values).
- In words, in French, Dutch and English: ``describe_opening`` (the state as a sentence),
  ``describe_week`` (the typical week), ``describe_day`` (one calendar day); see
  ``api.hours.words``.

Differences from opening_hours.js
---------------------------------

Found by the golden comparison; each is pinned by a test in ``tests/unit/test_hours_golden.py``.

Corrected (we answer as opening_hours.js):

1. A comment without a state keyword (``Sa "sur rendez-vous"``, ``Mo-Fr 08:00-12:00 "sur
   rendez-vous"``): opening-hours-py says ``open``, opening_hours.js ``unknown``. The value is
   evaluated with ``unknown`` written before such comments.
2. Holiday names: when a ``PH`` rule without its own comment applies, opening_hours.js gives the
   holiday name as the comment (``"Kerstmis - Noël"``), opening-hours-py none. Such rules are
   evaluated with a marker comment replaced by the name of the day.
3. Easter Sunday: opening-hours-py counts it as a Belgian public holiday, opening_hours.js (and
   Belgian law) does not. On Easter Sunday the value is evaluated with ``PH`` never matching.
4. Daylight saving time: a boundary at a wall time that does not exist (02:30 on the spring
   day) is 03:30+02:00 in opening_hours.js (JavaScript ``Date``), 03:00 in opening-hours-py; a
   boundary in the repeated autumn hour is its first occurrence in opening_hours.js, the second
   in opening-hours-py. opening-hours-py is therefore given naive wall times (no ``timezone``
   argument) and the engine turns boundaries into instants as JavaScript does.
5. ``closes_at``/``next_opens_at`` walk the intervals: the library's ``next_change`` also stops
   where only the comment changes (``Mo 12:00-14:00 open "a", Mo 14:00-16:00 open "b"``).

Validation (``validate_opening_hours``, ``review_opening_hours``): opening_hours.js itself,
vendored and run in the process (``api.hours.reference``), decides; what it refuses is refused
with its message, what it accepts is stored in its canonical form (``prettifyValue``), and its
warnings are given to the editor.

Evaluated by opening_hours.js itself (``ReferenceHours``), because opening-hours-py cannot
parse them or evaluates them differently (decided per value, cached; reads stay on
opening-hours-py for every other value):

- what opening-hours-py cannot parse (``Jan 01-31/8``, ``Mo,We 24/7``, a comment before the
  selectors...);
- fallback rules ``||`` (applied per instant by opening_hours.js, per day by opening-hours-py);
- open end ``17:00+`` (opening_hours.js: unknown with a guessed closing time; opening-hours-py:
  open until midnight);
- date ranges from or to ``easter``; ``PH`` with a day offset; an nth weekday with a day
  offset (``Sa[-1] +3 days``); ``SH`` where opening_hours.js can evaluate it;
- a rule running past midnight into a day another ``;`` rule also selects
  (``Mo-Fr,Su 11:00-01:00; Sa 11:00-02:00``: opening-hours-py cuts Saturday's night at
  Sunday's rule, opening_hours.js keeps it), ``which_engine.spills_into_a_covered_day``;
- ``sunrise``, ``sunset``, ``dawn``, ``dusk``: at the place's own ``coordinates`` (``(lat,
  lon)``, given to ``compute_opening``, ``state_at``, ``calendar``, ``typical_week``,
  ``describe_week``; one evaluator per value and place, cached); without coordinates such a
  value is unknown (``needs_coordinates`` says which values need them). Where
  opening_hours.js throws (sun times in the first hours of the autumn DST day), unknown.

``sunrise``, ``sunset``, ``dawn``, ``dusk`` are accepted by ``validate_opening_hours``; the
service passes each place's coordinates on every read, and its writes refuse them where there
is no place (a phone line, no location: ``api.services.editing.rules.check_sun_times``).

Not followed (a bug of opening_hours.js 3.15): a rule that runs past midnight
(``Su 22:00-01:30``) is shifted to the next day by adding 24 hours of elapsed time
(``generateDateShifter(..., -msec_in_day)``), so on the Monday after the spring change
opening_hours.js reads 00:00-01:00 from Saturday's rule instead of Sunday's. We read Sunday's.

Not covered: a ``PH`` rule whose hours run past midnight on Easter Sunday into Easter Monday.
"""

from api.hours.calendar import CalendarDay, calendar
from api.hours.engine import needs_coordinates, state_at, states_at
from api.hours.opening import (
    SteadyOpening,
    compute_opening,
    compute_steady_opening,
    walks_alike,
)
from api.hours.public_holidays import public_holiday
from api.hours.syntax import InvalidOpeningHours
from api.hours.timezone import BRUSSELS, to_brussels
from api.hours.types import Closure, Coordinates, Interval, Opening, OpeningState
from api.hours.validation import HoursReview, review_opening_hours, validate_opening_hours
from api.hours.week import (
    DayLine,
    WeekRow,
    describe_day,
    describe_days,
    describe_intervals,
    describe_week,
    typical_week,
)
from api.hours.words import OpeningWords, describe_opening, said_alike_within

__all__ = [
    "BRUSSELS",
    "CalendarDay",
    "Closure",
    "Coordinates",
    "DayLine",
    "HoursReview",
    "Interval",
    "InvalidOpeningHours",
    "Opening",
    "OpeningState",
    "OpeningWords",
    "SteadyOpening",
    "WeekRow",
    "calendar",
    "compute_opening",
    "compute_steady_opening",
    "describe_day",
    "describe_days",
    "describe_intervals",
    "describe_opening",
    "describe_week",
    "needs_coordinates",
    "public_holiday",
    "review_opening_hours",
    "said_alike_within",
    "state_at",
    "states_at",
    "to_brussels",
    "typical_week",
    "validate_opening_hours",
    "walks_alike",
]
