"""The incident texts' filter as a whole: whatever words surround them, a national register
number, a phone number, an IBAN, an e-mail address, a date of birth and a street address
never survive, and the words around them do."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from api.services.privacy import REMOVED, scrub
from tests.identifiers import belgian_iban, national_number

TODAY = date(2026, 11, 23)


SECRETS = [
    national_number("850312", "033"),
    "0470 12 34 56",
    "+32 2 511 22 33",
    belgian_iban("0961234567"),
    "marie.dubois@example.be",
    "12/03/1985",
    "4 août 1950",
    "rue de la Loi 16",
    "Wetstraat 16",
]
WORDS = st.sampled_from(
    ["Madame", "attend", "depuis", "le", "guichet", "fermé", "appel", "sans", "réponse", "CPAS"]
)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    before=st.lists(WORDS, max_size=6),
    after=st.lists(WORDS, max_size=6),
    secrets=st.lists(st.sampled_from(SECRETS), min_size=1, max_size=4, unique=True),
)
def test_no_secret_survives(before: list[str], after: list[str], secrets: list[str]) -> None:
    text = " ".join(before) + " : " + " ; ".join(secrets) + " . " + " ".join(after)
    result = scrub(text, today=TODAY, addresses=True)
    for secret in secrets:
        assert secret not in result.text
    assert result.text.count(REMOVED) >= 1
    assert " ".join(before) in result.text and " ".join(after) in result.text
