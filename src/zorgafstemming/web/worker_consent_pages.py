"""The social worker's consent pages of one file: record a further consent (with the scan of the
signed form, or pending the family's confirmation without it), renew or withdraw a consent that
names the worker's organisation. Each post stores the scan and the consent change in one unit
of work; every rule is the coordination service's."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from litestar import Controller, Request, get
from litestar.response import Redirect, Template

from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.schemas import ConsentView, FileView, RenewIn
from zorgafstemming.coordination.service import consents, files
from zorgafstemming.coordination.service.errors import FileClosed, TooManyConsents
from zorgafstemming.identity import organisations as identity_organisations
from zorgafstemming.identity.auth import Caller
from zorgafstemming.problems import ConflictError, NotFoundError, ValidationFailed
from zorgafstemming.web import labels
from zorgafstemming.web.consent_forms import EndedAnswer, consent_form, consent_page, consent_step
from zorgafstemming.web.forms import FormData, read_form
from zorgafstemming.web.member_display import member_names
from zorgafstemming.web.pages import form_post, render, see_other
from zorgafstemming.web.worker_forms import (
    CONSENT_MESSAGES,
    NOTICE_VERSION,
    WITH_SCAN,
    category_options,
    consent_errors,
    end_of_day,
    further_consent,
    posted_scan,
    problem_fields,
    purpose_options,
    staged_scan,
)

TOO_MANY = (
    "Dit dossier heeft al 50 toestemmingen die gelden of op bevestiging wachten. Registreer "
    "eerst de intrekking van een toestemming die niet meer geldt."
)
CLOSED = "Het dossier is afgesloten: registreer de toestemming in een nieuw dossier."
ENDED = "Deze toestemming is al ingetrokken of verlopen."
_CONSENT = "/dossiers/{file_id:uuid}/toestemmingen/{consent_id:uuid}"


def _own_consent(view: FileView, consent_id: uuid.UUID, org: uuid.UUID | None) -> ConsentView:
    """A consent of the file that names the worker's organisation; any other is not found."""
    found = next((c for c in view.consents if c.id == consent_id), None)
    if found is None or org not in found.recipients:
        raise NotFoundError("No such consent.")
    return found


# How a member just added is called on the consent form (no consent shows their name yet).
NEW_MEMBER = "Het nieuwe gezinslid (net toegevoegd)"


class WorkerConsentPages(Controller):
    """Pages of the social worker (hulpverlener) about the consents of one file."""

    include_in_schema = False

    async def _read(
        self, caller: Caller, file_id: uuid.UUID
    ) -> tuple[FileView, dict[uuid.UUID, str]]:
        async with caller.unit_of_work() as uow:
            view = await files.read_file(uow, caller.principal, caller.ctx, file_id)
            organisations = await identity_organisations.list_organisations(uow)
        return view, {o.id: o.name for o in organisations}

    async def _new_page(
        self,
        request: Request[Any, Any, Any],
        caller: Caller,
        file_id: uuid.UUID,
        *,
        form: FormData | None = None,
        errors: dict[str, str] | None = None,
        status: int = 200,
        new_member: str = "",
    ) -> Template:
        view, names = await self._read(caller, file_id)
        new_member = form.get("lid") if form is not None else new_member
        if form is None:
            default_end = caller.runtime.clock().date() + timedelta(days=365)
            values = {"legal_basis": "consent", "valid_until": default_end.isoformat()}
            selected = {
                # A member just added (``lid``) is who the consent is most likely for.
                "members": [new_member] if new_member else [],
                "recipients": [str(caller.principal.organisation_id)],
                "purposes": ["care_coordination"],
                "categories": [],
            }
        else:
            values = form.echo("given_by", "legal_basis", "valid_until")
            selected = {
                n: form.getall(n) for n in ("members", "recipients", "purposes", "categories")
            }
        people = {str(m): n for m, n in member_names(view.members).items()}
        if new_member in people:  # no consent covers them yet: called by what just happened
            people[new_member] = NEW_MEMBER
        return render(
            request,
            "worker/consent_new.html",
            status=status,
            errors=errors or {},
            file=view,
            values=values,
            selected=selected,
            members=[(str(m.id), people[str(m.id)]) for m in view.members],
            new_member=new_member if new_member in people else "",
            organisations=[(str(o), n) for o, n in names.items()],
            purposes=purpose_options(),
            categories=category_options(),
            legal_bases=list(labels.LEGAL_BASES.items()),
            notice_version=NOTICE_VERSION,
        )

    @get(
        "/dossiers/{file_id:uuid}/toestemmingen/nieuw",
        opt={"action": Action.COORDINATION_FILE_READ},
    )
    async def new_consent_form(
        self,
        request: Request[Any, Any, Any],
        file_id: uuid.UUID,
        caller: Caller,
        lid: uuid.UUID | None = None,
    ) -> Template:
        """The form to record a further consent the family gave the worker's organisation;
        ``lid`` names a member just added (pre-selected, called "the new family member")."""
        return await self._new_page(request, caller, file_id, new_member=str(lid or ""))

    @form_post(
        "/dossiers/{file_id:uuid}/toestemmingen",
        Action.COORDINATION_CONSENT_RECORD,
        request_max_body_size=WITH_SCAN,
    )
    async def record_consent(
        self, request: Request[Any, Any, Any], file_id: uuid.UUID, caller: Caller
    ) -> Redirect | Template:
        """Record the consent: with the scan it is in force, without it it waits for the
        family's confirmation in the portal."""
        form = await read_form(request)
        data, errors = further_consent(form)
        scan = await posted_scan(request, "evidence", errors, required=False)
        if "evidence" in errors:
            data = None
        if data is not None:
            try:
                async with caller.unit_of_work() as uow:
                    if scan is not None:
                        data.evidence_id = await staged_scan(uow, caller, scan)
                    await consents.record_consent(uow, caller.principal, caller.ctx, file_id, data)
            except ValidationFailed as exc:
                errors = consent_errors(problem_fields(exc))
            except TooManyConsents:
                errors = {"given_by": TOO_MANY}
            except FileClosed:
                errors = {"given_by": CLOSED}
            else:
                notice = "toestemming-geregistreerd" if scan else "toestemming-wacht"
                return see_other(f"/dossiers/{file_id}", notice)
        return await self._new_page(request, caller, file_id, form=form, errors=errors, status=422)

    async def _consent_page(
        self,
        request: Request[Any, Any, Any],
        template: str,
        caller: Caller,
        file_id: uuid.UUID,
        consent_id: uuid.UUID,
        *,
        errors: dict[str, str] | None = None,
        values: dict[str, str] | None = None,
        status: int = 200,
    ) -> Template:
        view, names = await self._read(caller, file_id)
        consent = _own_consent(view, consent_id, caller.principal.organisation_id)
        return consent_page(
            request,
            template,
            view,
            consent,
            status=status,
            errors=errors or {},
            values=values or {},
            organisation_name=names,
        )

    renew_form = consent_form(
        f"{_CONSENT}/verlengen",
        Action.COORDINATION_FILE_READ,
        "worker/consent_renew.html",
        "The form to record that the family renewed a consent naming the organisation.",
    )

    @form_post(
        f"{_CONSENT}/verlengen",
        Action.COORDINATION_CONSENT_RENEW,
        request_max_body_size=WITH_SCAN,
    )
    async def renew_consent(
        self,
        request: Request[Any, Any, Any],
        file_id: uuid.UUID,
        consent_id: uuid.UUID,
        caller: Caller,
    ) -> Redirect | Template:
        """Record the renewal, with the scan of the signed renewal when there is one."""
        form = await read_form(request)
        errors: dict[str, str] = {}
        until = end_of_day(form.get("valid_until"))
        if until is None:
            errors["valid_until"] = CONSENT_MESSAGES["valid_until"]
        scan = await posted_scan(request, "evidence", errors, required=False)
        if not errors and until is not None:
            try:
                async with caller.unit_of_work() as uow:
                    renew = RenewIn(valid_until=until)
                    if scan is not None:
                        renew.evidence_id = await staged_scan(uow, caller, scan)
                    await consents.renew_consent(
                        uow, caller.principal, caller.ctx, file_id, consent_id, renew
                    )
            except ValidationFailed as exc:
                errors = consent_errors(problem_fields(exc))
            except ConflictError:
                errors = {"valid_until": ENDED}
            else:
                return see_other(f"/dossiers/{file_id}", "toestemming-verlengd")
        return await self._consent_page(
            request,
            "worker/consent_renew.html",
            caller,
            file_id,
            consent_id,
            errors=errors,
            values=form.echo("valid_until"),
            status=422,
        )

    withdraw_form = consent_form(
        f"{_CONSENT}/intrekken",
        Action.COORDINATION_FILE_READ,
        "worker/consent_withdraw.html",
        "Ask for confirmation: what recording the family's withdrawal means.",
    )

    withdraw_consent = consent_step(
        f"{_CONSENT}/intrekken",
        Action.COORDINATION_CONSENT_WITHDRAW,
        consents.withdraw_consent,
        # The organisation may have lost its own access with it: the dashboard shows what is left.
        "/dossiers",
        "intrekking-geregistreerd",
        "Record the family's withdrawal; the access it gave ends at once.",
        ended=EndedAnswer("worker/consent_withdraw.html", "withdraw", ENDED),
    )
