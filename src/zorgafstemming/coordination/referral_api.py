"""HTTP API of the warm hand-over: referrals to another partner, the lead handed over on
purpose, leaving a file, and contact persons (thin controllers over ``coordination.service``)."""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Controller, get
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT

from zorgafstemming.authz.actions import Action
from zorgafstemming.authz.guard import post_as
from zorgafstemming.coordination.referral_schemas import (
    ContactIn,
    ContactView,
    LeadHandoverView,
    LeadOfferIn,
    ReferralDeclineIn,
    ReferralIn,
    ReferralPage,
    ReferralView,
)
from zorgafstemming.coordination.service import (
    contacts,
    file_referrals,
    lead_handover,
    leaving,
    referrals,
)
from zorgafstemming.identity.auth import Caller
from zorgafstemming.paging_api import After, Limit


class FileReferralController(Controller):
    """Referrals, the lead, leaving and contact persons of one file."""

    path = "/files/{file_id:uuid}"
    tags = ["files"]

    @post_as(Action.COORDINATION_REFERRAL_CREATE, "/referrals", status_code=HTTP_201_CREATED)
    async def refer(self, file_id: uuid.UUID, data: ReferralIn, caller: Caller) -> ReferralView:
        """Refer the family to another partner organisation with a hand-over note; your
        organisation's consent must cover the note's category for the purpose (otherwise 422
        ``consent-required``). The receiving organisation sees nothing of the file before it
        accepts and a consent names it."""
        return await caller.run(referrals.refer, file_id, data)

    @get("/referrals", opt={"action": Action.COORDINATION_FILE_READ})
    async def file_referrals(
        self, file_id: uuid.UUID, caller: Caller, limit: Limit, after: After
    ) -> ReferralPage:
        """The referrals your organisation made on the file or joined it through, newest first
        by (created_at, id), each note only where your consent covers it; pass ``next`` as
        ``after`` for the next page."""
        return await caller.run(file_referrals.file_referrals, file_id, limit=limit, after=after)

    @post_as(Action.COORDINATION_LEAD_OFFER, "/lead-handover", status_code=HTTP_201_CREATED)
    async def offer_lead(
        self, file_id: uuid.UUID, data: LeadOfferIn, caller: Caller
    ) -> LeadHandoverView:
        """Offer the lead to a partner taking part under a consent in force (lead only); it
        leads once it accepts. A new offer withdraws one still waiting."""
        return await caller.run(lead_handover.offer_lead, file_id, data.organisation_id)

    @post_as(Action.COORDINATION_LEAD_ACCEPT, "/lead-handover/accept", status_code=HTTP_200_OK)
    async def accept_lead(self, file_id: uuid.UUID, caller: Caller) -> LeadHandoverView:
        """Accept the lead offered to your organisation: it leads the file from now on."""
        return await caller.run(lead_handover.answer_lead, file_id, accept=True)

    @post_as(Action.COORDINATION_LEAD_DECLINE, "/lead-handover/decline", status_code=HTTP_200_OK)
    async def decline_lead(self, file_id: uuid.UUID, caller: Caller) -> LeadHandoverView:
        """Decline the lead offered to your organisation."""
        return await caller.run(lead_handover.answer_lead, file_id, accept=False)

    @post_as(Action.COORDINATION_PARTICIPANT_LEAVE, "/leave", status_code=HTTP_204_NO_CONTENT)
    async def leave(self, file_id: uuid.UUID, caller: Caller) -> None:
        """Take your organisation off the file (not the lead: hand the lead over first); its
        access ends when this returns."""
        await caller.run(leaving.leave_file, file_id)

    @post_as(Action.COORDINATION_CONTACT_SET, "/contact", status_code=HTTP_200_OK)
    async def set_contact(self, file_id: uuid.UUID, data: ContactIn, caller: Caller) -> ContactView:
        """Name your organisation's contact person on the file (a worker assigned to it); the
        lead's contact person is the family's contact point."""
        return await caller.run(contacts.set_contact, file_id, data.account_id)


class ReferralController(Controller):
    """Referrals addressed to your organisation."""

    path = "/referrals"
    tags = ["files"]

    @get("/", opt={"action": Action.COORDINATION_REFERRAL_LIST})
    async def inbox(self, caller: Caller, limit: Limit, after: After) -> ReferralPage:
        """Referrals addressed to your organisation (who refers, purpose, urgency, the file's
        short reference; the file id once joined), newest first by (created_at, id); pass
        ``next`` as ``after`` for the next page. A read only: a referral waiting for the
        family's consent is completed by accepting it again."""
        return await caller.run(referrals.list_referrals, limit=limit, after=after)

    @post_as(
        Action.COORDINATION_REFERRAL_ACCEPT, "/{referral_id:uuid}/accept", status_code=HTTP_200_OK
    )
    async def accept(self, referral_id: uuid.UUID, caller: Caller) -> ReferralView:
        """Accept: your organisation joins the file when a consent in force names it for the
        purpose (you are assigned); otherwise the referral waits for the family's consent
        (``waiting_for_consent``). Accept a waiting referral again to join once that consent
        is in force; until then it answers 422 ``consent-required`` and nothing changes. While
        the file's processing is restricted it answers 409 ``restricted`` and nothing changes:
        accept again once the restriction is lifted (declining stays possible)."""
        return await caller.run(referrals.accept_referral, referral_id)

    @post_as(
        Action.COORDINATION_REFERRAL_DECLINE, "/{referral_id:uuid}/decline", status_code=HTTP_200_OK
    )
    async def decline(
        self, referral_id: uuid.UUID, data: ReferralDeclineIn, caller: Caller
    ) -> ReferralView:
        """Decline with a reason code; the referring organisation is told."""
        return await caller.run(referrals.decline_referral, referral_id, data)


ROUTES: list[Any] = [FileReferralController, ReferralController]
