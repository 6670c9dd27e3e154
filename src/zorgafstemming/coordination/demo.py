"""The coordination part of the demo network: two families' files with consents, entries, a
family plan, messages, a partner taking part (its worker assigned by them as their organisation's
coordinator) and a family member with portal access (the link to the demo family account
accepted on their behalf). Fictitious people only; called only through
:func:`zorgafstemming.demo.seed_demo`, which refuses production and non-demo settings.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import Any

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.coordination.message_schemas import MessageIn, ThreadIn
from zorgafstemming.coordination.plan_schemas import GoalIn, PlanActionIn
from zorgafstemming.coordination.rules import MemberRole
from zorgafstemming.coordination.schemas import (
    EntryIn,
    FileConsentIn,
    FileCreate,
    FileView,
    MemberIn,
)
from zorgafstemming.coordination.service import (
    assignments,
    entries,
    evidence,
    file_opening,
    invitations,
    links,
    messages,
    participants,
    plan,
)
from zorgafstemming.identity.principal import Principal, Role
from zorgafstemming.runtime import UnitOfWork

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


def _acting(account: dict[str, Any]) -> tuple[Principal, AuditContext]:
    """A demo account as the principal of the seed's requests, with their audit context."""
    org = account["organisation_id"]
    principal = Principal(
        account_id=uuid.UUID(account["account_id"]),
        role=Role(account["role"]),
        organisation_id=uuid.UUID(org) if org else None,
        credential_id=uuid.UUID(int=0),
    )
    ctx = AuditContext(
        actor_id=principal.account_id,
        actor_org_id=principal.organisation_id,
        actor_role=principal.role.value,
        request_id="demo-seed",
    )
    return principal, ctx


def _worker(accounts: list[dict[str, Any]], slug: str) -> tuple[Principal, AuditContext]:
    return _acting(next(a for a in accounts if a["organisation"] == slug))


def _member_id(view: FileView, role: str) -> uuid.UUID:
    return next(m.id for m in view.members if m.role == role)


async def seed_coordination(uow: UnitOfWork, accounts: list[dict[str, Any]]) -> int:
    """Create the two demo families' files in ``uow``; returns how many were made."""
    return await _seed(uow, accounts)


# The two demo families, seeded in this order by the same steps.
_EVERYTHING = ["identity", "contact", "care_plan", "case_notes", "health", "education"]
_FAMILIES: list[dict[str, Any]] = [
    {
        # Family Peeters: a parent, a child of 8 and a youth of 14, with CAW and OCMW.
        "worker": "caw-de-kempen",
        "partners": ["ocmw-zoersel"],
        "members": [
            # ref, role, given name, family name, (years, days) ago born, contact details
            (
                "ouder",
                MemberRole.PARENT,
                "Sofie",
                "Peeters",
                (38, 40),
                {
                    "address": "Kerkstraat 12, 2980 Zoersel",
                    "phone": "+32 3 555 01 02",
                },
            ),
            ("kind", MemberRole.CHILD, "Lotte", "Peeters", (8, 100), {}),
            ("jongere", MemberRole.YOUTH, "Arne", "Peeters", (14, 200), {}),
        ],
        "consents": [
            # given by, about, recipients, categories
            ("ouder", ["ouder", "kind"], ["caw-de-kempen", "ocmw-zoersel"], _EVERYTHING),
            ("jongere", ["jongere"], ["caw-de-kempen"], ["identity", "case_notes", "education"]),
        ],
        "entries": [
            # kind, category, about, body, why confidential (None: shared with the family)
            (
                "meeting_record",
                None,
                ["ouder", "kind"],
                "Casusoverleg: afspraken over opvang na school.",
                None,
            ),
            (
                "agreement",
                None,
                ["ouder"],
                "Sofie neemt contact op met het OCMW voor budgetbegeleiding.",
                None,
            ),
            ("note", None, ["jongere"], "Arne wil zelf meepraten op het volgende overleg.", None),
            (
                "note",
                None,
                ["ouder"],
                "Signaal van de school over afwezigheden; eerst met Sofie bespreken.",
                "third_party_data",
            ),
        ],
        "plan": [
            # goal: title, category, about; actions: text, owner (None: the family), about,
            # due in days (negative: overdue), confidential
            (
                (
                    "Lotte heeft na school een vaste, veilige opvang.",
                    "care_plan",
                    ["ouder", "kind"],
                ),
                [
                    ("Buitenschoolse opvang aanvragen.", "ocmw-zoersel", ["ouder"], 14, False),
                    ("Inschrijvingsformulier invullen en afgeven.", None, ["ouder"], 7, False),
                    ("Afwezigheden met de school bespreken.", "caw-de-kempen", ["ouder"], -3, True),
                ],
            ),
            (
                ("Arne praat zelf mee over zijn schoolkeuze.", "education", ["jongere"]),
                [
                    (
                        "Gesprek met Arne en het CLB voorbereiden.",
                        "caw-de-kempen",
                        ["jongere"],
                        10,
                        False,
                    )
                ],
            ),
        ],
        "threads": [
            # audience, category, about, subject, messages (writer organisation, text)
            (
                "family",
                "care_plan",
                ["ouder"],
                "Afspraak met het OCMW",
                [
                    ("caw-de-kempen", "Past dinsdag om 10 uur voor het gesprek over budget?"),
                    ("ocmw-zoersel", "Wij kunnen dinsdag ook; we komen naar het CAW."),
                    ("caw-de-kempen", "Neem gerust de laatste rekeningen mee."),
                ],
            ),
            (
                "family",
                "case_notes",
                ["kind"],
                "Opvang na school voor Lotte",
                [("caw-de-kempen", "De school bevestigt een plaats in de naschoolse opvang.")],
            ),
            (
                "partners",
                "case_notes",
                ["ouder", "kind"],
                "Wie volgt wat op",
                [
                    ("caw-de-kempen", "Het CAW volgt de opvang op, het OCMW het budget."),
                    ("ocmw-zoersel", "Akkoord; wij plannen het eerste gesprek."),
                ],
            ),
        ],
        # The demo family account is Sofie's: she sees her file in the portal.
        "portal": ("ouder", True),
    },
    {
        # Family Janssens: a guardian and a toddler, with Kind en Gezin only.
        "worker": "kind-en-gezin-brecht",
        "partners": [],
        "members": [
            (
                "voogd",
                MemberRole.GUARDIAN,
                "Marc",
                "Janssens",
                (52, 10),
                {
                    "address": "Dorpsplein 3, 2960 Brecht",
                },
            ),
            ("peuter", MemberRole.CHILD, "Yara", "Janssens", (3, 150), {}),
        ],
        "consents": [
            (
                "voogd",
                ["voogd", "peuter"],
                ["kind-en-gezin-brecht"],
                ["identity", "contact", "care_plan", "health"],
            ),
        ],
        "entries": [
            (
                "action",
                None,
                ["voogd"],
                "Huisbezoek plannen voor de ontwikkelingsopvolging van Yara.",
                None,
            ),
            (
                "note",
                "health",
                ["peuter"],
                "Yara groeit goed; volgende consultatie over drie maanden.",
                None,
            ),
        ],
        "plan": [
            (
                ("Yara groeit gezond op.", "care_plan", ["voogd", "peuter"]),
                [("Huisbezoek plannen.", "kind-en-gezin-brecht", ["voogd"], 5, False)],
            ),
        ],
        # Marc is invited to the portal: a one-time activation token, handed over in person.
        "portal": ("voogd", False),
    },
]


async def _seed(uow: UnitOfWork, accounts: list[dict[str, Any]]) -> int:
    now = uow.runtime.clock()
    for family in _FAMILIES:
        await _seed_family(uow, accounts, now, family)
    return len(_FAMILIES)


async def _seed_family(
    uow: UnitOfWork, accounts: list[dict[str, Any]], now: datetime, family: dict[str, Any]
) -> None:
    worker, ctx = _worker(accounts, family["worker"])

    def org(slug: str) -> uuid.UUID:
        organisation_id = _worker(accounts, slug)[0].organisation_id
        assert organisation_id
        return organisation_id

    form = await _scan(uow, worker, ctx)
    view = await file_opening.open_file(
        uow,
        worker,
        ctx,
        FileCreate(
            members=[
                MemberIn(
                    ref=ref,
                    role=role,
                    given_name=given_name,
                    family_name=family_name,
                    birth_date=_years_ago(now, *born),
                    **contact,
                )
                for ref, role, given_name, family_name, born, contact in family["members"]
            ],
            consents=[
                _consent(given_by, members, [org(r) for r in recipients], categories, now, form)
                for given_by, members, recipients, categories in family["consents"]
            ],
        ),
    )
    role_of = {ref: role.value for ref, role, *_ in family["members"]}
    for partner in family["partners"]:
        await participants.add_participant(uow, worker, ctx, view.id, org(partner))
        # The partner's worker coordinates their organisation and assigns themselves.
        colleague, colleague_ctx = _worker(accounts, partner)
        await assignments.assign(uow, colleague, colleague_ctx, view.id, colleague.account_id)
    for kind, category, about, body, reason in family["entries"]:
        ids = [_member_id(view, role_of[ref]) for ref in about]
        await entries.add_entry(
            uow,
            worker,
            ctx,
            view.id,
            EntryIn(
                kind=kind,
                category=category,
                about=ids,
                body=body,
                confidential=reason is not None,
                confidential_reason=reason,
            ),
        )
    for (title, category, about), actions in family["plan"]:
        goal = await plan.add_goal(
            uow,
            worker,
            ctx,
            view.id,
            GoalIn(
                title=title, category=category, about=[_member_id(view, role_of[r]) for r in about]
            ),
        )
        for text, owner, action_about, days, confidential in actions:
            await plan.add_plan_action(
                uow,
                worker,
                ctx,
                view.id,
                goal.id,
                PlanActionIn(
                    description=text,
                    about=[_member_id(view, role_of[r]) for r in action_about],
                    owner="family" if owner is None else "organisation",
                    owner_organisation_id=org(owner) if owner else None,
                    due_on=now.date() + timedelta(days=days),
                    category=category,
                    confidential=confidential,
                ),
            )
    for audience, category, about, subject, written in family.get("threads", []):
        ids = [_member_id(view, role_of[ref]) for ref in about]
        (_, first), *rest = written
        thread = await messages.create_thread(
            uow,
            worker,
            ctx,
            view.id,
            ThreadIn(audience=audience, category=category, about=ids, subject=subject, body=first),
        )
        for slug, body in rest:
            writer, writer_ctx = _worker(accounts, slug)
            await messages.add_message(
                uow, writer, writer_ctx, view.id, thread.id, MessageIn(body=body)
            )
    ref, has_account = family["portal"]
    account = next(a for a in accounts if a["role"] == Role.FAMILY.value) if has_account else None
    await invitations.invite_member(
        uow,
        worker,
        ctx,
        view.id,
        _member_id(view, role_of[ref]),
        uuid.UUID(account["account_id"]) if account else None,
    )
    if account is not None:
        # The demo family accepts the link at once, so that the portal shows the file.
        holder, holder_ctx = _acting(account)
        for link in (await links.pending_links(uow, holder, holder_ctx)).items:
            await links.accept_link(uow, holder, holder_ctx, link.id)
