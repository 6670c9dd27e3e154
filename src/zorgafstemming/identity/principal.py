"""Who is acting: the signed-in account as seen by guards, services and policies."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    """The four roles of the network; separation of duties is deliberate (see design)."""

    ADMIN = "admin"
    SOCIAL_WORKER = "social_worker"
    FAMILY = "family"
    DPO = "dpo"


@dataclass(frozen=True)
class Principal:
    """A signed-in account; ``credential_id`` is the token or web session it used."""

    account_id: uuid.UUID
    role: Role
    organisation_id: uuid.UUID | None
    credential_id: uuid.UUID
