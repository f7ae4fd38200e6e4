"""The signals and the reachability figure said in the reader's language (catalogue
``api/locales/{fr,nl}/LC_MESSAGES/signals.po``; the rules are in
``api.services.incidents.signals`` and ``.reachability``)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from babel.numbers import format_decimal
from sqlmodel import Session

from api.i18n import Language, babel_locale
from api.models.common import Kind
from api.models.incidents import IncidentKind
from api.models.reachability import ReachabilityPublic
from api.pages.rendering import translations
from api.services.incidents.reachability import phone_line_reachability, reachability_by_id
from api.services.incidents.signals import RecentSignals, recent_signals, recent_signals_for


def minutes_number(minutes: float, lang: Language) -> str:
    """A median in minutes as the reader writes numbers: "40", "37,5" (fr, nl), "37.5"."""
    return format_decimal(minutes, format="0.#", locale=babel_locale(lang))


def signal_lines(signals: RecentSignals | None, *, lang: Language) -> list[str]:
    """One sentence per kind reported, the most frequent first: "2 reports in 30 days:
    closed during announced hours", "1 report in 30 days: phone not answered; median wait
    40 min" (the wait when at least one report gives it). Empty without signals."""
    if signals is None:
        return []
    ngettext = translations(lang).ngettext
    lines = []
    for kind, count in signals.by_kind():
        words: dict[str, object] = {"num": count}
        if kind is IncidentKind.CLOSED_DURING_HOURS:
            line = ngettext(
                "%(num)d report in 30 days: closed during announced hours",
                "%(num)d reports in 30 days: closed during announced hours",
                count,
            )
        elif signals.median_wait_minutes is None:
            line = ngettext(
                "%(num)d report in 30 days: phone not answered",
                "%(num)d reports in 30 days: phone not answered",
                count,
            )
        else:
            words["minutes"] = minutes_number(signals.median_wait_minutes, lang)
            line = ngettext(
                "%(num)d report in 30 days: phone not answered; median wait %(minutes)s min",
                "%(num)d reports in 30 days: phone not answered; median wait %(minutes)s min",
                count,
            )
        lines.append(line % words)
    return lines


def signal_lines_by_id(
    *, session: Session, access_point_ids: Sequence[str], now: datetime, lang: Language
) -> dict[str, list[str]]:
    """``signal_lines`` of each of ``access_point_ids`` that has signals, by id, from one
    query (``recent_signals``): for the search results the page displays."""
    found = recent_signals(session=session, access_point_ids=access_point_ids, now=now)
    return {pid: signal_lines(signals, lang=lang) for pid, signals in found.items()}


def reachability_text(figure: ReachabilityPublic, *, lang: Language) -> str:
    """The figure in a sentence: "From 7 reports in 12 months: answered 3 times in 7;
    median wait 35 min", or that there is no report."""
    translation = translations(lang)
    if not figure.reports:
        return translation.gettext("No incident report on this line in 12 months.")
    source = translation.ngettext(
        "From %(num)d report in 12 months", "From %(num)d reports in 12 months", figure.reports
    ) % {"num": figure.reports}
    answered = translation.ngettext(
        "answered %(answered)d time in %(num)d",
        "answered %(answered)d times in %(num)d",
        figure.answered,
    ) % {"answered": figure.answered, "num": figure.reports}
    if figure.median_wait_minutes is None:
        return translation.gettext("%(source)s: %(answered)s") % {
            "source": source,
            "answered": answered,
        }
    return translation.gettext("%(source)s: %(answered)s; median wait %(minutes)s min") % {
        "source": source,
        "answered": answered,
        "minutes": minutes_number(figure.median_wait_minutes, lang),
    }


def reachability_texts_by_id(
    *, session: Session, phone_line_ids: Sequence[str], now: datetime, lang: Language
) -> dict[str, str]:
    """``reachability_text`` of each of ``phone_line_ids`` that has phone reports in the 12
    months up to ``now``, by id, from one query (``reachability_by_id``): for ``/lines``."""
    found = reachability_by_id(session=session, access_point_ids=phone_line_ids, now=now)
    return {pid: reachability_text(figure, lang=lang) for pid, figure in found.items()}


@dataclass(frozen=True, slots=True)
class PlaceSignals:
    """What the place page says about workers' reports: the recent signals' sentences and,
    for a phone line, its reachability in a sentence (None for other kinds)."""

    lines: list[str]
    reachability: str | None


def place_signals(
    *, session: Session, access_point_id: str, kind: Kind, now: datetime, lang: Language
) -> PlaceSignals:
    """The place page's signals of ``access_point_id`` (of ``kind``) up to ``now``."""
    signals = recent_signals_for(session=session, access_point_id=access_point_id, now=now)
    reachability = None
    if kind is Kind.PHONE_LINE:
        figure = phone_line_reachability(session=session, access_point_id=access_point_id, now=now)
        reachability = reachability_text(figure, lang=lang)
    return PlaceSignals(signal_lines(signals, lang=lang), reachability)
