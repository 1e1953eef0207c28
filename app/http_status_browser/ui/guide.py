"""The decision guide: one question at a time until a code, with a way back to each earlier
question. The questions and their branches come from guide.json."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from http_status_browser.registry.guide import Guide, GuideAnswer, builtin_guide
from http_status_browser.registry.model import Registry
from http_status_browser.ui.html import escape, html_list
from http_status_browser.ui.links import STATUS_SCHEME, status_link

STEP_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMN_WIDTH = 760


class DecisionGuide(QWidget):
    """Asks the guide's questions; answers are buttons, earlier steps a list to go back to.

    The guide file is read the first time the view is shown.
    """

    codeRequested = Signal(int)

    def __init__(self, registry: Registry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("decisionGuide")
        self.setAccessibleName("Decision guide")
        self._registry = registry
        self.guide: Guide | None = None
        # The answers given so far: (question id, index of the answer chosen).
        self.steps: list[tuple[str, int]] = []
        self.result: GuideAnswer | None = None
        self._buttons: list[QPushButton] = []

        self.history = QListWidget(self)
        self.history.setObjectName("guideHistory")
        self.history.setAccessibleName("Earlier questions: activate one to answer it again")
        self.history_label = QLabel("Your answers so far (choose one to change it):", self)
        self.history_label.setBuddy(self.history)
        self.question_label = QLabel(self)
        self.question_label.setObjectName("guideQuestion")
        self.question_label.setWordWrap(True)
        self.help_label = QLabel(self)
        self.help_label.setObjectName("guideHelp")
        self.help_label.setWordWrap(True)
        self.answers = QWidget(self)
        self.answers.setObjectName("guideAnswers")
        self.answers_layout = QVBoxLayout(self.answers)
        self.answers_layout.setContentsMargins(0, 0, 0, 0)
        self.back_button = QPushButton("&Back", self)
        self.back_button.setObjectName("guideBack")
        self.restart_button = QPushButton("Start &over", self)
        self.restart_button.setObjectName("guideRestart")
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("guideOpenCode")
        # At the end: the code in short, the codes to consider instead, and where the last
        # question's other answers lead.
        self.result_label = QLabel(self)
        self.result_label.setObjectName("guideResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.RichText)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.result_label.linkActivated.connect(self._link_activated)
        self.result_label.hide()

        self._lay_out()
        self.back_button.clicked.connect(self.back)
        self.restart_button.clicked.connect(self.restart)
        self.open_button.clicked.connect(self._open_result)
        self.history.itemActivated.connect(self._history_activated)
        self.history.itemClicked.connect(self._history_activated)

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.restart_button)
        buttons.addStretch(1)
        column = QWidget(self)
        column.setMaximumWidth(COLUMN_WIDTH)  # answers read as a list, not as banners
        column_layout = QVBoxLayout(column)
        column_layout.addWidget(self.history_label)
        column_layout.addWidget(self.history)
        column_layout.addSpacing(8)
        column_layout.addWidget(self.question_label)
        column_layout.addWidget(self.help_label)
        column_layout.addWidget(self.answers)
        column_layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)
        column_layout.addWidget(self.result_label)
        column_layout.addStretch(1)
        column_layout.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(column, 1)
        layout.addStretch(0)

    def ensure_loaded(self) -> Guide:
        if self.guide is None:
            self.guide = builtin_guide(self._registry)
            self._render()
        return self.guide

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """1 to 9 choose the numbered answers (keys that reach the guide: a focused button
        or list passes digits on)."""
        text = event.text()
        held = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        plain = not event.modifiers() & held
        if plain and len(text) == 1 and text.isdecimal() and 1 <= int(text) <= len(self._buttons):
            self.answer(int(text) - 1)
            return
        super().keyPressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure_loaded()
        super().showEvent(event)

    def current_question_id(self) -> str | None:
        """The question on screen, or None once the guide has ended at a code."""
        guide = self.ensure_loaded()
        if self.result is not None:
            return None
        if not self.steps:
            return guide.start
        question_id, index = self.steps[-1]
        return guide.question(question_id).answers[index].next

    def answer_buttons(self) -> list[QPushButton]:
        """The buttons for the answers to the question on screen, in order."""
        return list(self._buttons)

    def answer(self, index: int) -> None:
        """Choose answer `index` to the question on screen."""
        guide = self.ensure_loaded()
        question_id = self.current_question_id()
        if question_id is None:
            return
        chosen = guide.question(question_id).answers[index]
        self.steps.append((question_id, index))
        self.result = chosen if chosen.code is not None else None
        self._render()

    @Slot()
    def back(self) -> None:
        if self.steps:
            self.go_to_step(len(self.steps) - 1)

    @Slot()
    def restart(self) -> None:
        self.go_to_step(0)

    def go_to_step(self, step: int) -> None:
        """Return to the question asked at `step` (0 is the first), forgetting later answers."""
        del self.steps[step:]
        self.result = None
        self._render()

    @Slot(QListWidgetItem)
    def _history_activated(self, item: QListWidgetItem) -> None:
        step = item.data(STEP_ROLE)
        if isinstance(step, int):
            self.go_to_step(step)

    @Slot()
    def _open_result(self) -> None:
        if self.result is not None and self.result.code is not None:
            self.codeRequested.emit(self.result.code)

    def _render(self) -> None:
        guide = self.ensure_loaded()
        self.history.clear()
        for step, (question_id, index) in enumerate(self.steps):
            question = guide.question(question_id)
            item = QListWidgetItem(f"{question.text}  →  {question.answers[index].label}")
            item.setData(STEP_ROLE, step)
            item.setToolTip("Answer this question again")
            self.history.addItem(item)
        self.history.setVisible(bool(self.steps))
        self.history_label.setVisible(bool(self.steps))
        if self.steps:
            rows = self.history.sizeHintForRow(0) * len(self.steps)
            self.history.setFixedHeight(rows + 2 * self.history.frameWidth() + 2)
        self.back_button.setEnabled(bool(self.steps))
        self.restart_button.setEnabled(bool(self.steps))
        for button in self._buttons:
            button.hide()
            button.deleteLater()
        self._buttons = []
        if self.result is not None and self.result.code is not None:
            self._render_result(self.result)
            return
        current_id = self.current_question_id()
        assert current_id is not None
        question = guide.question(current_id)
        self.question_label.setText(f"<h2>{escape(question.text)}</h2>")
        self.help_label.setText(escape(question.help))
        self.help_label.setVisible(bool(question.help))
        self.open_button.hide()
        self.result_label.hide()
        for number, answer in enumerate(question.answers, 1):
            button = QPushButton(f"{number}.  {answer.label}", self.answers)
            button.setObjectName(f"guideAnswer{number}")
            button.setStyleSheet("text-align: left; padding: 4px 10px;")
            button.clicked.connect(self._answer_clicked)
            self.answers_layout.addWidget(button)
            button.show()  # a layout shows a new child only later, from the event loop
            self._buttons.append(button)
        self._buttons[0].setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def _answer_clicked(self) -> None:
        sender = self.sender()
        if isinstance(sender, QPushButton) and sender in self._buttons:
            self.answer(self._buttons.index(sender))

    def _render_result(self, result: GuideAnswer) -> None:
        assert result.code is not None
        status = self._registry.lookup(result.code)
        title = status.title if status else str(result.code)
        self.question_label.setText(f"<h2>Use {escape(title)}</h2>")
        self.help_label.setText(escape(result.reason))
        self.help_label.setVisible(True)
        self.open_button.setText(f"&Open {result.code} in the Codes view")
        self.open_button.setVisible(status is not None)
        self.result_label.setText(self._result_html(result))
        self.result_label.setVisible(bool(self.result_label.text()))
        self.open_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _result_html(self, result: GuideAnswer) -> str:
        """What else to know at the end: the codes this one is confused with, and where the
        last question's other answers would have led."""
        status = self._registry.lookup(result.code) if result.code is not None else None
        parts = []
        if status is not None:
            parts.append(f"<p>{escape(status.summary)}</p>")
            parts.append(
                html_list(
                    "Also consider",
                    (
                        f"{self._code_link(link.code)}: {escape(link.note)}"
                        for link in status.related
                    ),
                )
            )
        if self.steps:
            question_id, chosen = self.steps[-1]
            question = self.ensure_loaded().question(question_id)
            parts.append(
                html_list(
                    "Had you answered otherwise",
                    (
                        f"{escape(answer.label)}: {self._code_link(answer.code)}"
                        for index, answer in enumerate(question.answers)
                        if index != chosen and answer.code is not None
                    ),
                )
            )
        return "".join(parts)

    def _code_link(self, code: int) -> str:
        status = self._registry.lookup(code)
        title = status.title if status else str(code)
        return f'<a href="{status_link(code)}">{escape(title)}</a>'

    @Slot(str)
    def _link_activated(self, link: str) -> None:
        scheme, _, code = link.partition(":")
        if scheme == STATUS_SCHEME and code.isdecimal():
            self.codeRequested.emit(int(code))
