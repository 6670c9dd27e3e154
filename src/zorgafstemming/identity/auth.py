"""Request authentication and the ``principal`` / ``audit_ctx`` / ``caller`` dependencies.

``/api`` accepts ``Authorization: Bearer <token>`` only; every other path accepts only the
``__Host-zorg_session`` cookie. The guard calls :func:`authenticate_connection` and keeps the
result in the request state, where the dependencies below read it.
"""

from __future__ import annotations

import dataclasses
import ipaddress
from collections.abc import Awaitable, Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.datastructures import Cookie
from litestar.types import ASGIApp, Receive, Scope, Send

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.engine import DECISION_STATE_KEY
from zorgafstemming.identity import credentials
from zorgafstemming.identity.principal import Principal
from zorgafstemming.identity.sessions import SESSION_COOKIE
from zorgafstemming.problems import UnauthorizedError
from zorgafstemming.runtime import Runtime, UnitOfWork, close_request_work

PRINCIPAL_STATE_KEY = "principal"
# Requests that carry no body: their credential check opens the request's unit of work.
BODILESS_METHODS = frozenset({"GET", "HEAD"})
# Enough of a User-Agent to describe the device (``identity.devices``); the rest is dropped.
USER_AGENT_CHARS = 512

P = ParamSpec("P")
T = TypeVar("T")


def is_api_path(path: str) -> bool:
    """True for API paths, which take bearer tokens and never the session cookie."""
    return path == "/api" or path.startswith("/api/")


def presented_secret(connection: ASGIConnection[Any, Any, Any, Any]) -> tuple[str, str] | None:
    """The (secret, kind) the client presents for this path, or None."""
    if is_api_path(connection.scope["path"]):
        scheme, _, value = connection.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            return None
        return value.strip(), "token"
    cookie = connection.cookies.get(SESSION_COOKIE)
    return (cookie, "session") if cookie else None


async def authenticate_connection(
    connection: ASGIConnection[Any, Any, Any, Any], runtime: Runtime
) -> Principal | None:
    """Resolve the presented token or session cookie to a principal (None when invalid)."""
    presented = presented_secret(connection)
    if presented is None:
        return None
    raw, kind = presented
    credential_kind: credentials.CredentialKind = "token" if kind == "token" else "session"
    if connection.scope.get("method") in BODILESS_METHODS:
        # The request's own unit of work, opened here and taken over by its handler: one
        # transaction per request, the credential check included (``resolve`` commits a
        # recorded use at once, so that it stands even when the handler then fails).
        uow = await runtime.open_request_work()
        return await credentials.resolve(uow, raw, credential_kind, commit_use=True)
    # A request with a body holds no connection while the body arrives: its credential is
    # checked in a unit of work of its own.
    async with runtime.unit_of_work() as own:
        return await credentials.resolve(own, raw, credential_kind)


def release_request_work(app: ASGIApp) -> ASGIApp:
    """ASGI wrapper: end a request's early unit of work (see :func:`authenticate_connection`)
    that its handler never took — a refused or failed request, or one that opened none."""

    async def wrapper(scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await app(scope, receive, send)
        finally:
            await close_request_work()

    return wrapper


def unauthorized(path: str) -> UnauthorizedError:
    """The one generic 401 (with a Bearer challenge on the API)."""
    headers = {"WWW-Authenticate": 'Bearer realm="zorgafstemming"'} if is_api_path(path) else {}
    return UnauthorizedError("Sign in first.", headers=headers)


def current_principal(connection: ASGIConnection[Any, Any, Any, Any]) -> Principal | None:
    """The principal the guard authenticated for this request, if any."""
    value = connection.scope.get("state", {}).get(PRINCIPAL_STATE_KEY)
    return value if isinstance(value, Principal) else None


def provide_principal(request: Request[Any, Any, Any]) -> Principal:
    """DI: the signed-in principal; a 401 problem when there is none."""
    principal = current_principal(request)
    if principal is None:
        raise unauthorized(request.scope["path"])
    return principal


def _in_networks(address: str, networks: tuple[str, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    for network in networks:
        try:
            if ip in ipaddress.ip_network(network, strict=False):
                return True
        except ValueError:
            continue
    return False


def client_ip(
    connection: ASGIConnection[Any, Any, Any, Any], trusted: tuple[str, ...]
) -> str | None:
    """The client address; ``X-Forwarded-For`` believed only from a trusted proxy.

    Walks the forwarded chain from the right and stops at the first hop that is not a trusted
    proxy — anything further left could have been written by the client.
    """
    peer = connection.client.host if connection.client else None
    if peer is None or not trusted or not _in_networks(peer, trusted):
        return peer
    hops = [h.strip() for h in connection.headers.get("x-forwarded-for", "").split(",")]
    for hop in reversed([h for h in hops if h]):
        if not _in_networks(hop, trusted):
            return hop
    return peer


def build_audit_context(
    connection: ASGIConnection[Any, Any, Any, Any], runtime: Runtime
) -> AuditContext:
    """Who acts (if signed in), the request id, the client address and its User-Agent."""
    principal = current_principal(connection)
    state = connection.scope.get("state", {})
    return AuditContext(
        actor_id=principal.account_id if principal else None,
        actor_org_id=principal.organisation_id if principal else None,
        actor_role=principal.role.value if principal else None,
        request_id=state.get("request_id"),
        client_ip=client_ip(connection, runtime.settings.trusted_proxies),
        policy_id=getattr(state.get(DECISION_STATE_KEY), "policy_id", None),
        user_agent=connection.headers.get("user-agent", "")[:USER_AGENT_CHARS] or None,
    )


def provide_audit_ctx(request: Request[Any, Any, Any], runtime: Runtime) -> AuditContext:
    """DI: the audit context of this request."""
    return build_audit_context(request, runtime)


@dataclasses.dataclass(frozen=True)
class Caller:
    """The signed-in principal of a request with its audit context and the runtime.

    One dependency for what nearly every signed-in handler takes; :meth:`run` opens the request's
    unit of work and calls a use case with the principal and audit context, as they all expect.
    """

    principal: Principal
    runtime: Runtime
    ctx: AuditContext

    def unit_of_work(self) -> UnitOfWork:
        """A new unit of work for this request (enter it with ``async with``)."""
        return self.runtime.unit_of_work()

    async def run(
        self,
        use_case: Callable[Concatenate[UnitOfWork, Principal, AuditContext, P], Awaitable[T]],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> T:
        """``use_case(uow, principal, ctx, *args, **kwargs)`` in a unit of work of its own."""
        async with self.unit_of_work() as uow:
            return await use_case(uow, self.principal, self.ctx, *args, **kwargs)


def provide_caller(principal: Principal, runtime: Runtime, audit_ctx: AuditContext) -> Caller:
    """DI: the signed-in caller (a 401 problem when there is none, as for ``principal``)."""
    return Caller(principal, runtime, audit_ctx)


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
    return dataclasses.replace(session_cookie(runtime, ""), max_age=0)
