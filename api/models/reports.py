"""Problem reports from the field: anyone says that a place's facts are wrong (hours, phone,
address, closed for good); the editors of its organization resolve them.

The stored text has gone through ``api.services.privacy.scrub`` (no phone numbers, e-mails,
national register numbers or IBANs) and is shown to editors only, never publicly. Nothing
about the reporter is stored (no address, no account).
"""

from datetime import datetime
from enum import StrEnum
from typing import Any

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


def _doc(description: str, example: Any, **options: Any) -> Any:
    # Every field of the public contract has a description and an example (test_openapi).
    return Field(description=description, schema_extra={"examples": [example]}, **options)


_KIND = (
    "What is wrong: hours_wrong, closed_when_open (found closed during announced hours), "
    "no_answer (nobody answers the phone), moved, closed_for_good or other.",
    "closed_when_open",
)
_TEXT = (
    "Optional words of the reporter, at most 500 characters; stored without phone numbers, "
    "e-mails, national register numbers and IBANs; shown to the place's editors only.",
    "Porte fermée mardi à 10h alors que l'horaire dit ouvert.",
)
_STATUS = ("open, fixed, not_a_problem or duplicate.", "open")
_CREATED = ("When the report was received (UTC).", "2026-11-23T09:00:00Z")
_REPORT_ID = ("Number of the report.", 42)
_AP_ID = ("Id of the access point reported on.", "cpas-schaerbeek")


class ProblemReportCreate(SQLModel):
    """What a reporter sends. ``website`` is a honeypot: people leave it empty (the form
    hides it); a robot that fills it is refused."""

    kind: ReportKind = _doc(*_KIND)
    text: str | None = _doc(*_TEXT, default=None, max_length=REPORT_TEXT_MAX_LENGTH)
    website: str | None = _doc("Leave empty (it stops robots).", "", default=None, max_length=200)


class ProblemReportReceipt(SQLModel):
    """The answer to a new report: what was stored (the text after personal data was
    removed) and how many pieces of personal data were removed."""

    id: int = _doc(*_REPORT_ID)
    access_point_id: str = _doc(*_AP_ID)
    kind: ReportKind = _doc(*_KIND)
    status: ReportStatus = _doc(*_STATUS)
    text: str | None = _doc(*_TEXT)
    removed_count: int = _doc("How many phone numbers, e-mails, ... were removed from the text.", 0)
    created_at: datetime = _doc(*_CREATED)


class ProblemReportPublic(SQLModel):
    """A report as its editors see it (never shown to the public)."""

    id: int = _doc(*_REPORT_ID)
    access_point_id: str = _doc(*_AP_ID)
    access_point_name: str = _doc("The access point's name in French.", "CPAS de Schaerbeek")
    organization_id: str = _doc(
        "Id of the organization that runs the place.", "cpas-ocmw-schaerbeek"
    )
    kind: ReportKind = _doc(*_KIND)
    text: str | None = _doc(*_TEXT)
    status: ReportStatus = _doc(*_STATUS)
    created_at: datetime = _doc(*_CREATED)
    resolved_at: datetime | None = _doc("When an editor resolved it (UTC); null while open.", None)
    resolved_by: str | None = _doc(
        "Who resolved it (account or key name); null while open.", "Anne <anne@example.be>"
    )


class ResolutionCreate(SQLModel):
    """How an editor closes a report."""

    resolution: Resolution = _doc(
        "fixed (the entry was corrected), not_a_problem or duplicate.", "fixed"
    )
