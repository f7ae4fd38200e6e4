"""Domain exceptions, mapped to HTTP once in ``create_app`` (``install_error_handlers``).

Services raise these; routers never build HTTP errors themselves. 422 answers use FastAPI's
validation shape ``{"detail": [{"loc": [...], "msg": ..., "type": ...}]}`` so that a
client reads one shape for every bad input.
"""

from collections.abc import Sequence

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse


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


def install_error_handlers(app: FastAPI) -> None:
    """Map every ``DomainError`` subclass to its status code and a ``{"detail": ...}`` body."""
    app.add_exception_handler(DomainError, _domain_error)
