"""The one guard: every route declares an action in ``opt["action"]``; anything else is refused.

Order: no (or an unknown) action → 403; a public action → allowed; otherwise the caller must
present a valid credential (401) and Cedar must permit the action for the caller's role (403,
audited with the deciding policy). Object-level checks follow in the services, which answer
404 for objects the caller may not see.
"""

from __future__ import annotations

from typing import Any

from litestar import post
from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler

from zorgafstemming.audit.service import record
from zorgafstemming.authz.actions import PUBLIC_ACTIONS, Action
from zorgafstemming.authz.engine import DECISION_STATE_KEY
from zorgafstemming.problems import ForbiddenError
from zorgafstemming.runtime import Runtime


def post_as(action: Action, path: str, *, status_code: int, **options: Any) -> post:
    """A POST route that declares ``action`` for this guard, answered with ``status_code``."""
    return post(path, opt={"action": action}, status_code=status_code, **options)


def declared_action(handler: BaseRouteHandler) -> Action | None:
    raw = handler.opt.get("action")
    try:
        return Action(raw) if raw is not None else None
    except ValueError:
        return None


async def deny_by_default(
    connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler
) -> None:
    """Refuse a route without a declared action; allow public actions; else authenticate and
    ask Cedar."""
    from zorgafstemming.identity.auth import (
        PRINCIPAL_STATE_KEY,
        authenticate_connection,
        build_audit_context,
        unauthorized,
    )

    action = declared_action(handler)
    if action is None:
        raise ForbiddenError("This route declares no action and is refused.")
    if action in PUBLIC_ACTIONS:
        return
    runtime: Runtime = connection.app.state.runtime
    principal = await authenticate_connection(connection, runtime)
    if principal is None:
        raise unauthorized(connection.scope["path"])
    state = connection.scope.setdefault("state", {})
    state[PRINCIPAL_STATE_KEY] = principal
    decision = runtime.authz.decide_route(principal, action)
    state[DECISION_STATE_KEY] = decision
    if not decision.allowed:
        async with runtime.unit_of_work() as uow:
            await record(uow, build_audit_context(connection, runtime), action, "denied")
        raise ForbiddenError("You may not do this.")
