"""The organization and closure pages of the workspace: an organization's form, and the
closures of an access point (list, add, change, cancel). Writes go through the services of
``api.services.editing`` with the signed-in account as ``actor``."""

from datetime import datetime

from sqlmodel import Session

from api.errors import PreconditionFailedError
from api.i18n import Language
from api.models.editing import Actor
from api.pages.editing.choices import status_options
from api.pages.editing.forms import FormData, read_organization_form
from api.pages.editing.outcome import Outcome
from api.pages.editing.versions import posted_int
from api.pages.views import gettext_for
from api.services.editing.organizations import (
    existing_organization,
    get_organization,
    update_organization,
)
from api.services.keys import check_may_edit


def conflict_message(lang: Language) -> list[str]:
    """The message of a form saved against a version that is no longer current."""
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
            errors={"form": conflict_message(lang)},
            status=409,
        )
    return Outcome(redirect=f"/edit/organizations/{organization_id}?saved=1&lang={lang}")
