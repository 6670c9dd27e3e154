"""Leaving takes effect at commit: on PostgreSQL, a partner's reads racing its organisation
leaving the file either happen before (and are audited as reads) or answer 404 — no read that
started after the leave returned sees data. The test checks the readers really overlapped the
leave, or it would prove nothing."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest

from tests.factories import create_account, create_organisation
from tests.factories.assignments import assign
from tests.factories.coordination import audit_events, in_unit_of_work
from tests.factories.evidence import staged_scan
from zorgafstemming.audit.service import AuditContext, audit_ref
from zorgafstemming.coordination.rules import MemberRole
from zorgafstemming.coordination.schemas import FileConsentIn, FileCreate, MemberIn
from zorgafstemming.coordination.service import file_opening, files, leaving, participants
from zorgafstemming.identity.principal import Role
from zorgafstemming.problems import NotFoundError

READERS = 8
ITERATIONS = 40


def _file(now: datetime, orgs: list[uuid.UUID], scan: uuid.UUID) -> FileCreate:
    return FileCreate(
        members=[
            MemberIn(
                ref="p",
                role=MemberRole.PARENT,
                given_name="Jan",
                family_name="Vertrek",
                birth_date=(now - timedelta(days=365 * 40)).date(),
            )
        ],
        consents=[
            FileConsentIn(
                given_by="p",
                members=["p"],
                recipients=orgs,
                purposes=["care_coordination"],
                categories=["identity"],
                notice_version="1",
                valid_until=now + timedelta(days=30),
                evidence_id=scan,
            )
        ],
    )


Read = tuple[bool, int, int, bool]  # started after the commit, start tick, end tick, got data


async def _round(
    runtime: Any, partner: Any, ctx: AuditContext, file_id: uuid.UUID, tick: Iterator[int]
) -> tuple[list[Read], dict[str, int]]:
    """READERS reads of the partner racing its organisation leaving the file."""
    committed = asyncio.Event()
    reads: list[Read] = []
    window: dict[str, int] = {}

    async def reader() -> None:
        while True:
            after = committed.is_set()
            start = next(tick)
            try:
                await in_unit_of_work(runtime, files.read_file, partner, ctx, file_id)
                ok = True
            except NotFoundError:
                ok = False
            reads.append((after, start, next(tick), ok))
            if after:  # one read that started after the commit returned is enough
                return

    async def leave() -> None:
        await asyncio.sleep(0)  # let the readers start first
        window["start"] = next(tick)
        await in_unit_of_work(runtime, leaving.leave_file, partner, ctx, file_id)
        window["end"] = next(tick)
        committed.set()

    await asyncio.gather(*(reader() for _ in range(READERS)), leave())
    return reads, window


@pytest.mark.slow
async def test_no_read_started_after_the_partner_left_sees_data(runtime: Any, backend: str) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite runs one writer at a time: nothing races it; PostgreSQL runs this")
    lead_org, partner_org = await create_organisation(runtime), await create_organisation(runtime)
    lead_account = await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=lead_org)
    partner_account = await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=partner_org)
    lead, partner = lead_account.principal(), partner_account.principal()
    lead_ctx = AuditContext(
        actor_id=lead.account_id, actor_org_id=lead_org, actor_role="social_worker"
    )
    ctx = AuditContext(
        actor_id=partner.account_id, actor_org_id=partner_org, actor_role="social_worker"
    )
    tick = iter(range(1, 10**9))
    late_successes = overlapping_rounds = reads_after = 0
    expected: dict[str, tuple[int, int]] = {}
    for _ in range(ITERATIONS):
        scan = await staged_scan(runtime, lead)
        body = _file(runtime.clock(), [lead_org, partner_org], scan)
        view = await in_unit_of_work(runtime, file_opening.open_file, lead, lead_ctx, body)
        await in_unit_of_work(
            runtime, participants.add_participant, lead, lead_ctx, view.id, partner_org
        )
        await assign(runtime, view.id, partner_account)
        reads, window = await _round(runtime, partner, ctx, view.id, tick)
        late_successes += sum(1 for r in reads if r[0] and r[3])
        reads_after += sum(1 for r in reads if r[0])
        overlapping_rounds += int(
            any(r[1] < window["end"] and r[2] > window["start"] for r in reads)
        )
        ref = audit_ref(runtime.secrets.audit_key, "file", view.id)
        expected[ref] = (sum(1 for r in reads if r[3]), sum(1 for r in reads if not r[3]))
    assert reads_after >= ITERATIONS * READERS
    assert late_successes == 0
    assert overlapping_rounds >= ITERATIONS // 2, overlapping_rounds
    # Every read that returned data left an allowed read event; every refusal a denied one.
    events = [e for e in await audit_events(runtime) if e["action"] == "coordination:file:read"]
    for ref, (ok, refused) in expected.items():
        mine = [e for e in events if e["file_ref"] == ref]
        assert sum(e["outcome"] == "allowed" for e in mine) == ok
        assert sum(e["outcome"] == "denied" for e in mine) == refused
