"""Request ids, access log lines and security headers on every response."""

from __future__ import annotations

import ipaddress
import re
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


# One DNS label: letters, digits and inner hyphens (IDNs arrive as punycode), at most 63.
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOST = re.compile(
    rf"(?:(?P<name>{_LABEL}(?:\.{_LABEL})*)|\[(?P<ipv6>[0-9a-f:.]+)\])(?::(?P<port>[0-9]{{1,5}}))?"
)


def parse_host(value: str) -> str | None:
    """The host name (or bare IP address) of a ``Host`` header value; None when malformed.

    Strict on purpose: a name or an IP literal (``[::1]``), an optional port 1-65535 in ASCII
    digits, nothing else — no userinfo (``@``), path, spaces or empty labels. A lax split on
    ``:`` would read ``localhost:1@evil.example`` as ``localhost``.
    """
    if len(value) > 260 or not value.isascii():
        return None
    match = _HOST.fullmatch(value.lower())
    if match is None:
        return None
    port = match["port"]
    if port is not None and not 1 <= int(port) <= 65535:
        return None
    if match["ipv6"] is None:
        return match["name"] if len(match["name"]) <= 253 else None
    try:
        return ipaddress.IPv6Address(match["ipv6"]).compressed
    except ValueError:
        return None


def normalise_allowed_hosts(hosts: tuple[str, ...]) -> frozenset[str]:
    """The configured host names as :func:`parse_host` returns them (``[::1]`` → ``::1``)."""
    names: set[str] = set()
    for host in hosts:
        bare = host.strip().lower().removeprefix("[").removesuffix("]")
        try:
            names.add(ipaddress.IPv6Address(bare).compressed)
        except ValueError:
            names.add(bare)
    return frozenset(names)


def _host_allowed(scope: Scope, allowed: frozenset[str]) -> bool:
    values = [value for name, value in scope.get("headers", []) if name == b"host"]
    if len(values) != 1:  # none, or two that could be read differently along the way
        return False
    host = parse_host(values[0].decode("latin-1"))
    return host is not None and host in allowed


async def _send_problem(
    send: Send, status: int, slug: str, title: str, request_id: str, headers: dict[str, str]
) -> None:
    body = msgspec.json.encode(
        {"type": f"/problems/{slug}", "title": title, "status": status, "request_id": request_id}
    )
    start: Any = {
        "type": "http.response.start",
        "status": status,
        "headers": [
            (b"content-type", b"application/problem+json"),
            (b"content-length", str(len(body)).encode()),
            (b"cache-control", b"no-store"),
            (b"x-request-id", request_id.encode()),
            *((name.encode(), value.encode()) for name, value in headers.items()),
        ],
    }
    await send(start)
    body_message: Any = {"type": "http.response.body", "body": body}
    await send(body_message)


def request_context_middleware(app: ASGIApp, settings: Settings) -> ASGIApp:
    """Give each request an id (bound into every log line), refuse a malformed or unknown Host
    header (before routing, so no page ever sees it), and log one line per request."""
    log = get_logger("zorgafstemming.access")
    allowed = normalise_allowed_hosts(settings.allowed_hosts)
    headers = security_headers(settings)

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
                    send_wrapper, 400, "invalid-host", "Host not allowed", request_id, headers
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
