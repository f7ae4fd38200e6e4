"""Rate limits of the forms that anyone can post (sign-in, problem reports), with the
``limits`` library: moving windows, in this process's memory.

A limit is written in ``limits``' notation, e.g. ``"5/15 minutes"`` or ``"10 per hour"``.
In-memory storage means each server process counts on its own: with N processes a client
gets at most N times the limit, which still stops guessing at scale; a shared store
(``limits``' Redis storage) would count across them if that ever matters.
"""

from functools import lru_cache

from limits import RateLimitItem, parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

_storage = MemoryStorage()
_limiter = MovingWindowRateLimiter(_storage)


@lru_cache(maxsize=64)
def _item(limit: str) -> RateLimitItem:
    # Parsed once per notation; a wrong notation is a programming or settings error
    # (ValueError), caught by the tests of each caller.
    return parse(limit)


def hit(*, namespace: str, identifier: str, limit: str) -> bool:
    """Count one event of ``identifier`` (an address, an e-mail, a place id) in
    ``namespace`` (e.g. ``"login-account"``) against ``limit``; True when it is still
    allowed (the event was counted), False when the limit is reached (not counted).

    Raises ValueError when ``limit`` is not in ``limits``' notation."""
    return _limiter.hit(_item(limit), namespace, identifier)


def allowed(*, namespace: str, identifier: str, limit: str) -> bool:
    """Whether one more event of ``identifier`` would be allowed, without counting it
    (e.g. a sign-in is refused before checking its password when failures are at the
    limit, and only failures are counted)."""
    return _limiter.test(_item(limit), namespace, identifier)


def reset_all() -> None:
    """Forget every count (tests start each from zero)."""
    _storage.reset()
