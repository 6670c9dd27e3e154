"""The display labels of many files at once, for lists: "Gezin Peeters — Zoersel" from the
members' names and municipality that the caller's organisation's consent covers, decrypted at
read time. A fixed number of statements however many files are listed (the consent facts and
data keys of all of them, then their members' two fields), never one per file."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Exists, exists, select

from zorgafstemming.audit.references import file_reference
from zorgafstemming.coordination import rules
from zorgafstemming.coordination.models import CoordinationFile, Member
from zorgafstemming.coordination.recognition import display_label, municipality_of
from zorgafstemming.coordination.restriction.models import FileRestriction
from zorgafstemming.coordination.restriction.rules import without_restricted
from zorgafstemming.coordination.service.facts import facts_of_files
from zorgafstemming.coordination.vocabulary import vocabulary
from zorgafstemming.crypto.fields import DataKey, FieldCipher
from zorgafstemming.runtime import UnitOfWork

IDENTITY = "identity"
CONTACT = "contact"
# How a list shows a file whose processing is restricted: no label, this status.
RESTRICTED_STATUS = "restricted"


def file_restricted() -> Exists:
    """Whether the correlated file is restricted as a whole now (for the lists' statements)."""
    return (
        exists()
        .where(
            FileRestriction.file_id == CoordinationFile.id,
            FileRestriction.member_id.is_(None),
            FileRestriction.lifted_at.is_(None),
        )
        .correlate(CoordinationFile)
    )


def listed_status(status: str, restricted: bool) -> str:
    """A file's status as lists show it: ``restricted`` while its processing is."""
    return RESTRICTED_STATUS if restricted and status == "open" else status


def reference_of(uow: UnitOfWork, file_id: uuid.UUID) -> str:
    """The file's short reference, the eight characters a person sees everywhere."""
    return file_reference(uow.runtime.secrets.audit_key, file_id)


def label_from_members(members: Sequence[Any]) -> str | None:
    """The label from member views already decrypted under the caller's consent (visible
    members with ``family_name`` and ``address`` present only where covered)."""
    names: list[str] = []
    place: str | None = None
    for member in members:
        if not getattr(member, "visible", True):
            continue
        name = getattr(member, "family_name", None)
        if isinstance(name, str):
            names.append(name)
        address = getattr(member, "address", None)
        if place is None and isinstance(address, str):
            place = municipality_of(address)
    return display_label(names, place if names else None)


async def file_labels(
    uow: UnitOfWork, organisation_id: uuid.UUID, file_ids: Sequence[uuid.UUID]
) -> tuple[dict[uuid.UUID, str | None], set[str]]:
    """The label of each file for ``organisation_id`` (None where its consent covers no
    family name, or where processing is restricted: no label is made from a restricted file
    or a restricted member), and the data categories decrypted to make them."""
    labels: dict[uuid.UUID, str | None] = dict.fromkeys(file_ids)
    if not file_ids:
        return labels, set()
    session, cipher = uow.session, uow.runtime.cipher
    now = uow.runtime.clock()
    purpose = vocabulary().purpose_of("coordination:file:read")
    facts = await facts_of_files(session, cipher, list(file_ids))
    covered: dict[uuid.UUID, dict[uuid.UUID, frozenset[str]]] = {}
    keys: dict[uuid.UUID, DataKey] = {}
    for file_id, file_facts in facts.items():
        if file_facts is None or file_facts.key is None or file_facts.restricted:
            continue
        covered[file_id] = without_restricted(
            rules.covered_categories(
                file_facts.consents,
                file_facts.members,
                organisation=organisation_id,
                purpose=purpose,
                at=now,
            ),
            file_facts.restricted_members,
        )
        keys[file_id] = file_facts.key
    rows = (
        await session.execute(
            select(Member.id, Member.file_id, Member.family_name_enc, Member.address_enc)
            .where(Member.file_id.in_(list(covered)))
            .order_by(Member.file_id, Member.created_at, Member.id)
        )
    ).all()
    names: dict[uuid.UUID, list[str]] = {}
    places: dict[uuid.UUID, str] = {}
    used: set[str] = set()
    for row in rows:
        allowed = covered[row.file_id].get(row.id, frozenset())
        key = keys[row.file_id]
        if IDENTITY in allowed:
            names.setdefault(row.file_id, []).append(
                _decrypt(cipher, key, row.id, "family_name_enc", row.family_name_enc)
            )
            used.add(IDENTITY)
        if CONTACT in allowed and row.address_enc is not None and row.file_id not in places:
            place = municipality_of(_decrypt(cipher, key, row.id, "address_enc", row.address_enc))
            used.add(CONTACT)
            if place:
                places[row.file_id] = place
    for file_id in covered:
        found = names.get(file_id, [])
        labels[file_id] = display_label(found, places.get(file_id) if found else None)
    return labels, used


def _decrypt(
    cipher: FieldCipher, key: DataKey, member_id: uuid.UUID, column: str, blob: bytes
) -> str:
    # A value that does not authenticate raises: the request fails rather than show it.
    return cipher.decrypt(key, table="members", column=column, row_id=member_id, blob=blob)
