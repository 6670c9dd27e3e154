"""A successful sign-in, as the account holder sees it: noted in their security activity, and
a mail to their own address when it came from a device the account never signed in from.

Called in the unit of work that issues the token or starts the session, so the note and the
mail exist exactly when the credential does.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import undefer

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.dutch import dutch_datetime
from zorgafstemming.identity import account_fields, security_log
from zorgafstemming.identity.models import Account, SecurityEvent
from zorgafstemming.identity.principal import Principal, Role
from zorgafstemming.mail import outbox
from zorgafstemming.mail.texts import compose
from zorgafstemming.runtime import Runtime, UnitOfWork

# The blind-index key (``cipher.blind_index``) under a name of its own, so the HKDF gives this
# column a key no other index shares. That key is independent of the KEK and never rotated: a
# device stays recognised across key rotations, and the hash reveals nothing without the key.
DEVICE_INDEX_COLUMN = "account_security_events.device_ref"

# Where each role finds its security page (the link in the mail).
SECURITY_PAGES = {Role.FAMILY: "/mijn/beveiliging"}
STAFF_SECURITY_PAGE = "/beveiliging"
# Whom to warn when it was not them.
CONTACTS = {
    Role.FAMILY: "uw aanspreekpunt bij de hulpverlening",
    Role.ADMIN: "de functionaris voor gegevensbescherming",
}
STAFF_CONTACT = "de functioneel beheerder van het netwerk"


def device_ref(runtime: Runtime, account_id: uuid.UUID, device: str) -> bytes:
    """A keyed hash of the account and its device description (not the address, which changes
    too often to recognise a device by)."""
    return runtime.cipher.blind_index(DEVICE_INDEX_COLUMN, f"{account_id}\x00{device}")


def security_page(role: Role) -> str:
    """The path of the security page of an account of ``role``."""
    return SECURITY_PAGES.get(role, STAFF_SECURITY_PAGE)


def contact_for(role: Role) -> str:
    """Whom an account of ``role`` should warn about activity they do not recognise (Dutch)."""
    return CONTACTS.get(role, STAFF_CONTACT)


def new_device_message(
    runtime: Runtime, to: str, role: Role, device: str, at: datetime
) -> outbox.Message:
    """The Dutch mail about a sign-in from a new device: the device and the time, no address."""
    return compose(
        "new-device",
        to,
        device=device,
        moment=dutch_datetime(at),
        contact=contact_for(role),
        link=outbox.link(runtime, security_page(role)),
    )


async def _seen_before(uow: UnitOfWork, account_id: uuid.UUID, ref: bytes) -> tuple[bool, bool]:
    """(the account signed in before, it did so from this device)."""
    refs = (
        await uow.session.scalars(
            select(SecurityEvent.device_ref)
            .where(SecurityEvent.account_id == account_id, SecurityEvent.kind == "sign-in")
            .distinct()
        )
    ).all()
    return bool(refs), ref in refs


async def _address(uow: UnitOfWork, account_id: uuid.UUID) -> str | None:
    account = await uow.session.get(Account, account_id, options=[undefer(Account.email_enc)])
    if account is None or account.email_enc is None:
        return None
    key = await account_fields.accounts_key(uow)
    return account_fields.decrypt(uow.runtime, key, account.id, "email", account.email_enc)


async def note_sign_in(uow: UnitOfWork, ctx: AuditContext, principal: Principal) -> bool:
    """Note a successful sign-in of ``principal`` from the request in ``ctx``; True when a
    new-device mail was queued.

    A device is new when the account signed in before, never from it: the first sign-in after
    activation has nothing to compare with and warns nobody. An account without an email
    address (a family member invited without one) gets the note but no mail.
    """
    client = security_log.client_of(ctx)
    device = client.device or ""
    ref = device_ref(uow.runtime, principal.account_id, device)
    signed_in_before, known = await _seen_before(uow, principal.account_id, ref)
    await security_log.note(uow, principal.account_id, "sign-in", client, device_ref=ref)
    if not signed_in_before or known:
        return False
    to = await _address(uow, principal.account_id)
    if to is None:
        return False
    message = new_device_message(uow.runtime, to, principal.role, device, uow.runtime.clock())
    await outbox.enqueue(uow, kind="new-device", message=message, account_id=principal.account_id)
    return True
