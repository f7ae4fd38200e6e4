"""Problem reports: received from anyone (``create_report``), counted for the public place
page (``recent_open_reports``) and the editors' home (``count_open_reports``), listed and
resolved by the editors of the place's organization and by admins (``list_reports``,
``resolve_report``)."""

from api.services.reports.create import (
    PER_ADDRESS_LIMIT,
    PER_PLACE_LIMIT,
    HoneypotError,
    TooManyReportsError,
    create_report,
)
from api.services.reports.queue import (
    RECENT_DAYS,
    count_open_reports,
    list_reports,
    recent_open_reports,
    resolve_report,
)

__all__ = [
    "PER_ADDRESS_LIMIT",
    "PER_PLACE_LIMIT",
    "RECENT_DAYS",
    "HoneypotError",
    "TooManyReportsError",
    "count_open_reports",
    "create_report",
    "list_reports",
    "recent_open_reports",
    "resolve_report",
]
