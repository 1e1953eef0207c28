"""Typed reads of QSettings: anything missing, corrupt or of the wrong type gives the default."""

from __future__ import annotations

import logging
from enum import StrEnum

from PySide6.QtCore import QByteArray, QSettings

log = logging.getLogger(__name__)

GEOMETRY = "window/geometry"
MAIN_SPLITTER = "window/mainSplitter"
DETAIL_SPLITTER = "window/detailSplitter"
SNIPPET_LANGUAGE = "snippet/language"
LAST_CODE = "selection/code"
CLASSES = "filter/classes"
UNOFFICIAL = "filter/unofficial"
TRAY_ENABLED = "tray/enabled"
THEME = "appearance/theme"
TEXT_SIZE = "appearance/textSize"
START_VIEW = "start/view"
RECENT_LOGS = "explain/recentFiles"


class StartView(StrEnum):
    """What the window shows when it opens without a code asked for."""

    LAST_CODE = "last"
    WHICH_CODE = "which"
    GUIDE = "guide"

    @property
    def label(self) -> str:
        return {
            "last": "The last code shown",
            "which": "Which code? (situations)",
            "guide": "The decision guide",
        }[self.value]


class SettingsReader:
    """Reads values back with a type; logs and ignores what does not fit."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def _raw(self, key: str) -> object:
        try:
            return self.settings.value(key)
        except (RuntimeError, TypeError, ValueError) as error:  # an unreadable stored value
            log.warning("ignoring setting %s: %s", key, error)
            return None

    def _ignored(self, key: str, value: object) -> None:
        if value is not None:
            log.warning("ignoring setting %s: unexpected value %r", key, value)

    def text(self, key: str, default: str) -> str:
        value = self._raw(key)
        if isinstance(value, str):
            return value
        self._ignored(key, value)
        return default

    def integer(self, key: str, default: int | None) -> int | None:
        value = self._raw(key)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().isdecimal():
            return int(value.strip())
        self._ignored(key, value)
        return default

    def flag(self, key: str, default: bool) -> bool:
        value = self._raw(key)
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        self._ignored(key, value)
        return default

    def texts(self, key: str, default: list[str]) -> list[str]:
        value = self._raw(key)
        if isinstance(value, str):  # QSettings stores a one-item list as plain text
            return [value]
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return list(value)
        self._ignored(key, value)
        return default

    def data(self, key: str) -> QByteArray | None:
        value = self._raw(key)
        if isinstance(value, QByteArray):
            return value
        if isinstance(value, bytes):
            return QByteArray(value)
        self._ignored(key, value)
        return None
