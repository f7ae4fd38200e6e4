"""HTTP caching of lists and exports (RFC 9110 conditional requests, RFC 9111 caching):
``ETag`` and ``Last-Modified`` from the directory's data version, ``304 Not Modified`` on
``If-None-Match`` / ``If-Modified-Since``."""

import hashlib
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime

from fastapi import Request, Response


def validators(
    request: Request, *, version: int, changed_at: datetime | None, extra: str = ""
) -> dict[str, str]:
    """``ETag`` (the data version and a digest of the query, and ``extra`` for answers that
    depend on the time) and ``Last-Modified`` headers for a list or export."""
    digest = hashlib.sha256(f"{request.url.path}?{request.url.query}|{extra}".encode()).hexdigest()[
        :16
    ]
    headers = {"ETag": f'"{version}-{digest}"'}
    if changed_at is not None:
        headers["Last-Modified"] = format_datetime(changed_at, usegmt=True)
    return headers


def not_modified(request: Request, headers: dict[str, str]) -> Response | None:
    """A 304 when the client's copy is current (``If-None-Match`` wins over
    ``If-Modified-Since``, RFC 9110 §13.2.2), else None."""
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        if "*" in tags or headers["ETag"] in tags:
            return Response(status_code=304, headers=headers)
        return None
    since = request.headers.get("if-modified-since")
    if since and "Last-Modified" in headers:
        client = _http_date(since)
        if client is not None and parsedate_to_datetime(headers["Last-Modified"]) <= client:
            return Response(status_code=304, headers=headers)
    return None


def _http_date(value: str) -> datetime | None:
    """An ``If-Modified-Since`` value as an aware datetime, or None when it is not a date (the
    header is then ignored, RFC 9110 §13.1.3). HTTP dates are always UTC (RFC 9110 §5.6.7):
    the obsolete asctime form carries no zone, and neither does a date sent without ``GMT``,
    so a date without a zone is read as UTC rather than compared with an aware one."""
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed
