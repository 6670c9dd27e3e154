"""Sealer leadership, the app's background sealer, and the family's access log."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from zorgafstemming.audit.models import AuditCheckpoint, AuditEvent
from zorgafstemming.audit.sealer import (
    LEASE_TTL,
    BackgroundSealer,
    SealerBusy,
    lease_holder,
    new_holder_id,
    release_lease,
    seal_pending,
)
from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.config import Settings
from zorgafstemming.coordination.service.access_log import access_log_for
from zorgafstemming.runtime import Runtime


async def _append(runtime: Runtime, count: int = 3, **kwargs: Any) -> None:
    async with runtime.unit_of_work() as uow:
        for _ in range(count):
            category = kwargs.get("data_category")
            await record(
                uow,
                kwargs.pop("ctx", AuditContext(actor_id=uuid.uuid4(), actor_role="social_worker")),
                Action(kwargs.get("action", "coordination:file:read")),
                "allowed",
                file_id=kwargs.get("file_id"),
                categories=[category] if category else (),
            )


async def _sealed(runtime: Runtime) -> int:
    async with runtime.sessions() as session:
        count = await session.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.seq.is_not(None))
        )
    return int(count or 0)


async def test_a_second_sealer_is_refused_until_the_lease_is_released_or_expires(
    runtime: Runtime,
) -> None:
    leader, other = new_holder_id("app"), new_holder_id("cli")
    await _append(runtime)
    result = await seal_pending(runtime, leader)
    assert (result.sealed, result.tree_size) == (3, 3)
    await _append(runtime)
    with pytest.raises(SealerBusy, match="another sealer \\(app\\)"):
        await seal_pending(runtime, other)
    assert await _sealed(runtime) == 3

    # Once the lease has expired, another process may take over ...
    start = runtime.clock()
    runtime.clock = lambda: start + LEASE_TTL + timedelta(seconds=1)
    assert (await seal_pending(runtime, other)).tree_size == 6
    async with runtime.sessions() as session:
        holder, _ = await lease_holder(session)
    assert holder == other
    # ... and after a release, the first one may lead again.
    await release_lease(runtime, other)
    await _append(runtime)
    assert (await seal_pending(runtime, leader)).tree_size == 9


async def test_cli_seal_reports_a_busy_lease_in_one_line(
    app_settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from zorgafstemming.cli import main

    runtime = Runtime.build(app_settings)
    try:
        await _append(runtime)
        await seal_pending(runtime, new_holder_id("app"))
    finally:
        await runtime.close()
    monkeypatch.setenv("ZORG_DATABASE_URL", app_settings.effective_database_url)
    monkeypatch.setenv("ZORG_KEY_DIR", str(app_settings.keys_path))
    monkeypatch.setenv("ZORG_DATA_DIR", str(app_settings.data_dir))
    code = await asyncio.to_thread(main, ["audit", "seal"])
    err = capsys.readouterr().err
    assert code == 3
    assert err.startswith("zorgafstemming: error: not sealing: another sealer (app)")
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


async def test_background_sealer_seals_and_gives_the_lease_back(runtime: Runtime) -> None:
    sealer = BackgroundSealer(runtime, interval=0.01)
    await _append(runtime, 5)
    sealer.start()
    for _ in range(500):
        if await _sealed(runtime) == 5:
            break
        await asyncio.sleep(0.01)
    await sealer.stop()
    assert await _sealed(runtime) == 5
    async with runtime.sessions() as session:
        holder, _ = await lease_holder(session)
        checkpoints = await session.scalar(select(func.count()).select_from(AuditCheckpoint))
    assert holder is None and checkpoints == 1


async def test_app_runs_the_sealer_only_when_the_scheduler_is_on(runtime: Runtime) -> None:
    from dataclasses import replace

    from zorgafstemming.app import create_app

    for enabled in (False, True):
        runtime.settings = replace(runtime.settings, scheduler_enabled=enabled)
        app = create_app(runtime.settings, runtime=runtime)
        # Every hook of this app takes the app (Litestar also allows hooks without arguments).
        startup: Sequence[Callable[..., Awaitable[object]]] = app.on_startup
        for hook in startup:
            await hook(app)
        assert (getattr(app.state, "audit_sealer", None) is not None) is enabled
        shutdown: Sequence[Callable[..., Awaitable[object]]] = app.on_shutdown
        for hook in shutdown:
            await hook(app)
        assert getattr(app.state, "audit_sealer", None) is None


async def test_access_log_names_organisations_roles_parts_and_times(runtime: Runtime) -> None:
    file_id, org_a, org_b = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    await _append(
        runtime,
        1,
        ctx=AuditContext(actor_id=uuid.uuid4(), actor_org_id=org_a, actor_role="social_worker"),
        action="coordination:entry:list",
        file_id=file_id,
        data_category="health",
    )
    await _append(
        runtime,
        1,
        ctx=AuditContext(actor_id=uuid.uuid4(), actor_org_id=org_b, actor_role="social_worker"),
        action="coordination:entry:create",
        file_id=file_id,
        data_category="school",
    )
    await _append(
        runtime,
        1,
        ctx=AuditContext(actor_id=uuid.uuid4(), actor_role="family"),
        action="family:file:read",
        file_id=file_id,
    )
    await _append(runtime, 2, file_id=uuid.uuid4())  # another family's file
    async with runtime.sessions() as session:
        rows = await access_log_for(
            session, runtime.secrets.audit_key, file_id, organisation_ids=[org_a]
        )
    assert [(r.organisation_id, r.role, r.verb, r.part) for r in rows] == [
        (None, "social_worker", "changed", "school"),
        (org_a, "social_worker", "viewed", "health"),
    ]
