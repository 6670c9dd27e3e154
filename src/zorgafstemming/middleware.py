"""Request ids, access log lines and security headers on every response."""

from __future__ import annotations

import time
import uuid
from typing import Any

import msgspec
import structlog
from litestar.datastructures import MutableScopeHeaders
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from zorgafstemming.config import Settings
from zorgafstemming.logging import get_logger

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def security_headers(settings: Settings) -> dict[str, str]:
    headers = {
        "content-security-policy": CSP,
        "x-content-type-options": "nosniff",
        "x-frame-options": "DENY",
        "referrer-policy": "no-referrer",
        "cross-origin-opener-policy": "same-origin",
        "cross-origin-resource-policy": "same-origin",
        "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    }
    if settings.is_production:
        headers["strict-transport-security"] = "max-age=63072000; includeSubDomains"
    return headers


def make_security_headers_hook(settings: Settings) -> Any:
    """A before-send hook adding the security headers to every response, errors included."""
    fixed = security_headers(settings)

    async def add_headers(message: Message, scope: Scope) -> None:
        if message["type"] != "http.response.start":
            return
        headers = MutableScopeHeaders.from_message(message)
        for name, value in fixed.items():
            headers[name] = value
        path: str = scope.get("path", "")
        if not path.startswith("/static/"):
            # Personal data must never sit in a shared or browser cache.
            headers["cache-control"] = "no-store"
            headers["pragma"] = "no-cache"
        request_id = scope.get("state", {}).get("request_id")
        if request_id:
            headers["x-request-id"] = request_id

    return add_headers


def _host_allowed(scope: Scope, allowed: frozenset[str]) -> bool:
    for name, value in scope.get("headers", []):
        if name == b"host":
            host = value.decode("latin-1").strip().lower()
            # "[::1]:8000" keeps its brackets; "name:port" loses the port.
            bare = host[: host.find("]") + 1] if host.startswith("[") else host.rsplit(":", 1)[0]
            return bare in allowed
    return False


async def _send_problem(send: Send, status: int, slug: str, title: str, request_id: str) -> None:
    body = msgspec.json.encode(
        {"type": f"/problems/{slug}", "title": title, "status": status, "request_id": request_id}
    )
    start: Any = {
        "type": "http.response.start",
        "status": status,
        "headers": [
            (b"content-type", b"application/problem+json"),
            (b"content-length", str(len(body)).encode()),
        ],
    }
    await send(start)
    body_message: Any = {"type": "http.response.body", "body": body}
    await send(body_message)


def request_context_middleware(app: ASGIApp, allowed_hosts: tuple[str, ...]) -> ASGIApp:
    """Give each request an id (bound into every log line), refuse unknown Host headers, and log
    one line per request."""
    log = get_logger("zorgafstemming.access")
    allowed = frozenset(h.lower() for h in allowed_hosts)

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # type: ignore[comparison-overlap]
            await app(scope, receive, send)
            return
        request_id = uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(request_id=request_id)
        started = time.perf_counter()
        status_holder: dict[str, int] = {}

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_holder["status"] = message["status"]
            await send(message)

        try:
            if not _host_allowed(scope, allowed):
                await _send_problem(
                    send_wrapper, 400, "invalid-host", "Host not allowed", request_id
                )
                return
            await app(scope, receive, send_wrapper)
        finally:
            handler = scope.get("route_handler")
            route = next(iter(handler.paths)) if handler is not None else "unmatched"
            log.info(
                "request",
                method=scope.get("method"),
                route=route,
                status=status_holder.get("status"),
                duration_ms=round((time.perf_counter() - started) * 1000, 2),
            )
            structlog.contextvars.clear_contextvars()

    return middleware
