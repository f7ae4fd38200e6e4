"""``POST /v1/access-points/{id}/verification``: "checked today" for machines (API key and
If-Match, like every write of the JSON API)."""

from typing import Annotated

from fastapi import APIRouter, Path, Response

from api.clock import NowDep
from api.db import SessionDep
from api.models.verification import VerificationIn, VerificationMethod, VerificationPublic
from api.routers.auth import KeyDep, VersionDep, etag
from api.routers.writes import ERRORS
from api.services.verification import mark_verified

router = APIRouter(prefix="/v1/access-points", tags=["editing"])

IdPath = Annotated[str, Path(min_length=1, max_length=120, description="Access point id")]


@router.post(
    "/{access_point_id}/verification",
    response_model=VerificationPublic,
    responses={k: v for k, v in ERRORS.items() if k != 409},
)
def verification_endpoint(
    session: SessionDep,
    key: KeyDep,
    now: NowDep,
    version: VersionDep,
    access_point_id: IdPath,
    body: VerificationIn,
    response: Response,
) -> VerificationPublic:
    """A person checked the access point today (``method``): sets ``verified_at`` (Brussels
    date) and ``verification_method``, recorded in its history, and closes its open campaign
    tasks as checked unchanged. Returns the new ``ETag`` (the version does not move when it
    was already checked today the same way)."""
    point = mark_verified(
        session=session,
        actor=key,
        access_point_id=access_point_id,
        method=body.method,
        expected_version=version,
        now=now,
    )
    assert point.verified_at is not None
    response.headers["ETag"] = etag(point.version)
    return VerificationPublic(
        id=point.id,
        verified_at=point.verified_at,
        verification_method=VerificationMethod(body.method),
        version=point.version,
    )
