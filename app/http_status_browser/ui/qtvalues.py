"""The few values of Qt's `Qt` namespace that the first frame needs, as Qt's own ints.

PySide6 makes Python enums of the whole `Qt` namespace the first time any of it is used:
about 130 enums (Qt.Key alone has 471 members), some 119 M instructions or 35 ms, a seventh
of the start-up to the first frame. That frame needs a dozen values. They are written here
as Qt 6's C++ values, which tests/ui/test_qtvalues.py checks against PySide's enums, and set
through Qt's property system, which takes ints. The namespace is built after the first frame
(MainWindow.finish_start_up), before the keyboard handling that uses it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

# Qt.ItemDataRole
DISPLAY_ROLE = 0
DECORATION_ROLE = 1
TOOLTIP_ROLE = 3
FONT_ROLE = 6
ACCESSIBLE_DESCRIPTION_ROLE = 12
USER_ROLE = 0x100
# Qt.Orientation
HORIZONTAL = 0x1
VERTICAL = 0x2
# Qt.AlignmentFlag
ALIGN_RIGHT = 0x2
ALIGN_HCENTER = 0x4
ALIGN_VCENTER = 0x80
ALIGN_CENTER = ALIGN_HCENTER | ALIGN_VCENTER
# Qt.TextFormat, Qt.TextInteractionFlag, Qt.ToolButtonStyle, Qt.ContextMenuPolicy
PLAIN_TEXT = 0
TEXT_SELECTABLE_BY_MOUSE = 0x1
TOOL_BUTTON_TEXT_ONLY = 1
CUSTOM_CONTEXT_MENU = 3


def set_enum_property(target: QObject, name: str, value: int) -> None:
    """Set the Qt property `name` (an enum or flags) to Qt's int `value`, as a setter taking
    the PySide enum would: `set_enum_property(label, "alignment", ALIGN_CENTER)`."""
    if not target.setProperty(name, value):
        raise AttributeError(f"{type(target).__name__} has no writable property {name!r}")
