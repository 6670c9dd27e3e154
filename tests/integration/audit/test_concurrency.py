"""Eight writers on two app instances, two sealers competing: one gap-free, verifiable log."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter

import pytest
from sqlalchemy import func, select

from zorgafstemming.audit.bundle import encode_bundle, export_bundle, verify_bundle
from zorgafstemming.audit.models import AuditCheckpoint, AuditEvent
from zorgafstemming.audit.note import Signer
from zorgafstemming.audit.sealer import BackgroundSealer, new_holder_id, seal_pending
from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.config import Settings
from zorgafstemming.runtime import Runtime

WRITERS = 8
EVENTS_PER_WRITER = 1000


async def _writer(runtime: Runtime, number: int) -> None:
    ctx = AuditContext(actor_id=uuid.uuid4(), actor_role="social_worker")
    for n in range(EVENTS_PER_WRITER):
        async with runtime.unit_of_work() as uow:
            await record(
                uow,
                ctx,
                Action.COORDINATION_FILE_READ,
                "allowed",
                object_type="file",
                object_id=f"{number}-{n}",
            )


@pytest.mark.slow
async def test_eight_writers_and_two_sealers_leave_no_gaps_or_duplicates(
    app_settings: Settings,
) -> None:
    instances = [Runtime.build(app_settings), Runtime.build(app_settings)]
    sealers = [BackgroundSealer(runtime, interval=0.05) for runtime in instances]
    try:
        for sealer in sealers:
            sealer.start()
        await asyncio.gather(
            *(_writer(instances[i % 2], i) for i in range(WRITERS)),
        )
        for sealer in sealers:
            await sealer.stop()
        # Whatever arrived after the loops' last round is sealed now, by a third party.
        await seal_pending(instances[0], new_holder_id("test"))

        runtime = instances[0]
        async with runtime.sessions() as session, session.begin():
            seqs = list((await session.scalars(select(AuditEvent.seq))).all())
            checkpoints = await session.scalar(select(func.count()).select_from(AuditCheckpoint))
            bundle = await export_bundle(session, runtime.secrets.signing_seed, runtime.clock())
        total = WRITERS * EVENTS_PER_WRITER
        assert len(seqs) == total
        assert None not in seqs, "every event is sealed"
        assert sorted(s for s in seqs if s is not None) == list(range(total)), "no gaps"
        assert not [s for s, c in Counter(seqs).items() if c > 1], "no duplicates"
        assert checkpoints is not None and checkpoints > 1
        report = verify_bundle(
            encode_bundle(bundle),
            public_key=Signer(runtime.secrets.signing_seed).verifier.vkey(),
        )
        assert report.events == total and report.tree_size == total
    finally:
        for sealer in sealers:
            await sealer.stop()
        for runtime in instances:
            await runtime.close()
