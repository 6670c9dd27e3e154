"""Builders for the coordination tests: a small network, a family, file bodies, row counts."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Concatenate, ParamSpec, TypeVar

from httpx import AsyncClient
from sqlalchemy import func, select, text

from tests.factories.accounts import TestAccount, auth_headers, create_account, create_organisation
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime, UnitOfWork

COORDINATION_TABLES = (
    "coordination_files",
    "members",
    "participants",
    "consent_records",
    "consent_members",
    "consent_recipients",
    "consent_events",
    "consent_evidence",
    "family_notices",
    "entries",
    "entry_members",
    "notifications",
    "blind_indexes",
)

ALL_CATEGORIES = ["identity", "contact", "care_plan", "case_notes", "health", "education"]
VALID_INSZ = "85073003328"

P = ParamSpec("P")
T = TypeVar("T")


async def in_unit_of_work(
    runtime: Runtime,
    use_case: Callable[Concatenate[UnitOfWork, P], Awaitable[T]],
    *args: P.args,
    **kwargs: P.kwargs,
) -> T:
    """Run one coordination use case in a unit of work of its own, as a request would."""
    async with runtime.unit_of_work() as uow:
        return await use_case(uow, *args, **kwargs)


@dataclass
class Network:
    """Three partner organisations, a social worker in each and their auth headers."""

    orgs: list[uuid.UUID]
    workers: list[TestAccount]
    headers: list[dict[str, str]] = field(default_factory=list)


async def make_network(runtime: Runtime, size: int = 3) -> Network:
    orgs = [await create_organisation(runtime) for _ in range(size)]
    workers = [
        await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=org) for org in orgs
    ]
    headers = [await auth_headers(runtime, w) for w in workers]
    return Network(orgs, workers, headers)


async def travel(runtime: Runtime, net: Network, to: datetime) -> None:
    """Move the runtime's clock; tokens idle out across the jump, so new ones are issued."""
    runtime.clock = lambda: to
    net.headers = [await auth_headers(runtime, w) for w in net.workers]


def years_ago(now: datetime, years: int, days: int = 0) -> str:
    """An ISO birth date ``years`` (and ``days``) before ``now`` (Brussels calendar)."""
    today = now.date()
    try:
        born = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        born = date(today.year - years, 3, 1)
    return (born - timedelta(days=days)).isoformat()


def family(now: datetime) -> list[dict[str, Any]]:
    """A parent, a child of 8 and a youth of 13, with canary-free fictitious data."""
    return [
        {
            "ref": "parent",
            "role": "parent",
            "given_name": "Els",
            "family_name": "Peeters",
            "birth_date": years_ago(now, 40),
            "insz": VALID_INSZ,
            "address": "Kerkstraat 1, 2980 Zoersel",
            "phone": "+32 3 123 45 67",
            "email": "els@example.org",
        },
        {
            "ref": "child",
            "role": "child",
            "given_name": "Mila",
            "family_name": "Peeters",
            "birth_date": years_ago(now, 8),
        },
        {
            "ref": "youth",
            "role": "youth",
            "given_name": "Noah",
            "family_name": "Peeters",
            "birth_date": years_ago(now, 13),
        },
    ]


def consent(
    given_by: str | uuid.UUID,
    members: Sequence[str | uuid.UUID],
    recipients: list[uuid.UUID],
    now: datetime,
    *,
    categories: list[str] | None = None,
    purposes: list[str] | None = None,
    days: int = 365,
    start_days: int = 0,
) -> dict[str, Any]:
    """A consent body (members by ref on file creation, by id later); it starts when it is
    recorded unless ``start_days`` puts its start later. How it was collected is the server's
    to say: a scan (``evidence_id``) is added by :func:`open_file` or
    :func:`tests.factories.evidence.with_scans`."""
    start = now + timedelta(days=start_days)
    body = {
        "given_by": str(given_by),
        "members": [str(m) for m in members],
        "recipients": [str(r) for r in recipients],
        "purposes": purposes or ["care_coordination", "case_meeting"],
        "categories": categories or ALL_CATEGORIES,
        "legal_basis": "consent",
        "notice_version": "2026-01",
        "valid_until": (start + timedelta(days=days)).isoformat(),
    }
    if start_days:
        body["valid_from"] = start.isoformat()
    return body


def file_body(now: datetime, recipients: list[uuid.UUID], **kwargs: Any) -> dict[str, Any]:
    """A new file: the family, the parent's consent for self and child, the youth's own."""
    return {
        "members": family(now),
        "consents": [
            consent("parent", ["parent", "child"], recipients, now, **kwargs),
            consent("youth", ["youth"], recipients, now, **kwargs),
        ],
    }


async def open_file(
    client: AsyncClient, headers: dict[str, str], body: dict[str, Any]
) -> dict[str, Any]:
    """Open a file as a worker does: each consent's scan uploaded first, then the file."""
    from tests.factories.evidence import with_scans

    body = {**body, "consents": await with_scans(client, headers, body["consents"])}
    response = await client.post("/api/v1/files", json=body, headers=headers)
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def add_partner(
    client: AsyncClient, lead_headers: dict[str, str], file_id: str, organisation: uuid.UUID
) -> None:
    """The lead adds ``organisation`` to the file through the API (a consent must name it)."""
    added = await client.post(
        f"/api/v1/files/{file_id}/participants",
        json={"organisation_id": str(organisation)},
        headers=lead_headers,
    )
    assert added.status_code == 201, added.text


def member_id(view: dict[str, Any], role: str) -> str:
    """The id of the member with ``role`` among those the view shows (with their role)."""
    return str(next(m["id"] for m in view["members"] if m.get("role") == role))


async def stored_member_id(runtime: Runtime, file_id: str, role: str) -> str:
    """The id of the member with ``role``, as stored (for a member the caller may not see)."""
    from zorgafstemming.coordination.models import Member

    async with runtime.unit_of_work() as uow:
        found = await uow.session.scalar(
            select(Member.id).where(Member.file_id == uuid.UUID(file_id), Member.role == role)
        )
    return str(found)


def consent_of(view: dict[str, Any], given_by_role: str) -> str:
    giver = member_id(view, given_by_role)
    return str(next(c["id"] for c in view["consents"] if c["given_by"] == giver))


async def row_counts(runtime: Runtime) -> dict[str, int]:
    """Rows per coordination table (and blind indexes), to prove nothing was written."""
    async with runtime.sessions() as session:
        return {
            table: int(await session.scalar(select(func.count()).select_from(text(table))) or 0)
            for table in COORDINATION_TABLES
        }


async def audit_events(runtime: Runtime) -> list[dict[str, Any]]:
    async with runtime.sessions() as session:
        rows = await session.execute(
            text(
                "SELECT action, outcome, file_ref, policy_id, data_category, request_id "
                "FROM audit_events ORDER BY occurred_at, id"
            )
        )
        return [dict(r._mapping) for r in rows]
