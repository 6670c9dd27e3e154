"""The DPO downloads an export for an inquiry from the web pages; a bad filter is said in Dutch
on a page that passes the same checks as every other page."""

from __future__ import annotations

import json
import uuid

from playwright.sync_api import Page, expect

from tests.e2e.conftest import ConsoleLog
from tests.e2e.helpers import sign_in_by_keyboard
from tests.e2e.pagecheck import check_page
from tests.factories import TestAccount, create_account
from tests.factories.live_server import LiveServer
from zorgafstemming.audit.bundle import verify_bundle
from zorgafstemming.audit.note import Signer
from zorgafstemming.audit.references import file_reference
from zorgafstemming.audit.sealer import SealResult
from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime


def test_dpo_downloads_a_file_export_and_reads_a_refusal_in_dutch(
    page: Page, live_server: LiveServer, console: ConsoleLog
) -> None:
    from zorgafstemming.audit.sealer import new_holder_id, seal_pending

    dpo: TestAccount = live_server.run(lambda rt: create_account(rt, Role.DPO))
    file_id = uuid.uuid4()

    async def seed(runtime: Runtime) -> tuple[str, str]:
        async with runtime.unit_of_work() as uow:
            for _ in range(3):
                await record(
                    uow,
                    AuditContext(actor_id=uuid.uuid4(), actor_role="social_worker"),
                    Action.COORDINATION_FILE_READ,
                    "allowed",
                    object_type="file",
                    object_id=file_id,
                    file_id=file_id,
                )
        return (
            file_reference(runtime.secrets.audit_key, file_id),
            Signer(runtime.secrets.signing_seed).verifier.vkey(),
        )

    async def seal(runtime: Runtime) -> SealResult:
        return await seal_pending(runtime, new_holder_id("test"))

    reference, vkey = live_server.run(seed)
    live_server.run(seal)
    sign_in_by_keyboard(page, live_server, dpo, "/fg/audit")

    with page.expect_download() as download:
        page.evaluate(
            "ref => { const a = document.createElement('a');"
            " a.href = '/fg/audit/export?dossier=' + ref; document.body.append(a); a.click(); }",
            reference,
        )
    path = download.value.path()
    data = path.read_bytes()
    report = verify_bundle(data, public_key=vkey)
    assert (report.scope, report.events) == ("selection", 3)
    assert all(e["event"]["action"] == "coordination:file:read" for e in json.loads(data)["events"])

    page.goto("/fg/audit/export?dossier=niet-een-referentie&van=2026-02-30")
    expect(page.get_by_role("alert")).to_contain_text("korte referentie van het dossier")
    expect(page.get_by_role("alert")).to_contain_text("tussen 1900 en 2200")
    check_page(page, "fg-audit-export-fout")
    page.get_by_role("link", name="Terug naar het auditlog").click()
    expect(page).to_have_url(f"{live_server.url}/fg/audit")
