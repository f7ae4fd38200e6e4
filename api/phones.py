"""Belgian phone numbers, parsed and formatted with ``phonenumbers`` (Google's libphonenumber).

Pure helpers: no FastAPI, no database.
"""

from dataclasses import dataclass

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType, shortnumberinfo
from phonenumbers.shortnumberinfo import ShortNumberCost

DEFAULT_REGION = "BE"
_SHORT_COST_IS_FREE = {
    ShortNumberCost.TOLL_FREE: True,
    ShortNumberCost.STANDARD_RATE: False,
    ShortNumberCost.PREMIUM_RATE: False,
}


class InvalidPhoneNumber(ValueError):
    """The text is not a dialable phone number; ``str(e)`` says why, for a person."""


@dataclass(frozen=True, slots=True)
class ParsedPhone:
    """A normalised number.

    ``number`` is E.164 (``+3225294120``) for a full number; a short number with no E.164 form
    (``107``, ``1718``, ``112``) keeps its dialled digits. ``display`` is the national format
    people dial in Belgium (``02 529 41 20``). ``free_of_charge`` is True for a toll-free
    range (0800, free short numbers), False for a paying one, None when libphonenumber does not
    know the cost of a short number.
    """

    number: str
    display: str
    free_of_charge: bool | None


def parse_phone(text: str, region: str = DEFAULT_REGION) -> ParsedPhone:
    """Parse ``text`` as a number dialled from ``region`` (Belgium by default).

    Raises ``InvalidPhoneNumber`` when it is neither a valid number nor a valid short number.
    """
    cleaned = text.strip()
    try:
        parsed = phonenumbers.parse(cleaned, region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhoneNumber(f"{text!r} is not a phone number: {exc._msg}") from exc
    if phonenumbers.is_valid_number(parsed):
        free = phonenumbers.number_type(parsed) == PhoneNumberType.TOLL_FREE
        region_of_number = phonenumbers.region_code_for_number(parsed)
        display_format = (
            PhoneNumberFormat.NATIONAL
            if region_of_number == region
            else PhoneNumberFormat.INTERNATIONAL
        )
        return ParsedPhone(
            number=phonenumbers.format_number(parsed, PhoneNumberFormat.E164),
            display=phonenumbers.format_number(parsed, display_format),
            free_of_charge=free,
        )
    if shortnumberinfo.is_valid_short_number_for_region(parsed, region):
        cost = shortnumberinfo.expected_cost_for_region(parsed, region)
        digits = phonenumbers.national_significant_number(parsed)
        return ParsedPhone(
            number=digits,
            display=digits,
            free_of_charge=_SHORT_COST_IS_FREE.get(cost),
        )
    raise InvalidPhoneNumber(
        f"{text!r} is not a valid number in {region}: give it as dialled in Belgium "
        "(02 529 41 20, 0800 35 243) or in international form (+32 2 529 41 20)"
    )
