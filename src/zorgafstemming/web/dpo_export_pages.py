"""The DPO's download of an audit export for an inquiry: the part of the sealed log that the
audit page's filters select (period, file, person), verifiable offline with `audit verify`.

The audit page links here with its current filters: ``/fg/audit/export?van=2026-01-01&tot=
2026-01-31&dossier=ABCD-EFGH&persoon=<ref>``. Without any filter it is the whole sealed log.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

from litestar import Controller, Request, get
from litestar.response import Response, Template

from zorgafstemming.audit.bundle import encode_bundle, export_bundle
from zorgafstemming.audit.bundle_format import event_count
from zorgafstemming.audit.selection import (
    Selection,
    account_filter,
    export_selection,
    file_filter,
)
from zorgafstemming.audit.service import record
from zorgafstemming.authz.actions import Action
from zorgafstemming.identity.auth import Caller
from zorgafstemming.web.date_input import FILTER_ERROR as DATE_ERROR
from zorgafstemming.web.date_input import parse_day
from zorgafstemming.web.pages import render

FIELDS = ("van", "tot", "dossier", "persoon")


def parse_selection(params: Any) -> tuple[Selection, dict[str, str], dict[str, str]]:
    """The export's filter from the query, the values as given, and Dutch errors per field.

    ``van`` and ``tot`` are days (``tot`` included), ``dossier`` the short reference people see
    (or a whole file reference), ``persoon`` an account reference."""
    values = {k: str(params.get(k, "")).strip() for k in FIELDS}
    errors: dict[str, str] = {}
    moments: dict[str, datetime | None] = {"van": None, "tot": None}
    for name, end in (("van", False), ("tot", True)):
        if values[name]:
            day = parse_day(values[name])
            if day is None:
                errors[name] = DATE_ERROR
                continue
            moment = datetime.combine(day, time(0, 0), tzinfo=UTC)
            moments[name] = moment + timedelta(days=1) if end else moment
    file_hex = file_filter(values["dossier"]) if values["dossier"] else None
    if values["dossier"] and file_hex is None:
        errors["dossier"] = (
            "Vul de korte referentie van het dossier in (acht tekens, bijvoorbeeld 7K3M-Q9XD)."
        )
    account = account_filter(values["persoon"]) if values["persoon"] else None
    if values["persoon"] and account is None:
        errors["persoon"] = "Een referentie bestaat uit 64 tekens (0-9, a-f)."
    selection = Selection(
        since=moments["van"], until=moments["tot"], file=file_hex, account=account
    )
    return selection, values, errors


class DpoExportPages(Controller):
    """The export download of the functionaris voor gegevensbescherming."""

    path = "/fg"
    include_in_schema = False

    @get("/audit/export", opt={"action": Action.AUDIT_EXPORT_READ})
    async def export(
        self, request: Request[Any, Any, Any], caller: Caller
    ) -> Response[bytes] | Template:
        """Download the events the filters select, each with its proof, as one file."""
        selection, values, errors = parse_selection(request.query_params)
        if errors:
            return render(request, "dpo/export_error.html", status=422, errors=errors, form=values)
        runtime = caller.runtime
        async with caller.unit_of_work() as uow:
            seed, now = runtime.secrets.signing_seed, runtime.clock()
            if selection.is_empty:
                bundle = await export_bundle(uow.session, seed, now)
            else:
                bundle = await export_selection(uow.session, seed, now, selection)
            await record(
                uow, caller.ctx, Action.AUDIT_EXPORT_READ, "allowed", object_type="audit_bundle"
            )
        name = "auditlog" if selection.is_empty else "audit-selectie"
        filename = f"{name}-{event_count(bundle)}.json"
        return Response(
            content=encode_bundle(bundle),
            media_type="application/json",
            headers={"content-disposition": f'attachment; filename="{filename}"'},
        )
