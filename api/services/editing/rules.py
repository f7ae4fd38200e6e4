"""Rules every access-point write follows before it is stored (``editing.save_access_point``):
the address completed from the reference data, a better location kept, a warning for a
schedule that says nothing about public holidays, and what opening_hours.js says of the
schedule as written, and sun times only where there is a place to compute them."""

from sqlmodel import Session, col, select

from api.errors import InvalidQueryError
from api.hours import needs_coordinates, review_opening_hours
from api.models import AccessPoint, AccessPointCreate, Municipality, Postcode
from api.models.common import Kind, Precision

# Kinds with opening hours that the public holidays concern (an outreach session follows its
# host venue's calendar).
_SCHEDULED = frozenset({Kind.GUICHET, Kind.EPN, Kind.PHONE_LINE})
_BETTER_THAN_POSTCODE = frozenset({Precision.BUILDING.value, Precision.STREET.value})


def complete_address(*, session: Session, data: AccessPointCreate) -> AccessPointCreate:
    """``data`` with its address completed from the reference tables: the NIS code of a
    postcode that lies in one municipality only, and the (French) name of the municipality
    of the NIS code. What the write gives is never replaced. Unknown codes are left as
    they are (``check_address`` refuses them)."""
    address = data.address
    if address is None:
        return data
    nis_code = address.nis_code
    if nis_code is None and address.postcode is not None:
        codes = set(
            session.exec(
                select(Postcode.nis_code).where(col(Postcode.postcode) == address.postcode)
            ).all()
        )
        if len(codes) == 1:
            nis_code = codes.pop()
    municipality = address.municipality
    if municipality is None and nis_code is not None:
        found = session.get(Municipality, nis_code)
        municipality = found.name_fr if found is not None else None
    if (nis_code, municipality) == (address.nis_code, address.municipality):
        return data
    completed = address.model_copy(update={"nis_code": nis_code, "municipality": municipality})
    return data.model_copy(update={"address": completed})


def same_address(current: AccessPoint, data: AccessPointCreate) -> bool:
    """True when ``data`` gives the stored street, postcode and NIS code (the municipality's
    name does not move a place)."""
    address = data.address
    given = (address.street, address.postcode, address.nis_code) if address else (None,) * 3
    return given == (current.street, current.postcode, current.nis_code)


def kept_location(
    current: AccessPoint | None, data: AccessPointCreate
) -> tuple[float, float, Precision] | None:
    """The stored location, when the write gives none and keeps the address while the stored
    one is better than the postcode's centre: a location is never replaced by a worse one
    unless the write says so (it sends ``location``, or a new address). Else None."""
    if current is None or data.location is not None or not same_address(current, data):
        return None
    if current.lat is None or current.lon is None:
        return None
    if current.location_precision not in _BETTER_THAN_POSTCODE:
        return None
    return current.lat, current.lon, Precision(current.location_precision)


def public_holiday_warnings(data: AccessPointCreate) -> list[str]:
    """A warning when the schedule of a counter, digital space or phone line says nothing
    about the public holidays (no ``PH`` rule): the evaluator then opens it on them as on
    any other day, while a Belgian public administration is closed (DESIGN.md). ``24/7``
    needs no rule: it says every day. Empty when there is nothing to say."""
    hours = data.opening_hours
    if data.kind not in _SCHEDULED or hours is None or "PH" in hours or hours == "24/7":
        return []
    return [
        f"no rule for public holidays: opening_hours {hours!r} open on the 10 Belgian public "
        "holidays as on any other day; if it closes on them (a public administration "
        "does), add `PH off`; if it opens on them, say when: `PH 09:00-12:00`, or `PH open` "
        "(all day)"
    ]


def hours_rewritten(data: AccessPointCreate) -> tuple[str, str] | None:
    """``(written, stored)`` when the write's ``opening_hours`` is stored in another form
    than it was written (opening_hours.js' canonical form, ``validate_opening_hours``);
    else None."""
    written, stored = data.written_opening_hours, data.opening_hours
    if written is None or stored is None or written == stored:
        return None
    return written, stored


def hours_notices(data: AccessPointCreate) -> list[str]:
    """A notice when ``opening_hours`` was stored in its canonical form, with before and
    after; empty otherwise."""
    rewritten = hours_rewritten(data)
    if rewritten is None:
        return []
    return [
        f"opening_hours {rewritten[0]!r} stored in its canonical form {rewritten[1]!r} "
        "(as opening_hours.js writes it)"
    ]


def hours_warnings(data: AccessPointCreate) -> list[str]:
    """The warnings of opening_hours.js, the reference, on ``opening_hours`` as written
    (``"opening_hours 'Mo-Fr 9am-5pm': near 'Mo-Fr 9am': Please use time format in 24 hours
    notation..."``); empty when it has none."""
    written = data.written_opening_hours
    if written is None or data.opening_hours is None:
        return []
    review = review_opening_hours(written)
    return [f"opening_hours {written!r}: {warning}" for warning in review.warnings]


def check_sun_times(*, data: AccessPointCreate, located: bool) -> None:
    """Refuse ``sunrise``, ``sunset``, ``dawn`` or ``dusk`` in ``opening_hours`` where they
    cannot be computed: for a phone line (no place), or an access point without a location
    (``located``: it has coordinates once stored, given, kept, geocoded or its postcode's
    centroid: ten kilometres east or west of the door move sunrise by about half a minute,
    1 degree of longitude being 4 minutes). opening_hours.js computes them at the place's
    coordinates (DESIGN.md); without them every answer would be unknown. Raises
    ``InvalidQueryError`` (422) at ``body.opening_hours``, saying why and what to write
    instead."""
    value = data.opening_hours
    if value is None or not needs_coordinates(value):
        return
    if data.kind is Kind.PHONE_LINE:
        where = "a phone line has no place where the sun rises or sets"
    elif not located:
        where = "this access point has no location (give location, or an address with a postcode)"
    else:
        return
    raise InvalidQueryError(
        f"opening_hours {value!r} uses sunrise, sunset, dawn or dusk, which are computed at "
        f"the place's coordinates, but {where}: write clock times instead (e.g. 08:00-17:00)",
        loc=("body", "opening_hours"),
    )
