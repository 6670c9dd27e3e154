"""Request bodies checked at the edge before anything parses them.

Litestar decodes a JSON body into plain Python values before it validates the route's schema, so
a body of ten thousand ``[`` exhausts the decoder's recursion limit (RecursionError, a 500)
whatever the route expects. :class:`CheckedRequest` — the app's request class — measures the
nesting depth with a byte scan first and refuses a deeper body (400). The size limit (413) is
Litestar's own (``request_max_body_size``). Both refusals on a public route (sign-in,
activation: no credential needed to send them) count against a per-IP rate limit, so a flood
ends in 429 like a flood of wrong passwords.
"""

from __future__ import annotations

import re
from collections.abc import AsyncGenerator
from itertools import accumulate
from typing import Any

from litestar import Request
from litestar.exceptions import SerializationException
from litestar.exceptions.http_exceptions import RequestEntityTooLarge

from zorgafstemming.authz.actions import PUBLIC_ACTIONS
from zorgafstemming.authz.guard import declared_action
from zorgafstemming.identity import ratelimit
from zorgafstemming.identity.auth import client_ip
from zorgafstemming.input_errors import invalid_json
from zorgafstemming.problems import ProblemError
from zorgafstemming.runtime import Runtime

# Far deeper than any request of this API (a new file nests four levels), far below the
# decoder's recursion limit.
MAX_JSON_DEPTH = 32

# An escape inside a string is a backslash and the one character after it (``\"``, ``\\``).
_ESCAPE = re.compile(rb"\\.", re.DOTALL)
# Once escapes are gone, a string runs from one quote to the next.
_STRING = re.compile(rb'"[^"]*"')
_NOT_BRACKET = bytes(b for b in range(256) if b not in b"[]{}")
_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


class NestingTooDeep(ProblemError, status=400, slug="nesting-too-deep", title="Nested too deeply"):
    """A JSON body nests arrays and objects deeper than :data:`MAX_JSON_DEPTH`."""


def json_depth(body: bytes) -> int:
    """How deep the arrays and objects of a JSON text nest, brackets inside strings not counted.

    Exact for any valid JSON text and for the valid start of an invalid one (which is all a
    decoder reads before it fails). Linear time: the work is done by ``re`` and ``bytes``.
    """
    brackets = _STRING.sub(b"", _ESCAPE.sub(b"", body)).translate(None, _NOT_BRACKET)
    return max(0, max(accumulate(map(_STEP.__getitem__, brackets)), default=0))


class CheckedRequest(Request[Any, Any, Any]):
    """The app's request: a JSON body is refused before parsing when it nests too deeply, and
    a refused body on a public route counts against the sender's address."""

    async def stream(self) -> AsyncGenerator[bytes, None]:
        """The body in chunks; a body over the route's size limit is counted, then refused."""
        try:
            async for chunk in super().stream():
                yield chunk
        except RequestEntityTooLarge:
            await self._count_refusal()
            raise

    async def json(self) -> Any:
        """The decoded JSON body, once its nesting depth is known to be within the limit."""
        if not self.scope.get("state", {}).get("json_depth_checked"):
            body = await self.body()
            # Counting is one pass in C; a body with few brackets cannot nest deeply.
            few = body.count(b"[") + body.count(b"{") <= MAX_JSON_DEPTH
            if not few and json_depth(body) > MAX_JSON_DEPTH:
                await self._count_refusal()
                raise NestingTooDeep(f"JSON may nest at most {MAX_JSON_DEPTH} levels.")
            self.scope.setdefault("state", {})["json_depth_checked"] = True
        try:
            return await super().json()
        except SerializationException as exc:
            raise invalid_json(await self.body(), str(exc)) from None

    async def _count_refusal(self) -> None:
        """Count a refused body of a public route against the client's address (raises
        :class:`~zorgafstemming.identity.ratelimit.RateLimited` once over the limit)."""
        handler = self.scope.get("route_handler")
        if handler is None or declared_action(handler) not in PUBLIC_ACTIONS:
            return  # signed-in routes: the guard has already named the caller
        runtime: Runtime = self.app.state.runtime
        address = client_ip(self, runtime.settings.trusted_proxies) or "-"
        await ratelimit.enforce(runtime, [(ratelimit.REFUSED_BODY_PER_IP, address)])
