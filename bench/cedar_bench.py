"""Cedar decisions per second through ``AuthzEngine.decide``, policies parsed once.

Run: ``.venv/bin/python bench/cedar_bench.py``. Writes ``bench/results/cedar.md``.

Scenarios, each over every policy file in ``policies/`` (loaded and validated once):

1. Role-level (the guard): a principal and ``Service::"api"``; the actions of every route.
2. Object-level, as a service asks: an admin acting on a staff account, the resource with its
   organisation in the request's entities (the usual few entities).
3. Object-level with the whole network in the request: 20 organisations and 100 staff
   accounts — what passing a large entity set per request costs.

Baselines in the same run, for the request of scenario 2: ``cedarpy.is_authorized`` with the
policy *text* (parsed on every call — what "parse once" avoids) and with pre-built handles for
policies *and* entities (the floor: no per-request parsing at all). CPU time of this
process; median of 7 interleaved rounds.
"""

from __future__ import annotations

import json
import platform
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import cedarpy

from zorgafstemming.authz.actions import PUBLIC_ACTIONS, Action
from zorgafstemming.authz.engine import AuthzEngine, PolicySource, principal_entities, ref
from zorgafstemming.identity.principal import Principal, Role

RESULTS = Path(__file__).parent / "results" / "cedar.md"
ROUNDS = 7
PER_ROUND = 2_000


def network() -> tuple[list[dict[str, object]], list[Principal]]:
    """20 organisations with 5 staff accounts each, as Cedar entity dicts."""
    entities: list[dict[str, object]] = []
    staff: list[Principal] = []
    for _ in range(20):
        org = uuid.uuid4()
        entities.append({"type": "Organisation", "id": str(org)})
        for _ in range(5):
            account = Principal(uuid.uuid4(), Role.SOCIAL_WORKER, org, uuid.uuid4())
            staff.append(account)
            entities.append(
                {
                    "type": "Account",
                    "id": str(account.account_id),
                    "attrs": {"role": "social_worker", "organisation": ref("Organisation", org)},
                    "parents": [
                        {"type": "Role", "id": "social_worker"},
                        {"type": "Organisation", "id": str(org)},
                    ],
                }
            )
    return entities, staff


def rate(fn: Callable[[], object], n: int) -> float:
    start = time.process_time()
    for _ in range(n):
        fn()
    return n / (time.process_time() - start)


def main() -> None:
    engine = AuthzEngine.load()
    source = PolicySource.read()
    policy_text = "\n".join(source.policies[k] for k in sorted(source.policies))
    actions = [a for a in Action if a not in PUBLIC_ACTIONS]
    admin = Principal(uuid.uuid4(), Role.ADMIN, None, uuid.uuid4())
    worker = Principal(uuid.uuid4(), Role.SOCIAL_WORKER, uuid.uuid4(), uuid.uuid4())
    extra, staff = network()
    target = staff[7]
    resource = next(e for e in extra if e["id"] == str(target.account_id))
    others = [e for e in extra if e is not resource]

    counter = {"i": 0}

    def guard_level() -> object:
        counter["i"] += 1
        who = admin if counter["i"] % 2 else worker
        return engine.decide(who, actions[counter["i"] % len(actions)])

    org_entity = {"type": "Organisation", "id": str(target.organisation_id)}

    def object_level() -> object:
        return engine.decide(admin, Action.IDENTITY_USER_DISABLE, resource, entities=[org_entity])

    def object_level_network() -> object:
        return engine.decide(admin, Action.IDENTITY_USER_DISABLE, resource, entities=others)

    # Baselines: the scenario 2 request straight through cedarpy.
    all_entities = [
        {"uid": {"type": "Role", "id": r.value}, "attrs": {}, "parents": []} for r in Role
    ] + principal_entities(admin)
    for item in (resource, org_entity):
        all_entities.append(
            {
                "uid": {"type": item["type"], "id": item["id"]},
                "attrs": item.get("attrs", {}),
                "parents": item.get("parents", []),
            }
        )
    request = {
        "principal": {"type": "Account", "id": str(admin.account_id)},
        "action": {"type": "Action", "id": Action.IDENTITY_USER_DISABLE.value},
        "resource": {"type": "Account", "id": str(target.account_id)},
        "context": {},
    }
    entities_json = json.dumps(all_entities)
    parsed_entities = cedarpy.Entities.from_json_str(entities_json)
    assert object_level().allowed  # type: ignore[attr-defined]
    assert object_level_network().allowed  # type: ignore[attr-defined]
    assert cedarpy.is_authorized(request, policy_text, entities_json).allowed

    def reparse_every_call() -> object:
        return cedarpy.is_authorized(request, policy_text, entities_json)

    def all_prebuilt() -> object:
        return cedarpy.is_authorized(request, engine.policy_set, parsed_entities)

    scenarios = {
        "engine, role-level (guard)": guard_level,
        "engine, object-level (resource + organisation)": object_level,
        "engine, object-level, whole network (120 entities) per request": object_level_network,
        "baseline: scenario 2 with the policy text parsed per call": reparse_every_call,
        "floor: policies and all entities pre-parsed": all_prebuilt,
    }
    results: dict[str, list[float]] = {name: [] for name in scenarios}
    for _ in range(ROUNDS):
        for name, fn in scenarios.items():
            results[name].append(rate(fn, PER_ROUND))
    medians = {name: statistics.median(v) for name, v in results.items()}
    base = medians["baseline: scenario 2 with the policy text parsed per call"]
    lines = [
        "# Cedar decisions per second",
        "",
        f"`python bench/cedar_bench.py` — Python {platform.python_version()}, cedarpy "
        f"{getattr(cedarpy, '__version__', 'installed')}, {datetime.now(UTC):%Y-%m-%d}; "
        f"{len(engine.policy_ids)} policies from every `policies/*.cedar`; CPU time of this "
        f"process, median of {ROUNDS} interleaved rounds of {PER_ROUND:,} decisions.",
        "",
        "| scenario | decisions/s | vs. parsing per call |",
        "|---|---:|---:|",
    ]
    for name, value in medians.items():
        lines.append(f"| {name} | {value:,.0f} | {value / base:.1f}x |")
    lines += [
        "",
        "Static entities (the four roles, the service) are parsed once into a base handle; each "
        "decision adds only its own entities. Passing a large entity set per request costs "
        "its JSON parse on every call (scenario 3): give Cedar the entities a decision needs, "
        "and put facts in `context`.",
    ]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
