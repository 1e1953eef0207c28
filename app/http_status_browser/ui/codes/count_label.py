"""The status bar's count of the codes the tree shows."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWidget

from http_status_browser.ui.qtvalues import ALIGN_RIGHT, ALIGN_VCENTER, set_enum_property


def count_text(visible: int, total: int) -> str:
    return f"{visible} of {total} codes"


class CountLabel(QLabel):
    """ "12 of 86 codes", in a label as wide as its longest text.

    A label whose size follows its text lays out the status bar and the window again on every
    keystroke that changes the count (7% of a keystroke's instructions), and its edge would
    jump as the digits change.
    """

    def __init__(self, total: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.total = total
        set_enum_property(self, "alignment", ALIGN_RIGHT | ALIGN_VCENTER)
        self._fit()

    def show_count(self, visible: int) -> None:
        self.setText(count_text(visible, self.total))

    def _fit(self) -> None:
        widest = self.fontMetrics().horizontalAdvance(count_text(self.total, self.total))
        margins = self.contentsMargins()
        # A pixel a side for fonts whose digits differ slightly in width.
        width = widest + margins.left() + margins.right() + 2 * self.margin() + 2
        self.setFixedSize(width, self.sizeHint().height())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()
