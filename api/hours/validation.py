"""Validation of OSM ``opening_hours`` values on write: what opening_hours.js (the reference)
accepts is accepted and stored in its canonical form, what it refuses is refused with its
message (DESIGN.md, "Opening hours: semantics")."""

from dataclasses import dataclass

from api.hours.reference_check import check_with_reference
from api.hours.syntax import InvalidOpeningHours, reference_refusal


def validate_opening_hours(value: str) -> str:
    """Check an OSM ``opening_hours`` value and return what to store: its canonical form, as
    opening_hours.js writes it (``prettifyValue``): ``"Mo12:00-14:00"`` -> ``"Mo 12:00-14:00"``,
    ``"10-12"`` -> ``"10:00-12:00"``, ``"Mo-Fr 9am-5pm;"`` -> ``"Mo-Fr 09:00-17:00"``.

    Raises InvalidOpeningHours when the value is empty; when opening_hours.js refuses it (its
    message, with the column where it stopped reading when it gives one: ``"invalid
    opening_hours 'Mo-Fx 09:00': opening_hours.js refuses it at column 4 (near 'Mo-F':
    Unexpected token...)"``). Sunrise, sunset, dawn and dusk are accepted: they are computed
    at the place's coordinates (``needs_coordinates``); where there is no place (a phone
    line, no location) the write service refuses them (``services.editing.rules``).
    Syntax: https://wiki.openstreetmap.org/wiki/Key:opening_hours/specification.
    """
    text = value.strip()
    if not text:
        raise InvalidOpeningHours(
            value, "invalid opening_hours '': empty; leave the field out when hours are unknown"
        )
    check = check_with_reference(text)
    if check.canonical is None:
        raise reference_refusal(value, text, check)
    return check.canonical


@dataclass(frozen=True, slots=True)
class HoursReview:
    """What an editor should know about a value they wrote: ``written`` (stripped), the
    ``stored`` canonical form, and the ``warnings`` of opening_hours.js on what they wrote
    (each ``"near 'Mo-Fr 9am': Please use time format in 24 hours notation..."``)."""

    written: str
    stored: str
    warnings: tuple[str, ...]

    @property
    def rewritten(self) -> bool:
        """True when the stored form differs from what was written."""
        return self.written != self.stored


def review_opening_hours(value: str) -> HoursReview:
    """The canonical form of ``value`` and the warnings of opening_hours.js on it. Raises
    InvalidOpeningHours as ``validate_opening_hours`` does."""
    stored = validate_opening_hours(value)
    return HoursReview(value.strip(), stored, check_with_reference(value.strip()).warnings)
