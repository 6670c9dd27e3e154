"""The API reference page: the OpenAPI document rendered to one static HTML page.

The page holds no script, no inline style and no address outside the service, so it is served
under the service's own Content-Security-Policy unchanged. Descriptions are shown as plain text
(escaped, line breaks kept): nothing in the document can add markup or a link to the page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

TEMPLATE_DIR = Path(__file__).parent / "templates"
SITE_DIR = Path(__file__).parent / "site"
PAGE_FILE = "index.html"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_SCHEMA_REF = "#/components/schemas/"
_ANCHOR_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")

# A type expression: text pieces, each with the anchor of the schema it names (or None).
Token = tuple[str, str | None]


def schema_anchor(name: str) -> str:
    """The id of a component schema's section on the page."""
    return "schema-" + _ANCHOR_UNSAFE.sub("-", name)


def operation_anchor(method: str, path: str, operation: Mapping[str, Any]) -> str:
    """The id of an operation's section: its operationId, else its method and path."""
    key = operation.get("operationId") or f"{method}-{path}"
    return "op-" + _ANCHOR_UNSAFE.sub("-", str(key)).strip("-")


def type_tokens(schema: Mapping[str, Any] | bool | None) -> list[Token]:
    """A short, readable type for ``schema``: ``string (uuid)``, ``array of FileView``, …"""
    if schema is None or schema is True or schema == {}:
        return [("any", None)]
    if schema is False:
        return [("nothing", None)]
    assert isinstance(schema, Mapping)
    ref = schema.get("$ref")
    if isinstance(ref, str):
        name = ref.removeprefix(_SCHEMA_REF)
        return [(name, schema_anchor(name) if ref.startswith(_SCHEMA_REF) else None)]
    for combinator, joiner in (("oneOf", " | "), ("anyOf", " | "), ("allOf", " & ")):
        if combinator in schema:
            tokens: list[Token] = []
            for i, part in enumerate(schema[combinator]):
                if i:
                    tokens.append((joiner, None))
                tokens.extend(type_tokens(part))
            return tokens
    if "const" in schema:
        return [(json.dumps(schema["const"]), None)]
    if "enum" in schema:
        return [("one of " + ", ".join(json.dumps(v) for v in schema["enum"]), None)]
    kinds = schema.get("type", "object" if "properties" in schema else "any")
    if isinstance(kinds, list):
        tokens = []
        for i, kind in enumerate(kinds):
            if i:
                tokens.append((" | ", None))
            tokens.extend(type_tokens({**schema, "type": kind}))
        return tokens
    if kinds == "array":
        return [("array of ", None), *type_tokens(schema.get("items"))]
    if kinds == "object" and isinstance(schema.get("additionalProperties"), Mapping):
        return [("map of string to ", None), *type_tokens(schema["additionalProperties"])]
    fmt = schema.get("format")
    return [(f"{kinds} ({fmt})" if fmt else str(kinds), None)]


_CONSTRAINTS = (
    ("minimum", "≥ {}"),
    ("exclusiveMinimum", "> {}"),
    ("maximum", "≤ {}"),
    ("exclusiveMaximum", "< {}"),
    ("minLength", "at least {} characters"),
    ("maxLength", "at most {} characters"),
    ("pattern", "matches {}"),
    ("minItems", "at least {} items"),
    ("maxItems", "at most {} items"),
    ("uniqueItems", "unique items"),
    ("minProperties", "at least {} keys"),
    ("maxProperties", "at most {} keys"),
    ("default", "default {}"),
)


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return json.dumps(value) if not isinstance(value, int | float | str) else str(value)


def constraints(schema: Mapping[str, Any] | bool | None) -> list[str]:
    """The constraints ``schema`` puts on a value, item constraints included, in words."""
    if not isinstance(schema, Mapping):
        return []
    found: list[str] = []
    for key, words in _CONSTRAINTS:
        if key not in schema or schema[key] is False:
            continue
        value = schema[key]
        if key == "uniqueItems":
            found.append(words)
            continue
        shown = json.dumps(value) if key == "default" else _number(value)
        if value == 1 and words.endswith("s"):  # "at least 1 item", "at most 1 character"
            words = words[:-1]
        found.append(words.format(shown))
    items = schema.get("items")
    if isinstance(items, Mapping):
        found.extend(f"each item {c}" for c in constraints(items))
    for combinator in ("oneOf", "anyOf", "allOf"):
        for part in schema.get(combinator, ()):
            found.extend(constraints(part))
    if schema.get("readOnly"):
        found.append("read-only")
    if schema.get("deprecated"):
        found.append("deprecated")
    return found


@dataclass(frozen=True)
class Field:
    """One parameter or property: where it goes, its type and what it must satisfy."""

    name: str
    type: list[Token]
    required: bool
    constraints: list[str]
    description: str
    location: str = ""


@dataclass(frozen=True)
class Content:
    """One media type of a request or response body, with its examples."""

    media_type: str
    type: list[Token]
    fields: list[Field]
    examples: list[str]


@dataclass(frozen=True)
class Response:
    status: str
    description: str
    headers: list[Field]
    contents: list[Content]


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    anchor: str
    operation_id: str
    summary: str
    description: str
    deprecated: bool
    security: list[str]
    parameters: list[Field]
    body_required: bool
    body: list[Content]
    responses: list[Response]


@dataclass(frozen=True)
class Group:
    name: str
    anchor: str
    description: str
    operations: list[Operation] = field(default_factory=list)


@dataclass(frozen=True)
class Schema:
    name: str
    anchor: str
    description: str
    type: list[Token]
    fields: list[Field]
    constraints: list[str]
    examples: list[str]


@dataclass(frozen=True)
class SecurityScheme:
    name: str
    summary: str
    description: str


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _properties(schema: Mapping[str, Any]) -> list[Field]:
    required = set(schema.get("required", ()))
    return [
        Field(
            name=name,
            type=type_tokens(prop),
            required=name in required,
            constraints=constraints(prop),
            description=_text(prop.get("description")) if isinstance(prop, Mapping) else "",
        )
        for name, prop in schema.get("properties", {}).items()
    ]


def _examples(holder: Mapping[str, Any]) -> list[str]:
    """Examples of a media type or schema (``example``, ``examples`` map or list), as JSON."""
    values: list[Any] = []
    if "example" in holder:
        values.append(holder["example"])
    examples = holder.get("examples")
    if isinstance(examples, Mapping):
        values.extend(
            e["value"] for e in examples.values() if isinstance(e, Mapping) and "value" in e
        )
    elif isinstance(examples, list):
        values.extend(examples)
    return [json.dumps(v, indent=2, ensure_ascii=False) for v in values]


def _contents(content: Mapping[str, Any]) -> list[Content]:
    found = []
    for media_type, media in content.items():
        schema = media.get("schema", {})
        inline = isinstance(schema, Mapping) and "$ref" not in schema and "properties" in schema
        found.append(
            Content(
                media_type=media_type,
                type=type_tokens(schema),
                fields=_properties(schema) if inline else [],
                examples=_examples(media) or (_examples(schema) if inline else []),
            )
        )
    return found


def _security(requirements: list[Mapping[str, Any]] | None) -> list[str]:
    if requirements is None:
        return []
    if not requirements or any(not r for r in requirements):
        return ["none"]
    return [" + ".join(r) for r in requirements]


def _pointer(document: Mapping[str, Any], ref: str) -> Any:
    """The part of ``document`` a local reference (``#/components/responses/x``) points to."""
    node: Any = document
    for part in ref.removeprefix("#/").split("/"):
        key = part.replace("~1", "/").replace("~0", "~")
        node = node.get(key, {}) if isinstance(node, Mapping) else {}
    return node


def _inline_refs(node: Any, document: Mapping[str, Any], seen: tuple[str, ...] = ()) -> Any:
    """``node`` with every local reference replaced by what it points to, except references to
    component schemas: those stay, and the page links them to the schema's section."""
    if isinstance(node, Mapping):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/") and not ref.startswith(_SCHEMA_REF):
            if ref in seen:  # a reference cycle: show nothing rather than loop
                return {}
            return _inline_refs(_pointer(document, ref), document, (*seen, ref))
        return {key: _inline_refs(value, document, seen) for key, value in node.items()}
    if isinstance(node, list):
        return [_inline_refs(value, document, seen) for value in node]
    return node


def _headers(headers: Mapping[str, Any]) -> list[Field]:
    return [
        Field(
            name=name,
            type=type_tokens(header.get("schema")),
            required=bool(header.get("required")),
            constraints=constraints(header.get("schema")),
            description=_text(header.get("description")),
        )
        for name, header in headers.items()
    ]


def _operations(document: Mapping[str, Any]) -> Iterator[tuple[str, Operation]]:
    """Every operation of the document, in document order, with the tag it is grouped under."""
    default_security = document.get("security")
    for path, item in document.get("paths", {}).items():
        shared = item.get("parameters", [])
        for method in HTTP_METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            parameters = [
                Field(
                    name=p.get("name", ""),
                    type=type_tokens(p.get("schema")),
                    required=bool(p.get("required")),
                    constraints=constraints(p.get("schema")),
                    description=_text(p.get("description")),
                    location=p.get("in", ""),
                )
                for p in [*shared, *operation.get("parameters", [])]
            ]
            body = operation.get("requestBody", {})
            yield (
                (operation.get("tags") or ["other"])[0],
                Operation(
                    method=method.upper(),
                    path=path,
                    anchor=operation_anchor(method, path, operation),
                    operation_id=operation.get("operationId", ""),
                    summary=_text(operation.get("summary")),
                    description=_text(operation.get("description")),
                    deprecated=bool(operation.get("deprecated")),
                    security=_security(operation.get("security", default_security)),
                    parameters=parameters,
                    body_required=bool(body.get("required")),
                    body=_contents(body.get("content", {})),
                    responses=[
                        Response(
                            status=status,
                            description=_text(response.get("description")),
                            headers=_headers(response.get("headers", {})),
                            contents=_contents(response.get("content", {})),
                        )
                        for status, response in operation.get("responses", {}).items()
                    ],
                ),
            )


def _groups(document: Mapping[str, Any]) -> list[Group]:
    described = {t["name"]: _text(t.get("description")) for t in document.get("tags", [])}
    groups: dict[str, Group] = {
        name: Group(name, "tag-" + _ANCHOR_UNSAFE.sub("-", name), text)
        for name, text in described.items()
    }
    for tag, operation in _operations(document):
        if tag not in groups:
            groups[tag] = Group(tag, "tag-" + _ANCHOR_UNSAFE.sub("-", tag), "")
        groups[tag].operations.append(operation)
    return [g for g in groups.values() if g.operations]


def _schemas(document: Mapping[str, Any]) -> list[Schema]:
    schemas = document.get("components", {}).get("schemas", {})
    return [
        Schema(
            name=name,
            anchor=schema_anchor(name),
            description=_text(schema.get("description")),
            type=type_tokens(schema),
            fields=_properties(schema),
            constraints=constraints(schema),
            examples=_examples(schema),
        )
        for name, schema in sorted(schemas.items())
    ]


def _security_schemes(document: Mapping[str, Any]) -> list[SecurityScheme]:
    schemes = document.get("components", {}).get("securitySchemes", {})
    found = []
    for name, scheme in schemes.items():
        kind = scheme.get("type", "")
        detail = [kind, scheme.get("scheme", ""), scheme.get("bearerFormat", "")]
        if kind == "apiKey":
            detail = [kind, f"{scheme.get('in', '')} {scheme.get('name', '')}"]
        found.append(
            SecurityScheme(
                name, ", ".join(d for d in detail if d), _text(scheme.get("description"))
            )
        )
    return found


def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_page(document: Mapping[str, Any]) -> str:
    """The HTML reference page of ``document`` (deterministic: same document, same bytes)."""
    document = _inline_refs(document, document)
    info = document.get("info", {})
    return (
        _environment()
        .get_template("api.html.j2")
        .render(
            title=_text(info.get("title")) or "API",
            version=_text(info.get("version")),
            description=_text(info.get("description")),
            openapi_version=_text(document.get("openapi")),
            servers=[_text(s.get("url")) for s in document.get("servers", [])],
            security_schemes=_security_schemes(document),
            groups=_groups(document),
            schemas=_schemas(document),
        )
    )


def write_page(document: Mapping[str, Any], site_dir: Path = SITE_DIR) -> Path:
    """Render ``document`` into ``site_dir``'s ``index.html``; returns the file written."""
    target = site_dir / PAGE_FILE
    target.write_text(render_page(document), encoding="utf-8")
    return target
