"""Process counters that the domains increment, exposed by ``metrics`` (Prometheus).

Free of the web framework and of the database, so any layer may count. Label values are fixed
names (a limit's name), never a subject, an id or personal data.
"""

from __future__ import annotations

from prometheus_client import Counter

RATE_LIMIT_REFUSALS = Counter(
    "zorgafstemming_rate_limit_refusals",
    "Attempts refused because a rate limit tripped, by limit name (e.g. login:ip).",
    ["limit"],
)


def rate_limit_refused(limit_name: str) -> None:
    """Count one refusal under the named limit."""
    RATE_LIMIT_REFUSALS.labels(limit=limit_name).inc()
