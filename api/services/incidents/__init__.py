"""Incident reports ("fiches incident"): their controlled lists in words (``vocabulary``),
the rules they follow (``checks``), receiving one (``create``: previewed, scrubbed, stored),
listing and withdrawing them (``listing``) and the retention of their texts (``retention``)."""

from api.services.incidents.checks import OLDEST_DAYS, Problem, check_incident
from api.services.incidents.create import (
    create_incident,
    find_problems,
    preview_incident,
    scrub_incident_text,
)
from api.services.incidents.listing import (
    INCIDENT_VERSION,
    LIST_LIMIT,
    list_incidents,
    list_my_incidents,
    withdraw_incident,
)
from api.services.incidents.retention import remove_expired_texts

__all__ = [
    "INCIDENT_VERSION",
    "LIST_LIMIT",
    "OLDEST_DAYS",
    "Problem",
    "check_incident",
    "create_incident",
    "find_problems",
    "list_incidents",
    "list_my_incidents",
    "preview_incident",
    "remove_expired_texts",
    "scrub_incident_text",
    "withdraw_incident",
]
