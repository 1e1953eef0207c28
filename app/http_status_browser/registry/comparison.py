"""Two codes side by side: the rows that tell them apart and what each says about the other.

Shared by `httpstatus compare` and the window's comparison view.
"""

from __future__ import annotations

from typing import NamedTuple

from http_status_browser.registry.model import Registry
from http_status_browser.registry.situations import Situation
from http_status_browser.registry.values import StatusCode


class ComparisonRow(NamedTuple):
    key: str
    label: str
    values: tuple[str, str]

    @property
    def differs(self) -> bool:
        return self.values[0] != self.values[1]


class ComparisonNote(NamedTuple):
    """What one code's entry says about the other ("when to use which")."""

    code: int
    about: int
    note: str


class Comparison(NamedTuple):
    statuses: tuple[StatusCode, StatusCode]
    rows: tuple[ComparisonRow, ...]
    notes: tuple[ComparisonNote, ...]
    situations: tuple[tuple[Situation, ...], tuple[Situation, ...]]


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


_METHOD_TEXT = {
    "kept": "kept",
    "may-change": "may change to GET",
    "changes-to-get": "changes to GET",
}


def _values(status: StatusCode) -> dict[str, str]:
    standing = status.standing.value
    if not status.official:
        standing += f" ({status.defined_by})"
    return {
        "phrase": status.phrase,
        "category": status.category,
        "status": standing,
        "summary": status.summary,
        "headers": ", ".join(h.name for h in status.headers) or "none",
        "cacheable": _yes_no(status.cacheable),
        "content": _yes_no(status.content),
        "redirect": status.redirect.value if status.redirect else "no",
        "method": _METHOD_TEXT[status.method.value] if status.method else "-",
        "requirements": " ".join(f"[{r.level}] {r.text}" for r in status.requirements) or "-",
        "reference": status.reference,
    }


ROW_LABELS = (
    ("phrase", "Phrase"),
    ("category", "Class"),
    ("status", "Standing"),
    ("summary", "Meaning"),
    ("headers", "Headers"),
    ("cacheable", "Cacheable by default"),
    ("content", "May carry content"),
    ("redirect", "Redirect"),
    ("method", "Method on redirect"),
    ("requirements", "Requirements"),
    ("reference", "Reference"),
)


def compare_codes(registry: Registry, left: StatusCode, right: StatusCode) -> Comparison:
    """The comparison of two entries, in the order given."""
    values = (_values(left), _values(right))
    rows = tuple(
        ComparisonRow(key, label, (values[0][key], values[1][key])) for key, label in ROW_LABELS
    )
    notes = tuple(
        ComparisonNote(status.code, other.code, link.note)
        for status, other in ((left, right), (right, left))
        for link in status.related
        if link.code == other.code
    )
    book = registry.situations
    return Comparison(
        statuses=(left, right),
        rows=rows,
        notes=notes,
        situations=(book.answered_by(left.code), book.answered_by(right.code)),
    )
