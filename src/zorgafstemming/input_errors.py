"""Invalid input, said plainly: what is wrong and where, never the value that was sent.

Litestar reports a parameter or body that does not match the route's types with msgspec's
messages ("Expected `int` >= 1", "Invalid enum value 'x'"); this module turns each into
``query parameter limit: must be between 1 and 100`` or ``body field members: must not be
empty``. A message never repeats what the client sent (it could be personal data): quoted
values are dropped, and a field name is repeated only when it looks like one.
"""

from __future__ import annotations

import re
import weakref
from typing import Any

from zorgafstemming.problems import ProblemError

_FIELD_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\[\]]{0,80}$")
_MISSING = re.compile(r"Object missing required field `([^`]*)`")

_TYPES = {
    "int": "an integer",
    "float": "a number",
    "str": "a string",
    "bool": "true or false",
    "array": "an array",
    "object": "an object",
    "null": "null",
}


class InvalidJson(ProblemError, status=400, slug="invalid-json", title="Invalid JSON"):
    """The body is not a JSON text."""


def invalid_json(body: bytes, decoder_message: str) -> InvalidJson:
    """The decoder's complaint about ``body`` as ``body: invalid JSON at line L column C``."""
    match = re.search(r"\(byte (\d+)\)", decoder_message)
    if match is None and "truncated" not in decoder_message:
        return InvalidJson("body: invalid JSON.")
    offset = min(int(match.group(1)), len(body)) if match else len(body)
    why = re.search(r"malformed: ([a-z ,':{}\[\]]+) \(byte", decoder_message)
    reason = why.group(1) if why else "the text ends too early"
    before = body[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return InvalidJson(f"body: invalid JSON at line {line} column {column} ({reason}).")


def _where(source: str, field: str) -> str:
    if source in ("query", "path", "header", "cookie"):
        return f"{source} parameter {field}"
    if field in ("", "data", "body"):
        return "body"
    return f"body field {field}"


def _plain(message: str, bounds: tuple[Any, Any] | None) -> str:
    """msgspec's message for one field, as a rule the value breaks."""
    message = message.split(" - ", 1)[0]
    bound = re.fullmatch(r"Expected `(\w+)` (>=|<=|>|<) (-?[\d.]+)", message)
    if bound and bounds is not None and None not in bounds:
        return f"must be between {bounds[0]} and {bounds[1]}"
    if m := re.fullmatch(r"Expected `(\w+)` (>=|<=|>|<) (-?[\d.]+)", message):
        words = {">=": "at least", "<=": "at most", ">": "more than", "<": "less than"}
        return f"must be {words[m.group(2)]} {m.group(3)}"
    if m := re.fullmatch(r"Expected `(\w+)` of length (>=|<=) (\d+)", message):
        unit = "characters" if m.group(1) == "str" else "items"
        if m.group(2) == ">=" and m.group(3) == "1":
            return "must not be empty"
        limit = "at least" if m.group(2) == ">=" else "at most"
        return f"must have {limit} {m.group(3)} {unit}"
    if m := re.fullmatch(r"Expected `(\w+)`, got `(\w+)`", message):
        wanted, got = (_TYPES.get(name, name) for name in m.groups())
        return f"must be {wanted}, not {got}"
    if message.startswith("Expected `str` matching regex"):
        return "has characters or a form that is not allowed"
    if message.startswith("Invalid enum value"):
        return "is not one of the allowed values"
    if message.startswith("Invalid UUID"):
        return "must be a UUID"
    if m := re.search(r"a date between (\d+) and (\d+)", message):
        return f"must be a date between the years {m.group(1)} and {m.group(2)}"
    if "datetime" in message.lower() or "date" in message.lower():
        return "must be an RFC 3339 date-time with its offset"
    if m := re.fullmatch(r"Object missing required field `([^`]*)`", message):
        return f"misses the required field {_name(m.group(1))}"
    if m := re.fullmatch(r"Object contains unknown field `([^`]*)`", message):
        return f"has a field that is not accepted: {_name(m.group(1))}"
    if "'" in message or '"' in message:
        return "is not valid"
    return message[:1].lower() + message[1:]


def _name(field: str) -> str:
    return field if _FIELD_NAME.match(field) else "(a field name that is not valid)"


def describe(
    items: list[Any], bounds_of: dict[str, tuple[Any, Any]]
) -> tuple[str, list[dict[str, str]]]:
    """The detail line and the ``errors`` entries for Litestar's validation messages."""
    errors: list[dict[str, str]] = []
    for item in items:
        if not isinstance(item, dict):
            continue
        raw_field = str(item.get("key", "") or "")
        raw_source = item.get("source") or "body"
        source = str(getattr(raw_source, "value", raw_source))
        field = _name(raw_field) if raw_field else "body"
        if source == "body" and field == "data":
            field = "body"
        message = _plain(str(item.get("message", "")), bounds_of.get(raw_field))
        missing = _MISSING.fullmatch(str(item.get("message", "")).split(" - ", 1)[0])
        if field == "body" and missing and _FIELD_NAME.match(missing.group(1)):
            # A required field absent from the body is that field's error, not the body's.
            field, message = missing.group(1), "is required"
        errors.append({"field": field, "source": source, "message": message})
    detail = "; ".join(f"{_where(e['source'], e['field'])}: {e['message']}" for e in errors)
    return detail or "The request is not valid.", errors


def parameter_bounds(handler: Any) -> dict[str, tuple[Any, Any]]:
    """(minimum, maximum) of each numeric parameter of a route handler that declares both."""
    found: dict[str, tuple[Any, Any]] = {}
    if handler is None:
        return found
    for name, parameter in handler.parsed_fn_signature.parameters.items():
        kwarg = parameter.kwarg_definition
        low = getattr(kwarg, "ge", None)
        high = getattr(kwarg, "le", None)
        if low is not None or high is not None:
            found[name] = (low, high)
    return found


NOT_A_PARAMETER = "is not a parameter of this operation"
# Handler parameters Litestar fills from the connection itself, never from the query string.
_RESERVED = frozenset(
    {"request", "data", "headers", "cookies", "query", "state", "scope", "socket", "body", "self"}
)
_PATH_PARAMETER = re.compile(r"\{(\w+)(?::\w+)?\}")
# Per route handler (weakly: a test process builds many apps, and an id() can come back).
_declared: weakref.WeakKeyDictionary[Any, frozenset[str]] = weakref.WeakKeyDictionary()


def declared_query(handler: Any) -> frozenset[str]:
    """The query parameter names a route handler declares (aliases included)."""
    known = _declared.get(handler)
    if known is not None:
        return known
    from litestar.params import ParameterKwarg

    in_path = {name for path in handler.paths for name in _PATH_PARAMETER.findall(path)}
    dependencies = set(handler.resolve_dependencies())
    names: set[str] = set()
    for name, parameter in handler.parsed_fn_signature.parameters.items():
        if name in _RESERVED or name in dependencies or name in in_path:
            continue
        kwarg = parameter.kwarg_definition
        if isinstance(kwarg, ParameterKwarg):
            if kwarg.header or kwarg.cookie:
                continue
            names.add(kwarg.query or name)
        elif kwarg is None:
            names.add(name)
    known = _declared[handler] = frozenset(names)
    return known


async def refuse_unknown_query(request: Any) -> None:
    """An API request with a query parameter its operation does not declare is refused (422):
    a misspelt ``limt=5`` silently ignored would page wrongly without anyone noticing."""
    handler = request.scope.get("route_handler")
    if handler is None:
        return
    unknown = sorted(set(request.query_params) - declared_query(handler))
    if unknown:
        errors = [
            {
                "field": _name(key),
                "source": "query",
                "message": "is not a parameter of this operation",
            }
            for key in unknown
        ]
        detail = "; ".join(f"query parameter {e['field']}: {e['message']}" for e in errors)
        raise UnknownParameter(detail, extra={"errors": errors})


class UnknownParameter(
    ProblemError, status=422, slug="validation-failed", title="Validation failed"
):
    """The query names a parameter the operation does not have."""
