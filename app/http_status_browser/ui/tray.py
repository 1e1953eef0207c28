"""The tray quick lookup (opt-in): a tray icon that opens a small always-on-top search.

Enter copies "404 Not Found" and hides the lookup; Ctrl+Enter opens the main window on the
code. While the tray is on, closing the main window keeps the app running in the tray.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from http_status_browser import APP_NAME
from http_status_browser.desktop.search_provider import top_matches
from http_status_browser.registry.model import Registry
from http_status_browser.ui.settings import TRAY_ENABLED, SettingsReader
from http_status_browser.ui.snippet_panel import copy_text

RESULTS = 8
CODE_ROLE = Qt.ItemDataRole.UserRole


class QuickLookup(QWidget):
    """A search field over the top matches; a frameless tool window above the others."""

    openRequested = Signal(int)
    copied = Signal(str)

    def __init__(self, registry: Registry, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
        self.registry = registry
        self.setWindowTitle(f"{APP_NAME}: quick lookup")
        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText("Code or words: 404, teapot, gateway timeout")
        self.search_edit.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Long summaries end in "..." rather than a horizontal scroll bar.
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.results)
        self.resize(420, 260)
        self.search_edit.textChanged.connect(self._search)
        self.search_edit.installEventFilter(self)

    @Slot(str)
    def _search(self, text: str) -> None:
        self.results.clear()
        for status in top_matches(self.registry, text, RESULTS):
            item = QListWidgetItem(f"{status.title}  ·  {status.summary}")
            item.setData(CODE_ROLE, status.code)
            item.setToolTip(status.summary)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def current_code(self) -> int | None:
        item = self.results.currentItem()
        value = item.data(CODE_ROLE) if item is not None else None
        return value if isinstance(value, int) else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and self._key(event)
        ):
            return True
        return super().eventFilter(watched, event)

    def _key(self, event: QKeyEvent) -> bool:
        """Keys that the field hands to the list and the actions; True when handled."""
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            step = 1 if key == Qt.Key.Key_Down else -1
            row = self.results.currentRow() + step
            if 0 <= row < self.results.count():
                self.results.setCurrentRow(row)
            return True
        if key == Qt.Key.Key_Escape:
            self.hide()
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            code = self.current_code()
            if code is None:
                return True
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.hide()
                self.openRequested.emit(code)
            else:
                self.copy(code)
            return True
        return False

    def copy(self, code: int) -> None:
        status = self.registry.lookup(code)
        if status is not None and copy_text(status.title):
            self.copied.emit(status.title)
            self.hide()

    @Slot()
    def pop_up(self) -> None:
        """Show above the other windows with the field focused and its text selected."""
        self.show()
        self.raise_()
        self.activateWindow()
        self.search_edit.setFocus(Qt.FocusReason.PopupFocusReason)
        self.search_edit.selectAll()


class TrayLookup(QObject):
    """The tray icon, its menu and the quick lookup; on only while the setting is."""

    openRequested = Signal(object)  # a code, or None for the window as it is

    def __init__(self, registry: Registry, settings: QSettings, parent: QObject) -> None:
        super().__init__(parent)
        self.registry = registry
        self.settings = settings
        self.lookup: QuickLookup | None = None
        self.icon: QSystemTrayIcon | None = None
        self.menu: QMenu | None = None

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def wanted(self) -> bool:
        return SettingsReader(self.settings).flag(TRAY_ENABLED, False)

    @Slot(bool)
    def set_enabled(self, enabled: bool) -> bool:
        """Turn the tray on or off and remember it; False when the desktop has no tray."""
        self.settings.setValue(TRAY_ENABLED, enabled)
        app = QApplication.instance()
        on = enabled and self.available()
        if isinstance(app, QApplication):
            # Closing the main window keeps the app in the tray while it is on.
            app.setQuitOnLastWindowClosed(not on)
        if on and self.icon is None:
            self._create()
        elif not on and self.icon is not None:
            self.icon.hide()
            self.icon.deleteLater()
            self.icon = None
        return on or not enabled

    def _create(self) -> None:
        from http_status_browser.ui.appicon import app_icon  # noqa: PLC0415

        self.lookup = self.lookup or QuickLookup(self.registry)
        self.lookup.openRequested.connect(self._open_code)
        self.icon = QSystemTrayIcon(app_icon(), self)
        self.icon.setToolTip(f"{APP_NAME}: click for a quick lookup")
        self.menu = QMenu()
        for text, slot in (
            ("&Quick lookup", self.lookup.pop_up),
            ("&Open window", self._open_window),
            ("&Quit", self._quit),
        ):
            action = QAction(text, self.menu)
            action.triggered.connect(slot)
            self.menu.addAction(action)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.icon.show()

    @Slot()
    def _quit(self) -> None:
        """Close the windows first, so that they save their state, then leave."""
        for widget in QApplication.topLevelWidgets():
            widget.close()
        QApplication.quit()

    @Slot()
    def _open_window(self) -> None:
        self.openRequested.emit(None)

    @Slot(int)
    def _open_code(self, code: int) -> None:
        self.openRequested.emit(code)

    @Slot(QSystemTrayIcon.ActivationReason)
    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger and self.lookup is not None:
            if self.lookup.isVisible():
                self.lookup.hide()
            else:
                self.lookup.pop_up()
