"""Ids made from names, when a write gives none: always a valid ``SlugStr`` (3 to 120 lower
case ASCII letters, digits and hyphens), so that whatever is created can be read, changed
and deleted by its URL."""

import re

from slugify import slugify

from api.errors import InvalidQueryError

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,118}[a-z0-9]$")
MAX_ID_LENGTH = 120


def slug_from_name(*, name: str, prefix: str, loc: tuple[str, ...]) -> str:
    """The slug of ``name`` (python-slugify: accents folded, punctuation dropped); when that
    is shorter than three characters (``"x"``, ``"ab"``), the slug of ``prefix`` and the
    name (``"guichet-x"``). Raises ``InvalidQueryError`` (422, at ``loc``) when the name has
    no letter or digit to make an id from (``"=>"``): the caller then gives an ``id``."""
    slug = slugify(name, max_length=MAX_ID_LENGTH)
    if slug and len(slug) < 3:
        slug = slugify(f"{prefix} {slug}", max_length=MAX_ID_LENGTH)
    if not _SLUG.match(slug):
        raise InvalidQueryError(
            f"the name {name!r} has no letter or digit to make an id from: give an `id` "
            "(3 to 120 lower-case letters, digits and hyphens) or a name with letters",
            loc=loc,
        )
    return slug
