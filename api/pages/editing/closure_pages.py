"""The closures pages of the workspace: the closures of one access point, or of every access
point of an organization (list, add, change, cancel), through the closure services of
``api.services.editing`` with the signed-in account as ``actor``."""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from api.errors import InvalidQueryError, PreconditionFailedError
from api.i18n import Language
from api.models import ClosureRead
from api.models.editing import Actor
from api.pages.editing.errors import domain_errors
from api.pages.editing.forms import FormData, read_closure_form
from api.pages.editing.organization_pages import conflict_message
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
from api.services.editing.organizations import existing_organization
from api.services.keys import check_may_edit


@dataclass(frozen=True, slots=True)
class ClosureOwner:
    """Whose closures a page shows: an access point (``access_point_id`` set) or a whole
    organization; ``organization_id`` decides who may edit; ``url``: its workspace page."""

    access_point_id: str | None
    organization_id: str
    name: str
    url: str


def closure_owner(
    session: Session, *, access_point_id: str | None, organization_id: str | None
) -> ClosureOwner:
    """The access point ``access_point_id``, else the organization ``organization_id``.
    Raises ``NotFoundError`` (404)."""
    if access_point_id is not None:
        point = current_point(session, access_point_id)
        url = f"/edit/access-points/{point.id}"
        return ClosureOwner(point.id, point.organization_id, point.name_fr, url)
    organization = existing_organization(session, str(organization_id))
    url = f"/edit/organizations/{organization.id}"
    return ClosureOwner(None, organization.id, organization.name, url)


def show_closures(
    *,
    session: Session,
    actor: Actor,
    lang: Language,
    access_point_id: str | None = None,
    organization_id: str | None = None,
    errors: dict[str, list[str]] | None = None,
    values: dict[str, str] | None = None,
    status: int = 200,
) -> Outcome:
    """The closures of an access point or of a whole organization (cancelled ones marked), a
    form to add one and, for each one still in force, a form to change or cancel it."""
    owner = closure_owner(session, access_point_id=access_point_id, organization_id=organization_id)
    check_may_edit(actor, owner.organization_id)
    closures: list[ClosureRead] = list_closures(
        session=session,
        access_point_id=owner.access_point_id,
        organization_id=None if owner.access_point_id else owner.organization_id,
    )
    versions = {c.id: get_closure(session=session, closure_id=c.id)[1] for c in closures}
    _ = gettext_for(lang)
    title = _("Closures of %(name)s") % {"name": owner.name}
    return Outcome(
        "editing/closures.html",
        title,
        {
            "owner": owner,
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
    form: FormData,
    now: datetime,
    lang: Language,
    access_point_id: str | None = None,
    organization_id: str | None = None,
) -> Outcome:
    """Add (``action=add``), change (``change``, with ``closure_id`` and ``version``) or
    cancel (``cancel``) a closure of the access point or organization; errors beside the
    fields (422), a conflict as a message (409); else back to the list."""
    owner = closure_owner(session, access_point_id=access_point_id, organization_id=organization_id)
    check_may_edit(actor, owner.organization_id)
    org_only = None if owner.access_point_id else owner.organization_id
    action = str(form.get("action") or "add")
    closure_id = posted_int(form, "closure_id")
    prefix = "" if action == "add" else f"closure-{closure_id}-"
    if closure_id and closure_id not in {
        c.id
        for c in list_closures(
            session=session, access_point_id=owner.access_point_id, organization_id=org_only
        )
    }:
        raise InvalidQueryError(f"{owner.name!r} has no closure {closure_id}")
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
                    lang=lang,
                    access_point_id=owner.access_point_id,
                    organization_id=org_only,
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
                    access_point_id=owner.access_point_id,
                    organization_id=org_only,
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
            lang=lang,
            access_point_id=owner.access_point_id,
            organization_id=org_only,
            errors={"form": conflict_message(lang)},
            status=409,
        )
    except InvalidQueryError as exc:
        session.rollback()
        errors = {f"{prefix}{k}": v for k, v in domain_errors(exc, lang=lang).items()}
        return show_closures(
            session=session,
            actor=actor,
            lang=lang,
            access_point_id=owner.access_point_id,
            organization_id=org_only,
            errors=errors,
            status=422,
        )
    return Outcome(redirect=f"{owner.url}/closures?lang={lang}")
