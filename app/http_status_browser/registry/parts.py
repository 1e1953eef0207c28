"""The parts of a registry that wait until first asked for: its situations and search index.

Read and built here from the data files; the loader and the user's codes hand these to the
registries they build (`assemble`), and the registry cache hands its kept copies instead,
falling back on these when a copy cannot be read (registry/cache.py). The situations and
the search modules are imported on first use: `httpstatus show` needs neither.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from http_status_browser.registry.model import Registry, SortedStatuses
from http_status_browser.registry.values import Category, Language, StatusCode

if TYPE_CHECKING:
    from http_status_browser.registry.search import SearchIndex
    from http_status_browser.registry.situations import SituationBook
    from http_status_browser.registry.words import IndexState


def read_situations(registry: Registry) -> SituationBook:
    """The built-in situations, limited to the codes `registry` has."""
    from http_status_browser.registry.situations import builtin_situations  # noqa: PLC0415

    return builtin_situations(registry.statuses, builtin=registry.builtin)


def build_search_index(registry: Registry, state: IndexState | None = None) -> SearchIndex:
    """The search index of `registry` and its situations; from `state` (what
    SearchIndex.state() gave for the same registry) instead of building, where given."""
    from http_status_browser.registry.search import SearchIndex  # noqa: PLC0415

    expressions = {language.id: language.constant_expr for language in registry.languages}
    return SearchIndex(registry.statuses, expressions, registry.situations, state=state)


def assemble(
    categories: tuple[Category, ...],
    languages: tuple[Language, ...],
    statuses: Iterable[StatusCode],
    origin: str,
    *,
    builtin: bool = False,
) -> Registry:
    """A registry of entries just read, whose situations are read and search index built
    when first used."""
    return Registry(
        categories,
        languages,
        SortedStatuses(statuses),
        origin,
        situations=read_situations,
        search_index=build_search_index,
        builtin=builtin,
    )
