"""The API reference page at ``/docs/api``: served where the document is, complete, self-contained.

Self-contained means it works under the service's Content-Security-Policy unchanged: no script,
no inline style, nothing loaded from another address.
"""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from httpx import AsyncClient
from litestar.testing import AsyncTestClient

from tests.factories.http import assert_security_headers
from zorgafstemming.apidocs.document import document_json, openapi_document
from zorgafstemming.apidocs.page import (
    HTTP_METHODS,
    PAGE_FILE,
    SITE_DIR,
    operation_anchor,
    render_page,
)
from zorgafstemming.app import create_app
from zorgafstemming.runtime import Runtime

COMMITTED_DOCUMENT = Path(__file__).resolve().parents[3] / "docs" / "openapi.json"
# A scheme (https:, data:, javascript:) or a network path (//host): anything not of this service.
_ELSEWHERE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//|\\\\)", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)|@import\s+['\"]([^'\"]*)", re.IGNORECASE)


class PageOutline(HTMLParser):
    """What a test needs of a page: its elements, every address it names, its articles' texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.style_attributes = 0
        self.addresses: list[str] = []
        self.stylesheets: list[str] = []
        self.articles: dict[str, str] = {}
        self._article: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        for name, value in attrs:
            if name == "style":
                self.style_attributes += 1
            if name in {"href", "src", "srcset", "action", "formaction", "poster", "data"}:
                self.addresses.append(value or "")
        if tag == "link" and values.get("rel") == "stylesheet":
            self.stylesheets.append(values.get("href") or "")
        article = values.get("id") if tag == "article" else None
        if article:
            self._article = article
            self.articles[article] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._article = None

    def handle_data(self, data: str) -> None:
        if self._article is not None:
            self.articles[self._article] += data


def outline(html: str) -> PageOutline:
    parsed = PageOutline()
    parsed.feed(html)
    parsed.close()
    return parsed


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, item[method])
        for path, item in document["paths"].items()
        for method in HTTP_METHODS
        if method in item
    ]


async def test_page_lists_every_operation_of_the_served_document(client: AsyncClient) -> None:
    response = await client.get("/docs/api")
    document = (await client.get("/schema/openapi.json")).json()

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert_security_headers(response)  # the service's CSP, unchanged, covers the page
    page = outline(response.text)
    operations = _operations(document)
    assert len(operations) > 40
    for method, path, operation in operations:
        section = page.articles.get(operation_anchor(method, path, operation))
        assert section is not None, f"{method.upper()} {path} is missing from the page"
        assert f"{method.upper()} {path}" in " ".join(section.split())
    assert document == openapi_document()  # what `make openapi` writes is what is served


async def test_page_needs_no_script_inline_style_or_other_address(client: AsyncClient) -> None:
    page = outline((await client.get("/docs/api")).text)

    assert "script" not in page.tags
    assert "style" not in page.tags and page.style_attributes == 0
    assert page.addresses and not [a for a in page.addresses if _ELSEWHERE.match(a)]
    assert page.stylesheets == ["/docs/api/api.css"]
    stylesheet = await client.get(page.stylesheets[0])
    assert stylesheet.status_code == 200
    assert stylesheet.headers["content-type"].startswith("text/css")
    imported = [a or b for a, b in _CSS_URL.findall(stylesheet.text)]
    assert not [address for address in imported if _ELSEWHERE.match(address)]


async def test_page_is_not_served_where_the_document_is_not(runtime: Runtime) -> None:
    # Production turns the document off by default (test_foundation); the page follows it.
    app = create_app(replace(runtime.settings, openapi_enabled=False), runtime=runtime)
    async with AsyncTestClient(app=app, base_url="https://testserver.local") as client:
        page = await client.get("/docs/api")
        stylesheet = await client.get("/docs/api/api.css")
        document = await client.get("/schema/openapi.json")
    assert page.status_code == stylesheet.status_code == document.status_code == 404


def test_document_text_cannot_add_markup_or_links_to_the_page() -> None:
    hostile = "<script>alert(1)</script><a href='https://evil.example'>x</a> https://evil.example"
    document = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1", "description": hostile},
        "paths": {"/x": {"get": {"operationId": "x", "description": hostile, "responses": {}}}},
        "components": {"schemas": {"S": {"type": "string", "description": hostile}}},
    }
    html = render_page(document)
    page = outline(html)

    assert "script" not in page.tags
    assert not [a for a in page.addresses if _ELSEWHERE.match(a)]
    assert "&lt;script&gt;" in html  # shown as text, not dropped


def test_committed_document_and_page_match_the_application() -> None:
    """Fails when the API changed and ``make api-docs`` was not run (and committed)."""
    document = openapi_document()
    assert COMMITTED_DOCUMENT.read_text("utf-8") == document_json(document), (
        "docs/openapi.json is out of date; run `make api-docs` (and `make client`)"
    )
    assert (SITE_DIR / PAGE_FILE).read_text("utf-8") == render_page(document), (
        "the page at /docs/api is out of date; run `make api-docs`"
    )


def test_page_follows_shared_responses_parameters_and_examples() -> None:
    """Shared components are shown where they are used; schemas are linked to their section."""
    document = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/things/{id}": {
                "parameters": [{"$ref": "#/components/parameters/Id"}],
                "get": {
                    "operationId": "readThing",
                    "security": [{"bearer": []}],
                    "responses": {
                        "200": {
                            "description": "The thing",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Thing"},
                                    "examples": {"one": {"$ref": "#/components/examples/One"}},
                                }
                            },
                        },
                        "404": {"$ref": "#/components/responses/NotFound"},
                    },
                },
            }
        },
        "components": {
            "schemas": {
                "Thing": {"type": "object", "properties": {"size": {"type": "integer"}}},
                "Problem": {"type": "object", "properties": {"type": {"type": "string"}}},
            },
            "parameters": {"Id": {"name": "thing_id", "in": "path", "required": True}},
            "examples": {"One": {"value": {"size": 7}}},
            "responses": {
                "NotFound": {
                    "description": "No such thing",
                    "content": {
                        "application/problem+json": {
                            "schema": {"$ref": "#/components/schemas/Problem"}
                        }
                    },
                }
            },
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }
    page = outline(render_page(document))

    thing = " ".join(page.articles["op-readThing"].split())
    assert "thing_id" in thing and '"size": 7' in thing and "bearer" in thing
    assert "404 No such thing application/problem+json Problem" in thing
    assert {"#schema-Thing", "#schema-Problem"} <= set(page.addresses)
    assert {"schema-Thing", "schema-Problem"} <= page.articles.keys()
