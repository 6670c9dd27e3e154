"""Domain errors (``problems.py``) mapped once to problem+json (API) or Dutch HTML pages (web)."""

from __future__ import annotations

import html
from http import HTTPStatus
from typing import Any

from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, ValidationException

from zorgafstemming.input_errors import describe, parameter_bounds
from zorgafstemming.logging import get_logger
from zorgafstemming.problems import (
    ConflictError,
    ForbiddenError,
    NotFoundError,
    ProblemError,
    ServiceUnavailableError,
    UnauthorizedError,
    ValidationFailed,
)

PROBLEM_MEDIA_TYPE = "application/problem+json"

__all__ = [
    "EXCEPTION_HANDLERS",
    "ConflictError",
    "ForbiddenError",
    "NotFoundError",
    "ProblemError",
    "ServiceUnavailableError",
    "UnauthorizedError",
    "ValidationFailed",
    "problem_response",
]

_SLUGS = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    413: "payload-too-large",
    415: "unsupported-media-type",
    422: "validation-failed",
    429: "too-many-requests",
    500: "internal-error",
    503: "service-unavailable",
}

# One title per status for the refusals the framework raises, the same as the problem types'.
_TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Payload too large",
    415: "Unsupported media type",
    422: "Validation failed",
    429: "Too many requests",
    500: "Internal error",
    503: "Service unavailable",
}

_DUTCH_TITLES = {
    400: "Ongeldige aanvraag",
    401: "Niet aangemeld",
    403: "Geen toegang",
    404: "Pagina niet gevonden",
    405: "Methode niet toegestaan",
    409: "Conflict",
    413: "Aanvraag te groot",
    422: "Ongeldige invoer",
    429: "Te veel pogingen",
    500: "Er ging iets mis",
    503: "Dienst tijdelijk niet beschikbaar",
}

_DUTCH_TEXT = {
    401: "Meld u aan om verder te gaan.",
    403: "U hebt geen toegang tot deze pagina.",
    404: "Deze pagina bestaat niet of u hebt er geen toegang toe.",
    413: "De verstuurde gegevens zijn te groot.",
    429: "Wacht even en probeer het dan opnieuw.",
    500: "Er ging iets mis aan onze kant. Probeer het later opnieuw.",
    503: "De dienst is tijdelijk niet beschikbaar. Probeer het later opnieuw.",
}


def problem_type(slug: str) -> str:
    return f"/problems/{slug}"


def _wants_html(request: Request[Any, Any, Any]) -> bool:
    path = request.url.path
    if path.startswith(("/api/", "/health/", "/schema")) or path in ("/api", "/health"):
        return False
    return "text/html" in request.headers.get("accept", "")


def _html_page(status: int, request_id: str | None) -> str:
    title = _DUTCH_TITLES.get(status, "Fout")
    text = _DUTCH_TEXT.get(status, "De aanvraag kon niet worden verwerkt.")
    ref = f"<p>Referentie: <code>{html.escape(request_id)}</code></p>" if request_id else ""
    return (
        '<!doctype html><html lang="nl-BE"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)} - zorgafstemming</title>"
        '<link rel="stylesheet" href="/static/app.css"></head><body><main>'
        f"<h1>{html.escape(title)}</h1><p>{html.escape(text)}</p>{ref}"
        '<p><a href="/">Naar de startpagina</a></p></main></body></html>'
    )


def problem_response(
    request: Request[Any, Any, Any],
    status: int,
    *,
    slug: str | None = None,
    title: str | None = None,
    detail: str | None = None,
    extra: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> Response[Any]:
    """Render an error as problem+json, or as a Dutch HTML page outside the API."""
    request_id = request.scope.get("state", {}).get("request_id")
    all_headers = dict(headers or {})
    if _wants_html(request):
        return Response(
            content=_html_page(status, request_id),
            status_code=status,
            media_type=MediaType.HTML,
            headers=all_headers,
        )
    body: dict[str, Any] = {
        "type": problem_type(slug or _SLUGS.get(status, "error")),
        "title": title or _TITLES.get(status) or HTTPStatus(status).phrase,
        "status": status,
    }
    if detail:
        body["detail"] = detail
    if request_id:
        body["request_id"] = request_id
    body.update(extra or {})
    return Response(
        content=body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=all_headers
    )


def handle_problem(request: Request[Any, Any, Any], exc: ProblemError) -> Response[Any]:
    return problem_response(
        request,
        exc.status,
        slug=exc.slug,
        title=exc.title,
        detail=exc.detail,
        extra=exc.extra,
        headers=exc.headers,
    )


def handle_validation(request: Request[Any, Any, Any], exc: ValidationException) -> Response[Any]:
    items = exc.extra if isinstance(exc.extra, list) else []
    if not items:
        return problem_response(request, 400, detail="The request is not valid.")
    handler = request.scope.get("route_handler")
    detail, errors = describe(items, parameter_bounds(handler))
    return problem_response(
        request,
        422,
        slug="validation-failed",
        title="Validation failed",
        detail=detail,
        extra={"errors": errors},
    )


def handle_http(request: Request[Any, Any, Any], exc: HTTPException) -> Response[Any]:
    status = exc.status_code
    # Framework messages can echo input (a path, a header); only the status phrase goes out.
    headers = {
        k: v for k, v in (exc.headers or {}).items() if k.lower() in ("retry-after", "allow")
    }
    return problem_response(request, status, headers=headers)


def handle_unexpected(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    get_logger("zorgafstemming.errors").error(
        "unhandled_exception", error_type=type(exc).__name__, exc_info=exc
    )
    return problem_response(
        request,
        500,
        slug="internal-error",
        title="Internal error",
        detail="An unexpected error occurred. Quote the request id when reporting it.",
    )


EXCEPTION_HANDLERS: dict[type[Exception] | int, Any] = {
    ProblemError: handle_problem,
    ValidationException: handle_validation,
    HTTPException: handle_http,
    Exception: handle_unexpected,
}
