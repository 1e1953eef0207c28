"""Reading the data files: typed fields of JSON objects, with errors that name the file, the
entry and the field. Shared by the registry loader, the situations and the decision guide;
imports no other part of the registry.
"""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum
from typing import Any, TypeVar

FORMAT_VERSION = 1
# Every status code, official or not, is a number in this range (RFC 9110 Section 15).
CODE_RANGE = range(100, 600)

_E = TypeVar("_E", bound=StrEnum)


class RegistryError(Exception):
    """A registry file that cannot be used, with where the problem is."""

    def __init__(self, file: str, where: str, problem: str) -> None:
        self.file = file
        self.where = where
        self.problem = problem
        location = f"{file}: {where}: " if where else f"{file}: "
        super().__init__(location + problem)


class Fields:
    """Reads typed fields of one JSON object, reporting errors with their location."""

    def __init__(self, file: str, where: str, value: object) -> None:
        if not isinstance(value, dict):
            raise RegistryError(file, where, f"expected an object, got {json_type(value)}")
        self.file = file
        self.where = where
        self.data: dict[str, Any] = value
        self.seen: set[str] = set()

    def fail(self, key: str, problem: str) -> RegistryError:
        return RegistryError(self.file, f"{self.where}, field '{key}'", problem)

    def _get(self, key: str, required: bool) -> object:
        self.seen.add(key)
        if key not in self.data:
            if required:
                raise RegistryError(self.file, self.where, f"missing field '{key}'")
            return None
        return self.data[key]

    def text(self, key: str, *, required: bool = True, default: str = "") -> str:
        value = self._get(key, required)
        if value is None and not required:
            return default
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, f"expected non-empty text, got {json_type(value)}")
        return value

    def texts(
        self, key: str, *, required: bool = False, non_empty: bool = False
    ) -> tuple[str, ...]:
        value = self._get(key, required)
        if value is None:
            if non_empty:
                raise self.fail(key, "expected a list of text")
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(key, "expected a list of non-empty text")
        if non_empty and not value:
            raise self.fail(key, "expected at least one paragraph")
        return tuple(value)

    def flag(self, key: str, default: bool) -> bool:
        value = self._get(key, required=False)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.fail(key, f"expected true or false, got {json_type(value)}")
        return value

    def integer(self, key: str) -> int:
        value = self._get(key, required=True)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(key, f"expected a whole number, got {json_type(value)}")
        return value

    def choice(self, key: str, kind: type[_E], *, required: bool = True) -> _E | None:
        value = self._get(key, required)
        if value is None and not required:
            return None
        allowed = [member.value for member in kind]
        if value not in allowed:
            raise self.fail(key, f"expected one of {', '.join(allowed)}, got {value!r}")
        return kind(value)

    def known_code(self, key: str, codes: Collection[int]) -> int:
        """A whole number that must be one of `codes` (the registry's)."""
        code = self.integer(key)
        if code not in codes:
            raise self.fail(key, f"no status code {code} in the registry")
        return code

    def objects(self, key: str) -> list[object]:
        value = self._get(key, required=False)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(key, f"expected a list, got {json_type(value)}")
        return value

    def text_map(self, key: str) -> dict[str, str]:
        value = self._get(key, required=False)
        if value is None:
            return {}
        if not isinstance(value, dict) or not all(
            isinstance(v, str) and v.strip() for v in value.values()
        ):
            raise self.fail(key, "expected an object of non-empty text")
        return dict(value)

    def done(self) -> None:
        unknown = sorted(set(self.data) - self.seen)
        if unknown:
            raise RegistryError(self.file, self.where, f"unknown field '{unknown[0]}'")


def json_type(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false", float: "a number"}
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a number"
    return names.get(type(value), type(value).__name__)


def unique_ids(file: str, section: str, keys: list[str]) -> None:
    seen: set[str] = set()
    for index, key in enumerate(keys):
        if key in seen:
            raise RegistryError(file, f"{section}[{index}]", f"duplicate id '{key}'")
        seen.add(key)


def entry_where(section: str, index: int, raw: object) -> str:
    """ "situations[3] (missing-credentials)": an entry's place, and its id when it has one."""
    where = f"{section}[{index}]"
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        where += f" ({raw['id']})"
    return where


def read_builtin(path: str, name: str) -> bytes:
    """A data file shipped with the app; one that cannot be read asks for a reinstall."""
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError as error:
        raise RegistryError(
            name, "", f"cannot read the built-in data ({error.strerror}); reinstall the app"
        ) from None


def top_level(text: str | bytes, file: str) -> Fields:
    """The top-level object of a data file in format 1 (statuses, situations, guide)."""
    # Imported here: a start-up that finds the registry cache reads no JSON (cache.py).
    import json  # noqa: PLC0415

    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise RegistryError(
            file, f"line {error.lineno}, column {error.colno}", f"not valid JSON: {error.msg}"
        ) from None
    except UnicodeDecodeError as error:
        raise RegistryError(file, "", f"not UTF-8 text: {error.reason}") from None
    top = Fields(file, "top level", raw)
    version = top.integer("format")
    if version != FORMAT_VERSION:
        raise top.fail("format", f"expected format {FORMAT_VERSION}, got {version}")
    return top
