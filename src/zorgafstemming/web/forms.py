"""Reading HTML form posts and turning service validation errors into Dutch messages per field."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from litestar import Request

from zorgafstemming.problems import ConflictError, ProblemError

# What the API's text fields refuse (control characters but line feed, return and tab): a form
# refuses it too, with a message of its own, before the service sees it.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

GENERIC_FIELD_ERROR = "Controleer dit veld."


@dataclass(frozen=True)
class Refusal:
    """A refused form post, shown again on its page: Dutch errors per field, the values typed
    (never passwords or codes) and the status code (422, or 409 for a conflict)."""

    errors: dict[str, str]
    values: dict[str, str] | None = None
    status: int = 422

    @classmethod
    def of(
        cls,
        exc: ProblemError,
        messages: Mapping[str, str],
        fallback_field: str,
        values: dict[str, str],
        conflict: dict[str, str],
    ) -> Refusal:
        """The refusal to show for a service's: ``conflict`` for a conflict (409), else the Dutch
        messages per field of :func:`field_errors` (422)."""
        if isinstance(exc, ConflictError):
            return cls(conflict, values, 409)
        return cls(field_errors(exc, messages, fallback_field), values)

    def context(self) -> dict[str, Any]:
        """What :func:`~zorgafstemming.web.pages.render` takes of it: status, errors, form."""
        return {"status": self.status, "errors": self.errors, "form": self.values or {}}


class FormData:
    """The fields of a posted form: single values trimmed, repeated fields as lists."""

    def __init__(self, raw: Any) -> None:
        self._raw = raw

    def get(self, name: str, default: str = "") -> str:
        """One field's value, trimmed; ``default`` when absent."""
        value = self._raw.get(name)
        return value.strip() if isinstance(value, str) else default

    def raw(self, name: str) -> str:
        """One field's value exactly as posted (passwords are never trimmed)."""
        value = self._raw.get(name)
        return value if isinstance(value, str) else ""

    def has(self, name: str) -> bool:
        """Whether the form posted a field ``name`` at all (an empty one included)."""
        return isinstance(self._raw.get(name), str)

    def getall(self, name: str) -> list[str]:
        """Every value of a repeated field (checkboxes), trimmed, without blanks."""
        # FormMultiDict.getall raises KeyError for a field that was not posted at all.
        values = self._raw.getall(name, []) if hasattr(self._raw, "getall") else []
        return [v.strip() for v in values if isinstance(v, str) and v.strip()]

    def echo(self, *names: str) -> dict[str, str]:
        """The given fields to show again after an error (never passwords or codes)."""
        return {name: self.get(name) for name in names}


async def read_form(request: Request[Any, Any, Any]) -> FormData:
    """The posted form of ``request`` (urlencoded or multipart)."""
    return FormData(await request.form())


def field_errors(
    exc: ProblemError, messages: Mapping[str, str], fallback_field: str | None = None
) -> dict[str, str]:
    """Dutch messages per form field for a service's validation error.

    ``messages`` maps the service's field names to the Dutch sentence shown next to that field;
    the service's own (English) message is never shown. Errors without a known field land on
    ``fallback_field``.
    """
    errors: dict[str, str] = {}
    for item in exc.extra.get("errors", []) if isinstance(exc.extra, dict) else []:
        name = str(item.get("field", "")) if isinstance(item, dict) else ""
        if name in messages:
            errors[name] = messages[name]
        elif fallback_field is not None:
            errors[fallback_field] = messages.get(fallback_field, GENERIC_FIELD_ERROR)
    if not errors and fallback_field is not None:
        errors[fallback_field] = messages.get(fallback_field, GENERIC_FIELD_ERROR)
    return errors
