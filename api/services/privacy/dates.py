"""Dates of birth found in free text (incident reports): where they are, as spans.

The rule (documented in the README): a **full calendar date** (day, month and a four-digit
year) whose year is earlier than ``today.year - BIRTH_YEAR_MARGIN`` is taken for a date of birth
and removed, in the written forms ``12/03/1985``, ``12.03.1985``, ``12-03-1985``,
``1985-03-12``, ``12 mars 1985``, ``12 maart 1985``, ``12 March 1985``, ``March 12, 1985``.
Recent dates (the incident's own day, a deadline, an appointment) are kept. After the words
that announce a birth ("né le", "née le", "born on", "geboren op", "date de naissance",
"geboortedatum", "date of birth"), any date is removed, a two-digit year too, and so is a
bare year ("né en 1985", "born in 1985"). Pure: the caller passes ``today``.
"""

import re
from datetime import date

BIRTH_YEAR_MARGIN = 5
"""A full date more than this many years before today's year is removed as a birth date."""

_MONTHS = {
    # French, Dutch and English names and their usual abbreviations -> month number.
    **dict.fromkeys(["janvier", "janv", "januari", "january", "jan"], 1),
    **dict.fromkeys(["février", "fevrier", "févr", "fevr", "fév", "fev", "februari"], 2),
    **dict.fromkeys(["february", "feb"], 2),
    **dict.fromkeys(["mars", "maart", "march", "mar", "mrt"], 3),
    **dict.fromkeys(["avril", "avr", "april", "apr"], 4),
    **dict.fromkeys(["mai", "mei", "may"], 5),
    **dict.fromkeys(["juin", "juni", "june", "jun"], 6),
    **dict.fromkeys(["juillet", "juil", "juli", "july", "jul"], 7),
    **dict.fromkeys(["août", "aout", "augustus", "august", "aug"], 8),
    **dict.fromkeys(["septembre", "september", "sept", "sep"], 9),
    **dict.fromkeys(["octobre", "oktober", "october", "oct", "okt"], 10),
    **dict.fromkeys(["novembre", "november", "nov"], 11),
    **dict.fromkeys(["décembre", "decembre", "december", "déc", "dec"], 12),
}
_MONTH = "(?:" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True)) + r")\.?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:er|e|st|nd|rd|th)?"
_YEAR4 = r"(?:1[89]\d\d|20\d\d)"

# Each pattern names its parts: d(ay), m(onth), y(ear); the month either a number or a word.
_NUMERIC_DMY = rf"(?P<d1>\d{{1,2}})(?P<s>[/.\-])(?P<m1>\d{{1,2}})(?P=s)(?P<y1>{_YEAR4}|\d\d)"
_NUMERIC_YMD = rf"(?P<y2>{_YEAR4})-(?P<m2>\d{{1,2}})-(?P<d2>\d{{1,2}})"
_WORDS_DMY = rf"(?P<d3>{_DAY}|1er|premier)\s+(?P<m3>{_MONTH})\s+(?P<y3>{_YEAR4}|'?\d\d)"
_WORDS_MDY = rf"(?P<m4>{_MONTH})\s+(?P<d4>{_DAY}),?\s+(?P<y4>{_YEAR4})"
_DATE = re.compile(
    rf"(?<![\w/.\-])(?:{_NUMERIC_YMD}|{_NUMERIC_DMY}|{_WORDS_DMY}|{_WORDS_MDY})(?![\w/\-]|\.\d)",
    re.IGNORECASE,
)
# Words that announce a birth; what follows them (a date, or a year alone) is removed whatever
# its year.
_ANNOUNCE = re.compile(
    r"\b(?:n[ée]e?(?:\(e\))?\s+(?:le|en|à\s+\S+\s+le)|born(?:\s+(?:on|in))?|geboren"
    r"(?:\s+(?:op|in))?|date\s+de\s+naissance|date\s+of\s+birth|geboortedatum|DOB)\s*:?\s*",
    re.IGNORECASE,
)
_BARE_YEAR = re.compile(rf"{_YEAR4}\b")


def _parts(match: re.Match[str]) -> tuple[int, int, int] | None:
    """(year, month, day) of a matched date when it is a real calendar day; the day and the
    month may be swapped (12/31/1985 written the American way)."""
    groups = match.groupdict()
    for index in "1234":
        if groups.get(f"y{index}"):
            year_text = groups[f"y{index}"].lstrip("'")
            month_text = groups[f"m{index}"].rstrip(".").lower()
            day_text = re.match(r"\d+", groups[f"d{index}"])
            break
    else:
        return None
    year = int(year_text) if len(year_text) == 4 else 1900 + int(year_text)
    month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text, 0)
    day = int(day_text.group(0)) if day_text else 1
    for d, m in ((day, month), (month, day)):
        try:
            date(year, m, d)
        except ValueError:
            continue
        return year, m, d
    return None


def date_of_birth_spans(text: str, *, today: date) -> list[tuple[int, int]]:
    """The (start, end) spans of ``text`` taken for dates of birth, by the module's rule,
    ``today`` being the reference day (Europe/Brussels). Never raises."""
    spans: list[tuple[int, int]] = []
    announced_at = {match.end() for match in _ANNOUNCE.finditer(text)}
    for match in _DATE.finditer(text):
        parts = _parts(match)
        if parts is None:
            continue
        four_digits = re.search(_YEAR4 + r"$", match.group(0)) or re.match(_YEAR4, match.group(0))
        old = four_digits is not None and parts[0] < today.year - BIRTH_YEAR_MARGIN
        if old or match.start() in announced_at:
            spans.append((match.start(), match.end()))
    taken = {start for start, _end in spans}
    for position in announced_at - taken:
        year = _BARE_YEAR.match(text, position)
        if year is not None:
            spans.append((year.start(), year.end()))
    return sorted(spans)
