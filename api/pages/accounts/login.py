"""The sign-in and sign-out pages' work: read the form, check it, open or end the session."""

from collections.abc import Mapping
from datetime import datetime

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from api.i18n import Language
from api.models import AccountRole
from api.pages.accounts.context import workspace_context
from api.pages.accounts.session import SignedIn, end_session, local_path, start_session
from api.pages.rendering import render_page
from api.pages.views import gettext_for
from api.services.accounts import sign_in

HOME = "/edit"


def login_page(
    request: Request,
    *,
    account: SignedIn | None,
    lang: Language,
    email: str = "",
    errors: Mapping[str, list[str]] | None = None,
    problem: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """The sign-in form (with the e-mail typed, errors beside the fields, or a
    ``problem`` above the form), ``next`` kept only when it is a local path."""
    _ = gettext_for(lang)
    context = workspace_context(
        request, account=account, lang=lang, title=_("Sign in"), page="login"
    )
    context |= {
        "email": email,
        "errors": dict(errors or {}),
        "problem": problem,
        "next": local_path(request.query_params.get("next")),
    }
    return render_page("accounts/login.html", lang=lang, context=context, status_code=status_code)


def submit_login(
    request: Request,
    *,
    session: Session,
    form: Mapping[str, str],
    lang: Language,
    now: datetime,
) -> Response:
    """Check the posted ``email`` and ``password``: signed in → 303 to ``next`` (a local
    path) or ``/edit`` (the public search for a worker); a field left empty → 422 with
    the message beside it; a wrong address or password (one message for both) → 401; too
    many failures → 429."""
    _ = gettext_for(lang)
    email = str(form.get("email", "")).strip()
    password = str(form.get("password", ""))
    errors: dict[str, list[str]] = {}
    if not email:
        errors["email"] = [_("Type your e-mail address.")]
    if not password:
        errors["password"] = [_("Type your password.")]
    if errors:
        return login_page(
            request, account=None, lang=lang, email=email, errors=errors, status_code=422
        )
    settings = request.app.state.settings
    result = sign_in(
        session=session,
        email=email,
        password=password,
        client_address=request.client.host if request.client else "unknown",
        now=now,
        limit_per_account=settings.login_limit_per_account,
        limit_per_address=settings.login_limit_per_address,
    )
    if result.limited:
        problem = _("Too many failed attempts. Wait 15 minutes, then try again.")
        return login_page(
            request, account=None, lang=lang, email=email, problem=problem, status_code=429
        )
    if result.account is None:
        problem = _("Wrong e-mail address or password.")
        return login_page(
            request, account=None, lang=lang, email=email, problem=problem, status_code=401
        )
    start_session(request, account=result.account, now=now)
    # Workers have no workspace home (it lists what one may edit): the public search.
    home = (
        HOME if result.account.role != AccountRole.WORKER else f"/?lang={result.account.language}"
    )
    target = local_path(request.query_params.get("next")) or home
    return RedirectResponse(target, status_code=303)


def submit_logout(request: Request, *, lang: Language) -> Response:
    """End the session; 303 to the sign-in page."""
    end_session(request)
    return RedirectResponse(f"/login?lang={lang}", status_code=303)
