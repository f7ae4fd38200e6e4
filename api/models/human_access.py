"""The observatory's human access over time: hours per week of counters and of phone lines
answered by a person, for one commune, region or organization (``GET
/v1/observatory/human-access``)."""

from datetime import date
from enum import StrEnum
from typing import Any

from sqlmodel import Field, SQLModel


def _doc(description: str, example: Any) -> Any:
    # Every field of the public contract has a description and an example (test_openapi).
    return Field(description=description, schema_extra={"examples": [example]})


class AccessScope(StrEnum):
    """What a series covers: a region, a commune (NIS code) or an organization."""

    REGION = "region"
    COMMUNE = "commune"
    ORGANIZATION = "organization"


class HumanAccessWeek(SQLModel):
    """One week (Monday to Sunday, Europe/Brussels) of the series."""

    week: date = _doc("The Monday of the week (Europe/Brussels).", "2026-03-02")
    counter_hours: float = _doc(
        "Sum of the open hours that week of the counters (kind guichet) with known hours, "
        "Belgian public holidays and closures applied; hours, two decimals.",
        30.0,
    )
    counters: int = _doc("How many counters have known hours that week (summed above).", 1)
    counters_unknown: int = _doc(
        "How many counters have no known hours that week: not in counter_hours, never as 0.", 0
    )
    phone_line_hours: float = _doc(
        "Sum of the hours that week of the phone lines answered by a person (kind "
        "phone_line) with known hours; hours, two decimals.",
        42.5,
    )
    phone_lines: int = _doc("How many phone lines have known hours that week.", 1)
    phone_lines_unknown: int = _doc(
        "How many phone lines have no known hours that week: not in phone_line_hours.", 0
    )


class HumanAccessSeries(SQLModel):
    """Hours per week of counters and phone lines over time, from the change history: each
    week counts every place with the version of its hours that stood at the end of that
    week (Sunday 24:00, Europe/Brussels)."""

    scope: AccessScope = _doc("region, commune or organization.", "commune")
    scope_id: str = _doc(
        "The region (brussels, wallonia), the commune's NIS code or the organization's id.",
        "21015",
    )
    scope_name: str = _doc("Its name in French.", "Schaerbeek")
    scope_name_nl: str | None = _doc("Its name in Dutch, when it has one.", "Schaarbeek")
    since: date | None = _doc(
        "The first week of the series: the Monday of the first recorded version of a place "
        "counted here; null when no place is counted.",
        "2025-09-01",
    )
    until: date | None = _doc(
        "The last week of the series: the current week; null when no place is counted.",
        "2026-12-07",
    )
    phone_lines_rule: str = _doc(
        "How phone lines are counted for a commune or a region.",
        "A phone line counts for every commune of its service area.",
    )
    weeks: list[HumanAccessWeek] = _doc(
        "One entry per week, oldest first.",
        [
            {
                "week": "2026-03-02",
                "counter_hours": 30.0,
                "counters": 1,
                "counters_unknown": 0,
                "phone_line_hours": 42.5,
                "phone_lines": 1,
                "phone_lines_unknown": 0,
            }
        ],
    )
