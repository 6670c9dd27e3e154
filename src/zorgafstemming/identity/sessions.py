"""Server-side web sessions for the HTML interface, kept in the database.

The browser holds only a random 256-bit id in the ``__Host-zorg_session`` cookie (Secure,
HttpOnly, SameSite=Lax, Path=/); the database holds its SHA-256. Sign-in always creates a new
id and revokes the one the browser came with, so a planted id never becomes a signed-in one.

Typical use in a web controller (issue 8)::

    principal = await service.authenticate(runtime, email, password, otp, audit_ctx)
    secret, principal = await sessions.start_session(runtime, principal, audit_ctx,
                                                     previous=request.cookies.get(SESSION_COOKIE))
    response.set_cookie(sessions.session_cookie(runtime, secret))
    ...
    await sessions.end_session(runtime, request.cookies.get(SESSION_COOKIE), audit_ctx)
    response.set_cookie(sessions.expired_session_cookie(runtime))
"""

from __future__ import annotations

from litestar.datastructures import Cookie
from sqlalchemy import select

from zorgafstemming.audit.service import AuditContext, append
from zorgafstemming.identity import credentials
from zorgafstemming.identity.auth import SESSION_COOKIE
from zorgafstemming.identity.models import Credential
from zorgafstemming.identity.principal import Principal
from zorgafstemming.runtime import Runtime

__all__ = [
    "SESSION_COOKIE",
    "end_session",
    "expired_session_cookie",
    "session_cookie",
    "start_session",
]


async def start_session(
    runtime: Runtime,
    principal: Principal,
    ctx: AuditContext,
    previous: str | None = None,
) -> tuple[str, Principal]:
    """Create a web session for an authenticated principal: (cookie value, principal).

    ``previous`` is the session id the browser presented, if any; it is revoked so the id
    always changes at sign-in.
    """
    async with runtime.sessions() as session, session.begin():
        if previous:
            old_id = await session.scalar(
                select(Credential.id).where(
                    Credential.secret_hash == credentials.secret_hash(previous),
                    Credential.kind == "session",
                )
            )
            if old_id is not None:
                await credentials.revoke(session, runtime, old_id)
        raw, credential_id = await credentials.issue(
            session, runtime, principal.account_id, "session"
        )
        await append(
            session,
            runtime.secrets.audit_key,
            AuditContext(
                actor_id=principal.account_id,
                actor_org_id=principal.organisation_id,
                actor_role=principal.role.value,
                request_id=ctx.request_id,
                client_ip=ctx.client_ip,
            ),
            action="identity:session:start",
            outcome="allowed",
            at=runtime.clock(),
            object_type="credential",
            object_id=credential_id,
        )
    return raw, Principal(
        account_id=principal.account_id,
        role=principal.role,
        organisation_id=principal.organisation_id,
        credential_id=credential_id,
    )


async def end_session(runtime: Runtime, secret: str | None, ctx: AuditContext) -> bool:
    """Revoke the web session with this cookie value; True when one was live."""
    if not secret:
        return False
    async with runtime.sessions() as session, session.begin():
        credential_id = await session.scalar(
            select(Credential.id).where(
                Credential.secret_hash == credentials.secret_hash(secret),
                Credential.kind == "session",
            )
        )
        if credential_id is None:
            return False
        ended = await credentials.revoke(session, runtime, credential_id)
        if ended:
            await append(
                session,
                runtime.secrets.audit_key,
                ctx,
                action="identity:session:end",
                outcome="allowed",
                at=runtime.clock(),
                object_type="credential",
                object_id=credential_id,
            )
        return ended


def session_cookie(runtime: Runtime, secret: str) -> Cookie:
    """The ``__Host-`` session cookie (Secure, HttpOnly, SameSite=Lax, Path=/, no Domain)."""
    return Cookie(
        key=SESSION_COOKIE,
        value=secret,
        path="/",
        secure=True,
        httponly=True,
        samesite="lax",
        max_age=runtime.settings.session_absolute_hours * 3600,
    )


def expired_session_cookie(runtime: Runtime) -> Cookie:
    """A cookie that makes the browser forget the session id."""
    return Cookie(
        key=SESSION_COOKIE,
        value="",
        path="/",
        secure=True,
        httponly=True,
        samesite="lax",
        max_age=0,
    )
