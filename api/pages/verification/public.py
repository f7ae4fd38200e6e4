"""The public pages' warning on entries nobody checked for a year: "information from March
2025, call first" (issue 12, part 3; the rule is ``services.verification.call_first``)."""

from datetime import date

from babel.dates import format_date

from api.i18n import Language
from api.pages.views import gettext_for
from api.services.verification import call_first


def call_first_notice(verified_at: date | None, *, today: date, lang: Language) -> str | None:
    """The sentence for the place page and the slip in ``lang`` when the entry was never
    checked or last checked more than 365 days before ``today`` (the month and year of that
    check, in words), else None."""
    if not call_first(verified_at, today=today):
        return None
    _ = gettext_for(lang)
    if verified_at is None:
        return _("Information not checked by a person: call before going.")
    month = format_date(verified_at, "LLLL y", locale=lang)
    return _("Information from %(month)s: call before going.") % {"month": month}
