"""Editors' writes on organizations. Same rules as access points: validated bodies,
If-Match on changes, nothing physically deleted, every change in the history."""

from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session

from api.errors import ConflictError, InvalidQueryError, NotFoundError
from api.models import (
    Actor,
    ChangeAction,
    Organization,
    OrganizationCreate,
    OrganizationPublic,
)
from api.models.common import Status
from api.services.editing.access_points import merge_patch
from api.services.editing.history import (
    apply_versioned_change,
    check_version,
    diff_fields,
    record_change,
)
from api.services.ids import slug_from_name
from api.services.keys import check_may_edit
from api.services.search_index import index_organization


def existing_organization(session: Session, organization_id: str) -> Organization:
    """The organization ``organization_id``. Raises ``NotFoundError`` (404)."""
    found = session.get(Organization, organization_id)
    if found is None:
        raise NotFoundError(f"no organization with id {organization_id!r}")
    return found


def _public(organization: Organization) -> tuple[OrganizationPublic, int]:
    return OrganizationPublic.model_validate(
        organization, from_attributes=True
    ), organization.version


def _shape(organization: Organization) -> dict[str, Any]:
    return OrganizationCreate.model_validate(
        organization.model_dump(include=set(OrganizationCreate.model_fields), warnings=False)
    ).model_dump(mode="json")


def get_organization(*, session: Session, organization_id: str) -> tuple[OrganizationPublic, int]:
    """One organization and its version (the ETag). Raises ``NotFoundError`` (404)."""
    return _public(existing_organization(session, organization_id))


def create_organization(
    *, session: Session, actor: Actor, data: OrganizationCreate, now: datetime
) -> tuple[OrganizationPublic, int]:
    """Create an organization (id from the body or a slug of its name, prefixed with
    ``organization-`` when shorter than three characters). An editor key bound to another
    organization may not. Raises 409, 403, 422 (a name with no letter or digit and no id).
    Commits."""
    organization_id = data.id or slug_from_name(
        name=data.name, prefix="organization", loc=("body", "name")
    )
    check_may_edit(actor, organization_id)
    if session.get(Organization, organization_id) is not None:
        raise ConflictError(f"organization {organization_id!r} exists already")
    organization = Organization(**data.model_dump(exclude={"id"}), id=organization_id)
    session.add(organization)
    after = _shape(organization)
    record_change(
        session=session,
        resource="organization",
        resource_id=organization_id,
        version=1,
        action=ChangeAction.CREATE,
        now=now,
        actor=actor.name,
        changes={k: {"before": None, "after": v} for k, v in after.items() if v is not None},
        snapshot=after,
    )
    session.commit()
    return _public(organization)


def update_organization(
    *,
    session: Session,
    actor: Actor,
    organization_id: str,
    body: dict[str, Any],
    merge: bool,
    expected_version: int,
    now: datetime,
    action: ChangeAction = ChangeAction.UPDATE,
) -> tuple[OrganizationPublic, int]:
    """Replace or merge-patch (RFC 7396) an organization at ``expected_version``. Raises
    404, 403, 412, 422. Commits."""
    organization = existing_organization(session, organization_id)
    check_may_edit(actor, organization_id)
    check_version("organization", organization_id, organization.version, expected_version)
    before = _shape(organization)
    merged = merge_patch(before, body) if merge else body
    try:
        data = OrganizationCreate.model_validate({**merged, "id": organization_id})
    except ValidationError as exc:
        raise InvalidQueryError(str(exc), loc=("body",)) from exc
    after = data.model_dump(mode="json")
    changes = diff_fields(before, after)
    if changes.keys() & {"name", "name_nl"}:
        # Its access points' search documents hold its names: rewritten in the same commit.
        index_organization(
            session=session, organization_id=organization_id, name=data.name, name_nl=data.name_nl
        )
    if changes:
        apply_versioned_change(
            session=session,
            row=organization,
            values=data.model_dump(exclude={"id"}),
            resource="organization",
            resource_id=organization_id,
            action=action,
            now=now,
            actor=actor.name,
            changes=changes,
            snapshot=lambda: after,
        )
    return _public(organization)


def delete_organization(
    *, session: Session, actor: Actor, organization_id: str, expected_version: int, now: datetime
) -> tuple[OrganizationPublic, int]:
    """Mark an organization inactive (its access points keep their own status)."""
    return update_organization(
        session=session,
        actor=actor,
        organization_id=organization_id,
        body={"status": Status.INACTIVE.value},
        merge=True,
        expected_version=expected_version,
        now=now,
        action=ChangeAction.DELETE,
    )
