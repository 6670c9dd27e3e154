"""The canonical bytes of a sealed audit event: what the Merkle tree hashes and the bundle carries.

Encoding, version 1 — a compact JSON object, UTF-8, no whitespace, with exactly these keys in
this order::

    v, seq, id, occurred_at, actor_ref, actor_org_ref, actor_role, action, object_type,
    object_ref, file_ref, data_category, outcome, policy_id, request_id, client_ref

- ``v`` is the integer 1; ``seq`` the event's 0-based position in the log (a JSON integer);
- ``id`` the event UUID in lowercase hyphenated form;
- ``occurred_at`` UTC as ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` (always six fraction digits);
- every other value is ``null`` or a string of 1 to 128 characters from ``[A-Za-z0-9._:/@+,-]``.

Because every string is restricted to characters JSON never escapes, each event has exactly one
encoding; :func:`decode` refuses any other spelling. The restricted alphabet also keeps free text
(names, notes) out of the audit trail by construction.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime

import msgspec

VERSION = 1
_TOKEN = re.compile(r"[A-Za-z0-9._:/@+,\-]{1,128}")
_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


class CanonicalError(ValueError):
    """Bytes that are not the canonical encoding of an event (the message names no values)."""


class CanonicalEvent(msgspec.Struct, forbid_unknown_fields=True):
    """The fields of an event in canonical order; see the module docstring for the rules."""

    v: int
    seq: int
    id: str
    occurred_at: str
    actor_ref: str | None
    actor_org_ref: str | None
    actor_role: str | None
    action: str | None
    object_type: str | None
    object_ref: str | None
    file_ref: str | None
    data_category: str | None
    outcome: str | None
    policy_id: str | None
    request_id: str | None
    client_ref: str | None


TOKEN_FIELDS: tuple[str, ...] = CanonicalEvent.__struct_fields__[4:]
_encoder = msgspec.json.Encoder()
_decoder = msgspec.json.Decoder(CanonicalEvent)


def is_token(value: str) -> bool:
    """True when ``value`` may appear in an audit event (short, from the restricted alphabet)."""
    return _TOKEN.fullmatch(value) is not None


def format_time(at: datetime) -> str:
    """The canonical spelling of a timestamp (UTC, microseconds, ``Z``)."""
    if at.tzinfo is None:
        raise CanonicalError("naive timestamp")
    return at.astimezone(UTC).strftime(_TIME_FORMAT)


def encode(event: CanonicalEvent) -> bytes:
    """The canonical bytes of ``event``; refuses values outside the rules."""
    if event.v != VERSION or event.seq < 0:
        raise CanonicalError("unsupported version or negative seq")
    for name in TOKEN_FIELDS:
        value = getattr(event, name)
        if value is not None and not is_token(value):
            raise CanonicalError(f"field {name} holds characters outside the audit alphabet")
    return _encoder.encode(event)


def decode(data: bytes) -> CanonicalEvent:
    """Parse canonical bytes; anything that does not re-encode to the same bytes is refused."""
    try:
        event = _decoder.decode(data)
    except msgspec.DecodeError as exc:
        raise CanonicalError(f"not a canonical event: {exc}") from None
    try:
        uuid.UUID(event.id)
        datetime.strptime(event.occurred_at, _TIME_FORMAT)
        again = encode(event)
    except ValueError as exc:
        raise CanonicalError(f"not a canonical event: {exc}") from None
    if again != data:
        raise CanonicalError("not in canonical form")
    return event


def event_from_row(row: object, seq: int) -> CanonicalEvent:
    """Build the canonical event of a database row (an ``AuditEvent`` or a result row)."""
    event_id = row.id  # type: ignore[attr-defined]
    occurred_at: datetime = row.occurred_at  # type: ignore[attr-defined]
    return CanonicalEvent(
        v=VERSION,
        seq=seq,
        id=str(event_id),
        occurred_at=format_time(occurred_at),
        **{name: getattr(row, name) for name in TOKEN_FIELDS},
    )
