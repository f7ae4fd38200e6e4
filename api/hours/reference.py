"""opening_hours.js, the reference (DESIGN.md), run inside the Python process.

The npm package ``opening_hours`` (version pinned in ``tools/golden/package.json``) and its
dependency ``suncalc`` are vendored in ``api/hours/vendor`` (see its README: versions, hashes,
licences) and run in an embedded V8 engine (``mini-racer`` on PyPI): no Node.js at run time.

Two uses:

- ``check_with_reference`` (``api.hours.reference_check``), on the write path: does
  opening_hours.js accept a value, with what warnings, and what is its canonical form
  (``prettifyValue``)?
- ``ReferenceHours``, on the read path, for the few accepted values that opening-hours-py cannot
  evaluate as the reference does (open ends, ``||`` fallbacks, ranges from ``easter``, ``PH``
  with a day offset, syntax it cannot parse, sunrise/sunset/dawn/dusk at a place's own
  coordinates, a night running into a day that another rule covers): the same
  ``state``/``intervals`` interface as ``opening_hours.OpeningHours``, in naive Brussels wall
  times, so that ``api.hours.engine`` uses either.

opening_hours.js evaluates in the local time zone of its JavaScript engine; V8 reads it once,
when it starts, from ``TZ``. The engine is therefore started with ``TZ=Europe/Brussels``, and
the process's ``TZ`` is put back (and ``time.tzset()`` called) right after, so that nothing
else in the process sees the change. Location given to opening_hours.js: Belgium, Brussels
region (``NOMINATIM``), which selects the Belgian public holidays (``PH``). A value is parsed
once for every place: the place of an evaluation reaches suncalc, the only reader of a
place in opening_hours.js (see ``_GLUE``).
"""

import atexit
import json
import os
import threading
import time
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path

import orjson
from opening_hours import State
from py_mini_racer import DEFAULT_V8_FLAGS, MiniRacer, init_mini_racer

VENDOR = Path(__file__).resolve().parent / "vendor"

NOMINATIM = {
    "lat": "50.85",
    "lon": "4.35",
    "address": {"country_code": "be", "state": "Brussels-Capital"},
}
"""The ``nominatim_object`` given to opening_hours.js (its README): country ``be`` selects
the Belgian public holidays; lat/lon place sunrise and sunset in Brussels when no place's
coordinates are given (validation; ``ReferenceHours`` without ``coordinates``). They must be
strings, as Nominatim gives them: opening_hours.js ignores numbers and then puts sunrise at
06:00 and sunset at 18:00 (src/index.js, ``typeof nominatim_object.lat === 'string'``)."""

# Our glue (AGPL, like the rest of the service). Dates cross the bridge as wall-time arrays
# [year, month, day, hour, minute, second] read and written in the engine's local time zone.
_GLUE = """
var NOMINATIM = %(nominatim)s;
var OPTIONS = {tag_key: "opening_hours", locale: "en"};
var CACHE = new Map();
// opening_hours.js reads a place only to compute sun times (suncalc.getTimes, during an
// evaluation): one parse of a value serves every place, the place of the evaluation in
// progress (PLACE, [lat, lon]; null: the parsed NOMINATIM's) being given to suncalc in its
// stead. A parse costs 2 to 10 evaluations, and one parse per place was parsed anew for
// almost every evaluation once places outnumbered the cache.
var PLACE = null;
var sunTimes = SunCalc.getTimes;
SunCalc.getTimes = function (date, lat, lng, height) {
  return PLACE === null ? sunTimes(date, lat, lng, height)
    : sunTimes(date, PLACE[0], PLACE[1], height);
};
// lat/lon null: the default place (NOMINATIM); else the place's own coordinates, for
// sunrise, sunset, dawn and dusk. Sets the place of the evaluation that follows.
function ohOf(value, lat, lon) {
  PLACE = lat === null ? null : [lat, lon];
  var oh = CACHE.get(value);
  if (oh === undefined) {
    if (CACHE.size >= 1024) CACHE.clear();
    oh = new opening_hours(value, NOMINATIM, OPTIONS);
    CACHE.set(value, oh);
  }
  return oh;
}
function wallOf(d) {
  return [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(),
          d.getSeconds()];
}
function dateOf(w) { return new Date(w[0], w[1] - 1, w[2], w[3], w[4], w[5]); }
function stateOf(it) { return it.getUnknown() ? "unknown" : it.getState() ? "open" : "closed"; }
function guichetsCheck(value, trialFrom, trialTo) {
  var oh;
  PLACE = null;
  try { oh = new opening_hours(value, NOMINATIM, OPTIONS); }
  catch (e) { return JSON.stringify({error: String(e)}); }
  var out = {pretty: oh.prettifyValue(), warnings: oh.getWarnings()};
  // Some values parse but throw when evaluated (SH where the library has no data).
  try { oh.getOpenIntervals(dateOf(trialFrom), dateOf(trialTo)); }
  catch (e) { out.error = String(e); }
  return JSON.stringify(out);
}
// opening_hours.js 3.15 throws where suncalc's day is not the local day (sunrise in the
// first hours of the autumn DST day): no answer there is unknown, never an error.
function stateAt(value, lat, lon, at) {
  try {
    var it = ohOf(value, lat, lon).getIterator(dateOf(at));
    return [stateOf(it), it.getComment() || null];
  } catch (e) { return ["unknown", null]; }
}
function guichetsState(value, lat, lon, at) {
  return JSON.stringify(stateAt(value, lat, lon, at));
}
// Many [value, lat, lon, at] in one crossing of the bridge (each crossing costs more than
// an evaluation).
function guichetsStates(queries) {
  var out = [];
  for (var k = 0; k < queries.length; k++) {
    var q = queries[k];
    out.push(stateAt(q[0], q[1], q[2], q[3]));
  }
  return JSON.stringify(out);
}
function guichetsSpans(value, lat, lon, from, to) {
  var end = dateOf(to), out = [], begin = from, cursor = dateOf(from), it = null;
  // Where it throws (see guichetsState), unknown by quarters of an hour until it answers.
  while (it === null) {
    try { it = ohOf(value, lat, lon).getIterator(cursor); }
    catch (e) {
      cursor = new Date(cursor.getTime() + 15 * 60000);
      if (cursor >= end) { out.push([begin, to, "unknown", null]); return JSON.stringify(out); }
      out.push([begin, wallOf(cursor), "unknown", null]);
      begin = wallOf(cursor);
    }
  }
  var state = stateOf(it), comment = it.getComment() || null;
  try {
    while (it.advance(end)) {
      var at = wallOf(it.getDate());
      out.push([begin, at, state, comment]);
      begin = at; state = stateOf(it); comment = it.getComment() || null;
    }
  } catch (e) { state = "unknown"; comment = null; }
  out.push([begin, to, state, comment]);
  return JSON.stringify(out);
}
"""

_STATES = {"open": State.OPEN, "closed": State.CLOSED, "unknown": State.UNKNOWN}
_LOCK = threading.Lock()
_ENGINE: list[MiniRacer] = []
_CLOSED = threading.Event()


def _start() -> MiniRacer:
    previous = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Brussels"
    try:
        # V8 grows its heap lazily, keeping garbage: 5 000 places with sun times left 108 MB
        # of heap (25 MB live) by default, 24 MB with --optimize-for-size, at the same speed.
        init_mini_racer(
            flags=(*DEFAULT_V8_FLAGS, "--optimize-for-size"), ignore_duplicate_init=True
        )
        engine = MiniRacer()
        offset = engine.eval("new Date(2026, 6, 1).getTimezoneOffset()")
    finally:
        if previous is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = previous
        time.tzset()
    if offset != -120:  # pragma: no cover - an engine that ignores TZ
        engine.close()
        raise RuntimeError("the embedded JavaScript engine is not on Europe/Brussels time")
    engine.eval("var module = {exports: {}}; var exports = module.exports;")
    engine.eval((VENDOR / "suncalc.cjs").read_text(encoding="utf-8"))
    engine.eval(
        "var SunCalc = module.exports; var require = function () { return SunCalc; };"
        "module = {exports: {}}; exports = module.exports;"
    )
    engine.eval((VENDOR / "opening_hours.js").read_text(encoding="utf-8"))
    engine.eval("var opening_hours = module.exports;")
    engine.eval(_GLUE % {"nominatim": json.dumps(NOMINATIM)})
    atexit.register(_close)
    return engine


def _close() -> None:
    # At exit, after any call in progress (another thread's) has returned: a call may not
    # start again, nor the engine be started anew.
    with _LOCK:
        _CLOSED.set()
        while _ENGINE:
            _ENGINE.pop().close()


def call(function: str, *args: object) -> object:
    """``function(*args)`` in the engine (started on first use), its JSON answer decoded.
    Raises ``RuntimeError`` once the process is exiting (the engine closed)."""
    with _LOCK:
        if _CLOSED.is_set():
            raise RuntimeError("opening_hours.js is closed: the process is exiting")
        if not _ENGINE:
            _ENGINE.append(_start())
        engine = _ENGINE[0]
        answer = engine.call(function, *args)
    return orjson.loads(str(answer))


def _array(wall: datetime) -> list[int]:
    return [wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second]


def _wall(parts: list[int]) -> datetime:
    return datetime(*parts[:6])  # type: ignore[arg-type]


class ReferenceHours:
    """An accepted value evaluated by opening_hours.js, with the interface of
    ``opening_hours.OpeningHours`` that ``api.hours.engine`` uses, in naive Brussels wall
    times: ``state(wall) -> (State, comment or None)`` and ``intervals(start, end)`` yielding
    ``(start, end, State, comment or None)`` spans that cover ``[start, end)``.

    ``coordinates`` (``(lat, lon)``, WGS84 degrees) is where sunrise, sunset, dawn and dusk
    are computed (suncalc, inside opening_hours.js); None: ``NOMINATIM``'s Brussels point."""

    # Spans are fetched from the engine in growing chunks: a walk usually stops within days.
    _CHUNKS = (timedelta(days=3), timedelta(days=31), timedelta(days=400))

    def __init__(self, value: str, coordinates: tuple[float, float] | None = None) -> None:
        self.value = value
        self._place: tuple[float | None, float | None] = coordinates or (None, None)

    def state(self, wall: datetime) -> tuple[State, str | None]:
        """The state and comment opening_hours.js gives at the wall time ``wall``."""
        answer = call("guichetsState", self.value, *self._place, _array(wall))
        assert isinstance(answer, list)
        return _STATES[answer[0]], answer[1]

    def intervals(
        self, start: datetime, end: datetime
    ) -> Iterator[tuple[datetime, datetime, State, str | None]]:
        """The spans of ``[start, end)`` (wall times), as opening_hours.js' iterator sees
        them; a span may be cut where a chunk of the walk ends."""
        cursor, step = start, 0
        while cursor < end:
            stop = min(end, cursor + self._CHUNKS[min(step, len(self._CHUNKS) - 1)])
            spans = call("guichetsSpans", self.value, *self._place, _array(cursor), _array(stop))
            assert isinstance(spans, list)
            for begin, finish, state, comment in spans:
                yield _wall(begin), _wall(finish), _STATES[state], comment
            cursor, step = stop, step + 1


def reference_states(
    queries: Sequence[tuple[ReferenceHours, datetime]],
) -> list[tuple[State, str | None]]:
    """``hours.state(wall)`` for each ``(hours, wall)`` of ``queries`` (wall times, naive
    Brussels), in one call into the engine: what many separate ``state`` calls answer, for
    one crossing of the bridge (about 0.25 ms each, more than an evaluation)."""
    if not queries:
        return []
    answer = call(
        "guichetsStates",
        [[hours.value, *hours._place, _array(wall)] for hours, wall in queries],
    )
    assert isinstance(answer, list)
    return [(_STATES[state], comment) for state, comment in answer]
