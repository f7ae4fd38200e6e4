"""The admin's page of one account: its name, role, language and organizations."""

from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError
from sqlmodel import Session, col, select

from api.errors import InvalidQueryError, NotFoundError
from api.i18n import LANGUAGES, Language
from api.models import Account, AccountRole, Organization
from api.models.accounts import AccountUpdate
from api.pages.accounts.admin import done_redirect, field_errors, role_labels
from api.pages.accounts.context import workspace_context
from api.pages.accounts.session import SignedIn
from api.pages.rendering import LANGUAGE_NAMES, render_page
from api.pages.views import gettext_for
from api.services.accounts import to_public, update_account


def _account(session: Session, account_id: int) -> Account:
    account = session.get(Account, account_id)
    if account is None:
        raise NotFoundError(f"no account {account_id}")
    return account


def account_page(
    request: Request,
    *,
    session: Session,
    account: SignedIn,
    lang: Language,
    account_id: int,
    form: Mapping[str, Any] | None = None,
    errors: Mapping[str, list[str]] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """The form of account ``account_id`` (its stored values, or ``form`` with its
    ``errors`` when it was refused). Raises ``NotFoundError`` (404)."""
    _ = gettext_for(lang)
    shown = to_public(session=session, account=_account(session, account_id))
    organizations = session.exec(select(Organization).order_by(col(Organization.name))).all()
    context = workspace_context(
        request, account=account, lang=lang, title=shown.name, page="accounts"
    )
    context |= {
        "shown": shown,
        "form": dict(form or shown.model_dump()),
        "errors": dict(errors or {}),
        "role_options": list(role_labels(lang).items()),
        "organization_options": [(o.id, o.name) for o in organizations],
        "language_options": [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
    }
    return render_page("accounts/edit.html", lang=lang, context=context, status_code=status_code)


def submit_account(
    request: Request,
    *,
    session: Session,
    account: SignedIn,
    lang: Language,
    account_id: int,
    form: Mapping[str, str | Sequence[str]],
) -> Response:
    """Save account ``account_id`` from ``form`` (name, role, language, organization_ids);
    303 to the list, or the form again with the errors beside their fields (422). An admin
    cannot take the admin role from themselves (nobody might be left to give it back).
    Raises ``NotFoundError`` (404)."""
    _ = gettext_for(lang)
    errors: dict[str, list[str]]
    try:
        data = AccountUpdate.model_validate(form)
        if account_id == account.account_id and data.role != AccountRole.ADMIN:
            errors = {"role": [_("You cannot take the administrator role from yourself.")]}
        else:
            update_account(session=session, account_id=account_id, data=data)
            return done_redirect("updated", lang)
    except ValidationError as exc:
        errors = field_errors(exc, lang)
    except InvalidQueryError:
        errors = {"organization_ids": [_("Choose organizations from the list.")]}
    return account_page(
        request,
        session=session,
        account=account,
        lang=lang,
        account_id=account_id,
        form=form,
        errors=errors,
        status_code=422,
    )
