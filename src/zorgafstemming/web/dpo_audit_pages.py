"""The DPO's audit page: every visit (one request) as one row in Dutch, newest first, paged
through all matches; filters by period, organisation, account, file (its short reference) and
kind; and a person lookup, with a stated reason, that turns a national number or an e-mail
address into that person's files and accounts as filters."""

from __future__ import annotations

from typing import Any, Literal

from litestar import Controller, Request, get, post
from litestar.response import Redirect, Template

from zorgafstemming.audit.references import short_reference
from zorgafstemming.audit.resolve import resolve
from zorgafstemming.audit.service import audit_ref, record
from zorgafstemming.audit.visits import list_visits
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.directory import MemberDirectory
from zorgafstemming.identity import organisations
from zorgafstemming.identity.auth import Caller
from zorgafstemming.paging import BadCursor, decode_cursor
from zorgafstemming.problems import ValidationFailed
from zorgafstemming.runtime import UnitOfWork
from zorgafstemming.web.audit_view import CURSOR, group_options, parse_query, visit_row
from zorgafstemming.web.forms import field_errors, read_form
from zorgafstemming.web.pages import HOME_BY_ROLE, render

PAGE_SIZE = 50
LOOKUP_MESSAGES = {
    "value": "Vul een geldig rijksregisternummer (11 cijfers) of e-mailadres in.",
    "reason": "Schrijf waarom u dit opzoekt (minstens 5 tekens).",
}
# The service's field names, as the form calls them.
_LOOKUP_FIELDS = {"value": "waarde", "reason": "reden"}


async def _organisations(uow: UnitOfWork, key: bytes) -> list[tuple[str, str, str]]:
    """Every organisation as (id, name, audit ref)."""
    return [
        (str(o.id), o.name, audit_ref(key, "organisation", o.id))
        for o in await organisations.list_organisations(uow)
    ]


def _page(
    request: Request[Any, Any, Any], orgs: list[tuple[str, str, str]], **context: Any
) -> Template:
    return render(
        request,
        "dpo/audit.html",
        organisation_options=[("", "Alle organisaties")] + [(i, n) for i, n, _ in orgs],
        group_options=group_options(),
        **context,
    )


class DpoAuditPages(Controller):
    """The audit trail as the functionaris voor gegevensbescherming reads it."""

    path = "/fg"
    include_in_schema = False

    @get("/", opt={"action": Action.AUDIT_EVENT_LIST})
    async def start(self) -> Redirect:
        """``/fg`` itself: the DPO's start page, the audit trail (as after signing in)."""
        return Redirect(path=HOME_BY_ROLE["dpo"], status_code=303)

    @get("/audit", opt={"action": Action.AUDIT_EVENT_LIST})
    async def audit_visits(self, request: Request[Any, Any, Any], caller: Caller) -> Template:
        """Visits matching the filter, newest first; ``na`` (the opaque cursor) pages on."""
        key = caller.runtime.secrets.audit_key
        after_text = request.query_params.get(CURSOR) or ""
        try:
            after = decode_cursor(after_text[:200]) if after_text else None
        except BadCursor:  # a cursor we did not make: start at the newest
            after = None
        async with caller.unit_of_work() as uow:
            orgs = await _organisations(uow, key)
            query = parse_query(request.query_params, {i for i, _, _ in orgs})
            rows: list[Any] = []
            next_cursor = None
            if not query.errors:
                flt = query.visit_filter({i: ref for i, _, ref in orgs})
                visits, next_cursor = await list_visits(
                    uow.session, flt, limit=PAGE_SIZE, after=after
                )
                names = {ref: name for _, name, ref in orgs}
                rows = [visit_row(v, names) for v in visits]
            await record(
                uow, caller.ctx, Action.AUDIT_EVENT_LIST, "allowed", object_type="audit_events"
            )
        org_name = {i: n for i, n, _ in orgs}.get(query.org_id or "")
        return _page(
            request,
            orgs,
            status=422 if query.errors else 200,
            errors=query.errors,
            form=query.values,
            query=query,
            rows=rows,
            first=after is None,
            next_link=query.link(**{CURSOR: next_cursor}) if next_cursor else None,
            newest_link=query.link(),
            organisation_name=org_name,
            lookup=None,
            lookup_done=False,
        )

    @post("/audit/persoon", opt={"action": Action.AUDIT_REF_RESOLVE}, status_code=200)
    async def person_lookup(self, request: Request[Any, Any, Any], caller: Caller) -> Template:
        """A person's files and accounts, by national number or e-mail address, with a stated
        reason; the lookup is recorded (reason encrypted) and audited."""
        key = caller.runtime.secrets.audit_key
        form = await read_form(request)
        value, reason = form.get("waarde")[:254], form.get("reden")[:1000]
        kind: Literal["person", "email"] = "email" if "@" in value else "person"
        errors: dict[str, str] = {}
        lookup = None
        async with caller.unit_of_work() as uow:
            orgs = await _organisations(uow, key)
            try:
                found = await resolve(
                    uow, caller.ctx, MemberDirectory(), kind=kind, value=value, reason=reason
                )
            except ValidationFailed as exc:
                errors = {
                    _LOOKUP_FIELDS[name]: message
                    for name, message in field_errors(exc, LOOKUP_MESSAGES, "value").items()
                }
            else:
                lookup = {
                    "files": [short_reference(ref) for ref in found.file_refs],
                    "accounts": [(ref, short_reference(ref)) for ref in found.actor_refs],
                }
        query = parse_query({}, set())
        return _page(
            request,
            orgs,
            status=422 if errors else 200,
            errors=errors,
            form={"reden": reason} if errors else {},
            query=query,
            rows=[],
            first=True,
            next_link=None,
            newest_link=query.link(),
            organisation_name=None,
            lookup=lookup,
            lookup_done=not errors,
        )
