"""Editors' writes on ``/v1/access-points``: API key required, If-Match on every change."""

from typing import Annotated, Any

from fastapi import APIRouter, Body, Path, Query, Response, status

from api.clock import NowDep
from api.db import SessionDep
from api.models import AccessPointCreate, ChangePublic
from api.models.responses import AccessPointWritten, ErrorMessage
from api.routers.auth import KeyDep, VersionDep, etag
from api.routers.language import LangDep
from api.routers.params import GeocoderDep
from api.services.editing.access_points import (
    create_access_point,
    delete_access_point,
    list_history,
    restore_access_point,
    update_access_point,
)

router = APIRouter(prefix="/v1/access-points", tags=["editing"])

IdPath = Annotated[str, Path(min_length=1, max_length=120, description="Access point id")]
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorMessage, "description": text}
    for code, text in {
        401: "No API key, or an unknown or revoked one",
        403: "The key may not edit this organization's entries",
        404: "No access point with that id",
        409: "An access point with that id exists",
        412: "If-Match does not match the current version",
        428: "If-Match is missing",
    }.items()
}


def _send(response: Response, answer: tuple[AccessPointWritten, int]) -> AccessPointWritten:
    read, version = answer
    response.headers["ETag"] = etag(version)
    return read


@router.post(
    "", response_model=AccessPointWritten, status_code=status.HTTP_201_CREATED, responses=ERRORS
)
def create_endpoint(
    session: SessionDep,
    key: KeyDep,
    now: NowDep,
    geocoder: GeocoderDep,
    data: AccessPointCreate,
    response: Response,
    lang: LangDep,
) -> AccessPointWritten:
    """Create an access point; 201 with ``Location`` and ``ETag``. The body is the read shape
    without computed fields, with ``organization_id``; unknown fields are refused.
    ``opening_hours`` is stored in its canonical form (opening_hours.js); the answer has the
    week in words (in ``lang``), the notices and the warnings."""
    read = _send(
        response,
        create_access_point(
            session=session, actor=key, data=data, now=now, geocoder=geocoder, lang=lang
        ),
    )
    response.headers["Location"] = f"/v1/access-points/{read.id}"
    return read


@router.put("/{access_point_id}", response_model=AccessPointWritten, responses=ERRORS)
def replace_endpoint(
    session: SessionDep,
    key: KeyDep,
    now: NowDep,
    version: VersionDep,
    geocoder: GeocoderDep,
    access_point_id: IdPath,
    data: AccessPointCreate,
    response: Response,
    lang: LangDep,
) -> AccessPointWritten:
    """Replace an access point whose ETag is in ``If-Match``; returns the new ``ETag``."""
    body = data.model_dump(mode="json", exclude_unset=True)
    if data.written_opening_hours is not None:
        # Validated again as written, so that the answer says what was rewritten.
        body["opening_hours"] = data.written_opening_hours
    return _send(
        response,
        update_access_point(
            session=session,
            actor=key,
            access_point_id=access_point_id,
            body=body,
            merge=False,
            expected_version=version,
            now=now,
            geocoder=geocoder,
            lang=lang,
        ),
    )


@router.patch("/{access_point_id}", response_model=AccessPointWritten, responses=ERRORS)
def patch_endpoint(
    session: SessionDep,
    key: KeyDep,
    now: NowDep,
    version: VersionDep,
    geocoder: GeocoderDep,
    access_point_id: IdPath,
    response: Response,
    lang: LangDep,
    patch: Annotated[
        dict[str, Any],
        Body(description="JSON Merge Patch (RFC 7396) of the write shape; null removes."),
    ],
) -> AccessPointWritten:
    """Change some fields of an access point whose ETag is in ``If-Match``; the result is
    validated as a whole. Returns the new ``ETag``."""
    return _send(
        response,
        update_access_point(
            session=session,
            actor=key,
            access_point_id=access_point_id,
            body=patch,
            merge=True,
            expected_version=version,
            now=now,
            geocoder=geocoder,
            lang=lang,
        ),
    )


@router.delete("/{access_point_id}", response_model=AccessPointWritten, responses=ERRORS)
def delete_endpoint(
    session: SessionDep,
    key: KeyDep,
    now: NowDep,
    version: VersionDep,
    access_point_id: IdPath,
    response: Response,
) -> AccessPointWritten:
    """Mark an access point inactive (nothing is ever physically deleted); it stays readable
    by id and in its history."""
    return _send(
        response,
        delete_access_point(
            session=session,
            actor=key,
            access_point_id=access_point_id,
            expected_version=version,
            now=now,
        ),
    )


@router.get(
    "/{access_point_id}/history",
    response_model=list[ChangePublic],
    responses={404: ERRORS[404]},
)
def history_endpoint(session: SessionDep, access_point_id: IdPath) -> list[ChangePublic]:
    """Every change of an access point, oldest first: version, who (key name), when (UTC),
    what (each changed field, before and after)."""
    return list_history(session=session, access_point_id=access_point_id)


@router.post("/{access_point_id}/restore", response_model=AccessPointWritten, responses=ERRORS)
def restore_endpoint(
    session: SessionDep,
    key: KeyDep,
    now: NowDep,
    version: VersionDep,
    access_point_id: IdPath,
    response: Response,
    to: Annotated[
        int, Query(ge=1, le=2**31 - 1, description="The former version to make current again")
    ],
) -> AccessPointWritten:
    """Admin only: make a former version current again, as a new version."""
    return _send(
        response,
        restore_access_point(
            session=session,
            actor=key,
            access_point_id=access_point_id,
            version=to,
            expected_version=version,
            now=now,
        ),
    )
