"""The editors' side of the signals: the places of their organizations that workers reported
closed during announced hours or not answering in the last 30 days ("Reported by workers" on
``/edit/verification`` and ``/edit``), and the count per place on the home's table."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from api.i18n import Language
from api.models import Actor
from api.pages.signals.words import signal_lines
from api.services.incidents.signals import recent_signals, signalled_places


@dataclass(frozen=True, slots=True)
class ReportedRow:
    """A place on its editors' list: its id (for the link to its form), French name,
    organization, and the signals in sentences."""

    access_point_id: str
    name: str
    organization_name: str
    lines: list[str]


def reported_rows(
    *, session: Session, actor: Actor, now: datetime, lang: Language
) -> list[ReportedRow]:
    """The places ``actor`` may edit (all for an admin) with signals in the 30 days up to
    ``now``, the most reported first (``signalled_places``), in ``lang``."""
    return [
        ReportedRow(
            place.access_point_id,
            place.name,
            place.organization_name,
            signal_lines(place.signals, lang=lang),
        )
        for place in signalled_places(session=session, actor=actor, now=now)
    ]


def signal_counts(
    *, session: Session, access_point_ids: Sequence[str], now: datetime
) -> dict[str, int]:
    """How many incident reports signal each place in the 30 days up to ``now`` (one query);
    ids without any are absent. For the freshness columns of the editors' home."""
    found = recent_signals(session=session, access_point_ids=access_point_ids, now=now)
    return {pid: signals.reports for pid, signals in found.items()}
