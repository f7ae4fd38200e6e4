"""Problem reports from the field: anyone says that a place's facts are wrong (hours, phone,
address, closed for good); the editors of its organization resolve them.

The stored text has gone through ``api.services.privacy.scrub`` (no phone numbers, e-mails,
national register numbers or IBANs) and is shown to editors only, never publicly. Nothing
about the reporter is stored (no address, no account).
"""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import String
from sqlmodel import Field, SQLModel

from api.models.types import UTCDateTime

REPORT_TEXT_MAX_LENGTH = 500
"""Characters of the optional text: a few sentences, enough to say what is wrong."""


class ReportKind(StrEnum):
    """What is wrong, as the reporter found it."""

    HOURS_WRONG = "hours_wrong"
    CLOSED_WHEN_OPEN = "closed_when_open"
    NO_ANSWER = "no_answer"
    MOVED = "moved"
    CLOSED_FOR_GOOD = "closed_for_good"
    OTHER = "other"


class ReportStatus(StrEnum):
    """``open`` until an editor resolves it as one of the three others."""

    OPEN = "open"
    FIXED = "fixed"
    NOT_A_PROBLEM = "not_a_problem"
    DUPLICATE = "duplicate"


class Resolution(StrEnum):
    """How an editor closes a report (the statuses other than ``open``)."""

    FIXED = "fixed"
    NOT_A_PROBLEM = "not_a_problem"
    DUPLICATE = "duplicate"


class ProblemReport(SQLModel, table=True):
    """One stored report. ``text`` is the scrubbed text only."""

    __tablename__ = "problem_report"

    id: int | None = Field(default=None, primary_key=True)
    access_point_id: str = Field(
        foreign_key="access_point.id", index=True, max_length=120, ondelete="CASCADE"
    )
    kind: ReportKind = Field(sa_type=String(20))
    text: str | None = Field(default=None, max_length=REPORT_TEXT_MAX_LENGTH)
    status: ReportStatus = Field(default=ReportStatus.OPEN, sa_type=String(15), index=True)
    created_at: datetime = Field(sa_type=UTCDateTime, index=True)
    resolved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    resolved_by: str | None = Field(default=None, max_length=400)


class ProblemReportCreate(SQLModel):
    """What a reporter sends. ``website`` is a honeypot: people leave it empty (the form
    hides it); a robot that fills it is refused."""

    kind: ReportKind
    text: str | None = Field(default=None, max_length=REPORT_TEXT_MAX_LENGTH)
    website: str | None = Field(default=None, max_length=200, description="Leave empty.")


class ProblemReportReceipt(SQLModel):
    """The answer to a new report: what was stored (the text after personal data was
    removed) and how many pieces of personal data were removed."""

    id: int
    access_point_id: str
    kind: ReportKind
    status: ReportStatus
    text: str | None
    removed_count: int = Field(description="Phone numbers, e-mails, ... removed from the text.")
    created_at: datetime


class ProblemReportPublic(SQLModel):
    """A report as its editors see it (never shown to the public)."""

    id: int
    access_point_id: str
    access_point_name: str
    organization_id: str
    kind: ReportKind
    text: str | None
    status: ReportStatus
    created_at: datetime
    resolved_at: datetime | None
    resolved_by: str | None


class ResolutionCreate(SQLModel):
    """How an editor closes a report."""

    resolution: Resolution
