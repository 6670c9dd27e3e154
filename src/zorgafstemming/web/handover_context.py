"""What the file page shows of the warm hand-over: the file's referrals, the referral form's
choices, the lead's offer, the contact persons, and whether the caller's organisation may
leave."""

from __future__ import annotations

import uuid
from typing import Any

from zorgafstemming.coordination.access_schemas import AssignmentOverview
from zorgafstemming.coordination.schemas import FileView
from zorgafstemming.coordination.service import contacts, file_referrals, lead_handover
from zorgafstemming.coordination.vocabulary import vocabulary
from zorgafstemming.identity.auth import Caller
from zorgafstemming.identity.organisations import OrganisationView
from zorgafstemming.identity.staff_contacts import StaffDetails, staff_details
from zorgafstemming.runtime import UnitOfWork
from zorgafstemming.web import handover_labels
from zorgafstemming.web.worker_forms import category_options


def referral_choices(
    view: FileView, organisations: list[OrganisationView], own: uuid.UUID | None
) -> dict[str, Any]:
    """The choices of the referral form: organisations not on the file, purposes, urgencies,
    data categories of the note."""
    vocab = vocabulary()
    return {
        "targets": [
            (str(o.id), o.name)
            for o in organisations
            if o.id not in view.participants and o.id != own
        ],
        "purposes": [(p, vocab.labels.get(p, p)) for p in vocab.purposes],
        "urgencies": list(handover_labels.URGENCIES.items()),
        "note_categories": category_options(),
    }


def _contact_line(
    organisation: str, person: StaffDetails | None, own: bool
) -> tuple[str, str, str | None]:
    """(organisation, who, work phone) of a contact person. Partners see another
    organisation's contact by name and work phone, never by the e-mail address the worker
    signs in with; one's own colleague also by e-mail when no name is on record."""
    if person is None:
        return organisation, "nog niemand", None
    who = person.name or (person.work_email if own else None) or "een hulpverlener"
    return organisation, who, person.work_phone


async def handover_context(
    uow: UnitOfWork,
    caller: Caller,
    view: FileView,
    team: AssignmentOverview,
    organisations: list[OrganisationView],
) -> dict[str, Any]:
    """The ``handover`` context of the file page (one more audited read: the file's
    referrals with the notes the caller's consent covers)."""
    own = caller.principal.organisation_id
    referrals = await file_referrals.file_referrals(
        uow, caller.principal, caller.ctx, view.id, limit=50
    )
    offer = await lead_handover.pending_offer(uow, view.id)
    contact_of = await contacts.contact_accounts(uow, view.id)
    details = await staff_details(uow, list(contact_of.values()))
    names = {o.id: o.name for o in organisations}
    return {
        "referrals": referrals.items,
        "offer": offer,
        "offer_to_us": offer is not None and offer.to_organisation_id == own,
        "contacts": [
            _contact_line(names.get(org, "Andere organisatie"), details.get(account), org == own)
            for org, account in contact_of.items()
            if org in view.participants
        ],
        "own_contact": contact_of.get(own) if own else None,
        "team": [(str(p.account_id), p.email or "Collega") for p in team.items],
        "partners": [
            (str(o), names.get(o, "Andere organisatie"))
            for o in view.participants
            if o != view.lead_organisation_id
        ],
        "labels": handover_labels,
        **referral_choices(view, organisations, own),
    }
