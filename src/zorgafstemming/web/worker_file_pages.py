"""The social worker's pages of one file: the file itself with its journal, and its forms —
a journal entry, a partner organisation, a colleague assigned (or unassigned), a family member's
portal access, the lead's decision on a family member's objection, closing."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from litestar import Controller, Request, get
from litestar.response import Redirect, Template

from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.restriction import objections
from zorgafstemming.coordination.restriction.errors import NotInForce, ReasonRequired, Restricted
from zorgafstemming.coordination.restriction.rules import reason_problem
from zorgafstemming.coordination.restriction.schemas import ObjectionDecisionIn
from zorgafstemming.coordination.service import (
    assignments,
    entries,
    files,
    invitations,
    participants,
)
from zorgafstemming.coordination.service.eligible import eligible_partners
from zorgafstemming.coordination.service.entries import OWN_STATEMENT
from zorgafstemming.coordination.service.errors import ConsentRequired
from zorgafstemming.coordination.service.file_labels import RESTRICTED_STATUS
from zorgafstemming.coordination.vocabulary import vocabulary
from zorgafstemming.identity import organisations as identity_organisations
from zorgafstemming.identity.auth import Caller
from zorgafstemming.identity.totp import qr_svg
from zorgafstemming.mail import outbox
from zorgafstemming.problems import ConflictError, ForbiddenError, NotFoundError, ValidationFailed
from zorgafstemming.rights import service as rights_service
from zorgafstemming.rights.links import RECTIFICATION
from zorgafstemming.web import labels, sealed
from zorgafstemming.web.forms import CONTROL, read_form
from zorgafstemming.web.handover_context import handover_context
from zorgafstemming.web.member_display import (
    member_names,
    member_rows,
    name_shown,
    role_label,
    withheld_lines,
)
from zorgafstemming.web.objection_pages import (
    OBJECTION_OUTCOMES,
    OBJECTION_STATES,
    lead_objections,
)
from zorgafstemming.web.pages import form_post, render, see_other, svg_data_uri
from zorgafstemming.web.worker_forms import (
    category_options,
    confidential_reason_options,
    entry_errors,
    entry_form,
)
from zorgafstemming.web.worker_pages import dashboard_page

LETTER_COOKIE = "__Host-zorg_family_letter"
LETTER_SECONDS = 10 * 60


class WorkerFilePages(Controller):
    """Pages of the social worker (hulpverlener) about one file."""

    include_in_schema = False

    async def _file_page(
        self,
        request: Request[Any, Any, Any],
        caller: Caller,
        file_id: uuid.UUID,
        *,
        errors: dict[str, str] | None = None,
        form: dict[str, Any] | None = None,
        status: int = 200,
    ) -> Template:
        async with caller.unit_of_work() as uow:
            view = await files.read_file(uow, caller.principal, caller.ctx, file_id)
            if view.status == RESTRICTED_STATUS:
                # Processing is restricted: that it is, and nothing else of the file.
                return render(
                    request,
                    "worker/file_restricted.html",
                    status=status,
                    errors=errors or {},
                    file=view,
                    emergency=False,
                )
            journal = await entries.list_entries(
                uow, caller.principal, caller.ctx, file_id, after=None, limit=200
            )
            organisations = await identity_organisations.list_organisations(uow)
            team = await assignments.list_assignments(uow, caller.principal, caller.ctx, file_id)
            handover = await handover_context(uow, caller, view, team, organisations)
            is_lead = view.lead_organisation_id == caller.principal.organisation_id
            assigned = any(p.account_id == caller.principal.account_id for p in team.items)
            deciding = is_lead and assigned and view.status == "open"
            objection_items = await lead_objections(uow, caller, file_id, deciding=deciding)
            # The family's rectification requests the lead answers by correcting (or refuses
            # on the request's page): what waits for it, the nearest deadline first.
            asked = (
                await rights_service.open_requests_about(
                    uow,
                    caller.principal,
                    caller.ctx,
                    file_id,
                    None,
                    RECTIFICATION,
                    with_details=False,
                )
                if deciding
                else []
            )
            eligible = (
                await eligible_partners(uow, caller.principal, file_id)
                if is_lead and view.status == "open"
                else []
            )
        vocab = vocabulary()
        names = member_names(view.members)
        return render(
            request,
            "worker/file.html",
            status=status,
            errors=errors or {},
            form=form or {},
            file=view,
            members=[(m, member_rows(m)) for m in view.members],
            member_name=names,
            named={m.id for m in view.members if name_shown(m)},
            role_label=role_label,
            withheld_lines=withheld_lines(view.members, names),
            entries=journal.items,
            withheld_entry_categories=[vocab.labels.get(c, c) for c in journal.withheld_categories],
            withheld_categories=[vocab.labels.get(c, c) for c in view.withheld_categories],
            organisation_name={o.id: o.name for o in organisations},
            # Only the organisations a consent in force covers: the ones adding would accept.
            candidates=[(str(o.id), o.name) for o in organisations if o.id in eligible],
            team=team,
            colleagues=[(str(c.account_id), c.email or str(c.account_id)) for c in team.assignable],
            is_lead=is_lead,
            own_organisation=caller.principal.organisation_id,
            labels=labels,
            vocab_label=vocab.labels,
            entry_kinds=[
                (k, labels.ENTRY_KINDS.get(k, k)) for k in vocab.entry_kinds if k != OWN_STATEMENT
            ],
            categories=category_options(),
            confidential_reasons=confidential_reason_options(),
            reason_label={r.name: r.label for r in vocab.confidential_reasons.values()},
            handover=handover,
            open_objections=[o for o in objection_items if o.state == "open"],
            decided_objections=[o for o in objection_items if o.state != "open"],
            objection_outcomes=OBJECTION_OUTCOMES,
            objection_states=OBJECTION_STATES,
            rectification_requests=asked,
        )

    @get("/dossiers/{file_id:uuid}", opt={"action": Action.COORDINATION_FILE_READ})
    async def read_file(
        self, request: Request[Any, Any, Any], file_id: uuid.UUID, caller: Caller
    ) -> Template:
        """One file: members (withheld categories shown as such), consents, partners, journal."""
        return await self._file_page(request, caller, file_id)

    @form_post("/dossiers/{file_id:uuid}/notities", Action.COORDINATION_ENTRY_CREATE)
    async def add_entry(
        self, request: Request[Any, Any, Any], file_id: uuid.UUID, caller: Caller
    ) -> Redirect | Template:
        """Add a journal entry."""
        data, errors, echo = entry_form(await read_form(request))
        if data is not None:
            try:
                await caller.run(entries.add_entry, file_id, data)
            except ConsentRequired:
                errors["category"] = (
                    "De toestemming dekt deze soort gegevens of deze gezinsleden niet voor uw "
                    "organisatie."
                )
            except ValidationFailed as exc:
                errors = entry_errors(exc)
            else:
                return see_other(f"/dossiers/{file_id}", "notitie-toegevoegd")
        return await self._file_page(request, caller, file_id, errors=errors, form=echo, status=422)

    @form_post("/dossiers/{file_id:uuid}/partners", Action.COORDINATION_PARTICIPANT_ADD)
    async def add_participant(
        self, request: Request[Any, Any, Any], file_id: uuid.UUID, caller: Caller
    ) -> Redirect | Template:
        """Add a partner organisation that a consent in force covers (none while the file's
        processing is restricted)."""
        form = await read_form(request)
        status = 422
        try:
            organisation_id = uuid.UUID(form.get("organisation_id"))
        except ValueError:
            error = "Kies een organisatie."
        else:
            try:
                await caller.run(participants.add_participant, file_id, organisation_id)
            except ConsentRequired:
                error = (
                    "Geen geldige toestemming noemt deze organisatie. Registreer eerst de "
                    "toestemming van het gezin."
                )
            except Restricted:
                error, status = labels.RESTRICTED_NO_PARTNER, 409
            except (ValidationFailed, ConflictError):
                error = "Deze organisatie kan niet worden toegevoegd."
            else:
                return see_other(f"/dossiers/{file_id}", "partner-toegevoegd")
        return await self._file_page(
            request,
            caller,
            file_id,
            errors={"organisation_id": error},
            status=status,
        )

    @form_post(
        "/dossiers/{file_id:uuid}/leden/{member_id:uuid}/uitnodiging",
        Action.COORDINATION_INVITATION_CREATE,
    )
    async def invite_member(
        self,
        request: Request[Any, Any, Any],
        file_id: uuid.UUID,
        member_id: uuid.UUID,
        caller: Caller,
    ) -> Redirect | Template:
        """Make a family-portal account for a member; the letter with its in-person code
        follows, for this browser only and for ten minutes."""
        try:
            invitation = await caller.run(invitations.invite_member, file_id, member_id, None)
        except ConflictError:
            message = "Dit gezinslid heeft al toegang tot het gezinsportaal."
        except ValidationFailed:
            message = (
                "Alleen een ouder, een voogd of een jongere vanaf 12 jaar krijgt toegang tot "
                "het gezinsportaal."
            )
        else:
            letter = f"/dossiers/{file_id}/leden/{member_id}/uitnodiging"
            response = see_other(letter, "gezinslid-uitgenodigd")
            if invitation.in_person_code and invitation.code_expires_at:
                response.cookies.append(
                    sealed.seal(
                        caller.runtime,
                        LETTER_COOKIE,
                        {
                            "file": str(file_id),
                            "member": str(member_id),
                            "code": invitation.in_person_code,
                            "until": invitation.code_expires_at.isoformat(),
                        },
                        LETTER_SECONDS,
                    )
                )
            return response
        return await self._file_page(
            request,
            caller,
            file_id,
            errors={"invitation": message},
            status=422,
        )

    @get(
        "/dossiers/{file_id:uuid}/leden/{member_id:uuid}/uitnodiging",
        opt={"action": Action.COORDINATION_FILE_READ},
    )
    async def letter(
        self,
        request: Request[Any, Any, Any],
        file_id: uuid.UUID,
        member_id: uuid.UUID,
        caller: Caller,
    ) -> Template:
        """The printable letter for the member: the in-person code in large type and a QR
        code of the activation page (never with the code in it). It holds no name and nothing
        of the file, so a lost letter tells nothing; only the browser that made the invitation
        shows it, for ten minutes, and otherwise the answer is 404."""
        state = sealed.unseal(caller.runtime, request, LETTER_COOKIE)
        if state is None or (state.get("file"), state.get("member")) != (
            str(file_id),
            str(member_id),
        ):
            raise NotFoundError()
        address = outbox.link(caller.runtime, "/activeren")
        return render(
            request,
            "worker/letter.html",
            file_id=file_id,
            code=str(state["code"]),
            valid_until=datetime.fromisoformat(str(state["until"])),
            address=address,
            qr_src=svg_data_uri(qr_svg(address)),
        )

    @form_post("/dossiers/{file_id:uuid}/toewijzingen", Action.COORDINATION_ASSIGNMENT_CREATE)
    async def assign(
        self, request: Request[Any, Any, Any], file_id: uuid.UUID, caller: Caller
    ) -> Redirect | Template:
        """Assign a colleague of the same organisation (from the file, or from a coordinator's
        overview of files they are not assigned to)."""
        form = await read_form(request)
        from_overview = form.get("terug") == "overzicht"
        try:
            account_id = uuid.UUID(form.get("account_id"))
        except ValueError:
            error = "Kies een collega."
        else:
            try:
                await caller.run(assignments.assign, file_id, account_id)
            except ValidationFailed:
                error = "Alleen een actieve hulpverlener van uw eigen organisatie kan u toewijzen."
            except ConflictError:
                error = "Deze collega is al aan het dossier toegewezen."
            else:
                back = "/dossiers" if from_overview else f"/dossiers/{file_id}"
                return see_other(back, "collega-toegewezen")
        if from_overview:
            return await dashboard_page(request, caller, errors={str(file_id): error}, status=422)
        return await self._file_page(
            request, caller, file_id, errors={"account_id": error}, status=422
        )

    @form_post(
        "/dossiers/{file_id:uuid}/toewijzingen/{account_id:uuid}/beeindigen",
        Action.COORDINATION_ASSIGNMENT_DELETE,
    )
    async def unassign(
        self,
        request: Request[Any, Any, Any],
        file_id: uuid.UUID,
        account_id: uuid.UUID,
        caller: Caller,
    ) -> Redirect | Template:
        """End a colleague's assignment (the organisation's coordinator only)."""
        try:
            await caller.run(assignments.unassign, file_id, account_id)
        except ForbiddenError:
            error, status = (
                "Alleen de coördinator van uw organisatie beëindigt een toewijzing.",
                403,
            )
        except NotFoundError:
            # Showing the file again answers 404 for whoever may not reach it.
            error, status = "Deze collega is niet (meer) aan het dossier toegewezen.", 422
        else:
            if account_id == caller.principal.account_id:  # their own access ended
                return see_other("/dossiers", "toewijzing-beeindigd")
            return see_other(f"/dossiers/{file_id}", "toewijzing-beeindigd")
        return await self._file_page(
            request, caller, file_id, errors={"assignment": error}, status=status
        )

    @form_post(
        "/dossiers/{file_id:uuid}/bezwaren/{objection_id:uuid}/beslissing",
        Action.COORDINATION_OBJECTION_DECIDE,
    )
    async def decide_objection(
        self,
        request: Request[Any, Any, Any],
        file_id: uuid.UUID,
        objection_id: uuid.UUID,
        caller: Caller,
    ) -> Redirect | Template:
        """The lead's decision on an open objection, with its reason: the processing goes on
        (compelling grounds) or stops for the member."""
        # Every open objection has its form on the file page: errors and the values typed go
        # back to this objection's form only.
        outcome_field, reason_field = f"uitkomst-{objection_id}", f"reden-{objection_id}"
        posted = await read_form(request)
        outcome, reason = posted.get("uitkomst"), posted.get("reden")
        form = {outcome_field: outcome, reason_field: reason}
        errors: dict[str, str] = {}
        if outcome not in ("continue", "stop"):
            errors[outcome_field] = "Kies of de verwerking doorgaat of stopt."
        if reason_problem(reason) is not None or CONTROL.search(reason):
            errors[reason_field] = "Schrijf de reden van uw beslissing (hoogstens 2000 tekens)."
        if not errors:
            data = ObjectionDecisionIn(outcome=outcome, reason=reason)  # type: ignore[arg-type]
            try:
                await caller.run(objections.decide_objection, file_id, objection_id, data)
            except NotInForce:
                return see_other(f"/dossiers/{file_id}", "bezwaar-al-beslist")
            except ReasonRequired:
                errors[reason_field] = "Schrijf de reden van uw beslissing."
            else:
                return see_other(f"/dossiers/{file_id}", "bezwaar-beslist")
        return await self._file_page(request, caller, file_id, errors=errors, form=form, status=422)

    @get("/dossiers/{file_id:uuid}/afsluiten", opt={"action": Action.COORDINATION_FILE_READ})
    async def close_form(
        self, request: Request[Any, Any, Any], file_id: uuid.UUID, caller: Caller
    ) -> Template:
        """Ask for confirmation before closing: what closing means."""
        view = await caller.run(files.read_file, file_id)
        return render(request, "worker/close.html", file=view)

    @form_post("/dossiers/{file_id:uuid}/afsluiten", Action.COORDINATION_FILE_CLOSE)
    async def close_file(self, file_id: uuid.UUID, caller: Caller) -> Redirect:
        """Close the file (lead organisation only); the retention period starts."""
        await caller.run(files.close_file, file_id)
        return see_other("/dossiers", "dossier-afgesloten")
