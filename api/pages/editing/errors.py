"""Validation errors as the editors read them: each error of ``AccessPointCreate``,
``OrganizationCreate`` or ``ClosureCreate`` (Pydantic's ``loc``/``type``/``ctx``) or of the
write services (``InvalidQueryError.loc``) becomes a sentence in the editor's language,
filed under the name of the form field it is about, so that the form shows it beside that
field. The models and services stay the only judges of what is valid; this module only says
it in French, Dutch or English.
"""

from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from api.errors import InvalidQueryError
from api.i18n import Language
from api.pages.views import Translate, gettext_for

FORM_ERRORS = "form"
"""The key of errors about the form as a whole (shown at the top)."""

Errors = dict[str, list[str]]


def field_name(loc: Sequence[int | str]) -> str:
    """The form field a model location points at: ``("names", "fr")`` -> ``names_fr``,
    ``("phones", 0, "number")`` -> ``phone_1_number``, ``("themes", 2)`` -> ``themes``,
    ``("location",)`` -> ``location_lat``; the empty location -> ``FORM_ERRORS``."""
    parts = [p for p in loc if p != "body"]
    if not parts:
        return FORM_ERRORS
    head = str(parts[0])
    if head == "phones":
        if len(parts) > 1 and isinstance(parts[1], int):
            sub = str(parts[2]) if len(parts) > 2 else "number"
            sub = "free" if sub == "free_of_charge" else sub
            return f"phone_{parts[1] + 1}_{sub}"
        return "phone_1_number"
    if head in {"names", "address", "access", "location"}:
        if len(parts) > 1 and isinstance(parts[1], str):
            return f"{head}_{parts[1]}"
        return (
            "location_lat"
            if head == "location"
            else f"{head}_{'fr' if head == 'names' else 'street'}"
        )
    return head


def _value_error(field: str, detail: str, _: Translate) -> str:
    """The sentence for a refusal of one of the models' own validators, by field."""
    texts = {
        "website": _("Write the full web address, starting with https://."),
        "languages": _("Write two-letter language codes (fr, nl, en, ar...), separated by commas."),
        "service_area": _("Write five-digit NIS codes (such as 21004), separated by commas."),
        "location_lat": _(
            "These coordinates are outside Belgium: check that latitude and longitude are not "
            "swapped (Brussels is about 50.85, 4.35)."
        ),
        "opening_hours": _("This value is not valid OpenStreetMap syntax: %(reason)s"),
    }
    if field.startswith("phone_"):
        return _("This is not a phone number that can be called (write it as 02 240 30 80).")
    if field in {"start", "end", FORM_ERRORS} and "before start" in detail:
        return _("The last day is before the first day.")
    if field in {"start", "end", FORM_ERRORS} and "at most a year" in detail:
        return _("A closure lasts at most a year: mark the place inactive instead.")
    text = texts.get(field)
    if text is None:
        return detail
    return text % {"reason": detail} if "%(reason)s" in text else text


def _message(error: ErrorDetails, field: str, _: Translate, *, kind: str | None) -> str:
    kind_of_error = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    detail = str(ctx.get("error", error["msg"])).removeprefix("Value error, ")
    if kind_of_error == "missing" or (
        kind_of_error == "string_too_short" and ctx.get("min_length") == 1
    ):
        return _("This field is required.")
    if kind_of_error == "string_too_long":
        return _("At most %(n)s characters.") % {"n": ctx.get("max_length")}
    if kind_of_error == "too_long":
        return _("At most %(n)s entries.") % {"n": ctx.get("max_length")}
    if kind_of_error in {"enum", "literal_error", "bool_type", "bool_parsing"}:
        return _("Choose one of the proposed values.")
    if kind_of_error.startswith("date") or (
        field in {"start", "end", "verified_at"}
        and (kind_of_error == "value_error")
        and "before start" not in detail
        and "a year" not in detail
    ):
        return _("Write a date as YYYY-MM-DD, between 1900 and 2200.")
    if kind_of_error in {"float_type", "float_parsing"}:
        return _("Write a number, such as 50.85.")
    if kind_of_error in {"greater_than_equal", "less_than_equal"}:
        return _("This number is out of range.")
    if kind_of_error == "string_pattern_mismatch":
        patterns = {
            "address_postcode": _("Write a Belgian postcode of four digits."),
            "address_nis_code": _(
                "Write the municipality's NIS code: five digits (such as 21004)."
            ),
        }
        return patterns.get(field, _("Use lower-case letters, digits and hyphens only."))
    if field == FORM_ERRORS and kind == "phone_line":
        return _("A phone line needs at least one phone number.")
    if field == FORM_ERRORS and "needs an address" in detail:
        return _("Give an address, a location or a host venue.")
    return _value_error(field, detail, _)


def validation_errors(exc: ValidationError, *, lang: Language, kind: str | None = None) -> Errors:
    """The errors of a model validation, translated into ``lang``, by form field. A place
    without an address is filed under ``address_street``, a phone line without a number
    under ``phone_1_number`` (``kind``: the kind posted)."""
    _ = gettext_for(lang)
    errors: Errors = {}
    for error in exc.errors():
        field = field_name(error["loc"])
        message = _message(error, field, _, kind=kind)
        if field == FORM_ERRORS and kind is not None:
            field = "phone_1_number" if kind == "phone_line" else "address_street"
        if message not in errors.get(field, []):
            errors.setdefault(field, []).append(message)
    return errors


def domain_errors(exc: InvalidQueryError, *, lang: Language) -> Errors:
    """A write service's 422 (unknown postcode, postcode outside the municipality, unknown
    organization, sun times without a location), translated and filed by its ``loc``."""
    _ = gettext_for(lang)
    field = field_name(exc.loc)
    texts = {
        "address_postcode": _("This postcode is not a Belgian postcode."),
        "address_nis_code": _("This postcode is not in that municipality: %(detail)s"),
        "organization_id": _("This organization does not exist."),
        "opening_hours": _(
            "Sunrise and sunset need the place's location (and make no sense for a phone "
            "line): %(detail)s"
        ),
    }
    text = texts.get(field, _("This value was refused: %(detail)s"))
    return {field: [text % {"detail": exc.message} if "%(detail)s" in text else text]}
