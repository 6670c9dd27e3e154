"""Prometheus metrics: an operator scraping the metrics listener after some traffic sees the
requests by route template and status, their latency, the audit, retention and outbox gauges
and the rate-limit refusals — and no id in any label."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
import yaml  # type: ignore[import-untyped]  # litestar brings PyYAML, without stubs
from httpx import AsyncClient

from tests.factories.http import asgi_transport
from zorgafstemming.app import create_app
from zorgafstemming.identity import ratelimit
from zorgafstemming.metrics import metrics_app
from zorgafstemming.runtime import Runtime

ALERTS = Path(__file__).resolve().parents[3] / "deploy" / "prometheus" / "alerts.yml"
NAMED_SERIES = (
    "zorgafstemming_requests_total",
    "zorgafstemming_request_duration_seconds_bucket",
    "zorgafstemming_audit_unsealed_events",
    "zorgafstemming_audit_sealing_lag_seconds",
    "zorgafstemming_retention_files_due_for_purge",
    "zorgafstemming_retention_purge_lag_seconds",
    "zorgafstemming_mail_outbox_backlog",
    "zorgafstemming_rate_limit_refusals_total",
)


def _value(scrape: str, series: str) -> float:
    match = re.search(rf"^{re.escape(series)} (\S+)$", scrape, re.MULTILINE)
    return float(match.group(1)) if match else 0.0


async def _scrape(metrics: AsyncClient) -> str:
    response = await metrics.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return response.text


async def test_metrics_show_requests_gauges_and_refusals_without_ids(runtime: Runtime) -> None:
    app = create_app(runtime.settings, runtime=runtime)
    app.state.runtime = runtime
    secret_id = uuid.uuid4()
    limit = ratelimit.Limit("test:metrics", 0, 60)
    refused = 'zorgafstemming_rate_limit_refusals_total{limit="test:metrics"}'
    async with (
        AsyncClient(
            transport=asgi_transport(app, ("127.0.0.1", 40000)), base_url="https://testserver.local"
        ) as client,
        AsyncClient(
            transport=asgi_transport(metrics_app(app), ("127.0.0.1", 40001)),
            base_url="http://metrics.local",
        ) as metrics,
    ):
        before = await _scrape(metrics)
        assert (await client.get("/health/live")).status_code == 200
        assert (await client.get("/health/ready")).status_code == 200
        assert (await client.get(f"/api/v1/files/{secret_id}")).status_code == 401
        with pytest.raises(ratelimit.RateLimited):
            await ratelimit.enforce(runtime, [(limit, "someone@example.test")])
        scrape = await _scrape(metrics)

    for series in NAMED_SERIES:
        assert re.search(rf"^{series}[{{ ]", scrape, re.MULTILINE), series
    live = (
        'zorgafstemming_requests_total{app_name="zorgafstemming",method="GET",'
        'path="/health/live",status_code="200"}'
    )
    assert _value(scrape, live) == _value(before, live) + 1
    # The file route is labelled by its template with the status it answered, never by its id.
    assert re.search(
        r'^zorgafstemming_requests_total\{[^}]*path="/api/v1/files/\{file_id\}",'
        r'status_code="401"\} ',
        scrape,
        re.MULTILINE,
    )
    assert str(secret_id) not in scrape and secret_id.hex not in scrape
    assert "someone@example.test" not in scrape
    assert _value(scrape, refused) == _value(before, refused) + 1
    # The readiness probe's audit write was rolled back: nothing waits for the sealer.
    assert _value(scrape, "zorgafstemming_audit_unsealed_events") == 0
    assert _value(scrape, "zorgafstemming_metrics_database_up") == 1
    _assert_alerts_use_exported_series(scrape)


def _assert_alerts_use_exported_series(scrape: str) -> None:
    """The example alert rules in deploy/ ask only for series the service exports."""
    rules = [r for g in yaml.safe_load(ALERTS.read_text())["groups"] for r in g["rules"]]
    assert {"ZorgAuditSealingLag", "ZorgPurgeLag", "ZorgHigh5xxRate"} <= {r["alert"] for r in rules}
    exported = set(re.findall(r"^(zorgafstemming_\w+?)(?:\{| )", scrape, re.MULTILINE))
    for rule in rules:
        for name in re.findall(r"zorgafstemming_\w+", rule["expr"]):
            assert name in exported, (rule["alert"], name)


async def test_the_public_port_serves_no_metrics(client: AsyncClient) -> None:
    response = await client.get("/metrics")
    assert response.status_code == 404
    assert "zorgafstemming_requests_total" not in response.text
