"""Password hashes: Argon2id with pwdlib's recommended parameters (OWASP's choice)."""

import hashlib

from pwdlib import PasswordHash
from pwdlib.exceptions import UnknownHashError

_hasher = PasswordHash.recommended()
# Checked when the e-mail is unknown, so that a wrong address takes as long as a wrong
# password (no telling which addresses have accounts by the answer's time).
_DUMMY_HASH = _hasher.hash("guichets-no-such-account")


def hash_password(password: str) -> str:
    """The Argon2id hash of ``password`` (a PHC string, about 100 characters)."""
    return _hasher.hash(password)


def verify_password(password: str, password_hash: str | None) -> tuple[bool, str | None]:
    """Whether ``password`` matches ``password_hash`` and, when it does and the hash's
    parameters are outdated, the new hash to store (else None). ``password_hash`` None
    (unknown account) is checked against a dummy hash and never matches."""
    if password_hash is None:
        _hasher.verify(password, _DUMMY_HASH)
        return False, None
    try:
        return _hasher.verify_and_update(password, password_hash)
    except UnknownHashError:
        return False, None


def password_stamp(password_hash: str) -> str:
    """A short fingerprint of the stored hash, kept in the session: a new password changes
    it, which signs out every session opened with the old one."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]
