"""What the workspace adds to the app: sessions, CSRF protection, the 403 page."""

import logging

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from starlette.middleware.sessions import SessionMiddleware

from api.config import DEV_SESSION_SECRET, Settings
from api.i18n import negotiate_language
from api.pages.accounts.context import workspace_context
from api.pages.accounts.session import WorkspaceForbidden
from api.pages.csrf import install_csrf
from api.pages.rendering import render_page
from api.pages.views import gettext_for

logger = logging.getLogger(__name__)

SESSION_COOKIE = "guichets_session"


async def _forbidden(request: Request, exc: Exception) -> HTMLResponse:
    assert isinstance(exc, WorkspaceForbidden)
    chosen = request.query_params.get("lang")
    lang = negotiate_language(chosen, None) if chosen else exc.account.language
    _ = gettext_for(lang)
    context = workspace_context(
        request, account=exc.account, lang=lang, title=_("Not allowed"), page=""
    )
    context["message"] = (
        _("This page is for administrators.")
        if exc.needed == "admin"
        else _("This page is for editors. Ask an administrator if you need to edit.")
    )
    return render_page("workspace/forbidden.html", lang=lang, context=context, status_code=403)


def install_accounts(app: FastAPI, settings: Settings) -> None:
    """Add the session cookie (Starlette's SessionMiddleware, signed with
    ``session_secret``), asgi-csrf and the workspace's 403 page to ``app``. Call it
    before the middlewares that must see the request first (body size limit)."""
    if settings.session_secret == DEV_SESSION_SECRET:
        logger.warning(
            "GUICHETS_SESSION_SECRET is not set: sessions and CSRF tokens are signed with "
            "the public development secret. Set a long random value in production."
        )
    install_csrf(app, secret=settings.session_secret, secure=settings.session_cookie_secure)
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.session_secret,
        session_cookie=SESSION_COOKIE,
        # The cookie's own lifetime; the idle timeout and the absolute limit are checked
        # against the times stored in the session (api.pages.accounts.session).
        max_age=settings.session_max_hours * 3600,
        same_site="lax",
        https_only=settings.session_cookie_secure,
    )
    app.add_exception_handler(WorkspaceForbidden, _forbidden)
