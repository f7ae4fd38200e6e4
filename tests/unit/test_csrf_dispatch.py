"""The CSRF middleware is skipped whole for the JSON API (``api.pages.csrf``): asgi-csrf
makes a signed random token for every request before it reads its ``skip_if_scope``, so
``/v1/`` requests go around it; every other path still goes through it."""

import asyncio
from typing import Any

from api.pages.csrf import _CsrfOutsideApi


def _scopes_seen(path: str) -> dict[str, Any]:
    seen: dict[str, Any] = {}

    async def inner(scope: Any, receive: Any, send: Any) -> None:
        seen.update(scope)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Any) -> None:
        return None

    app = _CsrfOutsideApi(inner, signing_secret="not-a-secret")
    scope = {"type": "http", "method": "GET", "path": path, "headers": [], "query_string": b""}
    asyncio.run(app(scope, receive, send))
    return seen


def test_the_json_api_goes_around_the_csrf_middleware() -> None:
    assert "csrftoken" not in _scopes_seen("/v1/access-points/nearest")


def test_pages_still_get_a_csrf_token() -> None:
    seen = _scopes_seen("/login")
    assert callable(seen["csrftoken"]) and seen["csrftoken"]()
