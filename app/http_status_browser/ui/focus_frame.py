"""A frame in the selection colour round a focused view: the style draws a focused tree or
text view like an unfocused one."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

# Only the focused state is styled; the rest stays native.
FOCUS_FRAME = "{kind}:focus {{ border: 2px solid palette(highlight); }}"


def show_focus(*views: QWidget) -> None:
    """A frame in the selection colour round each view while it has the focus."""
    for view in views:
        # The selector names Qt's class (QTreeView), which matches its subclasses too.
        qt_class = next(c for c in type(view).__mro__ if c.__module__.startswith("PySide6"))
        view.setStyleSheet(FOCUS_FRAME.format(kind=qt_class.__name__))
