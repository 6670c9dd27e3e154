"""The DPO hears of an emergency access at once: the alert goes out over SMTP to every active
DPO, with a link to the queue and the review day — and nothing about the family or the case."""

from __future__ import annotations

from httpx import AsyncClient

from tests.factories import create_account
from tests.factories.coordination import file_body, make_network, open_file
from tests.factories.emergency import ask, reference
from tests.factories.smtp import SmtpServer
from zorgafstemming.identity.principal import Role
from zorgafstemming.mail.sender import deliver_due, transport_for
from zorgafstemming.runtime import Runtime


async def test_every_dpo_gets_the_alert_without_case_content(
    mail_runtime: Runtime, smtp_server: SmtpServer, client: AsyncClient
) -> None:
    runtime = mail_runtime
    dpos = [await create_account(runtime, Role.DPO) for _ in range(2)]
    net = await make_network(runtime, size=2)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    before = len(smtp_server.received)
    granted = await ask(
        client, runtime, net.headers[1], view["id"], ground="other", explanation="Bevel politie."
    )
    assert granted.status_code == 201, granted.text

    await deliver_due(runtime, transport_for(runtime.settings))
    received = smtp_server.received[before:]
    assert sorted(r.rcpt_tos[0] for r in received) == sorted(str(d.email) for d in dpos)
    for mail in received:
        assert mail.message["Subject"] == "Noodtoegang tot een dossier: beoordeel ze"
        text = str(mail.message.get_content())
        assert f"{runtime.settings.public_base_url}/fg/noodtoegang" in text
        assert "24 uur" in text
        for secret in ("Bevel", "Els", "Mila", "Peeters", reference(runtime, view["id"])):
            assert secret not in text
