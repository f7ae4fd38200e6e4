"""The access point pages of the workspace: the form (create, edit), the merge page after a
version conflict, the history with its readable diff, and restore (admins). Every write goes
through the services of ``api.services.editing`` with the signed-in account as ``actor``
(they check the rights and record the history)."""

import json
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from api.errors import (
    ConflictError,
    ForbiddenError,
    InvalidQueryError,
    NotFoundError,
    PreconditionFailedError,
)
from api.geocoding import Geocoder
from api.hours import to_brussels
from api.i18n import Language
from api.models import AccessPoint, Change
from api.models.editing import Actor
from api.pages.editing.choices import access_point_choices
from api.pages.editing.errors import domain_errors
from api.pages.editing.forms import (
    PHONE_ROWS_EXTRA,
    FormData,
    access_point_values,
    read_access_point_form,
    shape_of,
)
from api.pages.editing.history import history_view, value_text
from api.pages.editing.hours_form import hours_input_from_value, preview_days
from api.pages.editing.labels import field_labels
from api.pages.editing.merge import MINE, THEIRS, apply_merge, flatten, plan_merge, unflatten
from api.pages.editing.outcome import Outcome
from api.pages.views import gettext_for
from api.services.editing import write_shape
from api.services.editing.access_points import (
    create_access_point,
    list_history,
    restore_access_point,
    update_access_point,
)
from api.services.keys import check_may_edit


def current_point(session: Session, access_point_id: str) -> AccessPoint:
    point = session.exec(select(AccessPoint).where(col(AccessPoint.id) == access_point_id)).first()
    if point is None:
        raise NotFoundError(f"no access point with id {access_point_id!r}")
    return point


def version_shape(*, session: Session, access_point_id: str, version: int) -> dict[str, Any] | None:
    """The write shape of a former ``version`` (the history's snapshot), None if unknown."""
    change = session.exec(
        select(Change).where(
            col(Change.resource) == "access_point",
            col(Change.resource_id) == access_point_id,
            col(Change.version) == version,
        )
    ).first()
    return dict(change.snapshot) if change is not None else None


def posted_int(form: FormData, name: str) -> int:
    """An integer hidden field (a version); 0, a version nothing has, when it is not one."""
    text = str(form.get(name) or "")
    return int(text) if text.isdigit() and len(text) < 10 else 0


def _form_page(
    *,
    session: Session,
    actor: Actor,
    lang: Language,
    point: AccessPoint | None,
    values: dict[str, Any],
    hours: Any,
    errors: dict[str, list[str]],
    version: int,
    today: Any,
    preview: bool = False,
    status: int = 200,
    saved: bool = False,
) -> Outcome:
    _ = gettext_for(lang)
    location = (point.lat, point.lon) if point and point.lat is not None and point.lon else None
    days = (
        preview_days(value=hours.value, start=today, lang=lang, location=location)
        if preview and not hours.errors
        else None
    )
    title = (
        _("Edit %(name)s") % {"name": point.name_fr} if point is not None else _("New access point")
    )
    phones = list(values.get("phones") or [])
    rows = phones + [{"number": "", "label": "", "free": ""}] * PHONE_ROWS_EXTRA
    return Outcome(
        "editing/access_point.html",
        title,
        {
            "point": point,
            "values": values,
            "phone_rows": rows,
            "hours": hours,
            "preview": days,
            "location": location,
            "errors": errors,
            "version": version,
            "choices": access_point_choices(session=session, actor=actor, lang=lang),
            "labels": field_labels(lang),
            "saved": saved,
        },
        status,
    )


def show_access_point_form(
    *,
    session: Session,
    actor: Actor,
    access_point_id: str | None,
    lang: Language,
    now: datetime,
    saved: bool = False,
) -> Outcome:
    """The form of an access point (``None``: a new one), filled with its stored values.
    Raises ``NotFoundError`` (404) and ``ForbiddenError`` (403, another organization's)."""
    point = current_point(session, access_point_id) if access_point_id is not None else None
    if point is not None:
        check_may_edit(actor, point.organization_id)
    shape = write_shape(point) if point is not None else {}
    return _form_page(
        session=session,
        actor=actor,
        lang=lang,
        point=point,
        values=access_point_values(shape),
        hours=hours_input_from_value(shape.get("opening_hours"), lang=lang),
        errors={},
        version=point.version if point is not None else 0,
        today=to_brussels(now).date(),
        saved=saved,
    )


def _merge_page(
    *,
    lang: Language,
    point: AccessPoint,
    base: dict[str, Any],
    base_version: int,
    mine: dict[str, Any],
) -> Outcome:
    _ = gettext_for(lang)
    theirs = write_shape(point)
    plan = plan_merge(base=base, theirs=theirs, mine=mine)
    labels = field_labels(lang)
    rows = [
        {
            "path": f.path,
            "label": labels.get(f.path, f.path),
            "theirs": value_text(f.theirs, lang),
            "mine": value_text(f.mine, lang),
            "proposed": f.proposed,
        }
        for f in plan.fields
    ]
    kept = [{"label": labels.get(p, p), "value": value_text(v, lang)} for p, v in plan.kept.items()]
    return Outcome(
        "editing/merge.html",
        _("Someone else changed %(name)s") % {"name": point.name_fr},
        {
            "point": point,
            "rows": rows,
            "kept": kept,
            "version": point.version,
            "base_version": base_version,
            "mine": json.dumps(flatten(mine), ensure_ascii=False, sort_keys=True),
            "MINE": MINE,
            "THEIRS": THEIRS,
        },
        409,
    )


def save_access_point_form(
    *,
    session: Session,
    actor: Actor,
    access_point_id: str | None,
    form: FormData,
    now: datetime,
    lang: Language,
    geocoder: Geocoder | None,
) -> Outcome:
    """Save the posted form (``None``: create). Re-renders the form with the errors (422)
    or the hours preview; on a version conflict (someone saved since the form was read: the
    hidden ``version``) answers the merge page (409); else redirects to the saved form."""
    point = current_point(session, access_point_id) if access_point_id is not None else None
    if point is not None:
        check_may_edit(actor, point.organization_id)
    version = posted_int(form, "version")
    base: dict[str, Any] = {}
    if point is not None:
        found = version_shape(session=session, access_point_id=point.id, version=version)
        base = found if found is not None else write_shape(point)
    result = read_access_point_form(form, base=base, lang=lang)
    assert result.hours is not None

    def again(errors: dict[str, list[str]], status: int, preview: bool = False) -> Outcome:
        return _form_page(
            session=session,
            actor=actor,
            lang=lang,
            point=point,
            values=result.values,
            hours=result.hours,
            errors=errors,
            version=version,
            today=to_brussels(now).date(),
            preview=preview,
            status=status,
        )

    if result.errors or result.data is None:
        return again(result.errors, 422)
    if result.hours.preview_requested:
        return again({}, 200, preview=True)
    try:
        if point is None:
            written, _version = create_access_point(
                session=session,
                actor=actor,
                data=result.data,
                now=now,
                geocoder=geocoder,
                lang=lang,
            )
            saved_id = written.id
        else:
            if version != point.version:
                raise PreconditionFailedError("changed since the form was read")
            update_access_point(
                session=session,
                actor=actor,
                access_point_id=point.id,
                body=result.body,
                merge=True,
                expected_version=version,
                now=now,
                geocoder=geocoder,
                lang=lang,
            )
            saved_id = point.id
    except PreconditionFailedError:
        session.rollback()
        assert point is not None
        fresh = current_point(session, point.id)
        mine = shape_of(result.data, base=base)
        return _merge_page(lang=lang, point=fresh, base=base, base_version=version, mine=mine)
    except InvalidQueryError as exc:
        session.rollback()
        return again(domain_errors(exc, lang=lang), 422)
    except ConflictError:
        session.rollback()
        _ = gettext_for(lang)
        taken = _("This identifier is taken: choose another one.")
        return again({"id": [taken]}, 409)
    except ForbiddenError:
        session.rollback()
        _ = gettext_for(lang)
        refused = _("You may not edit the entries of this organization.")
        return again({"organization_id": [refused]}, 403)
    return Outcome(redirect=f"/edit/access-points/{saved_id}?saved=1&lang={lang}")


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
    try:
        flat_mine = json.loads(str(form.get("mine") or "{}"))
    except ValueError:
        flat_mine = None
    if not isinstance(flat_mine, dict):
        raise InvalidQueryError("the merge form lost your values: edit the place again")
    mine = unflatten(flat_mine)
    if posted_int(form, "version") != point.version:
        return _merge_page(lang=lang, point=point, base=base, base_version=base_version, mine=mine)
    plan = plan_merge(base=base, theirs=write_shape(point), mine=mine)
    choices = {f.path: str(form.get(f"choice_{f.path}") or THEIRS) for f in plan.fields}
    merged = apply_merge(
        theirs=write_shape(point),
        mine=flat_mine,
        paths=[f.path for f in plan.fields] + list(plan.kept),
        choices=choices,
    )
    try:
        update_access_point(
            session=session,
            actor=actor,
            access_point_id=point.id,
            body=merged,
            merge=False,
            expected_version=point.version,
            now=now,
            geocoder=geocoder,
            lang=lang,
        )
    except PreconditionFailedError:
        session.rollback()
        fresh = current_point(session, point.id)
        return _merge_page(lang=lang, point=fresh, base=base, base_version=base_version, mine=mine)
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
