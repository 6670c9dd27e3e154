"""Loops that the server process runs in the background (the audit sealer, the retention purge),
and the app hooks that start them only when ``settings.scheduler_enabled`` and stop them again."""

from __future__ import annotations

import asyncio
import contextlib
from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Any, ClassVar

from zorgafstemming.runtime import Runtime

if TYPE_CHECKING:
    from collections.abc import Callable

    from litestar import Litestar


class BackgroundLoop(ABC):
    """Runs ``run_round`` after ``first_delay`` seconds and then every ``interval`` seconds until
    stopped; a round that fails is logged and the next one retries."""

    # Each loop names its task, the event a failed round logs, the logger it logs on, and how
    # often it runs unless told otherwise (tests pass shorter times).
    task_name: ClassVar[str]
    failure_event: ClassVar[str]
    log: ClassVar[Any]
    default_interval: ClassVar[float]
    default_first_delay: ClassVar[float] = 0.0

    def __init__(
        self, runtime: Runtime, *, interval: float | None = None, first_delay: float | None = None
    ) -> None:
        self.runtime = runtime
        self.interval = self.default_interval if interval is None else interval
        self.first_delay = self.default_first_delay if first_delay is None else first_delay
        self._task: asyncio.Task[None] | None = None

    @abstractmethod
    async def run_round(self) -> None:
        """One round of the loop's work (each loop defines its own)."""

    async def after_stop(self) -> None:  # noqa: B027 - a hook: most loops need nothing here
        """Called once the loop of a started instance has ended."""

    def start(self) -> None:
        """Start the background loop (idempotent)."""
        if self._task is None:
            self._task = asyncio.create_task(self._loop(), name=self.task_name)

    async def stop(self) -> None:
        """Cancel the loop and wait for it; a round in progress rolls back its transaction."""
        task, self._task = self._task, None
        if task is None:
            return
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await self.after_stop()

    async def _loop(self) -> None:
        await asyncio.sleep(self.first_delay)
        while True:
            try:
                await self.run_round()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # keep the loop alive; the failure is logged, not hidden
                self.log.error(self.failure_event, error_type=type(exc).__name__, exc_info=exc)
            await asyncio.sleep(self.interval)


def start_in_app(
    app: Litestar, state_name: str, build: Callable[[Runtime], BackgroundLoop]
) -> None:
    """Start the loop ``build`` makes and keep it in ``app.state`` unless the scheduler is off."""
    runtime: Runtime = app.state.runtime
    if not runtime.settings.scheduler_enabled:
        return
    loop = build(runtime)
    loop.start()
    setattr(app.state, state_name, loop)


async def stop_in_app(app: Litestar, state_name: str) -> None:
    """Stop the loop kept in ``app.state`` under ``state_name``, if one runs."""
    loop: BackgroundLoop | None = getattr(app.state, state_name, None)
    if loop is not None:
        await loop.stop()
        setattr(app.state, state_name, None)
