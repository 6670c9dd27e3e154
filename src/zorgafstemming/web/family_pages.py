"""The family portal: their files and data, who looked, withdrawing consent, and export."""

from __future__ import annotations

import uuid
from typing import Any, cast

import msgspec
from litestar import Controller, Request, Response, get
from litestar.response import Redirect, Template

from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.plan_schemas import PlanCommentIn
from zorgafstemming.coordination.schemas import OwnStatementIn
from zorgafstemming.coordination.service import (
    family,
    family_export,
    family_plan,
    links,
    meeting_family,
    own_statements,
)
from zorgafstemming.coordination.service.access_log import access_log_for, visits_of
from zorgafstemming.coordination.vocabulary import vocabulary
from zorgafstemming.identity import organisations
from zorgafstemming.identity.auth import Caller
from zorgafstemming.paging import PAGE_MAX
from zorgafstemming.runtime import UnitOfWork
from zorgafstemming.web import labels
from zorgafstemming.web.forms import read_form
from zorgafstemming.web.member_display import member_names, member_rows
from zorgafstemming.web.pages import form_post, render, see_other

ACCESS_VERBS = {"viewed": "bekeek", "changed": "wijzigde", "refused": "kreeg geen toegang tot"}


def part_words(parts: list[str | None], vocab_label: dict[str, str]) -> str:
    """What a visit touched, in the family's words: "het dossier en verslagen"; the file itself
    for a part that is no data category (the file read, a list)."""
    words: list[str] = []
    for part in parts:
        for code in (part or "").split("+"):
            word = vocab_label[code].lower() if code in vocab_label else "het dossier"
            if word not in words:
                words.append(word)
    if "het dossier" in words:  # the file first, then what in it
        words.remove("het dossier")
        words.insert(0, "het dossier")
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " en " + words[-1]


def _file_page(file_id: str) -> str:
    """The portal page of a file a form came from (the portal's start for anything else)."""
    try:
        return f"/mijn/dossiers/{uuid.UUID(file_id)}"
    except ValueError:
        return "/mijn"


async def _organisation_names(uow: UnitOfWork) -> dict[uuid.UUID, str]:
    return {o.id: o.name for o in await organisations.list_organisations(uow)}


class FamilyPages(Controller):
    """Pages of a family member."""

    path = "/mijn"
    include_in_schema = False

    @get("/", opt={"action": Action.FAMILY_FILE_LIST})
    async def my_files(self, request: Request[Any, Any, Any], caller: Caller) -> Template:
        """The files the family member belongs to, and the requests of organisations to link
        their account to a file (nothing of such a file is shown before they accept)."""
        async with caller.unit_of_work() as uow:
            files = await family.family_files(uow, caller.principal, caller.ctx, limit=PAGE_MAX)
            pending = await links.pending_links(uow, caller.principal, caller.ctx)
        return render(
            request, "family/files.html", files=files.items, links=pending.items, labels=labels
        )

    @form_post("/koppelingen/{link_id:uuid}/aanvaarden", Action.FAMILY_LINK_ACCEPT)
    async def accept_link(self, link_id: uuid.UUID, caller: Caller) -> Redirect:
        """Accept an organisation's request to link the account to a file."""
        await caller.run(links.accept_link, link_id)
        return see_other("/mijn", "koppeling-aanvaard")

    @form_post("/koppelingen/{link_id:uuid}/weigeren", Action.FAMILY_LINK_DECLINE)
    async def decline_link(self, link_id: uuid.UUID, caller: Caller) -> Redirect:
        """Decline it: nothing is linked."""
        await caller.run(links.decline_link, link_id)
        return see_other("/mijn", "koppeling-geweigerd")

    @get("/dossiers/{file_id:uuid}", opt={"action": Action.FAMILY_FILE_READ})
    async def my_file(
        self, request: Request[Any, Any, Any], file_id: uuid.UUID, caller: Caller
    ) -> Template:
        """What the file holds about them, the consents, and who looked at it and when."""
        async with caller.unit_of_work() as uow:
            # The service checks membership (404 otherwise) and audits the read first.
            view = await family.family_file(uow, caller.principal, caller.ctx, file_id)
            # The plan is part of the file the read above recorded (one event per request).
            [membership] = await family.memberships(uow, caller.principal.account_id, file_id)
            plan = await family_plan.plan_for_family_export(uow, membership.id, file_id)
            meetings = await meeting_family.family_meetings(uow, caller.principal, file_id)
            names = await _organisation_names(uow)
            access = await access_log_for(
                uow.session,
                caller.runtime.secrets.audit_key,
                file_id,
                organisation_ids=list(names),
                now=caller.runtime.clock(),
            )
        return render(
            request,
            "family/file.html",
            file=view,
            plan=plan,
            status_label=labels.PLAN_STATUSES,
            members=[(m, member_rows(m)) for m in view.members],
            member_name=member_names(view.members),
            organisation_name=names,
            access=visits_of(access),
            access_verb=ACCESS_VERBS,
            part_words=part_words,
            emergency_grounds=labels.EMERGENCY_GROUNDS,
            role_label=labels.ROLES,
            vocab_label=vocabulary().labels,
            labels=labels,
            meetings=meetings,
        )

    @form_post("/dossiers/{file_id:uuid}/verklaring", Action.FAMILY_STATEMENT_CREATE)
    async def add_statement(
        self, request: Request[Any, Any, Any], file_id: uuid.UUID, caller: Caller
    ) -> Redirect:
        """Add the caller's own statement about themselves (12 or older) to the journal."""
        form = await read_form(request)
        page = f"/mijn/dossiers/{file_id}"
        async with caller.unit_of_work() as uow:
            mine = await family.memberships(uow, caller.principal.account_id, file_id)
            try:
                data = msgspec.convert(
                    {
                        # A caller outside the file is refused (404) by the service.
                        "member_id": str(mine[0].id if mine else uuid.UUID(int=0)),
                        "body": form.get("body").strip(),
                    },
                    OwnStatementIn,
                )
            except msgspec.ValidationError:
                return see_other(page, "verklaring-ongeldig")
            try:
                await own_statements.add_own_statement(
                    uow, caller.principal, caller.ctx, file_id, data
                )
            except own_statements.OwnStatementOnly:
                return see_other(page, "verklaring-niet-mogelijk")
        return see_other(page, "verklaring-toegevoegd")

    @form_post("/plan/doelen/{goal_id:uuid}/reacties", Action.FAMILY_PLAN_COMMENT_CREATE)
    async def comment(
        self, request: Request[Any, Any, Any], goal_id: uuid.UUID, caller: Caller
    ) -> Redirect:
        """Comment on a goal of their plan (an empty comment changes nothing)."""
        form = await read_form(request)
        back = _file_page(form.get("dossier"))
        text = form.get("text").strip()
        if text:
            await caller.run(family_plan.comment_on_goal, goal_id, PlanCommentIn(text=text))
            return see_other(back, "plan-reactie-bewaard")
        return see_other(back)

    @form_post("/plan/acties/{action_id:uuid}/gedaan", Action.FAMILY_PLAN_ACTION_COMPLETE)
    async def complete(
        self, request: Request[Any, Any, Any], action_id: uuid.UUID, caller: Caller
    ) -> Redirect:
        """Mark an action the family owns done."""
        form = await read_form(request)
        await caller.run(family_plan.complete_family_action, action_id)
        return see_other(_file_page(form.get("dossier")), "plan-actie-gedaan")

    @get("/gegevens", opt={"action": Action.FAMILY_FILE_LIST})
    async def my_data(self, request: Request[Any, Any, Any]) -> Template:
        """Where to download all their data."""
        return render(request, "family/data.html")

    @get("/gegevens.json", opt={"action": Action.FAMILY_EXPORT_READ})
    async def export_json(self, caller: Caller) -> Response[bytes]:
        """All their data as a JSON download (the API's export, schema in the docs)."""
        export = await caller.run(family_export.family_export)
        return Response(
            content=msgspec.json.format(msgspec.json.encode(export), indent=2),
            media_type="application/json",
            headers={"content-disposition": 'attachment; filename="mijn-gegevens.json"'},
        )

    @get("/inzage", opt={"action": Action.FAMILY_EXPORT_READ})
    async def access_overview(self, request: Request[Any, Any, Any], caller: Caller) -> Template:
        """Everything held about them as one page laid out for printing (or saving as PDF):
        the same export as the JSON download, section by section, in Dutch."""
        export = await caller.run(family_export.family_export)
        member_name: dict[uuid.UUID, str] = {}
        for file in export.files:
            member_name |= member_names(cast(Any, file).members)
        return render(
            request,
            "family/inzage.html",
            export=export,
            sections=family_export.SECTIONS,
            member_rows=member_rows,
            member_name=member_name,
            access_verb=ACCESS_VERBS,
            part_words=part_words,
            emergency_grounds=labels.EMERGENCY_GROUNDS,
            role_label=labels.ROLES,
            vocab_label=vocabulary().labels,
            labels=labels,
        )
