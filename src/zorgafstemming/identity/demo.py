"""The identity part of the demo network: partners in the five municipalities, one account per
role (social workers in three organisations, each their organisation's coordinator), each active
with a fresh random password and TOTP secret. Only ever called through
:func:`zorgafstemming.demo.seed_demo`, which refuses production and non-demo settings.
"""

from __future__ import annotations

import secrets
from typing import Any

from zorgafstemming.authz.actions import Action
from zorgafstemming.identity import (
    accounts,
    colleagues,
    credentials,
    organisations,
    passwords,
    security_log,
    staff_contacts,
)
from zorgafstemming.identity.actors import operator_command
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import UnitOfWork

DEMO_ORGANISATIONS = (
    ("kind-en-gezin-brecht", "Opgroeien - Kind en Gezin Brecht", "child_family", "Brecht"),
    ("caw-de-kempen", "CAW De Kempen", "youth_welfare", "Zandhoven"),
    ("vclb-voorkempen", "Vrij CLB Voorkempen", "pupil_guidance", "Schilde"),
    ("ocmw-zoersel", "OCMW Zoersel", "social_services", "Zoersel"),
    ("huis-van-het-kind-wijnegem", "Huis van het Kind Wijnegem", "network", "Wijnegem"),
)

# (role, email, organisation slug or None, label)
DEMO_ACCOUNTS = (
    (Role.ADMIN, "beheerder@demo.zorgafstemming.test", None, "functioneel beheerder"),
    (Role.DPO, "dpo@demo.zorgafstemming.test", None, "functionaris gegevensbescherming"),
    (
        Role.SOCIAL_WORKER,
        "hulpverlener.caw@demo.zorgafstemming.test",
        "caw-de-kempen",
        "hulpverlener CAW De Kempen",
    ),
    (
        Role.SOCIAL_WORKER,
        "hulpverlener.ocmw@demo.zorgafstemming.test",
        "ocmw-zoersel",
        "hulpverlener OCMW Zoersel",
    ),
    (
        Role.SOCIAL_WORKER,
        "hulpverlener.kg@demo.zorgafstemming.test",
        "kind-en-gezin-brecht",
        "hulpverlener Kind en Gezin",
    ),
    (Role.FAMILY, "ouder@demo.zorgafstemming.test", None, "ouder (gezin)"),
)


# The demo workers' names and work phones, as families see their contact person (fictitious).
DEMO_CONTACTS = {
    "hulpverlener.caw@demo.zorgafstemming.test": ("Sara Janssens", "+32 3 380 10 01"),
    "hulpverlener.ocmw@demo.zorgafstemming.test": ("Tom Verhoeven", "+32 3 380 10 02"),
    "hulpverlener.kg@demo.zorgafstemming.test": ("Lies Mertens", "+32 3 380 10 03"),
}


class DemoExists(Exception):
    """The demo network was seeded into this database before."""


class DemoMissing(Exception):
    """The demo network is not (or not wholly) in this database."""


def _demo_password() -> str:
    # 96 random bits in four groups: easy to type from the demo banner, far from guessable.
    return "-".join(secrets.token_hex(3) for _ in range(4))


async def new_demo_passwords() -> list[tuple[str, str]]:
    """A fresh (password, hash) for each demo account, in :data:`DEMO_ACCOUNTS` order; made
    before the transaction opens, so that it holds no lock through the slow hashing."""
    made = []
    for _ in DEMO_ACCOUNTS:
        password = _demo_password()
        made.append((password, await passwords.hash_password(password)))
    return made


def _account_dict(
    role: Role,
    email: str,
    org_slug: str | None,
    label: str,
    password: str,
    secret: str,
    account_id: Any,
    org_id: Any,
) -> dict[str, Any]:
    coordinator = role is Role.SOCIAL_WORKER
    return {
        "role": role.value,
        "email": email,
        "password": password,
        "totp_secret": secret,
        "account_id": str(account_id),
        "organisation": org_slug,
        "organisation_id": str(org_id) if org_id else None,
        "is_coordinator": coordinator,
        "label": f"{label} (coördinator)" if coordinator else label,
    }


async def seed_identity(
    uow: UnitOfWork, new_passwords: list[tuple[str, str]]
) -> tuple[list[str], list[dict[str, Any]]]:
    """Create the demo organisations and accounts in ``uow``: (organisation slugs, accounts),
    with the passwords of :func:`new_demo_passwords`.

    Each account dict holds ``role``, ``email``, ``password``, ``totp_secret``, ``account_id``,
    ``organisation`` (slug or None), ``organisation_id``, ``is_coordinator`` and ``label``. The
    one social worker of each organisation coordinates it (assigns colleagues to files).
    """
    ctx = operator_command()
    if await organisations.organisation_id_for_slug(uow, DEMO_ORGANISATIONS[0][0]) is not None:
        raise DemoExists("the demo network exists already in this database")
    org_ids: dict[str, Any] = {}
    accounts_made: list[dict[str, Any]] = []
    for slug, name, kind, municipality in DEMO_ORGANISATIONS:
        view = await organisations.create_organisation(
            uow, ctx, slug=slug, name=name, kind=kind, municipality=municipality
        )
        org_ids[slug] = view.id
    for (role, email, org_slug, label), (password, password_hash) in zip(
        DEMO_ACCOUNTS, new_passwords, strict=True
    ):
        org_id = org_ids[org_slug] if org_slug else None
        account_id = await accounts.create_account(
            uow, ctx, None, role=role, email=email, organisation_id=org_id
        )
        secret = await accounts.make_active(uow, account_id, password_hash)
        if role is Role.SOCIAL_WORKER:
            await colleagues.set_coordinator(uow, account_id)
        if email in DEMO_CONTACTS:
            name, phone = DEMO_CONTACTS[email]
            await staff_contacts.set_staff_contact(uow, account_id, name=name, work_phone=phone)
        accounts_made.append(
            _account_dict(role, email, org_slug, label, password, secret, account_id, org_id)
        )
    return [o[0] for o in DEMO_ORGANISATIONS], accounts_made


async def reset_demo_credentials(
    uow: UnitOfWork, new_passwords: list[tuple[str, str]]
) -> list[dict[str, Any]]:
    """Give every demo account a new password (of :func:`new_demo_passwords`) and a new TOTP
    secret in ``uow``, and return them.

    Each account's sessions and tokens end, it is active again, and the change is audited as the
    operator's (``identity:user:reset-mfa``) and shown in the account's security activity.
    Raises :class:`DemoMissing` when a demo account is not in this database.
    """
    ctx = operator_command()
    made: list[dict[str, Any]] = []
    for (role, email, org_slug, label), (password, password_hash) in zip(
        DEMO_ACCOUNTS, new_passwords, strict=True
    ):
        account_id = await accounts.account_id_for_email(uow, email)
        if account_id is None:
            raise DemoMissing("the demo network is not in this database; run `demo seed` first")
        account = await accounts.load(uow, account_id)
        await credentials.revoke_all(uow, account_id)
        secret = await accounts.make_active(uow, account_id, password_hash)
        await security_log.note(uow, account_id, "mfa-reset")
        await accounts.record_change(uow, ctx, Action.IDENTITY_USER_RESET_MFA, account_id, None)
        made.append(
            _account_dict(
                role, email, org_slug, label, password, secret, account_id, account.organisation_id
            )
        )
    return made
