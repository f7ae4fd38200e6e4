"""Incident reports in the JSON API: any API key reports, previews, lists and withdraws its
own (the reporter is ``api_key:<id>``); admin keys list them all, with their texts."""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request, Response, status

from api.clock import NowDep
from api.db import SessionDep
from api.errors import ForbiddenError
from api.models.incidents_public import (
    IncidentAdmin,
    IncidentCreate,
    IncidentPreview,
    IncidentPublic,
    IncidentReceipt,
)
from api.models.responses import ErrorMessage
from api.routers.auth import KeyDep, VersionDep, etag
from api.services.incidents import (
    INCIDENT_VERSION,
    create_incident,
    list_incidents,
    list_my_incidents,
    preview_incident,
    withdraw_incident,
)

router = APIRouter(prefix="/v1", tags=["incident reports"])

_KEY = {401: "No API key, or an unknown or revoked one"}


def _errors(codes: dict[int, str]) -> dict[int | str, dict[str, Any]]:
    return {code: {"model": ErrorMessage, "description": text} for code, text in codes.items()}


def _reporter(key: KeyDep) -> str:
    return f"api_key:{key.id}"


@router.post(
    "/incidents",
    response_model=IncidentReceipt,
    status_code=status.HTTP_201_CREATED,
    responses=_errors(_KEY),
)
def create_endpoint(
    data: IncidentCreate, session: SessionDep, key: KeyDep, now: NowDep, response: Response
) -> IncidentReceipt:
    """Report an incident: a person met no human where one should have been. Exactly one of
    ``access_point_id``, ``organization_id`` (existing ids) or ``other_service_name``;
    ``occurred_on`` not in the future nor more than 366 days ago (Europe/Brussels);
    ``wait_minutes`` only with ``unreachable_phone``, ``delay_days`` only with ``delay``;
    ``residence_nis_code`` a known municipality. The text is stored without phone numbers,
    e-mails, national register numbers, IBANs, dates of birth and street addresses; the
    answer says how many pieces were removed. 422 names the field at fault. The ETag is
    always "1": an incident is never changed, only withdrawn."""
    response.headers["ETag"] = etag(INCIDENT_VERSION)
    return create_incident(session=session, data=data, reporter=_reporter(key), now=now)


@router.post("/incidents/preview", response_model=IncidentPreview, responses=_errors(_KEY))
def preview_endpoint(data: IncidentCreate, key: KeyDep, now: NowDep) -> IncidentPreview:
    """The text as it would be stored (personal data replaced by ``[removed]``) and how many
    pieces were removed; nothing is stored and the other rules are not checked."""
    return preview_incident(text=data.text, now=now)


@router.get("/incidents/mine", response_model=list[IncidentPublic], responses=_errors(_KEY))
def mine_endpoint(session: SessionDep, key: KeyDep) -> list[IncidentPublic]:
    """The incidents this key reported, newest first, at most 500: their structured fields
    (``has_text`` says whether a text is stored; admins read the texts)."""
    return list_my_incidents(session=session, reporter=_reporter(key))


@router.delete(
    "/incidents/{incident_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=_errors(
        _KEY
        | {
            404: "This key reported no incident with that id",
            412: 'If-Match is not "1"',
            428: "If-Match is missing",
        }
    ),
)
def withdraw_endpoint(
    incident_id: Annotated[int, Path(ge=1, le=2**31 - 1, description="Incident id")],
    session: SessionDep,
    key: KeyDep,
    version: VersionDep,
) -> Response:
    """Withdraw (delete) an incident this key reported, with ``If-Match: "1"`` as every
    deletion of the API (an incident is never changed: its version is always 1). Another's
    incident answers 404, as an unknown one: its existence is not told."""
    withdraw_incident(
        session=session, reporter=_reporter(key), incident_id=incident_id, expected_version=version
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/incidents",
    response_model=list[IncidentAdmin],
    responses=_errors(_KEY | {403: "Not an admin key"}),
)
def list_endpoint(
    request: Request, session: SessionDep, key: KeyDep, now: NowDep
) -> list[IncidentAdmin]:
    """Every incident, newest first, at most 500, with its text and reporter: admin keys
    only. Texts older than the retention period (``incident_text_retention_days``) are
    emptied before the answer."""
    if not key.is_admin:
        raise ForbiddenError("the incidents' texts are read with an admin key only")
    return list_incidents(
        session=session,
        now=now,
        retention_days=request.app.state.settings.incident_text_retention_days,
    )
