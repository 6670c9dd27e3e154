"""Domain errors: specific exceptions with a problem type, free of the web framework.

The edge (``errors.py``) maps each one once to RFC 9457 problem+json or a Dutch HTML page; the
services raise them without knowing about HTTP. ``detail`` and ``extra`` never hold personal data.
"""

from __future__ import annotations

from typing import Any


class ProblemError(Exception):
    """An error with a problem type; ``detail`` and ``extra`` must never hold personal data."""

    status: int = 400
    slug: str = "bad-request"
    title: str = "Bad request"

    def __init__(
        self,
        detail: str = "",
        *,
        status: int | None = None,
        slug: str | None = None,
        title: str | None = None,
        extra: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail or self.title)
        self.detail = detail
        if status is not None:
            self.status = status
        if slug is not None:
            self.slug = slug
        if title is not None:
            self.title = title
        self.extra = extra or {}
        self.headers = headers or {}


class NotFoundError(ProblemError):
    """The object does not exist or the caller may not see it (the two look the same)."""

    status = 404
    slug = "not-found"
    title = "Not found"


class ValidationFailed(ProblemError):
    """Input is well-formed but breaks a rule; ``extra['errors']`` names fields, never values."""

    status = 422
    slug = "validation-failed"
    title = "Validation failed"


class ConflictError(ProblemError):
    status = 409
    slug = "conflict"
    title = "Conflict"


class UnauthorizedError(ProblemError):
    status = 401
    slug = "unauthorized"
    title = "Unauthorized"


class ForbiddenError(ProblemError):
    status = 403
    slug = "forbidden"
    title = "Forbidden"


class ServiceUnavailableError(ProblemError):
    status = 503
    slug = "service-unavailable"
    title = "Service unavailable"
