"""Validation of OSM ``opening_hours`` values and their compilation for opening-hours-py.

A value is stored as written (stripped). What is evaluated is a rewritten form that makes
opening-hours-py answer as opening_hours.js does (see "Differences from opening_hours.js" in
``api.hours``); the rewritten forms are cached per value.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

# ParserError is what the package raises (its docstring says SyntaxError); its stub omits it.
from opening_hours import (  # type: ignore[attr-defined]
    OpeningHours,
    ParserError,
)

from api.hours.reference import ReferenceCheck, ReferenceHours, check_with_reference

COUNTRY = "BE"
"""Always passed to opening-hours-py: without a country it silently never matches ``PH``."""

PH_COMMENT = "\ue000PH"
"""Comment the engine attaches to ``PH`` rules that have none, to learn that such a rule
matched (private-use character: no real comment starts with it). Replaced, day by day, by the
opening_hours.js holiday name or None; never returned."""


class InvalidOpeningHours(ValueError):
    """An ``opening_hours`` value that the service refuses.

    ``value`` is the input as given, ``message`` a human-readable English sentence saying where
    the problem is (column, 1-based, and the offending text) and what was expected;
    ``column`` is that 1-based column in ``value.strip()``, or None when the library gives no
    position. ``str(error) == error.message``.
    """

    def __init__(self, value: str, message: str, column: int | None = None) -> None:
        super().__init__(message)
        self.value = value
        self.message = message
        self.column = column

    def __str__(self) -> str:
        return self.message


# Names of opening-hours-py grammar rules (pest) as a person would say them.
_RULE_WORDS = {
    "EOI": "the end of the value",
    "any_rule_separator": 'a rule separator (";" or ",")',
    "normal_rule_separator": 'a rule separator ";"',
    "additional_rule_separator": 'a rule separator ","',
    "fallback_rule_separator": 'a fallback separator "||"',
    "rules_modifier": 'a state (open, closed, off, unknown) or a "comment"',
    "comment": 'a "comment"',
    "always_open": '"24/7"',
    "timespan": "a time span such as 09:00-17:00",
    "time": "a time such as 09:00",
    "extended_time": "a time from 00:00 to 48:00",
    "hour": "an hour (00 to 24)",
    "minute": "minutes (00 to 59)",
    "holiday": "PH",
    "wday": "a weekday (Mo, Tu, We, Th, Fr, Sa, Su)",
    "weekday_range": "a weekday or a range of weekdays such as Mo-Fr",
    "small_range_selectors": "a weekday, a time or PH",
    "week_selector": "a week number selector such as week 01-53",
    "weeknum": "a week number (01 to 53)",
    "monthday_range": "a month or a date such as Dec 25",
    "month": "a month (Jan to Dec)",
    "daynum": "a day of the month (01 to 31)",
    "year": "a year such as 2026",
    "nth_entry": "an index in the month from 1 to 5 or -1 to -5, as in Mo[1]",
    "date_offset": 'a date offset such as "+1 day"',
    "plus_or_minus": '"+" or "-"',
}

_POSITION = re.compile(r"-->\s*(\d+):(\d+)")
_EXPECTED = re.compile(r"=\s*(expected|unexpected)\s+(.+)$", re.MULTILINE)
_WORD = re.compile(r"[A-Za-z_]+")


def _readable(words: str) -> str:
    def one(match: re.Match[str]) -> str:
        word = match.group(0)
        if word in ("or", "and"):
            return word
        return _RULE_WORDS.get(word, word.replace("_", " "))

    return _WORD.sub(one, words)


def _syntax_error(value: str, text: str, error: Exception) -> InvalidOpeningHours:
    raw = str(error)
    position = _POSITION.search(raw)
    expectation = _EXPECTED.search(raw)
    if position is None:
        detail = raw.removeprefix("Failed to parse expression:").strip()
        return InvalidOpeningHours(value, f"invalid opening_hours {text!r}: {detail}")
    line, column = int(position.group(1)), int(position.group(2))
    lines = text.split("\n")
    offset = sum(len(x) + 1 for x in lines[: line - 1]) + column - 1
    where = f"column {column}" if line == 1 else f"line {line}, column {column}"
    rest = text[offset:].split(maxsplit=1)
    near = f"near {rest[0][:24]!r}" if rest else "at the end"
    if expectation is None:
        what = "unknown syntax"
    else:
        what = f"{expectation.group(1)} {_readable(expectation.group(2).strip())}"
    return InvalidOpeningHours(
        value,
        f"invalid opening_hours {text!r}: syntax error at {where} ({near}): {what}",
        column=offset + 1,
    )


def _mask_comments(text: str) -> str:
    """``text`` with the inside of each "comment" blanked (same length), so that patterns
    match only the syntax around comments."""
    return re.sub(r'"[^"]*"', lambda m: '"' + " " * (len(m.group(0)) - 2) + '"', text)


# Constructs opening-hours-py parses but evaluates differently from opening_hours.js (found
# with tests/unit/test_hours_golden.py, listed in api.hours' docstring): values with them are
# evaluated by opening_hours.js itself (``api.hours.reference``).
_REFUSED: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"\|\|"),
        'fallback rules ("||") are not supported: opening-hours-py and opening_hours.js apply '
        "them differently; write the rules with ; and , or put the hint in a comment",
    ),
    (
        re.compile(r"\d{1,2}[:.]\d\d\s*\+|\)\s*\+"),
        'open end ("+") is not supported: opening_hours.js guesses the closing time; write '
        'it, or use unknown with a comment such as 17:00-22:00 unknown "closing time varies"',
    ),
    (
        re.compile(r"\bSH\b"),
        "school holidays (SH) are not supported: opening_hours.js has no Belgian school "
        "holidays; list the periods as dates or closures instead",
    ),
    (
        re.compile(
            r"-\s*(\d{4}\s+)?easter\b|\beaster\b(\s*[+-]\s*\d+\s*days?)?\s*-\s*[a-z0-9]",
            re.IGNORECASE,
        ),
        "a date range that starts or ends at easter is not supported: opening_hours.js ends "
        "such ranges a day early and does not carry them over the new year; list the dates, "
        "or one rule per day (easter, easter +1 day)",
    ),
    (
        re.compile(r"\bPH\s*[+-]"),
        'a day offset on PH ("PH +1 day") is not supported: the two reference libraries '
        "disagree on it around Easter; list the days as dates or closures instead",
    ),
)


# What neither evaluator can answer as opening_hours.js does, refused on input.
_NEITHER: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"\b(sunrise|sunset|dawn|dusk)\b", re.IGNORECASE),
        "opening_hours.js accepts times at sunrise, sunset, dawn or dusk, but the service cannot "
        "give its answer: opening_hours.js computes them at the place's own coordinates, which "
        "the evaluation of hours does not take; write clock times such as 08:00-17:00",
    ),
)


def _refuse(
    value: str, text: str, constructs: tuple[tuple[re.Pattern[str], str], ...] = _REFUSED
) -> None:
    masked = _mask_comments(text)
    for pattern, reason in constructs:
        found = pattern.search(masked)
        if found is not None:
            column = found.start() + 1
            snippet = text[found.start() : found.end()]
            raise InvalidOpeningHours(
                value,
                f"invalid opening_hours {text!r}: at column {column} ({snippet!r}): {reason}",
                column=column,
            )


_STATE_BEFORE = re.compile(r"\b(open|closed|off|unknown)\s*$", re.IGNORECASE)


def _unknown_before_bare_comments(text: str) -> str:
    # opening_hours.js reads a comment without a state keyword before it as "unknown"
    # (src/index.js, parseGroup: `rule.meaning = false; rule.unknown = true`); opening-hours-py
    # reads it as "open". Spelling the keyword out makes both agree.
    masked = _mask_comments(text)
    out: list[str] = []
    last = 0
    for match in re.finditer(r'"[^"]*"', text):
        out.append(text[last : match.start()])
        if _STATE_BEFORE.search(masked, 0, match.start()) is None:
            out.append("unknown ")
        out.append(match.group(0))
        last = match.end()
    out.append(text[last:])
    return "".join(out)


def _split_rules(canonical: str) -> list[str]:
    """Rules and separators of opening-hours-py's own rendering (``str(OpeningHours)``), which
    writes separators as "; ", ", " and " || " and nothing else with a space after a comma."""
    parts = re.split(r'("[^"]*")', canonical)
    pieces: list[str] = []
    for i, part in enumerate(parts):
        if i % 2:
            pieces.append(part)
        else:
            pieces.extend(re.split(r"(; |, | \|\| )", part))
    rules: list[str] = [""]
    for piece in pieces:
        if piece in ("; ", ", ", " || "):
            rules.extend([piece, ""])
        else:
            rules[-1] += piece
    return rules


def _tag_public_holiday_rules(canonical: str) -> str:
    # opening_hours.js gives the holiday name as the comment of a matching PH rule that has no
    # comment; opening-hours-py gives none. A marker comment tells the engine such a rule
    # matched (a comment does not change a state in opening-hours-py once the keyword is explicit).
    rules = _split_rules(canonical)
    for i in range(0, len(rules), 2):
        rule = rules[i]
        if '"' not in rule and re.search(r"\bPH\b", rule):
            rules[i] = f'{rule} "{PH_COMMENT}"'
    return "".join(rules)


Evaluator = OpeningHours | ReferenceHours
"""What evaluates a value: opening-hours-py, or opening_hours.js through ``ReferenceHours``."""


@dataclass(frozen=True, slots=True)
class Compiled:
    """A validated value ready to evaluate.

    ``main`` is the corrected expression (or opening_hours.js on the value as it is);
    ``without_ph`` the same with ``PH`` never matching (``PH`` replaced by ``SH``, of which
    opening-hours-py has no Belgian data), used on Easter Sunday, which opening-hours-py counts
    as a Belgian public holiday and opening_hours.js does not. None when the value has no
    ``PH``. ``tags_ph`` says whether comments may carry ``PH_COMMENT``.
    """

    value: str
    main: "Evaluator"
    without_ph: OpeningHours | None
    tags_ph: bool

    @property
    def by_reference(self) -> bool:
        """True when opening_hours.js itself evaluates the value."""
        return isinstance(self.main, ReferenceHours)


def _library(expression: str) -> OpeningHours:
    # No ``timezone``: the engine gives and takes naive Brussels wall times and turns them into
    # instants itself, the way opening_hours.js does (see engine._timeline); with a
    # time zone, opening-hours-py moves a boundary in the spring gap to 03:00 and puts one in
    # the repeated autumn hour on its second occurrence, where opening_hours.js does not.
    return OpeningHours(expression, country=COUNTRY)


@lru_cache(maxsize=4096)
def compile_opening_hours(value: str) -> Compiled:
    """Build the evaluators of ``value`` (already stripped, non-empty); cached on the string.

    opening-hours-py (fast) when it parses the value and the value has none of the
    constructs it evaluates differently from opening_hours.js (fallback "||", open end "+",
    ranges from or to easter, PH with a day offset, SH); otherwise opening_hours.js itself
    (``ReferenceHours``), when it accepts the value. Raises InvalidOpeningHours when neither
    can give the reference's answer: opening_hours.js refuses the value, or it uses sunrise,
    sunset, dawn or dusk (computed at a place's coordinates); the message says which."""
    try:
        return _compile_fast(value)
    except InvalidOpeningHours:
        check = check_with_reference(value)
        if check.error is not None:
            raise reference_refusal(value, value, check) from None
        _refuse(value, value, _NEITHER)
        return Compiled(value=value, main=ReferenceHours(value), without_ph=None, tags_ph=False)


def reference_refusal(value: str, text: str, check: ReferenceCheck) -> InvalidOpeningHours:
    """The error for a value opening_hours.js refuses: its message, and the column where it
    stopped reading when it says so."""
    where = f" at column {check.column}" if check.column is not None else ""
    return InvalidOpeningHours(
        value,
        f"invalid opening_hours {text!r}: opening_hours.js refuses it{where} ({check.error})",
        column=check.column,
    )


def _compile_fast(value: str) -> Compiled:
    try:
        _library(value)
    except (ParserError, SyntaxError, ValueError) as error:
        raise _syntax_error(value, value, error) from None
    _refuse(value, value, _REFUSED + _NEITHER)
    expression = _unknown_before_bare_comments(value)
    has_ph = re.search(r"\bPH\b", _mask_comments(expression)) is not None
    try:
        if has_ph:
            expression = _tag_public_holiday_rules(str(_library(expression)))
        main = _library(expression)
        without_ph = (
            _library(_replace_outside_comments(expression, r"\bPH\b", "SH")) if has_ph else None
        )
    except (ParserError, SyntaxError, ValueError) as error:  # pragma: no cover - a bug of ours
        raise InvalidOpeningHours(
            value, f"invalid opening_hours {value!r}: cannot be evaluated ({error})"
        ) from None
    return Compiled(value=value, main=main, without_ph=without_ph, tags_ph=has_ph)


def _replace_outside_comments(text: str, pattern: str, replacement: str) -> str:
    parts = re.split(r'("[^"]*")', text)
    return "".join(
        part if i % 2 else re.sub(pattern, replacement, part) for i, part in enumerate(parts)
    )
