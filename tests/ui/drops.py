"""Files dragged onto a widget and dropped, as Qt delivers them: the events the drop tests of
the window, the explain view and the Check URLs tab send."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget


def file_mime(*paths: Path) -> QMimeData:
    """What a file manager puts on the drag: the files' URLs. Keep it alive until the events
    are sent: they do not own it."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    return mime


def enter_event(mime: QMimeData) -> QDragEnterEvent:
    """A drag entering with `mime`, a copy with the left button (`mime` must outlive it)."""
    return QDragEnterEvent(
        QPoint(200, 200),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )


def drop_event(mime: QMimeData) -> QDropEvent:
    """The drop of `mime`, a copy with the left button (`mime` must outlive it)."""
    return QDropEvent(
        QPointF(200, 200),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )


def drag_enter(widget: QWidget, mime: QMimeData) -> QDragEnterEvent:
    """A drag entering `widget`, sent as Qt sends it (an ignored drag goes on to the parent);
    the event, to ask whether it was accepted."""
    event = enter_event(mime)
    QApplication.sendEvent(widget, event)
    return event


def drop_on(widget: QWidget, mime: QMimeData) -> QDropEvent:
    """The drop of `mime` on `widget`, sent as Qt sends it; the event, to ask whether it was
    accepted."""
    event = drop_event(mime)
    QApplication.sendEvent(widget, event)
    return event
