"""The keyset cursor every newest-first list hands out: an opaque, URL-safe token for the
position after one row (its time and id)."""

from __future__ import annotations

import base64
import binascii
import uuid
from datetime import datetime

from zorgafstemming.bounds import check_date


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
