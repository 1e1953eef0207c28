"""A compiled copy of the built-in data, so that a start-up skips decoding and checking it.

statuses.json and situations.json stay the one source: the copy is made from what was just
read and checked, and it is used only while it was made from the same data by the same code.
Its name holds the app's version and a key of that version, the Python bytecode tag
(marshal's format), the format below, the record classes' fields, and the size and
modification time of the data files and of the modules that read them. Anything else (a
changed file, another version, a copy that cannot be read) means reading the JSON again, and
writing a new copy.

The copy holds three parts, each marshal data (built into Python: nothing to import): the
registry's records as nested tuples tagged with their class, the situations the same way, and
the search index's word lists. The registry is decoded at once; the situations and the index
only when asked for (the window after its first frame, a search, the desktop search), so that
`httpstatus show` pays for neither. Reading the registry takes about half the time of reading
the JSON (4.9 against 9.2 ms on the first read of a process on our test machine); the
situations and the index, 35 ms to read and build, come in about 3 ms. A folder that cannot be
written only costs that speed.
"""

from __future__ import annotations

import marshal
import os
import sys
import time
import zlib
from collections.abc import Sequence
from enum import Enum
from types import MappingProxyType

from http_status_browser import __version__
from http_status_browser.registry.folders import app_folder
from http_status_browser.registry.model import (
    Category,
    Header,
    Language,
    LanguageKind,
    MethodHandling,
    Note,
    OtherConstant,
    RedirectKind,
    Registry,
    Related,
    Requirement,
    Standing,
    StatusCode,
    TemplateKind,
)

FORMAT = 2
PREFIX = "registry-"
SUFFIX = ".marshal"
# A copy being written: another name, so that no process takes it for a finished copy.
PARTIAL_PREFIX = ".partial-"
# Another version's copy unchanged this long belongs to an install that is no longer used.
STALE_DAYS = 30
# Tags of the encoded values: a record or an enum member is (class number, ...), a read-only
# mapping is (MAPPING, dict); a tuple of values is a list, as marshal keeps tuples apart.
RECORDS: tuple[type[tuple[object, ...]], ...] = (
    Category,
    Language,
    StatusCode,
    Header,
    Related,
    Requirement,
    OtherConstant,
    Note,
)
ENUMS: tuple[type[Enum], ...] = (Standing, RedirectKind, MethodHandling, LanguageKind, TemplateKind)
CLASSES: tuple[type, ...] = (*RECORDS, *ENUMS)
MAPPING = -1
PLAIN = (str, int, bool, type(None))
_NUMBERS = {cls: number for number, cls in enumerate(CLASSES)}
_FIRST_ENUM = len(RECORDS)
_LEAVES = frozenset(PLAIN)
# Each enum's members by value, in ENUMS' order.
_MEMBERS: tuple[dict[object, Enum], ...] = tuple(
    {member.value: member for member in cls} for cls in ENUMS
)


# typing.TYPE_CHECKING without importing typing (4-6 ms): see registry/records.py.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from http_status_browser.registry.search import IndexState
    from http_status_browser.registry.situations import SituationBook


class CacheError(Exception):
    """A value the cache format does not hold."""


def cache_folder() -> str:
    """The platform's cache folder for this app (see folders.app_folder)."""
    return app_folder("cache")


def _stamp(path: str) -> str:
    try:
        found = os.stat(path)
    except OSError:
        return "-"  # a frozen bundle keeps its modules in an archive: its version says enough
    return f"{found.st_size}.{found.st_mtime_ns}"


def _shape(cls: type) -> str:
    names = cls.__members__ if issubclass(cls, Enum) else getattr(cls, "_fields", ())
    return f"{cls.__name__}:{','.join(names)}"


def cache_key(sources: Sequence[str]) -> str:
    """What the copy must have been made from: `sources` are the data file and the modules
    that read it (see the module's docstring)."""
    shapes = ";".join(_shape(cls) for cls in CLASSES)
    stamps = [_stamp(path) for path in sources]
    text = "|".join([__version__, sys.implementation.cache_tag or "", str(FORMAT), shapes, *stamps])
    return f"{zlib.crc32(text.encode()):08x}"


def cache_file(sources: Sequence[str], folder: str | None = None) -> str:
    """Where the copy made from `sources` is kept: named by the app's version and the key."""
    name = f"{PREFIX}{__version__}-{cache_key(sources)}{SUFFIX}"
    return os.path.join(folder or cache_folder(), name)


def _situation_classes() -> tuple[type, ...]:
    """The situations' records, numbered after CLASSES (imported only when needed)."""
    from http_status_browser.registry.practice import Practice  # noqa: PLC0415
    from http_status_browser.registry.situations import Alternative, Area, Situation  # noqa: PLC0415

    return (*CLASSES, Area, Alternative, Situation, Practice)


def _encode(value: object, numbers: dict[type, int] = _NUMBERS) -> object:
    kind = type(value)
    number = numbers.get(kind)
    if number is not None:
        if isinstance(value, Enum):
            return (number, value.value)
        assert isinstance(value, tuple)
        return (number, *[_encode(item, numbers) for item in value])
    if kind is tuple:
        assert isinstance(value, tuple)
        return [_encode(item, numbers) for item in value]
    if kind is dict or kind is MappingProxyType:
        assert isinstance(value, dict | MappingProxyType)
        encoded = {_encode(key, numbers): _encode(item, numbers) for key, item in value.items()}
        return encoded if kind is dict else (MAPPING, encoded)
    if kind in PLAIN:
        return value
    raise CacheError(f"cannot keep a {kind.__name__} in the registry cache")


def _decode(value: object, classes: tuple[type, ...] = CLASSES) -> object:
    # About 5,000 values a registry: plain ones are taken as they are without a call, and
    # enum members are looked up in a dict rather than through EnumType.__call__.
    kind = type(value)
    if kind is list:
        assert isinstance(value, list)
        return tuple([item if type(item) in _LEAVES else _decode(item, classes) for item in value])
    if kind is tuple:
        assert isinstance(value, tuple)
        number = value[0]
        if number == MAPPING:
            return MappingProxyType(_decode(value[1], classes))  # type: ignore[arg-type]
        if _FIRST_ENUM <= number < len(CLASSES):
            return _MEMBERS[number - _FIRST_ENUM][value[1]]
        return classes[number](
            *[item if type(item) in _LEAVES else _decode(item, classes) for item in value[1:]]
        )
    if kind is dict:
        assert isinstance(value, dict)
        return {_decode(key, classes): _decode(item, classes) for key, item in value.items()}
    return value


def _dumps(value: object) -> bytes:
    # Nested tuples, lists, dicts and plain values, which the stub's type does not spell out.
    return marshal.dumps(value)  # type: ignore[arg-type]


# What a read of the copy raises on data that `encode` did not write.
UNREADABLE = (ValueError, EOFError, TypeError, IndexError, KeyError, AttributeError)


class KeptParts:
    """The parts of a copy that are decoded on first use: the situations and the index."""

    def __init__(self, situations: bytes, index: bytes, origin: str) -> None:
        self._situations, self._index, self._origin = situations, index, origin

    def situations(self) -> SituationBook | None:
        """The situations as they were kept, or None (after a log line) where they cannot be
        read: the caller then reads situations.json."""
        from http_status_browser.registry.situations import SituationBook  # noqa: PLC0415

        try:
            decoded = _decode(marshal.loads(self._situations), _situation_classes())
            if not isinstance(decoded, tuple) or len(decoded) != 2:
                raise ValueError("not the situations")
            return SituationBook(*decoded)
        except UNREADABLE as error:
            _note(f"the kept situations in {self._origin} cannot be read ({error})")
            return None

    def index_state(self) -> IndexState | None:
        """The search index's word lists as they were kept, or None (after a log line)."""
        try:
            state = marshal.loads(self._index)
        except UNREADABLE as error:
            _note(f"the kept search index in {self._origin} cannot be read ({error})")
            return None
        return state  # type: ignore[no-any-return]

    def note_unusable_index(self, error: Exception) -> None:
        _note(f"the kept search index in {self._origin} does not fit ({error})")


def encode(registry: Registry) -> bytes:
    """The registry's records, its situations and search index as marshal data (building the
    latter two if they are not yet); CacheError for a value the format lacks."""
    records = _encode((registry.categories, registry.languages, registry.statuses, registry.origin))
    situation_numbers = {cls: number for number, cls in enumerate(_situation_classes())}
    book = registry.situations
    situations = _encode((book.areas, book.situations), situation_numbers)
    index = registry.search_index.state()
    return _dumps((FORMAT, _dumps(records), _dumps(situations), _dumps(index)))


def decode(data: bytes, origin: str = "the registry cache") -> Registry:
    """The registry that `encode` wrote (built-in), its situations and index to be decoded
    when first used. Raises one of UNREADABLE on data that `encode` did not write."""
    outer = marshal.loads(data)
    if not isinstance(outer, tuple) or len(outer) != 4 or outer[0] != FORMAT:
        raise ValueError("not a registry cache")
    _, records, situations, index = outer
    decoded = _decode(marshal.loads(records))
    if not isinstance(decoded, tuple) or len(decoded) != 4:
        raise ValueError("not a registry cache")
    categories, languages, statuses, registry_origin = decoded
    kept = KeptParts(situations, index, origin)
    return Registry(categories, languages, statuses, registry_origin, builtin=True, kept=kept)


def load(path: str) -> Registry | None:
    """The registry kept at `path`, or None when there is none or it cannot be read."""
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError:
        return None  # the usual case on a first run: no copy yet
    try:
        return decode(data, path)
    except UNREADABLE as error:
        _note(f"the registry cache {path} cannot be read ({error}); reading statuses.json")
        return None


def store(path: str, registry: Registry, now: float | None = None) -> bool:
    """Keep `registry` at `path` (written whole or not at all), and remove the copies it
    supersedes: the same version's, and any other version's (or a partial file) unchanged
    for STALE_DAYS. Two
    installs of different versions used in turn (a bundle and a pip copy) thus keep a copy
    each, and an uninstalled version's copy goes in time."""
    folder = os.path.dirname(path)
    partial = os.path.join(folder, f"{PARTIAL_PREFIX}{os.getpid()}-{os.path.basename(path)}")
    try:
        data = encode(registry)
        os.makedirs(folder, exist_ok=True)
        with open(partial, "wb") as file:
            file.write(data)
        os.replace(partial, path)
    except (OSError, CacheError) as error:
        _note(f"cannot keep the registry cache in {folder} ({error})")
        _remove(partial)
        return False
    _remove_superseded(folder, os.path.basename(path), time.time() if now is None else now)
    return True


def _remove_superseded(folder: str, kept: str, now: float) -> None:
    same_version = f"{PREFIX}{__version__}-"
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if not name.startswith((PREFIX, PARTIAL_PREFIX)) or name == kept:
            continue
        old = os.path.join(folder, name)
        # Another version's copy, or a partial file that a process left when it died while
        # writing (one being written now is minutes old at most), goes once stale.
        if not name.startswith(same_version):
            try:
                if now - os.stat(old).st_mtime < STALE_DAYS * 86400:
                    continue
            except OSError:
                continue
        _remove(old)


def _remove(path: str) -> None:
    """Remove a file if it is there; another process may have removed it first."""
    try:  # noqa: SIM105  (contextlib.suppress: one more import for every `show`)
        os.remove(path)
    except OSError:
        pass


def _note(message: str) -> None:
    # logging is imported only here: the command line's start-up never needs it otherwise.
    import logging  # noqa: PLC0415

    logging.getLogger(__name__).info(message)
