"""Problem reports in the JSON API: anyone reports (no key); editors list and resolve the
reports on their organizations' places with their API key (admin keys: all)."""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, status

from api.clock import NowDep
from api.db import SessionDep
from api.models.reports import (
    ProblemReportCreate,
    ProblemReportPublic,
    ProblemReportReceipt,
    ReportStatus,
    ResolutionCreate,
)
from api.models.responses import ErrorMessage
from api.routers.auth import KeyDep
from api.services.reports import create_report, list_reports, resolve_report

router = APIRouter(prefix="/v1", tags=["problem reports"])

IdPath = Annotated[str, Path(min_length=1, max_length=120, description="Access point id")]


def _errors(codes: dict[int, str]) -> dict[int | str, dict[str, Any]]:
    return {code: {"model": ErrorMessage, "description": text} for code, text in codes.items()}


@router.post(
    "/access-points/{access_point_id}/reports",
    response_model=ProblemReportReceipt,
    status_code=status.HTTP_201_CREATED,
    responses=_errors(
        {
            404: "No access point with that id",
            429: "Too many reports from this address or on this place",
        }
    ),
)
def report_endpoint(
    access_point_id: IdPath,
    data: ProblemReportCreate,
    request: Request,
    session: SessionDep,
    now: NowDep,
) -> ProblemReportReceipt:
    """Report a problem with an access point; no key needed. ``kind`` says what is wrong;
    ``text`` (optional, at most 500 characters) is stored after phone numbers, e-mails,
    Belgian national register numbers and IBANs are removed, and shown to the place's
    editors only. ``website`` must stay empty. At most 10 reports an hour per address and
    30 a day per place."""
    return create_report(
        session=session,
        access_point_id=access_point_id,
        data=data,
        client_address=request.client.host if request.client else "unknown",
        now=now,
    )


@router.get(
    "/reports",
    response_model=list[ProblemReportPublic],
    responses=_errors({401: "No API key, or an unknown or revoked one"}),
)
def list_endpoint(
    session: SessionDep,
    key: KeyDep,
    report_status: Annotated[
        ReportStatus | None,
        Query(alias="status", description="Only reports with this status; absent: open ones."),
    ] = None,
    every_status: Annotated[
        bool, Query(alias="all", description="true: reports of every status.")
    ] = False,
) -> list[ProblemReportPublic]:
    """The reports on the places of the key's organization (an admin or unbound key: all),
    newest first, at most 500. Open ones by default."""
    wanted = None if every_status else (report_status or ReportStatus.OPEN)
    return list_reports(session=session, actor=key, status=wanted)


@router.post(
    "/reports/{report_id}/resolution",
    response_model=ProblemReportPublic,
    responses=_errors(
        {
            401: "No API key, or an unknown or revoked one",
            403: "The report is about a place of another organization",
            404: "No report with that id",
            409: "The report is already resolved",
        }
    ),
)
def resolve_endpoint(
    report_id: Annotated[int, Path(ge=1, le=2**31 - 1, description="Report id")],
    data: ResolutionCreate,
    session: SessionDep,
    key: KeyDep,
    now: NowDep,
) -> ProblemReportPublic:
    """Close an open report as ``fixed``, ``not_a_problem`` or ``duplicate``; the key's name
    is recorded as ``resolved_by``."""
    return resolve_report(
        session=session, actor=key, report_id=report_id, resolution=data.resolution, now=now
    )
