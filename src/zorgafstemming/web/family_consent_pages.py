"""The family portal's consent pages: give a consent, confirm or contest one a partner recorded,
see the signed form, withdraw one and see what that changed, and the family's notices. Plain
Dutch (B1); every decision is the coordination service's."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, get
from litestar.params import Parameter
from litestar.response import Redirect, Template

from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.api import evidence_response
from zorgafstemming.coordination.family_schemas import FamilyConsentView, FamilyFileView
from zorgafstemming.coordination.schemas import FamilyConsentIn
from zorgafstemming.coordination.service import (
    family,
    family_consents,
    family_evidence,
    family_notice_list,
    family_withdrawal,
)
from zorgafstemming.coordination.vocabulary import vocabulary
from zorgafstemming.identity import organisations
from zorgafstemming.identity.auth import Caller
from zorgafstemming.problems import NotFoundError, ValidationFailed
from zorgafstemming.web import labels
from zorgafstemming.web.consent_forms import consent_form, consent_page, consent_step
from zorgafstemming.web.forms import FormData, field_errors, read_form
from zorgafstemming.web.member_display import member_names
from zorgafstemming.web.pages import form_post, render, see_other

# The version of the notice the portal shows with the consent form (family/_notice.html).
PORTAL_NOTICE_VERSION = "2026-1"
NOTICES_PER_PAGE = 20
_CONSENT = "/dossiers/{file_id:uuid}/toestemmingen/{consent_id:uuid}"
# Where a step that ends a consent leads: what changed for each organisation.
_WITHDRAWN = "/mijn/dossiers/{file_id}/toestemmingen/{consent_id}/ingetrokken"

GIVE_MESSAGES = {
    "members": "Kies voor wie u toestemming geeft. U kunt dat voor uzelf (vanaf 12 jaar) en "
    "voor uw kinderen jonger dan 12.",
    "recipients": "Kies minstens één organisatie.",
    "purposes": "Kies minstens één doel.",
    "categories": "Kies minstens één soort gegevens.",
    "duration": "Kies hoe lang uw toestemming geldt.",
}


def _field_of(path: str) -> str:
    """The form field of a service error path (``members[0]`` → ``members``)."""
    name = path.split("[", 1)[0]
    return "duration" if name == "valid_until" else name


class FamilyConsentPages(Controller):
    """Consent pages of a family member."""

    path = "/mijn"
    include_in_schema = False

    async def _consent(
        self,
        caller: Caller,
        file_id: uuid.UUID,
        consent_id: uuid.UUID,
    ) -> tuple[FamilyFileView, FamilyConsentView]:
        view = await caller.run(family.family_file, file_id)
        consent = next((c for c in view.consents if c.id == consent_id), None)
        if consent is None:
            raise NotFoundError()
        return view, consent

    # --- give ------------------------------------------------------------------------------

    async def _give_page(
        self,
        request: Request[Any, Any, Any],
        caller: Caller,
        file_id: uuid.UUID,
        *,
        form: FormData | None = None,
        errors: dict[str, str] | None = None,
        status: int = 200,
    ) -> Template:
        async with caller.unit_of_work() as uow:
            view = await family.family_file(uow, caller.principal, caller.ctx, file_id)
            known = await organisations.list_organisations(uow)
        vocab = vocabulary()
        names = member_names(view.members)
        selected = {
            name: form.getall(name) if form else []
            for name in ("members", "recipients", "purposes", "categories")
        }
        return render(
            request,
            "family/give.html",
            status=status,
            file=view,
            errors=errors or {},
            selected=selected,
            duration=form.get("duration") if form else "1",
            members=[(str(m.id), names[m.id]) for m in view.members],
            organisations=sorted(((str(o.id), o.name) for o in known), key=lambda o: o[1]),
            purposes=[
                (p, vocab.labels.get(p, p), labels.FAMILY_PURPOSES.get(p, ""))
                for p in sorted(vocab.purposes)
            ],
            categories=[
                (c, vocab.labels.get(c, c), labels.FAMILY_CATEGORIES.get(c, ""))
                for c in vocab.categories
            ],
            durations=list(labels.FAMILY_DURATIONS.items()),
            notice_version=PORTAL_NOTICE_VERSION,
        )

    @get("/dossiers/{file_id:uuid}/toestemming-geven", opt={"action": Action.FAMILY_FILE_READ})
    async def give_form(
        self, request: Request[Any, Any, Any], file_id: uuid.UUID, caller: Caller
    ) -> Template:
        """Choose organisations, purposes and kinds of data, with the notice to read."""
        return await self._give_page(request, caller, file_id)

    @form_post("/dossiers/{file_id:uuid}/toestemming-geven", Action.FAMILY_CONSENT_GIVE)
    async def give(
        self, request: Request[Any, Any, Any], file_id: uuid.UUID, caller: Caller
    ) -> Redirect | Template:
        """Give the consent; it is in force at once."""
        form = await read_form(request)
        errors = {
            name: message
            for name, message in GIVE_MESSAGES.items()
            if name != "duration" and not form.getall(name)
        }
        years = form.get("duration")
        if years not in labels.FAMILY_DURATIONS:
            errors["duration"] = GIVE_MESSAGES["duration"]
        if not errors:
            try:
                data = msgspec.convert(
                    {
                        "file_id": str(file_id),
                        "members": form.getall("members"),
                        "recipients": form.getall("recipients"),
                        "purposes": form.getall("purposes"),
                        "categories": form.getall("categories"),
                        "notice_version": form.get("notice_version") or PORTAL_NOTICE_VERSION,
                        "valid_until": caller.runtime.clock() + timedelta(days=365 * int(years)),
                    },
                    FamilyConsentIn,
                )
                await caller.run(family_consents.family_give_consent, data)
            except msgspec.ValidationError:
                errors = {"members": GIVE_MESSAGES["members"]}
            except ValidationFailed as exc:
                errors = {
                    _field_of(str(e.get("field", ""))): GIVE_MESSAGES.get(
                        _field_of(str(e.get("field", ""))), GIVE_MESSAGES["members"]
                    )
                    for e in (exc.extra or {}).get("errors", [])
                } or field_errors(exc, GIVE_MESSAGES, "members")
            else:
                return see_other(f"/mijn/dossiers/{file_id}", "toestemming-gegeven")
        return await self._give_page(request, caller, file_id, form=form, errors=errors, status=422)

    # --- confirm and contest ---------------------------------------------------------------

    async def _consent_page(
        self,
        request: Request[Any, Any, Any],
        template: str,
        caller: Caller,
        file_id: uuid.UUID,
        consent_id: uuid.UUID,
        *,
        allowed: str,
    ) -> Template:
        view, consent = await self._consent(caller, file_id, consent_id)
        if not getattr(consent, allowed):
            raise NotFoundError()
        return consent_page(request, template, view, consent, vocab_label=vocabulary().labels)

    confirm_form = consent_form(
        f"{_CONSENT}/bevestigen",
        Action.FAMILY_FILE_READ,
        "family/confirm.html",
        "What the organisation recorded; confirm it, or say it is not right.",
        allowed="may_confirm",
    )
    confirm = consent_step(
        f"{_CONSENT}/bevestigen",
        Action.FAMILY_CONSENT_CONFIRM,
        family_consents.family_confirm_consent,
        "/mijn/dossiers/{file_id}",
        "toestemming-bevestigd",
        "Confirm the consent; it is in force from now.",
    )
    contest_form = consent_form(
        f"{_CONSENT}/betwisten",
        Action.FAMILY_FILE_READ,
        "family/contest.html",
        "Say, in plain words, what contesting does; then ask to confirm.",
        allowed="may_contest",
    )
    contest = consent_step(
        f"{_CONSENT}/betwisten",
        Action.FAMILY_CONSENT_CONTEST,
        family_consents.family_contest_consent,
        _WITHDRAWN,
        "toestemming-betwist",
        "Contest the consent: access stops now and the DPO reviews it.",
    )

    @get(f"{_CONSENT}/formulier", opt={"action": Action.FAMILY_EVIDENCE_READ})
    async def signed_form(
        self, file_id: uuid.UUID, consent_id: uuid.UUID, caller: Caller
    ) -> Response[bytes]:
        """The scan of the signed form, as a download."""
        scan = await caller.run(family_evidence.family_evidence, consent_id, file_id=file_id)
        return evidence_response(scan)

    # --- withdraw --------------------------------------------------------------------------

    withdraw_form = consent_form(
        f"{_CONSENT}/intrekken",
        Action.FAMILY_FILE_READ,
        "family/withdraw.html",
        "Explain, in plain Dutch, what withdrawing does; then ask to confirm.",
        allowed="may_withdraw",
    )
    withdraw = consent_step(
        f"{_CONSENT}/intrekken",
        Action.FAMILY_CONSENT_WITHDRAW,
        family_withdrawal.family_withdraw_consent,
        _WITHDRAWN,
        "toestemming-ingetrokken",
        "Withdraw the consent (or one's own part); access it gave ends when this returns.",
    )

    @get(f"{_CONSENT}/ingetrokken", opt={"action": Action.FAMILY_FILE_READ})
    async def withdrawn(
        self,
        request: Request[Any, Any, Any],
        file_id: uuid.UUID,
        consent_id: uuid.UUID,
        caller: Caller,
    ) -> Template:
        """Which organisations still have access through other consents, and which do not."""
        outcome = await caller.run(family_withdrawal.family_withdrawal, file_id, consent_id)
        return render(request, "family/withdrawn.html", outcome=outcome)

    # --- notices ---------------------------------------------------------------------------

    @get("/meldingen", opt={"action": Action.FAMILY_NOTICE_LIST})
    async def notices(
        self,
        request: Request[Any, Any, Any],
        caller: Caller,
        na: Annotated[str | None, Parameter(default=None, max_length=200)],
    ) -> Template:
        """What happened to consents about them, newest first."""
        page = await caller.run(family_notice_list.family_notices, limit=NOTICES_PER_PAGE, after=na)
        return render(
            request,
            "family/notices.html",
            page=page,
            notice_text=labels.FAMILY_NOTICES,
            more_href=f"/mijn/meldingen?na={page.next}" if page.next else None,
        )
