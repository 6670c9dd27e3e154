"""The OpenAPI document as a contract: what Litestar generates, completed with what it cannot know.

Litestar builds paths, parameters and schemas from the route handlers. This module adds, once
per app:

- the bearer security scheme, and ``security: []`` on the public operations;
- a summary (the docstring's first sentence) and a description (the whole docstring);
- every status an operation can answer besides its success, each with an
  ``application/problem+json`` body: one shared component per problem status, listing the
  ``type`` URIs of every problem type with that status (the problem types are the
  :class:`~zorgafstemming.problems.ProblemError` subclasses, plus the edge's own);
- the request and response bodies as msgspec itself describes them (msgspec is what validates
  them, so its schema is the true one: constraints on list items included);
- examples for the main operations.

Which statuses an operation can answer follows from what it is: every operation may be
unavailable (503); a signed-in one may be unauthenticated (401) or not allowed (403); one with
ids in its path may not find them (404); one with parameters or a body may get invalid ones
(422), and one with a body malformed or oversized ones (400, 413); a change may clash with what
is stored (409); the public sign-in and activation routes are rate limited (429). A status an
operation really answers but this document does not list is a contract failure that the
schemathesis suite reports.
"""

from __future__ import annotations

import copy
import inspect
import re
from typing import Any

import msgspec
from litestar import Litestar, Response
from litestar.openapi.plugins import JsonRenderPlugin
from litestar.routes import HTTPRoute

from zorgafstemming.api_examples import EXAMPLES, RESPONSE_SCHEMAS
from zorgafstemming.api_problems import (
    PROBLEM_MEDIA_TYPE,
    problem_components,
    problem_response,
)
from zorgafstemming.authz.actions import PUBLIC_ACTIONS, Action
from zorgafstemming.authz.guard import declared_action
from zorgafstemming.bounds import LATEST_YEAR

BEARER = "bearerAuth"
API_PREFIX = "/api/v1"

# Writes that can never clash with stored state: a sign-in, a sign-out, a look-up.
NEVER_CONFLICTS: frozenset[str] = frozenset(
    {
        Action.PUBLIC_AUTH_TOKEN,
        Action.IDENTITY_AUTH_LOGOUT,
        Action.AUDIT_REF_RESOLVE,
        Action.COORDINATION_EVIDENCE_UPLOAD,
        Action.COORDINATION_FILE_SEARCH,
        Action.COORDINATION_DUPLICATE_CHECK,
    }
)
# Operations that take a raw body (a file) rather than JSON, with the media types they accept.
RAW_BODIES: dict[str, tuple[str, ...]] = {
    Action.COORDINATION_EVIDENCE_UPLOAD: ("application/pdf", "image/jpeg", "image/png"),
}
# Refusals an operation answers beyond what its kind implies: a checkpoint before the first
# seal; a consent for a file the family member does not belong to (named in the body), also
# when objecting to it; joining through a waiting referral before the family's consent names
# the organisation.
EXTRA_STATUSES: dict[str, frozenset[int]] = {
    Action.AUDIT_CHECKPOINT_READ: frozenset({404}),
    Action.FAMILY_CONSENT_GIVE: frozenset({404}),
    Action.FAMILY_OBJECTION_RAISE: frozenset({404}),
    Action.COORDINATION_REFERRAL_ACCEPT: frozenset({422}),
}
# Public routes that count attempts (sign-in, activation).
RATE_LIMITED: frozenset[str] = frozenset({Action.PUBLIC_AUTH_TOKEN, Action.PUBLIC_AUTH_ACTIVATE})


def statuses_for(
    method: str, path: str, action: Action | None, *, has_query: bool, has_body: bool
) -> list[int]:
    """The refusals an operation can answer, from what it is (see the module text)."""
    public = action is not None and action in PUBLIC_ACTIONS
    found = {503}
    if not public:
        found |= {401, 403}
    if "{" in path:
        found.add(404)
    if has_query:
        found.add(422)
    if has_body and action in RAW_BODIES:
        found |= {413, 422}  # too large; empty, or not a file of an accepted type
    elif has_body:
        found |= {400, 413, 422}
    if (
        method in ("post", "put", "patch", "delete")
        and action not in NEVER_CONFLICTS
        and not public
    ):
        found.add(409)
    found |= EXTRA_STATUSES.get(action or "", frozenset())
    if action in RATE_LIMITED:
        found |= {401, 429}  # a wrong password, code or activation token; too many of them
    return sorted(found)


def _handlers(app: Litestar) -> dict[tuple[str, str], Any]:
    """(method, path) -> route handler, for every HTTP route of the app."""
    found: dict[tuple[str, str], Any] = {}
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        for handler in route.route_handlers:
            for method in handler.http_methods:
                found[(method.lower(), route.path_format)] = handler
    return found


def _summary(doc: str) -> str:
    first = re.split(r"(?<=\.)\s", " ".join(doc.split()), maxsplit=1)[0]
    return first.rstrip(".")


def _body_types(app: Litestar) -> list[Any]:
    """The msgspec types of every request and response body."""
    types: list[Any] = []
    for (_method, path), handler in _handlers(app).items():
        if not path.startswith(API_PREFIX):
            continue
        signature = handler.parsed_fn_signature
        data = signature.parameters.get("data")
        if data is not None:
            types.append(data.annotation)
        returned = signature.return_type.annotation
        if returned not in (None, type(None)) and not _is_response(returned):
            types.append(returned)
    return types


def _is_response(annotation: Any) -> bool:
    origin = getattr(annotation, "__origin__", annotation)
    return inspect.isclass(origin) and issubclass(origin, Response)


def _msgspec_components(app: Litestar) -> dict[str, Any]:
    """The body schemas as msgspec describes them (it validates them; Litestar drops item-level
    constraints such as the length of each string of a list)."""
    _schemas, components = msgspec.json.schema_components(
        _body_types(app), ref_template="#/components/schemas/{name}"
    )
    return components


# Dates and times are accepted between the years EARLIEST_YEAR and LATEST_YEAR (see ``bounds``).
YEAR_PATTERN = rf"^(19\d\d|2[01]\d\d|{LATEST_YEAR})-"


def _bound_dates(node: Any) -> None:
    """Give every date and date-time in ``node`` the accepted years, as a pattern."""
    if isinstance(node, dict):
        if node.get("format") in ("date", "date-time") and "pattern" not in node:
            node["pattern"] = YEAR_PATTERN
        for value in node.values():
            _bound_dates(value)
    elif isinstance(node, list):
        for value in node:
            _bound_dates(value)


def _string_format(schema: dict[str, Any]) -> str | None:
    """The ``format`` of a string schema, or of the string branch of a union."""
    if "format" in schema:
        return str(schema["format"])
    for branch in schema.get("oneOf", []) + schema.get("anyOf", []):
        if isinstance(branch, dict) and "format" in branch:
            return str(branch["format"])
    return None


def _carry_formats(litestar: dict[str, Any], msgspec_schema: dict[str, Any]) -> None:
    """msgspec describes a date or time as a bare string; Litestar knows its ``format``."""
    theirs = litestar.get("properties", {})
    for name, prop in msgspec_schema.get("properties", {}).items():
        known = _string_format(theirs.get(name, {}))
        if known is None:
            continue
        targets = [prop, *prop.get("anyOf", []), *prop.get("oneOf", [])]
        for target in targets:
            if target.get("type") == "string" and "format" not in target:
                target["format"] = known


_PARAMETER = re.compile(r"\{(\w+)\}")


def _creates_with_id(operation: dict[str, Any], schemas: dict[str, Any]) -> bool:
    created = operation.get("responses", {}).get("201", {})
    schema = created.get("content", {}).get("application/json", {}).get("schema", {})
    target = schemas.get(str(schema.get("$ref", "")).rsplit("/", 1)[-1], {})
    return "id" in target.get("properties", {})


def _add_links(doc: dict[str, Any]) -> None:
    """OpenAPI links from each operation that creates an object (201 with an ``id``) to the
    operations on that object, so a client (and schemathesis' stateful run) can follow them:
    ``POST /files`` -> ``GET /files/{file_id}``, ``POST /files/{file_id}/entries``, ..."""
    schemas = doc["components"]["schemas"]
    paths = doc.get("paths", {})
    for path, item in paths.items():
        creator = item.get("post")
        if creator is None or not _creates_with_id(creator, schemas):
            continue
        known = _PARAMETER.findall(path)
        links: dict[str, Any] = {}
        for target_path, target_item in paths.items():
            match = re.fullmatch(re.escape(path) + r"/\{(\w+)\}(/[^{}]*)?", target_path)
            if match is None:
                continue
            for method, target in target_item.items():
                if method not in ("get", "post", "delete") or "operationId" not in target:
                    continue
                parameters = {match.group(1): "$response.body#/id"}
                parameters.update({name: f"$request.path.{name}" for name in known})
                links[target["operationId"]] = {
                    "operationId": target["operationId"],
                    "parameters": parameters,
                }
        if links:
            creator["responses"]["201"]["links"] = links


def complete(app: Litestar, generated: dict[str, Any]) -> dict[str, Any]:
    """The contract: Litestar's ``generated`` document completed (see the module text)."""
    doc = copy.deepcopy(generated)
    handlers = _handlers(app)
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    for name, schema in _msgspec_components(app).items():
        _carry_formats(schemas.get(name, {}), schema)
        if "description" in schema:
            # Docstrings as written; msgspec releases differ in whether they dedent them.
            schema["description"] = inspect.cleandoc(schema["description"])
        schemas[name] = schema
    schemas.update(problem_components())
    _bound_dates(doc)
    doc["components"]["securitySchemes"] = {
        BEARER: {
            "type": "http",
            "scheme": "bearer",
            "description": "An access token from `POST /api/v1/auth/token`.",
        }
    }
    doc["security"] = [{BEARER: []}]
    doc.setdefault("info", {})["description"] = API_DESCRIPTION
    _add_links(doc)
    for path, item in doc.get("paths", {}).items():
        for method, operation in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            handler = handlers.get((method, path))
            action = declared_action(handler) if handler is not None else None
            text = inspect.getdoc(handler.fn) if handler is not None else None
            if text:
                operation["summary"] = _summary(text)
                operation["description"] = text
            if action is not None and action in PUBLIC_ACTIONS:
                operation["security"] = []
            has_query = any(p.get("in") == "query" for p in operation.get("parameters", []))
            if action in EXAMPLES and "requestBody" in operation:
                for media in operation["requestBody"].get("content", {}).values():
                    media["example"] = EXAMPLES[action]
            if action in RAW_BODIES:
                operation["requestBody"] = {
                    "required": True,
                    "description": "The file itself, recognised by its content.",
                    "content": {
                        media: {"schema": {"type": "string", "format": "binary"}}
                        for media in RAW_BODIES[action]
                    },
                }
            responses = operation.setdefault("responses", {})
            if action in RESPONSE_SCHEMAS:
                name = RESPONSE_SCHEMAS[action]["title"]
                schemas[name] = RESPONSE_SCHEMAS[action]
                for success in (r for s, r in responses.items() if s.startswith("2")):
                    success["content"] = {
                        "application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}
                    }
            for status in list(responses):
                if int(status) >= 400:
                    del responses[status]  # Litestar's own error shape, never sent
            has_body = "requestBody" in operation
            for status in statuses_for(
                method, path, action, has_query=has_query, has_body=has_body
            ):
                responses[str(status)] = problem_response(status)
    return doc


API_DESCRIPTION = """\
The API of zorgafstemming, for partners' own systems.

**Authentication.** Sign in with `POST /api/v1/auth/token` (e-mail, password and a TOTP code)
and send the access token as `Authorization: Bearer <token>`.

**Paging.** Every list takes `limit` (1-100, default 50) and an opaque `after` cursor, and
answers `{items, next}`; pass `next` as `after` for the next page; `next` is null on the last.
Each list states its order.

**Errors.** Every refusal is an RFC 9457 `application/problem+json` body with a `type` URI;
`/problems/<slug>` explains each type. Invalid parameters and fields are listed in `errors`.
"""


class ContractJsonPlugin(JsonRenderPlugin):
    """Serves the completed document at ``/schema/openapi.json``."""

    def render(self, request: Any, openapi_schema: dict[str, Any]) -> bytes:
        app: Litestar = request.app
        cached = getattr(app.state, "api_document", None)
        if cached is None:
            cached = msgspec.json.encode(complete(app, openapi_schema))
            app.state.api_document = cached
        return bytes(cached)


def schema_miss_as_problem(response: Response[Any]) -> Response[Any]:
    """Litestar answers an unknown ``/schema/...`` path with an English HTML page; answer it as
    every other unknown path is answered."""
    if response.status_code != 404:
        return response
    body = {"type": "/problems/not-found", "title": "Not found", "status": 404}
    return Response(content=body, status_code=404, media_type=PROBLEM_MEDIA_TYPE)


def document(app: Litestar) -> dict[str, Any]:
    """The completed document of ``app`` (for the command line and the tests)."""
    return complete(app, app.openapi_schema.to_schema())
