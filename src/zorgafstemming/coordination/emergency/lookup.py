"""Finding a file by its short reference without showing anything about it.

The reference is the only way in: a worker reads it from a colleague, the family or a court
order. Every open file's audit reference is computed (a keyed hash each) and compared with the
prefix the typed reference stands for; a reference that names no open file, one that names a
closed file and one that two open files share all answer None — the caller cannot tell them
apart.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.audit.references import audit_prefix
from zorgafstemming.audit.service import audit_ref
from zorgafstemming.coordination.models import CoordinationFile


async def file_by_reference(
    session: AsyncSession, audit_key: bytes, reference: str
) -> uuid.UUID | None:
    """The one open file whose short reference is ``reference``, or None."""
    prefix = audit_prefix(reference)
    if prefix is None:
        return None
    ids = await session.scalars(
        select(CoordinationFile.id).where(CoordinationFile.status == "open")
    )
    found = [f for f in ids if audit_ref(audit_key, "file", f).startswith(prefix)]
    return found[0] if len(found) == 1 else None
