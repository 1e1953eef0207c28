"""A text browser whose links open codes ("status:404"), comparisons ("compare:401,403") and
situations ("situation:duplicate-record") inside the app, anything else in a web browser."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser, QWidget

if TYPE_CHECKING:
    from PySide6.QtCore import QUrl

STATUS_SCHEME = "status"
COMPARE_SCHEME = "compare"
SITUATION_SCHEME = "situation"


def status_link(code: int) -> str:
    return f"{STATUS_SCHEME}:{code}"


def compare_link(left: int, right: int) -> str:
    return f"{COMPARE_SCHEME}:{left},{right}"


def situation_link(situation_id: str) -> str:
    return f"{SITUATION_SCHEME}:{situation_id}"


class CodeLinkBrowser(QTextBrowser):
    """Read-only HTML whose code and comparison links become signals."""

    codeRequested = Signal(int)
    compareRequested = Signal(int, int)
    situationRequested = Signal(str)
    externalLinkFailed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.document().setDocumentMargin(14)
        self.anchorClicked.connect(self._follow)

    # The slot names its type as text: QUrl's Python type (and its enums) is then built when
    # the first link is clicked, not before the first frame.
    @Slot("QUrl")
    def _follow(self, url: QUrl) -> None:
        scheme, path = url.scheme(), url.path()
        if scheme == STATUS_SCHEME:
            if path.isdecimal():
                self.codeRequested.emit(int(path))
            return
        if scheme == COMPARE_SCHEME:
            left, _, right = path.partition(",")
            if left.isdecimal() and right.isdecimal():
                self.compareRequested.emit(int(left), int(right))
            return
        if scheme == SITUATION_SCHEME:
            self.situationRequested.emit(path)
            return
        if not QDesktopServices.openUrl(url):
            self.externalLinkFailed.emit(url.toString())
