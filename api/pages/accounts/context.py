"""What every workspace page (``workspace/base.html``) needs in its template context."""

from typing import Any

from fastapi import Request

from api.i18n import Language
from api.pages.accounts.session import SignedIn
from api.pages.csrf import csrf_token
from api.pages.views import gettext_for


def workspace_nav(*, account: SignedIn | None, lang: Language) -> list[dict[str, str]]:
    """The workspace's menu for ``account``: ``[{"page", "href", "label"}]``; the editing
    pages for editors and admins (a worker would get their 403 page); the incident reports'
    pages for every account (the list of all with their texts for admins only); the
    accounts page for admins only; nothing when signed out."""
    if account is None:
        return []
    _ = gettext_for(lang)
    items = []
    if account.is_editor:
        items += [
            {"page": "home", "href": "/edit", "label": _("Home")},
            {"page": "verification", "href": "/edit/verification", "label": _("Verification")},
            {"page": "campaigns", "href": "/edit/campaigns", "label": _("Campaigns")},
            {"page": "reports", "href": "/edit/reports", "label": _("Problem reports")},
        ]
    items += [
        {"page": "incidents_new", "href": "/incidents/new", "label": _("New incident")},
        {"page": "incidents_mine", "href": "/incidents/mine", "label": _("My incidents")},
    ]
    if account.is_admin:
        items.append({"page": "incidents", "href": "/incidents", "label": _("Incidents")})
        items.append({"page": "accounts", "href": "/edit/accounts", "label": _("Accounts")})
    return items


def workspace_context(
    request: Request, *, account: SignedIn | None, lang: Language, title: str, page: str
) -> dict[str, Any]:
    """The context of ``workspace/base.html``: ``csrf_token`` (for every form and the
    sign-out button), ``account``, ``title`` (already translated), ``page`` (the nav item
    marked current: home, verification, campaigns, reports, accounts, login), ``nav``,
    ``path`` and ``params`` (for the language switch); ``render_page`` adds ``lang``.
    Add the page's own keys to the returned dict and pass it to ``render_page``."""
    return {
        "csrf_token": csrf_token(request),
        "account": account,
        "title": title,
        "page": page,
        "nav": workspace_nav(account=account, lang=lang),
        "path": request.url.path,
        "params": dict(request.query_params),
    }
