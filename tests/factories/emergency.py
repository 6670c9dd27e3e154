"""Test builders of emergency access: a file's short reference and a worker's request."""

from __future__ import annotations

import uuid
from typing import Any

from httpx import AsyncClient, Response

from zorgafstemming.audit.references import file_reference
from zorgafstemming.runtime import Runtime

URL = "/api/v1/emergency-grants"


def reference(runtime: Runtime, file_id: str | uuid.UUID) -> str:
    """The file's short reference, as the family or a colleague reads it out."""
    return file_reference(runtime.secrets.audit_key, uuid.UUID(str(file_id)))


async def ask(
    client: AsyncClient,
    runtime: Runtime,
    headers: dict[str, str],
    file_id: str | uuid.UUID,
    *,
    ground: str = "risk_to_child",
    **extra: Any,
) -> Response:
    """A worker's request for emergency access to ``file_id`` on ``ground``."""
    body = {"file_reference": reference(runtime, file_id), "ground": ground, **extra}
    return await client.post(URL, json=body, headers=headers)
