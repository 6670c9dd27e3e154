"""Key status for ``keys status``: KEK versions and data keys per version and state."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from zorgafstemming.crypto.fields import FieldCipher
from zorgafstemming.crypto.models import DATA_KEYS as _KEYS
from zorgafstemming.crypto.models import KEY_DUE, KEY_RETIRING, DataKeyRecord
from zorgafstemming.db import transaction


async def key_status(
    sessions: async_sessionmaker[AsyncSession], cipher: FieldCipher, now: datetime
) -> dict[str, Any]:
    """KEK versions, data keys per version and state, oldest key age — never key material."""
    kek = cipher.kek
    kek.refresh()
    async with transaction(sessions) as session:
        groups = (
            await session.execute(
                select(
                    _KEYS.c.kek_version,
                    _KEYS.c.status,
                    func.count(),
                ).group_by(_KEYS.c.kek_version, _KEYS.c.status)
            )
        ).all()
        oldest = await session.scalar(select(func.min(DataKeyRecord.created_at)))
    by_version: dict[str, int] = {}
    by_status: dict[str, int] = {}
    for version, status, count in groups:
        by_version[str(version)] = by_version.get(str(version), 0) + int(count)
        by_status[status] = by_status.get(status, 0) + int(count)
    held = kek.versions()
    problems = [
        f"{count} data key(s) are wrapped by KEK version {version}, which is not held"
        for version, count in sorted(by_version.items())
        if int(version) not in held
    ]
    return {
        "kek": {
            "source": type(kek).__name__,
            "active_version": kek.active_version,
            "versions_held": sorted(held),
        },
        "data_keys": {
            "total": sum(by_status.values()),
            "by_kek_version": dict(sorted(by_version.items())),
            "by_status": dict(sorted(by_status.items())),
            "oldest_created_at": oldest.isoformat() if oldest else None,
            "oldest_age_days": round((now - oldest).total_seconds() / 86400, 2) if oldest else None,
        },
        "kek_rotation_pending": any(int(v) != kek.active_version for v in by_version)
        or len(held) > 1,
        "data_key_rotation_pending": bool(by_status.get(KEY_DUE) or by_status.get(KEY_RETIRING)),
        "problems": problems,
    }
