"""The incident reports' shapes in the JSON API: what a reporter sends (``IncidentCreate``),
what would be stored (``IncidentPreview``), the answer to a new report (``IncidentReceipt``),
a report as its reporter lists it (``IncidentPublic``: never the free text) and as an admin
reads it (``IncidentAdmin``: with the text, while the retention period keeps it).

The table and the controlled lists are in ``api.models.incidents``.
"""

from datetime import date, datetime
from typing import Any

from pydantic import Field
from sqlmodel import SQLModel

from api.models.common import IsoDate, Theme
from api.models.incidents import (
    INCIDENT_TEXT_MAX_LENGTH,
    OTHER_SERVICE_NAME_MAX_LENGTH,
    IncidentChannel,
    IncidentConsequence,
    IncidentKind,
)

WAIT_MINUTES_MAX = 1440
"""Minutes waited on a line, at most (a day)."""
DELAY_DAYS_MAX = 3650
"""Days of delay, at most (ten years)."""
WORKER_MINUTES_MAX = 1440
"""The worker's minutes spent on one incident, at most (a day)."""


def _doc(description: str, example: Any, **options: Any) -> Any:
    # Every field of the public contract has a description and an example (test_openapi).
    return Field(description=description, examples=[example], **options)


_OCCURRED = (
    "The day it happened (Europe/Brussels): not in the future, at most a year ago.",
    "2026-11-20",
)
_AP = ("Id of the access point concerned (one of the three ways to name the service).", "cpas-1000")
_ORG = ("Id of the organization concerned, when no single access point is.", "cpas-ocmw-1000")
_OTHER = ("Name of a service that is not in the directory.", "Guichet régional des allocations")
_CHANNEL = (
    "The channel tried: counter, phone, online_form, email, post, kiosk or app.",
    "phone",
)
_NIS = ("The person's commune of residence (Statbel NIS code), optional.", "21015")
_THEME = ("What the person needed (the themes' list of /v1/themes), optional.", "social_aid")
_KINDS = (
    "What happened, one or more of: " + ", ".join(kind.value for kind in IncidentKind) + ".",
    ["unreachable_phone"],
)
_WAIT = (
    f"Minutes waited on the line (0-{WAIT_MINUTES_MAX}); only with unreachable_phone.",
    40,
)
_DELAY = (f"Days of delay (0-{DELAY_DAYS_MAX}); only with the kind delay.", 90)
_CONSEQUENCES = (
    "What it cost the person: "
    + ", ".join(consequence.value for consequence in IncidentConsequence)
    + ".",
    ["benefit_interrupted"],
)
_WORKER = (f"The worker's minutes spent on it (0-{WORKER_MINUTES_MAX}), optional.", 45)
_TEXT = (
    f"Optional free text, at most {INCIDENT_TEXT_MAX_LENGTH} characters; stored only after phone "
    "numbers, e-mails, national register numbers, IBANs, dates of birth and street addresses "
    "are removed; read by admins only, emptied after the retention period.",
    "Trois appels, personne ne décroche; la personne a perdu un mois d'allocations.",
)
_STORED_TEXT = ("The text as stored, personal data replaced by [removed].", "Appelé le [removed].")
_REMOVED = ("How many pieces of personal data were removed from the text.", 1)
_ID = ("Number of the incident report.", 7)
_CREATED = ("When it was received (UTC).", "2026-11-23T09:00:00Z")
_SERVICE = (
    "The service's name: the access point's or organization's (French), or the name given.",
    "CPAS de Bruxelles",
)


class IncidentCreate(SQLModel):
    """An incident as a worker reports it. Exactly one of ``access_point_id``,
    ``organization_id`` and ``other_service_name``. No field names the person: there is none."""

    occurred_on: IsoDate = _doc(*_OCCURRED)
    access_point_id: str | None = _doc(*_AP, default=None, min_length=1, max_length=120)
    organization_id: str | None = _doc(*_ORG, default=None, min_length=1, max_length=120)
    other_service_name: str | None = _doc(
        *_OTHER, default=None, min_length=1, max_length=OTHER_SERVICE_NAME_MAX_LENGTH
    )
    channel: IncidentChannel = _doc(*_CHANNEL)
    residence_nis_code: str | None = _doc(*_NIS, default=None, pattern=r"^\d{5}$")
    theme: Theme | None = _doc(*_THEME, default=None)
    kinds: list[IncidentKind] = _doc(*_KINDS, min_length=1, max_length=len(IncidentKind))
    # Strict numbers: ``true`` is no count of minutes (pydantic would read it as 1).
    wait_minutes: int | None = _doc(*_WAIT, default=None, ge=0, le=WAIT_MINUTES_MAX, strict=True)
    delay_days: int | None = _doc(*_DELAY, default=None, ge=0, le=DELAY_DAYS_MAX, strict=True)
    consequences: list[IncidentConsequence] = _doc(
        *_CONSEQUENCES, default_factory=list, max_length=len(IncidentConsequence)
    )
    worker_minutes: int | None = _doc(
        *_WORKER, default=None, ge=0, le=WORKER_MINUTES_MAX, strict=True
    )
    text: str | None = _doc(*_TEXT, default=None, max_length=INCIDENT_TEXT_MAX_LENGTH)


class IncidentPreview(SQLModel):
    """What would be stored of a text, before the reporter confirms."""

    text: str | None = _doc(*_STORED_TEXT)
    removed_count: int = _doc(*_REMOVED)


class IncidentPublic(SQLModel):
    """A stored incident as its reporter lists it: the structured fields, never the text."""

    id: int = _doc(*_ID)
    occurred_on: date = _doc(*_OCCURRED)
    access_point_id: str | None = _doc(*_AP)
    organization_id: str | None = _doc(*_ORG)
    other_service_name: str | None = _doc(*_OTHER)
    service_name: str = _doc(*_SERVICE)
    channel: IncidentChannel = _doc(*_CHANNEL)
    residence_nis_code: str | None = _doc(*_NIS)
    theme: Theme | None = _doc(*_THEME)
    kinds: list[IncidentKind] = _doc(*_KINDS)
    wait_minutes: int | None = _doc(*_WAIT)
    delay_days: int | None = _doc(*_DELAY)
    consequences: list[IncidentConsequence] = _doc(*_CONSEQUENCES)
    worker_minutes: int | None = _doc(*_WORKER)
    has_text: bool = _doc("Whether a free text is stored (admins read it).", True)
    created_at: datetime = _doc(*_CREATED)


class IncidentReceipt(IncidentPublic):
    """The answer to a new report: what was stored, its text included, and how many pieces of
    personal data were removed from it."""

    text: str | None = _doc(*_STORED_TEXT)
    removed_count: int = _doc(*_REMOVED)


class IncidentAdmin(IncidentPublic):
    """An incident as an admin reads it: with its text (null once the retention period has
    emptied it) and who reported it."""

    text: str | None = _doc(*_STORED_TEXT)
    text_removed_at: datetime | None = _doc(
        "When the retention period emptied the text (UTC); null while kept.", None
    )
    reporter: str = _doc("Who reported it: account:<id> or api_key:<id>.", "account:3")
