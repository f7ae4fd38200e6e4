"""People's accounts: admins, editors (bound to organizations) and front-desk workers.

An account signs in to the workspace pages with its e-mail and password (``/login``); the
JSON API keeps its API keys. Passwords are stored as Argon2id hashes (pwdlib), never as
such."""

from datetime import datetime
from enum import StrEnum

from pydantic import EmailStr, field_validator
from sqlalchemy import String
from sqlmodel import Field, SQLModel

from api.i18n import Language
from api.models.types import UTCDateTime

EMAIL_MAX_LENGTH = 254
"""RFC 5321's limit for an address in a path."""
NAME_MAX_LENGTH = 120
PASSWORD_MIN_LENGTH = 12
"""NIST SP 800-63B §5.1.1.2 asks for 8 at least; 12 for accounts that edit public facts."""
PASSWORD_MAX_LENGTH = 256


class AccountRole(StrEnum):
    """``admin``: everything, accounts included; ``editor``: the entries of their
    organizations; ``worker``: a front-desk worker who signs in (reports, no edits)."""

    ADMIN = "admin"
    EDITOR = "editor"
    WORKER = "worker"


class Account(SQLModel, table=True):
    """A person who signs in. Never deleted (the history names them): disabled instead."""

    __tablename__ = "account"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=EMAIL_MAX_LENGTH, unique=True, description="Lowercased.")
    name: str = Field(max_length=NAME_MAX_LENGTH)
    role: AccountRole = Field(sa_type=String(10))
    password_hash: str = Field(max_length=255, description="Argon2id (pwdlib), PHC string.")
    language: str = Field(default="fr", max_length=2, description="fr, nl or en.")
    created_at: datetime = Field(sa_type=UTCDateTime)
    disabled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_login_at: datetime | None = Field(default=None, sa_type=UTCDateTime)

    @property
    def is_active(self) -> bool:
        """Not disabled: may sign in."""
        return self.disabled_at is None


class AccountOrganization(SQLModel, table=True):
    """An editor (or worker) bound to one organization whose entries they may change."""

    __tablename__ = "account_organization"

    account_id: int = Field(foreign_key="account.id", primary_key=True)
    organization_id: str = Field(foreign_key="organization.id", primary_key=True, max_length=120)


class AccountCreate(SQLModel):
    """What an admin gives to open an account (page or ``guichets accounts create``)."""

    email: EmailStr = Field(max_length=EMAIL_MAX_LENGTH)
    name: str = Field(min_length=1, max_length=NAME_MAX_LENGTH)
    role: AccountRole
    password: str = Field(min_length=PASSWORD_MIN_LENGTH, max_length=PASSWORD_MAX_LENGTH)
    language: Language = "fr"
    organization_ids: list[str] = Field(default_factory=list)

    @field_validator("email")
    @classmethod
    def _lowercase(cls, value: str) -> str:
        # One account per address whatever its case: stored and looked up lowercased.
        return value.strip().lower()

    @field_validator("name")
    @classmethod
    def _strip(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("A name is required.")
        return value


class AccountUpdate(SQLModel):
    """What an admin may change of an account (its address and password stay as they are:
    a new password has its own form)."""

    name: str = Field(min_length=1, max_length=NAME_MAX_LENGTH)
    role: AccountRole
    language: Language = "fr"
    organization_ids: list[str] = Field(default_factory=list)

    @field_validator("name")
    @classmethod
    def _strip(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("A name is required.")
        return value


class AccountPublic(SQLModel):
    """An account as listed: never its password hash."""

    id: int
    email: str
    name: str
    role: AccountRole
    language: str
    created_at: datetime
    disabled_at: datetime | None
    last_login_at: datetime | None
    organization_ids: list[str]
