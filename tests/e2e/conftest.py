"""Browser tests: Debian's Chromium driven by Playwright against the real app on a live server.

The server is uvicorn in a thread of this process, on a free port of 127.0.0.1, on a fresh
migrated database (PostgreSQL when reachable — always in CI — else SQLite) with the scheduler
off. Tests stay synchronous (Playwright's sync API runs its own loop); data is prepared by
running coroutines on the server's own event loop, with the server's runtime.
"""

from __future__ import annotations

import asyncio
import os
import re
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest
from playwright.sync_api import (
    Browser,
    BrowserType,
    ConsoleMessage,
    Page,
    Playwright,
    expect,
    sync_playwright,
)

from tests.conftest import PG_URL, REQUIRE_PG, _asyncpg_url, _pg_admin, _pg_reachable
from tests.factories.live_server import LiveServer
from zorgafstemming import migrate
from zorgafstemming.config import Settings
from zorgafstemming.crypto.keyfiles import init_keys

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/lib/chromium/chromium")
REQUIRE_BROWSER = os.environ.get("ZORG_REQUIRE_BROWSER") == "1"
ARTEFACTS = Path(__file__).resolve().parents[2] / "test-artefacts"
E2E_DIR = Path(__file__).resolve().parent
# Chromium flags that keep a headless run quiet and offline (no updates, sync or QUIC probes).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

T = TypeVar("T")

# The machine is shared and busy: give assertions time rather than fail on a slow render.
expect.set_options(timeout=15_000)


def _off_loop(fn: Callable[[], T]) -> T:
    """Run ``fn`` in its own thread: Playwright's sync API keeps an event loop running in this one,
    so ``asyncio.run`` (used by migrations and database admin) must happen elsewhere."""
    result: list[T] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            result.append(fn())
        except BaseException as exc:  # re-raised in the calling thread
            errors.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
    return result[0]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder needs the browser."""
    for item in items:
        if E2E_DIR in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session", autouse=True)
def _chromium_present() -> None:
    """Skip with a visible reason when Chromium is missing — or fail, when CI requires it."""
    if os.access(CHROMIUM_PATH, os.X_OK):
        return
    reason = (
        f"Chromium not found at {CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)"
    )
    if REQUIRE_BROWSER:
        pytest.fail(f"{reason} and ZORG_REQUIRE_BROWSER=1", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Drive the system Chromium; never a downloaded one."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM_PATH, "args": CHROMIUM_ARGS}


# Playwright's sync API keeps an event loop marked as running in the main thread while it is
# started; module scope stops it after each browser module, so async tests that follow on the
# same worker still get a thread without a running loop.
@pytest.fixture(scope="module")
def playwright(_pw_api_request_contexts: Any) -> Iterator[Playwright]:
    """Playwright, started for one test module."""
    pw = sync_playwright().start()
    if _pw_api_request_contexts:
        _pw_api_request_contexts.instrument(pw)
    yield pw
    pw.stop()


@pytest.fixture(scope="module")
def browser_type(playwright: Playwright, browser_name: str) -> BrowserType:
    """Chromium (the only browser these tests use)."""
    browser_type: BrowserType = getattr(playwright, browser_name)
    return browser_type


@pytest.fixture(scope="module")
def launch_browser(
    browser_type_launch_args: dict[str, Any], browser_type: BrowserType
) -> Callable[..., Browser]:
    """Launch the system Chromium with the arguments above."""

    def launch(**kwargs: Any) -> Browser:
        return browser_type.launch(**{**browser_type_launch_args, **kwargs})

    return launch


@pytest.fixture(scope="module")
def browser(launch_browser: Callable[..., Browser]) -> Iterator[Browser]:
    """One Chromium per test module."""
    instance = launch_browser()
    yield instance
    instance.close()


@pytest.fixture(scope="session")
def e2e_database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh migrated database for the live server: PostgreSQL when reachable, else SQLite."""
    problem = _off_loop(_pg_reachable)
    if problem is not None and REQUIRE_PG:
        pytest.fail(f"PostgreSQL at {PG_URL} is unreachable ({problem})", pytrace=False)
    if problem is not None:
        url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('e2e') / 'e2e.db'}"
        _off_loop(lambda: migrate.upgrade(url))
        yield url
        return
    name = f"zt_e2e_{uuid.uuid4().hex[:12]}"
    _off_loop(lambda: asyncio.run(_pg_admin(f'CREATE DATABASE "{name}"')))
    url = _asyncpg_url(PG_URL, name)
    try:
        _off_loop(lambda: migrate.upgrade(url))
        yield url
    finally:
        _off_loop(lambda: asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')))


@pytest.fixture(scope="session")
def live_server(
    e2e_database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    """The app on a free port of 127.0.0.1, on a fresh database, scheduler off."""
    data_dir = tmp_path_factory.mktemp("e2e_data")
    init_keys(data_dir / "keys")
    settings = Settings(
        env="development",
        data_dir=data_dir,
        database_url=e2e_database_url,
        key_dir=data_dir / "keys",
        demo=False,
        scheduler_enabled=False,
        log_level="WARNING",
    )
    server = LiveServer(settings)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def base_url(live_server: LiveServer) -> str:
    """pytest-playwright resolves relative ``page.goto`` paths against this."""
    return live_server.url


@pytest.fixture(scope="session")
def browser_context_args(base_url: str) -> dict[str, Any]:
    """A Belgian Dutch browser on the live server; CSP is always enforced (never bypassed)."""
    return {"base_url": base_url, "locale": "nl-BE", "timezone_id": "Europe/Brussels"}


@dataclass
class ConsoleLog:
    """Console errors and warnings and uncaught page errors seen during a test."""

    messages: list[str] = field(default_factory=list)


def _expected_refusal(message: ConsoleMessage) -> bool:
    """Chromium logs every 4xx page as a console error; a refused form or page is intended.

    A 4xx on a sub-resource (a stylesheet, script, image or favicon) is still a failure.
    """
    url = str(message.location.get("url", ""))
    return (
        message.text.startswith("Failed to load resource: the server responded with a status of 4")
        and "/static/" not in url
        and not url.endswith("/favicon.ico")
    )


def watch_console(page: Page) -> ConsoleLog:
    """Start collecting console problems (CSP violations, script errors, failed sub-resources)
    and uncaught page errors of ``page``."""
    log = ConsoleLog()

    def on_console(message: ConsoleMessage) -> None:
        if message.type in ("error", "warning") and not _expected_refusal(message):
            log.messages.append(f"{message.type}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: log.messages.append(f"pageerror: {exc}"))
    return log


@pytest.fixture
def console(page: Page) -> Iterator[ConsoleLog]:
    """The console of the test's page; the test fails if it reported any problem."""
    log = watch_console(page)
    yield log
    assert log.messages == [], "the browser console reported problems"


def screenshot(page: Page, name: str) -> None:
    """Save a full-page screenshot under ``test-artefacts/`` (kept out of git)."""
    ARTEFACTS.mkdir(exist_ok=True)
    safe = re.sub(r"[^a-z0-9_-]+", "-", name.lower())
    page.screenshot(path=str(ARTEFACTS / f"{safe}.png"), full_page=True)
