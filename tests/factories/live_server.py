"""The real app served by uvicorn in a thread of the test process, on a free port."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar

import uvicorn
from litestar import Litestar

from zorgafstemming.config import Settings
from zorgafstemming.db import utcnow
from zorgafstemming.identity.totp import STEP_SECONDS, code_at
from zorgafstemming.runtime import Runtime

T = TypeVar("T")


@dataclass
class LiveServer:
    """The real app served by uvicorn in a background thread.

    Its clock is the real time plus an offset the tests can move forward: TOTP codes are single
    use, so a second sign-in of the same account needs the next 30-second step.
    """

    settings: Settings
    url: str = ""
    offset: timedelta = timedelta(0)
    _server: uvicorn.Server | None = None
    _loop: asyncio.AbstractEventLoop = field(default_factory=asyncio.new_event_loop)
    _thread: threading.Thread | None = None
    _app: Litestar | None = None
    _runtime: Runtime | None = None

    def start(self) -> None:
        from zorgafstemming.app import create_app

        self._runtime = Runtime.build(self.settings, clock=self.now)
        self._app = create_app(self.settings, runtime=self._runtime)
        config = uvicorn.Config(
            self._app, host="127.0.0.1", port=0, log_config=None, lifespan="on", access_log=False
        )
        server = self._server = uvicorn.Server(config)
        thread = self._thread = threading.Thread(
            target=self._run, args=(server,), name="live-server", daemon=True
        )
        thread.start()
        deadline = time.monotonic() + 30
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the live server did not start")
            time.sleep(0.05)
        port = server.servers[0].sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"

    def _run(self, server: uvicorn.Server) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(server.serve())

    def now(self) -> datetime:
        """The server's current time."""
        return utcnow() + self.offset

    def next_code(self, totp_secret: str) -> str:
        """A TOTP code of a step not used before: the server clock moves one step on first."""
        self.offset += timedelta(seconds=STEP_SECONDS)
        return code_at(totp_secret, self.now())

    def run(self, make: Callable[[Runtime], Coroutine[Any, Any, T]]) -> T:
        """Run ``make(runtime)`` on the server's loop (its engine lives there) and return it."""
        if self._runtime is None:
            raise RuntimeError("the live server is not started")
        future = asyncio.run_coroutine_threadsafe(make(self._runtime), self._loop)
        return future.result(timeout=60)

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=30)
        if self._runtime is not None:
            self._loop.run_until_complete(self._runtime.close())
        self._loop.close()
