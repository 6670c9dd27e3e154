"""HTTP API of the coordination package: thin controllers, each opening the unit of work of
its request and handing it to a ``coordination.service`` use case."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from litestar import Controller, Request, get, post
from litestar.params import Parameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from zorgafstemming.audit.schemas import AccessLogEntry
from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.schemas import (
    ConsentIn,
    ConsentView,
    EntryIn,
    EntryPage,
    EntryView,
    EvidenceView,
    FamilyConsentIn,
    FamilyExport,
    FamilyFileSummary,
    FamilyFileView,
    FileCreate,
    FilePage,
    FileSummary,
    FileView,
    InvitationIn,
    InvitationView,
    NotificationView,
    ParticipantIn,
    ParticipantView,
    RenewIn,
)
from zorgafstemming.coordination.service import (
    consents,
    entries,
    evidence,
    family,
    files,
    invitations,
    notifications,
    participants,
)
from zorgafstemming.coordination.service.access_log import family_access_log
from zorgafstemming.coordination.service.views import PAGE_MAX
from zorgafstemming.identity.principal import Principal
from zorgafstemming.runtime import Runtime

Limit = Annotated[int, Parameter(ge=1, le=PAGE_MAX, default=50)]
After = Annotated[uuid.UUID | None, Parameter(default=None)]
ACCESS_LOG_MAX = 500


class FileController(Controller):
    """Coordination files for social workers of partner organisations."""

    path = "/files"
    tags = ["files"]

    @post("/", status_code=HTTP_201_CREATED, opt={"action": Action.COORDINATION_FILE_CREATE})
    async def open_file(
        self, data: FileCreate, principal: Principal, runtime: Runtime, audit_ctx: AuditContext
    ) -> FileView:
        """Open a file with its members and at least one consent naming your organisation."""
        async with runtime.unit_of_work() as uow:
            return await files.open_file(uow, principal, audit_ctx, data)

    @get("/", opt={"action": Action.COORDINATION_FILE_LIST})
    async def list_files(
        self,
        principal: Principal,
        runtime: Runtime,
        audit_ctx: AuditContext,
        limit: Limit,
        after: After,
    ) -> FilePage:
        """Files your organisation takes part in under consent (no personal data)."""
        async with runtime.unit_of_work() as uow:
            return await files.list_files(uow, principal, audit_ctx, after=after, limit=limit)

    @get("/{file_id:uuid}", opt={"action": Action.COORDINATION_FILE_READ})
    async def read_file(
        self, file_id: uuid.UUID, principal: Principal, runtime: Runtime, audit_ctx: AuditContext
    ) -> FileView:
        """The file with the data categories your organisation's consent covers."""
        async with runtime.unit_of_work() as uow:
            return await files.read_file(uow, principal, audit_ctx, file_id)

    @post(
        "/{file_id:uuid}/entries",
        status_code=HTTP_201_CREATED,
        opt={"action": Action.COORDINATION_ENTRY_CREATE},
    )
    async def add_entry(
        self,
        file_id: uuid.UUID,
        data: EntryIn,
        principal: Principal,
        runtime: Runtime,
        audit_ctx: AuditContext,
    ) -> EntryView:
        """Write a journal entry about one or more members."""
        async with runtime.unit_of_work() as uow:
            return await entries.add_entry(uow, principal, audit_ctx, file_id, data)

    @get("/{file_id:uuid}/entries", opt={"action": Action.COORDINATION_ENTRY_LIST})
    async def list_entries(
        self,
        file_id: uuid.UUID,
        principal: Principal,
        runtime: Runtime,
        audit_ctx: AuditContext,
        limit: Limit,
        after: After,
    ) -> EntryPage:
        """The journal entries your organisation's consent covers, oldest first."""
        async with runtime.unit_of_work() as uow:
            return await entries.list_entries(
                uow, principal, audit_ctx, file_id, after=after, limit=limit
            )

    @post(
        "/{file_id:uuid}/participants",
        status_code=HTTP_201_CREATED,
        opt={"action": Action.COORDINATION_PARTICIPANT_ADD},
    )
    async def add_participant(
        self,
        file_id: uuid.UUID,
        data: ParticipantIn,
        principal: Principal,
        runtime: Runtime,
        audit_ctx: AuditContext,
    ) -> ParticipantView:
        """Add a partner organisation that a consent in force covers (lead only)."""
        async with runtime.unit_of_work() as uow:
            return await participants.add_participant(
                uow, principal, audit_ctx, file_id, data.organisation_id
            )

    @post(
        "/{file_id:uuid}/consents",
        status_code=HTTP_201_CREATED,
        opt={"action": Action.COORDINATION_CONSENT_RECORD},
    )
    async def record_consent(
        self,
        file_id: uuid.UUID,
        data: ConsentIn,
        principal: Principal,
        runtime: Runtime,
        audit_ctx: AuditContext,
    ) -> ConsentView:
        """Record a further consent the family gave."""
        async with runtime.unit_of_work() as uow:
            return await consents.record_consent(uow, principal, audit_ctx, file_id, data)

    @post(
        "/{file_id:uuid}/consents/{consent_id:uuid}/renew",
        status_code=HTTP_200_OK,
        opt={"action": Action.COORDINATION_CONSENT_RENEW},
    )
    async def renew_consent(
        self,
        file_id: uuid.UUID,
        consent_id: uuid.UUID,
        data: RenewIn,
        principal: Principal,
        runtime: Runtime,
        audit_ctx: AuditContext,
    ) -> ConsentView:
        """Record that the family renewed a consent in force until a new end."""
        async with runtime.unit_of_work() as uow:
            return await consents.renew_consent(
                uow, principal, audit_ctx, file_id, consent_id, data
            )

    @post(
        "/{file_id:uuid}/consents/{consent_id:uuid}/withdraw",
        status_code=HTTP_200_OK,
        opt={"action": Action.COORDINATION_CONSENT_WITHDRAW},
    )
    async def withdraw_consent(
        self,
        file_id: uuid.UUID,
        consent_id: uuid.UUID,
        principal: Principal,
        runtime: Runtime,
        audit_ctx: AuditContext,
    ) -> ConsentView:
        """Record the family's withdrawal; the access it gave ends when this returns."""
        async with runtime.unit_of_work() as uow:
            return await consents.withdraw_consent(uow, principal, audit_ctx, file_id, consent_id)

    @post(
        "/{file_id:uuid}/close",
        status_code=HTTP_200_OK,
        opt={"action": Action.COORDINATION_FILE_CLOSE},
    )
    async def close_file(
        self, file_id: uuid.UUID, principal: Principal, runtime: Runtime, audit_ctx: AuditContext
    ) -> FileSummary:
        """Close the file (lead only); its retention clock starts."""
        async with runtime.unit_of_work() as uow:
            return await files.close_file(uow, principal, audit_ctx, file_id)

    @post(
        "/{file_id:uuid}/members/{member_id:uuid}/invitation",
        status_code=HTTP_201_CREATED,
        opt={"action": Action.COORDINATION_INVITATION_CREATE},
    )
    async def invite_member(
        self,
        file_id: uuid.UUID,
        member_id: uuid.UUID,
        principal: Principal,
        runtime: Runtime,
        audit_ctx: AuditContext,
        data: InvitationIn | None = None,
    ) -> InvitationView:
        """A family account for a member (12 or older, or a parent or guardian); the
        activation token is returned once, to hand over in person."""
        existing = data.existing_account_id if data is not None else None
        async with runtime.unit_of_work() as uow:
            return await invitations.invite_member(
                uow, principal, audit_ctx, file_id, member_id, existing
            )


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
        self,
        request: Request[Any, Any, Any],
        principal: Principal,
        runtime: Runtime,
        audit_ctx: AuditContext,
    ) -> EvidenceView:
        """Upload the scan of a signed consent form as the raw request body (PDF, JPEG or PNG,
        recognised by its content; at most 10 MB); name its id in the consent's
        ``evidence_id``. A scan no consent uses within a day is deleted."""
        content = await request.body()
        async with runtime.unit_of_work() as uow:
            return await evidence.stage_evidence(uow, principal, audit_ctx, content)


class NotificationController(Controller):
    """In-app notices for the caller's organisation."""

    path = "/notifications"
    tags = ["files"]

    @get("/", opt={"action": Action.COORDINATION_NOTIFICATION_LIST})
    async def list_notifications(
        self, principal: Principal, runtime: Runtime, audit_ctx: AuditContext, limit: Limit
    ) -> list[NotificationView]:
        """Consent changes, closures and expiry reminders, newest first."""
        async with runtime.unit_of_work() as uow:
            return await notifications.list_notifications(uow, principal, audit_ctx, limit=limit)


class FamilyController(Controller):
    """The family portal: own files, consent, export."""

    path = "/me"
    tags = ["family"]

    @get("/files", opt={"action": Action.FAMILY_FILE_LIST})
    async def my_files(
        self, principal: Principal, runtime: Runtime, audit_ctx: AuditContext
    ) -> list[FamilyFileSummary]:
        """The files you belong to."""
        async with runtime.unit_of_work() as uow:
            return await family.family_files(uow, principal, audit_ctx)

    @get("/files/{file_id:uuid}", opt={"action": Action.FAMILY_FILE_READ})
    async def my_file(
        self, file_id: uuid.UUID, principal: Principal, runtime: Runtime, audit_ctx: AuditContext
    ) -> FamilyFileView:
        """What the file holds about you and the children under 12 you represent."""
        async with runtime.unit_of_work() as uow:
            return await family.family_file(uow, principal, audit_ctx, file_id)

    @get("/export", opt={"action": Action.FAMILY_EXPORT_READ})
    async def export(
        self, principal: Principal, runtime: Runtime, audit_ctx: AuditContext
    ) -> FamilyExport:
        """All data about you, as JSON."""
        async with runtime.unit_of_work() as uow:
            return await family.family_export(uow, principal, audit_ctx)

    @post("/consents", status_code=HTTP_201_CREATED, opt={"action": Action.FAMILY_CONSENT_GIVE})
    async def give_consent(
        self,
        data: FamilyConsentIn,
        principal: Principal,
        runtime: Runtime,
        audit_ctx: AuditContext,
    ) -> ConsentView:
        """Give consent for yourself (12 or older) or a child under 12 you represent."""
        async with runtime.unit_of_work() as uow:
            return await family.family_give_consent(uow, principal, audit_ctx, data)

    @post(
        "/consents/{consent_id:uuid}/withdraw",
        status_code=HTTP_200_OK,
        opt={"action": Action.FAMILY_CONSENT_WITHDRAW},
    )
    async def withdraw_consent(
        self,
        consent_id: uuid.UUID,
        principal: Principal,
        runtime: Runtime,
        audit_ctx: AuditContext,
    ) -> ConsentView:
        """Withdraw a consent; the access it gave ends when this returns."""
        async with runtime.unit_of_work() as uow:
            return await family.family_withdraw_consent(uow, principal, audit_ctx, consent_id)

    @get("/files/{file_id:uuid}/access-log", opt={"action": Action.FAMILY_ACCESS_LOG_READ})
    async def access_log(
        self,
        file_id: uuid.UUID,
        runtime: Runtime,
        principal: Principal,
        audit_ctx: AuditContext,
        limit: int = Parameter(default=100, ge=1, le=ACCESS_LOG_MAX),
    ) -> list[AccessLogEntry]:
        """Which organisation (and role) looked at or changed which part of the file, and when.

        Answers 404 for a file the caller is not a member of, exactly as for one that does not
        exist.
        """
        async with runtime.unit_of_work() as uow:
            rows, names = await family_access_log(uow, principal, audit_ctx, file_id, limit=limit)
        return [
            AccessLogEntry(
                at=row.at,
                organisation=names.get(row.organisation_id) if row.organisation_id else None,
                role=row.role,
                verb=row.verb,
                part=row.part,
            )
            for row in rows
        ]


ROUTES: list[Any] = [
    FileController,
    EvidenceController,
    NotificationController,
    FamilyController,
]
