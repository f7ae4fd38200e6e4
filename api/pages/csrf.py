"""CSRF protection of every HTML form, by asgi-csrf (a maintained ASGI middleware).

It is the double submit cookie pattern: a signed random token in a ``csrftoken`` cookie
(SameSite=Lax) that each form posts back in its hidden ``csrftoken`` field; a POST whose
field (or ``x-csrftoken`` header) does not match the cookie is refused with a 403 before
any route runs. Pages get the token with ``csrf_token(request)`` and write it with the
``csrf_field(token)`` macro of ``workspace/_forms.html``.

The JSON API under ``/v1/`` is skipped: it is never authenticated by a cookie (writes
carry an API key in ``Authorization``, which a cross-site form cannot set), so a forged
cross-site request gains nothing there, and its clients are programs without the cookie.
asgi-csrf also lets through a POST that carries no cookie at all (nothing ambient to abuse)
except on ``ALWAYS_PROTECTED`` paths: the sign-in form, so that nobody can be signed in to
someone else's account by a forged form (login CSRF).
"""

from collections.abc import Awaitable, Callable, Mapping
from typing import Any
from urllib.parse import parse_qs

from asgi_csrf import asgi_csrf
from fastapi import FastAPI, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.i18n import negotiate_language
from api.pages.rendering import render_page

ALWAYS_PROTECTED = frozenset({"/login", "/logout"})
"""Refused without a matching token even when the request carries no cookie."""


def csrf_token(request: Request) -> str:
    """The CSRF token to put in the request's forms (also sets the cookie on the answer
    when the browser has none yet). Raises RuntimeError when the middleware is missing."""
    get_token: Callable[[], str] | None = request.scope.get("csrftoken")
    if get_token is None:
        raise RuntimeError("asgi-csrf is not installed: see api.pages.csrf.install_csrf")
    return get_token()


def _skip(scope: Mapping[str, Any]) -> bool:
    return str(scope.get("path", "")).startswith("/v1/")


def _header(scope: dict[str, Any], name: bytes) -> str | None:
    for key, value in scope.get("headers") or []:
        if key == name:
            return bytes(value).decode("latin-1")
    return None


async def _refuse(
    scope: dict[str, Any], send: Callable[[dict[str, Any]], Awaitable[None]], _reason: object
) -> None:
    # A page in the reader's language that says what to do (reload the form), not
    # asgi-csrf's one-line English text.
    query = parse_qs(bytes(scope.get("query_string", b"")).decode("latin-1"))
    chosen = query.get("lang", [])
    lang = negotiate_language(chosen[0] if chosen else None, _header(scope, b"accept-language"))
    response = render_page("csrf_refused.html", lang=lang, context={}, status_code=403)
    await send({"type": "http.response.start", "status": 403, "headers": response.raw_headers})
    await send({"type": "http.response.body", "body": response.body})


_OUTER_SCOPE = "guichets.outer_scope"


class _RouteBack:
    """asgi-csrf hands a copy of the scope to the app, so the ``route`` that routing sets
    on it would not be seen by the middlewares outside (``SecurityHeaders`` gives the
    pages their CSP by it). Outside asgi-csrf (``outer=True``) this marks the scope;
    inside, it copies ``route`` back to the marked scope when the answer starts."""

    def __init__(self, app: ASGIApp, *, outer: bool) -> None:
        self.app = app
        self.outer = outer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.outer:
            scope[_OUTER_SCOPE] = scope
            await self.app(scope, receive, send)
            return
        outer = scope.get(_OUTER_SCOPE)

        async def send_route_back(message: Message) -> None:
            started = message["type"] == "http.response.start"
            if started and outer is not None and "route" in scope:
                outer["route"] = scope["route"]
            await send(message)

        await self.app(scope, receive, send_route_back)


class _CsrfOutsideApi:
    """asgi-csrf around every path but ``/v1/``, which goes around it whole: the library's
    own skip rule (``skip_if_scope``) is read only after it has made a signed random token
    for the request, a cost the JSON API (never given a form) should not pay each time."""

    def __init__(self, app: ASGIApp, /, **options: Any) -> None:
        self.app = app
        self.protected = asgi_csrf(app, **options)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        target = self.app if scope["type"] == "http" and _skip(scope) else self.protected
        await target(scope, receive, send)


def install_csrf(app: FastAPI, *, secret: str, secure: bool) -> None:
    """Add asgi-csrf to ``app``: tokens signed with ``secret``, cookie ``Secure`` when
    ``secure``; ``/v1/`` skipped; ``ALWAYS_PROTECTED`` refused without a token."""
    app.add_middleware(_RouteBack, outer=False)
    app.add_middleware(
        _CsrfOutsideApi,
        signing_secret=secret,
        always_protect=ALWAYS_PROTECTED,
        cookie_secure=secure,
        send_csrf_failed=_refuse,
    )
    app.add_middleware(_RouteBack, outer=True)
