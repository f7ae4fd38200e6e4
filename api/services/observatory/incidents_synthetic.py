"""Synthetic incident reports, labelled as such (``reporter = 'synthetic'``), so that the
observatory can be shown, tested and demonstrated before real workers file their own.

They are spread over the directory's real active access points (and, for one in ten, their
organization only, or a service outside the directory), over the communes of residence of
Brussels and Wallonia (most often the place's own commune), the themes and the 12 months
ending on ``today``. The channel follows the place (a phone line is called; a counter is
visited, or its forms used), and each kind carries the number it asks for (minutes waited,
days of delay). Never a free text. Deterministic: the same ``seed``, ``count``, ``today`` and
directory give the same incidents.

Synthetic incidents never count as signals on a place (``api.services.incidents.signals``);
the observatory says how many of the incidents it shows are synthetic, and can leave them
out (``synthetic=exclude``).
"""

import random
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from api.models import AccessPoint, Municipality
from api.models.common import Kind, Region, Status, Theme
from api.models.incidents import Incident, IncidentChannel, IncidentConsequence, IncidentKind
from api.services.incidents.vocabulary import kind_detail
from api.services.observatory.incidents import SYNTHETIC_REPORTER

MAX_COUNT = 100_000
"""The most incidents one call generates."""

_CHANNELS: dict[Kind, list[IncidentChannel]] = {
    Kind.PHONE_LINE: [IncidentChannel.PHONE] * 6 + [IncidentChannel.ONLINE_FORM],
    Kind.GUICHET: [IncidentChannel.COUNTER] * 4
    + [IncidentChannel.PHONE] * 2
    + [IncidentChannel.ONLINE_FORM, IncidentChannel.EMAIL, IncidentChannel.KIOSK],
    Kind.EPN: [IncidentChannel.COUNTER, IncidentChannel.ONLINE_FORM, IncidentChannel.APP],
    Kind.OUTREACH: [IncidentChannel.COUNTER],
}
_KINDS: dict[IncidentChannel, list[IncidentKind]] = {
    IncidentChannel.PHONE: [IncidentKind.UNREACHABLE_PHONE] * 5
    + [
        IncidentKind.PAYING_LINE,
        IncidentKind.LANGUAGE_NOT_SPOKEN,
        IncidentKind.SENT_TO_ONLINE_FORM,
    ],
    IncidentChannel.COUNTER: [
        IncidentKind.CLOSED_DURING_HOURS,
        IncidentKind.CLOSED_DURING_HOURS,
        IncidentKind.REFUSED_WITHOUT_APPOINTMENT,
        IncidentKind.SENT_TO_ONLINE_FORM,
        IncidentKind.APPOINTMENT_ONLINE_ONLY,
        IncidentKind.KIOSK_INSTEAD_OF_PERSON,
        IncidentKind.LANGUAGE_NOT_SPOKEN,
        IncidentKind.LOST_FILE,
    ],
    IncidentChannel.ONLINE_FORM: [
        IncidentKind.ONLINE_FORM_REQUIRES_EID,
        IncidentKind.REQUIRES_NATIONAL_NUMBER,
        IncidentKind.REQUIRES_EMAIL_OR_SMARTPHONE,
        IncidentKind.DELAY,
    ],
}
_OTHER_KINDS = [IncidentKind.DELAY, IncidentKind.LOST_FILE, IncidentKind.OTHER]


def _kinds(rng: random.Random, channel: IncidentChannel) -> list[str]:
    pool = _KINDS.get(channel, _OTHER_KINDS)
    chosen = {rng.choice(pool)}
    if rng.random() < 0.25:
        chosen.add(rng.choice(pool + _OTHER_KINDS))
    return sorted(kind.value for kind in chosen)


def generate_synthetic_incidents(
    *, session: Session, count: int, seed: int, today: date, now: datetime
) -> int:
    """Add ``count`` synthetic incidents (``reporter = 'synthetic'``) that happened in the
    12 months ending on ``today`` (Europe/Brussels), received at ``now`` (aware); commits.
    Returns how many were added. Raises ValueError for a ``count`` outside 0..MAX_COUNT or a
    directory without active access points or communes."""
    if not 0 <= count <= MAX_COUNT:
        raise ValueError(f"count must be between 0 and {MAX_COUNT}, got {count}")
    points = session.exec(
        select(AccessPoint.id, AccessPoint.kind, AccessPoint.organization_id, AccessPoint.nis_code)
        .where(col(AccessPoint.status) == Status.ACTIVE)
        .order_by(col(AccessPoint.id))
    ).all()
    communes = session.exec(
        select(Municipality.nis_code)
        .where(col(Municipality.region).in_([Region.BRUSSELS, Region.WALLONIA]))
        .order_by(col(Municipality.nis_code))
    ).all()
    if count and (not points or not communes):
        raise ValueError("the directory has no active access points or no communes: seed it first")
    rng = random.Random(seed)
    themes = [theme.value for theme in Theme]
    incidents = []
    for _ in range(count):
        point_id, kind, organization_id, place_nis = rng.choice(points)
        channel = rng.choice(_CHANNELS.get(Kind(kind), [IncidentChannel.COUNTER]))
        kinds = _kinds(rng, channel)
        where = rng.random()
        residence = place_nis if place_nis and rng.random() < 0.6 else rng.choice(communes)
        incidents.append(
            Incident(
                occurred_on=today - timedelta(days=rng.randrange(365)),
                access_point_id=point_id if where >= 0.1 else None,
                organization_id=organization_id if 0.04 <= where < 0.1 else None,
                other_service_name="Synthetic service" if where < 0.04 else None,
                channel=channel,
                residence_nis_code=residence if rng.random() < 0.85 else None,
                theme=rng.choice(themes) if rng.random() < 0.9 else None,
                kinds=kinds,
                wait_minutes=rng.randrange(5, 90)
                if any(kind_detail(IncidentKind(k)) == "wait_minutes" for k in kinds)
                else None,
                delay_days=rng.randrange(7, 180)
                if any(kind_detail(IncidentKind(k)) == "delay_days" for k in kinds)
                else None,
                consequences=sorted(c.value for c in IncidentConsequence if rng.random() < 0.2),
                worker_minutes=rng.randrange(5, 150) if rng.random() < 0.7 else None,
                text=None,
                reporter=SYNTHETIC_REPORTER,
                created_at=now,
            )
        )
    session.add_all(incidents)
    session.commit()
    return len(incidents)
