"""Who an identity event is recorded for: the host's operator, or a person who just signed in."""

from __future__ import annotations

import dataclasses

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.identity.principal import Principal

# The policy id of events caused by a command the host's operator ran (the command line, the
# demo seed): no account acts, so no Cedar policy decided; the operator's access to the host did.
OPERATOR_COMMAND = "host-operator-command"


def operator_command() -> AuditContext:
    """The audit context of a command the host's operator runs (no account, outside Cedar)."""
    return AuditContext(actor_role="operator", policy_id=OPERATOR_COMMAND)


def acting_as(ctx: AuditContext, principal: Principal) -> AuditContext:
    """``ctx`` with ``principal`` as the actor (sign-in: the request came in anonymous)."""
    return dataclasses.replace(
        ctx,
        actor_id=principal.account_id,
        actor_org_id=principal.organisation_id,
        actor_role=principal.role.value,
    )
