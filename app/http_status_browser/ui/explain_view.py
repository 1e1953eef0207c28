"""The explain view: the codes found in a log, HAR file or transcript, with notes on the
input and two charts; ExplainWorker reads files off the GUI thread and reports by signals,
and FollowWorker keeps reading one file as lines are added (the Follow button)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
    QThread,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from http_status_browser.explain import ExplainOptions, Report, explain_sources, explain_text
from http_status_browser.explain.follow import follow_source
from http_status_browser.explain.verdicts import verdicts
from http_status_browser.registry.model import Registry
from http_status_browser.ui.explain_charts import CodeBarChart, TimelineChart
from http_status_browser.ui.explain_model import ExplainRole, ExplainTableModel
from http_status_browser.ui.html import escape, html_list

log = logging.getLogger(__name__)

WINDOW_OPTIONS = ExplainOptions(top=5, timeline=True)
PROGRESS_STEPS = 1000
FOLLOW_SECONDS = 1.0  # how often a followed file's counts are shown anew


class ExplainWorker(QThread):
    """Reads files (or pasted text) and counts their codes; reports progress by signals."""

    progressed = Signal(int)  # 0..PROGRESS_STEPS, or -1 when the size is unknown
    explained = Signal(object)  # a Report
    failed = Signal(str)

    def __init__(
        self, names: Sequence[str], text: str | None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.names = list(names)
        self.text = text
        self._cancel = threading.Event()
        self._last_step = -2

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, done: int, total: int) -> None:
        step = min(PROGRESS_STEPS, done * PROGRESS_STEPS // total) if total > 0 else -1
        if step != self._last_step:
            self._last_step = step
            self.progressed.emit(step)

    def run(self) -> None:
        try:
            if self.text is not None:
                report = explain_text(self.text, WINDOW_OPTIONS)
            else:
                report = explain_sources(
                    self.names, WINDOW_OPTIONS, progress=self._progress, cancelled=self.is_cancelled
                )
        except Exception as error:  # a bug must not kill the thread silently: say it, log it
            log.exception("explaining %s failed", self.names or "pasted text")
            self.failed.emit(f"Could not explain this input: {error}")
            return
        self.explained.emit(report)


class FollowWorker(ExplainWorker):
    """Reads one file, then the lines added to it (tail -F: rotation by rename or truncation
    included), reporting the counts every FOLLOW_SECONDS until cancelled; the last report
    comes when it stops."""

    def run(self) -> None:
        try:
            report = follow_source(
                self.names[0],
                WINDOW_OPTIONS,
                self.is_cancelled,
                self.explained.emit,
                interval=FOLLOW_SECONDS,
            )
        except Exception as error:  # as ExplainWorker: say it, log it
            log.exception("following %s failed", self.names[0])
            self.failed.emit(f"Could not follow this file: {error}")
            return
        self.explained.emit(report)


class SafeTextBrowser(QTextBrowser):
    """Shows untrusted text as HTML built by us: follows no link and loads no resource."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)

    def loadResource(self, type: int, name: QUrl | str) -> object:
        text = name.toString() if isinstance(name, QUrl) else name
        log.warning("refused to load %s in the explain view", text[:200])
        return None


def report_html(report: Report) -> str:
    """Sources, problems and unread lines: every piece of input text escaped, no links."""
    parts = []
    for source in report.sources:
        unit = "entries" if source.format.value == "har" else "lines"
        parts.append(
            f"<p><b>{escape(source.name)}</b>: {escape(source.format.value)}, "
            f"{source.lines:,} {unit}, {source.codes:,} status codes"
            + (f"<br><i>{escape(source.error)}</i>" if source.error else "")
            + "</p>"
        )
    if report.unread:
        parts.append(
            html_list(
                f"Could not read {report.unread:,}",
                (
                    f"{escape(u.source)} {u.unit} {u.line}: {escape(u.reason)}"
                    + (f"<br><code>{escape(u.text)}</code>" if u.text else "")
                    for u in report.unread_samples
                ),
            )
        )
    return "\n".join(parts)


class ExplainView(QWidget):
    """The codes table, notes on the input, and the two charts, with progress and Cancel."""

    codeRequested = Signal(int)
    closeRequested = Signal()

    def __init__(self, registry: Registry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("explainView")
        self.setAccessibleName("Explain")
        self.registry = registry
        self.worker: ExplainWorker | None = None
        self.report: Report | None = None
        self.file: str | None = None  # the one file explained last: it can be followed
        self.following = False
        self._reselecting = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addLayout(self._build_top())
        layout.addWidget(self._build_body(), 1)
        self.cancel_button.clicked.connect(self.cancel)
        self.follow_button.toggled.connect(self._follow_toggled)
        self.close_button.clicked.connect(self.closeRequested)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

    def _build_top(self) -> QHBoxLayout:
        self.summary = QLabel("Open a log, drop a file here or paste text to explain", self)
        self.summary.setObjectName("explainSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("explainProgress")
        self.progress.setRange(0, PROGRESS_STEPS)
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.cancel_button = QPushButton("&Cancel", self)
        self.cancel_button.setObjectName("explainCancel")
        self.cancel_button.hide()
        self.follow_button = QPushButton("Follow", self)  # no mnemonic: F, L, W and O are taken
        self.follow_button.setObjectName("explainFollow")
        self.follow_button.setCheckable(True)
        self.follow_button.setEnabled(False)
        self.follow_button.setToolTip(
            "Keep reading this file as lines are added, as tail -F does (rotation included)"
        )
        self.close_button = QPushButton("Close", self)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.progress)
        top.addWidget(self.cancel_button)
        top.addWidget(self.follow_button)
        top.addWidget(self.close_button)
        return top

    def _build_body(self) -> QSplitter:
        self.model = ExplainTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(ExplainRole.SORT)
        self.table = QTableView(self)
        self.table.setObjectName("explainTable")
        self.table.setAccessibleName("Status codes found")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        # Rows as high as the text needs, not the style's 30 px.
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.notes = SafeTextBrowser(self)
        self.notes.setObjectName("explainNotes")
        self.notes.setAccessibleName("About the input")
        self.bar_chart = CodeBarChart(self)
        self.timeline = TimelineChart(self)
        self.bar_chart.codeClicked.connect(self.codeRequested)

        left = QSplitter(Qt.Orientation.Vertical, self)
        left.addWidget(self.table)
        left.addWidget(self.bar_chart)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(self.notes)
        right.addWidget(self.timeline)
        body = QSplitter(Qt.Orientation.Horizontal, self)
        body.addWidget(left)
        body.addWidget(right)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)
        return body

    # Starting and stopping

    def explain_files(self, names: Sequence[str]) -> None:
        shown = names[0] if len(names) == 1 else f"{len(names)} files"
        self._start(ExplainWorker(names, None, self), f"Reading {shown}…")
        self.file = names[0] if len(names) == 1 else None

    def explain_text(self, text: str) -> None:
        self._start(ExplainWorker((), text, self), "Reading the pasted text…")
        self.progress.setRange(0, 0)  # no steps to count: busy until done
        self.file = None

    def follow_file(self, name: str) -> None:
        """Reads `name`, then what is added to it, until Follow is clicked again (or Cancel)."""
        self._start(FollowWorker([name], None, self), f"Following {name}…")
        self.progress.setRange(0, 0)  # a followed file has no end to count towards
        self.file = name
        self.following = True
        self._set_follow_checked(True)

    def _set_follow_checked(self, checked: bool) -> None:
        self.follow_button.blockSignals(True)  # the state, not a request to start or stop
        self.follow_button.setChecked(checked)
        self.follow_button.blockSignals(False)

    @Slot(bool)
    def _follow_toggled(self, checked: bool) -> None:
        if checked and self.file is not None:
            self.follow_file(self.file)
        elif not checked:
            self.cancel()

    def _start(self, worker: ExplainWorker, message: str) -> None:
        self.stop()
        self.following = False
        self._set_follow_checked(False)
        self.follow_button.setEnabled(False)
        self.worker = worker
        worker.progressed.connect(self._progressed)
        worker.explained.connect(self._explained)
        worker.failed.connect(self._failed)
        worker.finished.connect(self._finished)
        self.summary.setText(message)
        self.progress.setRange(0, PROGRESS_STEPS)
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.timeline.set_reading()
        worker.start()
        self.follow_button.setEnabled(isinstance(worker, FollowWorker))

    @Slot()
    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.summary.setText("Cancelling…")

    def stop(self) -> None:
        """Cancels a running read and waits for it (at most one megabyte more)."""
        worker = self.worker
        if worker is None:
            return
        worker.cancel()
        for signal in (worker.progressed, worker.explained, worker.failed, worker.finished):
            signal.disconnect()
        worker.wait()
        self.worker = None

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop()  # a thread destroyed while running would abort the app
        super().closeEvent(event)

    def is_busy(self) -> bool:
        """True from the start of a read until its results are shown."""
        return self.worker is not None

    # Results

    @Slot(int)
    def _progressed(self, step: int) -> None:
        if step < 0:
            self.progress.setRange(0, 0)  # busy: the size of standard input is not known
        else:
            self.progress.setRange(0, PROGRESS_STEPS)
            self.progress.setValue(step)

    @Slot(object)
    def _explained(self, report: Report) -> None:
        self.show_report(report)

    @Slot(str)
    def _failed(self, message: str) -> None:
        self.summary.setText(message)

    @Slot()
    def _finished(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.worker = None
        self.following = False
        self._set_follow_checked(False)
        self.follow_button.setEnabled(self.file is not None)

    def show_report(self, report: Report) -> None:
        self.report = report
        found = verdicts(report.codes, report.total, self.registry)
        current = self.table.selectionModel().currentIndex().data(ExplainRole.CODE)
        self.model.set_verdicts(found)
        if isinstance(current, int):  # a followed file's refresh keeps the row the user chose
            self._reselecting = True
            self.select_code(current)
            self._reselecting = False
        self.bar_chart.set_counts([(c.code, c.hits) for c in report.codes])
        self.timeline.set_timeline(report.timeline, report.bucket_seconds)
        self.notes.setHtml(report_html(report))
        names = ", ".join(s.name for s in report.sources)
        state = " (cancelled: counts so far)" if report.cancelled else ""
        if self.following:
            live = self.worker is not None and not self.worker.is_cancelled()
            state = " (following live)" if live else " (followed until stopped)"
        unread = f", {report.unread:,} unread" if report.unread else ""
        if report.total:
            self.summary.setText(
                f"{names}: {report.total:,} status codes, {len(report.codes)} distinct"
                f"{unread}{state}"
            )
        else:
            problems = "; ".join(report.errors) or "no status codes found"
            self.summary.setText(f"Nothing to explain{state}: {problems}")

    def select_code(self, code: int) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ExplainRole.CODE) == code:
                self.table.selectionModel().setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                return True
        return False

    @Slot(QModelIndex, QModelIndex)
    def _row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        code = current.data(ExplainRole.CODE)
        if isinstance(code, int) and not self._reselecting:
            self.codeRequested.emit(code)
