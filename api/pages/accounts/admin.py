"""The admin's account pages: the list, a new account, disable/enable, a new password."""

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlmodel import Session, col, select

from api.errors import DomainError, InvalidQueryError, NotFoundError
from api.i18n import LANGUAGES, Language
from api.models import AccountCreate, AccountRole, Organization
from api.models.accounts import PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH
from api.pages.accounts.context import workspace_context
from api.pages.accounts.session import SignedIn
from api.pages.rendering import LANGUAGE_NAMES, render_page
from api.pages.views import gettext_for
from api.services.accounts import (
    AccountExistsError,
    create_account,
    disable_account,
    enable_account,
    list_accounts,
    reset_password,
)

ACCOUNTS_URL = "/edit/accounts"
NEW_ACCOUNT_FIELDS = ("name", "email", "role", "organization_ids", "language", "password")
DONE = ("created", "updated", "disabled", "enabled", "password")
"""The ``done`` values the list page announces after a change (post, redirect, get)."""


def role_labels(lang: Language) -> dict[str, str]:
    """The roles named for people, in ``lang``."""
    _ = gettext_for(lang)
    return {
        AccountRole.ADMIN: _("Administrator"),
        AccountRole.EDITOR: _("Editor"),
        AccountRole.WORKER: _("Front-desk worker"),
    }


def _notice(done: str | None, lang: Language) -> str | None:
    _ = gettext_for(lang)
    notices = {
        "created": _("The account was created."),
        "updated": _("The account was saved."),
        "disabled": _("The account was disabled: it can no longer sign in."),
        "enabled": _("The account can sign in again."),
        "password": _("The new password was saved. Give it to its owner in person or by phone."),
    }
    return notices.get(done or "")


def accounts_page(
    request: Request,
    *,
    session: Session,
    account: SignedIn,
    lang: Language,
    form: Mapping[str, Any] | None = None,
    errors: Mapping[str, list[str]] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """Every account (with its role, organizations, state, last sign-in, and forms to
    disable it or give it a new password) and the form to open one (filled with ``form``
    and its ``errors`` when it was refused)."""
    _ = gettext_for(lang)
    organizations = session.exec(select(Organization).order_by(col(Organization.name))).all()
    context = workspace_context(
        request, account=account, lang=lang, title=_("Accounts"), page="accounts"
    )
    context |= {
        "accounts": list_accounts(session=session),
        "organization_names": {o.id: o.name for o in organizations},
        "organization_options": [(o.id, o.name) for o in organizations],
        "role_labels": role_labels(lang),
        "role_options": list(role_labels(lang).items()),
        "language_options": [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
        "form": dict(form or {"role": AccountRole.EDITOR, "language": lang}),
        "errors": dict(errors or {}),
        "new_errors": {k: v for k, v in (errors or {}).items() if k in NEW_ACCOUNT_FIELDS},
        "notice": _notice(request.query_params.get("done"), lang),
        "password_min": PASSWORD_MIN_LENGTH,
    }
    return render_page("accounts/list.html", lang=lang, context=context, status_code=status_code)


def done_redirect(done: str, lang: Language) -> RedirectResponse:
    """303 to the list, which then says what was done (one of ``DONE``)."""
    return RedirectResponse(f"{ACCOUNTS_URL}?lang={lang}&done={done}", status_code=303)


def field_errors(exc: ValidationError, lang: Language) -> dict[str, list[str]]:
    """One plain message per refused field of an account form, in ``lang``."""
    # Pydantic's messages are English and technical: one plain message per field instead.
    _ = gettext_for(lang)
    messages = {
        "email": _("Type a valid e-mail address, such as name@cpas-example.be."),
        "name": _("Type the person's name (at most 120 characters)."),
        "role": _("Choose a role."),
        "password": _("A password has %(min)s to %(max)s characters.")
        % {"min": PASSWORD_MIN_LENGTH, "max": PASSWORD_MAX_LENGTH},
        "language": _("Choose a language."),
        "organization_ids": _("Choose organizations from the list."),
    }
    errors: dict[str, list[str]] = {}
    for error in exc.errors():
        field = str(error["loc"][0]) if error["loc"] else ""
        errors.setdefault(field, [messages.get(field, _("Check this field."))])
    return errors


def submit_new_account(
    request: Request,
    *,
    session: Session,
    account: SignedIn,
    lang: Language,
    form: Mapping[str, str | Sequence[str]],
    now: datetime,
) -> Response:
    """Open the account described by ``form`` (email, name, role, password, language,
    organization_ids); 303 to the list, or the list again with the errors beside their
    fields (422; 409 when the address has an account already)."""
    _ = gettext_for(lang)
    try:
        data = AccountCreate.model_validate(form)
        create_account(session=session, data=data, now=now)
    except ValidationError as exc:
        errors = field_errors(exc, lang)
        status_code = 422
    except AccountExistsError:
        errors = {"email": [_("This address has an account already.")]}
        status_code = 409
    except InvalidQueryError:
        errors = {"organization_ids": [_("Choose organizations from the list.")]}
        status_code = 422
    else:
        return done_redirect("created", lang)
    kept = {key: value for key, value in form.items() if key != "password"}
    return accounts_page(
        request,
        session=session,
        account=account,
        lang=lang,
        form=kept,
        errors=errors,
        status_code=status_code,
    )


def submit_account_state(
    request: Request,
    *,
    session: Session,
    account: SignedIn,
    lang: Language,
    account_id: int,
    enabled: bool,
    now: datetime,
) -> Response:
    """Disable (``enabled`` False) or enable an account; 303 to the list. An admin cannot
    disable their own account (the list again with the reason, 422: nobody might be left
    to undo it). Raises ``NotFoundError`` (404) for an unknown account."""
    if enabled:
        enable_account(session=session, account_id=account_id)
        return done_redirect("enabled", lang)
    if account_id == account.account_id:
        _ = gettext_for(lang)
        return accounts_page(
            request,
            session=session,
            account=account,
            lang=lang,
            errors={f"state-{account_id}": [_("You cannot disable your own account.")]},
            status_code=422,
        )
    disable_account(session=session, account_id=account_id, now=now)
    return done_redirect("disabled", lang)


def submit_new_password(
    request: Request,
    *,
    session: Session,
    account: SignedIn,
    lang: Language,
    account_id: int,
    password: str,
) -> Response:
    """Give an account a new password (its sessions end); 303 to the list, or the list
    with the error beside the account's password field (422)."""
    try:
        reset_password(session=session, account_id=account_id, password=password)
    except NotFoundError:
        raise
    except DomainError:
        _ = gettext_for(lang)
        message = _("A password has %(min)s to %(max)s characters.") % {
            "min": PASSWORD_MIN_LENGTH,
            "max": PASSWORD_MAX_LENGTH,
        }
        return accounts_page(
            request,
            session=session,
            account=account,
            lang=lang,
            errors={f"password-{account_id}": [message]},
            status_code=422,
        )
    return done_redirect("password", lang)
