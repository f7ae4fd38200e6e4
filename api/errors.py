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
    return JSONResponse({"detail": detail}, status_code=exc.status_code)


def install_error_handlers(app: FastAPI) -> None:
    """Map every ``DomainError`` subclass to its status code and a ``{"detail": ...}`` body."""
    app.add_exception_handler(DomainError, _domain_error)
