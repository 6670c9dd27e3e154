"""Every emergency policy is exercised by its decision table (policies/tests/emergency.json)."""

from __future__ import annotations

import json

from zorgafstemming.paths import policies_dir


def test_the_table_covers_every_emergency_policy() -> None:
    text = (policies_dir() / "emergency.cedar").read_text(encoding="utf-8")
    table = json.loads((policies_dir() / "tests" / "emergency.json").read_text(encoding="utf-8"))
    ids = {line.split('"')[1] for line in text.splitlines() if line.startswith("@id(")}
    assert ids == {
        "emergency-read",
        "social-worker-requests-emergency-access",
        "dpo-reviews-emergency-access",
    }
    assert ids <= {c["policy"] for c in table["cases"]}
