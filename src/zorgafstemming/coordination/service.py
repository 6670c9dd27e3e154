"""Coordination services: each public function is one transaction that checks consent, reads or
writes, and appends exactly one audit event per file it touches — allowed or denied.

The access rule: a staff member acts on a file only when their organisation is a participant
and a consent in force names that organisation for the action's purpose and the data category
and members at hand. The consent facts come from ONE query inside the same transaction that
reads the data (:func:`load_facts`), so a withdrawal that has committed is seen by every later
request; the decision itself is Cedar's (``runtime.authz.decide``), whose policy id goes into the
audit event. Expiry, a 12th birthday and the file closing when no valid consent remains are
decided here at read time, never by a job.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, Literal

from sqlalchemy import Uuid, bindparam, delete, exists, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from zorgafstemming.audit.service import AuditContext, append
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import rules
from zorgafstemming.coordination.models import (
    ConsentEvent,
    ConsentMember,
    ConsentRecipient,
    ConsentRecord,
    CoordinationFile,
    Entry,
    EntryMember,
    Member,
    Notification,
    Participant,
)
from zorgafstemming.coordination.rules import ConsentFacts, MemberFacts, MemberRole
from zorgafstemming.coordination.schemas import (
    ConsentEventView,
    ConsentIn,
    ConsentTerms,
    ConsentView,
    EntryIn,
    EntryPage,
    EntryView,
    FamilyConsentIn,
    FamilyExport,
    FamilyFileSummary,
    FamilyFileView,
    FileCreate,
    FilePage,
    FileSummary,
    FileView,
    InvitationView,
    MemberIn,
    MemberView,
    NotificationView,
    ParticipantView,
    RenewIn,
)
from zorgafstemming.coordination.vocabulary import MEMBER_FIELDS, Vocabulary, vocabulary
from zorgafstemming.crypto.fields import DataKey
from zorgafstemming.db import new_id
from zorgafstemming.identity.models import Account, Organisation
from zorgafstemming.identity.principal import Principal, Role
from zorgafstemming.problems import ConflictError, NotFoundError, ProblemError, ValidationFailed
from zorgafstemming.runtime import Runtime

FILE_OWNER = "file"
INSZ_INDEX = "members.insz"
OBJECT_FILE = "coordination_file"
PAGE_MAX = 100


class ConsentRequired(ProblemError):
    """No consent in force names the caller's organisation for what the request needs."""

    status = 422
    slug = "consent-required"
    title = "Consent required"


class FileClosed(ProblemError):
    """The file is closed: no new consent, entry or participant."""

    status = 409
    slug = "file-closed"
    title = "File closed"


def _file_not_found() -> NotFoundError:
    # One message for "does not exist" and "not yours": the two must look identical.
    return NotFoundError("No such file.")


# --- consent facts -------------------------------------------------------------------------


@dataclass
class FileFacts:
    """The facts one access decision needs, from one query in the reading transaction."""

    file_id: uuid.UUID
    status: str
    lead: uuid.UUID
    opened_at: datetime
    closed_at: datetime | None
    is_participant: bool
    consents: list[ConsentFacts] = field(default_factory=list)
    members: dict[uuid.UUID, MemberFacts] = field(default_factory=dict)
    records: dict[uuid.UUID, dict[str, Any]] = field(default_factory=dict)
    expiry_recorded: set[uuid.UUID] = field(default_factory=set)
    key: DataKey | None = None

    @property
    def is_open(self) -> bool:
        return self.status == "open"


def _facts_query() -> Any:
    """The consent-facts statement, built once; ``file_id`` and ``organisation_id`` are bound
    per request (building it per request cost more than running it)."""
    file_id = bindparam("file_id", type_=Uuid)
    organisation_id = bindparam("organisation_id", type_=Uuid)
    covered = aliased(Member)
    giver = aliased(Member)
    renewed_until = (
        select(func.max(ConsentEvent.valid_until))
        .where(
            ConsentEvent.consent_id == ConsentRecord.id,
            ConsentEvent.kind.in_(("given", "renewed")),
        )
        .scalar_subquery()
    )
    withdrawn_at = (
        select(func.min(ConsentEvent.occurred_at))
        .where(ConsentEvent.consent_id == ConsentRecord.id, ConsentEvent.kind == "withdrawn")
        .scalar_subquery()
    )
    expiry_recorded = (
        exists()
        .where(ConsentEvent.consent_id == ConsentRecord.id, ConsentEvent.kind == "expired")
        .correlate(ConsentRecord)
    )
    participant = (
        exists()
        .where(
            Participant.file_id == CoordinationFile.id,
            Participant.organisation_id == organisation_id,
        )
        .correlate(CoordinationFile)
    )
    return (
        select(
            CoordinationFile.status,
            CoordinationFile.lead_organisation_id,
            CoordinationFile.opened_at,
            CoordinationFile.closed_at,
            participant.label("is_participant"),
            ConsentRecord.id.label("consent_id"),
            ConsentRecord.given_by_member_id,
            ConsentRecord.on_behalf,
            ConsentRecord.recorded_at,
            ConsentRecord.valid_from,
            ConsentRecord.valid_until.label("first_until"),
            ConsentRecord.purposes,
            ConsentRecord.categories,
            ConsentRecord.legal_basis,
            ConsentRecord.collection_method,
            ConsentRecord.evidence_hash,
            ConsentRecord.notice_version,
            renewed_until.label("valid_until"),
            withdrawn_at.label("withdrawn_at"),
            expiry_recorded.label("expiry_recorded"),
            ConsentMember.member_id,
            covered.role.label("member_role"),
            covered.birth_date_enc.label("member_birth"),
            giver.role.label("giver_role"),
            giver.birth_date_enc.label("giver_birth"),
            ConsentRecipient.organisation_id.label("recipient"),
        )
        .select_from(CoordinationFile)
        .outerjoin(ConsentRecord, ConsentRecord.file_id == CoordinationFile.id)
        .outerjoin(ConsentMember, ConsentMember.consent_id == ConsentRecord.id)
        .outerjoin(covered, covered.id == ConsentMember.member_id)
        .outerjoin(giver, giver.id == ConsentRecord.given_by_member_id)
        .outerjoin(ConsentRecipient, ConsentRecipient.consent_id == ConsentRecord.id)
        .where(CoordinationFile.id == file_id)
    )


_FACTS = _facts_query()


def _decrypt(
    runtime: Runtime, key: DataKey, table: str, column: str, row_id: uuid.UUID, blob: bytes
) -> str:
    return runtime.cipher.decrypt(key, table=table, column=column, row_id=row_id, blob=blob)


def _encrypt(
    runtime: Runtime, key: DataKey, table: str, column: str, row_id: uuid.UUID, value: str
) -> bytes:
    return runtime.cipher.encrypt(key, table=table, column=column, row_id=row_id, value=value)


async def load_facts(
    session: AsyncSession,
    runtime: Runtime,
    file_id: uuid.UUID,
    organisation_id: uuid.UUID | None,
    *,
    lock: bool = False,
) -> FileFacts | None:
    """The consent facts of a file for ``organisation_id``, or None when the file is unknown.

    One query; birth dates are decrypted (under the file's key) only when the organisation is
    a participant, so a foreign caller costs no decryption. ``lock`` takes the file row for
    update first (PostgreSQL), serialising consent changes on one file.
    """
    if lock:
        locked = await session.scalar(
            select(CoordinationFile.id).where(CoordinationFile.id == file_id).with_for_update()
        )
        if locked is None:
            return None
    rows = (
        await session.execute(_FACTS, {"file_id": file_id, "organisation_id": organisation_id})
    ).all()
    if not rows:
        return None
    head = rows[0]
    facts = FileFacts(
        file_id=file_id,
        status=head.status,
        lead=head.lead_organisation_id,
        opened_at=head.opened_at,
        closed_at=head.closed_at,
        is_participant=bool(head.is_participant),
    )
    if head.consent_id is None or head.status == "purged":
        return facts
    facts.key = await runtime.cipher.key_for(session, FILE_OWNER, file_id)
    births: dict[uuid.UUID, date] = {}

    def member_facts(member_id: uuid.UUID, role: str, blob: bytes) -> MemberFacts:
        if member_id not in births:
            assert facts.key is not None
            text = _decrypt(runtime, facts.key, "members", "birth_date_enc", member_id, blob)
            births[member_id] = date.fromisoformat(text)
        return MemberFacts(id=member_id, role=MemberRole(role), birth_date=births[member_id])

    grouped: dict[uuid.UUID, dict[str, Any]] = {}
    for row in rows:
        item = grouped.get(row.consent_id)
        if item is None:
            item = grouped[row.consent_id] = {"row": row, "members": set(), "recipients": set()}
            facts.members[row.given_by_member_id] = member_facts(
                row.given_by_member_id, row.giver_role, row.giver_birth
            )
        item["members"].add(row.member_id)
        item["recipients"].add(row.recipient)
        if row.member_id not in facts.members:
            facts.members[row.member_id] = member_facts(
                row.member_id, row.member_role, row.member_birth
            )
    for consent_id, item in grouped.items():
        row = item["row"]
        facts.consents.append(
            ConsentFacts(
                id=consent_id,
                given_by=row.given_by_member_id,
                given_at=row.recorded_at,
                members=frozenset(item["members"]),
                recipients=frozenset(item["recipients"]),
                purposes=frozenset(row.purposes),
                categories=frozenset(row.categories),
                valid_from=row.valid_from,
                valid_until=row.valid_until or row.first_until,
                withdrawn_at=row.withdrawn_at,
            )
        )
        facts.records[consent_id] = {
            "on_behalf": row.on_behalf,
            "legal_basis": row.legal_basis,
            "collection_method": row.collection_method,
            "evidence_hash": row.evidence_hash,
            "notice_version": row.notice_version,
            "recorded_at": row.recorded_at,
        }
        if row.expiry_recorded:
            facts.expiry_recorded.add(consent_id)
    return facts


# --- small helpers -------------------------------------------------------------------------


def _insert_ignore(session: AsyncSession, model: Any, values: dict[str, Any]) -> Any:
    """An INSERT that does nothing when the row exists (idempotent lazy records)."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(model).values(**values).on_conflict_do_nothing()
    return sqlite.insert(model).values(**values).on_conflict_do_nothing()


async def _notify(
    session: AsyncSession,
    runtime: Runtime,
    file_id: uuid.UUID,
    organisations: Iterable[uuid.UUID],
    kind: str,
    consent_id: uuid.UUID | None = None,
    *,
    dedupe: str | None = None,
) -> None:
    for organisation in sorted(set(organisations)):
        values: dict[str, Any] = {
            "id": uuid.uuid5(uuid.NAMESPACE_URL, f"{dedupe}:{organisation}")
            if dedupe
            else new_id(),
            "file_id": file_id,
            "organisation_id": organisation,
            "kind": kind,
            "consent_id": consent_id,
            "dedupe_key": f"{dedupe}:{organisation}"[:128] if dedupe else None,
            "created_at": runtime.clock(),
        }
        await session.execute(_insert_ignore(session, Notification, values))


async def _participants(session: AsyncSession, file_id: uuid.UUID) -> list[uuid.UUID]:
    rows = await session.scalars(
        select(Participant.organisation_id)
        .where(Participant.file_id == file_id)
        .order_by(Participant.joined_at, Participant.organisation_id)
    )
    return list(rows)


async def settle(session: AsyncSession, runtime: Runtime, facts: FileFacts) -> None:
    """Bring the file in line with its consents at this moment, in the caller's transaction.

    Records an ``expired`` event for each consent that ran out (once), closes the file when
    no valid consent remains (its retention clock starts at the moment the last one ended),
    passes the lead on when the lead lost consent, and reminds the lead 30 days before a
    consent expires. Every change notifies the participants.
    """
    if not facts.is_open:
        return
    now = runtime.clock()
    participants: list[uuid.UUID] | None = None
    for consent in facts.consents:
        ended = consent.withdrawn_at is not None and consent.withdrawn_at <= consent.valid_until
        if consent.id in facts.expiry_recorded or ended or now < consent.valid_until:
            continue
        await session.execute(
            _insert_ignore(
                session,
                ConsentEvent,
                {
                    "id": uuid.uuid5(consent.id, "expired"),
                    "consent_id": consent.id,
                    "kind": "expired",
                    "occurred_at": consent.valid_until,
                    "recorded_at": now,
                },
            )
        )
        participants = participants or await _participants(session, facts.file_id)
        await _notify(
            session,
            runtime,
            facts.file_id,
            participants,
            "consent_expired",
            consent.id,
            dedupe=f"expired:{consent.id}",
        )
        facts.expiry_recorded.add(consent.id)
    closed_at = rules.file_closed_at(None, facts.consents, facts.members, facts.opened_at, now)
    if closed_at is not None:
        await _close(session, runtime, facts, closed_at, "no_valid_consent")
        return
    if not rules.organisation_has_consent(facts.consents, facts.members, facts.lead, now):
        participants = participants or await _participants(session, facts.file_id)
        lead = rules.next_lead(facts.lead, participants, facts.consents, facts.members, now)
        if lead is None:  # the consents left name no participant: nobody can lead
            await _close(session, runtime, facts, now, "no_valid_consent")
            return
        changed = await session.execute(
            update(CoordinationFile)
            .where(
                CoordinationFile.id == facts.file_id,
                CoordinationFile.lead_organisation_id == facts.lead,
            )
            .values(lead_organisation_id=lead)
        )
        if getattr(changed, "rowcount", 0):
            await _notify(session, runtime, facts.file_id, participants, "lead_changed")
        facts.lead = lead
    for consent in facts.consents:
        if rules.expiry_reminder_due(consent, now):
            await _notify(
                session,
                runtime,
                facts.file_id,
                [facts.lead],
                "consent_expiring",
                consent.id,
                dedupe=f"expiring:{consent.id}:{consent.valid_until.isoformat()}",
            )


async def _close(
    session: AsyncSession, runtime: Runtime, facts: FileFacts, closed_at: datetime, reason: str
) -> None:
    changed = await session.execute(
        update(CoordinationFile)
        .where(CoordinationFile.id == facts.file_id, CoordinationFile.status == "open")
        .values(status="closed", closed_at=closed_at, close_reason=reason)
    )
    if getattr(changed, "rowcount", 0):
        participants = await _participants(session, facts.file_id)
        await _notify(session, runtime, facts.file_id, participants, "file_closed")
    facts.status, facts.closed_at = "closed", closed_at


# --- decisions and audit ---------------------------------------------------------------------


def _decide(
    runtime: Runtime,
    principal: Principal,
    action: Action,
    file_id: uuid.UUID,
    **context: bool,
) -> Any:
    return runtime.authz.decide(
        principal, action, {"type": "CoordinationFile", "id": str(file_id)}, context
    )


async def _audit(
    session: AsyncSession,
    runtime: Runtime,
    ctx: AuditContext,
    action: Action,
    outcome: Literal["allowed", "denied", "error"],
    *,
    file_id: uuid.UUID | None,
    policy_id: str | None,
    categories: Iterable[str] = (),
    object_type: str = OBJECT_FILE,
    object_id: uuid.UUID | None = None,
) -> None:
    cats = "+".join(sorted(set(categories)))  # the audit alphabet has no comma
    await append(
        session,
        runtime.secrets.audit_key,
        ctx,
        action=action.value,
        outcome=outcome,
        at=runtime.clock(),
        object_type=object_type,
        object_id=object_id or file_id,
        file_id=file_id,
        data_category=cats[:64] or None,
        policy_id=policy_id,
    )


async def _audit_consent_outcome(
    session: AsyncSession,
    runtime: Runtime,
    ctx: AuditContext,
    action: Action,
    result: ConsentView | ProblemError,
    *,
    file_id: uuid.UUID | None,
    policy_id: str | None,
    consent_id: uuid.UUID | None,
) -> None:
    """The one audit event of a consent request: allowed when it produced a consent, the
    consent's ref then; denied otherwise, with the consent asked for (if any)."""
    allowed = isinstance(result, ConsentView)
    await _audit(
        session,
        runtime,
        ctx,
        action,
        "allowed" if allowed else "denied",
        file_id=file_id,
        policy_id=policy_id,
        object_type="consent",
        object_id=result.id if isinstance(result, ConsentView) else consent_id,
    )


def _consent_result(result: ConsentView | ProblemError) -> ConsentView:
    """Raise the refusal, or hand back the consent (after its audit event is written)."""
    if isinstance(result, ProblemError):
        raise result
    return result


@dataclass
class _Gate:
    """The outcome of the access check of one request on one file.

    ``visible``: the caller's organisation takes part and some consent in force covers it —
    otherwise the file answers 404, exactly like one that does not exist. ``allowed``: Cedar
    permits this action with these consent facts.
    """

    facts: FileFacts | None
    visible: bool
    allowed: bool
    policy_id: str


async def _gate(
    session: AsyncSession,
    runtime: Runtime,
    principal: Principal,
    action: Action,
    file_id: uuid.UUID,
    *,
    lock: bool = False,
) -> _Gate:
    """Load the facts, settle the file and ask Cedar whether the caller may act on it at all."""
    org = principal.organisation_id
    facts = await load_facts(session, runtime, file_id, org, lock=lock)
    if facts is None or org is None or facts.status == "purged":
        return _Gate(None, False, False, "not-found")
    if facts.is_participant:
        await settle(session, runtime, facts)
    now = runtime.clock()
    purpose = vocabulary().purpose_of(action.value)
    visible = facts.is_participant and rules.organisation_has_consent(
        facts.consents, facts.members, org, now
    )
    covered = visible and bool(
        rules.covered_categories(
            facts.consents, facts.members, organisation=org, purpose=purpose, at=now
        )
    )
    decision = _decide(
        runtime,
        principal,
        action,
        file_id,
        participant=facts.is_participant,
        consent_covers=covered,
        is_lead=facts.lead == org,
        file_open=facts.is_open,
    )
    return _Gate(facts, visible, decision.allowed, decision.policy_id)


# --- views ---------------------------------------------------------------------------------


def _consent_views(facts: FileFacts, events: Sequence[Any], now: datetime) -> list[ConsentView]:
    by_consent: dict[uuid.UUID, list[ConsentEventView]] = {}
    for event in events:
        by_consent.setdefault(event.consent_id, []).append(
            ConsentEventView(
                kind=event.kind, occurred_at=event.occurred_at, valid_until=event.valid_until
            )
        )
    views = []
    for consent in facts.consents:
        record = facts.records[consent.id]
        views.append(
            ConsentView(
                id=consent.id,
                state=rules.consent_state(consent, now),
                given_by=consent.given_by,
                on_behalf=record["on_behalf"],
                members=sorted(consent.members),
                recipients=sorted(consent.recipients),
                purposes=sorted(consent.purposes),
                categories=sorted(consent.categories),
                legal_basis=record["legal_basis"],
                collection_method=record["collection_method"],
                evidence_hash=record["evidence_hash"],
                notice_version=record["notice_version"],
                valid_from=consent.valid_from,
                valid_until=consent.valid_until,
                withdrawn_at=consent.withdrawn_at,
                recorded_at=record["recorded_at"],
                events=by_consent.get(consent.id, []),
            )
        )
    return views


async def _events(session: AsyncSession, consent_ids: Iterable[uuid.UUID]) -> Sequence[Any]:
    ids = list(consent_ids)
    if not ids:
        return []
    result = await session.execute(
        select(
            ConsentEvent.consent_id,
            ConsentEvent.kind,
            ConsentEvent.occurred_at,
            ConsentEvent.valid_until,
        )
        .where(ConsentEvent.consent_id.in_(ids))
        .order_by(ConsentEvent.recorded_at, ConsentEvent.id)
    )
    return result.all()


_MEMBER_COLUMNS = {name: getattr(Member, f"{name}_enc") for name in MEMBER_FIELDS}


async def _member_rows(
    session: AsyncSession, file_id: uuid.UUID, member_ids: Iterable[uuid.UUID] | None = None
) -> Sequence[Any]:
    stmt = select(Member.id, Member.role, Member.account_id, *_MEMBER_COLUMNS.values()).where(
        Member.file_id == file_id
    )
    if member_ids is not None:
        stmt = stmt.where(Member.id.in_(list(member_ids)))
    return (await session.execute(stmt.order_by(Member.created_at, Member.id))).all()


def _member_view(
    runtime: Runtime,
    key: DataKey,
    row: Any,
    allowed: frozenset[str],
    vocab: Vocabulary,
) -> MemberView:
    """A member with only the fields of ``allowed`` categories decrypted and present."""
    values: dict[str, Any] = {}
    for name in MEMBER_FIELDS:
        if vocab.category_of_field(name) not in allowed:
            continue
        blob = getattr(row, f"{name}_enc")
        values[name] = (
            None if blob is None else _decrypt(runtime, key, "members", f"{name}_enc", row.id, blob)
        )
    withheld = [c for c in vocab.member_categories if c not in allowed]
    return MemberView(
        id=row.id,
        role=row.role,
        has_family_account=row.account_id is not None,
        withheld_categories=withheld,
        **values,
    )


def _entry_view(runtime: Runtime, key: DataKey, row: Any, about: list[uuid.UUID]) -> EntryView:
    return EntryView(
        id=row.id,
        kind=row.kind,
        category=row.category,
        about=about,
        body=_decrypt(runtime, key, "entries", "body_enc", row.id, row.body_enc),
        confidential=row.confidential,
        author_organisation_id=row.author_organisation_id,
        created_at=row.created_at,
    )


# --- input checks ----------------------------------------------------------------------------


def _field_error(field_name: str, message: str) -> dict[str, str]:
    return {"field": field_name, "message": message}


def _check_terms(
    terms: ConsentTerms, where: str, now: datetime, vocab: Vocabulary
) -> tuple[datetime, list[dict[str, str]]]:
    """Validate a consent's words and period; returns its start and the errors found."""
    errors: list[dict[str, str]] = []
    for i, purpose in enumerate(terms.purposes):
        if purpose not in vocab.purposes:
            errors.append(_field_error(f"{where}.purposes[{i}]", "unknown purpose"))
    for i, category in enumerate(terms.categories):
        if category not in vocab.categories:
            errors.append(_field_error(f"{where}.categories[{i}]", "unknown data category"))
    start = terms.valid_from or now
    for name, value in (("valid_from", start), ("valid_until", terms.valid_until)):
        if value.tzinfo is None:
            errors.append(_field_error(f"{where}.{name}", "needs a time zone offset"))
    if errors:
        return start, errors
    if terms.valid_until <= start:
        errors.append(_field_error(f"{where}.valid_until", "must be after valid_from"))
    elif terms.valid_until - start > rules.MAX_CONSENT_DURATION:
        errors.append(_field_error(f"{where}.valid_until", "a consent runs three years at most"))
    if start > now + rules.MAX_CONSENT_DURATION:
        errors.append(_field_error(f"{where}.valid_from", "too far in the future"))
    return start, errors


async def _check_organisations(
    session: AsyncSession, wanted: dict[uuid.UUID, str]
) -> list[dict[str, str]]:
    if not wanted:
        return []
    known = set(
        await session.scalars(select(Organisation.id).where(Organisation.id.in_(list(wanted))))
    )
    return [
        _field_error(where, "unknown organisation")
        for org, where in wanted.items()
        if org not in known
    ]


def _raise_if(errors: list[dict[str, str]]) -> None:
    if errors:
        raise ValidationFailed("The request breaks a rule.", extra={"errors": errors})


def _check_members(members: Sequence[MemberIn], now: datetime) -> list[dict[str, str]]:
    errors: list[dict[str, str]] = []
    today = rules.local_date(now)
    refs: set[str] = set()
    seen_insz: set[str] = set()
    seen_people: set[tuple[str, str, date]] = set()
    for i, member in enumerate(members):
        where = f"members[{i}]"
        if member.ref in refs:
            errors.append(_field_error(f"{where}.ref", "used twice"))
        refs.add(member.ref)
        if member.birth_date > today:
            errors.append(_field_error(f"{where}.birth_date", "lies in the future"))
        elif member.birth_date.year < 1900:
            errors.append(_field_error(f"{where}.birth_date", "before 1900"))
        if member.insz is not None:
            try:
                insz = rules.normalise_insz(member.insz)
            except rules.InvalidInsz:
                errors.append(_field_error(f"{where}.insz", "not a valid national number"))
            else:
                if insz in seen_insz:
                    errors.append(_field_error(f"{where}.insz", "duplicate member"))
                seen_insz.add(insz)
        person = (
            member.given_name.strip().casefold(),
            member.family_name.strip().casefold(),
            member.birth_date,
        )
        if person in seen_people:
            errors.append(_field_error(where, "duplicate member"))
        seen_people.add(person)
        if not member.given_name.strip() or not member.family_name.strip():
            errors.append(_field_error(where, "names may not be blank"))
    return errors


def _capacity_errors(
    giver: MemberFacts,
    covered: Sequence[tuple[str, MemberFacts]],
    at: datetime,
) -> list[dict[str, str]]:
    return [
        _field_error(
            where,
            "a youth of 12 or older consents for themselves; a parent or guardian "
            "consents only for a child under 12",
        )
        for where, member in covered
        if not rules.may_consent_for(giver, member, at)
    ]


# --- staff: files ----------------------------------------------------------------------------


async def open_file(
    runtime: Runtime, principal: Principal, ctx: AuditContext, data: FileCreate
) -> FileView:
    """Open a file with its members and consents; refused (nothing stored) unless a consent in
    force names the caller's organisation for the purpose of coordination."""
    vocab = vocabulary()
    action = Action.COORDINATION_FILE_CREATE
    purpose = vocab.purpose_of(action.value)
    now = runtime.clock()
    org = principal.organisation_id
    errors = _check_members(data.members, now)
    member_ids = {m.ref: new_id() for m in data.members}
    facts_by_ref = {
        m.ref: MemberFacts(member_ids[m.ref], m.role, m.birth_date) for m in data.members
    }
    consents: list[ConsentFacts] = []
    wanted_orgs: dict[uuid.UUID, str] = {}
    for i, consent in enumerate(data.consents):
        where = f"consents[{i}]"
        start, term_errors = _check_terms(consent, where, now, vocab)
        errors += term_errors
        giver = facts_by_ref.get(consent.given_by)
        if giver is None:
            errors.append(_field_error(f"{where}.given_by", "names no member of this file"))
        covered: list[tuple[str, MemberFacts]] = []
        for j, ref in enumerate(consent.members):
            if ref not in facts_by_ref:
                errors.append(_field_error(f"{where}.members[{j}]", "names no member"))
            else:
                covered.append((f"{where}.members[{j}]", facts_by_ref[ref]))
        if giver is not None:
            errors += _capacity_errors(giver, covered, now)
        for j, recipient in enumerate(consent.recipients):
            wanted_orgs.setdefault(recipient, f"{where}.recipients[{j}]")
        if not term_errors and giver is not None:
            consents.append(
                ConsentFacts(
                    id=new_id(),
                    given_by=giver.id,
                    given_at=now,
                    members=frozenset(m.id for _, m in covered),
                    recipients=frozenset(consent.recipients),
                    purposes=frozenset(consent.purposes),
                    categories=frozenset(consent.categories),
                    valid_from=start,
                    valid_until=consent.valid_until,
                )
            )
    file_id = new_id()
    async with runtime.sessions() as session, session.begin():
        errors += await _check_organisations(session, wanted_orgs)
        _raise_if(errors)
        members = {f.id: f for f in facts_by_ref.values()}
        covered_now = (
            rules.covered_categories(consents, members, organisation=org, purpose=purpose, at=now)
            if org is not None
            else {}
        )
        decision = _decide(
            runtime,
            principal,
            action,
            file_id,
            participant=org is not None,
            consent_covers=bool(covered_now),
            is_lead=True,
            file_open=True,
        )
        if not decision.allowed:
            await _audit(
                session, runtime, ctx, action, "denied", file_id=None, policy_id=decision.policy_id
            )
            refusal: ProblemError = ConsentRequired(
                "A file opens only with a consent in force that names your organisation "
                "for care coordination."
            )
        else:
            assert org is not None
            await _store_file(
                session, runtime, principal, file_id, data, member_ids, consents, data.consents
            )
            gate = await _gate(session, runtime, principal, Action.COORDINATION_FILE_READ, file_id)
            view, _ = await _file_view(session, runtime, principal, gate)
            await _audit(
                session,
                runtime,
                ctx,
                action,
                "allowed",
                file_id=file_id,
                policy_id=decision.policy_id,
                categories=set().union(*covered_now.values()),
            )
    if not decision.allowed:
        raise refusal
    assert view is not None
    return view


async def _store_file(
    session: AsyncSession,
    runtime: Runtime,
    principal: Principal,
    file_id: uuid.UUID,
    data: FileCreate,
    member_ids: dict[str, uuid.UUID],
    consents: list[ConsentFacts],
    terms: Sequence[ConsentTerms],
) -> None:
    now = runtime.clock()
    org = principal.organisation_id
    assert org is not None
    await session.execute(
        insert(CoordinationFile).values(
            id=file_id,
            status="open",
            lead_organisation_id=org,
            opened_by_account_id=principal.account_id,
            opened_at=now,
        )
    )
    await session.execute(
        insert(Participant).values(
            file_id=file_id,
            organisation_id=org,
            joined_at=now,
            added_by_account_id=principal.account_id,
        )
    )
    key = await runtime.cipher.key_for(session, FILE_OWNER, file_id)
    for member in data.members:
        member_id = member_ids[member.ref]
        values: dict[str, Any] = {
            "id": member_id,
            "file_id": file_id,
            "role": member.role.value,
            "created_at": now,
        }
        insz = rules.normalise_insz(member.insz) if member.insz is not None else None
        plain = {
            "given_name": member.given_name.strip(),
            "family_name": member.family_name.strip(),
            "birth_date": member.birth_date.isoformat(),
            "insz": insz,
            "address": member.address,
            "phone": member.phone,
            "email": member.email,
        }
        for name, value in plain.items():
            values[f"{name}_enc"] = (
                None
                if value is None
                else _encrypt(runtime, key, "members", f"{name}_enc", member_id, value)
            )
        await session.execute(insert(Member).values(**values))
        if insz is not None:
            await runtime.cipher.put_blind_index(
                session,
                owner_kind=FILE_OWNER,
                owner_id=file_id,
                column=INSZ_INDEX,
                subject_id=member_id,
                value=insz,
            )
    for consent, term in zip(consents, terms, strict=True):
        await _store_consent(session, runtime, principal, file_id, consent, term)


async def _store_consent(
    session: AsyncSession,
    runtime: Runtime,
    principal: Principal,
    file_id: uuid.UUID,
    consent: ConsentFacts,
    terms: ConsentTerms,
) -> None:
    now = runtime.clock()
    await session.execute(
        insert(ConsentRecord).values(
            id=consent.id,
            file_id=file_id,
            given_by_member_id=consent.given_by,
            on_behalf=consent.members != {consent.given_by},
            purposes=sorted(consent.purposes),
            categories=sorted(consent.categories),
            legal_basis=terms.legal_basis,
            collection_method=terms.collection_method,
            evidence_hash=terms.evidence_hash,
            notice_version=terms.notice_version,
            valid_from=consent.valid_from,
            valid_until=consent.valid_until,
            recorded_by_account_id=principal.account_id,
            recorded_at=now,
        )
    )
    await session.execute(
        insert(ConsentMember), [{"consent_id": consent.id, "member_id": m} for m in consent.members]
    )
    await session.execute(
        insert(ConsentRecipient),
        [{"consent_id": consent.id, "organisation_id": o} for o in consent.recipients],
    )
    await session.execute(
        insert(ConsentEvent).values(
            id=new_id(),
            consent_id=consent.id,
            kind="given",
            occurred_at=consent.valid_from,
            recorded_at=now,
            valid_until=consent.valid_until,
            actor_account_id=principal.account_id,
            evidence_hash=terms.evidence_hash,
        )
    )


async def list_files(
    runtime: Runtime,
    principal: Principal,
    ctx: AuditContext,
    *,
    after: uuid.UUID | None,
    limit: int,
) -> FilePage:
    """Files the caller's organisation takes part in under a consent that is not withdrawn or
    expired (no personal data; reading one applies the full rule)."""
    org = principal.organisation_id
    now = runtime.clock()
    withdrawn = exists().where(
        ConsentEvent.consent_id == ConsentRecord.id, ConsentEvent.kind == "withdrawn"
    )
    until = (
        select(func.max(ConsentEvent.valid_until))
        .where(
            ConsentEvent.consent_id == ConsentRecord.id,
            ConsentEvent.kind.in_(("given", "renewed")),
        )
        .scalar_subquery()
    )
    consented = exists().where(
        ConsentRecord.file_id == CoordinationFile.id,
        ConsentRecipient.consent_id == ConsentRecord.id,
        ConsentRecipient.organisation_id == org,
        ConsentRecord.valid_from <= now,
        until > now,
        ~withdrawn,
    )
    stmt = (
        select(
            CoordinationFile.id,
            CoordinationFile.status,
            CoordinationFile.lead_organisation_id,
            CoordinationFile.opened_at,
            CoordinationFile.closed_at,
        )
        .join(Participant, Participant.file_id == CoordinationFile.id)
        .where(
            Participant.organisation_id == org,
            CoordinationFile.status == "open",
            consented,
        )
        .order_by(CoordinationFile.id)
        .limit(limit + 1)
    )
    if after is not None:
        stmt = stmt.where(CoordinationFile.id > after)
    async with runtime.sessions() as session, session.begin():
        rows = (await session.execute(stmt)).all()
        await _audit(
            session,
            runtime,
            ctx,
            Action.COORDINATION_FILE_LIST,
            "allowed",
            file_id=None,
            policy_id=None,
            object_type="file_list",
        )
    items = [
        FileSummary(
            id=r.id,
            status=r.status,
            lead_organisation_id=r.lead_organisation_id,
            opened_at=r.opened_at,
            closed_at=r.closed_at,
        )
        for r in rows[:limit]
    ]
    return FilePage(items=items, next=items[-1].id if len(rows) > limit else None)


async def _file_view(
    session: AsyncSession, runtime: Runtime, principal: Principal, gate: _Gate
) -> tuple[FileView | None, set[str]]:
    """Build the file view the gate allows: member fields of covered categories only."""
    facts = gate.facts
    if not gate.visible or not gate.allowed or facts is None or facts.key is None:
        return None, set()
    vocab = vocabulary()
    purpose = vocab.purpose_of(Action.COORDINATION_FILE_READ.value)
    now = runtime.clock()
    assert principal.organisation_id is not None
    per_member = rules.covered_categories(
        facts.consents,
        facts.members,
        organisation=principal.organisation_id,
        purpose=purpose,
        at=now,
    )
    members = []
    categories: set[str] = set()
    for row in await _member_rows(session, facts.file_id):
        allowed = per_member.get(row.id, frozenset())
        categories |= set(allowed) & set(vocab.member_categories)
        members.append(_member_view(runtime, facts.key, row, allowed, vocab))
    events = await _events(session, (c.id for c in facts.consents))
    view = FileView(
        id=facts.file_id,
        status=facts.status,
        lead_organisation_id=facts.lead,
        opened_at=facts.opened_at,
        closed_at=facts.closed_at,
        participants=await _participants(session, facts.file_id),
        members=members,
        consents=_consent_views(facts, events, now),
        withheld_categories=sorted({c for m in members for c in m.withheld_categories}),
    )
    return view, categories


async def read_file(
    runtime: Runtime, principal: Principal, ctx: AuditContext, file_id: uuid.UUID
) -> FileView:
    """A file as the caller's organisation may see it: member fields of covered categories only,
    the rest listed as withheld. Unknown and foreign files answer the same 404."""
    action = Action.COORDINATION_FILE_READ
    async with runtime.sessions() as session, session.begin():
        gate = await _gate(session, runtime, principal, action, file_id)
        view, categories = await _file_view(session, runtime, principal, gate)
        await _audit(
            session,
            runtime,
            ctx,
            action,
            "allowed" if view is not None else "denied",
            file_id=file_id,
            policy_id=gate.policy_id,
            categories=categories,
        )
    if view is None:
        raise _file_not_found()
    return view


async def close_file(
    runtime: Runtime, principal: Principal, ctx: AuditContext, file_id: uuid.UUID
) -> FileSummary:
    """Close a file (lead organisation only); its retention clock starts now."""
    action = Action.COORDINATION_FILE_CLOSE
    async with runtime.sessions() as session, session.begin():
        gate = await _gate(session, runtime, principal, action, file_id, lock=True)
        problem: ProblemError | None = None
        facts = gate.facts
        if facts is None or not gate.visible:
            problem = _file_not_found()
        elif not facts.is_open:
            problem = FileClosed("The file is already closed.")
        elif not gate.allowed:
            problem = ForbiddenLead("Only the lead organisation closes the file.")
        else:
            await _close(session, runtime, facts, runtime.clock(), "closed_by_lead")
        await _audit(
            session,
            runtime,
            ctx,
            action,
            "allowed" if problem is None else "denied",
            file_id=file_id,
            policy_id=gate.policy_id,
        )
    if problem is not None:
        raise problem
    assert facts is not None
    return FileSummary(
        id=file_id,
        status=facts.status,
        lead_organisation_id=facts.lead,
        opened_at=facts.opened_at,
        closed_at=facts.closed_at,
    )


class ForbiddenLead(ProblemError):
    """Only the lead organisation of the file may do this."""

    status = 403
    slug = "lead-only"
    title = "Lead organisation only"


# --- staff: entries --------------------------------------------------------------------------


async def add_entry(
    runtime: Runtime, principal: Principal, ctx: AuditContext, file_id: uuid.UUID, data: EntryIn
) -> EntryView:
    """Write a journal entry; the consent must cover its category and every member it is about."""
    action = Action.COORDINATION_ENTRY_CREATE
    vocab = vocabulary()
    kind = vocab.entry_kinds.get(data.kind)
    errors: list[dict[str, str]] = []
    if kind is None:
        errors.append(_field_error("kind", "unknown entry kind"))
    category = data.category or (kind.default_category if kind else "")
    if kind is not None and category not in kind.categories:
        errors.append(_field_error("category", "not a category of this entry kind"))
    if len(set(data.about)) != len(data.about):
        errors.append(_field_error("about", "names a member twice"))
    _raise_if(errors)
    assert kind is not None
    async with runtime.sessions() as session, session.begin():
        gate = await _gate(session, runtime, principal, action, file_id)
        facts = gate.facts
        problem: ProblemError | None = None
        view: EntryView | None = None
        if facts is None or not gate.visible:
            problem = _file_not_found()
        elif not facts.is_open:
            problem = FileClosed("The file is closed; no new entries.")
        else:
            known = set(await session.scalars(select(Member.id).where(Member.file_id == file_id)))
            unknown = [i for i, m in enumerate(data.about) if m not in known]
            assert principal.organisation_id is not None
            if unknown:
                problem = ValidationFailed(
                    "The entry names people who are not members of this file.",
                    extra={
                        "errors": [_field_error(f"about[{i}]", "no such member") for i in unknown]
                    },
                )
            elif not gate.allowed or not rules.covers(
                facts.consents,
                facts.members,
                organisation=principal.organisation_id,
                purpose=kind.purpose,
                category=category,
                member_ids=data.about,
                at=runtime.clock(),
            ):
                problem = ConsentRequired(
                    "No consent in force covers this category for every member the entry is about."
                )
            else:
                assert facts.key is not None
                view = await _store_entry(
                    session, runtime, principal, facts.key, file_id, data, category
                )
        await _audit(
            session,
            runtime,
            ctx,
            action,
            "allowed" if view is not None else "denied",
            file_id=file_id,
            policy_id=gate.policy_id,
            categories=[category],
        )
    if view is None:
        assert problem is not None
        raise problem
    return view


async def _store_entry(
    session: AsyncSession,
    runtime: Runtime,
    principal: Principal,
    key: DataKey,
    file_id: uuid.UUID,
    data: EntryIn,
    category: str,
) -> EntryView:
    entry_id = new_id()
    now = runtime.clock()
    assert principal.organisation_id is not None
    await session.execute(
        insert(Entry).values(
            id=entry_id,
            file_id=file_id,
            kind=data.kind,
            category=category,
            confidential=data.confidential,
            body_enc=_encrypt(runtime, key, "entries", "body_enc", entry_id, data.body),
            author_account_id=principal.account_id,
            author_organisation_id=principal.organisation_id,
            created_at=now,
        )
    )
    await session.execute(
        insert(EntryMember), [{"entry_id": entry_id, "member_id": m} for m in data.about]
    )
    return EntryView(
        id=entry_id,
        kind=data.kind,
        category=category,
        about=list(data.about),
        body=data.body,
        confidential=data.confidential,
        author_organisation_id=principal.organisation_id,
        created_at=now,
    )


async def _entry_rows(
    session: AsyncSession,
    file_id: uuid.UUID,
    *,
    after: uuid.UUID | None = None,
    limit: int | None = None,
) -> tuple[list[Any], dict[uuid.UUID, list[uuid.UUID]]]:
    stmt = (
        select(
            Entry.id,
            Entry.kind,
            Entry.category,
            Entry.confidential,
            Entry.body_enc,
            Entry.author_organisation_id,
            Entry.created_at,
        )
        .where(Entry.file_id == file_id)
        .order_by(Entry.id)
    )
    if after is not None:
        stmt = stmt.where(Entry.id > after)
    if limit is not None:
        stmt = stmt.limit(limit)
    rows = list((await session.execute(stmt)).all())
    about: dict[uuid.UUID, list[uuid.UUID]] = {}
    if rows:
        links = await session.execute(
            select(EntryMember.entry_id, EntryMember.member_id).where(
                EntryMember.entry_id.in_([r.id for r in rows])
            )
        )
        for link in links:
            about.setdefault(link.entry_id, []).append(link.member_id)
    return rows, about


async def list_entries(
    runtime: Runtime,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    *,
    after: uuid.UUID | None,
    limit: int,
) -> EntryPage:
    """The journal as the caller may see it: entries whose category and members the consent
    covers; the categories of the others are listed as withheld."""
    action = Action.COORDINATION_ENTRY_LIST
    vocab = vocabulary()
    async with runtime.sessions() as session, session.begin():
        gate = await _gate(session, runtime, principal, action, file_id)
        facts = gate.facts
        page: EntryPage | None = None
        shown: set[str] = set()
        if facts is not None and gate.allowed and facts.key is not None:
            now = runtime.clock()
            assert principal.organisation_id is not None
            per_purpose = {
                purpose: rules.covered_categories(
                    facts.consents,
                    facts.members,
                    organisation=principal.organisation_id,
                    purpose=purpose,
                    at=now,
                )
                for purpose in vocab.purposes
            }
            rows, about = await _entry_rows(session, file_id, after=after, limit=limit + 1)
            items: list[EntryView] = []
            withheld: set[str] = set()
            for row in rows[:limit]:
                kind = vocab.entry_kinds.get(row.kind)
                per_member = per_purpose.get(kind.purpose if kind else "", {})
                members = about.get(row.id, [])
                if members and all(row.category in per_member.get(m, ()) for m in members):
                    items.append(_entry_view(runtime, facts.key, row, sorted(members)))
                    shown.add(row.category)
                else:
                    withheld.add(row.category)
            page = EntryPage(
                items=items,
                next=rows[limit - 1].id if len(rows) > limit else None,
                withheld_categories=sorted(withheld),
            )
        await _audit(
            session,
            runtime,
            ctx,
            action,
            "allowed" if page is not None else "denied",
            file_id=file_id,
            policy_id=gate.policy_id,
            categories=shown,
        )
    if page is None:
        raise _file_not_found()
    return page


# --- staff: participants and consent -------------------------------------------------------


async def add_participant(
    runtime: Runtime,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    organisation_id: uuid.UUID,
) -> ParticipantView:
    """Add a partner organisation (lead only); a consent in force must cover it."""
    action = Action.COORDINATION_PARTICIPANT_ADD
    async with runtime.sessions() as session, session.begin():
        gate = await _gate(session, runtime, principal, action, file_id, lock=True)
        facts = gate.facts
        problem: ProblemError | None = None
        policy_id = gate.policy_id
        view: ParticipantView | None = None
        if facts is None or not gate.visible:
            problem = _file_not_found()
        elif not facts.is_open:
            problem = FileClosed("The file is closed.")
        else:
            now = runtime.clock()
            known = await session.scalar(
                select(func.count()).where(Organisation.id == organisation_id)
            )
            already = await session.scalar(
                select(func.count()).where(
                    Participant.file_id == file_id,
                    Participant.organisation_id == organisation_id,
                )
            )
            covered = rules.organisation_has_consent(
                facts.consents, facts.members, organisation_id, now
            )
            decision = _decide(
                runtime,
                principal,
                action,
                file_id,
                participant=True,
                consent_covers=covered,
                is_lead=facts.lead == principal.organisation_id,
                file_open=True,
            )
            policy_id = decision.policy_id
            if not known:
                problem = ValidationFailed(
                    "Unknown organisation.",
                    extra={"errors": [_field_error("organisation_id", "unknown organisation")]},
                )
            elif already:
                problem = ConflictError("The organisation already takes part in this file.")
            elif facts.lead != principal.organisation_id:
                problem = ForbiddenLead("Only the lead organisation adds participants.")
            elif not decision.allowed:
                problem = ConsentRequired("No consent in force covers that organisation.")
            else:
                await session.execute(
                    insert(Participant).values(
                        file_id=file_id,
                        organisation_id=organisation_id,
                        joined_at=now,
                        added_by_account_id=principal.account_id,
                    )
                )
                await _notify(session, runtime, file_id, [organisation_id], "participant_added")
                view = ParticipantView(organisation_id=organisation_id, joined_at=now)
        await _audit(
            session,
            runtime,
            ctx,
            action,
            "allowed" if view is not None else "denied",
            file_id=file_id,
            policy_id=policy_id,
            object_type="participant",
            object_id=organisation_id,
        )
    if view is None:
        assert problem is not None
        raise problem
    return view


async def _validated_consent(
    session: AsyncSession,
    runtime: Runtime,
    facts: FileFacts,
    terms: ConsentTerms,
    given_by: uuid.UUID,
    member_ids: Sequence[uuid.UUID],
) -> ConsentFacts:
    """Check a further consent against the file and the capacity rule; raise on any problem."""
    vocab = vocabulary()
    now = runtime.clock()
    start, errors = _check_terms(terms, "consent", now, vocab)
    _raise_if(errors)
    rows = await session.execute(
        select(Member.id, Member.role, Member.birth_date_enc).where(
            Member.file_id == facts.file_id, Member.id.in_([given_by, *member_ids])
        )
    )
    assert facts.key is not None
    members = {
        r.id: MemberFacts(
            r.id,
            MemberRole(r.role),
            date.fromisoformat(
                _decrypt(runtime, facts.key, "members", "birth_date_enc", r.id, r.birth_date_enc)
            ),
        )
        for r in rows
    }
    giver = members.get(given_by)
    if giver is None:
        errors.append(_field_error("given_by", "names no member of this file"))
    covered = []
    for i, member_id in enumerate(member_ids):
        if member_id not in members:
            errors.append(_field_error(f"members[{i}]", "names no member of this file"))
        else:
            covered.append((f"members[{i}]", members[member_id]))
    if len(set(member_ids)) != len(member_ids):
        errors.append(_field_error("members", "names a member twice"))
    if giver is not None:
        errors += _capacity_errors(giver, covered, now)
    errors += await _check_organisations(
        session, {o: f"recipients[{i}]" for i, o in enumerate(terms.recipients)}
    )
    _raise_if(errors)
    assert giver is not None
    facts.members.update(members)
    return ConsentFacts(
        id=new_id(),
        given_by=giver.id,
        given_at=now,
        members=frozenset(member_ids),
        recipients=frozenset(terms.recipients),
        purposes=frozenset(terms.purposes),
        categories=frozenset(terms.categories),
        valid_from=start,
        valid_until=terms.valid_until,
    )


async def record_consent(
    runtime: Runtime,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    data: ConsentIn,
) -> ConsentView:
    """Record a further consent the family gave to a participant in person or on paper."""
    action = Action.COORDINATION_CONSENT_RECORD
    async with runtime.sessions() as session, session.begin():
        gate = await _gate(session, runtime, principal, action, file_id, lock=True)
        facts = gate.facts
        result: ConsentView | ProblemError
        if facts is None or not gate.visible:
            result = _file_not_found()
        elif not facts.is_open:
            result = FileClosed("The file is closed; open a new file with new consent.")
        else:
            try:
                consent = await _validated_consent(
                    session, runtime, facts, data, data.given_by, data.members
                )
            except ProblemError as exc:
                result = exc
            else:
                await _store_consent(session, runtime, principal, file_id, consent, data)
                facts.consents.append(consent)
                facts.records[consent.id] = _record_of(consent, data, runtime.clock())
                participants = await _participants(session, file_id)
                await _notify(session, runtime, file_id, participants, "consent_given", consent.id)
                events = await _events(session, [consent.id])
                result = _consent_views(_only(facts, consent.id), events, runtime.clock())[0]
        await _audit_consent_outcome(
            session,
            runtime,
            ctx,
            action,
            result,
            file_id=file_id,
            policy_id=gate.policy_id,
            consent_id=None,
        )
    return _consent_result(result)


def _record_of(consent: ConsentFacts, terms: ConsentTerms, now: datetime) -> dict[str, Any]:
    return {
        "on_behalf": consent.members != {consent.given_by},
        "legal_basis": terms.legal_basis,
        "collection_method": terms.collection_method,
        "evidence_hash": terms.evidence_hash,
        "notice_version": terms.notice_version,
        "recorded_at": now,
    }


def _only(facts: FileFacts, consent_id: uuid.UUID) -> FileFacts:
    return FileFacts(
        file_id=facts.file_id,
        status=facts.status,
        lead=facts.lead,
        opened_at=facts.opened_at,
        closed_at=facts.closed_at,
        is_participant=facts.is_participant,
        consents=[c for c in facts.consents if c.id == consent_id],
        members=facts.members,
        records=facts.records,
    )


async def _change_consent(
    session: AsyncSession,
    runtime: Runtime,
    principal: Principal,
    facts: FileFacts,
    consent_id: uuid.UUID,
    kind: Literal["withdrawn", "renewed"],
    renew: RenewIn | None = None,
) -> ConsentView | ProblemError:
    """Append a withdrawal or renewal event, notify participants and settle the file."""
    now = runtime.clock()
    consent = next((c for c in facts.consents if c.id == consent_id), None)
    if consent is None:
        return NotFoundError("No such consent.")
    state = rules.consent_state(consent, now)
    if state in ("withdrawn", "expired"):
        return ConflictError(f"The consent is already {state}.")
    values: dict[str, Any] = {
        "id": new_id(),
        "consent_id": consent_id,
        "kind": kind,
        "occurred_at": now,
        "recorded_at": now,
        "actor_account_id": principal.account_id,
    }
    if renew is not None:
        if renew.valid_until.tzinfo is None or renew.valid_until <= now:
            return ValidationFailed(
                "The new end must lie in the future.",
                extra={"errors": [_field_error("valid_until", "must lie in the future")]},
            )
        if renew.valid_until - now > rules.MAX_CONSENT_DURATION:
            return ValidationFailed(
                "A consent runs three years at most.",
                extra={"errors": [_field_error("valid_until", "three years at most")]},
            )
        values["valid_until"] = renew.valid_until
        values["evidence_hash"] = renew.evidence_hash
    await session.execute(insert(ConsentEvent).values(**values))
    if renew is not None:
        changed = replace(consent, valid_until=renew.valid_until)
    else:
        changed = replace(consent, withdrawn_at=now)
    facts.consents = [changed if c.id == consent_id else c for c in facts.consents]
    participants = await _participants(session, facts.file_id)
    await _notify(session, runtime, facts.file_id, participants, f"consent_{kind}", consent_id)
    await settle(session, runtime, facts)
    events = await _events(session, [consent_id])
    return _consent_views(_only(facts, consent_id), events, now)[0]


async def withdraw_consent(
    runtime: Runtime,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    consent_id: uuid.UUID,
) -> ConsentView:
    """Record that the family withdrew a consent; access it gave ends at commit."""
    return await _staff_consent_change(
        runtime, principal, ctx, file_id, consent_id, Action.COORDINATION_CONSENT_WITHDRAW, None
    )


async def renew_consent(
    runtime: Runtime,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    consent_id: uuid.UUID,
    data: RenewIn,
) -> ConsentView:
    """Record that the family renewed a consent in force until a new end."""
    return await _staff_consent_change(
        runtime, principal, ctx, file_id, consent_id, Action.COORDINATION_CONSENT_RENEW, data
    )


async def _staff_consent_change(
    runtime: Runtime,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    consent_id: uuid.UUID,
    action: Action,
    renew: RenewIn | None,
) -> ConsentView:
    async with runtime.sessions() as session, session.begin():
        gate = await _gate(session, runtime, principal, action, file_id, lock=True)
        facts = gate.facts
        result: ConsentView | ProblemError
        if facts is None or not facts.is_participant:
            result = _file_not_found()
        elif not facts.is_open:
            result = FileClosed("The file is closed.")
        elif not gate.allowed:
            result = _file_not_found()
        else:
            kind: Literal["withdrawn", "renewed"] = "renewed" if renew else "withdrawn"
            result = await _change_consent(
                session, runtime, principal, facts, consent_id, kind, renew
            )
        await _audit_consent_outcome(
            session,
            runtime,
            ctx,
            action,
            result,
            file_id=file_id,
            policy_id=gate.policy_id,
            consent_id=consent_id,
        )
    return _consent_result(result)


# --- staff: invitations and notifications ----------------------------------------------------


async def invite_member(
    runtime: Runtime,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    member_id: uuid.UUID,
    existing_account_id: uuid.UUID | None,
) -> InvitationView:
    """Create (or link) the family account of a member aged 12 or older, or of a parent or
    guardian; returns the one-time activation token to hand over."""
    from zorgafstemming.identity import accounts

    action = Action.COORDINATION_INVITATION_CREATE
    async with runtime.unit_of_work() as uow:
        session = uow.session
        gate = await _gate(session, runtime, principal, action, file_id, lock=True)
        facts = gate.facts
        result: InvitationView | ProblemError
        row = None
        if facts is not None and gate.allowed:
            row = (
                await session.execute(
                    select(Member.id, Member.role, Member.account_id, Member.birth_date_enc).where(
                        Member.file_id == file_id, Member.id == member_id
                    )
                )
            ).first()
        if facts is None or not gate.allowed:
            result = _file_not_found()
        elif not facts.is_open:
            result = FileClosed("The file is closed.")
        elif row is None:
            result = NotFoundError("No such member.")
        else:
            assert facts.key is not None
            blob = row.birth_date_enc
            born = date.fromisoformat(
                _decrypt(runtime, facts.key, "members", "birth_date_enc", row.id, blob)
            )
            now = runtime.clock()
            representative = MemberRole(row.role) in rules.LEGAL_REPRESENTATIVES
            if not representative and not rules.has_capacity(born, now):
                result = ValidationFailed(
                    "Only a member aged 12 or older, or a parent or guardian, gets a family "
                    "account.",
                    extra={"errors": [_field_error("member", "under 12 and not a parent")]},
                )
            elif row.account_id is not None:
                result = ConflictError("This member already has a family account.")
            elif existing_account_id is not None:
                result = await _link_account(session, member_id, existing_account_id)
            else:
                account_id, token = await accounts.create_account(
                    uow, ctx, principal, role=Role.FAMILY, email=None
                )
                await session.execute(
                    update(Member).where(Member.id == member_id).values(account_id=account_id)
                )
                result = InvitationView(
                    account_id=account_id, member_id=member_id, activation_token=token
                )
        await _audit(
            session,
            runtime,
            ctx,
            action,
            "allowed" if isinstance(result, InvitationView) else "denied",
            file_id=file_id,
            policy_id=gate.policy_id,
            object_type="member",
            object_id=member_id,
        )
    if isinstance(result, ProblemError):
        raise result
    return result


async def _link_account(
    session: AsyncSession, member_id: uuid.UUID, account_id: uuid.UUID
) -> InvitationView | ProblemError:
    """Link a person's existing family account to this member; their sign-in stays as it is
    (no new token), since re-inviting would end the sessions they have for another file."""
    role = await session.scalar(select(Account.role).where(Account.id == account_id))
    if role != "family":
        return ValidationFailed(
            "That is not a family account.",
            extra={"errors": [_field_error("existing_account_id", "no such family account")]},
        )
    await session.execute(
        update(Member).where(Member.id == member_id).values(account_id=account_id)
    )
    return InvitationView(account_id=account_id, member_id=member_id, activation_token=None)


async def list_notifications(
    runtime: Runtime, principal: Principal, ctx: AuditContext, *, limit: int
) -> list[NotificationView]:
    """The caller's organisation's notices, newest first; reminders of consents that expire
    within 30 days on files it leads are created here if nobody read those files yet."""
    org = principal.organisation_id
    now = runtime.clock()
    async with runtime.sessions() as session, session.begin():
        until = (
            select(func.max(ConsentEvent.valid_until))
            .where(
                ConsentEvent.consent_id == ConsentRecord.id,
                ConsentEvent.kind.in_(("given", "renewed")),
            )
            .scalar_subquery()
        )
        withdrawn = exists().where(
            ConsentEvent.consent_id == ConsentRecord.id, ConsentEvent.kind == "withdrawn"
        )
        due = await session.execute(
            select(ConsentRecord.id, ConsentRecord.file_id, until.label("until"))
            .join(CoordinationFile, CoordinationFile.id == ConsentRecord.file_id)
            .where(
                CoordinationFile.lead_organisation_id == org,
                CoordinationFile.status == "open",
                ConsentRecord.valid_from <= now,
                until > now,
                until <= now + rules.EXPIRY_REMINDER,
                ~withdrawn,
            )
        )
        for row in due.all():
            assert org is not None
            await _notify(
                session,
                runtime,
                row.file_id,
                [org],
                "consent_expiring",
                row.id,
                dedupe=f"expiring:{row.id}:{row.until.isoformat()}",
            )
        rows = (
            await session.execute(
                select(
                    Notification.id,
                    Notification.file_id,
                    Notification.kind,
                    Notification.consent_id,
                    Notification.created_at,
                )
                .where(Notification.organisation_id == org)
                .order_by(Notification.created_at.desc(), Notification.id.desc())
                .limit(limit)
            )
        ).all()
        await _audit(
            session,
            runtime,
            ctx,
            Action.COORDINATION_NOTIFICATION_LIST,
            "allowed",
            file_id=None,
            policy_id=None,
            object_type="notification_list",
        )
    return [
        NotificationView(
            id=r.id,
            file_id=r.file_id,
            kind=r.kind,
            consent_id=r.consent_id,
            created_at=r.created_at,
        )
        for r in rows
    ]


# --- family ----------------------------------------------------------------------------------


async def _family_memberships(
    session: AsyncSession, account_id: uuid.UUID, file_id: uuid.UUID | None = None
) -> list[Any]:
    stmt = (
        select(
            Member.id,
            Member.file_id,
            CoordinationFile.status,
            CoordinationFile.opened_at,
            CoordinationFile.closed_at,
        )
        .join(CoordinationFile, CoordinationFile.id == Member.file_id)
        .where(Member.account_id == account_id, CoordinationFile.status != "purged")
        .order_by(Member.file_id)
    )
    if file_id is not None:
        stmt = stmt.where(Member.file_id == file_id)
    return list((await session.execute(stmt)).all())


async def family_files(
    runtime: Runtime, principal: Principal, ctx: AuditContext
) -> list[FamilyFileSummary]:
    """The files the signed-in family member belongs to."""
    async with runtime.sessions() as session, session.begin():
        rows = await _family_memberships(session, principal.account_id)
        await _audit(
            session,
            runtime,
            ctx,
            Action.FAMILY_FILE_LIST,
            "allowed",
            file_id=None,
            policy_id=None,
            object_type="file_list",
        )
    return [
        FamilyFileSummary(
            id=r.file_id,
            status=r.status,
            member_id=r.id,
            opened_at=r.opened_at,
            closed_at=r.closed_at,
        )
        for r in rows
    ]


async def _family_view(
    session: AsyncSession, runtime: Runtime, membership: Any
) -> tuple[FamilyFileView, set[str]]:
    """What one family member sees of one file: their own data and that of children under 12
    they represent, consents about those people, and non-confidential entries about them."""
    vocab = vocabulary()
    file_id = membership.file_id
    facts = await load_facts(session, runtime, file_id, None)
    assert facts is not None
    await settle(session, runtime, facts)  # expiry is decided at read time, for every reader
    key = await runtime.cipher.key_for(session, FILE_OWNER, file_id)
    now = runtime.clock()
    rows = await _member_rows(session, file_id)
    people = {
        r.id: MemberFacts(
            r.id,
            MemberRole(r.role),
            date.fromisoformat(
                _decrypt(runtime, key, "members", "birth_date_enc", r.id, r.birth_date_enc)
            ),
        )
        for r in rows
    }
    viewer = people[membership.id]
    visible = rules.family_visible_members(viewer, people.values(), now)
    everything = frozenset(vocab.categories)
    members = [_member_view(runtime, key, r, everything, vocab) for r in rows if r.id in visible]
    mine = [c for c in facts.consents if c.given_by == viewer.id or c.members & visible]
    facts.consents = mine
    events = await _events(session, (c.id for c in mine))
    entries_rows, about = await _entry_rows(session, file_id)
    entries = [
        _entry_view(runtime, key, r, sorted(about.get(r.id, [])))
        for r in entries_rows
        if rules.family_may_see_entry(visible, about.get(r.id, []), r.confidential)
    ]
    categories = set(vocab.member_categories) | {e.category for e in entries}
    view = FamilyFileView(
        id=file_id,
        status=facts.status,
        opened_at=facts.opened_at,
        closed_at=facts.closed_at,
        members=members,
        consents=_consent_views(facts, events, now),
        entries=entries,
    )
    return view, categories


async def family_file(
    runtime: Runtime, principal: Principal, ctx: AuditContext, file_id: uuid.UUID
) -> FamilyFileView:
    """One file as the signed-in family member may see it; other files answer 404."""
    action = Action.FAMILY_FILE_READ
    async with runtime.sessions() as session, session.begin():
        memberships = await _family_memberships(session, principal.account_id, file_id)
        decision = _decide(runtime, principal, action, file_id, is_member=bool(memberships))
        view: FamilyFileView | None = None
        categories: set[str] = set()
        if memberships and decision.allowed:
            view, categories = await _family_view(session, runtime, memberships[0])
        await _audit(
            session,
            runtime,
            ctx,
            action,
            "allowed" if view is not None else "denied",
            file_id=file_id,
            policy_id=decision.policy_id,
            categories=categories,
        )
    if view is None:
        raise _file_not_found()
    return view


async def family_export(runtime: Runtime, principal: Principal, ctx: AuditContext) -> FamilyExport:
    """Everything about the signed-in family member, one audit event per file exported."""
    action = Action.FAMILY_EXPORT_READ
    files: list[FamilyFileView] = []
    async with runtime.sessions() as session, session.begin():
        for membership in await _family_memberships(session, principal.account_id):
            decision = _decide(runtime, principal, action, membership.file_id, is_member=True)
            if not decision.allowed:  # pragma: no cover - the policy permits members
                continue
            view, categories = await _family_view(session, runtime, membership)
            files.append(view)
            await _audit(
                session,
                runtime,
                ctx,
                action,
                "allowed",
                file_id=membership.file_id,
                policy_id=decision.policy_id,
                categories=categories,
            )
    return FamilyExport(exported_at=runtime.clock(), files=files)


async def family_give_consent(
    runtime: Runtime, principal: Principal, ctx: AuditContext, data: FamilyConsentIn
) -> ConsentView:
    """A family member gives consent in the portal, for themselves (12 or older) or for a
    child under 12 they represent."""
    action = Action.FAMILY_CONSENT_GIVE
    async with runtime.sessions() as session, session.begin():
        memberships = await _family_memberships(session, principal.account_id, data.file_id)
        decision = _decide(runtime, principal, action, data.file_id, is_member=bool(memberships))
        result: ConsentView | ProblemError
        facts = (
            await load_facts(session, runtime, data.file_id, None, lock=True)
            if memberships and decision.allowed
            else None
        )
        if facts is None:
            result = _file_not_found()
        else:
            await settle(session, runtime, facts)
            if not facts.is_open:
                result = FileClosed("The file is closed.")
            else:
                facts.key = await runtime.cipher.key_for(session, FILE_OWNER, data.file_id)
                try:
                    consent = await _validated_consent(
                        session, runtime, facts, data, memberships[0].id, data.members
                    )
                except ProblemError as exc:
                    result = exc
                else:
                    await _store_consent(session, runtime, principal, data.file_id, consent, data)
                    facts.consents.append(consent)
                    facts.records[consent.id] = _record_of(consent, data, runtime.clock())
                    participants = await _participants(session, data.file_id)
                    await _notify(
                        session, runtime, data.file_id, participants, "consent_given", consent.id
                    )
                    events = await _events(session, [consent.id])
                    result = _consent_views(_only(facts, consent.id), events, runtime.clock())[0]
        await _audit_consent_outcome(
            session,
            runtime,
            ctx,
            action,
            result,
            file_id=data.file_id,
            policy_id=decision.policy_id,
            consent_id=None,
        )
    return _consent_result(result)


async def family_withdraw_consent(
    runtime: Runtime, principal: Principal, ctx: AuditContext, consent_id: uuid.UUID
) -> ConsentView:
    """A family member withdraws a consent they gave, one about themselves (12 or older), or
    one about a child under 12 they represent; access ends at commit."""
    action = Action.FAMILY_CONSENT_WITHDRAW
    async with runtime.sessions() as session, session.begin():
        file_id = await session.scalar(
            select(ConsentRecord.file_id).where(ConsentRecord.id == consent_id)
        )
        memberships = (
            await _family_memberships(session, principal.account_id, file_id) if file_id else []
        )
        decision = _decide(
            runtime, principal, action, file_id or consent_id, is_member=bool(memberships)
        )
        result: ConsentView | ProblemError = NotFoundError("No such consent.")
        if file_id is not None and memberships and decision.allowed:
            facts = await load_facts(session, runtime, file_id, None, lock=True)
            assert facts is not None
            consent = next((c for c in facts.consents if c.id == consent_id), None)
            viewer = facts.members.get(memberships[0].id) or await _member_facts(
                session, runtime, file_id, memberships[0].id
            )
            if consent is not None and rules.family_may_withdraw(
                viewer, consent, facts.members, runtime.clock()
            ):
                result = await _change_consent(
                    session, runtime, principal, facts, consent_id, "withdrawn"
                )
        await _audit_consent_outcome(
            session,
            runtime,
            ctx,
            action,
            result,
            file_id=file_id,
            policy_id=decision.policy_id,
            consent_id=consent_id,
        )
    return _consent_result(result)


async def _member_facts(
    session: AsyncSession, runtime: Runtime, file_id: uuid.UUID, member_id: uuid.UUID
) -> MemberFacts:
    row = (
        await session.execute(
            select(Member.id, Member.role, Member.birth_date_enc).where(Member.id == member_id)
        )
    ).one()
    key = await runtime.cipher.key_for(session, FILE_OWNER, file_id)
    born = _decrypt(runtime, key, "members", "birth_date_enc", row.id, row.birth_date_enc)
    return MemberFacts(row.id, MemberRole(row.role), date.fromisoformat(born))


# --- for retention ---------------------------------------------------------------------------


async def file_rows(session: AsyncSession, file_id: uuid.UUID) -> dict[str, list[Any]]:
    """Every row that belongs to a file, by table (primary keys), for purge and its proof."""
    entry_ids = select(Entry.id).where(Entry.file_id == file_id)
    consent_ids = select(ConsentRecord.id).where(ConsentRecord.file_id == file_id)
    queries: dict[str, Any] = {
        "notifications": select(Notification.id).where(Notification.file_id == file_id),
        "entry_members": select(EntryMember.entry_id, EntryMember.member_id).where(
            EntryMember.entry_id.in_(entry_ids)
        ),
        "entries": entry_ids,
        "consent_events": select(ConsentEvent.id).where(ConsentEvent.consent_id.in_(consent_ids)),
        "consent_recipients": select(
            ConsentRecipient.consent_id, ConsentRecipient.organisation_id
        ).where(ConsentRecipient.consent_id.in_(consent_ids)),
        "consent_members": select(ConsentMember.consent_id, ConsentMember.member_id).where(
            ConsentMember.consent_id.in_(consent_ids)
        ),
        "consent_records": consent_ids,
        "participants": select(Participant.file_id, Participant.organisation_id).where(
            Participant.file_id == file_id
        ),
        "members": select(Member.id).where(Member.file_id == file_id),
        "coordination_files": select(CoordinationFile.id).where(CoordinationFile.id == file_id),
    }
    result: dict[str, list[Any]] = {}
    for table, query in queries.items():
        rows = (await session.execute(query)).all()
        result[table] = [row[0] if len(row) == 1 else tuple(row) for row in rows]
    return result


async def delete_file_rows(
    session: AsyncSession, file_id: uuid.UUID, *, at: datetime, keep_file_row: bool = True
) -> dict[str, int]:
    """Delete everything that belongs to a file in the caller's transaction (children first);
    the file row itself stays as status ``purged`` unless ``keep_file_row`` is false.

    The caller (retention) shreds the file's data key and blind indexes in the same
    transaction (``runtime.cipher.shred(session, "file", file_id)``).
    """
    entry_ids = select(Entry.id).where(Entry.file_id == file_id)
    consent_ids = select(ConsentRecord.id).where(ConsentRecord.file_id == file_id)
    statements: list[tuple[str, Any]] = [
        ("notifications", delete(Notification).where(Notification.file_id == file_id)),
        ("entry_members", delete(EntryMember).where(EntryMember.entry_id.in_(entry_ids))),
        ("entries", delete(Entry).where(Entry.file_id == file_id)),
        (
            "consent_events",
            delete(ConsentEvent).where(ConsentEvent.consent_id.in_(consent_ids)),
        ),
        (
            "consent_recipients",
            delete(ConsentRecipient).where(ConsentRecipient.consent_id.in_(consent_ids)),
        ),
        (
            "consent_members",
            delete(ConsentMember).where(ConsentMember.consent_id.in_(consent_ids)),
        ),
        ("consent_records", delete(ConsentRecord).where(ConsentRecord.file_id == file_id)),
        ("participants", delete(Participant).where(Participant.file_id == file_id)),
        ("members", delete(Member).where(Member.file_id == file_id)),
    ]
    counts: dict[str, int] = {}
    for table, statement in statements:
        result = await session.execute(statement)
        counts[table] = int(getattr(result, "rowcount", 0) or 0)
    if keep_file_row:
        result = await session.execute(
            update(CoordinationFile)
            .where(CoordinationFile.id == file_id)
            .values(status="purged", purged_at=at)
        )
    else:
        result = await session.execute(
            delete(CoordinationFile).where(CoordinationFile.id == file_id)
        )
    counts["coordination_files"] = int(getattr(result, "rowcount", 0) or 0)
    return counts


async def closing_time(
    session: AsyncSession, runtime: Runtime, file_id: uuid.UUID
) -> datetime | None:
    """When the file closed or will close: the lead's close, else the end of its last valid
    consent (:func:`rules.effective_closing_time`); None for an unknown file."""
    facts = await load_facts(session, runtime, file_id, None)
    if facts is None:
        return None
    if facts.closed_at is not None:
        return facts.closed_at
    ends = rules.effective_closing_time(facts.consents, facts.members)
    return ends if ends is not None else facts.opened_at
