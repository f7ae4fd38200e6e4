"""Receiving an incident report: checked (``checks``), the service and the commune looked up,
the free text scrubbed of personal data before anything is stored (``api.services.privacy``,
dates of birth and street addresses included)."""

from datetime import date, datetime

from sqlmodel import Session, select

from api.errors import InvalidQueryError
from api.hours import to_brussels
from api.models import AccessPoint, Municipality, Organization
from api.models.incidents import INCIDENT_TEXT_MAX_LENGTH, Incident
from api.models.incidents_public import IncidentCreate, IncidentPreview, IncidentReceipt
from api.services.incidents.checks import Problem, check_incident
from api.services.incidents.views import public_fields
from api.services.privacy import Scrubbed, scrub


def scrub_incident_text(text: str | None, *, today: date) -> Scrubbed | None:
    """``text`` stripped and scrubbed as an incident's (phones, e-mails, national register
    numbers, IBANs, dates of birth as of ``today``, streets with numbers); None when empty.
    A marker may be longer than what it replaced ("1985" -> "[removed]"): a text that grew
    past ``INCIDENT_TEXT_MAX_LENGTH`` is cut there, ending with "…" (the column's bound)."""
    stripped = (text or "").strip()
    if not stripped:
        return None
    return scrub(stripped, today=today, addresses=True, max_length=INCIDENT_TEXT_MAX_LENGTH)


def preview_incident(*, text: str | None, now: datetime) -> IncidentPreview:
    """What would be stored of ``text``, and how many pieces were removed; nothing stored."""
    scrubbed = scrub_incident_text(text, today=to_brussels(now).date())
    return IncidentPreview(
        text=scrubbed.text if scrubbed else None,
        removed_count=len(scrubbed.removed) if scrubbed else 0,
    )


def find_problems(*, session: Session, data: IncidentCreate, now: datetime) -> list[Problem]:
    """Every rule ``data`` breaks: ``check_incident``'s, then an unknown access point,
    organization or NIS code."""
    problems = check_incident(data, today=to_brussels(now).date())
    lookups = (
        ("access_point_id", AccessPoint, AccessPoint.id, "unknown_access_point"),
        ("organization_id", Organization, Organization.id, "unknown_organization"),
        ("residence_nis_code", Municipality, Municipality.nis_code, "unknown_municipality"),
    )
    for field, table, column, code in lookups:
        value = getattr(data, field)
        if value and session.exec(select(column).where(column == value)).first() is None:
            problems.append(
                Problem(field, code, f"no {table.__name__.lower()} with {field} {value!r}")
            )
    return problems


def create_incident(
    *, session: Session, data: IncidentCreate, reporter: str, now: datetime
) -> IncidentReceipt:
    """Store an incident reported by ``reporter`` (``account:<id>`` or ``api_key:<id>``)
    and commit. Raises InvalidQueryError (422, at ``body.<field>``) for the first problem of
    ``find_problems``. Only the scrubbed text is stored; the removed pieces are counted,
    never kept. ``created_at`` is ``now`` (stored in UTC)."""
    problems = find_problems(session=session, data=data, now=now)
    if problems:
        raise InvalidQueryError(problems[0].message, loc=("body", problems[0].field))
    scrubbed = scrub_incident_text(data.text, today=to_brussels(now).date())
    incident = Incident(
        occurred_on=data.occurred_on,
        access_point_id=data.access_point_id or None,
        organization_id=data.organization_id or None,
        other_service_name=(data.other_service_name or "").strip() or None,
        channel=data.channel,
        residence_nis_code=data.residence_nis_code,
        theme=data.theme.value if data.theme else None,
        kinds=[kind.value for kind in data.kinds],
        wait_minutes=data.wait_minutes,
        delay_days=data.delay_days,
        consequences=[consequence.value for consequence in data.consequences],
        worker_minutes=data.worker_minutes,
        text=scrubbed.text if scrubbed else None,
        reporter=reporter,
        created_at=now,
    )
    session.add(incident)
    session.commit()
    session.refresh(incident)
    return IncidentReceipt(
        **public_fields(session=session, incident=incident),
        text=incident.text,
        removed_count=len(scrubbed.removed) if scrubbed else 0,
    )
