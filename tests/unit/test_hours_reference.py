"""The vendored opening_hours.js is the pinned one, and runs on Brussels time in-process."""

import hashlib
import json
import os
import time
from datetime import datetime
from pathlib import Path

from api.hours.reference import VENDOR, ReferenceHours, check_with_reference

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
