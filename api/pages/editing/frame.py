"""What every editors' page shares: its dependencies in one (``EditingDep``) and the
answer of its outcome in the workspace's frame (``answer_page``), a refusal of the domain
(404, 403, 412, 422) as a page in the editor's language, never a 500."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session

from api.clock import NowDep
from api.db import SessionDep
from api.errors import DomainError
from api.geocoding import Geocoder
from api.i18n import Language
from api.pages.accounts.context import workspace_context
from api.pages.accounts.session import EditorDep, SignedIn, WorkspaceLanguageDep
from api.pages.editing.outcome import Outcome, refusal
from api.pages.rendering import render_page
from api.routers.params import GeocoderDep

Flag = Annotated[bool, Query()]


@dataclass(frozen=True)
class Editing:
    """What every editors' page gets: the request, the session, the signed-in editor (or
    admin), the workspace's language, the clock and the geocoder."""

    request: Request
    session: Session
    account: SignedIn
    lang: Language
    now: datetime
    geocoder: Geocoder | None


def editing(
    request: Request,
    session: SessionDep,
    account: EditorDep,
    lang: WorkspaceLanguageDep,
    now: NowDep,
    geocoder: GeocoderDep,
) -> Editing:
    """The dependencies of an editors' page in one (an editor or an admin; else 303 to the
    sign-in page, or the 403 page for a worker)."""
    return Editing(request, session, account, lang, now, geocoder)


EditingDep = Annotated[Editing, Depends(editing)]


def answer_page(ctx: Editing, page: Callable[[], Outcome]) -> Response:
    """Run ``page`` and answer its outcome: a 303 redirect, or its template in the
    workspace's frame; a refusal of the domain becomes a page with its status."""
    try:
        outcome = page()
    except DomainError as exc:
        outcome = refusal(exc, lang=ctx.lang)
    return render_outcome(ctx.request, account=ctx.account, lang=ctx.lang, outcome=outcome)


def render_outcome(
    request: Request, *, account: SignedIn, lang: Language, outcome: Outcome, page: str = "home"
) -> Response:
    """An outcome as the answer: a 303 to its ``redirect``, or its template with its status in
    the workspace's frame (``page`` marks the current item of the workspace's menu)."""
    if outcome.redirect is not None:
        return RedirectResponse(outcome.redirect, status_code=303)
    context = workspace_context(request, account=account, lang=lang, title=outcome.title, page=page)
    context |= outcome.context
    return render_page(outcome.template, lang=lang, context=context, status_code=outcome.status)
