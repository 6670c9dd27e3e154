"""Every action a route can declare, as ``<scope>:<resource>:<action>``, kept alphabetised.

These mirror the Cedar actions in ``policies/schema.cedarschema``. A route that declares no
action is refused by the guard (deny by default).
"""

from __future__ import annotations

from enum import StrEnum


class Action(StrEnum):
    """Cedar action ids."""

    PUBLIC_HEALTH_READ = "public:health:read"
    PUBLIC_SCHEMA_READ = "public:schema:read"
    PUBLIC_STATIC_READ = "public:static:read"


# Actions anyone may perform without signing in.
PUBLIC_ACTIONS: frozenset[str] = frozenset(
    {
        Action.PUBLIC_HEALTH_READ,
        Action.PUBLIC_SCHEMA_READ,
        Action.PUBLIC_STATIC_READ,
    }
)
