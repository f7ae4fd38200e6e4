"""Verification of entries: how a person checked an access point (``VerificationMethod``,
stored next to ``verified_at``), and verification campaigns: an admin asks the editors to
check every entry of some organizations, kinds or communes; each entry gets a task.
"""

from datetime import date, datetime
from enum import StrEnum

from pydantic import ConfigDict
from sqlalchemy import JSON, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.models.types import UTCDateTime

STALE_AFTER_DAYS = 183
"""Six months without a check: the entry is listed as stale for its editors."""

CALL_FIRST_AFTER_DAYS = 365
"""Twelve months without a check (or never checked): the public pages say "call first"."""


class VerificationMethod(StrEnum):
    """How a person checked the facts of an entry."""

    PHONE_CALL = "phone_call"
    VISIT = "visit"
    WEBSITE = "website"
    EMAIL = "email"
    DOCUMENT = "document"


class CampaignScope(StrEnum):
    """What a campaign covers: entries of some organizations, of some kinds, or located in
    some communes (NIS codes)."""

    ORGANIZATION = "organization"
    KIND = "kind"
    COMMUNE = "commune"


class TaskStatus(StrEnum):
    """``to_do`` until an editor checks the entry: unchanged ("Checked today") or changed (a
    saved edit)."""

    TO_DO = "to_do"
    CHECKED_UNCHANGED = "checked_unchanged"
    CHANGED = "changed"


class Campaign(SQLModel, table=True):
    """A verification campaign opened by an admin. ``scope_values`` are organization ids,
    kinds or NIS codes, after ``scope``."""

    __tablename__ = "campaign"

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=200)
    scope: CampaignScope = Field(sa_type=String(20))
    scope_values: list[str] = Field(default_factory=list, sa_type=JSON)
    opened_at: datetime = Field(sa_type=UTCDateTime)
    opened_by: str = Field(max_length=400)


class CampaignTask(SQLModel, table=True):
    """One entry to check within a campaign."""

    __tablename__ = "campaign_task"
    __table_args__ = (
        UniqueConstraint("campaign_id", "access_point_id", name="campaign_task_once"),
    )

    id: int | None = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="campaign.id", index=True, ondelete="CASCADE")
    access_point_id: str = Field(
        foreign_key="access_point.id", index=True, max_length=120, ondelete="CASCADE"
    )
    status: TaskStatus = Field(default=TaskStatus.TO_DO, sa_type=String(20), index=True)
    done_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    done_by: str | None = Field(default=None, max_length=400)
    method: VerificationMethod | None = Field(default=None, sa_type=String(20))


class VerificationIn(SQLModel):
    """The body of ``POST /v1/access-points/{id}/verification``: how it was checked today."""

    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    method: VerificationMethod = Field(
        description="How a person checked the facts today: phone_call, visit, website, email "
        "or document (a document from the organization).",
        schema_extra={"examples": ["phone_call"]},
    )


class VerificationPublic(SQLModel):
    """An entry after a check: when, how, and its new version (also in ``ETag``)."""

    id: str = Field(description="Access point id.", schema_extra={"examples": ["cpas-schaerbeek"]})
    verified_at: date = Field(
        description="When a person last checked it (Brussels date).",
        schema_extra={"examples": ["2026-12-04"]},
    )
    verification_method: VerificationMethod = Field(
        description="How it was checked.", schema_extra={"examples": ["phone_call"]}
    )
    version: int = Field(
        description="Incremented by every change; the ETag.", schema_extra={"examples": [4]}
    )
