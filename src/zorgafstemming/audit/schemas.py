"""Request and response structs of the audit API (msgspec; never the ORM models)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

import msgspec
from msgspec import Meta


class EventOut(msgspec.Struct):
    """One audit event as the DPO sees it: refs only, never names."""

    id: uuid.UUID
    seq: int | None
    occurred_at: datetime
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
    sealed: bool
    body_purged: bool


class EventPage(msgspec.Struct):
    """A page of audit events, oldest first by (occurred_at, id); pass ``next`` as ``after``
    for the next page (null on the last)."""

    items: list[EventOut]
    next: str | None


class CheckpointOut(msgspec.Struct):
    """The latest signed tree head; ``note`` is the C2SP checkpoint to keep for later checks."""

    tree_size: int
    root_hash: str
    note: str
    sealed_at: datetime


class PublicKeyOut(msgspec.Struct):
    """The checkpoint verification key (safe to publish)."""

    algorithm: str
    key_name: str
    vkey: str
    public_key: str


class ResolveIn(msgspec.Struct, forbid_unknown_fields=True):
    """Turn a person (national number) or a file id into audit refs; the reason is required."""

    kind: Literal["person", "file"]
    value: Annotated[str, Meta(min_length=1, max_length=64)]
    reason: Annotated[str, Meta(min_length=1, max_length=1000)]


class ResolveOut(msgspec.Struct):
    """Refs to filter ``/audit/events`` with; empty lists when nothing matches."""

    resolution_id: uuid.UUID
    kind: str
    actor_refs: list[str]
    file_refs: list[str]
    object_refs: list[str]


class AccessLogEntry(msgspec.Struct):
    """One access to a family's file, in plain terms."""

    at: datetime
    organisation: str | None
    role: str | None
    verb: str
    part: str | None
    # Set when the access was an emergency access: its legal ground (risk_to_child,
    # court_order or other).
    emergency_ground: str | None = None


class AccessLogPage(msgspec.Struct):
    """A page of the access log, newest first; pass ``next`` as ``after`` for the next page
    (null on the last)."""

    items: list[AccessLogEntry]
    next: str | None
