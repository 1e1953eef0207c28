"""Loading and validating the registry: the built-in data, and broken files made here."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from http import HTTPStatus
from pathlib import Path
from typing import Any

import pytest

from http_status_browser.registry import Registry, RegistryError, Standing, load_registry
from http_status_browser.registry.loader import REGISTRY_ENV, builtin_registry
from http_status_browser.registry.reading import _category, _language, _status, parse_registry
from tests.conftest import entry

# The IANA HTTP Status Code Registry, checked by hand against iana.org (2026): every code
# assigned there. An independent list, so that the data file cannot silently lose one.
IANA_CODES = frozenset(
    [
        *(100, 101, 102, 103, 104),
        *(200, 201, 202, 203, 204, 205, 206, 207, 208, 226),
        *(300, 301, 302, 303, 304, 305, 306, 307, 308),
        *range(400, 419),
        *(421, 422, 423, 424, 425, 426, 428, 429, 431, 451),
        *(500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511),
    ]
)

# Where RFC 9110 (and IANA) now use another name than Python 3.11's http.HTTPStatus.
RENAMED = {
    413: "Content Too Large",
    414: "URI Too Long",
    416: "Range Not Satisfiable",
    418: "(Unused)",
    422: "Unprocessable Content",
}

UNOFFICIAL_REQUIRED = frozenset(
    [
        *(419, 420, 440, 444, 449, 494, 495, 496, 497, 499, 509, 598, 599),
        *(520, 521, 522, 523, 524, 525, 526, 527, 530),
    ]
)


def test_every_iana_code_is_official(registry: Registry) -> None:
    official = {s.code for s in registry.statuses if s.official}
    assert official == IANA_CODES


def test_phrases_follow_rfc_9110(registry: Registry) -> None:
    for member in HTTPStatus:
        status = registry.lookup(member.value)
        assert status is not None, member
        if member.value in RENAMED:
            assert status.phrase == RENAMED[member.value]
            # Python 3.13 took RFC 9110's names (the phrase itself); older versions keep the
            # former names, which must be aliases.
            names = {status.phrase.casefold(), *(a.casefold() for a in status.aliases)}
            assert member.phrase.casefold() in names, member
        else:
            assert status.phrase == member.phrase, member


@pytest.mark.parametrize(
    ("code", "alias"),
    [
        (413, "Payload Too Large"),
        (413, "Request Entity Too Large"),
        (422, "Unprocessable Entity"),
        (416, "Requested Range Not Satisfiable"),
        (302, "Moved Temporarily"),
        (418, "I'm a teapot"),
    ],
)
def test_former_names_are_aliases(registry: Registry, code: int, alias: str) -> None:
    status = registry.lookup(code)
    assert status is not None
    assert alias.casefold() in {a.casefold() for a in status.aliases}


def test_unused_codes(registry: Registry) -> None:
    for code in (306, 418):
        status = registry.lookup(code)
        assert status is not None
        assert status.standing is Standing.UNUSED
        assert status.phrase == "(Unused)"


def test_unofficial_codes_are_marked_with_their_source(registry: Registry) -> None:
    unofficial = {s.code: s for s in registry.statuses if not s.official}
    assert set(unofficial) >= UNOFFICIAL_REQUIRED
    for status in unofficial.values():
        assert status.standing is Standing.UNOFFICIAL
        assert status.code not in IANA_CODES
        assert status.defined_by != "IETF"


def test_entries_are_complete(registry: Registry) -> None:
    for status in registry.statuses:
        assert len(status.description) >= 2, status.code
        assert status.summary.endswith("."), status.code
        assert status.url.startswith("https://"), status.code
        for link in status.related:
            assert registry.lookup(link.code) is not None


@pytest.mark.parametrize(
    ("code", "header"),
    [
        (401, "WWW-Authenticate"),
        (405, "Allow"),
        (407, "Proxy-Authenticate"),
        (301, "Location"),
        (308, "Location"),
        (206, "Content-Range"),
        (416, "Content-Range"),
        (426, "Upgrade"),
        (429, "Retry-After"),
        (503, "Retry-After"),
    ],
)
def test_headers_that_go_with_a_code(registry: Registry, code: int, header: str) -> None:
    status = registry.lookup(code)
    assert status is not None
    assert header in {h.name for h in status.headers}


@pytest.mark.parametrize(
    ("code", "confused_with"),
    [(401, 403), (400, 422), (404, 410), (301, 308), (302, 307), (502, 504), (429, 503)],
)
def test_confusable_codes_are_linked(registry: Registry, code: int, confused_with: int) -> None:
    status = registry.lookup(code)
    assert status is not None
    assert confused_with in {r.code for r in status.related}


def test_cacheable_by_default_per_rfcs(registry: Registry) -> None:
    cacheable = {s.code for s in registry.statuses if s.cacheable}
    # RFC 9110 Section 15.1, and RFC 7725 Section 3 for 451.
    assert cacheable == {200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 451, 501}


def test_redirect_properties(registry: Registry) -> None:
    kinds = {s.code: (s.redirect, s.method) for s in registry.statuses if s.redirect}
    assert {code: (r.value, m.value if m else None) for code, (r, m) in kinds.items()} == {
        301: ("permanent", "may-change"),
        302: ("temporary", "may-change"),
        303: ("temporary", "changes-to-get"),
        307: ("temporary", "kept"),
        308: ("permanent", "kept"),
    }


def test_five_classes(registry: Registry) -> None:
    assert [c.title for c in registry.categories] == [
        "1xx Informational",
        "2xx Success",
        "3xx Redirection",
        "4xx Client error",
        "5xx Server error",
    ]


def test_builtin_registry_is_parsed_once() -> None:
    assert builtin_registry() is builtin_registry()


def test_environment_variable_names_another_file(
    registry_data: dict[str, Any],
    write_registry: Callable[[object], Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    registry_data["statuses"] = [entry(registry_data, 404)]
    registry_data["statuses"][0]["related"] = []
    monkeypatch.setenv(REGISTRY_ENV, str(write_registry(registry_data)))
    loaded = load_registry()
    assert [s.code for s in loaded.statuses] == [404]


def _break(data: dict[str, Any], how: str) -> None:
    """Apply one kind of damage to registry data."""
    not_found = entry(data, 404)
    if how == "missing field":
        del not_found["phrase"]
    elif how == "wrong type":
        not_found["code"] = "404"
    elif how == "out of range":
        not_found["code"] = 700
    elif how == "unknown field":
        not_found["colour"] = "red"
    elif how == "duplicate code":
        data["statuses"].append(dict(not_found))
    elif how == "unofficial reuses official":
        data["statuses"].append(dict(not_found, status="unofficial", defined_by="Acme"))
    elif how == "dangling related":
        not_found["related"] = [{"code": 299, "note": "not there"}]
    elif how == "unknown language":
        not_found["constants"] = {"cobol": "NOT-FOUND"}
    elif how == "bad template":
        data["languages"][0]["templates"]["default"] = "{status} {nope}"
    elif how == "bad enum":
        not_found["status"] = "popular"
    elif how == "empty description":
        not_found["description"] = []
    elif how == "format":
        data["format"] = 99


@pytest.mark.parametrize(
    ("how", "field", "message"),
    [
        ("missing field", "", "missing field 'phrase'"),
        ("wrong type", "'code'", "expected a whole number"),
        ("out of range", "'code'", "from 100 to 599"),
        ("unknown field", "", "unknown field 'colour'"),
        ("duplicate code", "", "listed twice"),
        ("unofficial reuses official", "", "is an official code"),
        ("dangling related", "'related'", "code 299"),
        ("unknown language", "'constants'", "unknown language 'cobol'"),
        ("bad template", "'default'", "unknown placeholder {nope}"),
        ("bad enum", "'status'", "expected one of"),
        ("empty description", "'description'", "at least one paragraph"),
        ("format", "'format'", "expected format 1"),
    ],
)
def test_broken_file_names_file_entry_and_field(
    registry_data: dict[str, Any],
    write_registry: Callable[[object], Path],
    how: str,
    field: str,
    message: str,
) -> None:
    _break(registry_data, how)
    path = write_registry(registry_data)
    with pytest.raises(RegistryError) as raised:
        load_registry(path)
    text = str(raised.value)
    assert text.startswith(str(path))
    assert message in text
    assert field in text
    if how not in ("bad template", "format"):
        assert "statuses[" in text


def test_invalid_json_names_line_and_column(write_registry: Callable[[object], Path]) -> None:
    path = write_registry({})
    path.write_text('{"format": 1,\n  "statuses": [,]}', encoding="utf-8")
    with pytest.raises(RegistryError, match=r"line 2, column 16: not valid JSON"):
        load_registry(path)


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match="cannot read it"):
        load_registry(tmp_path / "missing.json")


def test_not_utf8() -> None:
    with pytest.raises(RegistryError, match=r"not UTF-8|not valid JSON"):
        parse_registry(b'{"format": "\xff"}', "odd.json")


def test_top_level_must_be_an_object() -> None:
    with pytest.raises(
        RegistryError, match=r"odd\.json: top level: expected an object, got a list"
    ):
        parse_registry("[]", "odd.json")


def test_null_where_a_field_may_be_absent_means_absent(
    registry_data: dict[str, Any], write_registry: Callable[[object], Path]
) -> None:
    """An explicit null for an optional field reads as the field left out."""
    not_found = entry(registry_data, 404)
    not_found.update(redirect=None, cacheable=None, method=None, aliases=None, headers=None)
    status = load_registry(write_registry(registry_data)).lookup(404)
    assert status is not None
    assert (status.redirect, status.method, status.cacheable) == (None, None, False)
    assert (status.aliases, status.headers) == ((), ())


# Values a mistaken or hostile file might hold anywhere: wrong types, empty and blank text,
# codes out of range, and valid-looking words in the wrong place.
WRONG: list[object] = [
    *(None, True, False, 0, 99, 404, 600, 1.5),
    *("", " ", "\u2003", "x", "standard", "permanent", "kept", "MUST", "python"),
    *([], [""], ["x"], [{}], {}, {"x": "y"}, {"python": "x"}, {"raw": "x"}),
    {"python": [{"name": "A", "versions": "1"}]},
]


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


def covering_codes(data: dict[str, Any]) -> list[int]:
    """A few built-in entries that between them use every field (and the nested ones)."""
    chosen = [404, 418, 102, 301, 307, 101, 499]
    seen = set().union(*(entry(data, code) for code in chosen))
    for raw in data["statuses"]:
        if not set(raw) <= seen:
            chosen.append(raw["code"])
            seen |= set(raw)
    return chosen


def test_every_mutated_entry_loads_or_says_what_is_wrong(builtin_data: dict[str, Any]) -> None:
    """The loader is the one check of the data: whatever an entry holds, it either loads
    or raises a RegistryError naming the file and the entry, never another exception."""
    categories = {
        c["id"]: _category("t.json", i, c) for i, c in enumerate(builtin_data["categories"])
    }
    languages = {
        raw["id"]: _language("t.json", i, raw) for i, raw in enumerate(builtin_data["languages"])
    }
    checked = accepted = 0
    wrongly_placed: list[str] = []
    for code in covering_codes(builtin_data):
        for mutant in mutants(copy.deepcopy(entry(builtin_data, code))):
            try:
                _status("t.json", 0, mutant, categories, languages)
            except RegistryError as error:
                if not str(error).startswith("t.json: statuses[0]"):
                    wrongly_placed.append(str(error))
            else:
                accepted += 1
            checked += 1
    assert wrongly_placed == []
    # Some changes keep the entry valid (an optional field dropped, "x" for a summary).
    assert checked > 3000
    assert accepted > 100
