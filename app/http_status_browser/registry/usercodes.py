"""The user's own codes file (codes.toml): custom codes and personal notes on existing codes.

Reading it never fails: what is valid is used, every problem is reported with the file, the
line or entry and the field, and the file itself is never written.

Annotations are evaluated, not postponed, as in registry/values.py: typing.NamedTuple
compiles each postponed one, which cost 1 ms of every `httpstatus` run for these records.
"""

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from http_status_browser.registry.fields import CODE_RANGE
from http_status_browser.registry.folders import app_folder
from http_status_browser.registry.model import Registry
from http_status_browser.registry.parts import assemble
from http_status_browser.registry.values import Note, Standing, StatusCode

if TYPE_CHECKING:
    from pathlib import Path

FILE_NAME = "codes.toml"
CODES_ENV = "HTTPSTATUS_CODES"
DEFAULT_SOURCE = "custom"
CODE_FIELDS = frozenset(
    {"code", "phrase", "summary", "description", "source", "aliases", "reference", "url"}
)
NOTE_FIELDS = frozenset({"code", "text", "source"})


def config_folder() -> str:
    """The platform's configuration folder for this app (see folders.app_folder)."""
    return app_folder("config")


def config_dir() -> "Path":
    """config_folder() as a Path."""
    from pathlib import Path  # noqa: PLC0415

    return Path(config_folder())


def user_codes_file() -> str:
    """$HTTPSTATUS_CODES, else codes.toml in the platform's configuration folder.

    A string, not a Path: pathlib (with urllib.parse and ipaddress) costs about 10 ms of
    every `httpstatus show`, which only needs to try opening the file.
    """
    override = os.environ.get(CODES_ENV)
    if override:
        return override
    return os.path.join(config_folder(), FILE_NAME)


def user_codes_path() -> "Path":
    """user_codes_file() as a Path."""
    from pathlib import Path  # noqa: PLC0415

    return Path(user_codes_file())


class UserCode(NamedTuple):
    code: int
    phrase: str
    summary: str
    description: tuple[str, ...]
    source: str
    aliases: tuple[str, ...]
    reference: str
    url: str


class UserNote(NamedTuple):
    code: int
    text: str
    source: str


class UserCodes(NamedTuple):
    """What a codes file holds, and every problem found in it."""

    path: str
    codes: tuple[UserCode, ...] = ()
    notes: tuple[UserNote, ...] = ()
    problems: tuple[str, ...] = ()
    exists: bool = False


class _Entry:
    """One [[code]] or [[note]] table, read field by field; problems are collected."""

    def __init__(self, where: str, table: dict[str, object], allowed: frozenset[str]) -> None:
        self.where = where
        self.table = table
        self.problems: list[str] = [
            f"{where}: unknown field '{key}'" for key in sorted(set(table) - allowed)
        ]

    def text(self, key: str, default: str | None = None) -> str:
        value = self.table.get(key, default)
        if isinstance(value, str) and value.strip():
            return value.strip()
        if value is None:
            self.problems.append(f"{self.where}: missing field '{key}'")
        else:
            self.problems.append(f"{self.where}, field '{key}': expected non-empty text")
        return ""

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
            return tuple(v.strip() for v in value)
        self.problems.append(f"{self.where}, field '{key}': expected text or a list of text")
        return ()

    def code(self) -> int:
        value = self.table.get("code")
        if isinstance(value, bool) or not isinstance(value, int):
            self.problems.append(f"{self.where}, field 'code': expected a whole number")
            return 0
        if value not in CODE_RANGE:
            self.problems.append(f"{self.where}, field 'code': {value} is not from 100 to 599")
            return 0
        return value


def _entries(
    data: dict[str, object], key: str, allowed: frozenset[str], problems: list[str]
) -> Iterator[_Entry]:
    """Each [[key]] table as an _Entry; what is not a table is a problem."""
    tables = data.get(key, [])
    if not isinstance(tables, list):
        problems.append(f"'{key}' must be a list of tables: write [[{key}]] for each one")
        return
    for index, table in enumerate(tables):
        where = f"{key}[{index}]"
        if isinstance(table, dict):
            yield _Entry(where, table, allowed)
        else:
            problems.append(f"{where}: expected a table")


def parse_user_codes(text: str, path: str | os.PathLike[str]) -> UserCodes:
    """Parse a codes file's text; problems are listed, never raised."""
    import tomllib  # noqa: PLC0415  (most users have no codes file)
    from pathlib import Path  # noqa: PLC0415

    path = os.fspath(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return UserCodes(path, problems=(f"{path}: not valid TOML: {error}",), exists=True)
    problems: list[str] = [
        f"unknown section '{key}' (expected [[code]] or [[note]])"
        for key in sorted(set(data) - {"code", "note"})
    ]
    file_url = Path(path).resolve().as_uri()
    codes: list[UserCode] = []
    seen: set[int] = set()
    for entry in _entries(data, "code", CODE_FIELDS, problems):
        number = entry.code()
        if number:
            entry.where = f"{entry.where} ({number})"
        source = entry.text("source", DEFAULT_SOURCE)
        user_code = UserCode(
            code=number,
            phrase=entry.text("phrase"),
            summary=entry.text("summary"),
            description=entry.texts("description"),
            source=source,
            aliases=entry.texts("aliases"),
            reference=entry.text("reference", f"{source} ({FILE_NAME})"),
            url=entry.text("url", file_url),
        )
        if number and number in seen:
            entry.problems.append(f"{entry.where}: code {number} is listed twice")
        problems.extend(entry.problems)
        if not entry.problems:
            seen.add(number)
            codes.append(user_code)
    notes: list[UserNote] = []
    for entry in _entries(data, "note", NOTE_FIELDS, problems):
        note = UserNote(
            code=entry.code(), text=entry.text("text"), source=entry.text("source", DEFAULT_SOURCE)
        )
        problems.extend(entry.problems)
        if not entry.problems:
            notes.append(note)
    located = tuple(f"{path}: {problem}" for problem in problems)
    return UserCodes(path, tuple(codes), tuple(notes), located, exists=True)


def read_user_codes(path: str | os.PathLike[str] | None = None) -> UserCodes:
    """The user's codes file; a missing file is simply empty."""
    path = os.fspath(path) if path else user_codes_file()
    try:
        with open(path, encoding="utf-8") as codes_file:
            text = codes_file.read()
    except FileNotFoundError:
        return UserCodes(path)
    except (OSError, ValueError) as error:  # ValueError: undecodable, or a NUL in the path
        return UserCodes(path, problems=(f"{path}: cannot read it: {error}",), exists=True)
    return parse_user_codes(text, path)


def merge_user_codes(registry: Registry, user: UserCodes) -> tuple[Registry, tuple[str, ...]]:
    """The registry with the user's codes and notes added, and the problems of doing so.

    A custom code never replaces an official one: it is rejected, and notes are the way to
    say something about an official code.
    """
    problems = list(user.problems)
    if not user.codes and not user.notes:
        # Nothing to merge (most users have no codes file): the registry as it is, whose
        # entries a kept copy then decodes only as they are looked up (registry/cache.py).
        return registry, tuple(problems)
    added: list[StatusCode] = []
    for custom in user.codes:
        existing = registry.lookup(custom.code)
        if existing is not None and existing.official:
            problems.append(
                f"{user.path}: code {custom.code}: {existing.title} is an official code; "
                "add a [[note]] to it instead of a [[code]]"
            )
            continue
        category = f"{custom.code // 100}xx"
        if registry.category(category) is None:
            problems.append(f"{user.path}: code {custom.code}: no class {category} to put it in")
            continue
        added.append(
            StatusCode(
                code=custom.code,
                phrase=custom.phrase,
                category=category,
                standing=Standing.CUSTOM,
                defined_by=custom.source,
                summary=custom.summary,
                description=custom.description or (custom.summary,),
                reference=custom.reference,
                url=custom.url,
                aliases=custom.aliases,
            )
        )
    # A note goes to the entry that the number looks up to: the official one where there is one.
    targets = {s.code: s for s in reversed((*registry.statuses, *added))}
    targets.update({s.code: s for s in registry.statuses if s.official})
    notes: dict[int, list[Note]] = {}
    for note in user.notes:
        target = targets.get(note.code)
        if target is None:
            problems.append(f"{user.path}: note on {note.code}: no such code in the registry")
            continue
        notes.setdefault(id(target), []).append(Note(note.text, note.source))
    if not added and not notes:
        return registry, tuple(problems)
    statuses = [
        s._replace(notes=s.notes + tuple(notes[id(s)])) if id(s) in notes else s
        for s in (*registry.statuses, *added)
    ]
    merged = assemble(
        registry.categories,
        registry.languages,
        tuple(statuses),
        registry.origin,
        builtin=registry.builtin,
    )
    return merged, tuple(problems)
