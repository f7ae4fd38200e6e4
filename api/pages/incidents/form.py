"""The incident form's fields: the choices it offers in the reader's language, and the posted
form read into an ``IncidentCreate`` with each error beside its field (translated)."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session, col, select

from api.i18n import Language
from api.models import AccessPoint, Municipality, Organization
from api.models.common import THEME_LABELS, Status
from api.models.incidents import INCIDENT_TEXT_MAX_LENGTH
from api.models.incidents_public import (
    DELAY_DAYS_MAX,
    WAIT_MINUTES_MAX,
    WORKER_MINUTES_MAX,
    IncidentCreate,
)
from api.pages.views import gettext_for
from api.services.incidents import OLDEST_DAYS, Problem
from api.services.incidents.vocabulary import channel_labels, consequence_labels, kind_labels

SINGLE_FIELDS = (
    "occurred_on",
    "access_point_id",
    "organization_id",
    "other_service_name",
    "channel",
    "residence_nis_code",
    "theme",
    "wait_minutes",
    "delay_days",
    "worker_minutes",
    "text",
)
"""The form's one-value fields (``kinds`` and ``consequences`` are ticked boxes)."""
LIST_FIELDS = ("kinds", "consequences")
_NUMBERS = {
    "wait_minutes": WAIT_MINUTES_MAX,
    "delay_days": DELAY_DAYS_MAX,
    "worker_minutes": WORKER_MINUTES_MAX,
}


@dataclass
class FormValues:
    """The form as posted (strings, as typed) and its errors: field -> messages."""

    single: dict[str, str]
    lists: dict[str, list[str]]
    errors: dict[str, list[str]] = field(default_factory=dict)

    def context(self) -> dict[str, Any]:
        """The values for the templates (``values``, ``ticked``, ``errors``)."""
        return {"values": self.single, "ticked": self.lists, "errors": self.errors}


def place_id_of(value: str) -> str:
    """An access point's id from what a worker typed: the id, or the address of its page
    pasted whole (``https://.../access-points/<id>?lang=fr``)."""
    marker = "/access-points/"
    if marker in value:
        value = value.split(marker, 1)[1]
        for end in "/?#":
            value = value.split(end, 1)[0]
    return value.strip()


def read_form(form: Any) -> FormValues:
    """The posted fields, stripped (a place's page address read as its id); a missing field
    is ""."""
    single = {name: str(form.get(name, "")).strip() for name in SINGLE_FIELDS}
    single["access_point_id"] = place_id_of(single["access_point_id"])
    lists = {name: [str(v) for v in form.getlist(name)] for name in LIST_FIELDS}
    return FormValues(single, lists)


def empty_form(*, today: date, access_point_id: str | None) -> FormValues:
    """The new form: today's date, the place given in the link (if any)."""
    single = dict.fromkeys(SINGLE_FIELDS, "")
    single["occurred_on"] = today.isoformat()
    single["access_point_id"] = access_point_id or ""
    return FormValues(single, {name: [] for name in LIST_FIELDS})


def problem_message(problem: Problem, lang: Language) -> str:
    """A rule broken (``api.services.incidents``), said to the worker in ``lang``."""
    _ = gettext_for(lang)
    messages = {
        "future": _("The date cannot be in the future."),
        "too_old": _("Report incidents of the last %(days)d days.") % {"days": OLDEST_DAYS},
        "one_service": _(
            "Name the service once: an access point, an organization, or a service not in the "
            "directory."
        ),
        "repeated": _("Tick each box once."),
        "wait_without_kind": _("The minutes waited go with “Phone line unreachable” only."),
        "delay_without_kind": _("The days of delay go with “Delay” only."),
        "unknown_access_point": _("No access point has this id."),
        "unknown_organization": _("Choose an organization of the list."),
        "unknown_municipality": _("Choose a commune of the list."),
    }
    return messages.get(problem.code, problem.message)


def _field_message(name: str, lang: Language) -> str:
    _ = gettext_for(lang)
    if name in _NUMBERS:
        return _("Enter a whole number from 0 to %(max)d.") % {"max": _NUMBERS[name]}
    messages = {
        "occurred_on": _("Enter the date it happened."),
        "channel": _("Choose the channel tried."),
        "kinds": _("Tick at least one thing that happened."),
        "consequences": _("Tick each consequence of the list at most once."),
        "theme": _("Choose a need of the list."),
        "residence_nis_code": _("Choose a commune of the list."),
        "access_point_id": _("No access point has this id."),
        "organization_id": _("Choose an organization of the list."),
        "text": _("At most %(max)d characters, please shorten it.")
        % {"max": INCIDENT_TEXT_MAX_LENGTH},
    }
    return messages.get(name, _("Check this field."))


# Stand-ins for the fields in error, so that the other rules are checked on the same post
# (their problems are dropped: the field's own error is said already).
_STAND_INS: dict[str, Any] = {
    "occurred_on": date(2000, 1, 1),
    "channel": "counter",
    "kinds": ["other"],
}


def to_create(values: FormValues, *, lang: Language) -> tuple[IncidentCreate | None, Any]:
    """``values`` read into an ``IncidentCreate``: ``(created, partial)``. When a field does
    not hold, ``created`` is None, ``values.errors`` says why by field (translated), and
    ``partial`` is the form with stand-ins for the fields in error (to check the other rules
    on), or None."""
    data: dict[str, Any] = {
        name: value for name, value in values.single.items() if value and name not in _NUMBERS
    }
    for name in _NUMBERS:
        text = values.single[name]
        if text:
            if not text.isdigit():
                values.errors.setdefault(name, []).append(_field_message(name, lang))
                continue
            data[name] = int(text)
    data |= values.lists
    try:
        created = IncidentCreate.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            name = str(error["loc"][0]) if error["loc"] else "text"
            name = name if name in SINGLE_FIELDS or name in LIST_FIELDS else "service"
            if name not in values.errors:
                values.errors[name] = [_field_message(name, lang)]
        kept = {k: v for k, v in data.items() if k not in values.errors}
        try:
            partial = IncidentCreate.model_validate(_STAND_INS | kept)
        except ValidationError:
            partial = None
        return None, partial
    return (None, created) if values.errors else (created, created)


def choices(*, session: Session, lang: Language) -> dict[str, Any]:
    """The form's lists in ``lang``: channels, kinds, consequences, themes, organizations,
    municipalities and the places not closed for good (by name: "place — organization", the
    access point field's suggestions), as (value, label) pairs; the numbers' bounds."""
    organizations = session.exec(select(Organization.id, Organization.name, Organization.name_nl))
    places = session.exec(
        select(AccessPoint.id, AccessPoint.name_fr, AccessPoint.name_nl, Organization.name)
        .join(Organization, col(Organization.id) == col(AccessPoint.organization_id))
        .where(col(AccessPoint.status) != Status.INACTIVE.value)
    )
    municipalities = session.exec(
        select(Municipality.nis_code, Municipality.name_fr, Municipality.name_nl)
    )

    def named(rows: Any) -> list[tuple[str, str]]:
        pairs = [(code, (lang == "nl" and name_nl) or name) for code, name, name_nl in rows]
        return sorted(pairs, key=lambda pair: (pair[1].casefold(), pair[0]))

    return {
        "channels": [(c.value, label) for c, label in channel_labels(lang).items()],
        "kind_options": [(k.value, label) for k, label in kind_labels(lang).items()],
        "consequence_options": [(c.value, lab) for c, lab in consequence_labels(lang).items()],
        "themes": sorted(
            ((t.value, labels[lang]) for t, labels in THEME_LABELS.items()),
            key=lambda pair: pair[1].casefold(),
        ),
        "organizations": named(organizations),
        "places": sorted(
            (
                (point_id, f"{(lang == 'nl' and name_nl) or name_fr} — {organization}")
                for point_id, name_fr, name_nl, organization in places
            ),
            key=lambda pair: (pair[1].casefold(), pair[0]),
        ),
        "municipalities": named(municipalities),
        "wait_max": WAIT_MINUTES_MAX,
        "delay_max": DELAY_DAYS_MAX,
        "worker_max": WORKER_MINUTES_MAX,
        "text_max": INCIDENT_TEXT_MAX_LENGTH,
    }


def place_name(*, session: Session, access_point_id: str, lang: Language) -> str | None:
    """The access point's name in ``lang`` (French when it has none), None when unknown."""
    point = session.exec(select(AccessPoint).where(col(AccessPoint.id) == access_point_id)).first()
    if point is None:
        return None
    names = {"fr": point.name_fr, "nl": point.name_nl, "en": point.name_en}
    return names.get(lang) or point.name_fr
