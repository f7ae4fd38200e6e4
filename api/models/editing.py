"""Who may write (API keys and their roles) and what was written (the change history)."""

from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol

from sqlalchemy import JSON, String
from sqlmodel import Field, SQLModel

from api.models.glossary import Documented
from api.models.types import UTCDateTime


class Role(StrEnum):
    """``editor``: change the access points, organizations and closures of the organization
    the key is bound to (all of them for an unbound key); ``admin``: everything, keys and
    restores included."""

    EDITOR = "editor"
    ADMIN = "admin"


class Actor(Protocol):
    """Who writes: a machine's API key or a person's account. Every write service takes one
    and asks it what it may do; its ``name`` is what the history records."""

    @property
    def name(self) -> str:
        """Shown in the history as ``changed_by``."""
        ...

    @property
    def is_admin(self) -> bool:
        """May do everything, restores and accounts included."""
        ...

    @property
    def organization_ids(self) -> frozenset[str] | None:
        """The organizations whose entries it may change; None: all of them."""
        ...


class ApiKeyBase(Documented):
    """The public facts of an API key."""

    name: str = Field(min_length=1, max_length=120, description="Who uses it; shown in history.")
    role: Role = Field(sa_type=String(10))
    organization_id: str | None = Field(
        default=None, foreign_key="organization.id", description="Null: all organizations."
    )


class ApiKey(ApiKeyBase, table=True):
    """A stored key: only its SHA-256 hash is kept (the key is shown once, at creation)."""

    __tablename__ = "api_key"

    id: int | None = Field(default=None, primary_key=True)
    key_hash: str = Field(unique=True, max_length=64)
    prefix: str = Field(max_length=12, description="The first characters, to recognise it.")
    created_at: datetime = Field(sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)

    @property
    def is_admin(self) -> bool:
        """An admin key (the ``Actor`` protocol)."""
        return self.role == Role.ADMIN

    @property
    def organization_ids(self) -> frozenset[str] | None:
        """The key's one organization; None for an admin key or an unbound editor key."""
        if self.is_admin or self.organization_id is None:
            return None
        return frozenset({self.organization_id})


class ApiKeyPublic(ApiKeyBase):
    """A key as listed: never the key itself."""

    id: int
    prefix: str
    created_at: datetime
    revoked_at: datetime | None


class ChangeAction(StrEnum):
    """What a change did."""

    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    RESTORE = "restore"


class Change(SQLModel, table=True):
    """One change of one resource: who (key name), when (UTC), what (the changed fields,
    before and after) and the full stored state after it (to restore a former version)."""

    __tablename__ = "change"

    id: int | None = Field(default=None, primary_key=True)
    resource: str = Field(max_length=20, index=True)
    resource_id: str = Field(max_length=120, index=True)
    version: int
    action: ChangeAction = Field(sa_type=String(10))
    changed_at: datetime = Field(sa_type=UTCDateTime)
    changed_by: str = Field(max_length=400)
    changes: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    snapshot: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)


class ChangePublic(Documented):
    """A change as ``GET .../history`` shows it: ``changes`` maps each changed field to
    ``{"before": ..., "after": ...}``."""

    version: int
    action: ChangeAction
    changed_at: datetime
    changed_by: str
    changes: dict[str, Any]
