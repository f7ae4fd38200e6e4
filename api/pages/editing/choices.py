"""The options of the editors' select inputs, in the editor's language."""

from functools import lru_cache

from sqlmodel import Session, col, select

from api.i18n import Language
from api.models import Organization
from api.models.common import Kind, Precision, Status, Theme, Wheelchair
from api.models.editing import Actor
from api.models.verification import VerificationMethod
from api.pages.views import gettext_for, kind_label, theme_label

Options = list[tuple[str, str]]


def status_options(lang: Language) -> Options:
    """Active, temporarily closed, inactive."""
    _ = gettext_for(lang)
    return [
        (Status.ACTIVE.value, _("Active")),
        (Status.TEMPORARILY_CLOSED.value, _("Temporarily closed")),
        (Status.INACTIVE.value, _("Inactive (closed for good)")),
    ]


@lru_cache(maxsize=8)
def access_point_choices_names(lang: Language) -> dict[str, Options]:
    """The controlled values of an access point and their names in ``lang``: kinds,
    statuses, themes, wheelchair access, yes/no, precisions, verification methods (no
    database needed)."""
    _ = gettext_for(lang)
    return {
        "kinds": [(k.value, kind_label(k, lang)) for k in Kind],
        "statuses": status_options(lang),
        "themes": [(t.value, theme_label(t, lang)) for t in Theme],
        "wheelchair": [
            (Wheelchair.UNKNOWN.value, _("Not known")),
            (Wheelchair.YES.value, _("Yes")),
            (Wheelchair.LIMITED.value, _("Limited")),
            (Wheelchair.NO.value, _("No")),
        ],
        "tristate": [("yes", _("Yes")), ("no", _("No"))],
        "precisions": [
            (Precision.BUILDING.value, _("The building")),
            (Precision.STREET.value, _("The street")),
        ],
        "methods": [
            (VerificationMethod.PHONE_CALL.value, _("by phone")),
            (VerificationMethod.VISIT.value, _("by a visit")),
            (VerificationMethod.WEBSITE.value, _("on its website")),
            (VerificationMethod.EMAIL.value, _("by e-mail")),
            (VerificationMethod.DOCUMENT.value, _("from a document of the organization")),
        ],
    }


def access_point_choices(*, session: Session, actor: Actor, lang: Language) -> dict[str, Options]:
    """Every select of the access point form: organizations the actor may edit (all for an
    admin), kinds, statuses, themes, wheelchair access, yes/no/unknown, precisions."""
    query = select(Organization).order_by(col(Organization.name))
    if actor.organization_ids is not None and not actor.is_admin:
        query = query.where(col(Organization.id).in_(actor.organization_ids))
    organizations = [(o.id, o.name) for o in session.exec(query)]
    return {"organizations": organizations, **access_point_choices_names(lang)}
