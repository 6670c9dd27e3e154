"""Fixtures of the mail tests: an SMTP server in the process and a runtime that uses it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.factories.smtp import SmtpServer
from zorgafstemming.runtime import Runtime


@pytest.fixture
def smtp_server(tmp_path: Path) -> Iterator[SmtpServer]:
    """A running SMTP server that requires STARTTLS and sign-in; stopped afterwards."""
    server = SmtpServer(tmp_path / "relay")
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def mail_runtime(runtime: Runtime, smtp_server: SmtpServer) -> Runtime:
    """The committing runtime, its settings pointed at ``smtp_server``."""
    runtime.settings = smtp_server.settings(runtime.settings)
    return runtime
