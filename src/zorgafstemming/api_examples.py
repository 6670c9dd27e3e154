"""What the OpenAPI document shows that the handlers cannot say: the schema of a body an
operation builds itself (a download), and request examples of the main operations (fictitious
people; ids are placeholders). :mod:`zorgafstemming.api_document` puts them in place."""

from __future__ import annotations

from typing import Any

from zorgafstemming.authz.actions import Action

# Operations that build their JSON body themselves (a download): the schema of that body.
AUDIT_BUNDLE = {
    "title": "AuditBundle",
    "description": "The sealed audit log, or the events a filter selects with their inclusion"
    " proofs, for offline verification (`zorgafstemming audit verify`).",
    "type": "object",
    "required": ["format", "origin", "public_key", "exported_at", "checkpoints"],
    "properties": {
        "format": {
            "type": "string",
            "enum": ["zorgafstemming-audit-bundle/2", "zorgafstemming-audit-bundle/1"],
        },
        "scope": {
            "type": "string",
            "enum": ["log", "selection"],
            "description": "The whole sealed log, or the events that match the filter.",
        },
        "origin": {"type": "string"},
        "public_key": {"type": "string", "description": "The C2SP verifier key."},
        "exported_at": {"type": "string", "format": "date-time"},
        "selection": {
            "type": ["string", "null"],
            "description": "A selection's signed note: the filter, the checkpoint, how many"
            " events matched and a digest of their positions and leaf hashes.",
        },
        "leaves": {
            "type": "string",
            "contentEncoding": "base64",
            "description": "Whole log: every leaf hash as stored, concatenated.",
        },
        "purged": {
            "type": "array",
            "items": {"type": "integer"},
            "description": "Whole log: the positions of the events whose body was purged.",
        },
        "log": {
            "type": "array",
            "items": {"type": "object"},
            "description": "Whole log: the canonical JSON of every other event, in seq order.",
        },
        "events": {
            "type": "array",
            "description": "A selection: each matching event with its seq, leaf hash, canonical"
            " JSON (absent once purged) and inclusion proof.",
            "items": {
                "type": "object",
                "properties": {
                    "seq": {"type": "integer"},
                    "event": {"type": "object"},
                    "leaf": {"type": "string", "contentEncoding": "base64"},
                    "proof": {
                        "type": "array",
                        "items": {"type": "string", "contentEncoding": "base64"},
                    },
                },
            },
        },
        "checkpoints": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["note", "sealed_at"],
                "properties": {"note": {"type": "string"}, "sealed_at": {"type": "string"}},
            },
        },
        "consistency": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["first", "second", "proof"],
                "properties": {
                    "first": {"type": "integer"},
                    "second": {"type": "integer"},
                    "proof": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
    },
}
RESPONSE_SCHEMAS: dict[str, dict[str, Any]] = {Action.AUDIT_EXPORT_READ: AUDIT_BUNDLE}
# Request examples of the main operations (fictitious people; ids are placeholders).
_ORG = "0190b6a2-7c1e-7d3a-9f00-000000000001"
_MEMBER = "0190b6a2-7c1e-7d3a-9f00-0000000000a1"
EXAMPLES: dict[str, dict[str, Any]] = {
    Action.PUBLIC_AUTH_TOKEN: {
        "email": "hulpverlener@caw.example",
        "password": "stille-rivier-kompas-42",
        "otp": "123456",
    },
    Action.COORDINATION_FILE_CREATE: {
        "members": [
            {
                "ref": "parent",
                "role": "parent",
                "given_name": "Els",
                "family_name": "Peeters",
                "birth_date": "1986-03-01",
                "address": "Kerkstraat 1, 2980 Zoersel",
            },
            {
                "ref": "child",
                "role": "child",
                "given_name": "Mila",
                "family_name": "Peeters",
                "birth_date": "2018-09-01",
            },
        ],
        "consents": [
            {
                "given_by": "parent",
                "members": ["parent", "child"],
                "recipients": [_ORG],
                "purposes": ["care_coordination", "case_meeting"],
                "categories": ["identity", "care_plan", "case_notes"],
                "notice_version": "2026-1",
                "valid_until": "2027-11-30T00:00:00+01:00",
            }
        ],
    },
    Action.COORDINATION_ENTRY_CREATE: {
        "kind": "agreement",
        "category": "care_plan",
        "about": [_MEMBER],
        "body": "Mila gaat vanaf maandag naar de naschoolse opvang.",
    },
    Action.COORDINATION_PARTICIPANT_ADD: {"organisation_id": _ORG},
    Action.COORDINATION_CONSENT_RENEW: {"valid_until": "2028-11-30T00:00:00+01:00"},
    Action.EMERGENCY_GRANT_REQUEST: {
        "file_reference": "7K3M-Q9XD",
        "ground": "risk_to_child",
        "explanation": "De school meldt dat Mila niet naar huis durft.",
        "member_roles": ["child"],
    },
    Action.EMERGENCY_GRANT_REVIEW: {
        "outcome": "justified",
        "note": "Acuut gevaar voor het kind; de toegang bleef beperkt tot het kind.",
    },
    Action.COORDINATION_MEMBER_ADD: {
        "role": "child",
        "given_name": "Lotte",
        "family_name": "Peeters",
        "birth_date": "2026-10-02",
    },
    Action.COORDINATION_MEMBER_CORRECT: {
        "reason": "address_changed",
        "note": "Verhuisd op 1 november.",
        "address": "Dorpsstraat 5, 2980 Zoersel",
    },
    Action.COORDINATION_MEMBER_END: {"reason": "moved_out"},
}
