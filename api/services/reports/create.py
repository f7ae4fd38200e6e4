"""Receiving a problem report: bounded (length, honeypot, rate limits) and scrubbed of
personal data before anything is stored."""

from datetime import datetime

from sqlmodel import Session, select

from api.errors import DomainError, InvalidQueryError, NotFoundError
from api.models import AccessPoint
from api.models.reports import (
    REPORT_TEXT_MAX_LENGTH,
    ProblemReport,
    ProblemReportCreate,
    ProblemReportReceipt,
)
from api.ratelimit import hit
from api.services.privacy import scrub

PER_ADDRESS_LIMIT = "10 per hour"
"""Reports one network address may send: a worker reporting a round of visits fits."""
PER_PLACE_LIMIT = "30 per day"
"""Reports one place may receive: beyond, the editors have heard it (and a flood stops)."""


class HoneypotError(InvalidQueryError):
    """The hidden field that people leave empty was filled: a robot (422, in the shape of
    FastAPI's validation errors, at ``body.website``)."""


class TooManyReportsError(DomainError):
    """A rate limit of reports is reached (429)."""

    status_code = 429


def create_report(
    *,
    session: Session,
    access_point_id: str,
    data: ProblemReportCreate,
    client_address: str,
    now: datetime,
) -> ProblemReportReceipt:
    """Store a report on ``access_point_id`` and commit.

    Checks, in order: the place exists (NotFoundError, 404), the honeypot ``website`` is
    empty (HoneypotError, 422), at most ``PER_ADDRESS_LIMIT`` reports from
    ``client_address`` and ``PER_PLACE_LIMIT`` on the place (TooManyReportsError, 429).
    The text (already bounded by ``ProblemReportCreate``) is stripped, an empty one stored
    as None, and only its scrubbed form (``api.services.privacy.scrub``) is stored. The
    reporter's address is used for counting only, never stored."""
    exists = session.exec(select(AccessPoint.id).where(AccessPoint.id == access_point_id)).first()
    if exists is None:
        raise NotFoundError(f"no access point with id {access_point_id!r}")
    if data.website:
        raise HoneypotError(
            "leave the field 'website' empty: it is there to stop robots", loc=("body", "website")
        )
    if not hit(namespace="report-address", identifier=client_address, limit=PER_ADDRESS_LIMIT):
        raise TooManyReportsError(
            f"too many reports from your address (at most {PER_ADDRESS_LIMIT}): try again later"
        )
    if not hit(namespace="report-place", identifier=access_point_id, limit=PER_PLACE_LIMIT):
        raise TooManyReportsError(
            f"this place received many reports today (at most {PER_PLACE_LIMIT}): "
            "its editors have been told; try again tomorrow"
        )
    text = (data.text or "").strip()
    # Markers may make it longer than the column (a text full of short e-mail addresses).
    scrubbed = scrub(text, max_length=REPORT_TEXT_MAX_LENGTH) if text else None
    report = ProblemReport(
        access_point_id=access_point_id,
        kind=data.kind,
        text=scrubbed.text if scrubbed else None,
        created_at=now,
    )
    session.add(report)
    session.commit()
    session.refresh(report)
    assert report.id is not None
    return ProblemReportReceipt(
        id=report.id,
        access_point_id=report.access_point_id,
        kind=report.kind,
        status=report.status,
        text=report.text,
        removed_count=len(scrubbed.removed) if scrubbed else 0,
        created_at=report.created_at,
    )
