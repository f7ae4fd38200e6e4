"""Two editors, one access point: the three-way merge behind the merge page.

An editor read version *n* (``base``), changed some fields (``mine``); meanwhile another
editor saved version *m* (``theirs``). Every field is compared as a dotted path of the write
shape (``names.fr``, ``address.street``, ``access.walk_in``; lists and the location are one
field each). Fields only the editor changed keep the editor's value; fields the other editor
changed are shown (their value, the editor's value) and the editor chooses per field; the
result is saved against version *m*. Pure: no database, no web framework.
"""

from dataclasses import dataclass
from typing import Any

NESTED = ("names", "address", "access")
"""The parts of the write shape merged member by member (the others are one value each)."""

MINE = "mine"
THEIRS = "theirs"


def flatten(shape: dict[str, Any]) -> dict[str, Any]:
    """``{"names": {"fr": "A"}, "kind": "guichet"}`` -> ``{"names.fr": "A", "kind":
    "guichet"}``; a ``None`` nested part gives no members."""
    flat: dict[str, Any] = {}
    for key, value in shape.items():
        if key in NESTED:
            for member, inner in (value or {}).items():
                flat[f"{key}.{member}"] = inner
        else:
            flat[key] = value
    return flat


def unflatten(flat: dict[str, Any]) -> dict[str, Any]:
    """The inverse of ``flatten``; an address whose members are all empty is ``None``."""
    shape: dict[str, Any] = {}
    for path, value in flat.items():
        head, _, member = path.partition(".")
        if member:
            shape.setdefault(head, {})[member] = value
        else:
            shape[path] = value
    if "address" in shape and not any(shape["address"].values()):
        shape["address"] = None
    return shape


def changed_paths(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The flattened paths whose value differs between two flattened shapes, sorted."""
    return sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))


@dataclass(frozen=True, slots=True)
class MergeField:
    """One field the other editor changed: its value before both edits, theirs now, the
    editor's, and which one is proposed (``MINE`` when the editor changed it too)."""

    path: str
    base: Any
    theirs: Any
    mine: Any
    proposed: str


@dataclass(frozen=True, slots=True)
class Merge:
    """What the merge page shows: the fields the other editor changed (``fields``) and the
    editor's own changes that do not collide (``kept``: path -> value, applied as they are)."""

    fields: tuple[MergeField, ...]
    kept: dict[str, Any]


def plan_merge(*, base: dict[str, Any], theirs: dict[str, Any], mine: dict[str, Any]) -> Merge:
    """The merge of ``mine`` and ``theirs`` (write shapes) from their common ``base``."""
    flat_base, flat_theirs, flat_mine = flatten(base), flatten(theirs), flatten(mine)
    their_changes = changed_paths(flat_base, flat_theirs)
    my_changes = set(changed_paths(flat_base, flat_mine))
    fields = tuple(
        MergeField(
            path,
            flat_base.get(path),
            flat_theirs.get(path),
            flat_mine.get(path),
            MINE if path in my_changes and flat_mine.get(path) != flat_theirs.get(path) else THEIRS,
        )
        for path in their_changes
    )
    kept = {p: flat_mine.get(p) for p in sorted(my_changes - set(their_changes))}
    return Merge(fields, kept)


def apply_merge(
    *,
    theirs: dict[str, Any],
    mine: dict[str, Any],
    paths: list[str],
    choices: dict[str, str],
) -> dict[str, Any]:
    """The merged write shape: ``theirs`` with the editor's value (from flattened ``mine``)
    on every path of ``paths`` the editor changed, except where ``choices`` (path ->
    ``MINE``/``THEIRS``) keeps theirs; a path without a choice keeps the editor's value."""
    merged = flatten(theirs)
    for path in paths:
        if choices.get(path, MINE) == MINE:
            merged[path] = mine.get(path)
    return unflatten(merged)
