"""Sign-in upgrades a password hash made with weaker parameters, and counts limits exactly."""

from __future__ import annotations

import asyncio

from argon2 import PasswordHasher, Type
from httpx import AsyncClient
from sqlalchemy import select, update

from tests.factories import create_account, login
from zorgafstemming.identity import ratelimit
from zorgafstemming.identity.models import Account, RateLimitCounter
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime


async def test_weaker_hash_is_upgraded_at_sign_in(client: AsyncClient, runtime: Runtime) -> None:
    worker = await create_account(runtime, Role.SOCIAL_WORKER)
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1, type=Type.ID)
    async with runtime.sessions() as session, session.begin():
        await session.execute(
            update(Account)
            .where(Account.id == worker.id)
            .values(password_hash=weak.hash(worker.password))
        )
    await login(client, runtime, worker)
    async with runtime.sessions() as session:
        stored = await session.scalar(select(Account.password_hash).where(Account.id == worker.id))
    assert stored is not None and stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")


async def test_concurrent_hits_are_counted_exactly(runtime: Runtime) -> None:
    limit = ratelimit.Limit("test:concurrent", 1000, 3600)

    async def one() -> int | None:
        async with runtime.unit_of_work() as uow:
            return await ratelimit.hit(uow, limit, "subject")

    await asyncio.gather(*(one() for _ in range(25)))
    async with runtime.sessions() as session:
        counts = (
            await session.scalars(
                select(RateLimitCounter.count).where(RateLimitCounter.key.like("test:concurrent:%"))
            )
        ).all()
    assert counts == [25]
