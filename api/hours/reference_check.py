"""What opening_hours.js says of a value: accepted or refused, its canonical form, its
warnings (``check_with_reference``), made readable for an editor."""

import re
from dataclasses import dataclass
from functools import lru_cache

from api.hours.reference import call

# Evaluation trial of ``check_with_reference``: a year of wall time (any year would do; this
# one has both DST changes and every Belgian public holiday).
_TRIAL = ([2026, 1, 1, 0, 0, 0], [2027, 1, 1, 0, 0, 0])


@dataclass(frozen=True, slots=True)
class ReferenceCheck:
    """What opening_hours.js says of a value.

    ``canonical``: its ``prettifyValue()`` (None when refused); ``warnings``: its warnings,
    made readable (``"near 'Mo-Fr 9am': Please use time format in 24 hours notation..."``);
    ``error``: why it refuses the value (None when accepted); ``column``: 1-based column of
    the value where it stopped reading, when it says so.
    """

    canonical: str | None
    warnings: tuple[str, ...]
    error: str | None
    column: int | None


_POINTER = re.compile(r"^(?P<before>.*?) <--- \((?P<what>.*)\)\s*$", re.DOTALL)


def _readable(text: str, value: str) -> tuple[str, int | None]:
    """A message of opening_hours.js (``"Mo-F <--- (Unexpected token...)"``) as ``("near
    'Mo-F': Unexpected token...", column)``; the column is set when the part it quotes is
    the start of the value."""
    found = _POINTER.match(text.strip())
    if found is None:
        return text.strip(), None
    before, what = found.group("before"), found.group("what").strip()
    column = len(before) if before and value.startswith(before) else None
    return f"near {before!r}: {what}", column


@lru_cache(maxsize=4096)
def check_with_reference(value: str) -> ReferenceCheck:
    """opening_hours.js on ``value`` (as given): accepted or not, canonical form, warnings.

    A value that opening_hours.js parses but cannot evaluate over a year (``SH`` without
    Belgian data) counts as refused. Cached per value (4096). The first call starts the
    embedded engine (a tenth of a second)."""
    answer = call("guichetsCheck", value, *_TRIAL)
    assert isinstance(answer, dict)
    warnings = tuple(_readable(w, value)[0] for w in answer.get("warnings", ()))
    if "error" in answer:
        error, column = _readable(answer["error"], value)
        return ReferenceCheck(None, warnings, error, column)
    return ReferenceCheck(answer["pretty"], warnings, None, None)
