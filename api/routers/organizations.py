"""``/v1/organizations/{id}`` and closures: reads open, writes with an API key and If-Match."""

from typing import Annotated, Any

from fastapi import APIRouter, Body, Path, Response, status

from api.clock import NowDep
from api.db import SessionDep
from api.models import (
    ChangePublic,
    ClosureCreate,
    ClosureRead,
    OrganizationCreate,
    OrganizationPublic,
)
from api.routers.auth import KeyDep, VersionDep, etag
from api.routers.writes import ERRORS
from api.services.editing.closures import (
    add_closure,
    cancel_closure,
    get_closure,
    list_closures,
    update_closure,
)
from api.services.editing.history import changes_of
from api.services.editing.organizations import (
    create_organization,
    delete_organization,
    get_organization,
    update_organization,
)

router = APIRouter(tags=["organizations and closures"])
OrgPath = Annotated[str, Path(min_length=1, max_length=120, description="Organization id")]
ApPath = Annotated[str, Path(min_length=1, max_length=120, description="Access point id")]
ClosurePath = Annotated[int, Path(ge=1, le=2**31 - 1, description="Closure id")]
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: ERRORS[404]}


def _send(response: Response, answer: tuple[Any, int]) -> Any:
    read, version = answer
    response.headers["ETag"] = etag(version)
    return read


@router.get(
    "/v1/organizations/{organization_id}", response_model=OrganizationPublic, responses=NOT_FOUND
)
def get_organization_endpoint(
    session: SessionDep, organization_id: OrgPath, response: Response
) -> Any:
    """One organization and its ``ETag``."""
    return _send(response, get_organization(session=session, organization_id=organization_id))


@router.post(
    "/v1/organizations",
    response_model=OrganizationPublic,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
)
def create_organization_endpoint(
    session: SessionDep, key: KeyDep, now: NowDep, data: OrganizationCreate, response: Response
) -> Any:
    """Create an organization; 201 with ``Location`` and ``ETag``."""
    read = _send(response, create_organization(session=session, actor=key, data=data, now=now))
    response.headers["Location"] = f"/v1/organizations/{read.id}"
    return read


@router.put(
    "/v1/organizations/{organization_id}", response_model=OrganizationPublic, responses=ERRORS
)
def replace_organization_endpoint(
    session: SessionDep,
    key: KeyDep,
    now: NowDep,
    version: VersionDep,
    organization_id: OrgPath,
    data: OrganizationCreate,
    response: Response,
) -> Any:
    """Replace an organization whose ETag is in ``If-Match``."""
    return _send(
        response,
        update_organization(
            session=session,
            actor=key,
            organization_id=organization_id,
            body=data.model_dump(mode="json", exclude_unset=True),
            merge=False,
            expected_version=version,
            now=now,
        ),
    )


@router.patch(
    "/v1/organizations/{organization_id}", response_model=OrganizationPublic, responses=ERRORS
)
def patch_organization_endpoint(
    session: SessionDep,
    key: KeyDep,
    now: NowDep,
    version: VersionDep,
    organization_id: OrgPath,
    response: Response,
    patch: Annotated[dict[str, Any], Body(description="JSON Merge Patch (RFC 7396)")],
) -> Any:
    """Change some fields of an organization whose ETag is in ``If-Match``."""
    return _send(
        response,
        update_organization(
            session=session,
            actor=key,
            organization_id=organization_id,
            body=patch,
            merge=True,
            expected_version=version,
            now=now,
        ),
    )


@router.delete(
    "/v1/organizations/{organization_id}", response_model=OrganizationPublic, responses=ERRORS
)
def delete_organization_endpoint(
    session: SessionDep,
    key: KeyDep,
    now: NowDep,
    version: VersionDep,
    organization_id: OrgPath,
    response: Response,
) -> Any:
    """Mark an organization inactive (never physically deleted)."""
    return _send(
        response,
        delete_organization(
            session=session,
            actor=key,
            organization_id=organization_id,
            expected_version=version,
            now=now,
        ),
    )


@router.get(
    "/v1/organizations/{organization_id}/history",
    response_model=list[ChangePublic],
    responses=NOT_FOUND,
)
def organization_history_endpoint(
    session: SessionDep, organization_id: OrgPath
) -> list[ChangePublic]:
    """Every change of an organization, oldest first."""
    get_organization(session=session, organization_id=organization_id)
    return changes_of(session=session, resource="organization", resource_id=organization_id)


@router.post(
    "/v1/access-points/{access_point_id}/closures",
    response_model=ClosureRead,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
)
def close_access_point_endpoint(
    session: SessionDep,
    key: KeyDep,
    now: NowDep,
    access_point_id: ApPath,
    data: ClosureCreate,
    response: Response,
) -> Any:
    """Close one access point from ``start`` to ``end`` (inclusive local dates)."""
    return _send(
        response,
        add_closure(
            session=session, actor=key, data=data, now=now, access_point_id=access_point_id
        ),
    )


@router.post(
    "/v1/organizations/{organization_id}/closures",
    response_model=ClosureRead,
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
)
def close_organization_endpoint(
    session: SessionDep,
    key: KeyDep,
    now: NowDep,
    organization_id: OrgPath,
    data: ClosureCreate,
    response: Response,
) -> Any:
    """Close every access point of an organization from ``start`` to ``end``."""
    return _send(
        response,
        add_closure(
            session=session, actor=key, data=data, now=now, organization_id=organization_id
        ),
    )


@router.get("/v1/access-points/{access_point_id}/closures", response_model=list[ClosureRead])
def access_point_closures_endpoint(
    session: SessionDep, access_point_id: ApPath
) -> list[ClosureRead]:
    """The access point's own closures, cancelled ones included."""
    return list_closures(session=session, access_point_id=access_point_id)


@router.get("/v1/organizations/{organization_id}/closures", response_model=list[ClosureRead])
def organization_closures_endpoint(
    session: SessionDep, organization_id: OrgPath
) -> list[ClosureRead]:
    """The organization-wide closures, cancelled ones included."""
    return list_closures(session=session, organization_id=organization_id)


@router.get("/v1/closures/{closure_id}", response_model=ClosureRead, responses=NOT_FOUND)
def get_closure_endpoint(session: SessionDep, closure_id: ClosurePath, response: Response) -> Any:
    """One closure and its ``ETag``."""
    return _send(response, get_closure(session=session, closure_id=closure_id))


@router.put("/v1/closures/{closure_id}", response_model=ClosureRead, responses=ERRORS)
def replace_closure_endpoint(
    session: SessionDep,
    key: KeyDep,
    now: NowDep,
    version: VersionDep,
    closure_id: ClosurePath,
    data: ClosureCreate,
    response: Response,
) -> Any:
    """Replace the dates and reasons of a closure whose ETag is in ``If-Match``."""
    return _send(
        response,
        update_closure(
            session=session,
            actor=key,
            closure_id=closure_id,
            merge=False,
            body=data.model_dump(mode="json"),
            expected_version=version,
            now=now,
        ),
    )


@router.patch("/v1/closures/{closure_id}", response_model=ClosureRead, responses=ERRORS)
def patch_closure_endpoint(
    session: SessionDep,
    key: KeyDep,
    now: NowDep,
    version: VersionDep,
    closure_id: ClosurePath,
    response: Response,
    patch: Annotated[dict[str, Any], Body(description="JSON Merge Patch (RFC 7396)")],
) -> Any:
    """Change the dates or reasons of a closure whose ETag is in ``If-Match``."""
    return _send(
        response,
        update_closure(
            session=session,
            actor=key,
            closure_id=closure_id,
            merge=True,
            body=patch,
            expected_version=version,
            now=now,
        ),
    )


@router.delete("/v1/closures/{closure_id}", response_model=ClosureRead, responses=ERRORS)
def cancel_closure_endpoint(
    session: SessionDep,
    key: KeyDep,
    now: NowDep,
    version: VersionDep,
    closure_id: ClosurePath,
    response: Response,
) -> Any:
    """Cancel a closure: kept with ``cancelled_at``, no longer applied."""
    return _send(
        response,
        cancel_closure(
            session=session, actor=key, closure_id=closure_id, expected_version=version, now=now
        ),
    )
