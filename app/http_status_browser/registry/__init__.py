"""The status registry: data loading and validation, search and snippets. Imports no Qt.

parse_registry is registry/reading.py's, imported from there: naming it here would import
the reader into every run, which the registry cache spares.
"""

from http_status_browser.registry.fields import RegistryError
from http_status_browser.registry.loader import builtin_registry, load_registry
from http_status_browser.registry.model import Registry
from http_status_browser.registry.snippets import render_snippet
from http_status_browser.registry.values import Category, Language, Standing, StatusCode

__all__ = [
    "Category",
    "Language",
    "Registry",
    "RegistryError",
    "Standing",
    "StatusCode",
    "builtin_registry",
    "load_registry",
    "render_snippet",
]
