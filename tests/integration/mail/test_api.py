"""The administrator sees how delivery went, never to whom or what: API and Dutch page."""

from __future__ import annotations

from httpx import AsyncClient
from sqlalchemy import select

from tests.factories import auth_headers, create_account, web_session
from zorgafstemming.audit.models import AuditEvent
from zorgafstemming.identity import sessions
from zorgafstemming.identity.principal import Role
from zorgafstemming.mail import outbox
from zorgafstemming.mail.rules import Failure
from zorgafstemming.mail.sender import claim_next, record
from zorgafstemming.runtime import Runtime

RECIPIENT = "canary-voogd-6190@example.be"
SUBJECT = "Kanarie-onderwerp-2f7a"
BODY = "Kanarie-tekst-8d41 https://zorg.example.be/activeren?code=Kanarie-code"


async def _refused_mail(runtime: Runtime) -> None:
    """One mail in the outbox that the server refused for good."""
    async with runtime.unit_of_work() as uow:
        await outbox.enqueue(
            uow, kind="activation", message=outbox.Message(RECIPIENT, SUBJECT, BODY)
        )
    claimed = await claim_next(runtime)
    assert claimed is not None
    await record(runtime, claimed, Failure("smtp-5xx", transient=False))


async def _reads(runtime: Runtime) -> list[str | None]:
    async with runtime.sessions() as session:
        events = await session.scalars(
            select(AuditEvent).where(AuditEvent.action == "mail:outbox:list")
        )
        return [event.outcome for event in events]


def _assert_no_content(text: str) -> None:
    for secret in (RECIPIENT, SUBJECT, BODY, "Kanarie"):
        assert secret not in text


async def test_admin_sees_the_delivery_state_and_no_content(
    client: AsyncClient, runtime: Runtime
) -> None:
    await _refused_mail(runtime)
    admin = await create_account(runtime, Role.ADMIN)
    response = await client.get("/api/v1/mail", headers=await auth_headers(runtime, admin))
    assert response.status_code == 200
    _assert_no_content(response.text)
    body = response.json()
    assert body["next"] is None
    [item] = body["items"]
    assert set(item) == {
        "id",
        "kind",
        "status",
        "attempts",
        "created_at",
        "sent_at",
        "last_error",
    }
    assert (item["kind"], item["status"], item["attempts"], item["last_error"]) == (
        "activation",
        "failed",
        1,
        "smtp-5xx",
    )
    assert await _reads(runtime) == ["allowed"]


async def test_only_the_administrator_sees_the_outbox(
    client: AsyncClient, runtime: Runtime
) -> None:
    await _refused_mail(runtime)
    for role in (Role.SOCIAL_WORKER, Role.FAMILY, Role.DPO):
        account = await create_account(runtime, role)
        response = await client.get("/api/v1/mail", headers=await auth_headers(runtime, account))
        assert response.status_code == 403
        _assert_no_content(response.text)
    assert await _reads(runtime) == ["denied", "denied", "denied"]


async def test_the_admin_page_lists_mails_in_dutch_without_content(
    client: AsyncClient, runtime: Runtime
) -> None:
    await _refused_mail(runtime)
    admin = await create_account(runtime, Role.ADMIN)
    cookie = {
        "cookie": f"{sessions.SESSION_COOKIE}={await web_session(runtime, admin.principal())}"
    }
    response = await client.get("/beheer/mail", headers=cookie)
    assert response.status_code == 200
    page = response.text
    assert "Verzonden e-mails" in page
    assert 'href="/beheer/mail" aria-current="page"' in page  # in the administrator's menu
    assert (
        "Activeringslink" in page and "Mislukt" in page and "Geweigerd door de mailserver" in page
    )
    _assert_no_content(page)
    assert await _reads(runtime) == ["allowed"]
