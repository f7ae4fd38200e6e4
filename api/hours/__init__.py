"""Opening hours (OSM ``opening_hours``) for Brussels: validation and evaluation.

Placeholder docstring, completed below.
"""

from api.hours.engine import (
    CalendarDay,
    Closure,
    Interval,
    Opening,
    OpeningState,
    calendar,
    compute_opening,
    state_at,
)
from api.hours.public_holidays import public_holiday
from api.hours.syntax import InvalidOpeningHours, validate_opening_hours
from api.hours.timezone import BRUSSELS, to_brussels

__all__ = [
    "BRUSSELS",
    "CalendarDay",
    "Closure",
    "Interval",
    "InvalidOpeningHours",
    "Opening",
    "OpeningState",
    "calendar",
    "compute_opening",
    "public_holiday",
    "state_at",
    "to_brussels",
    "validate_opening_hours",
]
