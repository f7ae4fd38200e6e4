"""How ``guichets serve`` runs uvicorn: its HTTP protocol with a deadline for request headers,
and the uvicorn options that bound what one client can hold.

uvicorn has no timeout on reading a request (its ``--timeout-keep-alive`` only closes a
connection idle *between* requests, and every byte received resets it): a client that sends
half a request line, or trickles its headers a byte at a time, keeps the connection open for
ever (slowloris). ``HeaderDeadlineProtocol`` closes a connection whose request headers are not
complete ``request_header_timeout_s`` seconds after it opened, or after the previous response
on it ended, answering ``408 Request Timeout`` when part of a request had come. A request
whose headers are in is never cut: slow bodies and long answers (the exports) are not timed
here (bodies are capped at ``max_body_bytes``; a stream that waits on a slow reader holds no
database connection).
"""

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from api.config import get_settings

PROTOCOL = "api.server:HeaderDeadlineProtocol"
"""The import string for uvicorn's ``--http`` option (an import string, so that it works with
``--workers`` too)."""

_TIMEOUT_RESPONSE = (
    b"HTTP/1.1 408 Request Timeout\r\n"
    b"content-type: text/plain; charset=utf-8\r\n"
    b"connection: close\r\n"
    b"content-length: 41\r\n\r\n"
    b"request headers not received in time: retry"
)


class HeaderDeadlineProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, with a deadline for each request's headers (the module
    docstring); the deadline is ``Settings.request_header_timeout_s`` seconds."""

    _deadline: asyncio.TimerHandle | None = None
    _partial = False

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Start the connection, and the deadline of its first request's headers."""
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        """Note that a request has begun (for the 408), then parse as uvicorn does."""
        self._partial = self._partial or bool(data.strip())
        super().data_received(data)

    def on_headers_complete(self) -> None:
        """The headers are in: no deadline for this request any more."""
        self._disarm()
        self._partial = False
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        """The answer is sent: the next request on this connection gets its own deadline."""
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        """Drop the deadline with the connection."""
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        timeout = get_settings().request_header_timeout_s
        self._deadline = self.loop.call_later(timeout, self._deadline_passed)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _deadline_passed(self) -> None:
        self._deadline = None
        busy = (self.cycle is not None and not self.cycle.response_complete) or bool(self.pipeline)
        if busy or self.transport.is_closing():
            return
        if self._partial:
            self.transport.write(_TIMEOUT_RESPONSE)
        self.transport.close()


def uvicorn_options() -> dict[str, Any]:
    """The options ``guichets serve`` gives ``uvicorn.run`` besides the app and the address:
    the protocol above, and ``timeout_keep_alive`` (idle keep-alive connections closed after
    ``Settings.keep_alive_timeout_s``)."""
    settings = get_settings()
    return {"http": PROTOCOL, "timeout_keep_alive": settings.keep_alive_timeout_s}
