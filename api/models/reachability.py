"""The reachability of a phone line from the workers' incident reports (issue 13, part 3), as
``GET /v1/access-points/{id}/reachability`` answers it: counts and a median, never a text or
a reporter. The rules are in ``api.services.incidents.reachability``."""

from datetime import date
from typing import Any

from sqlmodel import Field, SQLModel


def _doc(description: str, example: Any, **options: Any) -> Any:
    # Every field of the public contract has a description and an example (test_openapi).
    return Field(description=description, schema_extra={"examples": [example]}, **options)


class ReachabilityPublic(SQLModel):
    """How often a phone line answered, from the incident reports filed with channel
    ``phone`` on it between ``since`` and ``until`` (Europe/Brussels days, both included):
    the 12 months up to today. Small numbers are given as they are (``reports`` says how
    many the figure rests on): read "answered 1 time in 2" as the two reports it is."""

    access_point_id: str = _doc("Id of the phone line.", "phone-infor-gaz-elec")
    since: date = _doc("First day counted (Europe/Brussels).", "2025-11-24")
    until: date = _doc("Last day counted: today (Europe/Brussels).", "2026-11-23")
    reports: int = _doc(
        "How many incident reports with channel phone on this line the figures rest on "
        "(synthetic test reports are never counted).",
        7,
    )
    answered: int = _doc(
        "Of those, how many were answered by someone: a report whose kinds do not include "
        "unreachable_phone (the call went through, something else went wrong).",
        3,
    )
    answered_share: float | None = _doc(
        "answered / reports, from 0 to 1, rounded to 3 decimals; null without reports.", 0.429
    )
    median_wait_minutes: float | None = _doc(
        "Median of the minutes waited on the line, over the reports that give their wait "
        "(answered or not); a half minute when their count is even; null when none does.",
        35.0,
    )
    waits_known: int = _doc("How many of the reports give the minutes waited.", 5)
