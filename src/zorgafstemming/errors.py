"""Domain errors (``problems.py``) mapped once to problem+json (API) or Dutch HTML pages (web)."""

from __future__ import annotations

import asyncio
import html
import random
from http import HTTPStatus
from typing import Any

from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.types import ASGIApp, Message, Receive, ReceiveMessage, Scope, Send

from zorgafstemming.db import RETRYABLE, database_unavailability
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
    "retry_transient_database_faults",
]

# Seconds a client or load balancer is asked to wait after a 503 before trying again.
RETRY_AFTER_SECONDS = 5
# Runs of one request, the first included, when the database asks for a retry (a
# serialization failure or deadlock); the last failure answers 503.
DATABASE_ATTEMPTS = 3
# Set in the request's scope state when its failure may succeed if run again.
_RETRYABLE_STATE_KEY = "database_retryable"

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
    503: "De dienst is even niet beschikbaar. Probeer het zo dadelijk opnieuw.",
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
    if status == 503 and not any(name.lower() == "retry-after" for name in all_headers):
        all_headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
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
    if isinstance(exc, ServiceUnavailableError) and database_unavailability(exc) is not None:
        # e.g. the audit insert failed because the database went away: the database is the
        # problem the client should hear about, not the audit trail.
        return _database_unavailable(request, exc)
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


def _database_unavailable(request: Request[Any, Any, Any], exc: BaseException) -> Response[Any]:
    """503 with Retry-After for a database that cannot serve right now. The unit of work rolled
    back on the way out, so nothing partial is stored (a commit cut off before its answer may
    have been stored whole)."""
    kind = database_unavailability(exc) or "unavailable"
    if kind in RETRYABLE:
        request.scope.setdefault("state", {})[_RETRYABLE_STATE_KEY] = True
    get_logger("zorgafstemming.errors").warning(
        "database_unavailable", reason=kind, error_type=type(exc).__name__
    )
    return problem_response(
        request,
        503,
        slug="service-unavailable",
        title="Service unavailable",
        detail="The database is unavailable for a moment. Try again shortly.",
        extra={"reason": kind},
    )


def handle_unexpected(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    if database_unavailability(exc) is not None:
        return _database_unavailable(request, exc)
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


async def _run_once(
    app: ASGIApp,
    scope: Scope,
    receive: Receive,
    send: Send,
    received: list[ReceiveMessage],
    *,
    hold_503: bool,
) -> tuple[Any, list[Message]]:
    """One run of the app on a copy of ``scope``: the request body replayed from ``received``
    (and recorded there as it is read), a 503 held back when ``hold_503``. Returns the run's
    scope and the messages held back."""
    replay = list(received)
    held: list[Message] = []

    async def run_receive() -> ReceiveMessage:
        if replay:
            return replay.pop(0)
        message = await receive()
        received.append(message)
        return message

    async def run_send(message: Message) -> None:
        starts_503 = message["type"] == "http.response.start" and message["status"] == 503
        if hold_503 and (held or starts_503):
            held.append(message)  # decided by the caller, once the run is over
            return
        await send(message)

    run_scope: Any = {**scope, "state": dict(scope.get("state", {}))}
    await app(run_scope, run_receive, run_send)
    return run_scope, held


def retry_transient_database_faults(app: ASGIApp) -> ASGIApp:
    """Run a request again (at most :data:`DATABASE_ATTEMPTS` times in all) when it failed on a
    serialization failure or deadlock; the last failure goes out as the 503 it is.

    Safe because such a failure rolled the request's transaction back whole: the next run starts
    from the same database state. The request body is recorded as the app reads it and replayed
    to the next run; a failed run's 503 is held back and never reaches the client.
    """

    async def wrapper(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # type: ignore[comparison-overlap]
            await app(scope, receive, send)
            return
        received: list[ReceiveMessage] = []
        for attempt in range(1, DATABASE_ATTEMPTS + 1):
            run_scope, held = await _run_once(
                app, scope, receive, send, received, hold_503=attempt < DATABASE_ATTEMPTS
            )
            for key in ("route_handler", "path_template"):
                if key in run_scope:
                    scope[key] = run_scope[key]
            if not held:
                return
            if not run_scope["state"].get(_RETRYABLE_STATE_KEY):
                for message in held:
                    await send(message)
                return
            # A short random pause, so two colliding transactions do not collide again.
            await asyncio.sleep(random.uniform(0.01, 0.05) * attempt)  # noqa: S311

    return wrapper
