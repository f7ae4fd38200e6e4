"""Dependencies of the write endpoints: the caller's API key and the If-Match precondition."""

import re
from typing import Annotated

from fastapi import Depends, Header
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.db import SessionDep
from api.errors import IF_MATCH_MISSING, PreconditionRequiredError
from api.models import ApiKey
from api.services.editing.history import NO_VERSION
from api.services.keys import authenticate

_bearer = HTTPBearer(auto_error=False, description="An API key from `guichets keys create`.")
# Our ETags are versions written without leading zeros: matching only that form makes the
# comparison of the numbers the character-by-character strong comparison of RFC 9110 §8.8.3.2
# ("08" is not "8"). At most 18 digits: any larger number is no version of ours.
_ETAG = re.compile(r'"([1-9][0-9]{0,17})"')


def current_key(
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> ApiKey:
    """The API key of the request (``Authorization: Bearer <key>``); 401 without a valid one."""
    return authenticate(session=session, key=credentials.credentials if credentials else None)


KeyDep = Annotated[ApiKey, Depends(current_key)]


def etag(version: int) -> str:
    """The strong entity tag of a resource version (RFC 9110 §8.8.3)."""
    return f'"{version}"'


async def expected_version(
    if_match: Annotated[
        str,
        Header(
            description='Required: the ETag of your last read, e.g. "3" (RFC 9110 §13.1.1). '
            "Missing: 428 (not 422); stale or not one of our ETags: 412."
        ),
    ],
) -> int:
    """The version the client last read, from ``If-Match``. Missing or ``*``: 428 (a change
    without it could silently overwrite someone else's; ``api.errors`` turns FastAPI's 422
    for the missing required header into that 428). A value that is not one of our ETags
    (weak tags, lists, other spellings of the number: RFC 9110's strong comparison) gives
    0, a version nothing has, so that the service answers 412 after the request's other
    checks, as RFC 9110 §13.2.1 orders them."""
    if if_match.strip() == "*":
        raise PreconditionRequiredError(IF_MATCH_MISSING)
    found = _ETAG.fullmatch(if_match.strip())
    return int(found.group(1)) if found is not None else NO_VERSION


VersionDep = Annotated[int, Depends(expected_version)]
