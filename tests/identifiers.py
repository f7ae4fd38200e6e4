"""Valid Belgian identifiers for the personal-data tests: numbers whose check digits hold, so
that the filter (python-stdnum) must recognise them."""

from stdnum import iban


def national_number(birth: str, serial: str) -> str:
    """A valid national register number for a 20th-century birth (``YYMMDD`` + 3 digits)."""
    base = birth + serial
    return base + f"{97 - int(base) % 97:02d}"


def belgian_iban(account: str) -> str:
    """A valid Belgian IBAN for a 12-digit account with valid national check digits."""
    bban = account[:10] + f"{int(account[:10]) % 97 or 97:02d}"
    return "BE" + iban.calc_check_digits("BE00" + bban) + bban
