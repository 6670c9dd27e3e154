"""Partner organisations: adding one (audited) and reading them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.db import new_id
from zorgafstemming.identity import rules
from zorgafstemming.identity.models import Organisation
from zorgafstemming.identity.refusals import invalid
from zorgafstemming.paging import one_id_page, read_after_id
from zorgafstemming.problems import ConflictError, NotFoundError
from zorgafstemming.runtime import UnitOfWork


@dataclass(frozen=True)
class OrganisationView:
    id: uuid.UUID
    slug: str
    name: str
    kind: str
    municipality: str


def _org_view(org: Organisation) -> OrganisationView:
    return OrganisationView(org.id, org.slug, org.name, org.kind, org.municipality)


async def create_organisation(
    uow: UnitOfWork,
    ctx: AuditContext,
    *,
    slug: str,
    name: str,
    kind: str,
    municipality: str,
) -> OrganisationView:
    """Add a partner organisation; slugs are unique."""
    if not rules.slug_is_valid(slug):
        raise invalid("slug", "lower-case letters, digits and hyphens, at most 64")
    if not name.strip() or len(name) > 200:
        raise invalid("name", "between 1 and 200 characters")
    if kind not in rules.ORGANISATION_KINDS:
        raise invalid("kind", "one of " + ", ".join(rules.ORGANISATION_KINDS))
    if municipality not in rules.MUNICIPALITIES:
        raise invalid("municipality", "one of " + ", ".join(rules.MUNICIPALITIES))
    if await organisation_id_for_slug(uow, slug) is not None:
        raise ConflictError("An organisation with this slug exists.")
    org = Organisation(
        id=new_id(),
        slug=slug,
        name=name.strip(),
        kind=kind,
        municipality=municipality,
        created_at=uow.runtime.clock(),
    )
    uow.session.add(org)
    await uow.session.flush()
    await record(
        uow,
        ctx,
        Action.IDENTITY_ORGANISATION_CREATE,
        "allowed",
        object_type="organisation",
        object_id=org.id,
    )
    return _org_view(org)


async def list_organisations(uow: UnitOfWork) -> list[OrganisationView]:
    """Every partner organisation, by slug."""
    rows = (await uow.session.scalars(select(Organisation).order_by(Organisation.slug))).all()
    return [_org_view(o) for o in rows]


async def organisation_page(
    uow: UnitOfWork, *, limit: int, after: str | None = None
) -> tuple[list[OrganisationView], str | None]:
    """Partner organisations in creation order (by id: ids are time-ordered), ``limit`` after
    the cursor ``after``, and the cursor of the next page (None on the last)."""
    position = read_after_id(after)
    stmt = select(Organisation).order_by(Organisation.id).limit(limit + 1)
    if position is not None:
        stmt = stmt.where(Organisation.id > position)
    rows, next_cursor = one_id_page((await uow.session.scalars(stmt)).all(), limit, lambda o: o.id)
    return [_org_view(o) for o in rows], next_cursor


async def get_organisation(uow: UnitOfWork, organisation_id: uuid.UUID) -> OrganisationView:
    """One organisation, or 404."""
    org = await uow.session.get(Organisation, organisation_id)
    if org is None:
        raise NotFoundError()
    return _org_view(org)


async def organisation_id_for_slug(uow: UnitOfWork, slug: str) -> uuid.UUID | None:
    """The id of the organisation with this slug, or None."""
    return await uow.session.scalar(select(Organisation.id).where(Organisation.slug == slug))
