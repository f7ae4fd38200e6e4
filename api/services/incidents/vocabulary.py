"""The controlled lists of incident reports in words: FR/NL/EN labels of each kind, channel and
consequence, read from ``api/data/incidents/{kinds,channels,consequences}.csv`` (data, not code:
one row per value of :class:`~api.models.incidents.IncidentKind`, ``IncidentChannel`` and
``IncidentConsequence``; ``tests/unit/test_incident_vocabulary.py`` holds the codes equal).

``kinds.csv`` also says which number details a kind (column ``detail``): ``wait_minutes`` for an
unreachable line, ``delay_days`` for a delay. Pure: the files are read once and cached.
"""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from api.i18n import Language
from api.models.incidents import IncidentChannel, IncidentConsequence, IncidentKind

DATA_DIR = Path(__file__).resolve().parent.parent.parent / "data" / "incidents"
"""Where the three CSV files live (``api/data/incidents``)."""

Detail = Literal["wait_minutes", "delay_days"]
"""The number that details a kind, named as the incident's field."""


@dataclass(frozen=True, slots=True)
class Term:
    """One value of a controlled list: its ``code`` (the enum's value), its labels by language
    and, for kinds, the field that details it (``detail``, None for most)."""

    code: str
    labels: dict[Language, str]
    detail: Detail | None = None

    def label(self, lang: Language) -> str:
        """The label in ``lang`` (every row has all three languages)."""
        return self.labels[lang]


def _read(name: str) -> tuple[Term, ...]:
    """The rows of ``api/data/incidents/<name>.csv`` in file order. Raises ``ValueError`` on a
    row without a label in one of the languages or an unknown ``detail``."""
    terms = []
    with (DATA_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            labels: dict[Language, str] = {
                "fr": row["fr"].strip(),
                "nl": row["nl"].strip(),
                "en": row["en"].strip(),
            }
            if not all(labels.values()):
                raise ValueError(f"{name}.csv: {row['code']!r} lacks a label")
            detail = (row.get("detail") or "").strip() or None
            if detail not in (None, "wait_minutes", "delay_days"):
                raise ValueError(f"{name}.csv: {row['code']!r} has an unknown detail {detail!r}")
            terms.append(Term(code=row["code"].strip(), labels=labels, detail=detail))  # type: ignore[arg-type]
    return tuple(terms)


@cache
def kinds() -> tuple[Term, ...]:
    """What happened: the rows of ``kinds.csv`` (order of the form), codes of ``IncidentKind``."""
    return _read("kinds")


@cache
def channels() -> tuple[Term, ...]:
    """The channels tried: ``channels.csv``, codes of ``IncidentChannel``."""
    return _read("channels")


@cache
def consequences() -> tuple[Term, ...]:
    """What it cost the person: ``consequences.csv``, codes of ``IncidentConsequence``."""
    return _read("consequences")


def kind_labels(lang: Language) -> dict[IncidentKind, str]:
    """Each kind's label in ``lang``, in the file's order."""
    return {IncidentKind(term.code): term.label(lang) for term in kinds()}


def channel_labels(lang: Language) -> dict[IncidentChannel, str]:
    """Each channel's label in ``lang``, in the file's order."""
    return {IncidentChannel(term.code): term.label(lang) for term in channels()}


def consequence_labels(lang: Language) -> dict[IncidentConsequence, str]:
    """Each consequence's label in ``lang``, in the file's order."""
    return {IncidentConsequence(term.code): term.label(lang) for term in consequences()}


def kind_detail(kind: IncidentKind) -> Detail | None:
    """The field that details ``kind`` (``wait_minutes``, ``delay_days``) or None."""
    return next(term.detail for term in kinds() if term.code == kind.value)
