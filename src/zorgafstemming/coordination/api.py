"""HTTP API of the coordination package: thin controllers, each opening the unit of work of
its request and handing it to a ``coordination.service`` use case."""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Controller, Request, Response, delete, get, post
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT

from zorgafstemming.audit.schemas import AccessLogEntry, AccessLogPage
from zorgafstemming.authz.actions import Action
from zorgafstemming.authz.guard import post_as
from zorgafstemming.coordination.access_schemas import (
    AssignmentIn,
    AssignmentOverview,
    AssignmentView,
    MemberLinkAnswer,
    MemberLinkPage,
)
from zorgafstemming.coordination.family_schemas import (
    FamilyConsentView,
    FamilyFilePage,
    FamilyFileView,
    FamilyNoticePage,
    FamilyWithdrawalView,
)
from zorgafstemming.coordination.schemas import (
    AnnotationIn,
    AnnotationView,
    ConsentIn,
    ConsentView,
    EntryIn,
    EntryPage,
    EntryView,
    EvidenceView,
    FamilyConsentIn,
    FileCreate,
    FilePage,
    FileSummary,
    FileView,
    InvitationIn,
    InvitationView,
    NotificationPage,
    OwnStatementIn,
    ParticipantIn,
    ParticipantView,
    RenewIn,
)
from zorgafstemming.coordination.service import (
    assignments,
    consents,
    entries,
    entry_annotations,
    evidence,
    family,
    family_consents,
    family_evidence,
    family_export,
    family_notice_list,
    family_withdrawal,
    file_opening,
    files,
    invitations,
    links,
    notifications,
    own_statements,
    participants,
)
from zorgafstemming.coordination.service.access_log import family_access_log
from zorgafstemming.coordination.service.family_export import FamilyExport
from zorgafstemming.identity.auth import Caller
from zorgafstemming.paging_api import After, Limit


class FileController(Controller):
    """Coordination files for social workers of partner organisations."""

    path = "/files"
    tags = ["files"]

    @post_as(Action.COORDINATION_FILE_CREATE, "/", status_code=HTTP_201_CREATED)
    async def open_file(self, data: FileCreate, caller: Caller) -> FileView:
        """Open a file with its members and at least one consent naming your organisation."""
        return await caller.run(file_opening.open_file, data)

    @get("/", opt={"action": Action.COORDINATION_FILE_LIST})
    async def list_files(self, caller: Caller, limit: Limit, after: After) -> FilePage:
        """Files your organisation takes part in under consent (no personal data), ordered by
        id; pass ``next`` as ``after`` for the next page."""
        return await caller.run(files.list_files, after=after, limit=limit)

    @get("/{file_id:uuid}", opt={"action": Action.COORDINATION_FILE_READ})
    async def read_file(self, file_id: uuid.UUID, caller: Caller) -> FileView:
        """The file with the data categories your organisation's consent covers."""
        return await caller.run(files.read_file, file_id)

    @post_as(
        Action.COORDINATION_ENTRY_CREATE, "/{file_id:uuid}/entries", status_code=HTTP_201_CREATED
    )
    async def add_entry(self, file_id: uuid.UUID, data: EntryIn, caller: Caller) -> EntryView:
        """Write a journal entry about one or more members."""
        return await caller.run(entries.add_entry, file_id, data)

    @post_as(
        Action.COORDINATION_ANNOTATION_CREATE,
        "/{file_id:uuid}/entries/{entry_id:uuid}/annotations",
        status_code=HTTP_201_CREATED,
    )
    async def annotate_entry(
        self, file_id: uuid.UUID, entry_id: uuid.UUID, data: AnnotationIn, caller: Caller
    ) -> AnnotationView:
        """Correct or supplement a journal entry (GDPR art. 16): the annotation is kept beside
        the entry, which is never rewritten, and shown with it. The lead organisation or the
        entry's author organisation only; the organisations that read the file are told."""
        return await caller.run(entry_annotations.annotate_entry, file_id, entry_id, data)

    @get("/{file_id:uuid}/entries", opt={"action": Action.COORDINATION_ENTRY_LIST})
    async def list_entries(
        self, file_id: uuid.UUID, caller: Caller, limit: Limit, after: After
    ) -> EntryPage:
        """The journal entries your organisation's consent covers, oldest first (by id); pass
        ``next`` as ``after`` for the next page. A page may hold fewer than ``limit`` items
        when entries on it are withheld."""
        return await caller.run(entries.list_entries, file_id, after=after, limit=limit)

    @post_as(
        Action.COORDINATION_PARTICIPANT_ADD,
        "/{file_id:uuid}/participants",
        status_code=HTTP_201_CREATED,
    )
    async def add_participant(
        self, file_id: uuid.UUID, data: ParticipantIn, caller: Caller
    ) -> ParticipantView:
        """Add a partner organisation that a consent in force covers (lead only). While the
        file's processing is restricted it takes no new partner: 409 ``restricted``."""
        return await caller.run(participants.add_participant, file_id, data.organisation_id)

    @post_as(
        Action.COORDINATION_CONSENT_RECORD, "/{file_id:uuid}/consents", status_code=HTTP_201_CREATED
    )
    async def record_consent(
        self, file_id: uuid.UUID, data: ConsentIn, caller: Caller
    ) -> ConsentView:
        """Record a further consent the family gave."""
        return await caller.run(consents.record_consent, file_id, data)

    @post_as(
        Action.COORDINATION_CONSENT_RENEW,
        "/{file_id:uuid}/consents/{consent_id:uuid}/renew",
        status_code=HTTP_200_OK,
    )
    async def renew_consent(
        self, file_id: uuid.UUID, consent_id: uuid.UUID, data: RenewIn, caller: Caller
    ) -> ConsentView:
        """Record that the family renewed a consent in force until a new end."""
        return await caller.run(consents.renew_consent, file_id, consent_id, data)

    @post_as(
        Action.COORDINATION_CONSENT_WITHDRAW,
        "/{file_id:uuid}/consents/{consent_id:uuid}/withdraw",
        status_code=HTTP_200_OK,
    )
    async def withdraw_consent(
        self, file_id: uuid.UUID, consent_id: uuid.UUID, caller: Caller
    ) -> ConsentView:
        """Record the family's withdrawal; the access it gave ends when this returns."""
        return await caller.run(consents.withdraw_consent, file_id, consent_id)

    @post_as(Action.COORDINATION_FILE_CLOSE, "/{file_id:uuid}/close", status_code=HTTP_200_OK)
    async def close_file(self, file_id: uuid.UUID, caller: Caller) -> FileSummary:
        """Close the file (lead only); its retention clock starts."""
        return await caller.run(files.close_file, file_id)

    @post_as(
        Action.COORDINATION_INVITATION_CREATE,
        "/{file_id:uuid}/members/{member_id:uuid}/invitation",
        status_code=HTTP_201_CREATED,
    )
    async def invite_member(
        self,
        file_id: uuid.UUID,
        member_id: uuid.UUID,
        caller: Caller,
        data: InvitationIn | None = None,
    ) -> InvitationView:
        """A family account for a member (12 or older, or a parent or guardian) that a consent
        in force covers with their identity data. A new account comes with a one-time in-person
        code, returned once, for the letter to hand over; the member activates with it plus a
        code mailed to their own address (see ``/auth/activate``), so the code alone gives
        nobody the account. With ``existing_account_id`` the person's own family account is
        asked to link (``link_pending``): they accept or decline in the portal."""
        existing = data.existing_account_id if data is not None else None
        return await caller.run(invitations.invite_member, file_id, member_id, existing)


class AssignmentController(Controller):
    """Which workers of your organisation work on a file (only they read and write it)."""

    path = "/files/{file_id:uuid}/assignments"
    tags = ["files"]

    @get("/", opt={"action": Action.COORDINATION_ASSIGNMENT_LIST})
    async def list_assignments(self, file_id: uuid.UUID, caller: Caller) -> AssignmentOverview:
        """The workers of your organisation assigned to the file, and the colleagues who may be
        assigned (never workers of other organisations)."""
        return await caller.run(assignments.list_assignments, file_id)

    @post_as(Action.COORDINATION_ASSIGNMENT_CREATE, "/", status_code=HTTP_201_CREATED)
    async def assign(
        self, file_id: uuid.UUID, data: AssignmentIn, caller: Caller
    ) -> AssignmentView:
        """Assign an active social worker of your own organisation (as an assigned worker, or
        as your organisation's coordinator)."""
        return await caller.run(assignments.assign, file_id, data.account_id)

    @delete(
        "/{account_id:uuid}",
        status_code=HTTP_204_NO_CONTENT,
        opt={"action": Action.COORDINATION_ASSIGNMENT_DELETE},
    )
    async def unassign(self, file_id: uuid.UUID, account_id: uuid.UUID, caller: Caller) -> None:
        """End a worker's assignment (coordinator only); their access ends when this returns."""
        await caller.run(assignments.unassign, file_id, account_id)


class EvidenceController(Controller):
    """Scans of signed consent forms, uploaded before the consent that names them."""

    path = "/evidence"
    tags = ["files"]

    @post(
        "/",
        status_code=HTTP_201_CREATED,
        opt={"action": Action.COORDINATION_EVIDENCE_UPLOAD},
        # The one route above the service-wide body limit: a scan may be up to 10 MB.
        request_max_body_size=evidence.MAX_EVIDENCE_BYTES,
    )
    async def upload_evidence(
        self, request: Request[Any, Any, Any], caller: Caller
    ) -> EvidenceView:
        """Upload the scan of a signed consent form as the raw request body (PDF, JPEG or PNG,
        recognised by its content; at most 10 MB); name its id in the consent's
        ``evidence_id``. A scan no consent uses within a day is deleted."""
        return await caller.run(evidence.stage_evidence, await request.body())


class NotificationController(Controller):
    """In-app notices for the caller's organisation."""

    path = "/notifications"
    tags = ["files"]

    @get("/", opt={"action": Action.COORDINATION_NOTIFICATION_LIST})
    async def list_notifications(
        self, caller: Caller, limit: Limit, after: After
    ) -> NotificationPage:
        """Consent changes, closures and expiry reminders, newest first by (created_at, id);
        pass ``next`` as ``after`` for the next page."""
        return await caller.run(notifications.list_notifications, limit=limit, after=after)


class FamilyController(Controller):
    """The family portal: own files, consent, export."""

    path = "/me"
    tags = ["family"]

    @get("/files", opt={"action": Action.FAMILY_FILE_LIST})
    async def my_files(self, caller: Caller, limit: Limit, after: After) -> FamilyFilePage:
        """The files you belong to, ordered by file id; pass ``next`` as ``after`` for the next
        page."""
        return await caller.run(family.family_files, limit=limit, after=after)

    @get("/files/{file_id:uuid}", opt={"action": Action.FAMILY_FILE_READ})
    async def my_file(self, file_id: uuid.UUID, caller: Caller) -> FamilyFileView:
        """What the file holds about you and the children under 12 you represent."""
        return await caller.run(family.family_file, file_id)

    @post_as(
        Action.FAMILY_STATEMENT_CREATE,
        "/files/{file_id:uuid}/statements",
        status_code=HTTP_201_CREATED,
    )
    async def add_statement(
        self, file_id: uuid.UUID, data: OwnStatementIn, caller: Caller
    ) -> EntryView:
        """Add your own statement about yourself (12 or older) to the file's journal; the
        partners read it under their consent like any note. Nobody writes one for someone
        else."""
        return await caller.run(own_statements.add_own_statement, file_id, data)

    @get("/export", opt={"action": Action.FAMILY_EXPORT_READ})
    async def export(self, caller: Caller) -> FamilyExport:
        """Everything held about you and the children under 12 you represent, per file: your
        data, the consents with their full history, the entries shared with you and a line
        for each one withheld (with the reason, never the text), and who looked at the file
        and when, organisations by name. Its JSON Schema is ``docs/export.schema.json``."""
        return await caller.run(family_export.family_export)

    @post_as(Action.FAMILY_CONSENT_GIVE, "/consents", status_code=HTTP_201_CREATED)
    async def give_consent(self, data: FamilyConsentIn, caller: Caller) -> FamilyConsentView:
        """Give consent for yourself (12 or older) or a child under 12 you represent; it is in
        force at once and the organisations it names take part in the file."""
        return await caller.run(family_consents.family_give_consent, data)

    @post_as(
        Action.FAMILY_CONSENT_CONFIRM,
        "/consents/{consent_id:uuid}/confirm",
        status_code=HTTP_200_OK,
    )
    async def confirm_consent(self, consent_id: uuid.UUID, caller: Caller) -> FamilyConsentView:
        """Confirm a consent a partner recorded without the signed form; in force from now."""
        return await caller.run(family_consents.family_confirm_consent, consent_id)

    @post_as(
        Action.FAMILY_CONSENT_CONTEST,
        "/consents/{consent_id:uuid}/contest",
        status_code=HTTP_200_OK,
    )
    async def contest_consent(self, consent_id: uuid.UUID, caller: Caller) -> FamilyConsentView:
        """Say a consent a partner recorded is not right: access ends when this returns and
        the data protection officer reviews it."""
        return await caller.run(family_consents.family_contest_consent, consent_id)

    @post_as(
        Action.FAMILY_CONSENT_WITHDRAW,
        "/consents/{consent_id:uuid}/withdraw",
        status_code=HTTP_200_OK,
    )
    async def withdraw_consent(self, consent_id: uuid.UUID, caller: Caller) -> FamilyWithdrawalView:
        """Withdraw a consent you gave, or your own part (or a young child's) of another's; the
        access it gave ends when this returns. Says which organisations still reach your data
        through other consents. A consent on a statutory basis (``dijh_art74``) is not
        withdrawn but objected to: 409 ``objection-required`` (``POST /me/objections``)."""
        return await caller.run(family_withdrawal.family_withdraw_consent, consent_id)

    @get("/consents/{consent_id:uuid}/evidence", opt={"action": Action.FAMILY_EVIDENCE_READ})
    async def consent_evidence(self, consent_id: uuid.UUID, caller: Caller) -> Response[bytes]:
        """The scan of the signed form of a consent about you, as a download."""
        return evidence_response(await caller.run(family_evidence.family_evidence, consent_id))

    @get("/notices", opt={"action": Action.FAMILY_NOTICE_LIST})
    async def notices(
        self,
        caller: Caller,
        limit: Limit,
        after: After,
    ) -> FamilyNoticePage:
        """What happened to consents about you, newest first by (created_at, id); pass
        ``next`` as ``after`` for the next page."""
        return await caller.run(family_notice_list.family_notices, limit=limit, after=after)

    @get("/files/{file_id:uuid}/access-log", opt={"action": Action.FAMILY_ACCESS_LOG_READ})
    async def access_log(
        self,
        file_id: uuid.UUID,
        caller: Caller,
        limit: Limit,
        after: After,
    ) -> AccessLogPage:
        """Which organisation (and role) looked at or changed which part of the file, and when,
        newest first by (time, event); pass ``next`` as ``after`` for the next page.

        Answers 404 for a file the caller is not a member of, exactly as for one that does not
        exist.
        """
        rows, names, next_cursor = await caller.run(
            family_access_log, file_id, limit=limit, after=after
        )
        return AccessLogPage(
            items=[
                AccessLogEntry(
                    at=row.at,
                    organisation=names.get(row.organisation_id) if row.organisation_id else None,
                    role=row.role,
                    verb=row.verb,
                    part=row.part,
                    emergency_ground=row.emergency_ground,
                )
                for row in rows
            ],
            next=next_cursor,
        )


class LinkController(Controller):
    """Requests of partners to link your family account to a member of a file."""

    path = "/me/links"
    tags = ["family"]

    @get("/", opt={"action": Action.FAMILY_LINK_LIST})
    async def pending(self, caller: Caller, limit: Limit, after: After) -> MemberLinkPage:
        """The link requests waiting for your answer, with the organisation that leads the file,
        oldest first by (requested_at, id); pass ``next`` as ``after`` for the next page."""
        return await caller.run(links.pending_links, limit=limit, after=after)

    @post_as(Action.FAMILY_LINK_ACCEPT, "/{link_id:uuid}/accept", status_code=HTTP_200_OK)
    async def accept(self, link_id: uuid.UUID, caller: Caller) -> MemberLinkAnswer:
        """Accept: the file is among your files from now on."""
        return await caller.run(links.accept_link, link_id)

    @post_as(Action.FAMILY_LINK_DECLINE, "/{link_id:uuid}/decline", status_code=HTTP_200_OK)
    async def decline(self, link_id: uuid.UUID, caller: Caller) -> MemberLinkAnswer:
        """Decline: nothing is linked and the request is gone."""
        return await caller.run(links.decline_link, link_id)


def evidence_response(scan: family_evidence.EvidenceDownload) -> Response[bytes]:
    """A scan as a download: its stored media type, never cached."""
    return Response(
        content=scan.content,
        media_type=scan.media_type,
        headers={
            "content-disposition": f'attachment; filename="{scan.file_name}"',
            "cache-control": "no-store",
        },
    )


ROUTES: list[Any] = [
    FileController,
    AssignmentController,
    EvidenceController,
    NotificationController,
    FamilyController,
    LinkController,
]
