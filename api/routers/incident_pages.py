"""The pages of incident reports, for signed-in accounts (workers, editors, admins; others are
sent to the sign-in page and back): the form and its confirmation step, "my incidents" with
Withdraw buttons, and the admins' list with the texts. Each route calls one function of
``api.pages.incidents.pages``. Not part of the JSON API."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from api.clock import NowDep
from api.db import SessionDep
from api.errors import DomainError
from api.hours import to_brussels
from api.i18n import Language
from api.pages.accounts.session import AccountDep, AdminDep, SignedIn, WorkspaceLanguageDep
from api.pages.editing.frame import render_outcome
from api.pages.editing.outcome import Outcome, refusal
from api.pages.incidents import pages

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def _answer(
    request: Request, account: SignedIn, lang: Language, outcome: Outcome, page: str
) -> Response:
    return render_outcome(request, account=account, lang=lang, outcome=outcome, page=page)


@router.get("/incidents/new")
def new_incident_page(
    request: Request,
    session: SessionDep,
    account: AccountDep,
    lang: WorkspaceLanguageDep,
    now: NowDep,
    access_point: Annotated[str | None, Query(max_length=120)] = None,
) -> Response:
    """The incident form, dated today; ``?access_point=<id>`` names the place."""
    outcome = pages.show_new(
        session=session, lang=lang, today=to_brussels(now).date(), access_point_id=access_point
    )
    return _answer(request, account, lang, outcome, "incidents_new")


@router.post("/incidents/new")
async def review_incident_page(
    request: Request,
    session: SessionDep,
    account: AccountDep,
    lang: WorkspaceLanguageDep,
    now: NowDep,
) -> Response:
    """The confirmation step (the text as it will be stored), or the form with its errors."""
    form = await request.form()
    outcome = pages.review(session=session, form=form, now=now, lang=lang)
    return _answer(request, account, lang, outcome, "incidents_new")


@router.post("/incidents/confirm")
async def confirm_incident_page(
    request: Request,
    session: SessionDep,
    account: AccountDep,
    lang: WorkspaceLanguageDep,
    now: NowDep,
) -> Response:
    """Store the confirmed incident, then "my incidents"."""
    form = await request.form()
    outcome = pages.confirm(session=session, account=account, form=form, now=now, lang=lang)
    return _answer(request, account, lang, outcome, "incidents_new")


@router.get("/incidents/mine")
def my_incidents_page(
    request: Request,
    session: SessionDep,
    account: AccountDep,
    lang: WorkspaceLanguageDep,
    created: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    withdrawn: bool = False,
) -> Response:
    """The account's incidents, each with its Withdraw button."""
    outcome = pages.show_mine(
        session=session, account=account, lang=lang, created=created, withdrawn=withdrawn
    )
    return _answer(request, account, lang, outcome, "incidents_mine")


@router.post("/incidents/{incident_id}/withdraw")
def withdraw_incident_page(
    request: Request,
    session: SessionDep,
    account: AccountDep,
    lang: WorkspaceLanguageDep,
    incident_id: int,
) -> Response:
    """Withdraw one of the account's incidents; another's or an unknown one: 404 page."""
    try:
        outcome = pages.withdraw(
            session=session, account=account, incident_id=incident_id, lang=lang
        )
    except DomainError as exc:
        outcome = refusal(exc, lang=lang)
    return _answer(request, account, lang, outcome, "incidents_mine")


@router.get("/incidents")
def all_incidents_page(
    request: Request,
    session: SessionDep,
    account: AdminDep,
    lang: WorkspaceLanguageDep,
    now: NowDep,
) -> Response:
    """Every incident with its text: admins only (others get the 403 page)."""
    outcome = pages.show_all(
        session=session,
        lang=lang,
        now=now,
        retention_days=request.app.state.settings.incident_text_retention_days,
    )
    return _answer(request, account, lang, outcome, "incidents")
