"""Server-side web sessions for the HTML interface, kept in the database.

The browser holds only a random 256-bit id in the ``__Host-zorg_session`` cookie (Secure,
HttpOnly, SameSite=Lax, Path=/); the database holds its SHA-256. Sign-in always creates a new
id and revokes the one the browser came with, so a planted id never becomes a signed-in one.

Typical use in a web controller::

    principal = await login.authenticate(runtime, email, password, otp, audit_ctx)
    async with runtime.unit_of_work() as uow:
        secret, principal = await sessions.start_session(
            uow, audit_ctx, principal, previous=request.cookies.get(SESSION_COOKIE)
        )
    response.set_cookie(auth.session_cookie(runtime, secret))
    ...
    async with runtime.unit_of_work() as uow:
        await sessions.end_session(uow, audit_ctx, request.cookies.get(SESSION_COOKIE))
    response.set_cookie(auth.expired_session_cookie(runtime))
"""

from __future__ import annotations

import dataclasses

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import SystemAction
from zorgafstemming.identity import credentials
from zorgafstemming.identity.actors import acting_as
from zorgafstemming.identity.principal import Principal
from zorgafstemming.runtime import UnitOfWork

SESSION_COOKIE = "__Host-zorg_session"


async def start_session(
    uow: UnitOfWork, ctx: AuditContext, principal: Principal, previous: str | None = None
) -> tuple[str, Principal]:
    """Create a web session for an authenticated principal: (cookie value, principal).

    ``previous`` is the session id the browser presented, if any; it is revoked so the id
    always changes at sign-in.
    """
    if previous:
        old_id = await credentials.find(uow, previous, "session")
        if old_id is not None:
            await credentials.revoke(uow, old_id)
    raw, credential_id = await credentials.issue(uow, principal.account_id, "session")
    await credentials.record_event(
        uow, acting_as(ctx, principal), SystemAction.IDENTITY_SESSION_START, credential_id
    )
    return raw, dataclasses.replace(principal, credential_id=credential_id)


async def end_session(uow: UnitOfWork, ctx: AuditContext, secret: str | None) -> bool:
    """Revoke the web session with this cookie value; True when one was live."""
    if not secret:
        return False
    credential_id = await credentials.find(uow, secret, "session")
    if credential_id is None or not await credentials.revoke(uow, credential_id):
        return False
    await credentials.record_event(uow, ctx, SystemAction.IDENTITY_SESSION_END, credential_id)
    return True
