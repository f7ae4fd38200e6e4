"""The change sequence: one counter that every write to what ``nearest`` answers advances.

Each worker process keeps an in-memory index of the places (``api.services.index``); it
compares the counter with the one its index was built at to know, with one tiny read, that
another process wrote. Advanced by database triggers (migration 0008) on ``access_point``,
``organization`` and ``closure``, so that no write path (API, pages, imports, seed, restores,
raw SQL) can forget it; a rolled-back write rolls the counter back with it.
"""

from sqlmodel import Field, SQLModel

CHANGE_SEQUENCE_ROW = 1
"""The id of the counter's one row."""


class ChangeSequence(SQLModel, table=True):
    """The one row (``id`` = ``CHANGE_SEQUENCE_ROW``) holding the counter ``value``."""

    __tablename__ = "change_sequence"

    id: int = Field(default=CHANGE_SEQUENCE_ROW, primary_key=True)
    value: int = Field(default=0)
