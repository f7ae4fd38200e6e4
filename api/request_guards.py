"""ASGI middlewares that keep bad requests from reaching the handlers as server errors:

- ``RejectUnstorableText``: a JSON body that is not UTF-8 (FastAPI would answer an
  undocumented 400), a NUL character (which PostgreSQL's ``text`` cannot hold) in the
  path, the query or a JSON body, and a lone UTF-16 surrogate in a JSON body (``"\\ud800"``,
  valid JSON but no Unicode text: it cannot be encoded to UTF-8 for the database or the
  answer), get a 4xx before any handler runs;
- ``HeadAsGet``: ``HEAD`` on any ``GET`` route answers as ``GET`` does, headers only (RFC 9110
  §9.3.2), instead of FastAPI's 405.

Pure ASGI (no FastAPI, no database), so that they apply to every route, pages included.
"""

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message, Receive, Scope, Send

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


async def _send_json(send: Send, status: int, detail: object) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _what(text: str) -> str:
    found = _UNSTORABLE.search(text)
    assert found is not None
    if found.group() == "\x00":
        return "holds a NUL character (\\u0000), which no text may contain"
    return (
        f"holds a lone UTF-16 surrogate (\\u{ord(found.group()):04x}), which is not a "
        "character: send the text as UTF-8, or the full surrogate pair"
    )


def first_unstorable(value: Any, loc: tuple[str | int, ...] = ()) -> tuple[list[Any], str] | None:
    """The location (``["name", 0, ...]``) of the first key or string in the decoded JSON
    ``value`` that holds a NUL or a lone surrogate, and what is wrong with it; None when all
    text is storable."""
    for key, item, where in _children(value, loc):
        if key is not None and _UNSTORABLE.search(key):
            return [*where], f"the member name {key!r} {_what(key)}"
        if isinstance(item, str):
            if _UNSTORABLE.search(item):
                return [*where], f"this text {_what(item)}"
        elif isinstance(item, dict | list):
            found = first_unstorable(item, where)
            if found is not None:
                return found
    return None


def _children(
    value: Any, loc: tuple[str | int, ...]
) -> Iterator[tuple[str | None, Any, tuple[str | int, ...]]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield key, item, (*loc, key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield None, item, (*loc, index)
    else:
        yield None, value, loc


class RejectUnstorableText:
    """A NUL in the path: 404 (no resource has it in its id); a NUL in a query value: 422 on
    that parameter; a NUL or a lone surrogate in a JSON body: 422 on that member. 422s have
    FastAPI's shape ``{"detail": [{"loc", "msg", "type"}]}``. Wrap it in ``BodySizeLimit``,
    which hands it the whole (capped) body at once."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the path and query, then a JSON body of a write, before the app sees them."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if "\x00" in scope["path"]:
            await _send_json(send, 404, "no resource has a NUL character (%00) in its path")
            return
        query = scope.get("query_string", b"").decode("latin-1")
        for name, value in parse_qsl(query, keep_blank_values=True):
            if "\x00" in name or "\x00" in value:
                detail = [{"loc": ["query", name], "msg": _what("\x00"), "type": "value_error"}]
                await _send_json(send, 422, detail)
                return
        if scope["method"] not in WRITE_METHODS or not _is_json(scope):
            await self.app(scope, receive, send)
            return
        messages = [await receive()]
        while messages[-1]["type"] == "http.request" and messages[-1].get("more_body"):
            messages.append(await receive())
        body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.request")
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            message = "the body is not UTF-8 text: send JSON encoded in UTF-8 (RFC 8259)"
            await _send_json(send, 422, [{"loc": ["body"], "msg": message, "type": "value_error"}])
            return
        try:
            decoded = json.loads(body)
        except ValueError:
            decoded = None  # not JSON: FastAPI answers that itself
        found = first_unstorable(decoded) if decoded is not None else None
        if found is not None:
            loc, message = found
            detail = [{"loc": ["body", *loc], "msg": message, "type": "value_error"}]
            await _send_json(send, 422, detail)
            return
        pending: list[Message] = [{"type": "http.request", "body": body, "more_body": False}]
        if messages[-1]["type"] == "http.disconnect":
            pending.append(messages[-1])

        async def replay() -> Message:
            return pending.pop(0) if pending else await receive()

        await self.app(scope, replay, send)


def _is_json(scope: Scope) -> bool:
    for name, value in scope.get("headers", []):
        if name == b"content-type":
            return b"json" in value.lower()
    return False


class HeadAsGet:
    """``HEAD`` answered as ``GET`` without its body: the same status and headers (length
    included), the body dropped, and a streamed body ended at once (the stream is then
    cancelled as for a client gone)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the request as GET and send only the response's start and an empty body."""
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return
        ended = False

        async def headers_only(message: Message) -> None:
            nonlocal ended
            if message["type"] == "http.response.start":
                await send(message)
            elif message["type"] == "http.response.body" and not ended:
                ended = True
                await send({"type": "http.response.body", "body": b"", "more_body": False})

        await self.app({**scope, "method": "GET"}, receive, headers_only)
