"""Pages of the messages on a file: for the social worker, a file's threads, a new thread and
a thread with its messages and a reply; for the family, their threads and answering in one.
Attachments are chosen in the same form (multipart, no JavaScript) and stored first, in the
same unit of work as the message that carries them."""

from __future__ import annotations

import uuid
from typing import Any

import msgspec
from litestar import Controller, Request, Response, get
from litestar.response import Redirect, Template

from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.api import evidence_response
from zorgafstemming.coordination.message_schemas import (
    FamilyMessageIn,
    MessageIn,
    ThreadIn,
)
from zorgafstemming.coordination.service import attachments, family_messages, files, messages
from zorgafstemming.coordination.service.errors import ConsentRequired, FileClosed
from zorgafstemming.coordination.vocabulary import vocabulary
from zorgafstemming.identity import organisations
from zorgafstemming.identity.auth import Caller
from zorgafstemming.paging import PAGE_MAX
from zorgafstemming.problems import ProblemError, ValidationFailed
from zorgafstemming.web import labels
from zorgafstemming.web.forms import FormData, read_form
from zorgafstemming.web.member_display import member_names
from zorgafstemming.web.pages import form_post, render, see_other
from zorgafstemming.web.worker_forms import category_options, uploaded_scan

AUDIENCES = [
    ("partners", "Alleen de partnerorganisaties"),
    ("family", "De partners en het gezin"),
]
MESSAGES = {
    "audience": "Kies wie het gesprek leest.",
    "category": "Kies de soort gegevens.",
    "about": "Kies over wie het gesprek gaat.",
    "subject": "Typ een onderwerp (hoogstens 200 tekens, op één regel).",
    "body": "Typ een bericht (hoogstens 20 000 tekens).",
    "attachment": "Kies een PDF, JPEG of PNG van hoogstens 10 MB.",
    "consent": (
        "De toestemming dekt deze soort gegevens of deze gezinsleden niet voor uw organisatie."
    ),
    "invalid": "Controleer het bericht: het noemt iets wat het niet mag noemen.",
}
# The file upload field of the message forms.
ATTACHMENT = "attachment"


def _attachment_error(content: bytes | None) -> str | None:
    if content is None:
        return None
    return MESSAGES["attachment"] if attachments.attachment_problem(content) else None


def _thread_input(form: FormData) -> tuple[ThreadIn | None, dict[str, str]]:
    errors = {
        name: MESSAGES[name]
        for name in ("audience", "category", "subject", "body")
        if not form.get(name)
    }
    if not form.getall("about"):
        errors["about"] = MESSAGES["about"]
    if errors:
        return None, errors
    raw = {
        "audience": form.get("audience"),
        "category": form.get("category"),
        "about": form.getall("about"),
        "subject": form.get("subject"),
        "body": form.get("body"),
    }
    try:
        return msgspec.convert(raw, ThreadIn), {}
    except msgspec.ValidationError as exc:
        return None, {_field_of(exc): MESSAGES.get(_field_of(exc), MESSAGES["invalid"])}


def _field_of(exc: msgspec.ValidationError) -> str:
    """The form field a validation error names (``... - at `$.subject```), else ``body``."""
    where = str(exc).rpartition("`$.")[2]
    name = where.split("`")[0].split("[")[0].split(".")[0]
    return name if name in MESSAGES else "body"


def _message_input(form: FormData) -> tuple[MessageIn | None, dict[str, str]]:
    if not form.get("body"):
        return None, {"body": MESSAGES["body"]}
    raw = {"category": form.get("category") or None, "body": form.get("body")}
    try:
        return msgspec.convert(raw, MessageIn), {}
    except msgspec.ValidationError as exc:
        return None, {_field_of(exc): MESSAGES.get(_field_of(exc), MESSAGES["invalid"])}


def _refusal(exc: ProblemError) -> dict[str, str]:
    if isinstance(exc, ConsentRequired):
        return {"category": MESSAGES["consent"]}
    if isinstance(exc, FileClosed):
        return {"body": "Het dossier is afgesloten: er kunnen geen berichten meer bij."}
    return {"body": MESSAGES["invalid"]}


class WorkerMessagePages(Controller):
    """The social worker's pages of the messages on one file."""

    include_in_schema = False

    async def _threads_page(
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
            threads = await messages.list_threads(
                uow, caller.principal, caller.ctx, file_id, after=None, limit=PAGE_MAX
            )
            names = {o.id: o.name for o in await organisations.list_organisations(uow)}
        member_name = member_names(view.members)
        return render(
            request,
            "worker/messages.html",
            status=status,
            errors=errors or {},
            form=form or {},
            file=view,
            threads=threads.items,
            member_name=member_name,
            members=[(str(m.id), member_name[m.id]) for m in view.members if m.visible],
            organisation_name=names,
            audiences=AUDIENCES,
            audience_label=dict(AUDIENCES),
            categories=category_options(),
            vocab_label=vocabulary().labels,
        )

    @get("/dossiers/{file_id:uuid}/berichten", opt={"action": Action.COORDINATION_THREAD_LIST})
    async def threads(
        self, request: Request[Any, Any, Any], file_id: uuid.UUID, caller: Caller
    ) -> Template:
        """The file's threads (a subject the consent does not cover shown as withheld) and the
        form to start one."""
        return await self._threads_page(request, caller, file_id)

    @form_post("/dossiers/{file_id:uuid}/berichten", Action.COORDINATION_THREAD_CREATE)
    async def start_thread(
        self, request: Request[Any, Any, Any], file_id: uuid.UUID, caller: Caller
    ) -> Redirect | Template:
        """Start a thread with its first message (and an attachment, if one is chosen)."""
        form = await read_form(request)
        data, errors = _thread_input(form)
        content = await uploaded_scan(request, ATTACHMENT)
        if (problem := _attachment_error(content)) is not None:
            errors[ATTACHMENT] = problem
        if data is not None and not errors:
            try:
                async with caller.unit_of_work() as uow:
                    if content is not None:
                        stored = await attachments.upload_attachment(
                            uow, caller.principal, caller.ctx, file_id, content
                        )
                        data.attachments = [stored.id]
                    thread = await messages.create_thread(
                        uow, caller.principal, caller.ctx, file_id, data
                    )
            except (ConsentRequired, ValidationFailed) as exc:
                errors = _refusal(exc)
            else:
                return see_other(f"/dossiers/{file_id}/berichten/{thread.id}", "bericht-verstuurd")
        echo = {
            **form.echo("audience", "category", "subject", "body"),
            "about": form.getall("about"),
        }
        return await self._threads_page(
            request, caller, file_id, errors=errors, form=echo, status=422
        )

    async def _thread_page(
        self,
        request: Request[Any, Any, Any],
        caller: Caller,
        file_id: uuid.UUID,
        thread_id: uuid.UUID,
        *,
        errors: dict[str, str] | None = None,
        form: dict[str, Any] | None = None,
        status: int = 200,
    ) -> Template:
        async with caller.unit_of_work() as uow:
            page = await messages.list_messages(
                uow, caller.principal, caller.ctx, file_id, thread_id, after=None, limit=PAGE_MAX
            )
            names = {o.id: o.name for o in await organisations.list_organisations(uow)}
        return render(
            request,
            "worker/thread.html",
            status=status,
            errors=errors or {},
            form=form or {"category": page.thread.category},
            file_id=file_id,
            thread=page.thread,
            items=page.items,
            organisation_name=names,
            audience_label=dict(AUDIENCES),
            categories=category_options(),
            vocab_label=vocabulary().labels,
            download=f"/dossiers/{file_id}/bijlagen/",
        )

    @get(
        "/dossiers/{file_id:uuid}/berichten/{thread_id:uuid}",
        opt={"action": Action.COORDINATION_MESSAGE_LIST},
    )
    async def thread(
        self,
        request: Request[Any, Any, Any],
        file_id: uuid.UUID,
        thread_id: uuid.UUID,
        caller: Caller,
    ) -> Template:
        """A thread with its messages (those the consent does not cover shown as withheld)
        and the reply form."""
        return await self._thread_page(request, caller, file_id, thread_id)

    @form_post(
        "/dossiers/{file_id:uuid}/berichten/{thread_id:uuid}", Action.COORDINATION_MESSAGE_CREATE
    )
    async def reply(
        self,
        request: Request[Any, Any, Any],
        file_id: uuid.UUID,
        thread_id: uuid.UUID,
        caller: Caller,
    ) -> Redirect | Template:
        """Answer in a thread (with an attachment, if one is chosen)."""
        form = await read_form(request)
        data, errors = _message_input(form)
        content = await uploaded_scan(request, ATTACHMENT)
        if (problem := _attachment_error(content)) is not None:
            errors[ATTACHMENT] = problem
        if data is not None and not errors:
            try:
                async with caller.unit_of_work() as uow:
                    if content is not None:
                        stored = await attachments.upload_attachment(
                            uow, caller.principal, caller.ctx, file_id, content
                        )
                        data.attachments = [stored.id]
                    await messages.add_message(
                        uow, caller.principal, caller.ctx, file_id, thread_id, data
                    )
            except (ConsentRequired, ValidationFailed) as exc:
                errors = _refusal(exc)
            else:
                return see_other(f"/dossiers/{file_id}/berichten/{thread_id}", "bericht-verstuurd")
        return await self._thread_page(
            request,
            caller,
            file_id,
            thread_id,
            errors=errors,
            form=form.echo("category", "body"),
            status=422,
        )

    @get(
        "/dossiers/{file_id:uuid}/bijlagen/{attachment_id:uuid}",
        opt={"action": Action.COORDINATION_ATTACHMENT_READ},
    )
    async def attachment(
        self, file_id: uuid.UUID, attachment_id: uuid.UUID, caller: Caller
    ) -> Response[bytes]:
        """Download an attachment the consent covers (audited as a read)."""
        return evidence_response(
            await caller.run(attachments.download_attachment, file_id, attachment_id)
        )


class FamilyMessagePages(Controller):
    """The family's messages: threads addressed to them, and answering."""

    path = "/mijn"
    include_in_schema = False

    @get("/berichten", opt={"action": Action.FAMILY_THREAD_LIST})
    async def threads(self, request: Request[Any, Any, Any], caller: Caller) -> Template:
        """The threads the partners addressed to the family about the signed-in member (or a
        child they represent)."""
        page = await caller.run(family_messages.family_threads, limit=PAGE_MAX)
        return render(request, "family/messages.html", threads=page.items)

    async def _thread_page(
        self,
        request: Request[Any, Any, Any],
        caller: Caller,
        thread_id: uuid.UUID,
        *,
        errors: dict[str, str] | None = None,
        form: dict[str, Any] | None = None,
        status: int = 200,
    ) -> Template:
        async with caller.unit_of_work() as uow:
            page = await family_messages.family_messages(
                uow, caller.principal, caller.ctx, thread_id, limit=PAGE_MAX
            )
            names = {o.id: o.name for o in await organisations.list_organisations(uow)}
            status_of = await family_messages.file_status(uow, page.thread.file_id)
        return render(
            request,
            "family/thread.html",
            status=status,
            errors=errors or {},
            form=form or {},
            thread=page.thread,
            items=page.items,
            organisation_name=names,
            file_open=status_of == "open",
            labels=labels,
            download="/mijn/bijlagen/",
        )

    @get("/berichten/{thread_id:uuid}", opt={"action": Action.FAMILY_MESSAGE_LIST})
    async def thread(
        self, request: Request[Any, Any, Any], thread_id: uuid.UUID, caller: Caller
    ) -> Template:
        """One thread with its messages and the answer form (while the file is open)."""
        return await self._thread_page(request, caller, thread_id)

    @form_post("/berichten/{thread_id:uuid}", Action.FAMILY_MESSAGE_CREATE)
    async def answer(
        self, request: Request[Any, Any, Any], thread_id: uuid.UUID, caller: Caller
    ) -> Redirect | Template:
        """Answer in a thread."""
        form = await read_form(request)
        errors: dict[str, str] = {}
        try:
            data = msgspec.convert({"body": form.get("body")}, FamilyMessageIn)
        except msgspec.ValidationError:
            errors = {"body": MESSAGES["body"]}
        else:
            try:
                await caller.run(family_messages.family_reply, thread_id, data)
            except (FileClosed, ValidationFailed) as exc:
                errors = _refusal(exc)
            else:
                return see_other(f"/mijn/berichten/{thread_id}", "bericht-verstuurd")
        return await self._thread_page(
            request, caller, thread_id, errors=errors, form=form.echo("body"), status=422
        )

    @get("/bijlagen/{attachment_id:uuid}", opt={"action": Action.FAMILY_ATTACHMENT_READ})
    async def attachment(self, attachment_id: uuid.UUID, caller: Caller) -> Response[bytes]:
        """Download an attachment of a message in one of the family's threads."""
        return evidence_response(await caller.run(attachments.family_attachment, attachment_id))
