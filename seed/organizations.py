"""The curated organizations of the seed (``seed/data/organizations.csv``): one per real
institution, the organization names of ``access_points.csv`` that map to it, what kind of
body it is, whom its counters and lines serve, and which days off its staff have
(``seed/data/days_off.csv``). Provenance and reasons: ``seed/data/SOURCES.md``, section
"The seed: organizations, service areas, public holidays"."""

import csv
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

from api.models import Organization
from api.models.common import Region

DATA = Path(__file__).parent / "data"
AREA_WORDS = {"brussels": Region.BRUSSELS, "wallonia": Region.WALLONIA, "flanders": Region.FLANDERS}


class Body(StrEnum):
    """What kind of body runs access points."""

    CPAS = "cpas"
    COMMUNE = "commune"
    REGIONAL = "regional"
    FEDERAL = "federal"
    ASSOCIATION = "association"


@dataclass(frozen=True, slots=True)
class SeedOrganization:
    """One row of ``organizations.csv``: the organization as stored, its kind of body, the
    area its counters and lines serve (NIS codes, region words or ``belgium``; empty: not
    stated), whether it closes on the public holidays (every public administration; an
    association when its source says "working days"), the days-off rule of its staff, and
    the seed names merged into it."""

    organization: Organization
    body: Body
    serves: tuple[str, ...]
    closed_on_public_holidays: bool
    days_off: str | None
    seed_names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DayOff:
    """A yearly day off of one administration's staff (``days_off.csv``), kept as a
    closure of the organization: not a legal public holiday, so not in ``PH``."""

    rule: str
    month: int
    day: int
    reason_fr: str
    reason_nl: str

    def on(self, year: int) -> date:
        """The date of this day off in ``year``."""
        return date(year, self.month, self.day)


def read_organizations(path: Path = DATA / "organizations.csv") -> list[SeedOrganization]:
    """Every curated organization, in file order. Raises ``ValueError`` when a seed name is
    mapped twice (the mapping must say which institution runs each place)."""
    out: list[SeedOrganization] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            names = tuple(n.strip() for n in row["seed_names"].split(";") if n.strip())
            if seen & set(names):
                raise ValueError(f"{path.name}: {sorted(seen & set(names))} mapped twice")
            seen.update(names)
            out.append(
                SeedOrganization(
                    organization=Organization(
                        id=row["id"],
                        name=row["name_fr"],
                        name_nl=row["name_nl"] or None,
                        source=row["basis"] or None,
                    ),
                    body=Body(row["body"]),
                    serves=tuple(row["serves"].split()),
                    closed_on_public_holidays=row["public_holidays"] == "off",
                    days_off=row["days_off"] or None,
                    seed_names=names,
                )
            )
    return out


def read_days_off(path: Path = DATA / "days_off.csv") -> dict[str, list[DayOff]]:
    """The days off per rule name (``federal``, ``brussels-regional``, ``walloon-regional``)."""
    rules: dict[str, list[DayOff]] = {}
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            month, day = (int(part) for part in row["month_day"].split("-"))
            rules.setdefault(row["rule"], []).append(
                DayOff(row["rule"], month, day, row["reason_fr"], row["reason_nl"])
            )
    return rules


def expand_area(tokens: tuple[str, ...], nis_by_region: dict[Region, list[str]]) -> list[str]:
    """NIS codes of an area written as NIS codes and words: a region word stands for all its
    municipalities, ``belgium`` for all three regions."""
    codes: set[str] = set()
    for token in tokens:
        if token == "belgium":
            codes.update(c for region in Region for c in nis_by_region.get(region, []))
        elif token in AREA_WORDS:
            codes.update(nis_by_region.get(AREA_WORDS[token], []))
        else:
            codes.add(token)
    return sorted(codes)


def with_public_holidays(opening_hours: str, *, closed_on_public_holidays: bool) -> str:
    """The schedule with ``PH off`` when its organization closes on the public holidays and
    the schedule says nothing about them: a Belgian public administration is closed on the
    10 legal holidays. A schedule that already names ``PH`` and ``24/7`` (the source says:
    every day) are kept as they are."""
    text = opening_hours.strip()
    if not closed_on_public_holidays or "PH" in text or text == "24/7":
        return text
    return f"{text}; PH off"
