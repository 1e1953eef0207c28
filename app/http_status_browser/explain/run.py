"""The entry points of explaining: read every input with the reader for its format and count
what they hold. Shared by `httpstatus explain` and the window's explain view.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import IO

from http_status_browser.explain.formats import read_source, read_stream
from http_status_browser.explain.report import Report
from http_status_browser.explain.tally import Cancelled, ExplainOptions, Progress, Tally


def explain_sources(
    names: Sequence[str],
    options: ExplainOptions,
    stdin: IO[bytes] | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Report:
    """Reads every named input ("-" for standard input) and counts what it finds."""
    sizes = []
    for name in names:
        try:
            sizes.append(os.stat(name).st_size if name != "-" else 0)
        except (OSError, ValueError):  # reported when the file is opened
            sizes.append(0)
    total = sum(sizes)
    tally = Tally(options)
    summaries = []
    for index, name in enumerate(names):
        done_before = sum(sizes[:index])

        def report_progress(done: int, done_before: int = done_before) -> None:
            if progress is not None:
                progress(done_before + done, total)

        summaries.append(read_source(name, tally, stdin, report_progress, cancelled))
        if cancelled is not None and cancelled():
            return tally.report(summaries, cancelled=True)
    return tally.report(summaries)


def explain_text(text: str, options: ExplainOptions, name: str = "pasted text") -> Report:
    """Counts the codes in text the user pasted."""
    tally = Tally(options)
    return tally.report([read_stream(name, text.encode("utf-8", errors="replace"), None, tally)])
