"""The organization and closure pages of the workspace: an organization's form, and the
closures of an access point (list, add, change, cancel). Writes go through the services of
``api.services.editing`` with the signed-in account as ``actor``."""

from datetime import datetime

from sqlmodel import Session

from api.errors import InvalidQueryError, PreconditionFailedError
from api.i18n import Language
from api.models import OrganizationCreate
from api.models.editing import Actor
from api.pages.editing.choices import status_options
from api.pages.editing.forms import FormData, read_organization_form
from api.pages.editing.outcome import Outcome
from api.pages.editing.versions import (
    MergeTarget,
    merge_page,
    merged_shape,
    posted_int,
    posted_mine,
    snapshot_of,
)
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


def _organization_target(session: Session, organization_id: str) -> MergeTarget:
    organization = existing_organization(session, organization_id)
    shape = OrganizationCreate.model_validate(
        organization.model_dump(include=set(OrganizationCreate.model_fields), warnings=False)
    ).model_dump(mode="json")
    url = f"/edit/organizations/{organization.id}"
    return MergeTarget(organization.name, url, organization.version, shape)


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
    fields (422); on a version conflict, the merge page (409)."""
    check_may_edit(actor, existing_organization(session, organization_id).id)
    target = _organization_target(session, organization_id)
    version = posted_int(form, "version")
    base = snapshot_of(
        session=session, resource="organization", resource_id=organization_id, version=version
    )
    if base is None:
        # Not in the history (organizations written by the seed before it kept them): the
        # current state if the form was read from it, else unknown (every field compared).
        base = target.theirs if version == target.version else {}
    result = read_organization_form(form, base=base, lang=lang)
    if result.errors or result.data is None:
        return show_organization_form(
            session=session,
            actor=actor,
            organization_id=organization_id,
            lang=lang,
            errors=result.errors,
            values=result.values,
            status=422,
        )
    mine = result.data.model_dump(mode="json")
    try:
        if version != target.version:
            raise PreconditionFailedError("changed since the form was read")
        update_organization(
            session=session,
            actor=actor,
            organization_id=organization_id,
            body=result.body,
            merge=True,
            expected_version=version,
            now=now,
        )
    except PreconditionFailedError:
        session.rollback()
        target = _organization_target(session, organization_id)
        return merge_page(lang=lang, target=target, base=base, base_version=version, mine=mine)
    return Outcome(redirect=f"/edit/organizations/{organization_id}?saved=1&lang={lang}")


def save_organization_merge_form(
    *,
    session: Session,
    actor: Actor,
    organization_id: str,
    form: FormData,
    now: datetime,
    lang: Language,
) -> Outcome:
    """Save the merge page's choices for an organization against the version it showed;
    if someone saved again meanwhile, the merge page again."""
    check_may_edit(actor, existing_organization(session, organization_id).id)
    target = _organization_target(session, organization_id)
    base_version = posted_int(form, "base_version")
    base = snapshot_of(
        session=session, resource="organization", resource_id=organization_id, version=base_version
    )
    flat_mine = posted_mine(form)
    if posted_int(form, "version") != target.version:
        return merge_page(
            lang=lang, target=target, base=base or {}, base_version=base_version, mine=flat_mine
        )
    merged = merged_shape(form=form, base=base or {}, theirs=target.theirs, flat_mine=flat_mine)
    try:
        update_organization(
            session=session,
            actor=actor,
            organization_id=organization_id,
            body=merged,
            merge=False,
            expected_version=target.version,
            now=now,
        )
    except InvalidQueryError as exc:
        session.rollback()
        return show_organization_form(
            session=session,
            actor=actor,
            organization_id=organization_id,
            lang=lang,
            errors={"form": [exc.message]},
            status=422,
        )
    return Outcome(redirect=f"/edit/organizations/{organization_id}?saved=1&lang={lang}")
