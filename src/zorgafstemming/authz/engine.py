"""The Cedar engine: schema, policies and static entities parsed once, decisions per request.

``AuthzEngine.load()`` reads ``policies/schema.cedarschema`` and every ``policies/*.cedar``,
validates the policies against the schema and refuses to build when anything is wrong (so an
invalid policy stops the service at start-up). ``decide`` answers with the deciding policy's
``@id`` — Cedar itself reports positional ids (``policy0``…), mapped here through the
annotations — or ``"default-deny"`` when no policy matched.

Entities: the principal is ``Account::"<id>"`` in ``Role::"<role>"`` (and its organisation);
the resource defaults to ``Service::"api"`` (role-level decisions). Services pass a resource as
``{"type": T, "id": I, "attrs": {...}, "parents": [{"type": ..., "id": ...}]}`` and any
further entities the policies need (same shape) through ``entities``. Entity references inside
``attrs`` use Cedar's JSON form ``{"__entity": {"type": ..., "id": ...}}`` (see :func:`ref`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cedarpy

from zorgafstemming.authz.actions import Action
from zorgafstemming.identity.principal import Principal, Role
from zorgafstemming.paths import policies_dir

DEFAULT_DENY = "default-deny"
SCHEMA_FILE = "schema.cedarschema"
SERVICE = {"type": "Service", "id": "api"}


class PolicyError(Exception):
    """The policies or schema cannot be parsed or do not validate; the message says where."""


# Where the guard leaves its Decision in the request scope, for the audit context to read.
DECISION_STATE_KEY = "authz_decision"


@dataclass(frozen=True)
class Decision:
    """An authorization answer and the ``@id`` of the policy that decided it."""

    allowed: bool
    policy_id: str


def ref(entity_type: str, entity_id: object) -> dict[str, dict[str, str]]:
    """An entity reference for use inside ``attrs`` or ``context``."""
    return {"__entity": {"type": entity_type, "id": str(entity_id)}}


def _entity(item: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "uid": {"type": item["type"], "id": str(item["id"])},
        "attrs": dict(item.get("attrs", {})),
        "parents": [{"type": p["type"], "id": str(p["id"])} for p in item.get("parents", [])],
    }


def principal_entities(principal: Principal) -> list[dict[str, Any]]:
    """The Cedar entities describing ``principal`` (its account and organisation)."""
    attrs: dict[str, Any] = {"role": principal.role.value}
    parents = [{"type": "Role", "id": principal.role.value}]
    entities: list[dict[str, Any]] = []
    if principal.organisation_id is not None:
        org_id = str(principal.organisation_id)
        attrs["organisation"] = ref("Organisation", org_id)
        parents.append({"type": "Organisation", "id": org_id})
        entities.append({"uid": {"type": "Organisation", "id": org_id}, "attrs": {}, "parents": []})
    entities.insert(
        0,
        {
            "uid": {"type": "Account", "id": str(principal.account_id)},
            "attrs": attrs,
            "parents": parents,
        },
    )
    return entities


@dataclass(frozen=True)
class PolicySource:
    """The text of the schema and of every policy file, as read from disk."""

    schema: str
    policies: dict[str, str]

    @classmethod
    def read(cls, directory: Path | None = None) -> PolicySource:
        folder = directory or policies_dir()
        try:
            schema = (folder / SCHEMA_FILE).read_text(encoding="utf-8")
            files = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.cedar"))}
        except OSError as exc:
            raise PolicyError(f"cannot read policies in {folder}: {exc.strerror}") from None
        if not files:
            raise PolicyError(f"no *.cedar policy files in {folder}")
        return cls(schema=schema, policies=files)


def check_policies(source: PolicySource) -> tuple[Any, Any, dict[str, str]]:
    """Parse and validate ``source``; return (schema, policy set, {cedar id: @id}).

    Raises :class:`PolicyError` naming every problem: a parse error, a validation error
    against the schema, a policy without ``@id`` or an ``@id`` used twice.
    """
    try:
        schema = cedarpy.Schema.from_str(source.schema)
    except ValueError as exc:
        raise PolicyError(f"{SCHEMA_FILE}: {exc}") from None
    problems: list[str] = []
    seen: dict[str, str] = {}
    for name, text in source.policies.items():
        try:
            est = json.loads(cedarpy.policies_to_json_str(text))
        except ValueError as exc:
            problems.append(f"{name}: {exc}")
            continue
        result = cedarpy.validate_policies(text, schema)
        for error in result.errors:
            problems.append(f"{name}: {error}")
        for key, policy in est.get("staticPolicies", {}).items():
            policy_id = (policy.get("annotations") or {}).get("id")
            if not policy_id:
                problems.append(f"{name}: policy {key} has no @id annotation")
            elif policy_id in seen:
                problems.append(f"{name}: @id {policy_id!r} is also used in {seen[policy_id]}")
            else:
                seen[policy_id] = name
        if est.get("templates"):
            problems.append(f"{name}: templates are not used here")
    if problems:
        raise PolicyError("; ".join(problems))
    combined = "\n".join(source.policies[name] for name in sorted(source.policies))
    try:
        policy_set = cedarpy.PolicySet.from_str(combined)
        est = json.loads(cedarpy.policies_to_json_str(combined))
    except ValueError as exc:
        raise PolicyError(str(exc)) from None
    # The positional ids of the combined set, mapped to the annotations once.
    ids = {key: p["annotations"]["id"] for key, p in est.get("staticPolicies", {}).items()}
    return schema, policy_set, ids


_ENGINES: dict[bytes, AuthzEngine] = {}


class AuthzEngine:
    """Cedar decisions with everything static parsed once, at construction."""

    def __init__(self, source: PolicySource) -> None:
        self.schema, self.policy_set, self._annotation_ids = check_policies(source)
        static = [
            {"uid": {"type": "Role", "id": r.value}, "attrs": {}, "parents": []} for r in Role
        ]
        static.append({"uid": dict(SERVICE), "attrs": {}, "parents": []})
        self._static_entities = cedarpy.Entities.from_json_str(json.dumps(static))
        # Route-level answers by (role, has an organisation, action): see ``decide_route``.
        # Not kept when a policy names one account or organisation (then the answer could
        # depend on who, not only on the role).
        self._route_decisions: dict[tuple[Role, bool, str], Decision] = {}
        self._cache_routes = not any(
            f'{kind}::"' in text
            for text in source.policies.values()
            for kind in ("Account", "Organisation")
        )

    @classmethod
    def load(cls, directory: Path | None = None) -> AuthzEngine:
        """Read, validate and parse the policies in ``directory`` (default: ``policies/``).

        Policies are read every time; the same texts give the engine already built from them
        (validation is the costly part, and an engine never changes once built).
        """
        source = PolicySource.read(directory)
        digest = hashlib.sha256(
            json.dumps([source.schema, sorted(source.policies.items())]).encode()
        ).digest()
        engine = _ENGINES.get(digest)
        if engine is None:
            engine = _ENGINES[digest] = cls(source)
        return engine

    @property
    def policy_ids(self) -> frozenset[str]:
        """Every policy ``@id`` loaded."""
        return frozenset(self._annotation_ids.values())

    def decide_route(self, principal: Principal, action: Action | str) -> Decision:
        """May ``principal`` perform ``action`` at all (on the service, without context)?

        Cached per role, whether the principal belongs to an organisation and action: on the
        service resource nothing else of the principal is known to the policies (they name no
        account or organisation), and the policies are fixed for the life of the engine.
        Object-level decisions (:meth:`decide` with a resource) are made per request.
        """
        if not self._cache_routes:
            return self.decide(principal, action)
        key = (principal.role, principal.organisation_id is not None, str(action))
        decision = self._route_decisions.get(key)
        if decision is None:
            decision = self._route_decisions[key] = self.decide(principal, action)
        return decision

    def decide(
        self,
        principal: Principal,
        action: Action | str,
        resource: Mapping[str, Any] | None = None,
        context: Mapping[str, Any] | None = None,
        entities: Sequence[Mapping[str, Any]] = (),
    ) -> Decision:
        """May ``principal`` perform ``action`` on ``resource`` (default: the service)?"""
        delta = principal_entities(principal)
        known = {(e["uid"]["type"], e["uid"]["id"]) for e in delta}
        resource_uid = dict(SERVICE)
        extra = list(entities)
        if resource is not None:
            resource_uid = {"type": resource["type"], "id": str(resource["id"])}
            extra.insert(0, resource)
        for item in extra:
            entity = _entity(item)
            key = (entity["uid"]["type"], entity["uid"]["id"])
            if key not in known:  # the principal may be its own resource (admin self-check)
                known.add(key)
                delta.append(entity)
        request = {
            "principal": {"type": "Account", "id": str(principal.account_id)},
            "action": {"type": "Action", "id": str(action)},
            "resource": resource_uid,
            "context": dict(context or {}),
        }
        result = cedarpy.is_authorized(
            request, self.policy_set, self._static_entities.with_added_json_str(json.dumps(delta))
        )
        reasons = sorted(result.diagnostics.reasons)
        if not reasons:
            return Decision(allowed=False, policy_id=DEFAULT_DENY)
        # Deny with reasons means a forbid matched; Allow means a permit did (and no forbid).
        return Decision(allowed=result.allowed, policy_id=self._annotation_ids[reasons[0]])
