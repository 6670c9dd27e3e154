"""HTTP API of the audit package: the DPO's review, export and resolve; the public key."""

from __future__ import annotations

import base64
import re
from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec
from litestar import Controller, Response, get
from litestar.params import Parameter
from sqlalchemy import select

from zorgafstemming.audit.bundle import encode_bundle, export_bundle
from zorgafstemming.audit.bundle_format import event_count
from zorgafstemming.audit.canonical import TOKEN_FIELDS
from zorgafstemming.audit.labels import GROUPS
from zorgafstemming.audit.models import AuditCheckpoint, AuditEvent
from zorgafstemming.audit.note import Signer
from zorgafstemming.audit.references import audit_prefix
from zorgafstemming.audit.resolve import resolve
from zorgafstemming.audit.schemas import (
    CheckpointOut,
    EventOut,
    EventPage,
    PublicKeyOut,
    ResolveIn,
    ResolveOut,
)
from zorgafstemming.audit.selection import Selection, account_filter, export_selection, file_filter
from zorgafstemming.audit.service import (
    OUTCOMES,
    EventFilter,
    list_events,
    record,
)
from zorgafstemming.authz.actions import Action
from zorgafstemming.authz.guard import post_as
from zorgafstemming.bounds import OutOfRange, check_date
from zorgafstemming.coordination.directory import MemberDirectory
from zorgafstemming.identity.auth import Caller
from zorgafstemming.paging import one_page, read_after
from zorgafstemming.paging_api import After, Limit
from zorgafstemming.problems import NotFoundError, ValidationFailed
from zorgafstemming.runtime import Runtime

_REF = re.compile(r"[0-9a-f]{64}")
_ACTION = re.compile(r"[a-z0-9_-]+:[a-z0-9_-]+:[a-z0-9_-]+")
# A date-time with its offset, as a query parameter (RFC 3339).
_MOMENT = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$"
Moment = Annotated[
    str | None, Parameter(pattern=_MOMENT, max_length=40, schema_extra={"format": "date-time"})
]
Ref = Annotated[str | None, Parameter(pattern=f"^{_REF.pattern}$", max_length=64)]


def _field_error(field_name: str, message: str) -> ValidationFailed:
    return ValidationFailed(
        "The query is not valid.", extra={"errors": [{"field": field_name, "message": message}]}
    )


def _event_out(event: AuditEvent) -> EventOut:
    # The DPO sees the same fields of an event as the canonical encoding seals.
    return EventOut(
        id=event.id,
        seq=event.seq,
        occurred_at=event.occurred_at,
        **{name: getattr(event, name) for name in TOKEN_FIELDS},
        sealed=event.seq is not None,
        body_purged=event.body_purged_at is not None,
    )


def _utc(name: str, text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise _field_error(name, "an RFC 3339 date-time, such as 2026-01-31T12:00:00Z") from None
    if value.tzinfo is None:
        raise _field_error(name, "give a time zone (for example 2026-01-31T12:00:00Z)")
    try:
        return check_date(value, name)
    except OutOfRange as exc:
        raise _field_error(name, str(exc)) from None


def _selection(
    since: str | None, until: str | None, file: str | None, account: str | None
) -> Selection:
    """An export's filter from its query parameters; a clear field error for a bad one."""
    file_hex = file_filter(file) if file is not None else None
    if file is not None and file_hex is None:
        raise _field_error(
            "file", "a short reference of eight characters, or a file ref of 64 hex characters"
        )
    if account is not None and account_filter(account) is None:
        raise _field_error("account", "a ref is 64 lowercase hexadecimal characters")
    return Selection(
        since=_utc("since", since), until=_utc("until", until), file=file_hex, account=account
    )


class AuditController(Controller):
    """Review and verify the audit trail (role ``dpo``); the public key is public."""

    path = "/audit"
    tags = ["audit"]

    @get("/events", opt={"action": Action.AUDIT_EVENT_LIST})
    async def list_events(
        self,
        caller: Caller,
        limit: Limit,
        after: After,
        since: Moment = None,
        until: Moment = None,
        actor_ref: Ref = None,
        actor_org_ref: Ref = None,
        file_ref: Ref = None,
        object_ref: Ref = None,
        event_action: str | None = Parameter(
            query="action", default=None, pattern=f"^{_ACTION.pattern}$", max_length=100
        ),
        outcome: Literal["allowed", "denied", "error"] | None = None,
        file_reference: str | None = Parameter(
            default=None,
            pattern=r"^[0-9A-Za-z\- ]{8,12}$",
            max_length=12,
            description="A file's short reference, as the pages show it (8 characters).",
        ),
        group: Literal["read", "change", "consent", "denied", "admin", "emergency"] | None = (
            Parameter(
                default=None,
                description="A kind of action: reads, changes, consent, refused requests,"
                " administration, or emergency access.",
            )
        ),
    ) -> EventPage:
        """Audit events, oldest first by (occurred_at, id), filtered by time range, refs, a
        file's short reference, action, kind of action and outcome; pass ``next`` as ``after``
        for the next page. Reading the trail adds to it, so page with an ``until`` to see a
        fixed stretch of it."""
        refs = {
            "actor_ref": actor_ref,
            "actor_org_ref": actor_org_ref,
            "file_ref": file_ref,
            "object_ref": object_ref,
        }
        for name, ref in refs.items():
            if ref is not None and not _REF.fullmatch(ref):
                raise _field_error(name, "a ref is 64 lowercase hexadecimal characters")
        if event_action is not None and not _ACTION.fullmatch(event_action):
            raise _field_error("action", "an action looks like scope:resource:verb")
        if outcome is not None and outcome not in OUTCOMES:
            raise _field_error("outcome", "one of allowed, denied, error")
        file_prefix = None
        if file_reference is not None:
            file_prefix = audit_prefix(file_reference)
            if file_prefix is None:
                raise _field_error("file_reference", "a file's short reference: 8 characters")
        if group is not None and group not in GROUPS:
            raise _field_error("group", "one of " + ", ".join(GROUPS))
        flt = EventFilter(
            since=_utc("since", since),
            until=_utc("until", until),
            action=event_action,
            outcome=outcome,
            file_prefix=file_prefix,
            group=group,
            **refs,
        )
        position = read_after(after)
        async with caller.unit_of_work() as uow:
            fetched = await list_events(uow, flt, limit=limit + 1, after=position)
            await record(
                uow, caller.ctx, Action.AUDIT_EVENT_LIST, "allowed", object_type="audit_events"
            )
        events, next_cursor = one_page(fetched, limit, lambda e: (e.occurred_at, e.id))
        return EventPage(items=[_event_out(e) for e in events], next=next_cursor)

    @get("/checkpoints/latest", opt={"action": Action.AUDIT_CHECKPOINT_READ})
    async def latest_checkpoint(self, runtime: Runtime) -> CheckpointOut:
        """The latest signed checkpoint; keep its note to check later exports against."""
        async with runtime.unit_of_work() as uow:
            latest = (
                await uow.session.scalars(
                    select(AuditCheckpoint).order_by(AuditCheckpoint.tree_size.desc()).limit(1)
                )
            ).first()
        if latest is None:
            raise NotFoundError("No checkpoint has been sealed yet.")
        return CheckpointOut(
            tree_size=latest.tree_size,
            root_hash=base64.b64encode(latest.root_hash).decode(),
            note=latest.note,
            sealed_at=latest.sealed_at,
        )

    @get("/checkpoints/public-key", opt={"action": Action.PUBLIC_AUDIT_KEY_READ})
    async def public_key(self, runtime: Runtime) -> PublicKeyOut:
        """The Ed25519 key that signs checkpoints, as a C2SP verifier key and raw base64."""
        verifier = Signer(runtime.secrets.signing_seed).verifier
        return PublicKeyOut(
            algorithm="Ed25519",
            key_name=verifier.name,
            vkey=verifier.vkey(),
            public_key=base64.b64encode(verifier.public).decode(),
        )

    @get("/export", opt={"action": Action.AUDIT_EXPORT_READ})
    async def export(
        self,
        caller: Caller,
        since: Moment = None,
        until: Moment = None,
        file: Annotated[
            str | None,
            Parameter(
                min_length=1,
                max_length=64,
                description="A file's short reference (eight characters, as people see it)"
                " or its whole audit ref (64 hexadecimal characters).",
            ),
        ] = None,
        account: Annotated[
            str | None,
            Parameter(
                pattern=f"^{_REF.pattern}$",
                max_length=64,
                description="An account's audit ref (from `/audit/resolve` or an event).",
            ),
        ] = None,
    ) -> Response[bytes]:
        """The sealed log for `audit verify`: without filters the whole log with every
        checkpoint and consistency proof; with ``since``/``until``/``file``/``account`` only the
        sealed events that match, each with its inclusion proof against the latest checkpoint
        and a signed note of the selection, so it verifies offline without the other events."""
        selection = _selection(since, until, file, account)
        runtime = caller.runtime
        async with caller.unit_of_work() as uow:
            seed, now = runtime.secrets.signing_seed, runtime.clock()
            if selection.is_empty:
                bundle = await export_bundle(uow.session, seed, now)
            else:
                bundle = await export_selection(uow.session, seed, now, selection)
            await record(
                uow, caller.ctx, Action.AUDIT_EXPORT_READ, "allowed", object_type="audit_bundle"
            )
        name = "audit-bundle" if selection.is_empty else "audit-selection"
        return Response(
            content=encode_bundle(bundle),
            media_type="application/json",
            headers={
                "content-disposition": f'attachment; filename="{name}-{event_count(bundle)}.json"'
            },
        )

    @post_as(Action.AUDIT_REF_RESOLVE, "/resolve", status_code=200)
    async def resolve_refs(self, caller: Caller, data: ResolveIn) -> ResolveOut:
        """Turn a person's national number or a file id into refs; the reason is recorded."""
        async with caller.unit_of_work() as uow:
            result = await resolve(
                uow,
                caller.ctx,
                MemberDirectory(),
                kind=data.kind,
                value=data.value,
                reason=data.reason,
            )
        return msgspec.convert(result, ResolveOut, from_attributes=True)


ROUTES: list[Any] = [AuditController]
