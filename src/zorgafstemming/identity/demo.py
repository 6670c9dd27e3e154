"""The identity part of the demo network: partners in the five municipalities, one account per
role (social workers in three organisations, each their organisation's coordinator), each active
with a fresh random password and TOTP secret. Only ever called through
:func:`zorgafstemming.demo.seed_demo`, which refuses production and non-demo settings.
"""

from __future__ import annotations

import secrets
from typing import Any

from zorgafstemming.identity import accounts, colleagues, organisations, passwords
from zorgafstemming.identity.actors import operator_command
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
    ``organisation`` (slug or None), ``organisation_id``, ``is_coordinator`` and ``label``. The
    one social worker of each organisation coordinates it (assigns colleagues to files).
    """
    ctx = operator_command()
    async with runtime.unit_of_work() as uow:
        exists = await organisations.organisation_id_for_slug(uow, DEMO_ORGANISATIONS[0][0])
    if exists is not None:
        raise DemoExists("the demo network exists already in this database")
    prepared = []
    for role, email, org_slug, label in DEMO_ACCOUNTS:
        password = _demo_password()
        prepared.append(
            (role, email, org_slug, label, password, await passwords.hash_password(password))
        )
    org_ids: dict[str, Any] = {}
    accounts_made: list[dict[str, Any]] = []
    async with runtime.unit_of_work() as uow:
        for slug, name, kind, municipality in DEMO_ORGANISATIONS:
            view = await organisations.create_organisation(
                uow, ctx, slug=slug, name=name, kind=kind, municipality=municipality
            )
            org_ids[slug] = view.id
        for role, email, org_slug, label, password, password_hash in prepared:
            org_id = org_ids[org_slug] if org_slug else None
            account_id = await accounts.create_account(
                uow, ctx, None, role=role, email=email, organisation_id=org_id
            )
            secret = await accounts.make_active(uow, account_id, password_hash)
            coordinator = role is Role.SOCIAL_WORKER
            if coordinator:
                await colleagues.set_coordinator(uow, account_id)
            accounts_made.append(
                {
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
            )
    return [o[0] for o in DEMO_ORGANISATIONS], accounts_made
