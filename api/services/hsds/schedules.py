"""HSDS ids and ``schedule`` rows.

HSDS ids are UUIDs: ours are turned into UUIDv5 (stable). HSDS ``schedule`` rows are the
weekly pattern of a typical week (the first full week after the request without a public
holiday, ``hours.typical_week``, Europe/Brussels, ``timezone`` +1 winter / +2 summer): one
``WEEKLY`` row per distinct (opens_at, closes_at) with its ``byday``; split hours give two
rows. What HSDS rows cannot say (public holidays off, months, nth weekdays, comments) stays
in the row's ``description``, which carries the OSM ``opening_hours`` rule itself.
"""

import uuid
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from api import hours

# Fixed for ever: changing it would change every HSDS id partners store.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:guichets:hsds")
_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def hsds_id(kind: str, our_id: str) -> str:
    """The stable UUIDv5 of one of our ids for an HSDS object of ``kind``."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{our_id}"))


def schedules(
    opening_hours: str | None,
    *,
    today: date,
    link: dict[str, str],
    coordinates: hours.Coordinates | None = None,
) -> list[dict[str, Any]]:
    """HSDS weekly schedule rows for the typical week after ``today`` (see the module doc);
    ``link`` names the object they belong to (``service_id`` or ``service_at_location_id``);
    sunrise, sunset, dawn and dusk at ``coordinates`` (the place's ``(lat, lon)``)."""
    if not opening_hours:
        return []
    week = hours.typical_week(
        opening_hours,
        week_of=today + timedelta(days=7 - today.weekday()),
        coordinates=coordinates,
    )
    monday = week[0].day
    by_slot: dict[tuple[str, str], list[str]] = defaultdict(list)
    offset = 1.0
    for day in week:
        for interval in day.intervals:
            if interval.state is not hours.OpeningState.OPEN:
                continue
            slot = (interval.start.strftime("%H:%M"), interval.end.strftime("%H:%M"))
            if _DAYS[day.day.weekday()] not in by_slot[slot]:
                by_slot[slot].append(_DAYS[day.day.weekday()])
            utc = interval.start.utcoffset()
            offset = utc.total_seconds() / 3600 if utc is not None else offset
    note = (
        f"OSM opening_hours: {opening_hours} (Europe/Brussels). These rows are its typical "
        "week; public holidays, closures and other exceptions follow the OSM rule."
    )
    key = next(iter(link.values()))
    return [
        {
            "id": hsds_id("schedule", f"{key}:{opens}-{closes}"),
            **link,
            "freq": "WEEKLY",
            "wkst": "MO",
            "byday": ",".join(days),
            "opens_at": opens,
            "closes_at": "24:00" if closes == "00:00" else closes,
            "timezone": offset,
            "valid_from": monday.isoformat(),
            "description": note,
            "attending_type": "in_person",
        }
        for (opens, closes), days in sorted(by_slot.items())
    ]
