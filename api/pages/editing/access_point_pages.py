"""The access point form of the workspace (create, edit; the merge page and the history are
in ``api.pages.editing.versions``). Every write goes
through the services of ``api.services.editing`` with the signed-in account as ``actor``
(they check the rights and record the history)."""

from datetime import datetime
from typing import Any

from sqlmodel import Session

from api.errors import (
    ConflictError,
    ForbiddenError,
    InvalidQueryError,
    PreconditionFailedError,
)
from api.geocoding import Geocoder
from api.hours import to_brussels
from api.i18n import Language
from api.models import AccessPoint
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
from api.pages.editing.home import checked_text
from api.pages.editing.hours_form import hours_input_from_value, preview_days
from api.pages.editing.labels import field_labels
from api.pages.editing.outcome import Outcome
from api.pages.editing.versions import (
    current_point,
    merge_page,
    point_target,
    posted_int,
    version_shape,
)
from api.pages.verification.labels import method_labels
from api.pages.views import gettext_for
from api.services.access_points import load_closures
from api.services.editing import write_shape
from api.services.editing.access_points import create_access_point, update_access_point
from api.services.keys import check_may_edit
from api.services.verification import record_check


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
    days = None
    if preview and not hours.errors:
        # The place's closures too, as the public pages will show them.
        closures = (
            load_closures(session=session, access_points=[point], from_day=today).get(point.id, [])
            if point is not None
            else []
        )
        days = preview_days(
            value=hours.value, start=today, lang=lang, location=location, closures=closures
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
            "method_options": list(method_labels(lang).items()),
            "checked": checked_text(point, lang=lang) if point is not None else None,
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
        # The form again, with what was posted (errors, or the hours preview).
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
            _written, saved_version = update_access_point(
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
            if saved_version != version:  # a change was saved: its campaign tasks are done
                record_check(session=session, access_point_id=point.id, actor=actor, now=now)
    except PreconditionFailedError:
        session.rollback()
        assert point is not None
        fresh = current_point(session, point.id)
        mine = shape_of(result.data, base=base)
        return merge_page(
            lang=lang, target=point_target(fresh), base=base, base_version=version, mine=mine
        )
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
