"""Phone numbers through libphonenumber (no database)."""

import pytest

from api.phones import InvalidPhoneNumber, parse_phone


@pytest.mark.parametrize(
    ("text", "number", "display", "free"),
    [
        ("02 529 41 20", "+3225294120", "02 529 41 20", False),
        ("+32 2 240 30 80", "+3222403080", "02 240 30 80", False),
        ("0800 35 243", "+3280035243", "0800 35 243", True),
        ("+32 490 47 67 02", "+32490476702", "0490 47 67 02", False),
        ("107", "107", "107", True),
        ("112", "112", "112", True),
        ("1718", "1718", "1718", None),
        ("+33 1 42 68 53 00", "+33142685300", "+33 1 42 68 53 00", False),
    ],
)
def test_parse(text: str, number: str, display: str, free: bool | None) -> None:
    parsed = parse_phone(text)
    assert (parsed.number, parsed.display, parsed.free_of_charge) == (number, display, free)


@pytest.mark.parametrize("text", ["abc", "123", "02 529", "+32 2 529 41 20 99 99"])
def test_reject_with_a_message(text: str) -> None:
    with pytest.raises(InvalidPhoneNumber, match="number"):
        parse_phone(text)
