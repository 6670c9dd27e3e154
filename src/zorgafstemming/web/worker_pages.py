"""The social worker's pages: files, the guided form to open one, entries, partners, closing,
notifications. Every decision (consent, lead, categories) is the coordination service's."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import msgspec
from litestar import Controller, Request, get, post
from litestar.response import Redirect, Template

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import service as coordination
from zorgafstemming.coordination.schemas import (
    EntryIn,
    FileCreate,
    FileView,
    MemberView,
)
from zorgafstemming.coordination.vocabulary import vocabulary
from zorgafstemming.identity import organisations
from zorgafstemming.identity.principal import Principal
from zorgafstemming.problems import ConflictError, ProblemError, ValidationFailed
from zorgafstemming.runtime import Runtime
from zorgafstemming.web import labels, sealed
from zorgafstemming.web.forms import FormData, read_form
from zorgafstemming.web.pages import render, see_other
from zorgafstemming.web.templating import dutch_date

MEMBER_ROWS = 4
NOTICE_VERSION = "2026-1"
INVITATION_COOKIE = "__Host-zorg_family_invitation"
INVITATION_SECONDS = 10 * 60
_PATH_INDEX = re.compile(r"\[(\d+)\]")

# Dutch messages per form field (by the service's field name); the service's English is never
# shown to people.
MEMBER_MESSAGES = {
    "ref": "Dit gezinslid staat er twee keer in.",
    "role": "Kies de rol van dit gezinslid in het gezin.",
    "given_name": "Vul de voornaam in.",
    "family_name": "Vul de familienaam in.",
    "birth_date": "Vul een geldige geboortedatum in (niet in de toekomst).",
    "insz": "Dit rijksregisternummer klopt niet. Controleer de 11 cijfers.",
    "address": "Controleer het adres.",
    "phone": "Gebruik enkel cijfers, spaties en + ( ) . / -.",
    "email": "Vul een geldig e-mailadres in, of laat het leeg.",
    "": "Dit gezinslid staat er twee keer in, of de naam is leeg.",
}
CONSENT_MESSAGES = {
    "given_by": "Kies wie de toestemming geeft.",
    "members": (
        "Een jongere vanaf 12 jaar geeft zelf toestemming; een ouder of voogd geeft toestemming "
        "voor een kind jonger dan 12. Kies de gezinsleden waarvoor deze persoon mag beslissen."
    ),
    "recipients": "Kies de organisaties die de gegevens mogen gebruiken.",
    "purposes": "Kies minstens één doel.",
    "categories": "Kies minstens één soort gegevens.",
    "legal_basis": "Kies de rechtsgrond.",
    "collection_method": "Kies hoe de toestemming werd gegeven.",
    "notice_version": "Vul de versie van de privacyverklaring in.",
    "valid_until": "Kies een einddatum in de toekomst, hoogstens drie jaar na vandaag.",
    "valid_from": "Kies een begindatum die niet ver in de toekomst ligt.",
    "evidence_hash": "Controleer het bewijs.",
}
ENTRY_MESSAGES = {
    "kind": "Kies het soort notitie.",
    "category": "Kies een soort gegevens die bij deze notitie past.",
    "about": "Kies over welke gezinsleden deze notitie gaat.",
    "body": "Schrijf de notitie (hoogstens 20 000 tekens).",
}


def _end_of_day(value: str) -> datetime | None:
    """A date from a date field as the end of that day in UTC (None when not a date)."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    return datetime.combine(day, time(23, 59), tzinfo=UTC)


def _file_create_errors(problems: list[tuple[str, str]]) -> dict[str, str]:
    """Form fields and Dutch messages for service field paths like ``members[1].insz``."""
    errors: dict[str, str] = {}
    for path, _ in problems:
        indexes = [int(i) for i in _PATH_INDEX.findall(path)]
        parts = _PATH_INDEX.sub("", path).lstrip("$.").split(".")
        if parts[0] == "members":
            name = parts[1] if len(parts) > 1 else ""
            row = indexes[0] + 1 if indexes else 1
            field = name if name in MEMBER_MESSAGES and name not in ("", "ref") else "given_name"
            errors.setdefault(f"m{row}_{field}", MEMBER_MESSAGES.get(name, MEMBER_MESSAGES[""]))
        elif parts[0] == "consents":
            name = parts[1] if len(parts) > 1 else "recipients"
            errors.setdefault(
                f"c_{name}", CONSENT_MESSAGES.get(name, CONSENT_MESSAGES["recipients"])
            )
    return errors or {"c_recipients": CONSENT_MESSAGES["recipients"]}


def _problems(exc: ProblemError) -> list[tuple[str, str]]:
    items = exc.extra.get("errors", []) if isinstance(exc.extra, dict) else []
    return [
        (str(i.get("field", "")), str(i.get("message", ""))) for i in items if isinstance(i, dict)
    ]


def _msgspec_path(exc: msgspec.ValidationError) -> str:
    """The field path of a msgspec validation error (``... - at `$.members[0].email```)."""
    text = str(exc)
    return text.rsplit("at `", 1)[1].rstrip("`") if "at `" in text else ""


def build_file_create(form: FormData) -> tuple[dict[str, Any], dict[str, str]]:
    """The open-a-file request from the guided form, or Dutch errors per field."""
    errors: dict[str, str] = {}
    members: list[dict[str, Any]] = []
    for row in range(1, MEMBER_ROWS + 1):
        values = {name: form.get(f"m{row}_{name}") for name in labels.MEMBER_FIELDS}
        if not any(values.values()):
            continue  # an empty row: fewer members
        member: dict[str, Any] = {"ref": f"m{row}", "role": form.get(f"m{row}_role")}
        for name, value in values.items():
            if value or name in ("given_name", "family_name", "birth_date"):
                member[name] = value
        if not member["role"]:
            errors[f"m{row}_role"] = MEMBER_MESSAGES["role"]
        for name in ("given_name", "family_name", "birth_date"):
            if not values[name]:
                errors[f"m{row}_{name}"] = MEMBER_MESSAGES[name]
        members.append(member)
    if not members:
        errors["m1_given_name"] = "Vul minstens één gezinslid in."
    valid_until = _end_of_day(form.get("c_valid_until"))
    if valid_until is None:
        errors["c_valid_until"] = CONSENT_MESSAGES["valid_until"]
    consent: dict[str, Any] = {
        "given_by": form.get("c_given_by"),
        "members": form.getall("c_members"),
        "recipients": form.getall("c_recipients"),
        "purposes": form.getall("c_purposes"),
        "categories": form.getall("c_categories"),
        "legal_basis": form.get("c_legal_basis") or "consent",
        "collection_method": form.get("c_collection_method"),
        "notice_version": form.get("c_notice_version") or NOTICE_VERSION,
        "valid_until": valid_until.isoformat() if valid_until else None,
    }
    for name in ("given_by", "members", "recipients", "purposes", "categories"):
        if not consent[name]:
            errors[f"c_{name}"] = CONSENT_MESSAGES[name]
    if not consent["collection_method"]:
        errors["c_collection_method"] = CONSENT_MESSAGES["collection_method"]
    return {"members": members, "consents": [consent]}, errors


@dataclass(frozen=True)
class FieldRow:
    """One member field on the file page: its value, or the fact that it is withheld."""

    label: str
    value: str | None
    withheld: bool
    category: str


def member_rows(member: MemberView) -> list[FieldRow]:
    """The member's fields in canonical order, marking those the consent does not cover."""
    vocab = vocabulary()
    rows = []
    for name, label in labels.MEMBER_FIELDS.items():
        category = vocab.category_of_field(name)
        value = getattr(member, name, msgspec.UNSET)
        withheld = category in member.withheld_categories
        shown = None if withheld or value is msgspec.UNSET or value is None else str(value)
        if shown is not None and name == "birth_date":
            shown = dutch_date(date.fromisoformat(shown))
        rows.append(FieldRow(label, shown, withheld, vocab.labels.get(category, category)))
    return rows


def member_names(members: Iterable[MemberView]) -> dict[uuid.UUID, str]:
    """How each member is called on a page: their name, or their role when it is withheld."""
    return {
        m.id: " ".join(
            str(v) for v in (m.given_name, m.family_name) if v is not msgspec.UNSET and v
        )
        or labels.MEMBER_ROLES.get(m.role, m.role)
        for m in members
    }


def _category_options() -> list[tuple[str, str]]:
    vocab = vocabulary()
    return [(c, vocab.labels.get(c, c)) for c in vocab.categories]


def _purpose_options() -> list[tuple[str, str]]:
    vocab = vocabulary()
    return [(p, vocab.labels.get(p, p)) for p in sorted(vocab.purposes)]


async def _organisations(runtime: Runtime) -> list[Any]:
    async with runtime.unit_of_work() as uow:
        return list(await organisations.list_organisations(uow))


class WorkerPages(Controller):
    """Pages of the social worker (hulpverlener)."""

    include_in_schema = False

    @get("/dossiers", opt={"action": Action.COORDINATION_FILE_LIST})
    async def dashboard(
        self,
        request: Request[Any, Any, Any],
        principal: Principal,
        runtime: Runtime,
        audit_ctx: AuditContext,
    ) -> Template:
        """The files the worker's organisation may see now."""
        page = await coordination.list_files(runtime, principal, audit_ctx, after=None, limit=100)
        organisations = {o.id: o.name for o in await _organisations(runtime)}
        return render(
            request,
            "worker/dashboard.html",
            files=page.items,
            organisation_name=organisations,
            status_label=labels.FILE_STATUSES,
            own_organisation=principal.organisation_id,
        )

    async def _new_file_page(
        self,
        request: Request[Any, Any, Any],
        principal: Principal,
        runtime: Runtime,
        *,
        form: FormData | None = None,
        errors: dict[str, str] | None = None,
        status: int = 200,
    ) -> Template:
        organisations = await _organisations(runtime)
        values: dict[str, Any] = {}
        selected: dict[str, list[str]] = {}
        if form is not None:
            for row in range(1, MEMBER_ROWS + 1):
                for name in ("role", *labels.MEMBER_FIELDS):
                    values[f"m{row}_{name}"] = form.get(f"m{row}_{name}")
            for name in ("given_by", "legal_basis", "collection_method", "valid_until"):
                values[f"c_{name}"] = form.get(f"c_{name}")
            values["c_notice_version"] = form.get("c_notice_version") or NOTICE_VERSION
            for name in ("members", "recipients", "purposes", "categories"):
                selected[name] = form.getall(f"c_{name}")
        else:
            values["c_notice_version"] = NOTICE_VERSION
            values["c_legal_basis"] = "consent"
            default_end = runtime.clock().date() + timedelta(days=365)
            values["c_valid_until"] = default_end.isoformat()
            selected = {
                "members": [],
                "recipients": [str(principal.organisation_id)],
                "purposes": ["care_coordination"],
                "categories": [],
            }
        return render(
            request,
            "worker/new_file.html",
            status=status,
            errors=errors or {},
            values=values,
            selected=selected,
            rows=list(range(1, MEMBER_ROWS + 1)),
            member_roles=list(labels.MEMBER_ROLES.items()),
            member_refs=[(f"m{r}", f"Gezinslid {r}") for r in range(1, MEMBER_ROWS + 1)],
            organisations=[(str(o.id), o.name) for o in organisations],
            purposes=_purpose_options(),
            categories=_category_options(),
            legal_bases=list(labels.LEGAL_BASES.items()),
            methods=[(k, v) for k, v in labels.COLLECTION_METHODS.items() if k != "family_portal"],
        )

    @get("/dossiers/nieuw", opt={"action": Action.COORDINATION_FILE_CREATE})
    async def new_file_form(
        self, request: Request[Any, Any, Any], principal: Principal, runtime: Runtime
    ) -> Template:
        """The guided form: the family's members, then the consent they gave."""
        return await self._new_file_page(request, principal, runtime)

    @post("/dossiers/nieuw", opt={"action": Action.COORDINATION_FILE_CREATE}, status_code=303)
    async def open_file(
        self,
        request: Request[Any, Any, Any],
        principal: Principal,
        runtime: Runtime,
        audit_ctx: AuditContext,
    ) -> Redirect | Template:
        """Record the consent and open the file in one step (nothing is stored on refusal)."""
        form = await read_form(request)
        raw, errors = build_file_create(form)
        data: FileCreate | None = None
        if not errors:
            try:
                data = msgspec.convert(raw, FileCreate)
            except msgspec.ValidationError as exc:
                errors = _file_create_errors([(_msgspec_path(exc), str(exc))])
        if data is not None:
            try:
                view: FileView = await coordination.open_file(runtime, principal, audit_ctx, data)
            except coordination.ConsentRequired:
                errors = {
                    "c_recipients": (
                        "Een dossier opent alleen met een toestemming die uw eigen organisatie "
                        "noemt, voor de afstemming van hulp. Vink uw organisatie en dat doel aan."
                    )
                }
            except ValidationFailed as exc:
                errors = _file_create_errors(_problems(exc))
            else:
                return see_other(f"/dossiers/{view.id}", "dossier-geopend")
        return await self._new_file_page(
            request, principal, runtime, form=form, errors=errors, status=422
        )

    async def _file_page(
        self,
        request: Request[Any, Any, Any],
        principal: Principal,
        runtime: Runtime,
        audit_ctx: AuditContext,
        file_id: uuid.UUID,
        *,
        errors: dict[str, str] | None = None,
        form: dict[str, Any] | None = None,
        status: int = 200,
    ) -> Template:
        view = await coordination.read_file(runtime, principal, audit_ctx, file_id)
        entries = await coordination.list_entries(
            runtime, principal, audit_ctx, file_id, after=None, limit=200
        )
        organisations = await _organisations(runtime)
        names = {o.id: o.name for o in organisations}
        vocab = vocabulary()
        member_name = member_names(view.members)
        invitation = sealed.unseal(runtime, request, INVITATION_COOKIE)
        page = render(
            request,
            "worker/file.html",
            status=status,
            errors=errors or {},
            form=form or {},
            file=view,
            members=[(m, member_rows(m)) for m in view.members],
            member_name=member_name,
            entries=entries.items,
            withheld_entry_categories=[vocab.labels.get(c, c) for c in entries.withheld_categories],
            withheld_categories=[vocab.labels.get(c, c) for c in view.withheld_categories],
            organisation_name=names,
            candidates=[
                (str(o.id), o.name) for o in organisations if o.id not in view.participants
            ],
            is_lead=view.lead_organisation_id == principal.organisation_id,
            labels=labels,
            vocab_label=vocab.labels,
            entry_kinds=[(k, labels.ENTRY_KINDS.get(k, k)) for k in vocab.entry_kinds],
            categories=_category_options(),
            invitation=invitation
            if invitation and invitation.get("file") == str(file_id)
            else None,
        )
        if invitation is not None:
            page.cookies.append(sealed.cleared(INVITATION_COOKIE))
        return page

    @get("/dossiers/{file_id:uuid}", opt={"action": Action.COORDINATION_FILE_READ})
    async def read_file(
        self,
        request: Request[Any, Any, Any],
        file_id: uuid.UUID,
        principal: Principal,
        runtime: Runtime,
        audit_ctx: AuditContext,
    ) -> Template:
        """One file: members (withheld categories shown as such), consents, partners, journal."""
        return await self._file_page(request, principal, runtime, audit_ctx, file_id)

    @post(
        "/dossiers/{file_id:uuid}/notities",
        opt={"action": Action.COORDINATION_ENTRY_CREATE},
        status_code=303,
    )
    async def add_entry(
        self,
        request: Request[Any, Any, Any],
        file_id: uuid.UUID,
        principal: Principal,
        runtime: Runtime,
        audit_ctx: AuditContext,
    ) -> Redirect | Template:
        """Add a journal entry."""
        form = await read_form(request)
        echo: dict[str, Any] = {
            **form.echo("kind", "category", "body"),
            "about": form.getall("about"),
            "confidential": form.get("confidential") == "ja",
        }
        errors: dict[str, str] = {}
        if not form.get("body"):
            errors["body"] = ENTRY_MESSAGES["body"]
        if not form.getall("about"):
            errors["about"] = ENTRY_MESSAGES["about"]
        if not form.get("kind"):
            errors["kind"] = ENTRY_MESSAGES["kind"]
        if not errors:
            try:
                data = msgspec.convert(
                    {
                        "kind": form.get("kind"),
                        "category": form.get("category") or None,
                        "about": form.getall("about"),
                        "body": form.get("body"),
                        "confidential": form.get("confidential") == "ja",
                    },
                    EntryIn,
                )
                await coordination.add_entry(runtime, principal, audit_ctx, file_id, data)
            except msgspec.ValidationError as exc:
                name = _PATH_INDEX.sub("", _msgspec_path(exc)).lstrip("$.") or "body"
                errors[name if name in ENTRY_MESSAGES else "body"] = ENTRY_MESSAGES.get(
                    name, ENTRY_MESSAGES["body"]
                )
            except coordination.ConsentRequired:
                errors["category"] = (
                    "De toestemming dekt deze soort gegevens of deze gezinsleden niet voor uw "
                    "organisatie."
                )
            except ValidationFailed as exc:
                for path, _ in _problems(exc):
                    name = _PATH_INDEX.sub("", path)
                    errors.setdefault(
                        name if name in ENTRY_MESSAGES else "body",
                        ENTRY_MESSAGES.get(name, ENTRY_MESSAGES["body"]),
                    )
            else:
                return see_other(f"/dossiers/{file_id}", "notitie-toegevoegd")
        return await self._file_page(
            request, principal, runtime, audit_ctx, file_id, errors=errors, form=echo, status=422
        )

    @post(
        "/dossiers/{file_id:uuid}/partners",
        opt={"action": Action.COORDINATION_PARTICIPANT_ADD},
        status_code=303,
    )
    async def add_participant(
        self,
        request: Request[Any, Any, Any],
        file_id: uuid.UUID,
        principal: Principal,
        runtime: Runtime,
        audit_ctx: AuditContext,
    ) -> Redirect | Template:
        """Add a partner organisation that a consent in force covers."""
        form = await read_form(request)
        error = ""
        try:
            organisation_id = uuid.UUID(form.get("organisation_id"))
        except ValueError:
            error = "Kies een organisatie."
        else:
            try:
                await coordination.add_participant(
                    runtime, principal, audit_ctx, file_id, organisation_id
                )
            except coordination.ConsentRequired:
                error = (
                    "Geen geldige toestemming noemt deze organisatie. Registreer eerst de "
                    "toestemming van het gezin."
                )
            except (ValidationFailed, ConflictError):
                error = "Deze organisatie kan niet worden toegevoegd."
            else:
                return see_other(f"/dossiers/{file_id}", "partner-toegevoegd")
        return await self._file_page(
            request,
            principal,
            runtime,
            audit_ctx,
            file_id,
            errors={"organisation_id": error},
            status=422,
        )

    @post(
        "/dossiers/{file_id:uuid}/leden/{member_id:uuid}/uitnodiging",
        opt={"action": Action.COORDINATION_INVITATION_CREATE},
        status_code=303,
    )
    async def invite_member(
        self,
        request: Request[Any, Any, Any],
        file_id: uuid.UUID,
        member_id: uuid.UUID,
        principal: Principal,
        runtime: Runtime,
        audit_ctx: AuditContext,
    ) -> Redirect | Template:
        """Make a family-portal account for a member; the activation link is shown once."""
        try:
            invitation = await coordination.invite_member(
                runtime, principal, audit_ctx, file_id, member_id, None
            )
        except ConflictError:
            message, status = "Dit gezinslid heeft al toegang tot het gezinsportaal.", 422
        except ValidationFailed:
            message, status = (
                "Alleen een ouder, een voogd of een jongere vanaf 12 jaar krijgt toegang tot "
                "het gezinsportaal.",
                422,
            )
        else:
            message, status = "", 303
        if status != 303:
            return await self._file_page(
                request,
                principal,
                runtime,
                audit_ctx,
                file_id,
                errors={"invitation": message},
                status=status,
            )
        response = see_other(f"/dossiers/{file_id}", "gezinslid-uitgenodigd")
        if invitation.activation_token:
            link = f"{request.base_url}activeren?code={invitation.activation_token}"
            response.cookies.append(
                sealed.seal(
                    runtime,
                    INVITATION_COOKIE,
                    {"file": str(file_id), "member": str(member_id), "link": link},
                    INVITATION_SECONDS,
                )
            )
        return response

    @get("/dossiers/{file_id:uuid}/afsluiten", opt={"action": Action.COORDINATION_FILE_READ})
    async def close_form(
        self,
        request: Request[Any, Any, Any],
        file_id: uuid.UUID,
        principal: Principal,
        runtime: Runtime,
        audit_ctx: AuditContext,
    ) -> Template:
        """Ask for confirmation before closing: what closing means."""
        view = await coordination.read_file(runtime, principal, audit_ctx, file_id)
        return render(request, "worker/close.html", file=view)

    @post(
        "/dossiers/{file_id:uuid}/afsluiten",
        opt={"action": Action.COORDINATION_FILE_CLOSE},
        status_code=303,
    )
    async def close_file(
        self,
        file_id: uuid.UUID,
        principal: Principal,
        runtime: Runtime,
        audit_ctx: AuditContext,
    ) -> Redirect:
        """Close the file (lead organisation only); the retention period starts."""
        await coordination.close_file(runtime, principal, audit_ctx, file_id)
        return see_other("/dossiers", "dossier-afgesloten")

    @get("/meldingen", opt={"action": Action.COORDINATION_NOTIFICATION_LIST})
    async def notifications(
        self,
        request: Request[Any, Any, Any],
        principal: Principal,
        runtime: Runtime,
        audit_ctx: AuditContext,
    ) -> Template:
        """Notices of consent changes and other events on the organisation's files."""
        items = await coordination.list_notifications(runtime, principal, audit_ctx, limit=100)
        return render(
            request,
            "worker/notifications.html",
            notifications=items,
            notification_label=labels.NOTIFICATIONS,
        )
