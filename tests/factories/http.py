"""The app over HTTP in the test's own event loop, and the headers every response carries."""

from __future__ import annotations

from httpx import ASGITransport, Response
from litestar import Litestar

EXPECTED_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}


def assert_security_headers(response: Response) -> None:
    """The headers every response carries, whatever its route or status."""
    for name, value in EXPECTED_HEADERS.items():
        assert response.headers.get(name) == value, name
    csp = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-request-id"]


def asgi_transport(app: Litestar, client: tuple[str, int]) -> ASGITransport:
    """httpx's transport to ``app``, run in the caller's event loop, from address ``client``."""
    # Litestar types its ASGI callable more narrowly than httpx's parameter (scope and message
    # TypedDicts versus plain mappings); the app is a complete ASGI application.
    return ASGITransport(app=app, client=client)  # type: ignore[arg-type]
