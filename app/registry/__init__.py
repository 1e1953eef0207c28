"""The status registry: data loading and validation, search and snippets. Imports no Qt."""

from app.registry.fields import RegistryError
from app.registry.loader import builtin_registry, load_registry, parse_registry
from app.registry.model import Category, Language, Registry, Standing, StatusCode
from app.registry.snippets import render_snippet

__all__ = [
    "Category",
    "Language",
    "Registry",
    "RegistryError",
    "Standing",
    "StatusCode",
    "builtin_registry",
    "load_registry",
    "parse_registry",
    "render_snippet",
]
