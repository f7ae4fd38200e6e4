"""The reports after they are stored: their reporter lists and withdraws their own; admins
list them all with their texts (and the expired texts are emptied first, see ``retention``)."""

from datetime import datetime

from sqlmodel import Session, col, select

from api.errors import NotFoundError, PreconditionFailedError
from api.models.incidents import Incident
from api.models.incidents_public import IncidentAdmin, IncidentPublic
from api.services.incidents.retention import remove_expired_texts
from api.services.incidents.views import public_fields, service_names

LIST_LIMIT = 500
"""Incidents listed at most in one answer (newest first)."""
INCIDENT_VERSION = 1
"""An incident is never changed, only filed and withdrawn: its version (ETag) is always 1."""


def _newest_first(session: Session, reporter: str | None) -> list[Incident]:
    query = select(Incident)
    if reporter is not None:
        query = query.where(Incident.reporter == reporter)
    query = query.order_by(col(Incident.created_at).desc(), col(Incident.id).desc())
    return list(session.exec(query.limit(LIST_LIMIT)))


def list_my_incidents(*, session: Session, reporter: str) -> list[IncidentPublic]:
    """The incidents ``reporter`` filed, newest first, at most ``LIST_LIMIT``: structured
    fields only (the texts are read by admins)."""
    incidents = _newest_first(session, reporter)
    names = service_names(session=session, incidents=incidents)
    return [
        IncidentPublic(**public_fields(session=session, incident=i, name=names[i.id or 0]))
        for i in incidents
    ]


def withdraw_incident(
    *, session: Session, reporter: str, incident_id: int, expected_version: int | None = None
) -> None:
    """Delete incident ``incident_id`` filed by ``reporter`` and commit. Raises NotFoundError
    (404) when there is none, or when it is someone else's (its existence is not told), then
    PreconditionFailedError (412) when ``expected_version`` (the API's If-Match; None for the
    pages' forms) is not ``INCIDENT_VERSION``."""
    incident = session.get(Incident, incident_id)
    if incident is None or incident.reporter != reporter:
        raise NotFoundError(f"you filed no incident with id {incident_id}")
    if expected_version is not None and expected_version != INCIDENT_VERSION:
        raise PreconditionFailedError(
            f'send If-Match: "{INCIDENT_VERSION}" (an incident is never changed)'
        )
    session.delete(incident)
    session.commit()


def list_incidents(*, session: Session, now: datetime, retention_days: int) -> list[IncidentAdmin]:
    """Every incident, newest first, at most ``LIST_LIMIT``, with its text and reporter:
    for admins only (the caller checks). The texts older than ``retention_days`` are emptied
    first (``remove_expired_texts``, committed), so that an admin never reads an expired one
    even when the scheduled purge did not run."""
    remove_expired_texts(session=session, now=now, retention_days=retention_days)
    incidents = _newest_first(session, None)
    names = service_names(session=session, incidents=incidents)
    return [
        IncidentAdmin(
            **public_fields(session=session, incident=i, name=names[i.id or 0]),
            text=i.text,
            text_removed_at=i.text_removed_at,
            reporter=i.reporter,
        )
        for i in incidents
    ]
