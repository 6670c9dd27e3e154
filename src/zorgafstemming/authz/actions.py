"""Every action a route can declare, as ``<scope>:<resource>:<action>``, kept alphabetised.

These mirror the Cedar actions in ``policies/schema.cedarschema``. A route that declares no
action is refused by the guard (deny by default).
"""

from __future__ import annotations

from enum import StrEnum


class Action(StrEnum):
    """Cedar action ids."""

    COORDINATION_CONSENT_RECORD = "coordination:consent:record"
    COORDINATION_CONSENT_WITHDRAW = "coordination:consent:withdraw"
    COORDINATION_ENTRY_CREATE = "coordination:entry:create"
    COORDINATION_ENTRY_LIST = "coordination:entry:list"
    COORDINATION_FILE_CLOSE = "coordination:file:close"
    COORDINATION_FILE_CREATE = "coordination:file:create"
    COORDINATION_FILE_LIST = "coordination:file:list"
    COORDINATION_FILE_READ = "coordination:file:read"
    COORDINATION_INVITATION_CREATE = "coordination:invitation:create"
    COORDINATION_NOTIFICATION_LIST = "coordination:notification:list"
    COORDINATION_PARTICIPANT_ADD = "coordination:participant:add"
    FAMILY_CONSENT_GIVE = "family:consent:give"
    FAMILY_CONSENT_WITHDRAW = "family:consent:withdraw"
    FAMILY_EXPORT_READ = "family:export:read"
    FAMILY_FILE_LIST = "family:file:list"
    FAMILY_FILE_READ = "family:file:read"
    PUBLIC_HEALTH_READ = "public:health:read"
    PUBLIC_PAGE_READ = "public:page:read"
    PUBLIC_SCHEMA_READ = "public:schema:read"
    PUBLIC_STATIC_READ = "public:static:read"


# Actions anyone may perform without signing in.
PUBLIC_ACTIONS: frozenset[str] = frozenset(
    {
        Action.PUBLIC_HEALTH_READ,
        Action.PUBLIC_PAGE_READ,
        Action.PUBLIC_SCHEMA_READ,
        Action.PUBLIC_STATIC_READ,
    }
)
