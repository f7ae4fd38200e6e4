"""The rules an incident report follows beyond its fields' own bounds (pure: no database, no
clock; the caller passes ``today``, Europe/Brussels). Each broken rule is a :class:`Problem`
naming its field, so that the API answers with it and the form shows it beside the field."""

from dataclasses import dataclass
from datetime import date, timedelta

from api.models.incidents import IncidentKind
from api.models.incidents_public import IncidentCreate

OLDEST_DAYS = 366
"""An incident is reported at most this many days after it happened (about a year)."""


@dataclass(frozen=True)
class Problem:
    """A broken rule: the ``field`` it concerns, a stable ``code`` (the pages translate it)
    and the API's ``message`` in English."""

    field: str
    code: str
    message: str


def check_incident(data: IncidentCreate, *, today: date) -> list[Problem]:
    """The rules ``data`` breaks, in the form's order (empty: it may be stored):
    ``occurred_on`` between ``today - OLDEST_DAYS`` and ``today``; exactly one of
    ``access_point_id``, ``organization_id``, ``other_service_name``; ``wait_minutes`` only
    with ``unreachable_phone``, ``delay_days`` only with ``delay``; each kind and
    consequence once. Whether the ids and the NIS code exist is the database's to say
    (``api.services.incidents.create``)."""
    problems = []
    if data.occurred_on > today:
        problems.append(Problem("occurred_on", "future", "occurred_on is in the future"))
    elif data.occurred_on < today - timedelta(days=OLDEST_DAYS):
        problems.append(
            Problem(
                "occurred_on",
                "too_old",
                f"occurred_on is more than {OLDEST_DAYS} days ago: report recent incidents",
            )
        )
    named = [
        name
        for name in ("access_point_id", "organization_id", "other_service_name")
        if (getattr(data, name) or "").strip()
    ]
    if len(named) != 1:
        problems.append(
            Problem(
                "service",
                "one_service",
                "name the service once: access_point_id, organization_id or other_service_name",
            )
        )
    if len(set(data.kinds)) != len(data.kinds) or len(set(data.consequences)) != len(
        data.consequences
    ):
        problems.append(Problem("kinds", "repeated", "each kind and consequence at most once"))
    if data.wait_minutes is not None and IncidentKind.UNREACHABLE_PHONE not in data.kinds:
        problems.append(
            Problem(
                "wait_minutes",
                "wait_without_kind",
                "wait_minutes goes with the kind unreachable_phone only",
            )
        )
    if data.delay_days is not None and IncidentKind.DELAY not in data.kinds:
        problems.append(
            Problem("delay_days", "delay_without_kind", "delay_days goes with the kind delay only")
        )
    return problems
