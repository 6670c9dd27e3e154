"""The consent-facts statement of coordination: one union query over a file's consents, their
members and recipients, its participants, assignments, restrictions in force, consent events
and data key, which :mod:`facts` folds into ``FileFacts``; and the correlated consent
conditions (end, withdrawal, awaiting confirmation) that other queries share with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    String,
    Uuid,
    and_,
    bindparam,
    cast,
    exists,
    func,
    null,
    select,
    union_all,
)

from zorgafstemming.coordination.access_models import FileAssignment
from zorgafstemming.coordination.models import (
    ConsentEvent,
    ConsentMember,
    ConsentRecipient,
    ConsentRecord,
    CoordinationFile,
    Member,
    Participant,
)
from zorgafstemming.coordination.restriction.models import FileRestriction
from zorgafstemming.crypto.models import DataKeyRecord
from zorgafstemming.identity.models import Account

# The owner kind of a file's data key and blind indexes.
FILE_OWNER = "file"


def consent_end() -> Any:
    """A consent's current end (its latest given or renewed end), correlated to the record."""
    return (
        select(func.max(ConsentEvent.valid_until))
        .where(
            ConsentEvent.consent_id == ConsentRecord.id,
            ConsentEvent.kind.in_(("given", "renewed")),
        )
        .scalar_subquery()
    )


def consent_withdrawn() -> Any:
    """Whether the correlated consent record was withdrawn as a whole."""
    return exists().where(
        ConsentEvent.consent_id == ConsentRecord.id,
        ConsentEvent.kind == "withdrawn",
        ConsentEvent.member_id.is_(None),
    )


def awaiting_confirmation() -> Any:
    """Whether the correlated consent was recorded by a partner without the signed form and the
    family has not confirmed it yet (consents recorded before provenance was kept have no
    recording organisation and stay as they were)."""
    confirmed = exists().where(
        ConsentEvent.consent_id == ConsentRecord.id, ConsentEvent.kind == "confirmed"
    )
    return and_(
        ConsentRecord.collection_method == "in_person",
        ConsentRecord.recorded_by_organisation_id.is_not(None),
        ~confirmed,
    )


def member_withdrawn() -> Any:
    """Whether the correlated consent was withdrawn for the correlated member's data alone."""
    return exists().where(
        ConsentEvent.consent_id == ConsentMember.consent_id,
        ConsentEvent.kind == "withdrawn",
        ConsentEvent.member_id == ConsentMember.member_id,
    )


def _ids_of(column: Any, *where: Any) -> Any:
    """The ids in ``column`` of the correlated consent, as one comma-separated string (one
    value per consent, however many members or recipients it names)."""
    return (
        select(func.aggregate_strings(cast(column, String), ","))
        .where(*where)
        .correlate(ConsentRecord)
        .scalar_subquery()
    )


def facts_query(files: Any, one_file: Any = None) -> Any:
    """The consent-facts statement for the files matching ``files``; ``organisation_id`` and
    ``account_id`` (the caller) are bound per request (the one-file statement is built once:
    building it per request cost more than running it).

    One statement, several kinds of rows: one per consent (with the file's own facts; its
    members and recipients folded into id lists, so the rows and the correlated look-ups grow
    with the consents alone, not with consents x members x recipients), and one per member of
    the file (role and encrypted birth date). A file without consents still gives one consent
    row, all consent columns NULL.

    ``one_file`` (the bound id of the one file read): rows of three more kinds, so that a
    request reads everything but the members and its own content in this one round trip — one
    per participant organisation, one per consent event, and one per data key of the file
    (taken FOR SHARE on PostgreSQL, as :meth:`FieldCipher.load_key` does, so that a rotation
    cannot switch the keys this transaction reads under).
    """
    organisation_id = bindparam("organisation_id", type_=Uuid)
    account_id = bindparam("account_id", type_=Uuid)
    renewed_until = consent_end()
    withdrawn_at = (
        select(func.min(ConsentEvent.occurred_at))
        .where(
            ConsentEvent.consent_id == ConsentRecord.id,
            ConsentEvent.kind == "withdrawn",
            ConsentEvent.member_id.is_(None),
        )
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
    # Inside the organisation, only the workers assigned to the file (and not unassigned since)
    # act on it; the coordinator manages those assignments. Both in this one statement: it is
    # every request's read path.
    assigned = (
        exists()
        .where(
            FileAssignment.file_id == CoordinationFile.id,
            FileAssignment.account_id == account_id,
            FileAssignment.organisation_id == organisation_id,
            FileAssignment.ended_at.is_(None),
        )
        .correlate(CoordinationFile)
    )
    coordinator = exists().where(
        Account.id == account_id,
        Account.organisation_id == organisation_id,
        Account.is_coordinator.is_(True),
        Account.status == "active",
    )
    # Restrictions in force (GDPR art. 18) travel with the file's own facts: since when the whole
    # file is restricted, and the members whose data alone is. Correlated here, not a further
    # round trip, since every request on a file needs them.
    in_force = (
        FileRestriction.file_id == CoordinationFile.id,
        FileRestriction.lifted_at.is_(None),
    )
    restricted_since = (
        select(func.min(FileRestriction.placed_at))
        .where(*in_force, FileRestriction.member_id.is_(None))
        .correlate(CoordinationFile)
        .scalar_subquery()
    )
    restricted_members = (
        select(func.aggregate_strings(cast(FileRestriction.member_id, String), ","))
        .where(*in_force, FileRestriction.member_id.is_not(None))
        .correlate(CoordinationFile)
        .scalar_subquery()
    )
    head = [
        CoordinationFile.status,
        CoordinationFile.lead_organisation_id,
        CoordinationFile.opened_at,
        CoordinationFile.closed_at,
        participant.label("is_participant"),
        assigned.label("assigned"),
        coordinator.label("is_coordinator"),
        restricted_since.label("restricted_since"),
        restricted_members.label("restricted_member_ids"),
    ]
    # A member whose own part was withdrawn is no longer covered; the others still are.
    covered = _ids_of(
        ConsentMember.member_id, ConsentMember.consent_id == ConsentRecord.id, ~member_withdrawn()
    )
    recipients = _ids_of(
        ConsentRecipient.organisation_id, ConsentRecipient.consent_id == ConsentRecord.id
    )
    consent_columns = [
        ConsentRecord.id.label("consent_id"),
        ConsentRecord.valid_until.label("first_until"),
        # The record's other columns, each under its own name.
        *(
            column.label(column.key)
            for column in (
                ConsentRecord.given_by_member_id,
                ConsentRecord.on_behalf,
                ConsentRecord.recorded_at,
                ConsentRecord.valid_from,
                ConsentRecord.purposes,
                ConsentRecord.categories,
                ConsentRecord.legal_basis,
                ConsentRecord.collection_method,
                ConsentRecord.evidence_hash,
                ConsentRecord.notice_version,
                ConsentRecord.recorded_by_organisation_id,
            )
        ),
        awaiting_confirmation().label("awaiting_confirmation"),
        renewed_until.label("valid_until"),
        withdrawn_at.label("withdrawn_at"),
        expiry_recorded.label("expiry_recorded"),
        covered.label("member_ids"),
        recipients.label("recipient_ids"),
    ]
    member_columns = [
        Member.id.label("member_id"),
        Member.role.label("member_role"),
        Member.birth_date_enc.label("member_birth"),
    ]
    kinds: dict[str, list[Any]] = {
        "head": [*head, *consent_columns],
        "member": member_columns,
    }
    if one_file is not None:
        keys = (
            select(DataKeyRecord)
            .where(DataKeyRecord.owner_kind == FILE_OWNER, DataKeyRecord.owner_id == one_file)
            .with_for_update(read=True)
            .cte("file_keys")
        )
        kinds["participant"] = [
            Participant.organisation_id.label("participant_id"),
            Participant.joined_at.label("participant_joined_at"),
        ]
        kinds["event"] = [
            ConsentEvent.consent_id.label("event_consent_id"),
            ConsentEvent.kind.label("event_kind"),
            ConsentEvent.occurred_at.label("event_occurred_at"),
            ConsentEvent.valid_until.label("event_valid_until"),
            ConsentEvent.recorded_at.label("event_recorded_at"),
            ConsentEvent.id.label("event_id"),
        ]
        kinds["key"] = [
            keys.c.key_id.label("key_id"),
            keys.c.generation.label("key_generation"),
            keys.c.status.label("key_status"),
            keys.c.kek_version.label("key_kek_version"),
            keys.c.wrapped_key.label("key_wrapped"),
        ]

    def branch(kind: str, file_id: Any) -> Any:
        """The columns of one kind of row, typed NULLs under every other kind's names."""
        columns = [file_id.label("file_id")]
        for other, own in kinds.items():
            columns.extend(own if other == kind else _nulls(own))
        return select(*columns)

    branches = [
        branch("head", CoordinationFile.id)
        .select_from(CoordinationFile)
        .outerjoin(ConsentRecord, ConsentRecord.file_id == CoordinationFile.id)
        .where(files),
        branch("member", CoordinationFile.id)
        .select_from(CoordinationFile)
        .join(Member, Member.file_id == CoordinationFile.id)
        .where(files),
    ]
    if one_file is not None:
        branches += [
            branch("participant", Participant.file_id).where(Participant.file_id == one_file),
            branch("event", ConsentRecord.file_id)
            .select_from(ConsentEvent)
            .join(ConsentRecord, ConsentRecord.id == ConsentEvent.consent_id)
            .where(ConsentRecord.file_id == one_file),
            branch("key", keys.c.owner_id),
        ]
    return union_all(*branches)


def _nulls(columns: Sequence[Any]) -> list[Any]:
    """Typed NULLs under the names of ``columns``: what one kind of row leaves empty (cast,
    so that PostgreSQL types a column the same in every branch of the union)."""
    return [cast(null(), c.type).label(c.name) for c in columns]
