"""A code's badges: the short facts shown beside its title by `httpstatus show` and the window.

One wording for both: the class, the standing, who defines an unofficial or custom code, and
how it caches and redirects.

Annotations are evaluated, not postponed, as in registry/values.py: typing.NamedTuple compiles
a postponed annotation, and the first such compile in a process costs `httpstatus show` about
10 M instructions (callgrind).
"""

from enum import StrEnum
from typing import NamedTuple

from http_status_browser.registry.values import MethodHandling, StatusCode


class BadgeKind(StrEnum):
    """What a badge tells, so that a view can colour it."""

    CLASS = "class"
    STANDING = "standing"
    SOURCE = "source"
    BEHAVIOUR = "behaviour"


class Badge(NamedTuple):
    text: str
    kind: BadgeKind


METHOD_TEXT = {
    MethodHandling.KEPT: "method kept",
    MethodHandling.MAY_CHANGE: "method may change to GET",
    MethodHandling.CHANGES_TO_GET: "method changes to GET",
}


def status_badges(status: StatusCode) -> tuple[Badge, ...]:
    """The badges of `status`, in the order they are shown."""
    badges = [
        Badge(status.category, BadgeKind.CLASS),
        Badge(status.standing.value, BadgeKind.STANDING),
    ]
    if not status.official:
        badges.append(Badge(f"defined by {status.defined_by}", BadgeKind.SOURCE))
    if status.cacheable:
        badges.append(Badge("cacheable by default", BadgeKind.BEHAVIOUR))
    if status.redirect is not None:
        badges.append(Badge(f"{status.redirect.value} redirect", BadgeKind.BEHAVIOUR))
    if status.method is not None:
        badges.append(Badge(METHOD_TEXT[status.method], BadgeKind.BEHAVIOUR))
    return tuple(badges)
