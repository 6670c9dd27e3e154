"""The keyset cursor every newest-first list hands out: an opaque, URL-safe token for the
position after one row (its time and id)."""

from __future__ import annotations

import base64
import binascii
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, and_, or_

from zorgafstemming.bounds import check_date

T = TypeVar("T")


class BadCursor(ValueError):
    """A cursor this service did not make (each list answers it as a 422 on its own field)."""


def encode_cursor(at: datetime, row_id: uuid.UUID) -> str:
    """An opaque cursor after the row of time ``at`` and id ``row_id``."""
    raw = f"{at.isoformat()}|{row_id}".encode()
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID]:
    """The time (with its offset) and id a cursor stands for; :class:`BadCursor` otherwise."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        moment, _, row_id = raw.partition("|")
        at = datetime.fromisoformat(moment)
        if at.tzinfo is None:
            raise ValueError("naive")
        # A made-up year 1 or 9999 would overflow when moved to UTC for the query.
        return check_date(at), uuid.UUID(row_id)
    except (ValueError, UnicodeDecodeError, binascii.Error):
        raise BadCursor("not a cursor") from None


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
    page = list(rows[:limit])
    more = len(rows) > limit and bool(page)
    return page, encode_cursor(*position(page[-1])) if more else None
