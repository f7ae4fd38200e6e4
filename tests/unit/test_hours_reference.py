"""The vendored opening_hours.js is the pinned one, and runs on Brussels time in-process."""

import hashlib
import json
import os
import time
from datetime import datetime
from pathlib import Path

from api.hours.reference import VENDOR, ReferenceHours
from api.hours.reference_check import check_with_reference

ROOT = Path(__file__).resolve().parents[2]


def test_vendored_bundle_is_the_pinned_version() -> None:
    lock = json.loads((ROOT / "tools/golden/package-lock.json").read_text())
    pinned = lock["packages"]["node_modules/opening_hours"]["version"]
    readme = (VENDOR / "README.md").read_text(encoding="utf-8")
    assert f"| `opening_hours` | {pinned} |" in readme
    for name in ("opening_hours.js", "suncalc.cjs"):
        digest = hashlib.sha256((VENDOR / name).read_bytes()).hexdigest()
        assert f"`{name}` {digest}" in readme.replace("\n", " ")
    assert (VENDOR / "opening_hours.LGPL-3.0-only.txt").exists()


def test_engine_is_on_brussels_time_and_the_process_is_untouched() -> None:
    zone = os.environ.get("TZ"), time.tzname
    check_with_reference("Mo-Fr 09:00-17:00")
    assert (os.environ.get("TZ"), time.tzname) == zone
    # 02:30 on the spring day does not exist: JavaScript Date reads it as 03:30 summer time.
    hours = ReferenceHours("02:00-03:00")
    assert str(hours.state(datetime(2027, 3, 28, 2, 30))[0]) == "closed"
    assert str(hours.state(datetime(2027, 3, 29, 2, 30))[0]) == "open"


# The library's own way: a value parsed with the place's coordinates, evaluated there.
_OWN_PLACE = """
function ownPlace(value, lat, lon, walls) {
  var oh = new opening_hours(value, {lat: String(lat), lon: String(lon),
                                     address: NOMINATIM.address}, OPTIONS);
  PLACE = null;
  return JSON.stringify(walls.map(function (w) {
    try { var it = oh.getIterator(dateOf(w)); return [stateOf(it), it.getComment() || null]; }
    catch (e) { return ["unknown", null]; }
  }));
}
"""


def test_one_parse_serves_every_place_as_a_parse_per_place_does() -> None:
    # The glue parses a value once and hands each evaluation's place to suncalc: places
    # taken in turn (so a stale place would show) must get the library's own answers.
    from api.hours import reference

    values = [
        "sunrise-sunset",
        "Mo-Su sunset-sunrise",
        "(sunrise+01:00)-(sunset-00:30)",
        "sunrise+",
        "dawn-dusk; PH off",
        "Mo-Fr 08:00-sunset; Sa sunrise-12:00",
    ]
    places = [(49.6833, 5.8167), (51.2300, 2.9200), (50.8466, 4.3528), (60.0, 25.0)]
    walls = [[2026, 12, 4, h, m, 0] for h in (7, 8, 16, 17) for m in (0, 20, 40)] + [
        [2026, 6, 21, h, m, 0] for h in (4, 5, 21, 22) for m in (0, 30)
    ]
    check_with_reference("sunrise-sunset")  # the engine started
    reference._ENGINE[0].eval(_OWN_PLACE)
    differ = 0
    for value in values:
        for place in places:
            ours = [ReferenceHours(value, place).state(datetime(*w)) for w in walls]
            own = reference.call("ownPlace", value, *place, walls)
            assert [[str(s), c] for s, c in ours] == own, (value, place)
        # The places do differ: the same instants are not all answered alike.
        answers = {
            tuple(str(ReferenceHours(value, p).state(datetime(*w))[0]) for w in walls)
            for p in places
        }
        differ += len(answers) > 1
    assert differ >= 4
