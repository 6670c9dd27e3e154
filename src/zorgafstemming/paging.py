"""Keyset paging, the one paging style of every list: an opaque, URL-safe cursor for the
position after one row, and the page of rows that follows it.

A list is ordered by a stable key that ends in the row's id, so ties never reorder between
requests: most lists by (time, id), a few by id alone. The cursor is that key, encoded; a
cursor the service did not make — garbage, or the other kind of key — is refused as a 422 on
the query parameter ``after``, never a server error.
"""

from __future__ import annotations

import base64
import binascii
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, and_, or_

from zorgafstemming.bounds import check_date
from zorgafstemming.problems import ValidationFailed

T = TypeVar("T")

# The query parameter every list reads its cursor from.
AFTER = "after"
# The most rows one page holds, and how many when the caller does not say.
PAGE_MAX = 100
PAGE_DEFAULT = 50


class BadCursor(ValueError):
    """A cursor this service did not make (each list answers it as a 422 on ``after``)."""


def encode_key(*parts: str) -> str:
    """An opaque cursor for a sort key of these parts (none may hold ``|``)."""
    return base64.urlsafe_b64encode("|".join(parts).encode()).decode("ascii").rstrip("=")


def decode_key(cursor: str, size: int) -> tuple[str, ...]:
    """The ``size`` parts of a cursor's sort key; :class:`BadCursor` for any other cursor."""
    try:
        parts = tuple(
            base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode().split("|")
        )
    except (ValueError, UnicodeDecodeError, binascii.Error):
        raise BadCursor("not a cursor") from None
    if len(parts) != size:
        raise BadCursor("not a cursor of this kind of list")
    return parts


def parse_time(text: str) -> datetime:
    """A cursor's time: ISO 8601 with an offset, in the accepted range; ValueError otherwise."""
    at = datetime.fromisoformat(text)
    if at.tzinfo is None:
        raise ValueError("naive")
    # A made-up year 1 or 9999 would overflow when moved to UTC for the query.
    return check_date(at)


def encode_cursor(at: datetime, row_id: uuid.UUID) -> str:
    """An opaque cursor after the row of time ``at`` and id ``row_id``."""
    return encode_key(at.isoformat(), str(row_id))


def decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID]:
    """The time (with its offset) and id a cursor stands for; :class:`BadCursor` otherwise."""
    moment, row_id = decode_key(cursor, 2)
    try:
        return parse_time(moment), uuid.UUID(row_id)
    except ValueError:
        raise BadCursor("not a cursor") from None


def encode_id_cursor(row_id: uuid.UUID) -> str:
    """An opaque cursor after the row ``row_id`` in a list ordered by id alone."""
    return encode_key(str(row_id))


def decode_id_cursor(cursor: str) -> uuid.UUID:
    """The id a cursor of a list ordered by id stands for; :class:`BadCursor` otherwise."""
    (row_id,) = decode_key(cursor, 1)
    try:
        return uuid.UUID(row_id)
    except ValueError:
        raise BadCursor("not a cursor") from None


def bad_after() -> ValidationFailed:
    """The 422 for a cursor this service did not hand out, naming the query parameter."""
    return ValidationFailed(
        "The cursor is not one this list handed out.",
        extra={"errors": [{"field": AFTER, "message": "not a cursor from a previous page"}]},
    )


def read_after(after: str | None) -> tuple[datetime, uuid.UUID] | None:
    """The (time, id) position of ``after``, None for the first page; a 422 for a bad one."""
    if not after:
        return None
    try:
        return decode_cursor(after)
    except BadCursor:
        raise bad_after() from None


def read_after_id(after: str | None) -> uuid.UUID | None:
    """The id position of ``after`` (a list ordered by id), None for the first page; a 422
    for a bad one."""
    if not after:
        return None
    try:
        return decode_id_cursor(after)
    except BadCursor:
        raise bad_after() from None


def beyond(
    at_column: Any, id_column: Any, cursor: tuple[datetime, uuid.UUID], *, newest_first: bool = True
) -> ColumnElement[bool]:
    """The rows that come after the cursor's row in a list ordered by (time, id): older ones
    in a newest-first list, newer ones in an oldest-first list."""
    at, row_id = cursor
    if newest_first:
        return or_(at_column < at, and_(at_column == at, id_column < row_id))
    return or_(at_column > at, and_(at_column == at, id_column > row_id))


def one_page(
    rows: Sequence[T], limit: int, position: Callable[[T], tuple[datetime, uuid.UUID]]
) -> tuple[list[T], str | None]:
    """The first ``limit`` of ``rows`` (fetched with ``limit + 1``) and the cursor after the
    last of them when more follow."""
    return page_of(rows, limit, lambda row: encode_cursor(*position(row)))


def one_id_page(
    rows: Sequence[T], limit: int, row_id: Callable[[T], uuid.UUID]
) -> tuple[list[T], str | None]:
    """:func:`one_page` for a list ordered by id alone."""
    return page_of(rows, limit, lambda row: encode_id_cursor(row_id(row)))


def page_of(
    rows: Sequence[T], limit: int, cursor: Callable[[T], str]
) -> tuple[list[T], str | None]:
    """The first ``limit`` of ``rows`` (fetched with ``limit + 1``) and ``cursor`` of the last
    of them when more follow."""
    page = list(rows[:limit])
    more = len(rows) > limit and bool(page)
    return page, cursor(page[-1]) if more else None
