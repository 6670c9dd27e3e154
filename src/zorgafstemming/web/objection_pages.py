"""The family portal's objection page (``/mijn/bezwaren``): a family member objects to a
processing on a statutory basis (GDPR art. 21) for themselves or a child they represent, with
their grounds, and follows it until the lead organisation decides. Plain Dutch (B1); every
decision is the objection service's.

The lead decides on the worker's file page (``worker_file_pages``), with what is here for it:
the objections it decides and the words of the decision form."""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Controller, Request, get
from litestar.response import Redirect, Template

from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.restriction import family_objections, objections
from zorgafstemming.coordination.restriction.errors import (
    NotOpenToObjection,
    ObjectionOpen,
    ReasonRequired,
)
from zorgafstemming.coordination.restriction.family_objections import ObjectionTarget
from zorgafstemming.coordination.restriction.rules import TEXT_MAX
from zorgafstemming.coordination.restriction.schemas import ObjectionIn, ObjectionOut
from zorgafstemming.dutch import dutch_date
from zorgafstemming.identity.auth import Caller
from zorgafstemming.problems import NotFoundError
from zorgafstemming.runtime import UnitOfWork
from zorgafstemming.web.forms import CONTROL, read_form
from zorgafstemming.web.pages import form_post, render, see_other

PAGE = "/mijn/bezwaren"
# The state of an objection, as the family reads it.
STATES = {
    "open": "Wacht op een beslissing",
    "continue": "De verwerking gaat door",
    "stop": "De verwerking is gestopt",
}
CHOOSE = "Kies waartegen u bezwaar maakt."
NOT_OPEN = (
    "Tegen deze toestemming kunt u (nu) geen bezwaar maken. Een toestemming die u zelf gaf,"
    " trekt u in op de pagina van uw dossier."
)
WAITING = "Over deze toestemming wacht al een bezwaar op een beslissing."

# The objections the lead sees on the file page, the newest first (a file has a handful).
OBJECTIONS_SHOWN = 50
OBJECTION_OUTCOMES = [
    ("continue", "De verwerking gaat door: er zijn dwingende gerechtvaardigde redenen"),
    ("stop", "De verwerking stopt voor dit gezinslid, zoals na een intrekking"),
]
OBJECTION_STATES = {
    "open": "Wacht op uw beslissing",
    "continue": "Verwerking gaat door",
    "stop": "Verwerking gestopt",
}


async def lead_objections(
    uow: UnitOfWork, caller: Caller, file_id: uuid.UUID, *, deciding: bool
) -> list[ObjectionOut]:
    """The file's objections for the lead organisation's assigned worker who decides them
    (``deciding``); nothing for anyone else, whom the service would refuse."""
    if not deciding:
        return []
    try:
        page = await objections.file_objections(
            uow, caller.principal, caller.ctx, file_id, after=None, limit=OBJECTIONS_SHOWN
        )
    except NotFoundError:  # no consent covers the lead for this purpose: nothing to decide
        return []
    return page.items


def target_key(target: ObjectionTarget) -> str:
    """The value of a choice in the form: the consent and the person, never a name."""
    return f"{target.consent.consent_id}:{target.member_id}"


def target_text(target: ObjectionTarget) -> str:
    """A choice as the family reads it: about whom, which file, which organisations, since."""
    who = f"Over uzelf ({target.given_name})" if target.is_self else f"Over {target.given_name}"
    consent = target.consent
    organisations = ", ".join(name for name in consent.recipients if name) or "de partners"
    return (
        f"{who} — dossier {consent.file_reference}: gegevens gedeeld met {organisations}"
        f" (sinds {dutch_date(consent.valid_from)})"
    )


def _parse_target(text: str) -> tuple[uuid.UUID, uuid.UUID] | None:
    consent, _, member = text.partition(":")
    try:
        return uuid.UUID(consent), uuid.UUID(member)
    except ValueError:
        return None


class FamilyObjectionPages(Controller):
    """A family member's objections to statute-based processing."""

    path = PAGE
    include_in_schema = False

    async def _page(
        self,
        request: Request[Any, Any, Any],
        caller: Caller,
        *,
        form: dict[str, str] | None = None,
        errors: dict[str, str] | None = None,
        status: int = 200,
    ) -> Template:
        found = await caller.run(family_objections.family_objections)
        return render(
            request,
            "family/objections.html",
            status=status,
            items=found.items,
            targets=[(target_key(t), target_text(t)) for t in found.targets],
            withdrawable=found.withdrawable,
            states=STATES,
            grounds_max=TEXT_MAX,
            form=form or {},
            errors=errors or {},
        )

    @get("/", opt={"action": Action.FAMILY_OBJECTION_LIST})
    async def objections(self, request: Request[Any, Any, Any], caller: Caller) -> Template:
        """The objections about the family member and the children they represent, with their
        state and the lead's decision, and the form to object."""
        return await self._page(request, caller)

    @form_post("/", Action.FAMILY_OBJECTION_RAISE)
    async def raise_objection(
        self, request: Request[Any, Any, Any], caller: Caller
    ) -> Redirect | Template:
        """Object to one person's part of a statute-based consent, with the grounds."""
        form = (await read_form(request)).echo("bezwaar", "gronden")
        errors: dict[str, str] = {}
        target = _parse_target(form["bezwaar"])
        if target is None:
            errors["bezwaar"] = CHOOSE
        grounds = form["gronden"]
        if not grounds:
            errors["gronden"] = "Schrijf waarom u bezwaar maakt."
        elif CONTROL.search(grounds):
            errors["gronden"] = "Uw tekst bevat tekens die niet kunnen."
        elif len(grounds) > TEXT_MAX:
            errors["gronden"] = f"Uw tekst is te lang (hoogstens {TEXT_MAX} tekens)."
        if errors or target is None:
            return await self._page(request, caller, form=form, errors=errors, status=422)
        consent_id, member_id = target
        data = ObjectionIn(consent_id=consent_id, reasons=grounds, member_id=member_id)
        status = 422
        try:
            await caller.run(objections.raise_objection, data)
        except ObjectionOpen:
            errors["bezwaar"], status = WAITING, 409
        except NotOpenToObjection:
            errors["bezwaar"] = NOT_OPEN
        except ReasonRequired:
            errors["gronden"] = "Schrijf waarom u bezwaar maakt."
        except NotFoundError:  # not a consent (or a person) the caller may object to
            errors["bezwaar"] = CHOOSE
        else:
            return see_other(PAGE, "bezwaar-ingediend")
        return await self._page(request, caller, form=form, errors=errors, status=status)
