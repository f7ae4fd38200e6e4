"""Domain exceptions, mapped to HTTP once in ``create_app`` (``install_error_handlers``).

Services raise these; routers never build HTTP errors themselves. 422 answers use FastAPI's
validation shape ``{"detail": [{"loc": [...], "msg": ..., "type": ...}]}`` so that a
client reads one shape for every bad input.
"""

from collections.abc import Sequence

from fastapi import FastAPI, Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

IF_MATCH_MISSING = (
    'send If-Match with the ETag of your last read (e.g. If-Match: "3"), so that '
    "nobody's change is overwritten"
)


class DomainError(Exception):
    """Base of the errors the API turns into 4xx answers."""

    status_code = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFoundError(DomainError):
    """The resource does not exist (404)."""

    status_code = 404


class PreconditionFailedError(DomainError):
    """The resource changed since the client read it: its If-Match is stale (412)."""

    status_code = 412


class PreconditionRequiredError(DomainError):
    """A change was sent without If-Match (428): RFC 6585, to prevent lost updates."""

    status_code = 428


class UnauthorizedError(DomainError):
    """No API key, or one that is unknown or revoked (401)."""

    status_code = 401


class ForbiddenError(DomainError):
    """The key's role or organization does not allow this change (403)."""

    status_code = 403


class ConflictError(DomainError):
    """The resource already exists (409)."""

    status_code = 409


class ServiceUnavailableError(DomainError):
    """A service this answer needs (the geocoder) is off or not answering (503)."""

    status_code = 503


class InvalidQueryError(DomainError):
    """A query parameter is wrong in a way only the domain can tell (422): an unknown
    postcode, coordinates outside Belgium, two origins at once..."""

    status_code = 422

    def __init__(self, message: str, *, loc: Sequence[str] = ("query",)) -> None:
        super().__init__(message)
        self.loc = list(loc)


async def _domain_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    if isinstance(exc, InvalidQueryError):
        detail: object = [{"loc": exc.loc, "msg": exc.message, "type": "value_error"}]
    else:
        detail = exc.message
    headers = {"WWW-Authenticate": "Bearer"} if isinstance(exc, UnauthorizedError) else None
    return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=headers)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    # If-Match is declared required (so the OpenAPI says so), but its absence is a missing
    # precondition, RFC 6585's 428, not a malformed request.
    assert isinstance(exc, RequestValidationError)
    if any(
        error.get("type") == "missing" and tuple(error.get("loc", ())) == ("header", "if-match")
        for error in exc.errors()
    ):
        return await _domain_error(request, PreconditionRequiredError(IF_MATCH_MISSING))
    return await request_validation_exception_handler(request, exc)


def _is_unique_violation(exc: IntegrityError) -> bool:
    # PostgreSQL's SQLSTATE 23505; SQLite says it in words.
    return getattr(exc.orig, "sqlstate", None) == "23505" or "UNIQUE constraint failed" in str(
        exc.orig
    )


async def _integrity_error(request: Request, exc: Exception) -> JSONResponse:
    # Two writers raced past the checks that run before the write: the database's unique
    # constraints (ids; one history row per resource version) refused the loser. With
    # If-Match it changed a resource someone else changed at the same time: 412, like a stale
    # If-Match; without, it created an id someone else created at the same time: 409.
    assert isinstance(exc, IntegrityError)
    if not _is_unique_violation(exc):
        raise exc  # a bug, not a race: the server error it is
    if "if-match" in request.headers:
        error: DomainError = PreconditionFailedError(
            "someone else changed it at the same time, and their change was saved first: "
            "read it again and redo your change"
        )
    else:
        error = ConflictError(
            "someone else created it at the same time, and theirs was saved first: read it, "
            "then change it with PUT or PATCH"
        )
    return await _domain_error(request, error)


# SQLite's write lock not had within the busy timeout; PostgreSQL's deadlock and
# serialization failures. The transaction was rolled back: the same request can be sent again.
_TRANSIENT_SQLSTATES = frozenset({"40001", "40P01", "55P03"})


async def _operational_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, OperationalError)
    transient = "database is locked" in str(exc.orig) or (
        getattr(exc.orig, "sqlstate", None) in _TRANSIENT_SQLSTATES
    )
    if not transient:
        raise exc
    return _busy()


async def _pool_timeout(_request: Request, _exc: Exception) -> JSONResponse:
    # Every connection of the pool stayed busy past its timeout (30 s): overloaded, not broken.
    return _busy()


def _busy() -> JSONResponse:
    return JSONResponse(
        {"detail": "the database is busy: nothing was changed, send the request again"},
        status_code=503,
        headers={"Retry-After": "1"},
    )


def install_error_handlers(app: FastAPI) -> None:
    """Map every ``DomainError`` subclass to its status code and a ``{"detail": ...}`` body;
    a missing ``If-Match`` to 428 (not 422); a unique violation of a racing writer to 412
    (a change, with If-Match) or 409 (a creation); a write lock not had in time (SQLite's busy
    timeout, PostgreSQL's deadlock detection) or no pooled connection free in time to 503
    with ``Retry-After``."""
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(IntegrityError, _integrity_error)
    app.add_exception_handler(OperationalError, _operational_error)
    app.add_exception_handler(PoolTimeoutError, _pool_timeout)
