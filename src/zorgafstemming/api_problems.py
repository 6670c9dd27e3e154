"""The API's problem types, as the OpenAPI document and the ``/problems/<slug>`` pages show
them: every :class:`~zorgafstemming.problems.ProblemError` subclass plus the edge's own
refusals, one shared component per status listing its ``type`` URIs, and the response object
an operation documents for each refusal."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from http import HTTPStatus
from typing import Any

from zorgafstemming.problems import ProblemError

PROBLEM_MEDIA_TYPE = "application/problem+json"

# Problem types the edge answers itself (the framework's refusals), by status.
EDGE_PROBLEMS: dict[str, tuple[int, str]] = {
    "bad-request": (400, "Bad request"),
    "invalid-json": (400, "Invalid JSON"),
    "not-found": (404, "Not found"),
    "method-not-allowed": (405, "Method not allowed"),
    "payload-too-large": (413, "Payload too large"),
    "validation-failed": (422, "Validation failed"),
    "too-many-requests": (429, "Too many requests"),
    "internal-error": (500, "Internal error"),
    "service-unavailable": (503, "Service unavailable"),
}

# The component name of each problem status.
STATUS_COMPONENTS: dict[int, str] = {
    400: "BadRequestProblem",
    401: "UnauthorizedProblem",
    403: "ForbiddenProblem",
    404: "NotFoundProblem",
    409: "ConflictProblem",
    413: "PayloadTooLargeProblem",
    422: "ValidationProblem",
    429: "TooManyRequestsProblem",
    503: "ServiceUnavailableProblem",
}

WHY: dict[int, str] = {
    400: "The body is not JSON, or nests too deeply.",
    401: "No valid credential: sign in first (`POST /api/v1/auth/token`).",
    403: "The caller's role or relation to the object does not allow this.",
    404: "No such object, or one the caller may not see (the two look the same).",
    409: "The request clashes with what is stored (a closed file, an existing link, ...).",
    413: "The body is larger than the service accepts.",
    422: "A parameter or a field of the body breaks a rule; `errors` names each one.",
    429: "Too many attempts; wait `Retry-After` seconds.",
    503: "Something the request needs (the database, the audit trail) is unavailable; nothing "
    "partial was stored. Retry after `Retry-After` seconds (a change whose answer was lost "
    "may have been stored whole: read before repeating it).",
}

EDGE_MEANINGS: dict[str, str] = {
    "bad-request": "The request could not be read (for example a header or the body is broken).",
    "invalid-json": "The body is not a JSON text; `detail` gives the line and column.",
    "not-found": "No such object or path, or one the caller may not see (the two look the same).",
    "method-not-allowed": "The path exists, but not with this method; `Allow` lists the methods.",
    "payload-too-large": "The body is larger than this operation accepts.",
    "validation-failed": "A parameter or body field breaks a rule; `errors` names each one "
    "(`field`, `source` and `message`), never the value that was sent.",
    "too-many-requests": "Too many attempts from this address or for this account; wait the "
    "`Retry-After` seconds.",
    "internal-error": "An unexpected error; nothing partial was stored. Quote `request_id`.",
    "service-unavailable": "Something the request needs is unavailable (the database, the "
    "audit trail); nothing partial was stored. Retry after `Retry-After` seconds; a change "
    "whose answer was lost may have been stored whole, so read before repeating it.",
}


def problem_types() -> dict[str, tuple[int, str]]:
    """Every problem type the API can answer: slug -> (status, title)."""
    return {slug: (status, title) for slug, (status, title, _m) in problem_catalogue().items()}


def problem_catalogue() -> dict[str, tuple[int, str, str]]:
    """Every problem type: slug -> (status, title, what it means)."""
    found = {slug: (*known, EDGE_MEANINGS[slug]) for slug, known in EDGE_PROBLEMS.items()}
    for cls in _subclasses(ProblemError):
        meaning = " ".join((inspect.getdoc(cls) or cls.title).split("\n\n")[0].split())
        if cls.slug not in EDGE_PROBLEMS:
            found[cls.slug] = (cls.status, cls.title, meaning)
    return dict(sorted(found.items()))


def _subclasses(cls: type[ProblemError]) -> Iterator[type[ProblemError]]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def problem_components() -> dict[str, Any]:
    """The shared ``Problem`` schema and one component per problem status."""
    by_status: dict[int, list[str]] = {}
    for slug, (status, _title) in problem_types().items():
        by_status.setdefault(status, []).append(f"/problems/{slug}")
    components: dict[str, Any] = {
        "Problem": {
            "type": "object",
            "title": "Problem",
            "description": "An RFC 9457 problem. `detail` and `errors` never hold personal data.",
            "required": ["type", "title", "status"],
            "properties": {
                "type": {"type": "string", "description": "The problem type, a relative URI."},
                "title": {"type": "string", "description": "The same for every problem of a type."},
                "status": {"type": "integer", "minimum": 400, "maximum": 599},
                "detail": {"type": "string", "description": "What is wrong, and where."},
                "request_id": {"type": "string", "description": "Quote it when reporting."},
                "errors": {
                    "type": "array",
                    "description": "One entry per parameter or body field that is wrong.",
                    "items": {"$ref": "#/components/schemas/FieldError"},
                },
                "retry_after": {"type": "integer", "minimum": 0},
            },
        },
        "FieldError": {
            "type": "object",
            "title": "FieldError",
            "required": ["field", "message"],
            "properties": {
                "field": {"type": "string", "description": "The parameter or body field."},
                "source": {"type": "string", "enum": ["query", "path", "header", "body"]},
                "message": {"type": "string"},
            },
        },
    }
    for status, name in STATUS_COMPONENTS.items():
        components[name] = {
            "title": name,
            "description": f"{HTTPStatus(status).phrase}: {WHY[status]}",
            "allOf": [{"$ref": "#/components/schemas/Problem"}],
            "type": "object",
            "properties": {
                "type": {"type": "string", "enum": sorted(by_status.get(status, []))},
                "status": {"type": "integer", "enum": [status]},
            },
        }
    return components


def problem_response(status: int) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": WHY[status],
        "content": {
            PROBLEM_MEDIA_TYPE: {
                "schema": {"$ref": f"#/components/schemas/{STATUS_COMPONENTS[status]}"}
            }
        },
    }
    if status in (429, 503):
        response["headers"] = {
            "Retry-After": {
                "description": "Seconds to wait before trying again.",
                "schema": {"type": "integer", "minimum": 0},
            }
        }
    return response
