"""The coordination part of the demo network: two families' files with consents, entries, a
partner taking part and a family member with portal access. Fictitious people only; called only
through :func:`zorgafstemming.demo.seed_demo`, which refuses production and non-demo settings.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import Any

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.coordination.rules import MemberRole
from zorgafstemming.coordination.schemas import (
    EntryIn,
    FileConsentIn,
    FileCreate,
    FileView,
    MemberIn,
)
from zorgafstemming.coordination.service import (
    entries,
    evidence,
    file_opening,
    invitations,
    participants,
)
from zorgafstemming.identity.principal import Principal, Role
from zorgafstemming.runtime import Runtime, UnitOfWork

NOTICE_VERSION = "2026-01"
# A one-page PDF standing in for the family's signed form (no person's data in it).
DEMO_SCAN = b"%PDF-1.4\n% Demo: ondertekend toestemmingsformulier (fictief)\n%%EOF\n"


def _years_ago(now: datetime, years: int, days: int) -> date:
    return date(now.year - years, 1, 1) + timedelta(days=days)


def _consent(
    given_by: str,
    members: list[str],
    recipients: list[uuid.UUID],
    categories: list[str],
    now: datetime,
    evidence_id: uuid.UUID,
) -> FileConsentIn:
    return FileConsentIn(
        given_by=given_by,
        members=members,
        recipients=recipients,
        purposes=["care_coordination", "case_meeting"],
        categories=categories,
        legal_basis="consent",
        notice_version=NOTICE_VERSION,
        valid_until=now + timedelta(days=365),
        evidence_id=evidence_id,
    )


async def _scan(uow: UnitOfWork, principal: Principal, ctx: AuditContext) -> uuid.UUID:
    """A (fictitious) scan of the signed consent form, uploaded before the file opens."""
    return (await evidence.stage_evidence(uow, principal, ctx, DEMO_SCAN)).id


def _worker(accounts: list[dict[str, Any]], slug: str) -> tuple[Principal, AuditContext]:
    account = next(a for a in accounts if a["organisation"] == slug)
    principal = Principal(
        account_id=uuid.UUID(account["account_id"]),
        role=Role.SOCIAL_WORKER,
        organisation_id=uuid.UUID(account["organisation_id"]),
        credential_id=uuid.UUID(int=0),
    )
    ctx = AuditContext(
        actor_id=principal.account_id,
        actor_org_id=principal.organisation_id,
        actor_role=Role.SOCIAL_WORKER.value,
        request_id="demo-seed",
    )
    return principal, ctx


def _member_id(view: FileView, role: str) -> uuid.UUID:
    return next(m.id for m in view.members if m.role == role)


async def seed_coordination(runtime: Runtime, accounts: list[dict[str, Any]]) -> int:
    """Create the two demo families' files (in one unit of work); returns how many were made."""
    async with runtime.unit_of_work() as uow:
        return await _seed(uow, accounts)


async def _seed(uow: UnitOfWork, accounts: list[dict[str, Any]]) -> int:
    now = uow.runtime.clock()
    caw, caw_ctx = _worker(accounts, "caw-de-kempen")
    ocmw, _ = _worker(accounts, "ocmw-zoersel")
    kg, kg_ctx = _worker(accounts, "kind-en-gezin-brecht")
    assert caw.organisation_id and ocmw.organisation_id and kg.organisation_id
    everything = ["identity", "contact", "care_plan", "case_notes", "health", "education"]

    # Family Peeters: a parent, a child of 8 and a youth of 14, with CAW and OCMW.
    peeters_form = await _scan(uow, caw, caw_ctx)
    peeters = await file_opening.open_file(
        uow,
        caw,
        caw_ctx,
        FileCreate(
            members=[
                MemberIn(
                    ref="ouder",
                    role=MemberRole.PARENT,
                    given_name="Sofie",
                    family_name="Peeters",
                    birth_date=_years_ago(now, 38, 40),
                    address="Kerkstraat 12, 2980 Zoersel",
                    phone="+32 3 555 01 02",
                ),
                MemberIn(
                    ref="kind",
                    role=MemberRole.CHILD,
                    given_name="Lotte",
                    family_name="Peeters",
                    birth_date=_years_ago(now, 8, 100),
                ),
                MemberIn(
                    ref="jongere",
                    role=MemberRole.YOUTH,
                    given_name="Arne",
                    family_name="Peeters",
                    birth_date=_years_ago(now, 14, 200),
                ),
            ],
            consents=[
                _consent(
                    "ouder",
                    ["ouder", "kind"],
                    [caw.organisation_id, ocmw.organisation_id],
                    everything,
                    now,
                    peeters_form,
                ),
                _consent(
                    "jongere",
                    ["jongere"],
                    [caw.organisation_id],
                    ["identity", "case_notes", "education"],
                    now,
                    peeters_form,
                ),
            ],
        ),
    )
    await participants.add_participant(uow, caw, caw_ctx, peeters.id, ocmw.organisation_id)
    for kind, about, body, confidential in (
        (
            "meeting_record",
            ["ouder", "kind"],
            "Casusoverleg: afspraken over opvang na school.",
            False,
        ),
        (
            "agreement",
            ["ouder"],
            "Sofie neemt contact op met het OCMW voor budgetbegeleiding.",
            False,
        ),
        ("note", ["jongere"], "Arne wil zelf meepraten op het volgende overleg.", False),
        (
            "note",
            ["ouder"],
            "Signaal van de school over afwezigheden; eerst met Sofie bespreken.",
            True,
        ),
    ):
        ids = [
            _member_id(peeters, {"ouder": "parent", "kind": "child", "jongere": "youth"}[r])
            for r in about
        ]
        await entries.add_entry(
            uow,
            caw,
            caw_ctx,
            peeters.id,
            EntryIn(kind=kind, about=ids, body=body, confidential=confidential),
        )
    # The demo family account is Sofie's: she sees her file in the portal.
    family = next(a for a in accounts if a["role"] == Role.FAMILY.value)
    await invitations.invite_member(
        uow,
        caw,
        caw_ctx,
        peeters.id,
        _member_id(peeters, "parent"),
        uuid.UUID(family["account_id"]),
    )

    # Family Janssens: a guardian and a toddler, with Kind en Gezin only.
    janssens_form = await _scan(uow, kg, kg_ctx)
    janssens = await file_opening.open_file(
        uow,
        kg,
        kg_ctx,
        FileCreate(
            members=[
                MemberIn(
                    ref="voogd",
                    role=MemberRole.GUARDIAN,
                    given_name="Marc",
                    family_name="Janssens",
                    birth_date=_years_ago(now, 52, 10),
                    address="Dorpsplein 3, 2960 Brecht",
                ),
                MemberIn(
                    ref="peuter",
                    role=MemberRole.CHILD,
                    given_name="Yara",
                    family_name="Janssens",
                    birth_date=_years_ago(now, 3, 150),
                ),
            ],
            consents=[
                _consent(
                    "voogd",
                    ["voogd", "peuter"],
                    [kg.organisation_id],
                    ["identity", "contact", "care_plan", "health"],
                    now,
                    janssens_form,
                )
            ],
        ),
    )
    for kind, role, body in (
        ("action", "guardian", "Huisbezoek plannen voor de ontwikkelingsopvolging van Yara."),
        ("note", "child", "Yara groeit goed; volgende consultatie over drie maanden."),
    ):
        category = "health" if kind == "note" else None
        await entries.add_entry(
            uow,
            kg,
            kg_ctx,
            janssens.id,
            EntryIn(kind=kind, category=category, about=[_member_id(janssens, role)], body=body),
        )
    # Marc is invited to the portal: a one-time activation token, handed over in person.
    await invitations.invite_member(
        uow, kg, kg_ctx, janssens.id, _member_id(janssens, "guardian"), None
    )
    return 2
