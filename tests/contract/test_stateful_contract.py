"""Sequences of calls that follow the document's links keep the contract: an object created
by one operation is read, changed and listed by the operations the 201 answer links to."""

from __future__ import annotations

from typing import Any

import hypothesis
import pytest
import schemathesis
from hypothesis.stateful import run_state_machine_as_test
from schemathesis import Case
from schemathesis.config import SchemathesisConfig
from schemathesis.core.transport import Response

from tests.contract.conftest import ContractWorld
from tests.contract.test_openapi_contract import SEED, signed_in, valid_input_passes_the_parser

# Scenarios per role and steps per scenario: small, since each step is a real request.
SCENARIOS = 6
STEPS = 5
CONFIG = SchemathesisConfig.from_dict(
    {"seed": SEED, "checks": {"positive_data_acceptance": {"enabled": False}}}
)


@pytest.mark.parametrize("role", ["social_worker", "family", "admin"])
def test_linked_calls_keep_the_contract(contract_world: ContractWorld, role: str) -> None:
    url = contract_world.server.url
    schema = schemathesis.openapi.from_url(f"{url}/schema/openapi.json", config=CONFIG)
    calls: list[tuple[str, int]] = []

    class Scenario(schema.as_state_machine()):  # type: ignore[misc]
        def get_call_kwargs(self, case: Case[Any]) -> dict[str, Any]:
            return {"headers": signed_in(case, contract_world, role)}

        def after_call(self, response: Response, case: Case[Any]) -> None:
            super().after_call(response, case)
            calls.append((case.operation.label, response.status_code))

        def validate_response(
            self, response: Response, case: Case[Any], *args: Any, **kwargs: Any
        ) -> None:
            super().validate_response(
                response, case, additional_checks=[valid_input_passes_the_parser], **kwargs
            )

    run_state_machine_as_test(
        Scenario,
        settings=hypothesis.settings(
            max_examples=SCENARIOS,
            stateful_step_count=STEPS,
            derandomize=True,
            database=None,
            deadline=None,
            suppress_health_check=list(hypothesis.HealthCheck),
        ),
    )
    assert len(calls) >= SCENARIOS  # every scenario made real calls
