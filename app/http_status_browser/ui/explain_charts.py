"""The explain view's two small charts, painted with QPainter (Qt Charts is not in
PySide6-Essentials): counts by class and code, and codes over time stacked by class."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import UTC, datetime

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from http_status_browser.explain.report import TimeBucket
from http_status_browser.ui.colours import CLASS_COLOURS, NEUTRAL_COLOUR, theme_palette
from http_status_browser.ui.theme import is_dark

# Bottom to top: errors first, so that a burst of 5xx stands on the axis where it is seen.
STACK_ORDER = (5, 4, 3, 2, 1, 0)


def class_colour(digit: int) -> QColor:
    return QColor(CLASS_COLOURS.get(str(digit), NEUTRAL_COLOUR))


def short_count(number: int) -> str:
    if number >= 1_000_000:
        return f"{number / 1_000_000:.1f}M"
    if number >= 10_000:
        return f"{number // 1000}k"
    return str(number)


class _Chart(QWidget):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setMinimumSize(220, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(420, 200)

    def _empty(self, painter: QPainter, text: str) -> None:
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, text)


class CodeBarChart(_Chart):
    """One bar per code, coloured by class, on a log scale so that rare codes still show."""

    codeClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Counts by class and code", parent)
        self.setObjectName("explainBarChart")
        self.bars: list[tuple[int, int]] = []  # (code, count)
        # Where each code's column was painted: (left, right, code), for clicks.
        self.columns: list[tuple[float, float, int]] = []
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def code_at(self, x: float) -> int | None:
        """The code whose column is at `x`, as last painted."""
        return next((code for left, right, code in self.columns if left <= x < right), None)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        code = self.code_at(event.position().x())
        if code is not None and event.button() == Qt.MouseButton.LeftButton:
            self.codeClicked.emit(code)
            return
        super().mousePressEvent(event)

    def set_counts(self, bars: Sequence[tuple[int, int]]) -> None:
        self.bars = list(bars)
        self.setToolTip(
            "Counts by code, log scale: "
            + ", ".join(f"{code}: {count:,}" for code, count in self.bars[:40])
        )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.bars:
            self._empty(painter, "No status codes")
            return
        text = self.palette().color(QPalette.ColorRole.Text)
        metrics = painter.fontMetrics()
        line = metrics.height()
        area = QRectF(8, line + 6, self.width() - 16, self.height() - 3 * line - 14)
        groups: list[int] = []
        for code, _ in self.bars:
            if not groups or groups[-1] != code // 100:
                groups.append(code // 100)
        slots = len(self.bars) + len(groups) - 1  # a gap between classes
        step = area.width() / max(slots, 1)
        width = max(2.0, min(44.0, step * 0.75))
        top = math.log10(max(count for _, count in self.bars) + 1)
        x = area.left()
        group_start = x
        previous = self.bars[0][0] // 100
        totals: dict[int, int] = {}
        self.columns = []
        for code, count in self.bars:
            digit = code // 100
            totals[digit] = totals.get(digit, 0) + count
            if digit != previous:
                self._class_label(painter, previous, totals[previous], (group_start, x), area)
                x += step
                group_start = x
                previous = digit
            height = max(2.0, area.height() * math.log10(count + 1) / top)
            bar = QRectF(x + (step - width) / 2, area.bottom() - height, width, height)
            self.columns.append((x, x + step, code))
            painter.fillRect(bar, class_colour(digit))
            painter.setPen(text)
            label = QRectF(x - 10, area.bottom() + 2, step + 20, line)
            painter.drawText(label, Qt.AlignmentFlag.AlignHCenter, str(code))
            above = QRectF(x - 10, bar.top() - line - 1, step + 20, line)
            painter.drawText(above, Qt.AlignmentFlag.AlignHCenter, short_count(count))
            x += step
        self._class_label(painter, previous, totals[previous], (group_start, x), area)
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(QRectF(8, 2, area.width(), line), Qt.AlignmentFlag.AlignRight, "log scale")
        painter.drawLine(
            int(area.left()), int(area.bottom()), int(area.right()), int(area.bottom())
        )

    def _class_label(
        self, painter: QPainter, digit: int, total: int, span: tuple[float, float], area: QRectF
    ) -> None:
        line = painter.fontMetrics().height()
        left, right = max(0.0, span[0] - 20), min(area.right() + 8, span[1] + 20)
        # Text on the background: the theme's text colour for the class, not the bar's fill
        # (a dark fill on a dark background is unreadable).
        class_text = theme_palette(is_dark(self.palette())).class_text
        painter.setPen(
            QColor(class_text.get(str(digit), self.palette().color(QPalette.ColorRole.Text).name()))
        )
        painter.drawText(
            QRectF(left, area.bottom() + line + 4, right - left, line),
            Qt.AlignmentFlag.AlignHCenter,
            f"{digit}xx: {short_count(total)}",
        )


class TimelineChart(_Chart):
    """Codes per interval stacked by class, errors at the bottom."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Codes over time", parent)
        self.setObjectName("explainTimeline")
        self.buckets: tuple[TimeBucket, ...] = ()
        self.seconds = 0
        self.reading = False

    def set_reading(self) -> None:
        """A read has started: say so rather than that the input has no timestamps."""
        self.reading = True
        self.buckets = ()
        self.update()

    def set_timeline(self, buckets: tuple[TimeBucket, ...], seconds: int) -> None:
        self.reading = False
        self.buckets = buckets
        self.seconds = seconds
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        if not self.buckets:
            self._empty(painter, "Reading…" if self.reading else "No timestamps in this input")
            return
        text = self.palette().color(QPalette.ColorRole.Text)
        metrics = painter.fontMetrics()
        line = metrics.height()
        peak = max(sum(b.by_class) for b in self.buckets) or 1
        # A y axis on the left: 0 and the peak, the widest label setting the margin.
        axis = metrics.horizontalAdvance(f"{peak:,}") + 6
        area = QRectF(8 + axis, line + 6, self.width() - 16 - axis, self.height() - 3 * line - 14)
        painter.setPen(text)
        painter.drawLine(int(area.left()), int(area.top()), int(area.left()), int(area.bottom()))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for value, y in ((peak, area.top()), (0, area.bottom())):
            painter.drawText(QRectF(4, y - line / 2, axis - 2, line), right, f"{value:,}")
        step = area.width() / len(self.buckets)
        for index, bucket in enumerate(self.buckets):
            bottom = area.bottom()
            for digit in STACK_ORDER:
                count = bucket.by_class[digit]
                if count:
                    height = area.height() * count / peak
                    painter.fillRect(
                        QRectF(
                            area.left() + index * step, bottom - height, max(1.0, step - 1), height
                        ),
                        class_colour(digit),
                    )
                    bottom -= height
        painter.setPen(text)
        painter.drawLine(
            int(area.left()), int(area.bottom()), int(area.right()), int(area.bottom())
        )
        below = QRectF(area.left(), area.bottom() + 3, area.width(), line)
        painter.drawText(below, Qt.AlignmentFlag.AlignLeft, self._when(self.buckets[0].start))
        painter.drawText(below, Qt.AlignmentFlag.AlignRight, self._when(self.buckets[-1].start))
        minutes = self.seconds // 60
        size = f"{minutes} min" if minutes < 60 else f"{minutes // 60} h"
        painter.drawText(
            QRectF(area.left(), 2, area.width(), line), f"peak {peak:,} per {size} (UTC)"
        )
        # The legend, centred on its own row below the dates.
        labels = [f"{digit}xx" for digit in (1, 2, 3, 4, 5)]
        width = sum(metrics.horizontalAdvance(label) + 22 for label in labels)
        x = area.center().x() - width / 2
        for digit, label in zip((1, 2, 3, 4, 5), labels, strict=True):
            row = below.bottom() + 2
            painter.fillRect(QRectF(x, row + (line - 10) / 2, 10, 10), class_colour(digit))
            painter.drawText(QRectF(x + 13, row, 60, line), label)
            x += metrics.horizontalAdvance(label) + 22

    @staticmethod
    def _when(seconds: float) -> str:
        return datetime.fromtimestamp(seconds, UTC).strftime("%d %b %H:%M")
