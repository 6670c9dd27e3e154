"""The one guard: every route declares an action in ``opt["action"]``; anything else is refused."""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler

from zorgafstemming.authz.actions import PUBLIC_ACTIONS, Action
from zorgafstemming.errors import ForbiddenError, UnauthorizedError


def declared_action(handler: BaseRouteHandler) -> Action | None:
    raw = handler.opt.get("action")
    try:
        return Action(raw) if raw is not None else None
    except ValueError:
        return None


async def deny_by_default(
    connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler
) -> None:
    """Refuse a route without a declared action; allow public actions; require a principal else."""
    action = declared_action(handler)
    if action is None:
        raise ForbiddenError("This route declares no action and is refused.")
    if action in PUBLIC_ACTIONS:
        return
    raise UnauthorizedError("Sign in first.")
