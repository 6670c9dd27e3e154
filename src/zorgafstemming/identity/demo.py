"""The identity part of the demo network: partners in the five municipalities, one account per
role (two social workers in different organisations), each active with a fresh random password
and TOTP secret. Only ever called through :func:`zorgafstemming.demo.seed_demo`, which refuses
production and non-demo settings.
"""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import select, update

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.crypto.fields import ACCOUNTS_OWNER
from zorgafstemming.identity import passwords, service, totp
from zorgafstemming.identity.models import Account, Organisation
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime

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


class DemoExists(Exception):
    """The demo network was seeded into this database before."""


def _demo_password() -> str:
    # 96 random bits in four groups: easy to type from the demo banner, far from guessable.
    return "-".join(secrets.token_hex(3) for _ in range(4))


async def seed_identity(runtime: Runtime) -> tuple[list[str], list[dict[str, Any]]]:
    """Create the demo organisations and accounts: (organisation slugs, account dicts).

    Each account dict holds ``role``, ``email``, ``password``, ``totp_secret``, ``account_id``,
    ``organisation`` (slug or None), ``organisation_id`` and ``label``.
    """
    ctx = AuditContext(actor_role="operator")
    async with runtime.sessions() as session:
        exists = await session.scalar(
            select(Organisation.id).where(Organisation.slug == DEMO_ORGANISATIONS[0][0])
        )
    if exists is not None:
        raise DemoExists("the demo network exists already in this database")
    prepared = []
    for role, email, org_slug, label in DEMO_ACCOUNTS:
        password = _demo_password()
        prepared.append(
            (role, email, org_slug, label, password, await passwords.hash_password(password))
        )
    org_ids: dict[str, Any] = {}
    accounts: list[dict[str, Any]] = []
    async with runtime.sessions() as session, session.begin():
        for slug, name, kind, municipality in DEMO_ORGANISATIONS:
            view = await service.create_organisation(
                session, runtime, ctx, slug=slug, name=name, kind=kind, municipality=municipality
            )
            org_ids[slug] = view.id
        key = await runtime.cipher.key_for(session, *ACCOUNTS_OWNER)
        for role, email, org_slug, label, password, password_hash in prepared:
            org_id = org_ids[org_slug] if org_slug else None
            account_id, _ = await service.create_account(
                session, runtime, ctx, role=role, email=email, organisation_id=org_id
            )
            secret = totp.new_secret()
            await session.execute(
                update(Account)
                .where(Account.id == account_id)
                .values(
                    status="active",
                    password_hash=password_hash,
                    totp_secret_enc=runtime.cipher.encrypt(
                        key, table="accounts", column="totp_secret", row_id=account_id, value=secret
                    ),
                    totp_confirmed=True,
                )
            )
            accounts.append(
                {
                    "role": role.value,
                    "email": email,
                    "password": password,
                    "totp_secret": secret,
                    "account_id": str(account_id),
                    "organisation": org_slug,
                    "organisation_id": str(org_id) if org_id else None,
                    "label": label,
                }
            )
    return [o[0] for o in DEMO_ORGANISATIONS], accounts
