"""A family member activates with the letter's in-person code plus a code mailed to their own
address, which becomes their sign-in address; without the mailed code nothing happens."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

import pytest
from httpx import AsyncClient
from sqlalchemy import text

from tests.factories import TestAccount, email_code_from_mail, login
from tests.factories.coordination import file_body, make_network, member_id, open_file
from tests.factories.mail import queued_mails
from zorgafstemming.identity import security_log, totp
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime

PASSWORD = "groene-vlinder-takken-88"
ADDRESS = "els.peeters@thuis.example"


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """Each test is one conversation with the API, in one transaction rolled back."""
    return rolled_back


@dataclass(frozen=True)
class Letter:
    """What the worker's invitation returned: the account and the letter's code."""

    account_id: str
    code: str
    worker_response: str


async def _letter(client: AsyncClient, runtime: Runtime) -> Letter:
    net = await make_network(runtime, size=1)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    response = await client.post(
        f"/api/v1/files/{view['id']}/members/{member_id(view, 'parent')}/invitation",
        headers=net.headers[0],
    )
    assert response.status_code == 201, response.text
    body = response.json()
    return Letter(body["account_id"], body["in_person_code"], response.text)


async def _activate(client: AsyncClient, body: dict[str, str]) -> int:
    return (await client.post("/api/v1/auth/activate", json=body)).status_code


async def test_both_codes_activate_and_the_address_signs_in(
    client: AsyncClient, runtime: Runtime
) -> None:
    letter = await _letter(client, runtime)
    account_id = uuid.UUID(letter.account_id)
    # Typed as people type: lower case, a space instead of the hyphen.
    typed = letter.code.lower().replace("-", " ")
    sent = await client.post("/api/v1/auth/activate", json={"code": typed, "email": ADDRESS})
    assert sent.status_code == 202
    assert sent.json() == {"status": "verification-sent", "expires_in": 1800}
    to, mailed = await email_code_from_mail(runtime, account_id)
    assert to == ADDRESS
    # The worker never saw the mailed code: it was made after their response.
    assert mailed not in letter.worker_response
    enrolment = await client.post(
        "/api/v1/auth/activate",
        json={"code": letter.code, "email_code": mailed, "password": PASSWORD},
    )
    assert enrolment.status_code == 200, enrolment.text
    secret = enrolment.json()["secret"]
    confirm = await client.post(
        "/api/v1/auth/activate/confirm",
        json={"code": letter.code, "otp": totp.code_at(secret, runtime.clock())},
    )
    assert confirm.status_code == 204
    member = TestAccount(
        id=account_id,
        role=Role.FAMILY,
        organisation_id=None,
        email=ADDRESS.upper(),  # the sign-in address is matched however it is typed
        password=PASSWORD,
        totp_secret=secret,
    )
    token = await login(client, runtime, member, steps_ahead=1)
    files = await client.get("/api/v1/me/files", headers={"Authorization": f"Bearer {token}"})
    assert files.status_code == 200 and len(files.json()["items"]) == 1
    # Everything is spent: the letter's code works no more.
    assert await _activate(client, {"code": letter.code, "email": "ander@example.org"}) == 401
    async with runtime.unit_of_work() as uow:
        assert "activation" in {e.kind for e in await security_log.recent(uow, account_id)}


async def test_without_the_mailed_code_nothing_is_set(
    client: AsyncClient, runtime: Runtime
) -> None:
    letter = await _letter(client, runtime)
    assert await _activate(client, {"code": letter.code, "password": PASSWORD}) == 422
    assert await _activate(client, {"token": letter.code, "password": PASSWORD}) == 401
    no_mail_yet = {"code": letter.code, "email_code": "12345678", "password": PASSWORD}
    assert await _activate(client, no_mail_yet) == 401
    assert await _activate(client, {"code": letter.code, "email": ADDRESS}) == 202
    _, mailed = await email_code_from_mail(runtime, uuid.UUID(letter.account_id))
    wrong = "00000000" if mailed != "00000000" else "11111111"
    attempt = {"code": letter.code, "email_code": wrong, "password": PASSWORD}
    for _ in range(5):
        assert await _activate(client, attempt) == 401
    # Five wrong tries spend the mailed code: even the right one is refused now.
    assert await _activate(client, {**attempt, "email_code": mailed}) == 401
    # Asking again mails a fresh code, which works.
    assert await _activate(client, {"code": letter.code, "email": ADDRESS}) == 202
    _, fresh = await email_code_from_mail(runtime, uuid.UUID(letter.account_id))
    assert await _activate(client, {**attempt, "email_code": fresh}) == 200


async def test_codes_expire(client: AsyncClient, runtime: Runtime) -> None:
    letter = await _letter(client, runtime)
    start = runtime.clock()
    assert await _activate(client, {"code": letter.code, "email": ADDRESS}) == 202
    _, mailed = await email_code_from_mail(runtime, uuid.UUID(letter.account_id))
    runtime.clock = lambda: start + timedelta(minutes=31)
    late = {"code": letter.code, "email_code": mailed, "password": PASSWORD}
    assert await _activate(client, late) == 401
    runtime.clock = lambda: start + timedelta(days=14, minutes=1)
    assert await _activate(client, {"code": letter.code, "email": ADDRESS}) == 401


async def test_the_address_being_verified_is_stored_encrypted(
    client: AsyncClient, runtime: Runtime
) -> None:
    letter = await _letter(client, runtime)
    canary = "canary-adres-5521@thuis.example"
    assert await _activate(client, {"code": letter.code, "email": canary}) == 202
    async with runtime.unit_of_work() as uow:
        rows = (await uow.session.execute(text("SELECT * FROM family_activations"))).all()
        tokens = (await uow.session.execute(text("SELECT * FROM activation_tokens"))).all()
    dump = repr(rows) + repr(tokens)
    assert rows and "canary-adres" not in dump
    assert letter.code.replace("-", "") not in dump
    assert len(await queued_mails(runtime, kind="email-verification")) == 1


async def test_a_lost_letter_is_replaced_until_the_account_is_activated(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime, size=1)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    path = f"/api/v1/files/{view['id']}/members/{member_id(view, 'parent')}/invitation"
    first = (await client.post(path, headers=net.headers[0])).json()
    again = await client.post(path, headers=net.headers[0])
    assert again.status_code == 201, again.text
    second = again.json()
    assert second["account_id"] == first["account_id"]
    assert second["in_person_code"] != first["in_person_code"]
    # The lost letter's code is spent; the new one starts the activation.
    assert await _activate(client, {"code": first["in_person_code"], "email": ADDRESS}) == 401
    code = second["in_person_code"]
    assert await _activate(client, {"code": code, "email": ADDRESS}) == 202
    _, mailed = await email_code_from_mail(runtime, uuid.UUID(second["account_id"]))
    body = {"code": code, "email_code": mailed, "password": PASSWORD}
    assert await _activate(client, body) == 200
    # Once the member has chosen a password, nobody gets a letter for that account any more.
    refused = await client.post(path, headers=net.headers[0])
    assert refused.status_code == 409, refused.text
    assert "in_person_code" not in refused.text
