"""Explain what you see: status codes read from logs, HAR files and transcripts, counted.

Qt-free domain code shared by `httpstatus explain` and the window's explain view.
"""

from http_status_browser.explain.report import Format, Report
from http_status_browser.explain.run import explain_sources, explain_text
from http_status_browser.explain.tally import ExplainOptions

__all__ = ["ExplainOptions", "Format", "Report", "explain_sources", "explain_text"]
