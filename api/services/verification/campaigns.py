"""Verification campaigns: an admin asks for every entry of some organizations, kinds or
communes to be checked; each entry gets a task, done by "Checked today" (unchanged) or by
a saved edit (changed)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, func, select

from api.errors import InvalidQueryError
from api.models import AccessPoint, Actor
from api.models.common import Status
from api.models.verification import (
    Campaign,
    CampaignScope,
    CampaignTask,
    TaskStatus,
    VerificationMethod,
)
from api.services.keys import check_admin

TITLE_MAX_LENGTH = 200


@dataclass(frozen=True)
class TaskView:
    """An open task for an editor's home: which entry, in which campaign."""

    task_id: int
    campaign_id: int
    campaign_title: str
    access_point_id: str
    name: str
    organization_id: str
    version: int


@dataclass(frozen=True)
class CampaignView:
    """A campaign with its progress: ``done`` = ``unchanged`` + ``changed`` of ``total``."""

    id: int
    title: str
    scope: CampaignScope
    scope_values: tuple[str, ...]
    opened_at: datetime
    opened_by: str
    total: int
    unchanged: int
    changed: int

    @property
    def done(self) -> int:
        """Tasks checked, unchanged or changed."""
        return self.unchanged + self.changed

    @property
    def percent(self) -> int:
        """Share of the tasks done, 0-100 (rounded down)."""
        return 100 * self.done // self.total if self.total else 100

    @property
    def finished(self) -> bool:
        """Every task is done."""
        return self.done == self.total


_SCOPE_COLUMNS = {
    CampaignScope.ORGANIZATION: AccessPoint.organization_id,
    CampaignScope.KIND: AccessPoint.kind,
    CampaignScope.COMMUNE: AccessPoint.nis_code,
}


def open_campaign(
    *,
    session: Session,
    actor: Actor,
    title: str,
    scope: CampaignScope,
    values: Sequence[str],
    now: datetime,
) -> Campaign:
    """Open a campaign over the active entries whose organization id, kind or NIS code
    (after ``scope``) is one of ``values``: one ``to_do`` task per entry. Commits.

    Raises ``ForbiddenError`` (403) unless ``actor`` is an admin, ``InvalidQueryError``
    (422) for an empty or too long title, no values, or values matching no entry.
    """
    check_admin(actor)
    title = title.strip()
    if not title or len(title) > TITLE_MAX_LENGTH:
        raise InvalidQueryError(
            f"give the campaign a title of 1 to {TITLE_MAX_LENGTH} characters", loc=("title",)
        )
    wanted = sorted({v.strip() for v in values if v.strip()})
    if not wanted:
        raise InvalidQueryError("choose at least one value for the campaign", loc=("values",))
    column = _SCOPE_COLUMNS[scope]
    ids = session.exec(
        select(AccessPoint.id)
        .where(col(column).in_(wanted))
        .where(col(AccessPoint.status) != Status.INACTIVE.value)
        .order_by(col(AccessPoint.id))
    ).all()
    if not ids:
        raise InvalidQueryError(
            f"no active entry has {scope.value} {', '.join(wanted)}: check the values",
            loc=("values",),
        )
    campaign = Campaign(
        title=title, scope=scope, scope_values=wanted, opened_at=now, opened_by=actor.name
    )
    session.add(campaign)
    session.flush()
    assert campaign.id is not None
    session.add_all(CampaignTask(campaign_id=campaign.id, access_point_id=i) for i in ids)
    session.commit()
    session.refresh(campaign)
    return campaign


def campaign_views(*, session: Session) -> list[CampaignView]:
    """Every campaign with its counts of tasks by status, newest first."""
    counts: dict[int, dict[str, int]] = {}
    for campaign_id, status, n in session.exec(
        select(CampaignTask.campaign_id, CampaignTask.status, func.count()).group_by(
            col(CampaignTask.campaign_id), col(CampaignTask.status)
        )
    ).all():
        counts.setdefault(campaign_id, {})[str(status)] = n
    campaigns = session.exec(
        select(Campaign).order_by(col(Campaign.opened_at).desc(), col(Campaign.id).desc())
    ).all()
    views = []
    for c in campaigns:
        assert c.id is not None
        by_status = counts.get(c.id, {})
        views.append(
            CampaignView(
                id=c.id,
                title=c.title,
                scope=CampaignScope(c.scope),
                scope_values=tuple(c.scope_values),
                opened_at=c.opened_at,
                opened_by=c.opened_by,
                total=sum(by_status.values()),
                unchanged=by_status.get(TaskStatus.CHECKED_UNCHANGED.value, 0),
                changed=by_status.get(TaskStatus.CHANGED.value, 0),
            )
        )
    return views


def tasks_for(*, session: Session, account: Actor) -> list[TaskView]:
    """The open (``to_do``) tasks on the entries ``account`` may edit (all for an admin),
    oldest campaign first, then by entry name."""
    query = (
        select(CampaignTask, Campaign.title, AccessPoint)
        .join(Campaign, col(Campaign.id) == col(CampaignTask.campaign_id))
        .join(AccessPoint, col(AccessPoint.id) == col(CampaignTask.access_point_id))
        .where(col(CampaignTask.status) == TaskStatus.TO_DO.value)
        .order_by(col(Campaign.opened_at), col(Campaign.id), col(AccessPoint.name_fr))
    )
    allowed = account.organization_ids
    if allowed is not None and not account.is_admin:
        query = query.where(col(AccessPoint.organization_id).in_(sorted(allowed)))
    views = []
    for task, title, point in session.exec(query).all():
        assert task.id is not None
        views.append(
            TaskView(
                task_id=task.id,
                campaign_id=task.campaign_id,
                campaign_title=title,
                access_point_id=point.id,
                name=point.name_fr,
                organization_id=point.organization_id,
                version=point.version,
            )
        )
    return views


def close_tasks(
    *,
    session: Session,
    access_point_id: str,
    actor: Actor,
    now: datetime,
    changed: bool,
    method: VerificationMethod | None = None,
) -> int:
    """Mark the entry's open tasks as ``changed`` or ``checked_unchanged`` by ``actor`` at
    ``now``; returns how many. Does not commit."""
    tasks = session.exec(
        select(CampaignTask)
        .where(col(CampaignTask.access_point_id) == access_point_id)
        .where(col(CampaignTask.status) == TaskStatus.TO_DO.value)
    ).all()
    for task in tasks:
        task.status = TaskStatus.CHANGED if changed else TaskStatus.CHECKED_UNCHANGED
        task.done_at = now
        task.done_by = actor.name
        task.method = method
        session.add(task)
    session.flush()
    return len(tasks)


def record_check(
    *, session: Session, access_point_id: str, actor: Actor, now: datetime, changed: bool = True
) -> int:
    """For EDIT, after an edit of an entry was saved: its open campaign tasks become
    ``changed`` (``changed=False``: ``checked_unchanged``). Returns how many tasks were
    closed (0 when none were open). Commits."""
    closed = close_tasks(
        session=session, access_point_id=access_point_id, actor=actor, now=now, changed=changed
    )
    session.commit()
    return closed
