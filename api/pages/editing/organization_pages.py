"""The organization and closure pages of the workspace: an organization's form, and the
closures of an access point (list, add, change, cancel). Writes go through the services of
``api.services.editing`` with the signed-in account as ``actor``."""

from datetime import datetime

from sqlmodel import Session

from api.errors import InvalidQueryError, PreconditionFailedError
from api.i18n import Language
from api.models import ClosureRead
from api.models.editing import Actor
from api.pages.editing.choices import status_options
from api.pages.editing.errors import domain_errors
from api.pages.editing.forms import FormData, read_closure_form, read_organization_form
from api.pages.editing.outcome import Outcome
from api.pages.editing.versions import current_point, posted_int
from api.pages.views import gettext_for
from api.services.editing.closures import (
    add_closure,
    cancel_closure,
    get_closure,
    list_closures,
    update_closure,
)
from api.services.editing.organizations import (
    existing_organization,
    get_organization,
    update_organization,
)
from api.services.keys import check_may_edit


def _conflict(lang: Language) -> list[str]:
    _ = gettext_for(lang)
    return [
        _(
            "Someone else saved this meanwhile: the form now shows their version; "
            "make your change again."
        )
    ]


def show_organization_form(
    *,
    session: Session,
    actor: Actor,
    organization_id: str,
    lang: Language,
    errors: dict[str, list[str]] | None = None,
    values: dict[str, str] | None = None,
    status: int = 200,
    saved: bool = False,
) -> Outcome:
    """An organization's form, with its stored values (or ``values`` posted again)."""
    check_may_edit(actor, existing_organization(session, organization_id).id)
    organization, version = get_organization(session=session, organization_id=organization_id)
    shown = values or {k: v or "" for k, v in organization.model_dump(mode="json").items()}
    _ = gettext_for(lang)
    title = _("Edit %(name)s") % {"name": organization.name}
    return Outcome(
        "editing/organization.html",
        title,
        {
            "organization": organization,
            "values": shown,
            "errors": errors or {},
            "version": version,
            "statuses": status_options(lang),
            "saved": saved,
        },
        status,
    )


def save_organization_form(
    *,
    session: Session,
    actor: Actor,
    organization_id: str,
    form: FormData,
    now: datetime,
    lang: Language,
) -> Outcome:
    """Save an organization's form against its hidden ``version``; errors beside their
    fields (422); a conflict shows the stored version with a message (409)."""
    stored, _version = get_organization(session=session, organization_id=organization_id)
    base = stored.model_dump(mode="json", exclude={"id"})
    result = read_organization_form(form, base=base, lang=lang)
    if result.errors:
        return show_organization_form(
            session=session,
            actor=actor,
            organization_id=organization_id,
            lang=lang,
            errors=result.errors,
            values=result.values,
            status=422,
        )
    try:
        update_organization(
            session=session,
            actor=actor,
            organization_id=organization_id,
            body=result.body,
            merge=True,
            expected_version=posted_int(form, "version"),
            now=now,
        )
    except PreconditionFailedError:
        session.rollback()
        return show_organization_form(
            session=session,
            actor=actor,
            organization_id=organization_id,
            lang=lang,
            errors={"form": _conflict(lang)},
            status=409,
        )
    return Outcome(redirect=f"/edit/organizations/{organization_id}?saved=1&lang={lang}")


def show_closures(
    *,
    session: Session,
    actor: Actor,
    access_point_id: str,
    lang: Language,
    errors: dict[str, list[str]] | None = None,
    values: dict[str, str] | None = None,
    status: int = 200,
) -> Outcome:
    """The closures of an access point (cancelled ones marked), a form to add one and, for
    each one still in force, a form to change or cancel it."""
    point = current_point(session, access_point_id)
    check_may_edit(actor, point.organization_id)
    closures: list[ClosureRead] = list_closures(session=session, access_point_id=point.id)
    versions = {c.id: get_closure(session=session, closure_id=c.id)[1] for c in closures}
    _ = gettext_for(lang)
    title = _("Closures of %(name)s") % {"name": point.name_fr}
    return Outcome(
        "editing/closures.html",
        title,
        {
            "point": point,
            "closures": closures,
            "versions": versions,
            "errors": errors or {},
            "values": values or {"start": "", "end": "", "reason": "", "reason_nl": ""},
        },
        status,
    )


def save_closure_form(
    *,
    session: Session,
    actor: Actor,
    access_point_id: str,
    form: FormData,
    now: datetime,
    lang: Language,
) -> Outcome:
    """Add (``action=add``), change (``change``, with ``closure_id`` and ``version``) or
    cancel (``cancel``) a closure of the access point; errors beside the fields (422), a
    conflict as a message (409); else back to the list."""
    point = current_point(session, access_point_id)
    check_may_edit(actor, point.organization_id)
    action = str(form.get("action") or "add")
    closure_id = posted_int(form, "closure_id")
    prefix = "" if action == "add" else f"closure-{closure_id}-"
    if closure_id and closure_id not in {
        c.id for c in list_closures(session=session, access_point_id=point.id)
    }:
        raise InvalidQueryError(f"access point {point.id!r} has no closure {closure_id}")
    try:
        if action == "cancel":
            cancel_closure(
                session=session,
                actor=actor,
                closure_id=closure_id,
                expected_version=posted_int(form, "version"),
                now=now,
            )
        else:
            result = read_closure_form(form, lang=lang, prefix=prefix)
            if result.data is None:
                errors = {f"{prefix}{k}": v for k, v in result.errors.items()}
                return show_closures(
                    session=session,
                    actor=actor,
                    access_point_id=point.id,
                    lang=lang,
                    errors=errors,
                    values=result.values if action == "add" else None,
                    status=422,
                )
            if action == "add":
                add_closure(
                    session=session,
                    actor=actor,
                    data=result.data,
                    now=now,
                    access_point_id=point.id,
                )
            else:
                update_closure(
                    session=session,
                    actor=actor,
                    closure_id=closure_id,
                    body=result.data.model_dump(mode="json"),
                    merge=False,
                    expected_version=posted_int(form, "version"),
                    now=now,
                )
    except PreconditionFailedError:
        session.rollback()
        return show_closures(
            session=session,
            actor=actor,
            access_point_id=point.id,
            lang=lang,
            errors={"form": _conflict(lang)},
            status=409,
        )
    except InvalidQueryError as exc:
        session.rollback()
        errors = {f"{prefix}{k}": v for k, v in domain_errors(exc, lang=lang).items()}
        return show_closures(
            session=session,
            actor=actor,
            access_point_id=point.id,
            lang=lang,
            errors=errors,
            status=422,
        )
    return Outcome(redirect=f"/edit/access-points/{point.id}/closures?lang={lang}")
