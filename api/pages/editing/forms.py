"""The editors' forms read into write bodies, and write shapes written back into forms.

A posted form (field names below) becomes the same JSON body the API takes, validated by the
same models (``AccessPointCreate``, ``OrganizationCreate``, ``ClosureCreate``); their errors
come back per form field, in the editor's language (``errors``). Empty inputs are "not
known" (``None``). Field names: the dotted paths of the write shape with ``_`` for ``.``
(``names_fr``, ``address_postcode``, ``access_walk_in``, ``location_lat``), phones as
``phone_1_number`` / ``phone_1_label`` / ``phone_1_free``; the hours are the hours editor's
(``api.pages.editing.hours_form``). Lists are written one per line (documents) or separated
by commas or spaces (languages, NIS codes); themes are checkboxes.
"""

import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from starlette.datastructures import ImmutableMultiDict

from api.i18n import Language
from api.models import AccessPointCreate, ClosureCreate, OrganizationCreate
from api.models.common import MAX_PHONES
from api.pages.editing.errors import FORM_ERRORS, Errors, validation_errors
from api.pages.editing.hours_form import HoursInput, read_hours_form
from api.phones import InvalidPhoneNumber, parse_phone
from api.services.editing.access_points import merge_patch

PHONE_ROWS_EXTRA = 1
"""Empty phone rows shown below the stored numbers, to add one."""

TEXT_FIELDS = (
    "description",
    "host",
    "email",
    "website",
    "opening_hours_note",
    "source",
)
NAME_PARTS = ("fr", "nl", "en")
ADDRESS_PARTS = ("street", "postcode", "municipality", "nis_code")
ACCESS_FLAGS = ("walk_in", "appointment_by_phone", "appointment_online_only", "free_of_charge")
_SPLIT = re.compile(r"[\s,;]+")


FormData = ImmutableMultiDict[str, Any]
"""A posted form: Starlette's ``FormData`` (several values for a name: ``getlist``)."""


@dataclass
class FormResult:
    """A posted form read: ``body`` (the JSON write body), ``data`` (the validated model;
    None when there are ``errors``), ``errors`` per field (translated), ``values`` (what to
    show again in the form) and, for access points, ``hours`` (the hours editor's input)."""

    body: dict[str, Any]
    data: Any
    errors: Errors
    values: dict[str, Any]
    hours: HoursInput | None = None
    phone_rows: int = 1
    extra: dict[str, Any] = field(default_factory=dict)


def _text(form: FormData, name: str) -> str | None:
    value = str(form.get(name) or "").strip()
    return value or None


def _tristate(value: str | None) -> Any:
    """``yes`` -> True, ``no`` -> False, empty -> None; anything else as sent (refused)."""
    return {"yes": True, "no": False, None: None}.get(value, value)


def _number(value: str | None) -> Any:
    """A coordinate typed with a dot or a comma; what does not parse is sent as typed, for
    the model to refuse."""
    if value is None:
        return None
    try:
        return float(value.replace(",", "."))
    except ValueError:
        return value


def tristate_text(value: bool | None) -> str:
    """The select value of a yes/no/unknown answer."""
    return "" if value is None else ("yes" if value else "no")


def phone_row_count(form: FormData) -> int:
    """How many phone rows were posted (``phone_N_number`` present), at most ``MAX_PHONES``."""
    rows = 0
    for n in range(1, MAX_PHONES + 1):
        if form.get(f"phone_{n}_number") is not None:
            rows = n
    return rows


def _phones(form: FormData) -> list[dict[str, Any]]:
    phones = []
    for n in range(1, phone_row_count(form) + 1):
        number = _text(form, f"phone_{n}_number")
        label = _text(form, f"phone_{n}_label")
        if number is None and label is None:
            continue
        phone = {"number": number or "", "label": label}
        phone["free_of_charge"] = _tristate(_text(form, f"phone_{n}_free"))
        phones.append(phone)
    return phones


def access_point_body(form: FormData, *, hours_value: str | None) -> dict[str, Any]:
    """The write body the form says (a JSON merge patch over the stored shape: ``None``
    clears a field; ``location`` is left out when latitude and longitude are empty, so that
    the stored location is kept or found again from the address)."""
    body: dict[str, Any] = {name: _text(form, name) for name in TEXT_FIELDS}
    body |= {
        "organization_id": _text(form, "organization_id"),
        "kind": _text(form, "kind"),
        "status": _text(form, "status"),
        "names": {part: _text(form, f"names_{part}") for part in NAME_PARTS},
        "themes": [str(t) for t in form.getlist("themes")],
        "languages": _SPLIT.split(_text(form, "languages") or "")
        if _text(form, "languages")
        else [],
        "service_area": (
            _SPLIT.split(_text(form, "service_area") or "") if _text(form, "service_area") else None
        ),
        "documents_to_bring": [
            line.strip()
            for line in str(form.get("documents_to_bring") or "").splitlines()
            if line.strip()
        ],
        "opening_hours": hours_value,
        "phones": _phones(form),
        "access": {flag: _tristate(_text(form, f"access_{flag}")) for flag in ACCESS_FLAGS}
        | {"wheelchair": _text(form, "access_wheelchair") or "unknown"},
    }
    address = {part: _text(form, f"address_{part}") for part in ADDRESS_PARTS}
    body["address"] = address if any(address.values()) else None
    lat, lon = _text(form, "location_lat"), _text(form, "location_lon")
    if lat is not None or lon is not None:
        body["location"] = {
            "lat": _number(lat),
            "lon": _number(lon),
            "precision": _text(form, "location_precision") or "building",
        }
    if _text(form, "id") is not None:
        body["id"] = _text(form, "id")
    return body


def read_access_point_form(form: FormData, *, base: dict[str, Any], lang: Language) -> FormResult:
    """The access point the form says, merged over ``base`` (its stored write shape; ``{}``
    for a new one) and validated by ``AccessPointCreate``, as the write services will.
    Errors of the hours editor come first (keyed by its fields, ``opening_hours``)."""
    hours = read_hours_form(form, lang=lang)
    body = access_point_body(form, hours_value=hours.value)
    merged = merge_patch(base, body)
    if "location" not in body:
        merged.pop("location", None)
    errors: Errors = dict(hours.errors)
    data = None
    if hours.errors and "opening_hours" in body:
        merged.pop("opening_hours", None)  # judged by the hours editor already
    try:
        data = AccessPointCreate.model_validate(merged)
    except ValidationError as exc:
        for name, messages in validation_errors(exc, lang=lang, kind=body["kind"]).items():
            errors.setdefault(name, []).extend(messages)
    values = access_point_values(merged) | {"id": body.get("id") or base.get("id") or ""}
    values["phones"] = [
        {
            "number": p.get("number") or "",
            "label": p.get("label") or "",
            "free": tristate_text(
                p.get("free_of_charge") if isinstance(p.get("free_of_charge"), bool) else None
            ),
        }
        for p in body["phones"]
    ]
    for key in ("location_lat", "location_lon"):
        values[key] = _text(form, key) or ""
    return FormResult(body, None if errors else data, errors, values, hours)


def access_point_values(shape: dict[str, Any]) -> dict[str, Any]:
    """What the form's inputs show for a write shape (stored, or posted again)."""
    names = shape.get("names") or {}
    address = shape.get("address") or {}
    location = shape.get("location") or {}
    access = shape.get("access") or {}
    values: dict[str, Any] = {name: shape.get(name) or "" for name in TEXT_FIELDS}
    values |= {
        "id": shape.get("id") or "",
        "organization_id": shape.get("organization_id") or "",
        "kind": shape.get("kind") or "",
        "status": shape.get("status") or "active",
        "themes": list(shape.get("themes") or []),
        "languages": ", ".join(shape.get("languages") or []),
        "service_area": ", ".join(shape.get("service_area") or []),
        "documents_to_bring": "\n".join(shape.get("documents_to_bring") or []),
        "location_lat": location.get("lat", ""),
        "location_lon": location.get("lon", ""),
        "location_precision": location.get("precision", "building"),
        "access_wheelchair": access.get("wheelchair") or "unknown",
        "phones": [
            {
                "number": _display_phone(p.get("number") or ""),
                "label": p.get("label") or "",
                "free": tristate_text(p.get("free_of_charge")),
            }
            for p in shape.get("phones") or []
        ],
    }
    values |= {f"names_{part}": names.get(part) or "" for part in NAME_PARTS}
    values |= {f"address_{part}": address.get(part) or "" for part in ADDRESS_PARTS}
    values |= {f"access_{flag}": tristate_text(access.get(flag)) for flag in ACCESS_FLAGS}
    return values


def _display_phone(number: str) -> str:
    """A stored E.164 number in the national format editors write (02 240 30 80)."""
    try:
        return parse_phone(number).display
    except InvalidPhoneNumber:
        return number


def shape_of(data: AccessPointCreate, *, base: dict[str, Any]) -> dict[str, Any]:
    """The write shape of validated ``data`` as ``write_shape`` gives a stored one (phones
    normalised to E.164), so that it compares with stored versions field by field. Without
    a location of its own it keeps ``base``'s (the stored one is kept on save)."""
    shape = data.model_dump(mode="json", include=set(AccessPointCreate.model_fields))
    shape["phones"] = [
        {"number": p.normalised().number, "label": p.label, "free_of_charge": p.free_of_charge}
        for p in data.phones
    ]
    if shape.get("location") is None:
        shape["location"] = base.get("location")
    return shape


def read_organization_form(form: FormData, *, base: dict[str, Any], lang: Language) -> FormResult:
    """An organization's form (``name``, ``name_nl``, ``website``, ``source``, ``status``)
    merged over ``base`` and validated by ``OrganizationCreate``."""
    body = {name: _text(form, name) for name in ("name", "name_nl", "website", "source", "status")}
    if _text(form, "id") is not None:
        body["id"] = _text(form, "id")
    merged = merge_patch(base, body)
    values = {k: merged.get(k) or "" for k in ("name", "name_nl", "website", "source")}
    values["status"] = merged.get("status") or "active"
    try:
        data = OrganizationCreate.model_validate(merged)
    except ValidationError as exc:
        return FormResult(body, None, validation_errors(exc, lang=lang), values)
    return FormResult(body, data, {}, values)


def read_closure_form(form: FormData, *, lang: Language, prefix: str = "") -> FormResult:
    """A closure's form (``start``, ``end`` as YYYY-MM-DD from date inputs, ``reason``,
    ``reason_nl``, each name after ``prefix``) validated by ``ClosureCreate``; errors are
    keyed by the names without the prefix."""
    body = {name: _text(form, prefix + name) for name in ("start", "end", "reason", "reason_nl")}
    values = {k: v or "" for k, v in body.items()}
    try:
        data = ClosureCreate.model_validate(body)
    except ValidationError as exc:
        errors = validation_errors(exc, lang=lang)
        if FORM_ERRORS in errors:  # the dates together: shown beside the last day
            errors.setdefault("end", []).extend(errors.pop(FORM_ERRORS))
        return FormResult(body, None, errors, values)
    return FormResult(body, data, {}, values)
