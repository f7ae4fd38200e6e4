"""The observatory's small-count rule (pure): counts of 1 to 4 never published, and no
suppressed count that the total minus the published rows would give away."""

from itertools import product

import pytest

from api.services.observatory.incidents_suppression import (
    SMALL_BELOW,
    Published,
    Suppression,
    publish,
    suppress_splitting,
    withhold_all,
)

SMALL, COMPLEMENTARY = Suppression.SMALL, Suppression.COMPLEMENTARY


def test_one_count_on_its_own() -> None:
    assert publish(0) == Published(0)
    assert [publish(n).suppression for n in range(1, 5)] == [SMALL] * 4
    assert publish(5) == Published(5)


@pytest.mark.parametrize(
    ("counts", "reasons", "safe"),
    [
        ([12, 6, 0], [None, None, None], True),
        # Two small rows summing to 5: each could be 1..4, none is given away.
        ([12, 3, 2], [None, SMALL, SMALL], True),
        # One small row: the smallest other row is hidden with it (12 - ... = 3 otherwise).
        ([14, 6, 3], [None, COMPLEMENTARY, SMALL], True),
        # Two rows of 1: the remainder 2 says both are 1, so a row of 5+ is hidden; with 5,
        # 7 - 5 = 2 would still say it: the next one (9) goes too.
        ([1, 1, 5, 9, 30], [SMALL, SMALL, COMPLEMENTARY, COMPLEMENTARY, None], True),
        # Nothing can protect 4 + 4 = 8 once the total is known.
        ([4, 4], [SMALL, SMALL], False),
        ([3], [SMALL], False),
    ],
)
def test_complementary_suppression(
    counts: list[int], reasons: list[Suppression | None], safe: bool
) -> None:
    rows, is_safe = suppress_splitting(counts)
    assert [row.suppression for row in rows] == reasons
    assert is_safe is safe
    assert all((row.count is None) == row.suppressed for row in rows)


def _possible(rows: list[Published], total: int) -> list[tuple[int, ...]]:
    """Every filling of the suppressed rows consistent with what is published: small ones
    1..4, complementary ones 5 or more, summing with the published rows to ``total``."""
    hidden = [row.suppression for row in rows if row.suppressed]
    remainder = total - sum(row.count or 0 for row in rows)
    ranges = [range(1, 5) if r is SMALL else range(5, remainder + 1) for r in hidden]
    return [combo for combo in product(*ranges) if sum(combo) == remainder]


@pytest.mark.parametrize("counts", list(product([0, 1, 2, 3, 4, 5, 6, 9], repeat=3)))
def test_no_small_row_can_be_worked_out_from_the_total(counts: tuple[int, ...]) -> None:
    rows, safe = suppress_splitting(counts)
    assert not any(row.count is not None and 0 < row.count < SMALL_BELOW for row in rows)
    if not safe:
        return  # the caller withholds the total: nothing to subtract from
    fillings = _possible(rows, sum(counts))
    hidden = [row for row in rows if row.suppressed]
    for position, row in enumerate(hidden):
        if row.suppression is SMALL:
            assert len({filling[position] for filling in fillings}) > 1, (counts, rows)


def test_withheld_tables_hide_every_non_zero_row() -> None:
    assert withhold_all([0, 3, 7]) == [
        Published(0),
        Published(None, SMALL),
        Published(None, COMPLEMENTARY),
    ]
