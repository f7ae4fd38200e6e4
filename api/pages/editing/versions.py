"""The versions of an access point in the workspace: finding a stored one, the merge page
after a version conflict (and saving its choices), the history with its readable diff, and
restore (admins)."""

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from api.errors import InvalidQueryError, NotFoundError, PreconditionFailedError
from api.geocoding import Geocoder
from api.i18n import Language
from api.models import AccessPoint, Change
from api.models.editing import Actor
from api.pages.editing.forms import FormData
from api.pages.editing.history import field_value_text, history_view
from api.pages.editing.labels import field_labels
from api.pages.editing.merge import MINE, THEIRS, apply_merge, flatten, plan_merge, unflatten
from api.pages.editing.outcome import Outcome
from api.pages.views import gettext_for
from api.services.editing import write_shape
from api.services.editing.access_points import (
    list_history,
    restore_access_point,
    update_access_point,
)
from api.services.keys import check_may_edit
from api.services.verification import record_check


def current_point(session: Session, access_point_id: str) -> AccessPoint:
    """The stored access point ``access_point_id``. Raises ``NotFoundError`` (404)."""
    point = session.exec(select(AccessPoint).where(col(AccessPoint.id) == access_point_id)).first()
    if point is None:
        raise NotFoundError(f"no access point with id {access_point_id!r}")
    return point


def snapshot_of(
    *, session: Session, resource: str, resource_id: str, version: int
) -> dict[str, Any] | None:
    """The stored state of ``resource`` (``access_point``, ``organization``) at a former
    ``version``: the history's snapshot of it, else the next version's snapshot with its
    changes undone (entries the seed wrote before the history kept snapshots); None if
    neither is known."""
    rows = session.exec(
        select(Change).where(
            col(Change.resource) == resource,
            col(Change.resource_id) == resource_id,
            col(Change.version).in_([version, version + 1]),
        )
    ).all()
    by_version = {row.version: row for row in rows}
    if version in by_version:
        return dict(by_version[version].snapshot)
    following = by_version.get(version + 1)
    if following is None or not following.snapshot:
        return None
    state = dict(following.snapshot)
    for field, change in following.changes.items():
        state[field] = change.get("before") if isinstance(change, dict) else None
    return state


def version_shape(*, session: Session, access_point_id: str, version: int) -> dict[str, Any] | None:
    """The write shape of a former ``version`` of an access point, None if unknown."""
    return snapshot_of(
        session=session, resource="access_point", resource_id=access_point_id, version=version
    )


def posted_int(form: FormData, name: str) -> int:
    """An integer hidden field (a version); 0, a version nothing has, when it is not one."""
    text = str(form.get(name) or "")
    return int(text) if text.isdigit() and len(text) < 10 else 0


@dataclass(frozen=True, slots=True)
class MergeTarget:
    """What is being merged: its name, its form's URL, its current version and stored
    write shape (the other editor's state)."""

    name: str
    url: str
    version: int
    theirs: dict[str, Any]


def point_target(point: AccessPoint) -> MergeTarget:
    """An access point as a ``MergeTarget``."""
    return MergeTarget(
        point.name_fr, f"/edit/access-points/{point.id}", point.version, write_shape(point)
    )


def merge_page(
    *,
    lang: Language,
    target: MergeTarget,
    base: dict[str, Any],
    base_version: int,
    mine: dict[str, Any],
) -> Outcome:
    """The merge page (409): the fields the other editor changed since ``base_version``,
    their value and the editor's (``mine``), and the editor's other changes."""
    _ = gettext_for(lang)
    plan = plan_merge(base=base, theirs=target.theirs, mine=mine)
    labels = field_labels(lang)
    rows = [
        {
            "path": f.path,
            "label": labels.get(f.path, f.path),
            "theirs": field_value_text(f.path, f.theirs, lang),
            "mine": field_value_text(f.path, f.mine, lang),
            "proposed": f.proposed,
        }
        for f in plan.fields
    ]
    kept = [
        {"label": labels.get(p, p), "value": field_value_text(p, v, lang)}
        for p, v in plan.kept.items()
    ]
    return Outcome(
        "editing/merge.html",
        _("Someone else changed %(name)s") % {"name": target.name},
        {
            "target": target,
            "rows": rows,
            "kept": kept,
            "version": target.version,
            "base_version": base_version,
            "mine": json.dumps(flatten(mine), ensure_ascii=False, sort_keys=True),
            "MINE": MINE,
            "THEIRS": THEIRS,
        },
        409,
    )


def posted_mine(form: FormData) -> dict[str, Any]:
    """The editor's values the merge page carries (flattened JSON in ``mine``). Raises
    ``InvalidQueryError`` (422) when they are not there."""
    try:
        flat_mine = json.loads(str(form.get("mine") or ""))
    except ValueError:
        flat_mine = None
    if not isinstance(flat_mine, dict):
        raise InvalidQueryError("the merge form lost your values: open the form again")
    return flat_mine


def merged_shape(
    *, form: FormData, base: dict[str, Any], theirs: dict[str, Any], flat_mine: dict[str, Any]
) -> dict[str, Any]:
    """The write shape the merge page's choices (``choice_<field>``: ``mine`` or
    ``theirs``; theirs when missing) make of ``theirs`` and the editor's values."""
    plan = plan_merge(base=base, theirs=theirs, mine=unflatten(flat_mine))
    choices = {f.path: str(form.get(f"choice_{f.path}") or THEIRS) for f in plan.fields}
    return apply_merge(
        theirs=theirs,
        mine=flat_mine,
        paths=[f.path for f in plan.fields] + list(plan.kept),
        choices=choices,
    )


def save_merge_form(
    *,
    session: Session,
    actor: Actor,
    access_point_id: str,
    form: FormData,
    now: datetime,
    lang: Language,
    geocoder: Geocoder | None,
) -> Outcome:
    """Save the merge page's choices (``choice_<field>``: ``mine`` or ``theirs``) against
    the version it showed; if someone saved again meanwhile, the merge page again."""
    point = current_point(session, access_point_id)
    check_may_edit(actor, point.organization_id)
    base_version = posted_int(form, "base_version")
    base = version_shape(session=session, access_point_id=point.id, version=base_version) or {}
    flat_mine = posted_mine(form)
    mine = unflatten(flat_mine)
    if posted_int(form, "version") != point.version:
        target = point_target(point)
        return merge_page(lang=lang, target=target, base=base, base_version=base_version, mine=mine)
    merged = merged_shape(form=form, base=base, theirs=write_shape(point), flat_mine=flat_mine)
    expected = point.version
    try:
        _written, saved_version = update_access_point(
            session=session,
            actor=actor,
            access_point_id=point.id,
            body=merged,
            merge=False,
            expected_version=expected,
            now=now,
            geocoder=geocoder,
            lang=lang,
        )
        if saved_version != expected:  # a change was saved: its campaign tasks are done
            record_check(session=session, access_point_id=point.id, actor=actor, now=now)
    except PreconditionFailedError:
        session.rollback()
        target = point_target(current_point(session, point.id))
        return merge_page(lang=lang, target=target, base=base, base_version=base_version, mine=mine)
    return Outcome(redirect=f"/edit/access-points/{point.id}?saved=1&lang={lang}")


def show_history(
    *, session: Session, actor: Actor, access_point_id: str, lang: Language, restored: bool = False
) -> Outcome:
    """The history page: every version, newest first, each changed field before and after;
    a restore button per former version for admins."""
    point = current_point(session, access_point_id)
    check_may_edit(actor, point.organization_id)
    versions = history_view(list_history(session=session, access_point_id=point.id), lang=lang)
    _ = gettext_for(lang)
    title = _("History of %(name)s") % {"name": point.name_fr}
    return Outcome(
        "editing/history.html",
        title,
        {"point": point, "versions": versions, "restored": restored},
    )


def restore_version_form(
    *,
    session: Session,
    actor: Actor,
    access_point_id: str,
    form: FormData,
    now: datetime,
    lang: Language,
) -> Outcome:
    """Restore the posted ``version`` (admins), against the posted ``expected_version``.
    Raises ``ForbiddenError`` (403), ``NotFoundError`` (404), ``PreconditionFailedError``
    (412: someone saved since the history was shown)."""
    restore_access_point(
        session=session,
        actor=actor,
        access_point_id=access_point_id,
        version=posted_int(form, "version"),
        expected_version=posted_int(form, "expected_version"),
        now=now,
    )
    return Outcome(redirect=f"/edit/access-points/{access_point_id}/history?restored=1&lang={lang}")
