"""Which registry a run uses: the built-in one (through its kept copy where there is one),
the file named by $HTTPSTATUS_REGISTRY, or a file given on the command line.

Reading and checking a file is registry/reading.py's, imported when a file is read: a
start-up that finds the registry cache reads no JSON and imports no reader.
"""

from __future__ import annotations

import os
from functools import cache

from http_status_browser.registry import cache as registry_cache
from http_status_browser.registry.fields import RegistryError
from http_status_browser.registry.model import Registry
from http_status_browser.registry.values import StatusCode

BUILTIN_NAME = "statuses.json"
# The data file sits beside this module in a checkout, a wheel and a PyInstaller bundle alike.
# Found through __file__ rather than importlib.resources, whose imports (zipfile, tempfile,
# shutil) cost about 6 ms of every httpstatus run.
BUILTIN_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), BUILTIN_NAME)
REGISTRY_ENV = "HTTPSTATUS_REGISTRY"


def load_registry_file(path: str | os.PathLike[str]) -> Registry:
    """The registry in the file at `path`, read and checked."""
    from http_status_browser.registry.reading import parse_registry  # noqa: PLC0415

    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError as error:
        raise RegistryError(str(path), "", f"cannot read it: {error.strerror or error}") from None
    return parse_registry(data, str(path))


# What the kept copy of the built-in data is made from (registry/cache.py): the data files
# and the modules that read, hold and index them, named as files so that none is imported
# for it.
CACHE_SOURCES = (
    BUILTIN_NAME,
    "situations.json",
    "loader.py",
    "reading.py",
    "fields.py",
    "values.py",
    "model.py",
    "parts.py",
    "situations.py",
    "practice.py",
    "search.py",
    "words.py",
    "cache.py",
)


def builtin_sources() -> tuple[str, ...]:
    """The files that make the built-in registry, its situations and search index: the
    registry cache's key changes with any of them."""
    folder = os.path.dirname(BUILTIN_PATH)
    return tuple(os.path.join(folder, name) for name in CACHE_SOURCES)


@cache
def builtin_registry() -> Registry:
    """The registry shipped with the app, parsed once per process, or once per change of the
    data or the app where the registry cache can be kept."""
    kept_at = registry_cache.cache_file(builtin_sources())
    kept = registry_cache.load(kept_at, read_again=_read_builtin_statuses)
    if kept is not None:
        return kept
    registry = _read_builtin()
    registry_cache.store(kept_at, registry)
    return registry


def _read_builtin() -> Registry:
    """The built-in registry, read and checked from its data file."""
    from http_status_browser.registry.reading import parse_registry  # noqa: PLC0415

    try:
        with open(BUILTIN_PATH, "rb") as file:
            data = file.read()
    except OSError as error:
        raise RegistryError(
            BUILTIN_PATH, "", f"cannot read the built-in data ({error.strerror}); reinstall the app"
        ) from None
    return parse_registry(data, BUILTIN_NAME, builtin=True)


def _read_builtin_statuses() -> tuple[StatusCode, ...]:
    """The built-in entries from the data file, for a kept copy whose entries prove unreadable."""
    return _read_builtin().statuses


def load_registry(path: str | os.PathLike[str] | None = None) -> Registry:
    """The registry at `path`, else the one named by $HTTPSTATUS_REGISTRY, else the built-in one."""
    chosen = path if path is not None else os.environ.get(REGISTRY_ENV) or None
    if chosen is None:
        return builtin_registry()
    return load_registry_file(chosen)
