"""The OpenAPI document is the contract an integrator builds on, and refusals say what is wrong."""

from __future__ import annotations

import uuid
from typing import Any

from httpx import AsyncClient

from tests.factories import create_account
from tests.factories.accounts import auth_headers
from zorgafstemming.api_problems import STATUS_COMPONENTS, problem_types
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime


async def _document(client: AsyncClient) -> dict[str, Any]:
    response = await client.get("/schema/openapi.json")
    assert response.status_code == 200
    document: dict[str, Any] = response.json()
    return document


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if path.startswith("/api/")
    ]


async def test_every_operation_is_described_and_documents_its_refusals(client: AsyncClient) -> None:
    document = await _document(client)
    assert document["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    for method, path, operation in _operations(document):
        label = f"{method.upper()} {path}"
        assert operation.get("summary") and operation.get("description"), label
        responses = operation["responses"]
        assert "503" in responses, label
        public = operation.get("security") == []
        if not public:
            assert {"401", "403"} <= set(responses), label
        if "{" in path:
            assert "404" in responses, label
        for status, response in responses.items():
            if int(status) >= 400:
                content = response["content"]
                assert list(content) == ["application/problem+json"], label
                ref = content["application/problem+json"]["schema"]["$ref"]
                assert ref.rsplit("/", 1)[-1] in document["components"]["schemas"], label


async def test_each_problem_status_lists_the_type_uris_it_can_carry(client: AsyncClient) -> None:
    schemas = (await _document(client))["components"]["schemas"]
    listed = {
        uri
        for name, schema in schemas.items()
        if name in STATUS_COMPONENTS.values()
        for uri in schema["properties"]["type"]["enum"]
    }
    expected = {
        f"/problems/{slug}" for slug, (status, _t) in problem_types().items() if status != 500
    }
    assert expected - {"/problems/method-not-allowed"} <= listed
    assert (
        "/problems/consent-required" in schemas["ValidationProblem"]["properties"]["type"]["enum"]
    )


async def test_constraints_reach_list_items(client: AsyncClient) -> None:
    schemas = (await _document(client))["components"]["schemas"]
    categories = schemas["FamilyConsentIn"]["properties"]["categories"]
    assert categories["minItems"] == 1
    assert categories["items"]["minLength"] == 1
    assert "pattern" in categories["items"]


async def test_the_audit_export_is_documented_as_the_bundle_it_is(client: AsyncClient) -> None:
    document = await _document(client)
    ok = document["paths"]["/api/v1/audit/export"]["get"]["responses"]["200"]
    assert ok["content"]["application/json"]["schema"]["$ref"].endswith("/AuditBundle")


async def test_unknown_schema_page_is_a_problem_not_an_english_page(client: AsyncClient) -> None:
    response = await client.get("/schema/swagger")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["title"] == "Not found"


async def test_refusals_say_what_is_wrong_and_where(client: AsyncClient, runtime: Runtime) -> None:
    worker = await create_account(runtime, Role.SOCIAL_WORKER)
    headers = await auth_headers(runtime, worker)

    too_many = await client.get("/api/v1/files?limit=1000", headers=headers)
    assert too_many.status_code == 422
    assert too_many.json()["detail"] == "query parameter limit: must be between 1 and 100"

    misspelt = await client.get("/api/v1/files?limt=5", headers=headers)
    assert misspelt.status_code == 422
    assert misspelt.json()["errors"] == [
        {"field": "limt", "source": "query", "message": "is not a parameter of this operation"}
    ]

    broken = await client.post(
        "/api/v1/files",
        content=b'{"members": [',
        headers={**headers, "content-type": "application/json"},
    )
    assert broken.status_code == 400
    assert broken.json()["type"] == "/problems/invalid-json"
    assert broken.json()["detail"].startswith("body: invalid JSON at line 1 column 14")


async def test_a_malformed_id_and_an_unknown_id_are_the_same_not_found(
    client: AsyncClient, runtime: Runtime
) -> None:
    worker = await create_account(runtime, Role.SOCIAL_WORKER)
    headers = await auth_headers(runtime, worker)
    malformed = await client.get("/api/v1/files/not-a-uuid", headers=headers)
    unknown = await client.get(f"/api/v1/files/{uuid.uuid4()}", headers=headers)
    assert malformed.status_code == unknown.status_code == 404
    assert malformed.json()["title"] == unknown.json()["title"] == "Not found"
    assert malformed.json()["type"] == unknown.json()["type"] == "/problems/not-found"


async def test_every_problem_type_uri_leads_to_a_page_that_explains_it(
    client: AsyncClient,
) -> None:
    index = await client.get("/problems")
    assert index.status_code == 200
    for slug, (status, title) in problem_types().items():
        assert f'href="/problems/{slug}"' in index.text
        page = await client.get(f"/problems/{slug}")
        assert page.status_code == 200, slug
        assert title in page.text and f"status {status}" in page.text
        assert "<script" not in page.text
    unknown = await client.get("/problems/no-such-problem")
    assert unknown.status_code == 404
