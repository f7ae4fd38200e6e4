"""Incident reports ("fiches incident"): a front-desk worker records that a person met no
human where one should have been (a line never answered, a counter closed during its hours,
a person sent to an online form...).

The person helped is never identified: there is no field for a name, their commune of
residence is the finest place kept, and ``text`` is stored only after the personal-data
filter (``api.services.privacy``); it is shown to admins only and emptied after the retention
period (``Settings.incident_text_retention_days``), while the structured fields stay for the
observatory. The controlled lists' words in FR/NL/EN are data: ``api/data/incidents/*.csv``
(one row per code below; a test holds them equal). Source of the list: the Brussels social
federations' action research on "fiches incident" (2023-2025), as issue 13 names it.
"""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, String
from sqlmodel import Column, Field, SQLModel

from api.models.types import UTCDateTime

INCIDENT_TEXT_MAX_LENGTH = 1000
"""Characters of the optional free text."""
OTHER_SERVICE_NAME_MAX_LENGTH = 200


class IncidentKind(StrEnum):
    """What happened (several may apply to one incident)."""

    UNREACHABLE_PHONE = "unreachable_phone"
    CLOSED_DURING_HOURS = "closed_during_hours"
    REFUSED_WITHOUT_APPOINTMENT = "refused_without_appointment"
    APPOINTMENT_ONLINE_ONLY = "appointment_online_only"
    SENT_TO_ONLINE_FORM = "sent_to_online_form"
    ONLINE_FORM_REQUIRES_EID = "online_form_requires_eid"
    REQUIRES_NATIONAL_NUMBER = "requires_national_number"
    REQUIRES_EMAIL_OR_SMARTPHONE = "requires_email_or_smartphone"
    KIOSK_INSTEAD_OF_PERSON = "kiosk_instead_of_person"
    LANGUAGE_NOT_SPOKEN = "language_not_spoken"
    PAYING_LINE = "paying_line"
    DELAY = "delay"
    LOST_FILE = "lost_file"
    OTHER = "other"


class IncidentChannel(StrEnum):
    """The way the person (or the worker for them) tried to reach the service."""

    COUNTER = "counter"
    PHONE = "phone"
    ONLINE_FORM = "online_form"
    EMAIL = "email"
    POST = "post"
    KIOSK = "kiosk"
    APP = "app"


class IncidentConsequence(StrEnum):
    """What it cost the person."""

    RIGHT_NOT_TAKEN_UP = "right_not_taken_up"
    BENEFIT_INTERRUPTED = "benefit_interrupted"
    EXTRA_COST = "extra_cost"
    DELAY = "delay"


class Incident(SQLModel, table=True):
    """One stored incident. Either ``access_point_id`` or ``organization_id`` names the
    service in the directory, or ``other_service_name`` names one that is not in it.

    ``reporter`` is the stable reference of who filed it (``account:<id>`` or
    ``api_key:<id>``), so that they can list and withdraw their own; it is never published.
    ``kinds`` and ``consequences`` are JSON lists of the enums' values.
    """

    __tablename__ = "incident"

    id: int | None = Field(default=None, primary_key=True)
    occurred_on: date = Field(index=True, description="The day it happened (Europe/Brussels).")
    access_point_id: str | None = Field(
        default=None,
        foreign_key="access_point.id",
        index=True,
        max_length=120,
        ondelete="SET NULL",
    )
    organization_id: str | None = Field(
        default=None,
        foreign_key="organization.id",
        index=True,
        max_length=120,
        ondelete="SET NULL",
    )
    other_service_name: str | None = Field(default=None, max_length=OTHER_SERVICE_NAME_MAX_LENGTH)
    channel: IncidentChannel = Field(sa_type=String(20))
    residence_nis_code: str | None = Field(default=None, max_length=5, index=True)
    theme: str | None = Field(default=None, max_length=40, description="api.models.common.Theme")
    kinds: list[str] = Field(sa_column=Column(JSON, nullable=False))
    wait_minutes: int | None = Field(default=None, description="Minutes waited on the line.")
    delay_days: int | None = Field(default=None, description="Days of delay, for ``delay``.")
    consequences: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    worker_minutes: int | None = Field(default=None, description="The worker's minutes spent.")
    text: str | None = Field(default=None, max_length=INCIDENT_TEXT_MAX_LENGTH)
    text_removed_at: datetime | None = Field(
        default=None, sa_type=UTCDateTime, description="When retention emptied ``text``."
    )
    reporter: str = Field(max_length=40, index=True)
    created_at: datetime = Field(sa_type=UTCDateTime, index=True)
