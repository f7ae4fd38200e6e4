"""Verification of entries ("Checked today" with a method, stale lists, the public "call
first" flag) and verification campaigns (tasks per entry, progress)."""

from api.services.verification.campaigns import (
    CampaignView,
    TaskView,
    campaign_views,
    open_campaign,
    record_check,
    tasks_for,
)
from api.services.verification.verification import (
    StaleEntry,
    call_first,
    mark_verified,
    stale_entries,
)

__all__ = [
    "CampaignView",
    "StaleEntry",
    "TaskView",
    "call_first",
    "campaign_views",
    "mark_verified",
    "open_campaign",
    "record_check",
    "stale_entries",
    "tasks_for",
]
