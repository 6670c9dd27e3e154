"""What finding a file by its short reference costs: one keyed hash per open file.

Run: ``.venv/bin/python bench/emergency_lookup_bench.py [--files N]``. Writes
``bench/results/emergency_lookup.md``. Measures the CPU part of
``coordination.emergency.lookup.file_by_reference`` (the audit reference of every open file,
compared with the typed prefix) and, beside it, one emergency-read Cedar decision; the database
part (one indexed scan of the open files' ids) is not in it. Median of 7 interleaved rounds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from zorgafstemming.audit.references import audit_prefix, file_reference
from zorgafstemming.audit.service import audit_ref
from zorgafstemming.authz.actions import Action
from zorgafstemming.authz.engine import AuthzEngine, ref
from zorgafstemming.identity.principal import Principal, Role

RESULTS = Path(__file__).parent / "results" / "emergency_lookup.md"
ROUNDS = 7


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=10_000)
    args = parser.parse_args()
    key = os.urandom(32)
    ids = [uuid.uuid4() for _ in range(args.files)]
    wanted = audit_prefix(file_reference(key, ids[-1]))
    assert wanted is not None
    engine = AuthzEngine.load()
    worker = Principal(uuid.uuid4(), Role.SOCIAL_WORKER, uuid.uuid4(), uuid.uuid4())
    context = {
        "participant": False,
        "consent_covers": False,
        "assigned": False,
        "file_open": True,
        "emergency_grant": {
            "ground": "risk_to_child",
            "holder": ref("Account", worker.account_id),
            "seconds_left": 3600,
        },
    }
    resource = {"type": "CoordinationFile", "id": str(ids[0])}
    lookups: list[float] = []
    decisions: list[float] = []
    for _ in range(ROUNDS):
        start = time.process_time()
        found = [f for f in ids if audit_ref(key, "file", f).startswith(wanted)]
        lookups.append((time.process_time() - start) * 1000)
        assert found == [ids[-1]]
        start = time.process_time()
        for _ in range(200):
            decision = engine.decide(worker, Action.COORDINATION_FILE_READ, resource, context)
        decisions.append((time.process_time() - start) * 1000 / 200)
        assert decision.policy_id == "emergency-read"
    load = os.getloadavg()
    lines = [
        "# Emergency access: finding a file by its short reference",
        "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, Python {sys.version.split()[0]}, "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; CPU time, median of "
        f"{ROUNDS} rounds.",
        "",
        "| what | median ms |",
        "|---|---|",
        f"| reference lookup over {args.files} open files (HMAC each) | "
        f"{statistics.median(lookups):.1f} |",
        f"| one emergency-read Cedar decision | {statistics.median(decisions):.3f} |",
        "",
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
