"""The Check URLs tab: paste URLs or a redirect map, or open or drop a .txt or .csv; a table
that fills while the check runs off the GUI thread (progress, Cancel); the selected row's hops
explained with links to their codes; export as CSV.

Self-contained: the window only adds it as a tab and connects `codeRequested`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from http_status_browser.check.checker import DEFAULT_OPTIONS, CheckOptions
from http_status_browser.check.records import CheckResult, Severity, Target
from http_status_browser.check.report import CsvWriter
from http_status_browser.check.targets import (
    file_looks_like_check_list,
    file_targets,
    text_targets,
    without_credentials,
)
from http_status_browser.registry.model import Registry
from http_status_browser.ui.check_model import CheckResultsModel, CheckRole
from http_status_browser.ui.check_worker import CheckWorker
from http_status_browser.ui.html import escape
from http_status_browser.ui.links import CodeLinkBrowser, status_link

log = logging.getLogger(__name__)

PLACEHOLDER = (
    "Paste URLs, one a line, or a redirect map with one row per moved page:\n"
    "https://old.example/about,https://new.example/about,301"
)


def hops_html(result: CheckResult, registry: Registry) -> str:
    """One result's chain: each hop's status explained and linked to its code, then the
    problems. Everything from the input or a server is escaped."""
    parts = [f"<h3>{escape(result.url)}</h3>"]
    if result.target.expect is not None:
        expect = result.target.expect
        first = f", starting with {expect.first_status}" if expect.first_status else ""
        to = escape(without_credentials(expect.to))
        parts.append(f"<p>Expected: ends at {to} with a 2xx{first}.</p>")
    if result.hops:
        parts.append("<ol>")
        for hop in result.hops:
            status = registry.lookup(hop.status)
            name = f"{hop.status} {escape(hop.reason)}".strip()
            line = f'<a href="{status_link(hop.status)}">{name}</a>' if status else name
            line += f" &middot; {hop.method} {escape(hop.url)} &middot; {hop.ms:.0f} ms"
            if status is not None:
                line += f"<br>{escape(status.summary)}"
            if hop.server_reason and hop.server_reason.lower() != hop.reason.lower():
                line += f"<br>The server called it &ldquo;{escape(hop.server_reason)}&rdquo;."
            if hop.location is not None:
                line += f"<br>Location: {escape(hop.location)}"
            parts.append(f"<li>{line}</li>")
        parts.append("</ol>")
    if result.problems:
        parts.append("<h4>Problems</h4><ul>")
        for problem in result.problems:
            mark = "Error" if problem.severity is Severity.ERROR else "Warning"
            parts.append(f"<li><b>{mark}:</b> {escape(problem.message)}</li>")
        parts.append("</ul>")
    elif result.ok:
        parts.append("<p>No problems found.</p>")
    return "".join(parts)


def _pasted_count(text: str) -> int:
    return sum(
        1 for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    )


class CheckView(QWidget):
    """URLs in, results out: the Check URLs tab."""

    codeRequested = Signal(int)
    finished = Signal()

    def __init__(
        self,
        registry: Registry,
        parent: QWidget | None = None,
        options: CheckOptions = DEFAULT_OPTIONS,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("checkView")
        self.setAccessibleName("Check URLs")
        self.setAcceptDrops(True)
        self.registry = registry
        self.options = options
        self.worker: CheckWorker | None = None
        self._total = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addLayout(self._build_top())
        layout.addWidget(self._build_body(), 1)
        self.start_button.clicked.connect(self.check_pasted)
        self.cancel_button.clicked.connect(self.cancel)
        self.open_button.clicked.connect(self.choose_file)
        self.export_button.clicked.connect(self.choose_export)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.hops.codeRequested.connect(self.codeRequested)

    def _build_top(self) -> QHBoxLayout:
        self.open_button = QPushButton("&Open list…", self)
        self.open_button.setObjectName("checkOpenButton")
        self.open_button.setToolTip("Check a URL list (.txt) or a redirect map (.csv)")
        self.start_button = QPushButton("C&heck", self)
        self.start_button.setObjectName("checkStartButton")
        self.cancel_button = QPushButton("&Cancel", self)
        self.cancel_button.setObjectName("checkCancelButton")
        self.cancel_button.setEnabled(False)
        self.export_button = QPushButton("&Export CSV…", self)
        self.export_button.setObjectName("checkExportButton")
        self.export_button.setEnabled(False)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("checkProgress")
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.summary = QLabel("Paste URLs or a redirect map, or open or drop a list", self)
        self.summary.setObjectName("checkSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        top = QHBoxLayout()
        for widget in (self.open_button, self.start_button, self.cancel_button):
            top.addWidget(widget)
        top.addWidget(self.summary, 1)
        top.addWidget(self.progress)
        top.addWidget(self.export_button)
        return top

    def _build_body(self) -> QSplitter:
        self.urls_edit = QPlainTextEdit(self)
        self.urls_edit.setObjectName("checkUrlsEdit")
        self.urls_edit.setAccessibleName("URLs to check")
        self.urls_edit.setPlaceholderText(PLACEHOLDER)
        self.urls_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.model = CheckResultsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("checkTable")
        self.table.setAccessibleName("Checked URLs")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)  # one line a URL: the pane beside it has the whole story
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.hops = CodeLinkBrowser(self)
        self.hops.setObjectName("checkHopsView")
        self.hops.setAccessibleName("Redirect chain")
        left = QSplitter(Qt.Orientation.Vertical, self)
        left.addWidget(self.urls_edit)
        left.addWidget(self.table)
        left.setStretchFactor(0, 1)
        left.setStretchFactor(1, 3)
        body = QSplitter(Qt.Orientation.Horizontal, self)
        body.addWidget(left)
        body.addWidget(self.hops)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)
        return body

    # Starting and stopping

    @Slot()
    def check_pasted(self) -> None:
        text = self.urls_edit.toPlainText()
        if not text.strip():
            self.summary.setText("Nothing to check: paste URLs or a redirect map first")
            return
        self._start(lambda: text_targets(text), _pasted_count(text), "Checking…")

    def check_file(self, path: str) -> None:
        """Check a URL list, or a redirect map if it is a .csv, read on the worker's thread."""
        self._start(lambda: file_targets(path), 0, f"Checking {path}…")

    @Slot()
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Check a URL list or a redirect map",
            "",
            "URL lists and redirect maps (*.txt *.csv *.list);;All files (*)",
        )
        if path:
            self.check_file(path)

    def _start(self, targets: Callable[[], Iterator[Target]], total: int, message: str) -> None:
        self.stop()
        self.model.clear()
        self.hops.clear()
        self._total = total
        worker = CheckWorker(self.registry, targets, self.options, self)
        worker.checked.connect(self._checked)
        worker.failed.connect(self._failed)
        worker.finished.connect(self._finished)
        self.worker = worker
        self.summary.setText(message)
        self.progress.setRange(0, total)  # 0 to 0: busy, the length of a file is not counted
        self.progress.setValue(0)
        self.progress.show()
        self.start_button.setEnabled(False)
        self.open_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.export_button.setEnabled(False)
        worker.start()

    @Slot()
    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.summary.setText("Cancelling…")

    def stop(self) -> None:
        """Cancel a running check and wait for it: requests in flight are dropped at once."""
        worker = self.worker
        if worker is None:
            return
        worker.cancel()
        for signal in (worker.checked, worker.failed, worker.finished):
            signal.disconnect()
        worker.wait()
        self.worker = None
        self._idle()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop()  # a thread destroyed while running would abort the app
        super().closeEvent(event)

    def is_busy(self) -> bool:
        return self.worker is not None

    def _idle(self) -> None:
        self.progress.hide()
        self.start_button.setEnabled(True)
        self.open_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.export_button.setEnabled(bool(self.model.results))

    # Results

    @Slot(list)
    def _checked(self, results: Sequence[CheckResult]) -> None:
        self.model.append(results)
        done = len(self.model.results)
        if self._total:
            self.progress.setMaximum(max(self._total, done))
            self.progress.setValue(done)
        self.summary.setText(self._counts("Checking: "))
        if self.table.currentIndex().row() < 0:
            self.table.selectRow(0)

    def _counts(self, prefix: str = "") -> str:
        done, failed = len(self.model.results), self.model.failed_count()
        problems = f", {failed:,} with problems" if failed else ", all fine"
        return f"{prefix}{done:,} checked{problems if done else ''}"

    @Slot(str)
    def _failed(self, message: str) -> None:
        self.summary.setText(message)

    @Slot()
    def _finished(self) -> None:
        worker = self.worker
        self.worker = None
        self._idle()
        if worker is not None and worker.cancelled:
            self.summary.setText(self._counts("Cancelled: "))
        elif not self.summary.text().startswith("Could not"):
            self.summary.setText(self._counts())
        self.finished.emit()

    @Slot(QModelIndex, QModelIndex)
    def _row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        result = current.data(CheckRole.RESULT) if current.isValid() else None
        if isinstance(result, CheckResult):
            self.hops.setHtml(hops_html(result, self.registry))

    # Export

    @Slot()
    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export the results", "check-results.csv", "CSV files (*.csv)"
        )
        if path:
            self.export_csv(path)

    def export_csv(self, path: str) -> bool:
        """Write every row as CSV (the columns of `httpstatus check --csv`)."""
        try:
            with open(path, "w", encoding="utf-8", newline="") as stream:
                writer = CsvWriter(stream)
                for result in self.model.results:
                    writer.write(result)
        except OSError as error:
            log.warning("cannot export to %s: %s", path, error)
            self.summary.setText(f"Could not export to {path}: {error.strerror or error}")
            return False
        self.summary.setText(f"Exported {len(self.model.results):,} rows to {path}")
        return True

    # Dropping a list on the tab

    def _dropped_file(self, event: QDragEnterEvent | QDropEvent) -> str | None:
        urls = event.mimeData().urls()
        if len(urls) != 1 or not urls[0].isLocalFile():
            return None
        path = urls[0].toLocalFile()
        # By its first lines, not its name: a log dropped here goes on to the window (Explain).
        return path if file_looks_like_check_list(path) else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_file(event) is not None and not self.is_busy():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_file(event)
        if path is not None and not self.is_busy():
            event.acceptProposedAction()
            self.check_file(path)
        else:
            event.ignore()
