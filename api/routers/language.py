"""The ``lang`` query parameter and ``Accept-Language``: the language of the texts in words
(``opening.text``, ``warning``, ``week``), for every endpoint that returns access points."""

from typing import Annotated

from fastapi import Depends, Header, Query, Response

from api.i18n import Language, negotiate_language

LANGUAGE_HEADERS = {"Vary": "Accept-Language"}
"""Sent with every answer whose words depend on the language (caches must key on it)."""


async def response_language(
    response: Response,
    lang: Annotated[
        Language | None,
        Query(
            description="Language of the texts in words (opening.text, opening.warning, week): "
            "fr, nl or en. Default: the best of them in Accept-Language, else fr.",
            examples=["nl"],
        ),
    ] = None,
    accept_language: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> Language:
    """The language of the answer (``negotiate_language``: ``lang``, then the
    ``Accept-Language`` header with its q-values, then ``fr``); sets ``Content-Language`` and
    ``Vary: Accept-Language`` on the response. An unsupported ``lang`` is a 422 (FastAPI
    validation). Async: it does not block, so FastAPI runs it without a thread hop."""
    chosen = negotiate_language(lang, accept_language)
    response.headers["Content-Language"] = chosen
    response.headers.update(LANGUAGE_HEADERS)
    return chosen


LangDep = Annotated[Language, Depends(response_language)]
