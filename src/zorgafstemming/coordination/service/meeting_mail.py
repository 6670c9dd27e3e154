"""The invitation mails of a case meeting: one mail per invited address the service knows, each
with the meeting's ``.ics``, queued in the outbox with the change that causes it.

Who gets one: for each invited organisation its contact person on the file, or — while it named
none — the worker assigned there first (who stands for it until then, as for the family's
contact point); for each invited member their family account.
Only active accounts with an address. The mail and the ``.ics`` carry the day, the hours and the
file's short reference; the place and agenda are read in the service (see
``coordination.meeting_calendar``).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from email.utils import parseaddr

from sqlalchemy import select

from zorgafstemming.coordination.access_models import FileAssignment
from zorgafstemming.coordination.meeting_calendar import Method, invitation
from zorgafstemming.coordination.meeting_models import Meeting
from zorgafstemming.coordination.meeting_rules import hhmm, local
from zorgafstemming.coordination.models import Member
from zorgafstemming.coordination.service.file_labels import reference_of
from zorgafstemming.db import among
from zorgafstemming.dutch import dutch_date
from zorgafstemming.identity import account_fields
from zorgafstemming.identity.models import Account
from zorgafstemming.mail import outbox
from zorgafstemming.mail.outbox import Attachment
from zorgafstemming.mail.texts import compose
from zorgafstemming.mail.transport import DEVELOPMENT_SENDER
from zorgafstemming.runtime import UnitOfWork

FAMILY_PAGE = "/mijn"
WORKER_PAGE = "/dossiers/{file_id}"


@dataclass(frozen=True)
class Recipient:
    """An account an invitation goes to (its address only in memory, never logged)."""

    account_id: uuid.UUID
    email: str
    family: bool


async def recipients(
    uow: UnitOfWork,
    file_id: uuid.UUID,
    organisations: Sequence[uuid.UUID],
    members: Sequence[uuid.UUID],
) -> list[Recipient]:
    """The accounts to invite, in a stable order (staff by organisation, then family)."""
    session = uow.session
    staff: list[tuple[uuid.UUID, bool]] = []
    if organisations:
        rows = (
            await session.execute(
                select(
                    FileAssignment.account_id,
                    FileAssignment.organisation_id,
                    FileAssignment.is_contact,
                )
                .join(Account, Account.id == FileAssignment.account_id)
                .where(
                    FileAssignment.file_id == file_id,
                    FileAssignment.ended_at.is_(None),
                    Account.status == "active",
                    among(session, FileAssignment.organisation_id, list(organisations)),
                )
                .order_by(
                    FileAssignment.organisation_id,
                    FileAssignment.assigned_at,
                    FileAssignment.account_id,
                )
            )
        ).all()
        by_org: dict[uuid.UUID, list[tuple[uuid.UUID, bool]]] = {}
        for account_id, organisation_id, is_contact in rows:
            by_org.setdefault(organisation_id, []).append((account_id, bool(is_contact)))
        for assigned in by_org.values():
            contacts = [a for a, contact in assigned if contact]
            staff += [(a, False) for a in (contacts or [a for a, _ in assigned])[:1]]
    family: list[tuple[uuid.UUID, bool]] = []
    if members:
        linked = await session.scalars(
            select(Member.account_id)
            .join(Account, Account.id == Member.account_id)
            .where(
                Member.file_id == file_id,
                Member.ended_at.is_(None),
                Account.status == "active",
                among(session, Member.id, list(members)),
            )
            .order_by(Member.account_id)
        )
        family = [(a, True) for a in linked if a is not None]
    wanted = list(dict.fromkeys(staff + family))
    if not wanted:
        return []
    emails = dict(
        (
            await session.execute(
                select(Account.id, Account.email_enc).where(
                    among(session, Account.id, [a for a, _ in wanted])
                )
            )
        ).all()
    )
    key = await account_fields.accounts_key(uow)
    found: list[Recipient] = []
    for account_id, is_family in wanted:
        blob = emails.get(account_id)
        if blob is None:
            continue
        email = account_fields.decrypt(uow.runtime, key, account_id, "email", bytes(blob))
        found.append(Recipient(account_id, email, is_family))
    return found


async def send_invitations(
    uow: UnitOfWork,
    meeting: Meeting,
    organisations: Sequence[uuid.UUID],
    members: Sequence[uuid.UUID],
    *,
    method: Method,
) -> int:
    """Queue the invitation (``REQUEST``) or cancellation (``CANCEL``) of ``meeting`` to every
    invited address; how many mails were queued."""
    runtime = uow.runtime
    people = await recipients(uow, meeting.file_id, organisations, members)
    if not people:
        return 0
    reference = reference_of(uow, meeting.file_id)
    sender = parseaddr(runtime.settings.mail_from)[1] or DEVELOPMENT_SENDER
    domain = sender.rpartition("@")[2] or "localhost"
    kind: outbox.MailKind = "meeting-invitation" if method == "REQUEST" else "meeting-cancellation"
    day = dutch_date(local(meeting.starts_at).date())
    for person in people:
        page = FAMILY_PAGE if person.family else WORKER_PAGE.format(file_id=meeting.file_id)
        link = outbox.link(runtime, page)
        ics = invitation(
            method=method,
            meeting_id=meeting.id,
            domain=domain,
            reference=reference,
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            sequence=meeting.sequence,
            stamp=runtime.clock(),
            organiser=sender,
            link=link,
        )
        attachment = Attachment(
            filename="overleg.ics" if method == "REQUEST" else "annulering.ics",
            subtype="calendar",
            text=ics.decode(),
            params={"method": method},
        )
        message = compose(
            kind,
            person.email,
            attachments=[attachment],
            reference=reference,
            day=day,
            start=hhmm(meeting.starts_at),
            end=hhmm(meeting.ends_at),
            link=link,
        )
        await outbox.enqueue(uow, kind=kind, message=message, account_id=person.account_id)
    return len(people)
