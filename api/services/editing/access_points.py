"""Editors' writes on access points: create, replace, patch, delete (mark inactive), history
and restore. Every change goes through ``AccessPointCreate`` validation and
``save_access_point`` (version, history), and is allowed by the key's role and organization.
"""

from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session, col, select

from api import hours
from api.errors import ConflictError, InvalidQueryError, NotFoundError
from api.geocoding import Geocoder
from api.i18n import DEFAULT_LANGUAGE, Language
from api.models import AccessPoint, AccessPointCreate, Actor, Change, ChangeAction, ChangePublic
from api.models.common import Status
from api.models.responses import AccessPointWritten
from api.services.access_points import read_many
from api.services.editing import save_access_point, write_shape
from api.services.editing.history import changes_of, check_version
from api.services.ids import slug_from_name
from api.services.keys import check_admin, check_may_edit
from api.services.place_hours import coordinates_of, week_public
from api.services.verification.campaigns import close_tasks

RESOURCE = "access_point"


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7396 JSON Merge Patch: objects merge recursively, ``null`` removes a member,
    anything else replaces."""
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def _validated(body: dict[str, Any]) -> AccessPointCreate:
    try:
        return AccessPointCreate.model_validate(body)
    except ValidationError as exc:
        raise InvalidQueryError(
            "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in exc.errors()
            ),
            loc=("body",),
        ) from exc


def _current(session: Session, access_point_id: str) -> AccessPoint:
    point = session.exec(select(AccessPoint).where(col(AccessPoint.id) == access_point_id)).first()
    if point is None:
        raise NotFoundError(f"no access point with id {access_point_id!r}")
    return point


def _save_and_answer(
    session: Session,
    *,
    access_point_id: str,
    data: AccessPointCreate,
    now: datetime,
    actor: Actor,
    geocoder: Geocoder | None,
    lang: Language,
    expected_version: int | None = None,
    action: ChangeAction | None = None,
    keep_location: bool = True,
) -> tuple[AccessPointWritten, int]:
    """Save through the one write path, commit, and answer with the stored access point,
    its week in words and what the editor should know (notices, warnings)."""
    notices: list[str] = []
    warnings: list[str] = []
    point, result = save_access_point(
        session=session,
        access_point_id=access_point_id,
        data=data,
        now=now,
        actor=actor.name,
        expected_version=expected_version,
        action=action,
        geocoder=geocoder,
        notices=notices,
        warnings=warnings,
        keep_location=keep_location,
    )
    if result == "updated":
        # Whatever the path (API, editors' pages, restore), a saved change answers the
        # entry's open campaign tasks as "changed", in the same transaction.
        close_tasks(
            session=session, access_point_id=access_point_id, actor=actor, now=now, changed=True
        )
    session.commit()
    session.refresh(point)
    read = read_many(session=session, points=[point], at=now, lang=lang)[0]
    week = week_public(
        point.opening_hours,
        week_of=hours.to_brussels(now).date(),
        lang=lang,
        coordinates=coordinates_of(point),
    )
    written = AccessPointWritten(**read.model_dump(), week=week, notices=notices, warnings=warnings)
    return written, point.version


def create_access_point(
    *,
    session: Session,
    actor: Actor,
    data: AccessPointCreate,
    now: datetime,
    geocoder: Geocoder | None = None,
    lang: Language = DEFAULT_LANGUAGE,
) -> tuple[AccessPointWritten, int]:
    """Create an access point (id from the body, or a slug of its French name, prefixed with
    its kind when shorter than three characters: ``ids.slug_from_name``). Returns it
    with its version (the ETag). Raises ``ConflictError`` (409) when the id exists,
    ``ForbiddenError`` (403), ``InvalidQueryError`` (422). Commits."""
    check_may_edit(actor, data.organization_id)
    access_point_id = data.id or slug_from_name(
        name=data.names.fr, prefix=data.kind.value, loc=("body", "names", "fr")
    )
    if session.exec(select(AccessPoint.pk).where(col(AccessPoint.id) == access_point_id)).first():
        raise ConflictError(
            f"access point {access_point_id!r} exists already: change it with PUT or PATCH, "
            "or give another id"
        )
    return _save_and_answer(
        session,
        access_point_id=access_point_id,
        data=data,
        now=now,
        actor=actor,
        geocoder=geocoder,
        lang=lang,
    )


def update_access_point(
    *,
    session: Session,
    actor: Actor,
    access_point_id: str,
    body: dict[str, Any],
    merge: bool,
    expected_version: int,
    now: datetime,
    action: ChangeAction = ChangeAction.UPDATE,
    geocoder: Geocoder | None = None,
    lang: Language = DEFAULT_LANGUAGE,
) -> tuple[AccessPointWritten, int]:
    """Replace (``merge=False``, PUT) or merge-patch (``merge=True``, PATCH, RFC 7396) an
    access point whose current version is ``expected_version``. The result is validated as a
    whole; a field sent with its current value changes nothing (no new version, no history
    entry), and a body that keeps the address keeps its building or street location unless
    it sends ``location``. Raises ``NotFoundError`` (404), ``PreconditionFailedError``
    (412), ``ForbiddenError`` (403), ``InvalidQueryError`` (422). Commits."""
    current = _current(session, access_point_id)
    check_may_edit(actor, current.organization_id)
    check_version("access point", access_point_id, current.version, expected_version)
    if body.get("id") not in (None, access_point_id):
        raise InvalidQueryError(
            "the id in the body differs from the id in the path", loc=("body", "id")
        )
    merged = merge_patch(write_shape(current), body) if merge else body
    if merge and "address" in body and "location" not in body:
        # Located again if the address changed; kept if it did not (save_access_point).
        merged.pop("location", None)
    data = _validated({**merged, "id": access_point_id})
    check_may_edit(actor, data.organization_id)
    return _save_and_answer(
        session,
        access_point_id=access_point_id,
        data=data,
        now=now,
        actor=actor,
        geocoder=geocoder,
        lang=lang,
        expected_version=expected_version,
        action=action,
        # A location is replaced by a worse one only when the request says so.
        keep_location="location" not in body,
    )


def delete_access_point(
    *, session: Session, actor: Actor, access_point_id: str, expected_version: int, now: datetime
) -> tuple[AccessPointWritten, int]:
    """Mark an access point inactive: nothing is ever physically deleted, and the change is
    in its history. Same errors as ``update_access_point``."""
    return update_access_point(
        session=session,
        actor=actor,
        access_point_id=access_point_id,
        body={"status": Status.INACTIVE.value},
        merge=True,
        expected_version=expected_version,
        now=now,
        action=ChangeAction.DELETE,
    )


def list_history(*, session: Session, access_point_id: str) -> list[ChangePublic]:
    """Every change of an access point, oldest first. Raises ``NotFoundError`` (404)."""
    _current(session, access_point_id)
    return changes_of(session=session, resource=RESOURCE, resource_id=access_point_id)


def restore_access_point(
    *,
    session: Session,
    actor: Actor,
    access_point_id: str,
    version: int,
    expected_version: int,
    now: datetime,
) -> tuple[AccessPointWritten, int]:
    """Admin only: make the state of a former ``version`` current again, as a new version
    recorded as a restore. Raises ``ForbiddenError`` (403), ``NotFoundError`` (404) for an
    unknown version, and the errors of ``update_access_point``. Commits."""
    check_admin(actor)
    former = session.exec(
        select(Change).where(
            col(Change.resource) == RESOURCE,
            col(Change.resource_id) == access_point_id,
            col(Change.version) == version,
        )
    ).first()
    if former is None:
        raise NotFoundError(f"access point {access_point_id!r} has no version {version}")
    return update_access_point(
        session=session,
        actor=actor,
        access_point_id=access_point_id,
        body=former.snapshot,
        merge=False,
        expected_version=expected_version,
        now=now,
        action=ChangeAction.RESTORE,
    )
