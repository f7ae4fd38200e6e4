"""What an editors' page handler answers: a page to render, or a redirect after a save."""

from dataclasses import dataclass, field
from typing import Any


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
