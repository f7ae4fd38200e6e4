"""The history of an entry as editors read it: each version with who, when, what it did,
and each changed field by name with its value before and after, in words ("yes", "—"),
never raw JSON."""

from dataclasses import dataclass
from typing import Any

from api.i18n import Language
from api.models import ChangeAction, ChangePublic
from api.pages.editing.choices import access_point_choices_names
from api.pages.editing.labels import field_labels
from api.pages.editing.merge import changed_paths, flatten
from api.pages.views import gettext_for, instant_text

EMPTY = "—"


def value_text(value: Any, lang: Language) -> str:
    """A field's value in words: empty -> "—", booleans -> yes/no, a phone -> its number and
    label, a location -> "lat, lon (precision)", lists joined with commas."""
    _ = gettext_for(lang)
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dict):
        if "number" in value:
            label = f" ({value['label']})" if value.get("label") else ""
            return f"{value['number']}{label}"
        if "lat" in value and "lon" in value:
            return f"{value['lat']}, {value['lon']} ({value.get('precision') or '?'})"
        return ", ".join(f"{k}: {value_text(v, lang)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(value_text(item, lang) for item in value)
    return str(value)


def field_value_text(path: str, value: Any, lang: Language) -> str:
    """``value_text`` with the controlled values of ``path`` named for people: kinds,
    statuses, themes, wheelchair access ("guichet" -> "Guichet", "social_aid" -> "Aide
    sociale")."""
    names = dict(
        {
            "kind": access_point_choices_names(lang)["kinds"],
            "status": access_point_choices_names(lang)["statuses"],
            "themes": access_point_choices_names(lang)["themes"],
            "access.wheelchair": access_point_choices_names(lang)["wheelchair"],
            "verification_method": access_point_choices_names(lang)["methods"],
        }.get(path, [])
    )
    if names and isinstance(value, list):
        return value_text([names.get(v, v) for v in value], lang)
    if names and isinstance(value, str):
        return names.get(value, value)
    return value_text(value, lang)


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One changed field: its label and its value before and after, in words."""

    path: str
    label: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class VersionView:
    """One version of the history: number, action in words, who, when (local time), changes."""

    version: int
    action: str
    changed_by: str
    changed_at: str
    changes: tuple[FieldChange, ...]


def action_text(action: ChangeAction, lang: Language) -> str:
    """What a change did, in ``lang``."""
    _ = gettext_for(lang)
    return {
        ChangeAction.CREATE: _("Created"),
        ChangeAction.UPDATE: _("Changed"),
        ChangeAction.DELETE: _("Marked inactive"),
        ChangeAction.RESTORE: _("Former version restored"),
    }[action]


def field_changes(changes: dict[str, Any], lang: Language) -> tuple[FieldChange, ...]:
    """``{field: {"before", "after"}}`` (the history's shape) as one row per changed
    member (``names.fr`` rather than the whole ``names``), in the labels' order."""
    before = flatten({k: v.get("before") for k, v in changes.items()})
    after = flatten({k: v.get("after") for k, v in changes.items()})
    labels = field_labels(lang)
    order = {path: n for n, path in enumerate(labels)}
    paths = sorted(changed_paths(before, after), key=lambda p: (order.get(p, len(order)), p))
    return tuple(
        FieldChange(
            p,
            labels.get(p, p),
            field_value_text(p, before.get(p), lang),
            field_value_text(p, after.get(p), lang),
        )
        for p in paths
    )


def history_view(changes: list[ChangePublic], *, lang: Language) -> list[VersionView]:
    """The history, newest first, in ``lang``."""
    return [
        VersionView(
            change.version,
            action_text(change.action, lang),
            change.changed_by,
            instant_text(change.changed_at, lang),
            field_changes(change.changes, lang),
        )
        for change in reversed(changes)
    ]
