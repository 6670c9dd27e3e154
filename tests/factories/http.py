"""The app over HTTP in the test's own event loop, and the headers every response carries."""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path

from httpx import ASGITransport, Response
from litestar import Litestar

from zorgafstemming.config import Settings
from zorgafstemming.runtime import Runtime

EXPECTED_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}


def assert_security_headers(response: Response) -> None:
    """The headers every response carries, whatever its route or status."""
    for name, value in EXPECTED_HEADERS.items():
        assert response.headers.get(name) == value, name
    csp = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-request-id"]


def asgi_transport(app: Litestar, client: tuple[str, int]) -> ASGITransport:
    """httpx's transport to ``app``, run in the caller's event loop, from address ``client``."""
    # Litestar types its ASGI callable more narrowly than httpx's parameter (scope and message
    # TypedDicts versus plain mappings); the app is a complete ASGI application.
    return ASGITransport(app=app, client=client)  # type: ignore[arg-type]


# One app per worker and kind of settings: building one registers every route (most of a short
# test's time). Each test starts it on its own runtime, database and keys, and stops it after.
_APPS: dict[str, Litestar] = {}


def _app_kind(settings: Settings) -> str:
    """What of ``settings`` the built app holds: all but where this test's data and keys are."""
    return repr(
        replace(
            settings,
            data_dir=Path(),
            database_url="",
            key_dir=None,
            mail_dir=None,
            ledger_path=None,
        )
    )


@asynccontextmanager
async def started_app(runtime: Runtime) -> AsyncIterator[Litestar]:
    """The full app on ``runtime``, its start-up hooks run on entry and its shutdown hooks on exit.

    Litestar's ``app.lifespan()`` holds an anyio task group, which cannot be entered in a
    fixture's set-up and left in its teardown; the hooks themselves are plain calls.
    """
    from zorgafstemming.app import attach_runtime, create_app

    kind = _app_kind(runtime.settings)
    app = _APPS.get(kind)
    if app is None:
        app = _APPS[kind] = create_app(runtime.settings, runtime=runtime)
    attach_runtime(app, runtime)

    async def run_hooks(hooks: Sequence[Callable[..., object]]) -> None:
        for hook in hooks:
            result = hook(app) if inspect.signature(hook).parameters else hook()
            if inspect.isawaitable(result):
                await result

    await run_hooks(app.on_startup)
    try:
        yield app
    finally:
        try:
            await run_hooks(app.on_shutdown[::-1])
        finally:
            attach_runtime(app, None)
            del app.state.runtime


def log_to_captured_stderr() -> None:
    """Write the app's log lines to ``sys.stderr`` as it is now (pytest's ``capsys``).

    The app binds its log stream when it is built, which may be before ``capsys`` replaced it;
    call this first in a test that reads the logs.
    """
    from zorgafstemming.logging import configure_logging

    configure_logging()


# What a refusal must never show, in its body or in the log lines it leaves.
CRASH_MARKERS = ("Traceback", "RecursionError", "OverflowError", "unhandled_exception")


def assert_refused(response: Response, status: int, logs: str, *, html: bool = False) -> None:
    """``response`` refuses with ``status`` as problem+json (or a Dutch page), and neither it
    nor the log lines show a crash."""
    assert response.status_code == status, response.text[:500]
    media_type = "text/html" if html else "application/problem+json"
    assert response.headers["content-type"].startswith(media_type)
    if not html:
        assert response.json()["status"] == status
    assert f'"status": {status}' in logs  # the request's access line: the logs were captured
    for marker in CRASH_MARKERS:
        assert marker not in response.text
        assert marker not in logs, logs[-2000:]
