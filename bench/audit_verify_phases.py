"""Where offline verification spends its time: CPU time per phase of ``verify_bundle`` on a
synthetic whole-log bundle, beside the raw SHA-256 loop over the same event bytes.

CPU time of this process (``time.process_time``), not wall time, so the split stays readable on
a shared machine; the best of several runs per phase. Prints a table; writes nothing.

Usage: ``.venv/bin/python bench/audit_verify_phases.py [--events N] [--runs N]``
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from audit_bench import synthetic_bundle

from zorgafstemming.audit import bundle as verification
from zorgafstemming.audit.bundle_format import decode_bundle
from zorgafstemming.audit.merkle import Tree
from zorgafstemming.audit.note import Verifier


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    data, texts, vkey = synthetic_bundle(args.events, checkpoint_every=max(1, args.events // 20))
    best: dict[str, float] = {}

    def timed(name: str, fn: Callable[..., Any], *args: Any) -> Any:
        start = time.process_time()
        result = fn(*args)
        spent = time.process_time() - start
        best[name] = min(best.get(name, spent), spent)
        return result

    def raw() -> None:
        sha256 = hashlib.sha256
        for item in texts:
            sha256(item).digest()

    def roots(tree: Tree, checkpoints: list[Any]) -> list[bool]:
        return [tree.root(c.size) == c.root for c in checkpoints]

    def compare(leaves: list[bytes], stored: bytes) -> bool:
        return b"".join(leaves) == stored

    for _ in range(args.runs):
        timed("raw SHA-256 loop (baseline)", raw)
        bundle = timed("decode", decode_bundle, data)
        verifier = Verifier.parse(vkey)
        checkpoints = timed(
            "checkpoint signatures", verification._verify_checkpoints, bundle, verifier
        )
        bodies, purged = verification._bodies_v2(bundle)
        leaves = timed("leaf hashes", verification._leaves_of, bodies, purged)
        tree = timed("tree", Tree, leaves)
        timed("roots", roots, tree, checkpoints)
        timed("stored leaves compared", compare, leaves, bundle.leaves)
        timed("whole verify_bundle", lambda: verification.verify_bundle(data, public_key=vkey))
    raw_time = best["raw SHA-256 loop (baseline)"]
    print(f"| phase ({args.events:,} events) | CPU ms | per event µs |\n|---|---|---|")
    for name, spent in best.items():
        print(f"| {name} | {spent * 1000:.1f} | {spent / args.events * 1e6:.2f} |")
    print(f"\nratio raw / whole verify: {raw_time / best['whole verify_bundle']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
