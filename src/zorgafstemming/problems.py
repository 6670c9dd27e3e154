"""Domain errors: specific exceptions with a problem type, free of the web framework.

The edge (``errors.py``) maps each one once to RFC 9457 problem+json or a Dutch HTML page; the
services raise them without knowing about HTTP. ``detail`` and ``extra`` never hold personal data.
"""

from __future__ import annotations

from typing import Any


class ProblemError(Exception):
    """An error with a problem type; ``detail`` and ``extra`` must never hold personal data.

    A subclass names its problem type in its class line:
    ``class NotFoundError(ProblemError, status=404, slug="not-found", title="Not found")``.
    """

    status: int = 400
    slug: str = "bad-request"
    title: str = "Bad request"

    def __init_subclass__(
        cls,
        *,
        status: int | None = None,
        slug: str | None = None,
        title: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init_subclass__(**kwargs)
        _override(cls, status=status, slug=slug, title=title)

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
        _override(self, status=status, slug=slug, title=title)
        self.extra = extra or {}
        self.headers = headers or {}


def _override(target: object, **fields: int | str | None) -> None:
    """Set the problem-type fields that are given, on a subclass or on one error."""
    for name, value in fields.items():
        if value is not None:
            setattr(target, name, value)


class NotFoundError(ProblemError, status=404, slug="not-found", title="Not found"):
    """The object does not exist or the caller may not see it (the two look the same)."""


class ValidationFailed(
    ProblemError, status=422, slug="validation-failed", title="Validation failed"
):
    """Input is well-formed but breaks a rule; ``extra['errors']`` names fields, never values."""


class ConflictError(ProblemError, status=409, slug="conflict", title="Conflict"):
    """The request clashes with what is already stored."""


class UnauthorizedError(ProblemError, status=401, slug="unauthorized", title="Unauthorized"):
    """The caller is not signed in, or the credential is no longer valid."""


class ForbiddenError(ProblemError, status=403, slug="forbidden", title="Forbidden"):
    """The caller may not do this."""


class ServiceUnavailableError(
    ProblemError, status=503, slug="service-unavailable", title="Service unavailable"
):
    """Something the request needs is unavailable, so it was not carried out."""
