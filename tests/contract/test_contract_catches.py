"""The contract suite fails when the document and the service disagree (a test of the test)."""

from __future__ import annotations

import copy
from typing import Any

import httpx
import pytest
import schemathesis
from schemathesis.core.failures import FailureGroup

from tests.contract.conftest import ContractWorld


def test_an_undocumented_status_fails_the_run(contract_world: ContractWorld) -> None:
    url = contract_world.server.url
    document: dict[str, Any] = httpx.get(f"{url}/schema/openapi.json").json()
    me = document["paths"]["/api/v1/auth/me"]["get"]["responses"]
    assert "401" in me
    # As served, an unauthenticated call keeps the contract ...
    intact = schemathesis.openapi.from_dict(document)
    intact["/api/v1/auth/me"]["GET"].Case().call_and_validate(base_url=url)
    # ... and with its 401 taken out of the document, the same call breaks it.
    broken = copy.deepcopy(document)
    del broken["paths"]["/api/v1/auth/me"]["get"]["responses"]["401"]
    case = schemathesis.openapi.from_dict(broken)["/api/v1/auth/me"]["GET"].Case()
    with pytest.raises(FailureGroup, match="Undocumented status code"):
        case.call_and_validate(base_url=url)
