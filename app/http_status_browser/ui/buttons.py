"""Push buttons and actions made without naming QIcon, which the first frame does not need.

`QPushButton(text, parent)` and `QAction(text, parent)` have overloads that take an icon
first, and PySide builds QIcon's Python type and its enums (ThemeIcon has about 150 members)
to weigh them: about 10 M instructions before the first frame. Made with the parent alone and
given their text after, they call no such overload.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton, QWidget


def text_button(text: str, parent: QWidget) -> QPushButton:
    """A push button showing `text` (with its & mnemonic)."""
    button = QPushButton(parent)
    button.setText(text)
    return button


def text_action(text: str, parent: QWidget) -> QAction:
    """An action named `text` (with its & mnemonic)."""
    action = QAction(parent)
    action.setText(text)
    return action
