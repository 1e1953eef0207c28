"""One place for unexpected exceptions in the window: log them, show them, keep running."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from http_status_browser import APP_NAME, __version__

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

log = logging.getLogger(__name__)

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


class ErrorReporter:
    """An excepthook that shows a non-modal dialog with the details, ready to copy.

    PySide6 hands exceptions raised in slots to sys.excepthook and then carries on, so after
    the dialog the app keeps running.
    """

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent
        self.dialogs: list[QMessageBox] = []
        self.previous: ExceptHook = sys.excepthook

    def install(self) -> None:
        sys.excepthook = self

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self.previous

    def __call__(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self.previous(kind, error, trace)
            return
        details = "".join(traceback.format_exception(kind, error, trace))
        log.error("unexpected error\n%s", details)
        sys.stderr.write(details)
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415  (only when something broke)

        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(f"{APP_NAME}: unexpected error")
        box.setText(
            f"Something went wrong: {kind.__name__}: {error}\n\n"
            "The app will try to carry on. The details below can be copied into a bug report."
        )
        box.setDetailedText(f"{APP_NAME} {__version__}\n{details}")
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.finished.connect(lambda _result, shown=box: self._forget(shown))
        self.dialogs.append(box)
        box.open()

    def _forget(self, box: QMessageBox) -> None:
        if box in self.dialogs:
            self.dialogs.remove(box)
        box.deleteLater()
