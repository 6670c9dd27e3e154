"""Every route answers with the security headers, whatever its status."""

from __future__ import annotations

import re
import uuid

from httpx import AsyncClient
from litestar.handlers import HTTPRouteHandler

from tests.factories.http import assert_security_headers
from zorgafstemming.app import create_app
from zorgafstemming.runtime import Runtime


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}:]+(:[^}]+)?\}", lambda _m: str(uuid.uuid4()), path)


async def test_every_route_sends_security_headers(client: AsyncClient, runtime: Runtime) -> None:
    app = create_app(runtime.settings, runtime=runtime)
    seen = 0
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            if not isinstance(handler, HTTPRouteHandler):
                continue
            for method in handler.http_methods:
                if method in ("OPTIONS", "HEAD"):
                    continue
                path = _concrete(route.path)
                if path.startswith("/static"):
                    path = "/static/favicon.svg"
                response = await client.request(method, path)
                assert response.status_code < 500, (method, route.path, response.status_code)
                assert_security_headers(response)
                if not path.startswith("/static"):
                    assert response.headers["cache-control"] == "no-store"
                seen += 1
    assert seen >= 3
