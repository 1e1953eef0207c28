"""Runs a URL check on a thread of its own, with its own asyncio loop, and reports by signals:
the window never waits for the network."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Iterator

from PySide6.QtCore import QObject, QThread, Signal

from http_status_browser.check.checker import DEFAULT_OPTIONS, CheckOptions, check_all
from http_status_browser.check.records import CheckResult, Target
from http_status_browser.registry.model import Registry

log = logging.getLogger(__name__)

# Results are handed to the GUI thread in batches: at most this often, or this many.
BATCH_SECONDS = 0.1
BATCH_SIZE = 200


class CheckWorker(QThread):
    """Checks the targets that `targets()` yields (called on the worker's thread, so that a
    file is read there); `cancel` stops it from any thread."""

    checked = Signal(list)  # a batch of CheckResult, in input order
    failed = Signal(str)

    def __init__(
        self,
        registry: Registry,
        targets: Callable[[], Iterator[Target]],
        options: CheckOptions = DEFAULT_OPTIONS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._registry = registry
        self._targets = targets
        self._options = options
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[None] | None = None
        self._cancelled = False
        self.cancelled = False  # whether it ended because of cancel()

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            if self._loop is not None and self._task is not None and not self._loop.is_closed():
                self._loop.call_soon_threadsafe(self._task.cancel)

    def run(self) -> None:
        try:
            asyncio.run(self._main())
        except OSError as error:
            self.failed.emit(f"Could not read the list: {error.strerror or error}")
        except Exception as error:  # a bug must not kill the thread silently: say it, log it
            log.exception("checking URLs failed")
            self.failed.emit(f"Could not check these URLs: {error}")

    async def _main(self) -> None:
        with self._lock:
            if self._cancelled:
                self.cancelled = True
                return
            self._loop = asyncio.get_running_loop()
            self._task = asyncio.current_task()
        try:
            await self._check()
        except asyncio.CancelledError:
            self.cancelled = True
        finally:
            with self._lock:
                self._loop = self._task = None

    async def _check(self) -> None:
        batch: list[CheckResult] = []

        def hand_over() -> None:
            if batch:
                self.checked.emit(list(batch))
                batch.clear()

        async def every_so_often() -> None:
            # A result waiting behind slow ones is shown soon, not when the next one arrives.
            while True:
                await asyncio.sleep(BATCH_SECONDS)
                hand_over()

        ticker = asyncio.create_task(every_so_often())
        try:
            async for result in check_all(self._targets(), self._registry, self._options):
                batch.append(result)
                if len(batch) >= BATCH_SIZE:
                    hand_over()
        finally:
            ticker.cancel()
            hand_over()
