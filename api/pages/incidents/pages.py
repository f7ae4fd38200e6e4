"""The incident pages' handlers: the form (``/incidents/new``), its confirmation step that
shows the text as it will be stored, the storing, "my incidents" with their Withdraw button,
and the admins' list with the texts. Each answers an ``Outcome`` (a page or a redirect)."""

from datetime import date, datetime
from typing import Any

from babel.dates import format_date
from sqlmodel import Session

from api.errors import InvalidQueryError
from api.hours import to_brussels
from api.i18n import Language, babel_locale
from api.models.incidents_public import IncidentPublic
from api.pages.accounts.session import SignedIn
from api.pages.editing.outcome import Outcome
from api.pages.incidents.form import (
    FormValues,
    choices,
    empty_form,
    place_name,
    problem_message,
    read_form,
    to_create,
)
from api.pages.views import gettext_for, instant_text, theme_label
from api.services.incidents import (
    create_incident,
    find_problems,
    list_incidents,
    list_my_incidents,
    preview_incident,
    withdraw_incident,
)
from api.services.incidents.vocabulary import channel_labels, consequence_labels, kind_labels


def reporter_of(account: SignedIn) -> str:
    """How an account is recorded as an incident's reporter."""
    return f"account:{account.account_id}"


def _form(session: Session, *, values: FormValues, lang: Language, status: int = 200) -> Outcome:
    _ = gettext_for(lang)
    fixed = values.single.get("access_point_id", "")
    name = place_name(session=session, access_point_id=fixed, lang=lang) if fixed else None
    context = choices(session=session, lang=lang) | values.context() | {"place_name": name}
    return Outcome("incidents/form.html", _("Report an incident"), context, status)


def show_new(
    *, session: Session, lang: Language, today: date, access_point_id: str | None
) -> Outcome:
    """The empty form, dated ``today``; ``access_point_id`` (from a place page's link)
    prefills the service and shows the place's name when it exists."""
    known = access_point_id and place_name(
        session=session, access_point_id=access_point_id, lang=lang
    )
    values = empty_form(today=today, access_point_id=access_point_id if known else None)
    return _form(session, values=values, lang=lang)


def _checked(session: Session, form: Any, *, now: datetime, lang: Language) -> Any:
    """The posted form read and checked: (values, IncidentCreate or None)."""
    values = read_form(form)
    data, checked = to_create(values, lang=lang)
    if checked is not None:
        in_error = set(values.errors)
        for problem in find_problems(session=session, data=checked, now=now):
            # With the kinds in error, a stand-in kind would misjudge the minutes and days.
            tied = problem.field in ("wait_minutes", "delay_days") and "kinds" in in_error
            if problem.field in in_error or tied:
                continue
            values.errors.setdefault(problem.field, []).append(problem_message(problem, lang))
    return values, (data if not values.errors else None)


def day_text(day: date, lang: Language) -> str:
    """A day for people, in ``lang`` ("22 novembre 2026")."""
    return format_date(day, "long", locale=babel_locale(lang))


def summary(
    incident: IncidentPublic | Any, *, lang: Language, service_name: str
) -> list[tuple[str, str]]:
    """The structured fields of an incident as (label, value) lines in ``lang``."""
    _ = gettext_for(lang)
    kinds, channels = kind_labels(lang), channel_labels(lang)
    consequences = consequence_labels(lang)
    lines = [
        (_("Date"), day_text(incident.occurred_on, lang)),
        (_("Service"), service_name),
        (_("Channel tried"), channels[incident.channel]),
        (_("What happened"), "; ".join(kinds[k] for k in incident.kinds)),
    ]
    if incident.wait_minutes is not None:
        lines.append((_("Minutes waited"), str(incident.wait_minutes)))
    if incident.delay_days is not None:
        lines.append((_("Days of delay"), str(incident.delay_days)))
    if incident.consequences:
        lines.append((_("Consequences"), "; ".join(consequences[c] for c in incident.consequences)))
    if incident.theme:
        lines.append((_("Need"), theme_label(incident.theme, lang)))
    if incident.worker_minutes is not None:
        lines.append((_("Your minutes spent"), str(incident.worker_minutes)))
    return lines


def review(*, session: Session, form: Any, now: datetime, lang: Language) -> Outcome:
    """The posted form: again with its errors beside their fields (422), again as it was
    (the "Change" button, ``step=edit``), or the confirmation step showing the text as it
    will be stored and the summary, with the values carried in hidden fields."""
    _ = gettext_for(lang)
    values, data = _checked(session, form, now=now, lang=lang)
    if str(form.get("step", "")) == "edit":
        values.errors = {}
        return _form(session, values=values, lang=lang)
    if data is None:
        return _form(session, values=values, lang=lang, status=422)
    preview = preview_incident(text=data.text, now=now)
    # The hidden text is the scrubbed one: what is stored is what was shown.
    values.single["text"] = preview.text or ""
    service = (
        data.other_service_name
        or (
            data.access_point_id
            and place_name(session=session, access_point_id=data.access_point_id, lang=lang)
        )
        or dict(choices(session=session, lang=lang)["organizations"]).get(
            data.organization_id or "", ""
        )
    )
    hidden = [(k, v) for k, v in values.single.items() if v] + [
        (k, v) for k, items in values.lists.items() for v in items
    ]
    return Outcome(
        "incidents/review.html",
        _("Check and confirm"),
        {
            "preview": preview,
            "summary": summary(data, lang=lang, service_name=service),
            "hidden": hidden,
        },
    )


def confirm(
    *, session: Session, account: SignedIn, form: Any, now: datetime, lang: Language
) -> Outcome:
    """Store the confirmed incident as ``account``'s, then to "my incidents" (303); the
    form with its errors when something no longer holds (422)."""
    values, data = _checked(session, form, now=now, lang=lang)
    if data is None:
        return _form(session, values=values, lang=lang, status=422)
    try:
        receipt = create_incident(
            session=session, data=data, reporter=reporter_of(account), now=now
        )
    except InvalidQueryError as exc:  # a place deleted meanwhile
        values.errors[exc.loc[-1]] = [exc.message]
        return _form(session, values=values, lang=lang, status=422)
    return Outcome(redirect=f"/incidents/mine?lang={lang}&created={receipt.id}")


def _rows(incidents: list[Any], lang: Language) -> list[dict[str, Any]]:
    return [
        {
            "incident": incident,
            "summary": summary(incident, lang=lang, service_name=incident.service_name),
            "day": day_text(incident.occurred_on, lang),
            "received": instant_text(incident.created_at, lang),
        }
        for incident in incidents
    ]


def show_mine(
    *, session: Session, account: SignedIn, lang: Language, created: int | None, withdrawn: bool
) -> Outcome:
    """The account's incidents, newest first, each with a Withdraw button; a notice after
    storing (``created``) or withdrawing one."""
    _ = gettext_for(lang)
    notice = None
    if created is not None:
        notice = _("Your incident report was stored. Thank you.")
    elif withdrawn:
        notice = _("The incident report was withdrawn.")
    incidents = list_my_incidents(session=session, reporter=reporter_of(account))
    return Outcome(
        "incidents/mine.html",
        _("My incidents"),
        {"rows": _rows(incidents, lang), "notice": notice},
    )


def withdraw(*, session: Session, account: SignedIn, incident_id: int, lang: Language) -> Outcome:
    """Delete one of the account's incidents, then back to the list (303). Another's or an
    unknown one: NotFoundError (404)."""
    withdraw_incident(session=session, reporter=reporter_of(account), incident_id=incident_id)
    return Outcome(redirect=f"/incidents/mine?lang={lang}&withdrawn=1")


def show_all(*, session: Session, lang: Language, now: datetime, retention_days: int) -> Outcome:
    """Every incident with its text (admins only: the router checks), the expired texts
    emptied first."""
    _ = gettext_for(lang)
    incidents = list_incidents(session=session, now=now, retention_days=retention_days)
    return Outcome(
        "incidents/admin.html",
        _("Incident reports"),
        {
            "rows": _rows(incidents, lang),
            "retention_days": retention_days,
            "today": to_brussels(now).date().isoformat(),
        },
    )
