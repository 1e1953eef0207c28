"""A compiled copy of the built-in data, so that a start-up skips decoding and checking it.

statuses.json and situations.json stay the one source: the copy is made from what was just
read and checked, and it is used only while it was made from the same data by the same code.
Its name holds the app's version and a key of that version, the Python bytecode tag
(marshal's format), the format below, the record classes' fields, and the size and
modification time of the data files and of the modules that read them. Anything else (a
changed file, another version, a copy that cannot be read) means reading the JSON again, and
writing a new copy.

The copy holds four parts, each marshal data (built into Python: nothing to import): the
classes and languages as nested tuples tagged with their class, each code's entries the same
way (a part of their own), the situations likewise, and the search index's word lists. The
classes and languages are decoded at once, a code's entries when it is first looked up, the
situations and the index only when asked for (the window after its first frame, a search, the
desktop search): `httpstatus show 404` decodes the few entries it shows and builds neither
the situations nor the index. Decoding every entry at once was 11 of the 16 million
instructions that reading the copy took; the situations and the index, 35 ms to read and
build, come in about 3 ms.

A folder that cannot be written, or a disk without room, only costs that speed: the copy's
file is opened and its room reserved before anything that only the copy needs (the
situations, the search index) is built, so such a start-up builds nothing more than one
without a cache.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
import time
import zlib
from collections.abc import Callable, Sequence
from enum import Enum
from types import MappingProxyType
from typing import TYPE_CHECKING

from http_status_browser import __version__
from http_status_browser.registry import parts
from http_status_browser.registry.folders import app_folder
from http_status_browser.registry.model import Registry, SortedStatuses
from http_status_browser.registry.values import (
    Category,
    Header,
    Language,
    LanguageKind,
    MethodHandling,
    Note,
    OtherConstant,
    RedirectKind,
    Related,
    Requirement,
    Standing,
    StatusCode,
    TemplateKind,
)

if TYPE_CHECKING:
    from http_status_browser.registry.search import SearchIndex
    from http_status_browser.registry.situations import SituationBook
    from http_status_browser.registry.words import IndexState

FORMAT = 3
PREFIX = "registry-"
SUFFIX = ".marshal"
# A copy being written: another name, so that no process takes it for a finished copy.
PARTIAL_PREFIX = ".partial-"
# Another version's copy unchanged this long belongs to an install that is no longer used.
STALE_DAYS = 30
# Room reserved for a copy before it is made (the built-in data's takes about 320 KB): a disk
# that cannot give it fails the store before the situations and the index are built for it.
ROOM = 1 << 20
# Windows opens a descriptor as text unless told otherwise (elsewhere there is no such flag).
_BINARY = getattr(os, "O_BINARY", 0)
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


class KeptStatuses:
    """A copy's entries, each code's decoded when first asked for (registry.model's
    StatusTable): `show 404` decodes the few it names instead of the whole registry.

    `read_again` gives the entries from the data file, for the copy whose part for a code
    cannot be decoded (after a log line); from then on every code's come from there.
    """

    def __init__(
        self,
        parts: dict[int, bytes],
        origin: str,
        read_again: Callable[[], Sequence[StatusCode]] | None = None,
    ) -> None:
        self._parts, self._origin, self._read_again = parts, origin, read_again
        self._decoded: dict[int, tuple[StatusCode, ...]] = {}
        self._all: tuple[StatusCode, ...] | None = None
        self._instead: SortedStatuses | None = None

    @property
    def decoded_codes(self) -> frozenset[int]:
        """The codes whose entries have been decoded so far."""
        return frozenset(self._decoded)

    def with_code(self, code: int) -> tuple[StatusCode, ...]:
        if self._instead is not None:
            return self._instead.with_code(code)
        found = self._decoded.get(code)
        if found is None:
            part = self._parts.get(code)
            if part is None:
                return ()
            try:
                decoded = _decode(marshal.loads(part))
                if not isinstance(decoded, tuple) or not all(
                    type(entry) is StatusCode for entry in decoded
                ):
                    raise ValueError(f"not the entries of code {code}")
            except UNREADABLE as error:
                return self._read_instead(error).with_code(code)
            found = self._decoded[code] = decoded
        return found

    def all(self) -> tuple[StatusCode, ...]:
        if self._instead is not None:
            return self._instead.all()
        if self._all is None:
            entries = [entry for code in sorted(self._parts) for entry in self.with_code(code)]
            if self._instead is not None:  # a part could not be read on the way
                return self._instead.all()
            self._all = tuple(entries)
        return self._all

    def _read_instead(self, error: Exception) -> SortedStatuses:
        message = f"the kept entries in {self._origin} cannot be read ({error})"
        if self._read_again is None:
            raise ValueError(message)
        _note(f"{message}; reading the data file")
        self._instead = SortedStatuses(self._read_again())
        return self._instead


class KeptParts:
    """The parts of a copy that are decoded on first use: the situations and the index. A
    part that cannot be read is read or built again from the data (registry/parts.py)."""

    def __init__(self, situations: bytes, index: bytes, origin: str) -> None:
        self._situations, self._index, self._origin = situations, index, origin

    def situations(self, registry: Registry) -> SituationBook:
        """The situations as they were kept, else (after a log line) situations.json's."""
        from http_status_browser.registry.situations import SituationBook  # noqa: PLC0415

        try:
            decoded = _decode(marshal.loads(self._situations), _situation_classes())
            if not isinstance(decoded, tuple) or len(decoded) != 2:
                raise ValueError("not the situations")
            return SituationBook(*decoded)
        except UNREADABLE as error:
            _note(f"the kept situations in {self._origin} cannot be read ({error})")
        return parts.read_situations(registry)

    def search_index(self, registry: Registry) -> SearchIndex:
        """The search index from its kept word lists, else (after a log line) built again."""
        try:
            state: IndexState = marshal.loads(self._index)
        except UNREADABLE as error:
            _note(f"the kept search index in {self._origin} cannot be read ({error})")
        else:
            try:
                return parts.build_search_index(registry, state)
            except ValueError as error:
                _note(f"the kept search index in {self._origin} does not fit ({error})")
        return parts.build_search_index(registry)


def encode(registry: Registry) -> bytes:
    """The registry's records (each code's entries a part of their own), its situations and
    search index as marshal data (building the latter two if they are not yet); CacheError
    for a value the format lacks."""
    records = _encode((registry.categories, registry.languages, registry.origin))
    codes = sorted({status.code for status in registry.statuses})
    statuses = {code: _dumps(_encode(registry.all_with_code(code))) for code in codes}
    situation_numbers = {cls: number for number, cls in enumerate(_situation_classes())}
    book = registry.situations
    situations = _encode((book.areas, book.situations), situation_numbers)
    index = registry.search_index.state()
    parts = (_dumps(records), _dumps(statuses), _dumps(situations), _dumps(index))
    return _dumps((FORMAT, *parts))


def decode(
    data: bytes,
    origin: str = "the registry cache",
    read_again: Callable[[], Sequence[StatusCode]] | None = None,
) -> Registry:
    """The registry that `encode` wrote (built-in): its classes and languages decoded now,
    its entries, situations and index when first used. Raises one of UNREADABLE on data
    that `encode` did not write; `read_again` is for entries found unreadable later."""
    outer = marshal.loads(data)
    if not isinstance(outer, tuple) or len(outer) != 5 or outer[0] != FORMAT:
        raise ValueError("not a registry cache")
    _, records, statuses, situations, index = outer
    decoded = _decode(marshal.loads(records))
    entries = marshal.loads(statuses)
    if not isinstance(decoded, tuple) or len(decoded) != 3 or not isinstance(entries, dict):
        raise ValueError("not a registry cache")
    categories, languages, registry_origin = decoded
    kept = KeptParts(situations, index, origin)
    return Registry(
        categories,
        languages,
        KeptStatuses(entries, origin, read_again),
        registry_origin,
        situations=kept.situations,
        search_index=kept.search_index,
        builtin=True,
    )


def load(
    path: str, read_again: Callable[[], Sequence[StatusCode]] | None = None
) -> Registry | None:
    """The registry kept at `path`, or None when there is none or it cannot be read;
    `read_again` gives the entries from the data file should a code's prove unreadable."""
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError:
        return None  # the usual case on a first run: no copy yet
    try:
        return decode(data, path, read_again)
    except UNREADABLE as error:
        _note(f"the registry cache {path} cannot be read ({error}); reading statuses.json")
        return None


def store(path: str, registry: Registry, now: float | None = None) -> bool:
    """Keep `registry` at `path` (written whole or not at all), and remove the copies it
    supersedes: the same version's, and any other version's (or a partial file) unchanged
    for STALE_DAYS. Two installs of different versions used in turn (a bundle and a pip
    copy) thus keep a copy each, and an uninstalled version's copy goes in time.

    The file is opened and ROOM reserved in it first: a folder that cannot be written or a
    full disk returns False before encode() builds the situations and the search index.
    """
    folder = os.path.dirname(path)
    partial = os.path.join(folder, f"{PARTIAL_PREFIX}{os.getpid()}-{os.path.basename(path)}")
    try:
        os.makedirs(folder, exist_ok=True)
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _BINARY, 0o644)
        try:
            # Written, not only sized (a sparse file reserves nothing): ENOSPC comes now.
            _write_all(descriptor, bytes(ROOM))
            data = encode(registry)
            os.lseek(descriptor, 0, os.SEEK_SET)
            _write_all(descriptor, data)
            os.ftruncate(descriptor, len(data))
        finally:
            os.close(descriptor)
        os.replace(partial, path)
    except (OSError, CacheError) as error:
        _note(f"cannot keep the registry cache in {folder} ({error})")
        _remove(partial)
        return False
    _remove_superseded(folder, os.path.basename(path), time.time() if now is None else now)
    return True


def _write_all(descriptor: int, data: bytes) -> None:
    """os.write until all of `data` is written (a write may take only part of it)."""
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


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
    with contextlib.suppress(OSError):
        os.remove(path)


def _note(message: str) -> None:
    # logging is imported only here: the command line's start-up never needs it otherwise.
    import logging  # noqa: PLC0415

    logging.getLogger(__name__).info(message)
