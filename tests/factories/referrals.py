"""Builders for warm hand-overs: a referral over the API, a consent naming another
organisation, a worker's contact details."""

from __future__ import annotations

import uuid
from typing import Any

from httpx import AsyncClient, Response

from tests.factories.coordination import consent
from tests.factories.evidence import with_scans
from zorgafstemming.identity.staff_contacts import set_staff_contact
from zorgafstemming.runtime import Runtime

NOTE = "Moeder vraagt ondersteuning bij opvoeding; graag snel contact."


async def refer(
    client: AsyncClient,
    headers: dict[str, str],
    file_id: str,
    to: uuid.UUID,
    *,
    category: str = "case_notes",
    purpose: str = "care_coordination",
    urgency: str = "soon",
    note: str = NOTE,
) -> Response:
    """A referral of the file's family to organisation ``to``."""
    return await client.post(
        f"/api/v1/files/{file_id}/referrals",
        json={
            "to_organisation_id": str(to),
            "purpose": purpose,
            "urgency": urgency,
            "note": note,
            "note_category": category,
        },
        headers=headers,
    )


async def record_consent_for(
    client: AsyncClient,
    headers: dict[str, str],
    runtime: Runtime,
    file_id: str,
    member: str,
    recipients: list[uuid.UUID],
    categories: list[str],
) -> dict[str, Any]:
    """A consent of ``member`` about themselves naming ``recipients`` (the recording worker's
    organisation among them), recorded with a scan of the signed form by the worker of
    ``headers``."""
    body = consent(member, [member], recipients, runtime.clock(), categories=categories)
    body = (await with_scans(client, headers, [body]))[0]
    recorded = await client.post(f"/api/v1/files/{file_id}/consents", json=body, headers=headers)
    assert recorded.status_code == 201, recorded.text
    result: dict[str, Any] = recorded.json()
    return result


async def contact_details(runtime: Runtime, account_id: uuid.UUID, name: str, phone: str) -> None:
    """Store a worker's name and work phone, as their organisation's administrator would."""
    async with runtime.unit_of_work() as uow:
        await set_staff_contact(uow, account_id, name=name, work_phone=phone)
