"""The refusals identity services raise: a rule broken by one field, and the one sign-in failure."""

from __future__ import annotations

from zorgafstemming.problems import UnauthorizedError, ValidationFailed

SIGN_IN_FAILED = "Sign-in failed."


def invalid(field: str, message: str) -> ValidationFailed:
    """A 422 naming the field and the rule it breaks (never the value)."""
    return ValidationFailed(
        "The request breaks a rule.", extra={"errors": [{"field": field, "message": message}]}
    )


def sign_in_failed() -> UnauthorizedError:
    """The one generic 401 for every failed sign-in or activation step (it tells nothing)."""
    return UnauthorizedError(SIGN_IN_FAILED)
