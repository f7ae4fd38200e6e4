"""People's accounts: passwords (Argon2id), creation, sign-in, disabling, listing."""

from api.services.accounts.accounts import (
    AccountExistsError,
    create_account,
    disable_account,
    enable_account,
    find_account,
    list_accounts,
    organization_ids_of,
    reset_password,
    to_public,
    update_account,
)
from api.services.accounts.passwords import hash_password, password_stamp, verify_password
from api.services.accounts.signin import SignInResult, sign_in

__all__ = [
    "AccountExistsError",
    "SignInResult",
    "create_account",
    "disable_account",
    "enable_account",
    "find_account",
    "hash_password",
    "list_accounts",
    "organization_ids_of",
    "password_stamp",
    "reset_password",
    "sign_in",
    "to_public",
    "update_account",
    "verify_password",
]
