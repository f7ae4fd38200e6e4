"""API keys: created, listed, revoked, and checked on every write.

A key is 32 random bytes (``secrets.token_urlsafe``), shown once at creation. Only its
SHA-256 is stored: with 256 bits of entropy a key cannot be guessed from its hash, so the
slow hashes made for human passwords are not needed, and lookup stays one indexed query.
"""

import hashlib
import secrets
from datetime import datetime

from sqlmodel import Session, col, select

from api.errors import (
    ConflictError,
    ForbiddenError,
    InvalidQueryError,
    NotFoundError,
    UnauthorizedError,
)
from api.models import Actor, ApiKey, ApiKeyPublic, Organization, Role

KEY_PREFIX = "gk_"


def hash_key(key: str) -> str:
    """Hex SHA-256 of a key, as stored."""
    return hashlib.sha256(key.encode()).hexdigest()


def create_key(
    *, session: Session, name: str, role: Role, organization_id: str | None, now: datetime
) -> tuple[ApiKeyPublic, str]:
    """A new key and its plaintext (to show once). Raises ``ConflictError`` (409) when the
    name is taken, ``InvalidQueryError`` (422) for an unknown organization. Commits."""
    if session.exec(select(ApiKey).where(col(ApiKey.name) == name)).first() is not None:
        raise ConflictError(f"a key named {name!r} exists already: choose another name")
    if organization_id is not None and session.get(Organization, organization_id) is None:
        raise InvalidQueryError(f"unknown organization {organization_id!r}", loc=("organization",))
    plaintext = KEY_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey(
        name=name,
        role=role,
        organization_id=organization_id,
        key_hash=hash_key(plaintext),
        prefix=plaintext[:10],
        created_at=now,
    )
    session.add(key)
    session.commit()
    session.refresh(key)
    return ApiKeyPublic.model_validate(key, from_attributes=True), plaintext


def list_keys(*, session: Session) -> list[ApiKeyPublic]:
    """Every key, revoked ones included, by id; never the keys themselves."""
    rows = session.exec(select(ApiKey).order_by(col(ApiKey.id)))
    return [ApiKeyPublic.model_validate(row, from_attributes=True) for row in rows]


def revoke_key(*, session: Session, name: str, now: datetime) -> ApiKeyPublic:
    """Revoke the key named ``name`` (kept, marked revoked). Raises ``NotFoundError``. Commits."""
    key = session.exec(select(ApiKey).where(col(ApiKey.name) == name)).first()
    if key is None:
        raise NotFoundError(f"no key named {name!r}")
    if key.revoked_at is None:
        key.revoked_at = now
        session.add(key)
        session.commit()
        session.refresh(key)
    return ApiKeyPublic.model_validate(key, from_attributes=True)


def authenticate(*, session: Session, key: str | None) -> ApiKey:
    """The active key matching ``key``. Raises ``UnauthorizedError`` (401) for no key, an
    unknown one or a revoked one."""
    if not key:
        raise UnauthorizedError(
            "this change needs an API key: send it as `Authorization: Bearer <key>`"
        )
    found = session.exec(select(ApiKey).where(col(ApiKey.key_hash) == hash_key(key))).first()
    if found is None or found.revoked_at is not None:
        raise UnauthorizedError("unknown or revoked API key: ask an administrator for a key")
    return found


def check_may_edit(actor: Actor, organization_id: str) -> None:
    """An admin, or an editor bound to ``organization_id`` (or a key bound to none), may
    edit; else ``ForbiddenError`` (403)."""
    allowed = actor.organization_ids
    if actor.is_admin or allowed is None or organization_id in allowed:
        return
    raise ForbiddenError(
        f"{actor.name!r} may edit only the entries of {', '.join(sorted(allowed))}, "
        f"not of {organization_id!r}: ask an administrator"
    )


def check_admin(actor: Actor) -> None:
    """Only an admin may; else ``ForbiddenError`` (403)."""
    if not actor.is_admin:
        raise ForbiddenError(f"{actor.name!r} is an editor: this needs an administrator")
