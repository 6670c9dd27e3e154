"""An account's security activity: noted in the change's transaction, address never in clear."""

from __future__ import annotations

from sqlalchemy import text

from tests.factories.accounts import create_account, create_organisation
from zorgafstemming.identity import security_log
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime


async def test_events_come_back_newest_first_with_the_client_decrypted(
    rolled_back: Runtime,
) -> None:
    org = await create_organisation(rolled_back)
    worker = await create_account(rolled_back, Role.SOCIAL_WORKER, organisation_id=org)
    seen_from = security_log.Client(address="203.0.113.77", device="Firefox op Linux")
    async with rolled_back.unit_of_work() as uow:
        await security_log.note(uow, worker.id, "sign-in", seen_from)
        await security_log.note(uow, worker.id, "export")
    async with rolled_back.unit_of_work() as uow:
        entries = await security_log.recent(uow, worker.id)
        raw = repr((await uow.session.execute(text("SELECT * FROM account_security_events"))).all())
    assert {e.kind for e in entries} == {"sign-in", "export"}
    assert [e.client for e in entries if e.kind == "sign-in"] == [seen_from]
    assert "203.0.113.77" not in raw and "Firefox" not in raw
