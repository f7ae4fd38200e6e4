"""Security headers (ASGI middleware): what a browser may do with our answers.

Every answer: ``X-Content-Type-Options: nosniff`` (a JSON or CSV answer is never run as a
script or a page) and ``Referrer-Policy: strict-origin-when-cross-origin`` (another site,
the tile server included, learns our origin, never a search's postcode or position).

The pages (HTML from our routes) also get a Content-Security-Policy that allows scripts,
styles and fonts from this origin only (no inline script, no inline event handler, no style
attribute, no ``javascript:`` URL, no ``eval``), images from this origin and the tile server
of ``GUICHETS_MAP_TILE_URL``, forms sent to this origin only, and no framing
(``frame-ancestors 'none'``, and ``X-Frame-Options: DENY`` for older browsers). The API
docs (``/docs``, ``/redoc``), which FastAPI builds from a CDN with inline script, and other
HTML (static files) get only the framing rules.
"""

import re
from urllib.parse import urlsplit

from fastapi.routing import APIRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_EVERY_ANSWER = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
]
_NO_FRAMING = [(b"x-frame-options", b"DENY")]
_PLACEHOLDER = re.compile(r"\{[^}]*\}")


def tile_source(tile_url: str) -> str | None:
    """The CSP source expression of the tile server in a Leaflet URL template:
    ``https://{s}.tile.example.org/{z}/{x}/{y}.png`` gives ``https://*.tile.example.org``;
    a template whose host has a placeholder elsewhere than its first label gives its scheme
    only (``https:``); an empty or relative one, None."""
    parts = urlsplit(tile_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    host = _PLACEHOLDER.sub("*", parts.netloc)
    if "*" in host.lstrip("*").lstrip(".") or not re.fullmatch(r"[A-Za-z0-9*.:\[\]-]+", host):
        return f"{parts.scheme}:"
    return f"{parts.scheme}://{host}"


def page_policy(tile_url: str) -> str:
    """The Content-Security-Policy of the pages, images allowed from ``tile_url``'s host."""
    images = " ".join(s for s in ("'self'", tile_source(tile_url)) if s)
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            f"img-src {images}",
            "font-src 'self'",
            "connect-src 'self'",
            "manifest-src 'self'",
            "form-action 'self'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ]
    )


class SecurityHeaders:
    """Adds the headers of the module docstring to every HTTP answer."""

    def __init__(self, app: ASGIApp, *, tile_url: str) -> None:
        self.app = app
        self.page_policy = [(b"content-security-policy", page_policy(tile_url).encode())]
        self.other_html = [(b"content-security-policy", b"frame-ancestors 'none'")]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Add the headers when the answer starts (the route is known by then)."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.extend(_EVERY_ANSWER)
                content_type = next((v for k, v in headers if k == b"content-type"), b"")
                if content_type.startswith(b"text/html"):
                    ours = isinstance(scope.get("route"), APIRoute)
                    headers.extend(self.page_policy if ours else self.other_html)
                    headers.extend(_NO_FRAMING)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
