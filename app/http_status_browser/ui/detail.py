"""The detail pane: a code (or a class) explained, with links to related codes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QWidget

from http_status_browser.registry.badges import Badge, BadgeKind, status_badges
from http_status_browser.registry.model import Registry
from http_status_browser.registry.values import Category, Related, Standing, StatusCode
from http_status_browser.ui.colours import (
    CLASS_COLOURS,
    NEUTRAL_COLOUR,
    STANDING_COLOURS,
)
from http_status_browser.ui.example import TRY_SCHEME, example_html
from http_status_browser.ui.html import badge, escape, html_list, level_badge
from http_status_browser.ui.links import (
    STATUS_SCHEME,
    CodeLinkBrowser,
    compare_link,
    situation_link,
    status_link,
)

if TYPE_CHECKING:
    from PySide6.QtCore import QUrl

__all__ = ["STATUS_SCHEME", "DetailView", "status_link"]


def _badge_colour(status: StatusCode, found: Badge) -> str:
    if found.kind is BadgeKind.CLASS:
        return CLASS_COLOURS.get(status.category[0], NEUTRAL_COLOUR)
    if found.kind is BadgeKind.STANDING:
        return STANDING_COLOURS.get(status.standing.value, NEUTRAL_COLOUR)
    return NEUTRAL_COLOUR


def status_html(status: StatusCode, registry: Registry, with_example: bool = True) -> str:
    parts = [f"<h1>{escape(status.title)}</h1>"]
    badges = (badge(b.text, _badge_colour(status, b)) for b in status_badges(status))
    parts.append("<p>" + " ".join(badges) + "</p>")
    if status.standing is Standing.CUSTOM:
        parts.append(f"<p><i>Your own code, from {escape(status.defined_by)}.</i></p>")
    parts.append(f"<p><b>{escape(status.summary)}</b></p>")
    parts.extend(f"<p>{escape(paragraph)}</p>" for paragraph in status.description)
    parts.append(
        html_list(
            "Your notes",
            (f"{escape(note.text)} <i>({escape(note.source)})</i>" for note in status.notes),
        )
    )
    parts.append(
        html_list(
            "Requirements",
            (
                f"{level_badge(rule.level)} {escape(rule.text)} "
                f'<a href="{escape(rule.url)}">{escape(rule.reference)}</a>'
                for rule in status.requirements
            ),
        )
    )
    parts.append(
        html_list(
            "Headers",
            (f"<code>{escape(h.name)}</code>: {escape(h.note)}" for h in status.headers),
        )
    )
    parts.append(
        html_list(
            "Often confused with",
            (_related_item(status, link, registry) for link in status.related),
        )
    )
    parts.append(use_it_when_html(status, registry))
    if with_example:
        parts.append(example_html(status, registry))
    others = [s for s in registry.all_with_code(status.code) if s is not status]
    for other in others:
        parts.append(
            f"<p>Also used by {escape(other.defined_by)} as "
            f"<i>{escape(other.title)}</i>: {escape(other.summary)}</p>"
        )
    parts.append(
        f'<h3>Reference</h3><p><a href="{escape(status.url)}">{escape(status.reference)}</a></p>'
    )
    return "\n".join(parts)


def use_it_when_html(status: StatusCode, registry: Registry) -> str:
    """The situations this code answers; empty until the situations are loaded (after the
    first frame, so that start-up does not wait for them)."""
    if not status.official or not registry.situations_loaded:
        return ""
    situations = registry.situations.answered_by(status.code)
    if not situations:
        return ""
    return html_list(
        "Use it when",
        (f'<a href="{situation_link(s.id)}">{escape(s.title)}</a>' for s in situations),
    )


def _related_item(status: StatusCode, link: Related, registry: Registry) -> str:
    other = registry.lookup(link.code)
    title = other.title if other else str(link.code)
    return (
        f'<a href="{status_link(link.code)}">{escape(title)}</a> '
        f'<small>(<a href="{compare_link(status.code, link.code)}">compare</a>)</small>: '
        f"{escape(link.note)}"
    )


def overview_html(registry: Registry) -> str:
    """The first launch's page: the five classes at a glance, and where to go from here."""
    parts = ["<h1>HTTP status codes at a glance</h1>"]
    parts.append(
        "<p>Type a code, a phrase or a problem in the search box (Ctrl+F); "
        "<b>Which code?</b> (Alt+2) answers a situation, the <b>Decision guide</b> (Alt+3) asks "
        "a few questions, and <b>Check URLs</b> (Alt+4) asks servers what they answer; drop a "
        "log on the window to explain its codes.</p>"
    )
    for category in registry.categories:
        codes = registry.in_category(category.id)
        common = ", ".join(
            f'<a href="{status_link(s.code)}">{s.code}</a>' for s in codes if s.official
        )
        parts.append(
            f"<h3>{badge(category.id, CLASS_COLOURS.get(category.id[0], NEUTRAL_COLOUR))} "
            f"{escape(category.title.split(' ', 1)[-1])}</h3>"
            f"<p>{escape(category.summary)}<br><small>{common}</small></p>"
        )
    return "\n".join(parts)


def category_html(category: Category, statuses: tuple[StatusCode, ...]) -> str:
    parts = [f"<h1>{escape(category.title)}</h1>"]
    parts.append(f"<p><b>{escape(category.summary)}</b></p>")
    parts.extend(f"<p>{escape(paragraph)}</p>" for paragraph in category.description)
    parts.append("<h3>Codes</h3><ul>")
    parts.extend(
        f'<li><a href="{status_link(s.code)}">{escape(s.title)}</a>'
        + ("" if s.official else f" <i>({escape(s.defined_by)})</i>")
        + "</li>"
        for s in statuses
    )
    parts.append("</ul>")
    parts.append(
        f'<h3>Reference</h3><p><a href="{escape(category.url)}">'
        f"{escape(category.reference)}</a></p>"
    )
    return "\n".join(parts)


class DetailView(CodeLinkBrowser):
    """Shows one code or class; status links ask the window to navigate, others open outside."""

    tryRequested = Signal(int)

    def __init__(self, registry: Registry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._registry = registry
        self.setObjectName("detailView")
        self.setAccessibleName("Details")
        self.current: StatusCode | Category | None = None
        # The Example section doubles a page's text: it waits until after the first frame.
        self.examples_shown = False

    def show_status(self, status: StatusCode) -> None:
        self.current = status
        self.setHtml(status_html(status, self._registry, self.examples_shown))

    def show_overview(self) -> None:
        self.current = None
        self.setHtml(overview_html(self._registry))

    def show_no_match(self, query: str) -> None:
        """Nothing matches: no code is explained (the tree pane offers the ways out)."""
        self.current = None
        said = f"No code matches “{escape(query[:80])}”." if query else "No class is selected."
        self.setHtml(f"<h1>No code to explain</h1><p>{said}</p>")

    def show_category(self, category: Category) -> None:
        self.current = category
        self.setHtml(category_html(category, self._registry.in_category(category.id)))

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab leaves the pane: QTextBrowser would walk every link first (a page has dozens;
        the related codes are also Ctrl+K and the tree's context menu away)."""
        return QWidget.focusNextPrevChild(self, next)

    @Slot("QUrl")  # as in CodeLinkBrowser: QUrl's Python type waits for the first click
    def _follow(self, url: QUrl) -> None:
        """The example's "Try it" link; every other link as CodeLinkBrowser follows it."""
        if url.scheme() == TRY_SCHEME:
            if url.path().isdecimal():
                self.tryRequested.emit(int(url.path()))
            return
        super()._follow(url)
