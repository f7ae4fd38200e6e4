"""Small-count suppression of the observatory's incident tables (pure: no database, no clock).

Why: a count of 1 to 4 incidents in one commune, month or organization could single out the
person helped, or the worker who filed it. The rule, the same for every output (JSON, CSV,
page, chart), is:

1. **Small counts.** A count from 1 to 4 is never published: it is ``suppressed`` with the
   reason ``small`` (JSON ``count: null``; CSV an empty ``count``; pages and charts "< 5",
   never drawn). 0 is published: it says nothing of anyone.
2. **Complementary suppression.** In a table whose rows split the incidents (each incident
   in exactly one row: channel, organization, commune, theme, month, real/synthetic), the
   published total minus the published rows is the sum ``r`` of the suppressed rows. While
   that sum would give a small count away, the smallest published row of at least 5 is
   suppressed too, with the reason ``complementary`` ("hidden so that a small count cannot
   be worked out from the total"). With ``k`` small rows (each 1-4) and ``q`` complementary
   ones (each >= 5, since the reason is public) a small row is known exactly when
   ``q == 0`` and ``k == 1`` (the row is ``r``), or ``r == k`` (all are 1), or
   ``r == 4k`` (all are 4); or when ``q >= 1`` and ``r - 5q <= k`` (then all are 1). The
   kinds of an incident are several, so the kinds' table does not split the incidents and
   needs rule 1 only.
3. **The total stays honest**: it is the true number of incidents, never the sum of the
   published rows. When some splitting table cannot be made safe even with all its rows
   suppressed (only in tiny answers), the total is withheld in the whole answer, and every
   non-zero row of every splitting table is suppressed: no subtraction is then possible.

Limits (documented in the README): each answer is protected on its own; subtracting the
answers to two different filters (two periods, a region and its communes) is not prevented.
Periods are whole months to keep such differences coarse.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

SMALL_BELOW = 5
"""Counts from 1 to ``SMALL_BELOW - 1`` are small (never published)."""


class Suppression(StrEnum):
    """Why a count is not published."""

    SMALL = "small"
    COMPLEMENTARY = "complementary"


@dataclass(frozen=True, slots=True)
class Published:
    """A count as it may be published: ``count`` is None exactly when ``suppression`` is set."""

    count: int | None
    suppression: Suppression | None = None

    @property
    def suppressed(self) -> bool:
        """True when the count is not published."""
        return self.suppression is not None


def is_small(count: int) -> bool:
    """A count of 1 to 4."""
    return 0 < count < SMALL_BELOW


def publish(count: int) -> Published:
    """One count on its own (rule 1): suppressed when small."""
    return Published(None, Suppression.SMALL) if is_small(count) else Published(count)


def _safe(*, small: int, complementary: int, remainder: int) -> bool:
    """Whether the suppressed rows' sum ``remainder`` gives none of the ``small`` rows away
    (rule 2 of the module docstring)."""
    if small == 0:
        return True
    if complementary == 0:
        return small >= 2 and small < remainder < 4 * small
    return remainder - SMALL_BELOW * complementary > small


def suppress_splitting(counts: Sequence[int]) -> tuple[list[Published], bool]:
    """The rows of a table that splits the incidents (rules 1 and 2), in the order given,
    and whether the table is safe with its total published. Complementary rows are chosen
    smallest first, ties by position (deterministic). When the table is not safe (False),
    the caller withholds the total (rule 3, ``withhold_all``)."""
    reasons: list[Suppression | None] = [Suppression.SMALL if is_small(c) else None for c in counts]
    small = sum(1 for reason in reasons if reason is not None)
    candidates = sorted(
        (count, index) for index, count in enumerate(counts) if count >= SMALL_BELOW
    )
    complementary = 0
    remainder = sum(c for c in counts if is_small(c))
    for count, index in candidates:
        if _safe(small=small, complementary=complementary, remainder=remainder):
            break
        reasons[index] = Suppression.COMPLEMENTARY
        complementary += 1
        remainder += count
    safe = _safe(small=small, complementary=complementary, remainder=remainder)
    rows = [
        Published(None, reason) if reason is not None else Published(count)
        for count, reason in zip(counts, reasons, strict=True)
    ]
    return rows, safe


def withhold_all(counts: Sequence[int]) -> list[Published]:
    """Every non-zero row suppressed (rule 3, when the total is withheld): small ones as
    ``small``, the others as ``complementary``."""
    return [
        Published(0)
        if count == 0
        else Published(None, Suppression.SMALL if is_small(count) else Suppression.COMPLEMENTARY)
        for count in counts
    ]
