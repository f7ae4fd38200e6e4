"""Accounts opened, listed, disabled and given a new password by an admin (pages or CLI)."""

from datetime import datetime

from sqlmodel import Session, col, delete, select

from api.errors import ConflictError, InvalidQueryError, NotFoundError
from api.models import Account, AccountCreate, AccountOrganization, AccountPublic, Organization
from api.models.accounts import PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, AccountUpdate
from api.services.accounts.passwords import hash_password


class AccountExistsError(ConflictError):
    """An account with this e-mail address exists already (409)."""


def find_account(*, session: Session, email: str) -> Account | None:
    """The account of ``email`` (any case, surrounding spaces ignored), or None."""
    statement = select(Account).where(col(Account.email) == email.strip().lower())
    return session.exec(statement).first()


def organization_ids_of(*, session: Session, account_id: int) -> frozenset[str]:
    """The organizations an account is bound to."""
    statement = select(AccountOrganization.organization_id).where(
        col(AccountOrganization.account_id) == account_id
    )
    return frozenset(session.exec(statement))


def to_public(*, session: Session, account: Account) -> AccountPublic:
    """``account`` as listed (with its organizations, without its password hash)."""
    assert account.id is not None
    organization_ids = sorted(organization_ids_of(session=session, account_id=account.id))
    fields = {
        name: getattr(account, name)
        for name in AccountPublic.model_fields
        if name != "organization_ids"
    }
    return AccountPublic.model_validate(fields | {"organization_ids": organization_ids})


def create_account(*, session: Session, data: AccountCreate, now: datetime) -> Account:
    """Open an account. Raises ``AccountExistsError`` (409) when the address has one,
    ``InvalidQueryError`` (422, loc ``organization_ids``) for an unknown organization.
    Commits; the password is stored as its Argon2id hash only."""
    if find_account(session=session, email=data.email) is not None:
        raise AccountExistsError(f"an account with the address {data.email} exists already")
    _check_organizations(session=session, organization_ids=data.organization_ids)
    account = Account(
        email=data.email,
        name=data.name,
        role=data.role,
        password_hash=hash_password(data.password),
        language=data.language,
        created_at=now,
    )
    session.add(account)
    session.flush()
    assert account.id is not None
    for organization_id in sorted(set(data.organization_ids)):
        session.add(AccountOrganization(account_id=account.id, organization_id=organization_id))
    session.commit()
    session.refresh(account)
    return account


def _check_organizations(*, session: Session, organization_ids: list[str]) -> None:
    for organization_id in organization_ids:
        if session.get(Organization, organization_id) is None:
            raise InvalidQueryError(
                f"unknown organization {organization_id!r}", loc=("organization_ids",)
            )


def list_accounts(*, session: Session) -> list[AccountPublic]:
    """Every account, disabled ones included, by e-mail address."""
    accounts = session.exec(select(Account).order_by(col(Account.email))).all()
    return [to_public(session=session, account=account) for account in accounts]


def _get(*, session: Session, account_id: int) -> Account:
    account = session.get(Account, account_id)
    if account is None:
        raise NotFoundError(f"no account {account_id}")
    return account


def disable_account(*, session: Session, account_id: int, now: datetime) -> Account:
    """Disable an account: it can no longer sign in and its open sessions end at their
    next request. Already disabled: unchanged. Raises ``NotFoundError`` (404). Commits."""
    account = _get(session=session, account_id=account_id)
    if account.disabled_at is None:
        account.disabled_at = now
        session.add(account)
        session.commit()
        session.refresh(account)
    return account


def enable_account(*, session: Session, account_id: int) -> Account:
    """Let a disabled account sign in again. Raises ``NotFoundError`` (404). Commits."""
    account = _get(session=session, account_id=account_id)
    account.disabled_at = None
    session.add(account)
    session.commit()
    session.refresh(account)
    return account


def reset_password(*, session: Session, account_id: int, password: str) -> Account:
    """Give an account a new password; its open sessions end (their stamp no longer
    matches). Raises ``InvalidQueryError`` (422, loc ``password``) for a password shorter
    than 12 or longer than 256 characters, ``NotFoundError`` (404). Commits."""
    account = _get(session=session, account_id=account_id)
    if not PASSWORD_MIN_LENGTH <= len(password) <= PASSWORD_MAX_LENGTH:
        raise InvalidQueryError(
            f"a password has {PASSWORD_MIN_LENGTH} to {PASSWORD_MAX_LENGTH} characters",
            loc=("password",),
        )
    account.password_hash = hash_password(password)
    session.add(account)
    session.commit()
    session.refresh(account)
    return account


def update_account(*, session: Session, account_id: int, data: AccountUpdate) -> Account:
    """Change an account's name, role, language and organizations (exactly ``data``'s).
    Raises ``InvalidQueryError`` (422, loc ``organization_ids``) for an unknown
    organization, ``NotFoundError`` (404). Commits."""
    account = _get(session=session, account_id=account_id)
    _check_organizations(session=session, organization_ids=data.organization_ids)
    account.name = data.name
    account.role = data.role
    account.language = data.language
    session.add(account)
    session.exec(
        delete(AccountOrganization).where(col(AccountOrganization.account_id) == account_id)
    )
    for organization_id in sorted(set(data.organization_ids)):
        session.add(AccountOrganization(account_id=account_id, organization_id=organization_id))
    session.commit()
    session.refresh(account)
    return account
