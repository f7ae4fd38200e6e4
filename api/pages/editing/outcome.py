"""What an editors' page handler answers: a page to render, or a redirect after a save."""

from dataclasses import dataclass, field
from typing import Any

from api.errors import DomainError, ForbiddenError, NotFoundError, PreconditionFailedError
from api.i18n import Language
from api.pages.views import gettext_for


@dataclass
class Outcome:
    """``template`` rendered with ``context`` and ``status``, or, when ``redirect`` is set,
    a 303 to it (post/redirect/get: a reload does not post again). ``title``: the page's
    title, already translated."""

    template: str = ""
    title: str = ""
    context: dict[str, Any] = field(default_factory=dict)
    status: int = 200
    redirect: str | None = None


def refusal(exc: DomainError, *, lang: Language) -> Outcome:
    """A refusal of the write services (404, 403, 412, 422...) as a page with its status:
    what went wrong in the editor's language, and the service's own words (English) below."""
    _ = gettext_for(lang)
    headline = {
        NotFoundError: _("This entry does not exist."),
        ForbiddenError: _("You may not edit the entries of this organization."),
        PreconditionFailedError: _(
            "Someone else saved this entry meanwhile: open it again and redo your change."
        ),
    }.get(type(exc), _("This request was refused."))
    return Outcome("editing/refused.html", headline, {"detail": exc.message}, exc.status_code)
