"""The mails an account holder gets about their own account, queued in the outbox.

Each goes to the account's own address (or, for the e-mail check of an activation, to the address
being verified), in short Dutch, with a link built from the public base URL and no case content.
"""

from __future__ import annotations

import uuid
from urllib.parse import quote

from zorgafstemming.identity import rules
from zorgafstemming.mail import outbox
from zorgafstemming.runtime import UnitOfWork

_SIGNATURE = "\n\nMet vriendelijke groeten,\nzorgafstemming — Huis van het Kind"
_NOT_YOU = (
    "Verwachtte u deze e-mail niet? Neem dan contact op met de functionaris voor "
    "gegevensbescherming van uw organisatie."
)


async def send_activation_link(
    uow: UnitOfWork, account_id: uuid.UUID, email: str, token: str
) -> None:
    """The one-time activation link, to the account's own address."""
    link = outbox.link(uow.runtime, f"/activeren?code={quote(token, safe='')}")
    days = rules.ACTIVATION_TTL.days
    body = (
        "Goeddag,\n\n"
        "Er staat een account voor u klaar in zorgafstemming. Open deze link om een wachtwoord "
        "te kiezen en een authenticator-app op uw telefoon te koppelen:\n\n"
        f"{link}\n\n"
        f"De link werkt één keer en blijft {days} dagen geldig. Geef hem aan niemand door. "
        f"{_NOT_YOU}{_SIGNATURE}"
    )
    await outbox.enqueue(
        uow,
        kind="activation",
        message=outbox.Message(email, "Activeer uw account voor zorgafstemming", body),
        account_id=account_id,
    )


async def send_reset_notice(uow: UnitOfWork, account_id: uuid.UUID, email: str) -> None:
    """Tell the holder that their sign-in was reset after a second person approved it."""
    body = (
        "Goeddag,\n\n"
        "Uw account in zorgafstemming is opnieuw ingesteld: een beheerder vroeg het aan en een "
        "tweede persoon keurde het goed. Uw wachtwoord en uw authenticator-app werken niet meer "
        "en al uw sessies zijn beëindigd. In een aparte e-mail krijgt u een nieuwe "
        "activeringslink.\n\n"
        "Hebt u hier niet om gevraagd? Neem dan meteen contact op met de functionaris voor "
        f"gegevensbescherming van uw organisatie.{_SIGNATURE}"
    )
    await outbox.enqueue(
        uow,
        kind="account-reset",
        message=outbox.Message(email, "Uw account is opnieuw ingesteld", body),
        account_id=account_id,
    )


async def send_change_notice(uow: UnitOfWork, account_id: uuid.UUID, email: str) -> None:
    """Tell the holder that their role or organisation changed."""
    body = (
        "Goeddag,\n\n"
        "Uw rol of uw organisatie in zorgafstemming is gewijzigd: een beheerder vroeg het aan en "
        "een tweede persoon keurde het goed. Al uw sessies zijn beëindigd; meld u opnieuw aan "
        "om verder te werken.\n\n"
        f"{_NOT_YOU}{_SIGNATURE}"
    )
    await outbox.enqueue(
        uow,
        kind="account-change",
        message=outbox.Message(email, "Uw account in zorgafstemming is gewijzigd", body),
        account_id=account_id,
    )


async def send_email_code(uow: UnitOfWork, account_id: uuid.UUID, email: str, code: str) -> None:
    """The verification code, to the address a family member typed while activating."""
    minutes = int(rules.EMAIL_CODE_TTL.total_seconds() // 60)
    body = (
        "Goeddag,\n\n"
        "U activeert uw toegang tot het gezinsportaal van zorgafstemming. Typ deze "
        "bevestigingscode op de activeringspagina:\n\n"
        f"    {code}\n\n"
        f"De code blijft {minutes} minuten geldig. Zo weten we dat dit e-mailadres van u is; "
        "u meldt zich er voortaan mee aan.\n\n"
        "Bent u niet met een activering bezig? Dan hoeft u niets te doen: zonder deze code "
        f"gebeurt er niets.{_SIGNATURE}"
    )
    await outbox.enqueue(
        uow,
        kind="email-verification",
        message=outbox.Message(email, "Uw bevestigingscode voor zorgafstemming", body),
        account_id=account_id,
    )
