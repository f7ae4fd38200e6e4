"""A stored incident as the API shows it: the structured fields with the service's name."""

from typing import Any

from sqlmodel import Session, col, select

from api.models import AccessPoint, Organization
from api.models.incidents import Incident


def service_names(*, session: Session, incidents: list[Incident]) -> dict[int, str]:
    """The service each incident is about, by incident id: its access point's or
    organization's French name, or the name given for a service not in the directory (an
    entry deleted since: its id)."""
    point_ids = {i.access_point_id for i in incidents if i.access_point_id}
    organization_ids = {i.organization_id for i in incidents if i.organization_id}
    points = dict(
        session.exec(
            select(AccessPoint.id, AccessPoint.name_fr).where(col(AccessPoint.id).in_(point_ids))
        ).all()
        if point_ids
        else []
    )
    organizations = dict(
        session.exec(
            select(Organization.id, Organization.name).where(
                col(Organization.id).in_(organization_ids)
            )
        ).all()
        if organization_ids
        else []
    )
    names = {}
    for incident in incidents:
        assert incident.id is not None
        if incident.access_point_id:
            name = points.get(incident.access_point_id, incident.access_point_id)
        elif incident.organization_id:
            name = organizations.get(incident.organization_id, incident.organization_id)
        else:
            name = incident.other_service_name or "—"
        names[incident.id] = name
    return names


def public_fields(
    *, session: Session, incident: Incident, name: str | None = None
) -> dict[str, Any]:
    """The fields of ``IncidentPublic`` for ``incident`` (``name``: its service's, looked up
    when not given)."""
    assert incident.id is not None
    if name is None:
        name = service_names(session=session, incidents=[incident])[incident.id]
    return {
        "id": incident.id,
        "occurred_on": incident.occurred_on,
        "access_point_id": incident.access_point_id,
        "organization_id": incident.organization_id,
        "other_service_name": incident.other_service_name,
        "service_name": name,
        "channel": incident.channel,
        "residence_nis_code": incident.residence_nis_code,
        "theme": incident.theme,
        "kinds": incident.kinds,
        "wait_minutes": incident.wait_minutes,
        "delay_days": incident.delay_days,
        "consequences": incident.consequences,
        "worker_minutes": incident.worker_minutes,
        "has_text": incident.text is not None,
        "created_at": incident.created_at,
    }
