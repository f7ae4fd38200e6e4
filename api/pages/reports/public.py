"""The public "Report a problem" form of a place: no sign-in, a CSRF token, a honeypot,
the limits of ``api.services.reports``; a thank-you page after."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session, select

from api.errors import NotFoundError
from api.i18n import Language
from api.models import AccessPoint
from api.models.reports import REPORT_TEXT_MAX_LENGTH, ProblemReportCreate, ReportKind
from api.pages.reports.labels import kind_labels
from api.pages.views import gettext_for
from api.services.reports import HoneypotError, TooManyReportsError, create_report


@dataclass
class ReportPage:
    """A page to render: ``template`` with ``context`` and ``status``."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)
    status: int = 200


def _place(session: Session, access_point_id: str, lang: Language) -> dict[str, str]:
    point = session.exec(select(AccessPoint).where(AccessPoint.id == access_point_id)).first()
    if point is None:
        raise NotFoundError(f"no access point with id {access_point_id!r}")
    names = {"fr": point.name_fr, "nl": point.name_nl, "en": point.name_en}
    return {"id": point.id, "name": names.get(lang) or point.name_fr}


def _form_context(
    place: dict[str, str],
    *,
    lang: Language,
    values: Mapping[str, str],
    errors: dict[str, list[str]],
) -> dict[str, Any]:
    _ = gettext_for(lang)
    return {
        "title": _("Report a problem: %(name)s") % {"name": place["name"]},
        "place": place,
        "kinds": [(kind.value, label) for kind, label in kind_labels(lang).items()],
        "values": dict(values),
        "errors": errors,
        "text_max": REPORT_TEXT_MAX_LENGTH,
        "limited": None,
    }


def show_report_form(*, session: Session, access_point_id: str, lang: Language) -> ReportPage:
    """The empty form. Raises NotFoundError (404) for an unknown place."""
    place = _place(session, access_point_id, lang)
    return ReportPage("reports/form.html", _form_context(place, lang=lang, values={}, errors={}))


def submit_report_form(
    *,
    session: Session,
    access_point_id: str,
    form: Mapping[str, Any],
    client_address: str,
    now: datetime,
    lang: Language,
) -> ReportPage:
    """Store the posted report (``kind``, ``text``, honeypot ``website``) and answer the
    thank-you page; the form again with errors beside their fields (422), or with the
    limit's message (429). Raises NotFoundError (404) for an unknown place."""
    _ = gettext_for(lang)
    place = _place(session, access_point_id, lang)
    values = {name: str(form.get(name, "")) for name in ("kind", "text", "website")}
    errors: dict[str, list[str]] = {}
    if values["kind"] not in {kind.value for kind in ReportKind}:
        errors["kind"] = [_("Choose what is wrong.")]
    if len(values["text"]) > REPORT_TEXT_MAX_LENGTH:
        errors["text"] = [
            _("At most %(max)d characters, please shorten it.") % {"max": REPORT_TEXT_MAX_LENGTH}
        ]
    if not errors:
        try:
            data = ProblemReportCreate(
                kind=ReportKind(values["kind"]),
                text=values["text"] or None,
                website=values["website"] or None,
            )
            receipt = create_report(
                session=session,
                access_point_id=access_point_id,
                data=data,
                client_address=client_address,
                now=now,
            )
        except (HoneypotError, ValidationError):
            errors["website"] = [_("Leave this field empty.")]
        except TooManyReportsError:
            context = _form_context(place, lang=lang, values=values, errors={})
            context["limited"] = _(
                "Too many reports were sent from here or about this place: please try again later."
            )
            return ReportPage("reports/form.html", context, 429)
        else:
            return ReportPage(
                "reports/thanks.html",
                {
                    "title": _("Thank you"),
                    "place": place,
                    "removed": receipt.removed_count,
                },
                201,
            )
    return ReportPage(
        "reports/form.html", _form_context(place, lang=lang, values=values, errors=errors), 422
    )
