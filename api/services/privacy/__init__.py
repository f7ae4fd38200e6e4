"""Personal data removed from free text before it is stored (problem reports, incident reports).

What is always removed: telephone numbers (``phonenumbers.PhoneNumberMatcher``, Belgian
numbering plan by default so that ``0470 12 34 56`` is found as well as ``+32 470 12 34 56``),
e-mail addresses, Belgian national register numbers (``stdnum.be.nn``: 11 digits with their
check digits) and IBANs (``stdnum.iban``: country code, check digits, account). Each found span
is replaced by a marker, ``[removed]``; what was removed is returned (for counting, never stored).

Incident reports, whose texts are about a person, also remove (keyword options of ``scrub``):
dates of birth (``api.services.privacy.dates``: a full date more than five years before the
caller's ``today``, or any date after "né le", "born on", "geboren op"...) and postal addresses
beyond the commune (``api.services.privacy.addresses``: a street with its house number; a
postcode with its commune stays). Problem reports, whose texts are about a place (its address
is no secret), keep both.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import phonenumbers
from stdnum import iban
from stdnum.be import nn

from api.services.privacy.addresses import street_address_spans
from api.services.privacy.dates import date_of_birth_spans

REMOVED = "[removed]"
"""What replaces each piece of personal data in the stored text."""

# A permissive shape of an address: the local part and a dotted domain. Over-matching
# removes a little more text, which is the safe side for a privacy filter.
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# An IBAN written in groups of four or in one run: two letters, two digits, 11-30 alphanumerics.
_IBAN_CANDIDATE = re.compile(r"\b[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]){11,30}\b")
# 11 digits in the usual written forms: 85.07.30-033.28, 850730 033 28, 85073003328.
_NN_CANDIDATE = re.compile(r"\b\d{2}[. ]?\d{2}[. ]?\d{2}[- ]?\d{3}[. ]?\d{2}\b")


@dataclass(frozen=True)
class Scrubbed:
    """The text with personal data replaced by ``[removed]``, and the removed pieces in the
    order they were found (kept in memory only: never store them)."""

    text: str
    removed: tuple[str, ...]


def _spans_iban(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _IBAN_CANDIDATE.finditer(text):
        candidate = match.group(0)
        # The regex may eat a following word: shrink from the right until the checksum holds.
        for end in range(len(candidate), 14, -1):
            if not candidate[end - 1].isspace() and iban.is_valid(candidate[:end]):
                spans.append((match.start(), match.start() + end))
                break
    return spans


def _spans_nn(text: str) -> list[tuple[int, int]]:
    return [
        (match.start(), match.end())
        for match in _NN_CANDIDATE.finditer(text)
        if nn.is_valid(match.group(0))
    ]


def _spans_phone(text: str, region: str) -> list[tuple[int, int]]:
    # Leniency.POSSIBLE: a worker types numbers loosely; a valid-length number is enough.
    matcher = phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.POSSIBLE)
    return [(match.start, match.end) for match in matcher]


def _uncovered(
    text: str, start: int, end: int, taken: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The parts of ``text[start:end]`` outside the ``taken`` spans that hold a letter or a
    digit, trimmed of the spaces and punctuation at their ends."""
    parts = []
    position = start
    for taken_start, taken_end in [*sorted(taken), (end, end)]:
        if taken_end <= position:
            continue
        first, last = position, min(taken_start, end)
        while first < last and not text[first].isalnum():
            first += 1
        while last > first and not text[last - 1].isalnum():
            last -= 1
        if last > first:
            parts.append((first, last))
        position = max(position, taken_end)
        if position >= end:
            break
    return parts


def scrub(
    text: str,
    *,
    region: str = "BE",
    today: date | None = None,
    addresses: bool = False,
    max_length: int | None = None,
) -> Scrubbed:
    """Remove telephone numbers, e-mail addresses, Belgian national register numbers and
    IBANs from ``text``; with ``today`` (the reference day, Europe/Brussels: the filter never
    reads the clock) dates of birth too, and with ``addresses`` streets with their numbers.

    ``region`` is the ISO 3166 country whose national numbering plan reads numbers written
    without their country code. National register numbers and IBANs are removed only when
    their check digits hold (stdnum), which keeps postcodes, dates and opening hours; they are
    looked for before telephone numbers, whose matcher would otherwise take their digits.
    A marker may be longer than what it replaced ("1985" -> "[removed]"): with
    ``max_length`` (the stored column's bound) a text that grew past it is cut there, ending
    with "…". Returns a :class:`Scrubbed`; never raises on any string.
    """
    spans: list[tuple[int, int]] = []

    def overlaps(start: int, end: int) -> bool:
        return any(start < taken_end and taken_start < end for taken_start, taken_end in spans)

    finders: list[Callable[[str], list[tuple[int, int]]]] = [
        lambda t: [(m.start(), m.end()) for m in _EMAIL.finditer(t)],
        _spans_iban,
        _spans_nn,
    ]
    # Dates and addresses before telephone numbers: their digits could pass for a number,
    # and a date removed as a date is one piece, not two.
    if today is not None:
        finders.append(lambda t: date_of_birth_spans(t, today=today))
    if addresses:
        finders.append(street_address_spans)
    finders.append(lambda t: _spans_phone(t, region))
    for finder in finders:
        for start, end in finder(text):
            if not overlaps(start, end):
                spans.append((start, end))
            else:
                # What a later finder found beyond the pieces already taken is removed too
                # (an address that begins where a date ends): nothing found is kept.
                spans.extend(_uncovered(text, start, end, spans))
    spans.sort()
    pieces: list[str] = []
    removed: list[str] = []
    position = 0
    for start, end in spans:
        pieces.append(text[position:start])
        pieces.append(REMOVED)
        removed.append(text[start:end])
        position = end
    pieces.append(text[position:])
    cleaned = "".join(pieces)
    if max_length is not None and len(cleaned) > max_length:
        cleaned = cleaned[: max_length - 1] + "…"
    return Scrubbed(text=cleaned, removed=tuple(removed))
