"""Every operation of the OpenAPI document answers as the document says, for every role.

Schemathesis generates valid and invalid requests from the document and checks each answer:
no server error, a documented status, the documented media type and body schema, required
headers, invalid input refused, valid input accepted by the parser. The run is bounded and
replayable: the example count and the derandomised generation are set here, in one place.
"""

from __future__ import annotations

from typing import Any

import hypothesis
import pytest
import schemathesis
from schemathesis import Case
from schemathesis.checks import CheckContext
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import Failure
from schemathesis.core.transport import Response
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.contract.conftest import ContractWorld
from tests.factories.access_matrix import reachable_operations

# One place for the run's size: fuzzed examples per operation and role (the examples and
# coverage phases add their own cases, from the document's examples and bounds).
EXAMPLES = 5
# PostgreSQL runs a smaller set: the role whose operations write the most (conftest.py); every
# role's operations run on SQLite, and the integration tests run each on both databases.
POSTGRESQL_ROLES = ("social_worker",)
# Generation is derandomised (the same examples every run); this seeds what schemathesis draws
# outside Hypothesis.
SEED = 20261129
ROLES = ["social_worker", "family", "dpo", "admin"]
HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}
# Problem types that mean "the parser refused the input": valid data must never get them.
PARSER_REFUSALS = {"/problems/invalid-json", "/problems/bad-request", "/problems/nesting-too-deep"}


class ValidInputRefused(Failure):
    """A request the document calls valid was refused as malformed."""

    code = "ST990"
    kind_title = "Valid input refused by the parser"

    def __init__(self, operation: str, detail: str) -> None:
        super().__init__(operation=operation, message=detail)


@schemathesis.check
def valid_input_passes_the_parser(
    ctx: CheckContext, response: Response, case: Case[Any]
) -> bool | None:
    """Data the document calls valid gets past parsing and validation; a business rule may still
    refuse it (an unknown id, a closed file, a consent that does not cover it), but never as
    malformed input. Replaces schemathesis' own positive-data check, which cannot tell the two
    apart (it wants a 2xx for random ids)."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return None
    if not response.headers.get("content-type", [""])[0].startswith("application/problem+json"):
        return None
    body: dict[str, Any] = response.json()
    parser_fields = [e for e in body.get("errors", []) if isinstance(e, dict) and e.get("source")]
    if body.get("type") in PARSER_REFUSALS or parser_fields:
        raise ValidInputRefused(case.operation.label, str(body.get("detail", "")))
    return None


def signed_in(case: Case[Any], world: ContractWorld, role: str) -> dict[str, str]:
    """The headers that send ``case`` as ``role`` (schemathesis' own auth checks replay the
    request without them, or with a wrong token)."""
    token = world.tokens[role]
    if case.operation.path == "/api/v1/auth/logout":
        token = world.fresh_token(role)  # sign-out revokes the token it is sent with
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(params=ROLES)
def role(request: pytest.FixtureRequest) -> str:
    """The role the run signs in as."""
    return str(request.param)


@pytest.fixture
def contract_schema(contract_world: ContractWorld, role: str) -> Any:
    """The document, its run narrowed to the operations ``role`` gets past the guard on (by the
    access matrix, which also proves that every other operation refuses ``role`` with 401 or
    403)."""
    url = contract_world.server.url + "/schema/openapi.json"
    paths = schemathesis.openapi.from_url(url).raw_schema["paths"]
    reachable = reachable_operations(role)
    refused = [
        f"{method.upper()} {path}"
        for path, item in paths.items()
        for method in item
        if method in HTTP_METHODS and (method.upper(), path) not in reachable
    ]
    off = [{"include-name": refused, "enabled": False}] if refused else []
    config = SchemathesisConfig.from_dict({"seed": SEED, "operations": off})
    return schemathesis.openapi.from_url(url, config=config)


schema = schemathesis.pytest.from_fixture("contract_schema")


@schema.parametrize()
@pytest.mark.usefixtures("role")
@hypothesis.settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(hypothesis.HealthCheck),
)
def test_operation_keeps_its_contract(
    case: Case[Any], role: str, contract_world: ContractWorld, request: pytest.FixtureRequest
) -> None:
    backend = request.node.callspec.params["contract_world"]
    hypothesis.note(f"backend={backend} role={role}")
    case.call_and_validate(
        headers=signed_in(case, contract_world, role),
        excluded_checks=[positive_data_acceptance],
        additional_checks=[valid_input_passes_the_parser],
    )
