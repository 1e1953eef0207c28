"""The loader's quick check (registry/quickcheck.py) never accepts what the field-by-field
check rejects, and builds the same entries from what both accept."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest

from http_status_browser.registry.fields import RegistryError
from http_status_browser.registry.loader import BUILTIN_PATH, _category, _language, _status
from http_status_browser.registry.model import Category, Language, StatusCode
from http_status_browser.registry.quickcheck import STATUS_FIELDS, QuickCheck

with open(BUILTIN_PATH, encoding="utf-8") as _file:
    DATA: dict[str, Any] = json.load(_file)
CATEGORIES: dict[str, Category] = {
    c.id: c for c in (_category("t", i, raw) for i, raw in enumerate(DATA["categories"]))
}
LANGUAGES: dict[str, Language] = {
    lang.id: lang for lang in (_language("t", i, raw) for i, raw in enumerate(DATA["languages"]))
}
QUICK = QuickCheck(CATEGORIES, LANGUAGES)

# Values a mistaken or hostile file might hold anywhere: wrong types, empty and blank text,
# codes out of range, and valid-looking words in the wrong place.
WRONG: list[object] = [
    None,
    True,
    False,
    0,
    99,
    404,
    600,
    1.5,
    "",
    " ",
    "\u2003",
    "x",
    "standard",
    "permanent",
    "kept",
    "MUST",
    "python",
    [],
    [""],
    ["x"],
    [{}],
    {},
    {"x": "y"},
    {"python": "x"},
    {"raw": "x"},
    {"python": [{"name": "A", "versions": "1"}]},
]


def by_fields(raw: object) -> StatusCode | None:
    """The field-by-field result, or None when it rejects the entry."""
    try:
        return _status("t", 0, raw, CATEGORIES, LANGUAGES)
    except RegistryError:
        return None


def mutants(value: Any) -> Iterator[Any]:
    """`value` with one thing changed: any node replaced, a key dropped or added, a list
    emptied; the changes go down to the innermost texts."""
    yield from WRONG
    if isinstance(value, dict):
        for key in value:
            rest = {k: v for k, v in value.items() if k != key}
            yield rest
            for changed in mutants(value[key]):
                yield {**rest, key: changed}
        yield {**value, "unexpected": "x"}
    elif isinstance(value, list):
        yield []
        for index, item in enumerate(value[:2]):
            for changed in mutants(item):
                yield [*value[:index], changed, *value[index + 1 :]]


def covering_entries() -> list[dict[str, Any]]:
    """A few built-in entries that between them use every field (and the nested ones)."""
    chosen: list[dict[str, Any]] = []
    seen: set[str] = set()
    for wanted in (404, 418, 102, 301, 307, 101, 499):
        entry = next(s for s in DATA["statuses"] if s["code"] == wanted)
        chosen.append(entry)
        seen |= set(entry)
    for entry in DATA["statuses"]:
        if not set(entry) <= seen:
            chosen.append(entry)
            seen |= set(entry)
    assert seen == STATUS_FIELDS
    return chosen


def test_every_built_in_entry_is_built_alike() -> None:
    for raw in DATA["statuses"]:
        quick = QUICK.status(raw)
        assert quick is not None, raw["code"]
        assert quick == by_fields(raw)


@pytest.mark.parametrize("entry", covering_entries(), ids=lambda e: f"{e['code']}")
def test_never_more_lenient_than_the_field_check(entry: dict[str, Any]) -> None:
    checked = accepted = 0
    for mutant in mutants(copy.deepcopy(entry)):
        quick = QUICK.status(mutant)
        if quick is not None:
            assert quick == by_fields(mutant), mutant
            accepted += 1
        checked += 1
    # Some changes keep the entry valid (an optional field dropped, "x" for a summary).
    assert checked > 500
    assert accepted > 10


def test_a_declined_entry_still_loads_when_valid() -> None:
    """An explicit null where a field may be absent: the quick check declines, the loader's
    field check accepts."""
    raw = {**next(s for s in DATA["statuses"] if s["code"] == 404), "redirect": None}
    raw["cacheable"] = None
    assert QUICK.status(raw) is None
    assert by_fields(raw) is not None
