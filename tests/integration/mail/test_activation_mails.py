"""Activation mails go out over SMTP to the person's own address and work from there: a staff
member activates with the link, a family member with the letter's code plus the code mailed to
them — both read from what the in-process SMTP server received, as the person would."""

from __future__ import annotations

import re
import uuid

from httpx import AsyncClient

from tests.factories import TestAccount, auth_headers, create_account, create_organisation, login
from tests.factories.coordination import file_body, make_network, member_id, open_file
from tests.factories.smtp import SmtpServer
from zorgafstemming.identity import totp
from zorgafstemming.identity.principal import Role
from zorgafstemming.mail.sender import deliver_due, transport_for
from zorgafstemming.runtime import Runtime

PASSWORD = "zilveren-meeuw-haven-31"
LINK = re.compile(r"/activeren\?code=([A-Za-z0-9_%-]+)")
EMAIL_CODE = re.compile(r"^\s+(\d{8})\s*$", re.MULTILINE)


async def _delivered_to(runtime: Runtime, server: SmtpServer, address: str) -> str:
    """Run the sender once and return the text of the one mail the server got for ``address``."""
    before = len(server.received)
    await deliver_due(runtime, transport_for(runtime.settings))
    mails = [r for r in server.received[before:] if r.rcpt_tos == [address]]
    assert len(mails) == 1, [r.rcpt_tos for r in server.received[before:]]
    return str(mails[0].message.get_content())


async def _enrol_and_sign_in(
    client: AsyncClient, runtime: Runtime, account: TestAccount, enrolment: dict[str, str]
) -> str:
    """Confirm the authenticator and sign in with the activated account; returns the token."""
    confirm_body: dict[str, str] = {
        **enrolment,
        "otp": totp.code_at(account.totp_secret, runtime.clock()),
    }
    confirmed = await client.post("/api/v1/auth/activate/confirm", json=confirm_body)
    assert confirmed.status_code == 204, confirmed.text
    return await login(client, runtime, account, steps_ahead=1)


async def test_a_worker_activates_from_the_mailed_link_and_signs_in(
    mail_runtime: Runtime, smtp_server: SmtpServer, client: AsyncClient
) -> None:
    runtime = mail_runtime
    admin = await create_account(runtime, Role.ADMIN)
    org = await create_organisation(runtime)
    address = f"nieuwe-collega-{uuid.uuid4().hex[:6]}@example.org"
    created = await client.post(
        "/api/v1/users",
        json={"role": "social_worker", "email": address, "organisation_id": str(org)},
        headers=await auth_headers(runtime, admin),
    )
    assert created.status_code == 201, created.text
    assert "code=" not in created.text  # the administrator never holds the link
    found = LINK.search(await _delivered_to(runtime, smtp_server, address))
    assert found is not None
    enrolment = await client.post(
        "/api/v1/auth/activate", json={"token": found.group(1), "password": PASSWORD}
    )
    assert enrolment.status_code == 200, enrolment.text
    worker = TestAccount(
        id=uuid.UUID(created.json()["account_id"]),
        role=Role.SOCIAL_WORKER,
        organisation_id=org,
        email=address,
        password=PASSWORD,
        totp_secret=enrolment.json()["secret"],
    )
    token = await _enrol_and_sign_in(client, runtime, worker, {"token": found.group(1)})
    me = await client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json()["role"] == "social_worker"


async def test_a_family_member_activates_with_the_letter_and_the_mailed_code(
    mail_runtime: Runtime, smtp_server: SmtpServer, client: AsyncClient
) -> None:
    runtime = mail_runtime
    net = await make_network(runtime, size=1)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    invited = await client.post(
        f"/api/v1/files/{view['id']}/members/{member_id(view, 'parent')}/invitation",
        headers=net.headers[0],
    )
    assert invited.status_code == 201, invited.text
    letter = invited.json()["in_person_code"]
    address = f"ouder-{uuid.uuid4().hex[:6]}@thuis.example"
    asked = await client.post("/api/v1/auth/activate", json={"code": letter, "email": address})
    assert asked.status_code == 202, asked.text
    # The letter alone sets nothing: a made-up mailed code is refused.
    guess = {"code": letter, "email_code": "00000000", "password": PASSWORD}
    assert (await client.post("/api/v1/auth/activate", json=guess)).status_code == 401
    found = EMAIL_CODE.search(await _delivered_to(runtime, smtp_server, address))
    assert found is not None
    enrolment = await client.post(
        "/api/v1/auth/activate",
        json={"code": letter, "email_code": found.group(1), "password": PASSWORD},
    )
    assert enrolment.status_code == 200, enrolment.text
    parent = TestAccount(
        id=uuid.UUID(invited.json()["account_id"]),
        role=Role.FAMILY,
        organisation_id=None,
        email=address,
        password=PASSWORD,
        totp_secret=enrolment.json()["secret"],
    )
    token = await _enrol_and_sign_in(client, runtime, parent, {"code": letter})
    files = await client.get("/api/v1/me/files", headers={"Authorization": f"Bearer {token}"})
    assert [f["id"] for f in files.json()["items"]] == [view["id"]]
