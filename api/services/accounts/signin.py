"""Signing in with an e-mail address and a password, with limits on failures."""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from api.models import Account
from api.ratelimit import allowed, hit
from api.services.accounts.accounts import find_account
from api.services.accounts.passwords import verify_password

ACCOUNT_NAMESPACE = "login-account"
ADDRESS_NAMESPACE = "login-address"


@dataclass(frozen=True)
class SignInResult:
    """``account`` when signed in; else ``limited`` (too many failures: 429) or a wrong
    address or password (the same answer for both: no telling which addresses exist)."""

    account: Account | None
    limited: bool = False


def sign_in(
    *,
    session: Session,
    email: str,
    password: str,
    client_address: str,
    now: datetime,
    limit_per_account: str,
    limit_per_address: str,
) -> SignInResult:
    """Check ``email``/``password``. Only failures count against the limits (per e-mail
    address and per client address, ``limits`` notation); at either limit the password is
    not even checked. A disabled account fails like a wrong password. On success the
    account's ``last_login_at`` is set (and an outdated hash upgraded); commits."""
    email = email.strip().lower()
    if not (
        allowed(namespace=ACCOUNT_NAMESPACE, identifier=email, limit=limit_per_account)
        and allowed(namespace=ADDRESS_NAMESPACE, identifier=client_address, limit=limit_per_address)
    ):
        return SignInResult(account=None, limited=True)
    account = find_account(session=session, email=email)
    matches, new_hash = verify_password(password, account.password_hash if account else None)
    if account is None or not matches or not account.is_active:
        hit(namespace=ACCOUNT_NAMESPACE, identifier=email, limit=limit_per_account)
        hit(namespace=ADDRESS_NAMESPACE, identifier=client_address, limit=limit_per_address)
        return SignInResult(account=None)
    if new_hash is not None:
        account.password_hash = new_hash
    account.last_login_at = now
    session.add(account)
    session.commit()
    session.refresh(account)
    return SignInResult(account=account)
