"""Withdrawal takes effect at commit: concurrent readers on PostgreSQL never get data from a read
that started after the withdrawal returned — and the test checks the readers really overlapped
the withdrawal, or it would prove nothing. The same holds when the family contests the consent
in the portal instead, and for a partner's read of a thread's messages."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest

from tests.factories import create_account, create_organisation
from tests.factories.coordination import in_unit_of_work
from tests.factories.evidence import staged_scan
from tests.factories.family_consents import PNG_SCAN, link_account, staff_consent, withdraw_all
from zorgafstemming.audit.service import AuditContext
from zorgafstemming.coordination.message_schemas import ThreadIn
from zorgafstemming.coordination.rules import MemberRole
from zorgafstemming.coordination.schemas import FileConsentIn, FileCreate, MemberIn
from zorgafstemming.coordination.service import (
    consents,
    family_consents,
    file_opening,
    files,
    messages,
)
from zorgafstemming.identity.principal import Role
from zorgafstemming.problems import NotFoundError

READERS = 8
# Enough rounds that most of them overlap the ending (asserted below) many times over.
ITERATIONS = 80


@dataclass
class Read:
    started_after_commit: bool
    start: int
    end: int
    ok: bool


def _file(now: datetime, org: uuid.UUID, scan: uuid.UUID) -> FileCreate:
    return FileCreate(
        members=[
            MemberIn(
                ref="p",
                role=MemberRole.PARENT,
                given_name="Jan",
                family_name="Race",
                birth_date=(now - timedelta(days=365 * 40)).date(),
            )
        ],
        consents=[
            FileConsentIn(
                given_by="p",
                members=["p"],
                recipients=[org],
                purposes=["care_coordination"],
                categories=["identity"],
                notice_version="1",
                valid_until=now + timedelta(days=30),
                evidence_id=scan,
            )
        ],
    )


class Clock:
    """A logical clock: the event loop runs one task at a time, so ticks order events."""

    def __init__(self) -> None:
        self.now = 0

    def tick(self) -> int:
        self.now += 1
        return self.now


# Given the opened file, prepare it and return the step that ends the readers' access.
Ending = Callable[[Any], Awaitable[Callable[[], Awaitable[Any]]]]
# Given the worker, their audit context and the opened file, prepare it and return the read
# the readers repeat (the file itself when none is given).
Reading = Callable[[Any, AuditContext, Any], Awaitable[Callable[[], Awaitable[Any]]]]


async def _round(
    runtime: Any,
    worker: Any,
    ctx: AuditContext,
    org: Any,
    clock: Clock,
    ending: Ending | None = None,
    reading: Reading | None = None,
) -> Any:
    """One file, READERS readers reading it (or what ``reading`` reads of it) while its only
    consent is withdrawn (or ended by ``ending``)."""
    scan = await staged_scan(runtime, worker)
    body = _file(runtime.clock(), org, scan)
    view = await in_unit_of_work(runtime, file_opening.open_file, worker, ctx, body)
    end: Callable[[], Awaitable[Any]]
    if ending is None:
        consent_id = view.consents[0].id

        async def withdraw_it() -> Any:
            return await in_unit_of_work(
                runtime, consents.withdraw_consent, worker, ctx, view.id, consent_id
            )

        end = withdraw_it
    else:
        end = await ending(view)
    read: Callable[[], Awaitable[Any]]
    if reading is None:

        async def read_file() -> Any:
            return await in_unit_of_work(runtime, files.read_file, worker, ctx, view.id)

        read = read_file
    else:
        read = await reading(worker, ctx, view)
    committed = asyncio.Event()
    reads: list[Read] = []
    window: dict[str, int] = {}

    async def reader() -> None:
        while True:
            after = committed.is_set()
            start = clock.tick()
            try:
                await read()
                ok = True
            except NotFoundError:
                ok = False
            reads.append(Read(after, start, clock.tick(), ok))
            if after:  # one read that started after the commit returned is enough
                return

    async def withdraw() -> None:
        await asyncio.sleep(0)  # let the readers start first
        window["start"] = clock.tick()
        await end()
        window["end"] = clock.tick()
        committed.set()

    await asyncio.gather(*(reader() for _ in range(READERS)), withdraw())
    return reads, window


async def _race(
    runtime: Any,
    backend: str,
    ending: Callable[..., Awaitable[Ending]] | None = None,
    reading: Callable[[Any], Reading] | None = None,
) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite runs one writer at a time: nothing races it; PostgreSQL runs this")
    org = await create_organisation(runtime)
    worker = (await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=org)).principal()
    ctx = AuditContext(actor_id=worker.account_id, actor_org_id=org, actor_role="social_worker")
    clock = Clock()
    how = await ending(runtime, org) if ending is not None else None
    what = reading(runtime) if reading is not None else None
    late_successes = overlapping_iterations = reads_after = 0
    for _ in range(ITERATIONS):
        reads, window = await _round(runtime, worker, ctx, org, clock, how, what)
        late_successes += sum(1 for r in reads if r.started_after_commit and r.ok)
        reads_after += sum(1 for r in reads if r.started_after_commit)
        overlapping = [r for r in reads if r.start < window["end"] and r.end > window["start"]]
        overlapping_iterations += int(bool(overlapping))
    assert reads_after >= ITERATIONS * READERS
    assert late_successes == 0
    # The readers really raced the ending: in most iterations some read was in flight
    # while it ran.
    assert overlapping_iterations >= ITERATIONS // 2, overlapping_iterations


@pytest.mark.slow
async def test_no_read_started_after_the_withdrawal_returned_sees_data(
    runtime: Any, backend: str
) -> None:
    await _race(runtime, backend)


async def _contested(runtime: Any, org: Any) -> Ending:
    """Per file: the parent's only consent in force is one the organisation recorded with the
    signed form, and the parent, with a family account, contests it."""
    parent = (await create_account(runtime, Role.FAMILY, with_email=False)).principal()
    family_ctx = AuditContext(actor_id=parent.account_id, actor_role="family")

    async def prepare(view: Any) -> Callable[[], Awaitable[Any]]:
        member = view.members[0].id
        recorded = await staff_consent(
            runtime,
            view.id,
            organisation_id=org,
            given_by=member,
            members=[member],
            scan=PNG_SCAN,
            categories=["identity"],
        )
        await withdraw_all(runtime, view.consents[0].id)
        await link_account(runtime, member, parent.account_id)

        async def contest() -> Any:
            return await in_unit_of_work(
                runtime, family_consents.family_contest_consent, parent, family_ctx, recorded
            )

        return contest

    return prepare


@pytest.mark.slow
async def test_no_read_started_after_the_family_contested_sees_data(
    runtime: Any, backend: str
) -> None:
    await _race(runtime, backend, _contested)


def _thread_messages(runtime: Any) -> Reading:
    """Per file: a thread between the partners about the parent; the readers read its
    messages."""

    async def prepare(worker: Any, ctx: AuditContext, view: Any) -> Callable[[], Awaitable[Any]]:
        thread = await in_unit_of_work(
            runtime,
            messages.create_thread,
            worker,
            ctx,
            view.id,
            ThreadIn(
                audience="partners",
                category="identity",
                about=[view.members[0].id],
                subject="Afspraak",
                body="Bericht.",
            ),
        )

        async def read_messages() -> Any:
            return await in_unit_of_work(
                runtime,
                messages.list_messages,
                worker,
                ctx,
                view.id,
                thread.id,
                after=None,
                limit=10,
            )

        return read_messages

    return prepare


@pytest.mark.slow
async def test_no_thread_read_started_after_the_withdrawal_returned_sees_messages(
    runtime: Any, backend: str
) -> None:
    await _race(runtime, backend, reading=_thread_messages)
