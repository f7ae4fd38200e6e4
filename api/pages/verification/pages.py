"""/edit/verification (stale entries, open tasks, "Checked today") and /edit/campaigns
(list with progress; admins open one)."""

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session, col, select

from api import hours
from api.errors import DomainError, PreconditionFailedError
from api.i18n import Language
from api.models import Organization
from api.models.verification import CampaignScope, VerificationMethod
from api.pages.accounts.context import workspace_context
from api.pages.accounts.session import SignedIn, local_path
from api.pages.rendering import render_page
from api.pages.signals.editors import reported_rows
from api.pages.verification.labels import kind_labels, method_labels, scope_labels
from api.pages.views import gettext_for
from api.services.verification import (
    campaign_views,
    mark_verified,
    open_campaign,
    stale_entries,
    tasks_for,
)

VERIFICATION_URL = "/edit/verification"
CAMPAIGNS_URL = "/edit/campaigns"


def verification_page(
    request: Request,
    *,
    session: Session,
    account: SignedIn,
    lang: Language,
    now: datetime,
    errors: Mapping[str, list[str]] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """The account's open campaign tasks, the entries workers reported closed during
    announced hours or not answering in the last 30 days (``api.pages.signals``), then its
    stale entries (never checked or not for six months), each with a "Checked today" form
    (method, version)."""
    _ = gettext_for(lang)
    context = workspace_context(
        request, account=account, lang=lang, title=_("Verification"), page="verification"
    )
    tasks = tasks_for(session=session, account=account)
    in_tasks = {t.access_point_id for t in tasks}
    today = hours.to_brussels(now).date()
    context |= {
        "tasks": tasks,
        # An entry with a task is listed once, with its task.
        "stale": [
            e
            for e in stale_entries(session=session, actor=account, today=today)
            if e.access_point_id not in in_tasks
        ],
        "reported": reported_rows(session=session, actor=account, now=now, lang=lang),
        "method_options": list(method_labels(lang).items()),
        "method_labels": method_labels(lang),
        "errors": dict(errors or {}),
        "notice": (
            _("Saved: the entry is marked as checked today.")
            if request.query_params.get("done") == "checked"
            else None
        ),
    }
    return render_page(
        "verification/verification.html", lang=lang, context=context, status_code=status_code
    )


def submit_check(
    request: Request,
    *,
    session: Session,
    account: SignedIn,
    lang: Language,
    now: datetime,
    access_point_id: str,
    method: str,
    version: str,
    back: str | None = None,
) -> Response:
    """ "Checked today" on ``access_point_id`` with ``method`` against ``version``: 303 back
    to ``back`` (a local path) or to the verification page; else the page again with the
    message beside the entry's form (422 unknown method or version, 412 changed meanwhile,
    403, 404)."""
    _ = gettext_for(lang)
    key = f"check-{access_point_id}"
    if method not in set(VerificationMethod) or not version.isdigit():
        errors = {key: [_("Choose how you checked this entry.")]}
        status_code = 422
    else:
        try:
            mark_verified(
                session=session,
                actor=account,
                access_point_id=access_point_id,
                method=VerificationMethod(method),
                expected_version=int(version),
                now=now,
            )
        except PreconditionFailedError:
            session.rollback()
            errors = {key: [_("Someone changed this entry meanwhile: check it again.")]}
            status_code = 412
        except DomainError as exc:
            session.rollback()
            errors = {key: [exc.message]}
            status_code = exc.status_code
        else:
            target = local_path(back)
            return RedirectResponse(
                target or f"{VERIFICATION_URL}?lang={lang}&done=checked", status_code=303
            )
    return verification_page(
        request,
        session=session,
        account=account,
        lang=lang,
        now=now,
        errors=errors,
        status_code=status_code,
    )


def campaigns_page(
    request: Request,
    *,
    session: Session,
    account: SignedIn,
    lang: Language,
    form: Mapping[str, Any] | None = None,
    errors: Mapping[str, list[str]] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """Every campaign with its progress; for admins, the form to open one."""
    _ = gettext_for(lang)
    organizations = session.exec(select(Organization).order_by(col(Organization.name))).all()
    context = workspace_context(
        request, account=account, lang=lang, title=_("Campaigns"), page="campaigns"
    )
    context |= {
        "campaigns": campaign_views(session=session),
        "scope_labels": scope_labels(lang),
        "scope_options": list(scope_labels(lang).items()),
        "organization_options": [(o.id, o.name) for o in organizations],
        # What each scope value is called, for the list: organization names, kinds in words.
        "value_names": {o.id: o.name for o in organizations} | kind_labels(lang),
        "kind_options": list(kind_labels(lang).items()),
        "form": dict(form or {"scope": CampaignScope.ORGANIZATION.value}),
        "errors": dict(errors or {}),
        "notice": (
            _("The campaign is open: its tasks are on the editors' pages.")
            if request.query_params.get("done") == "opened"
            else None
        ),
    }
    return render_page(
        "verification/campaigns.html", lang=lang, context=context, status_code=status_code
    )


def submit_campaign(
    request: Request,
    *,
    session: Session,
    account: SignedIn,
    lang: Language,
    now: datetime,
    form: Mapping[str, str | Sequence[str]],
) -> Response:
    """Open the campaign of ``form`` (title, scope, and the values of that scope:
    organization_ids, kinds, or communes as NIS codes separated by commas or spaces); 303
    to the list, or the form again with the errors beside their fields (422)."""
    _ = gettext_for(lang)
    scope_value = str(form.get("scope", ""))
    if scope_value not in set(CampaignScope):
        return campaigns_page(
            request,
            session=session,
            account=account,
            lang=lang,
            form=form,
            errors={"scope": [_("Choose what the campaign covers.")]},
            status_code=422,
        )
    scope = CampaignScope(scope_value)
    field = {
        CampaignScope.ORGANIZATION: "organization_ids",
        CampaignScope.KIND: "kinds",
        CampaignScope.COMMUNE: "communes",
    }[scope]
    raw = form.get(field, [])
    values = raw.replace(",", " ").split() if isinstance(raw, str) else list(raw)
    title = str(form.get("title", ""))
    try:
        open_campaign(
            session=session, actor=account, title=title, scope=scope, values=values, now=now
        )
    except DomainError as exc:
        session.rollback()
        loc = getattr(exc, "loc", None) or ()
        if exc.status_code == 422 and loc and loc[0] == "title":
            errors = {"title": [_("Give the campaign a title (at most 200 characters).")]}
        elif exc.status_code == 422:
            errors = {field: [_("Choose at least one value that has entries.")]}
        else:
            errors = {"": [exc.message]}
        return campaigns_page(
            request,
            session=session,
            account=account,
            lang=lang,
            form=form,
            errors=errors,
            status_code=exc.status_code,
        )
    return RedirectResponse(f"{CAMPAIGNS_URL}?lang={lang}&done=opened", status_code=303)
