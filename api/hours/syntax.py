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

from api.hours.reference import ReferenceHours
from api.hours.reference_check import ReferenceCheck, check_with_reference
from api.hours.which_engine import NOT_FOLLOWED, SUN, mask_comments, spills_into_a_covered_day

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


_STATE_BEFORE = re.compile(r"\b(open|closed|off|unknown)\s*$", re.IGNORECASE)


def _unknown_before_bare_comments(text: str) -> str:
    # opening_hours.js reads a comment without a state keyword before it as "unknown"
    # (src/index.js, parseGroup: `rule.meaning = false; rule.unknown = true`); opening-hours-py
    # reads it as "open". Spelling the keyword out makes both agree.
    masked = mask_comments(text)
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
    ``PH``. ``tags_ph`` says whether comments may carry ``PH_COMMENT``. ``at_place``: the
    value has sunrise, sunset, dawn or dusk, which depend on where the place is: ``main`` is
    then opening_hours.js at its default Brussels point, and a place is evaluated with
    ``compile_at_place``.
    """

    value: str
    main: "Evaluator"
    without_ph: OpeningHours | None
    tags_ph: bool
    at_place: bool = False

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


class _NotFast(Exception):
    """opening-hours-py cannot give opening_hours.js' answers for this value."""


@lru_cache(maxsize=4096)
def compile_opening_hours(value: str) -> Compiled:
    """Build the evaluators of ``value`` (already stripped, non-empty); cached on the string.

    opening-hours-py (fast) when it parses the value and the value has none of the
    constructs it evaluates differently from opening_hours.js (fallback "||", open end "+",
    ranges from or to easter, PH with a day offset, SH, a night running into a day that
    another rule covers: ``spills_into_a_covered_day``); otherwise opening_hours.js itself
    (``ReferenceHours``), when it accepts the value. Values with sunrise, sunset, dawn or
    dusk are ``at_place`` (see ``compile_at_place``). Raises InvalidOpeningHours when
    opening_hours.js refuses the value, with its message."""
    try:
        return _compile_fast(value)
    except _NotFast:
        check = check_with_reference(value)
        if check.error is not None:
            raise reference_refusal(value, value, check) from None
        at_place = SUN.search(mask_comments(value)) is not None
        return Compiled(
            value=value,
            main=ReferenceHours(value),
            without_ph=None,
            tags_ph=False,
            at_place=at_place,
        )


@lru_cache(maxsize=4096)
def compile_at_place(value: str, lat: float, lon: float) -> Compiled:
    """A value with sunrise, sunset, dawn or dusk (``Compiled.at_place``) evaluated by
    opening_hours.js at the place's coordinates (WGS84 degrees), as it computes them
    (suncalc). Cached per value and place (4096: the few such places)."""
    return Compiled(
        value=value,
        main=ReferenceHours(value, (lat, lon)),
        without_ph=None,
        tags_ph=False,
        at_place=True,
    )


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
    except (ParserError, SyntaxError, ValueError):
        raise _NotFast from None
    masked = mask_comments(value)
    if NOT_FOLLOWED.search(masked) or SUN.search(masked) or spills_into_a_covered_day(value):
        raise _NotFast
    expression = _unknown_before_bare_comments(value)
    has_ph = re.search(r"\bPH\b", mask_comments(expression)) is not None
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
