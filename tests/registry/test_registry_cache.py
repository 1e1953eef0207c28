"""The registry cache: the same registry as statuses.json gives, or statuses.json read again."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from enum import Enum
from pathlib import Path

import pytest

from http_status_browser import __version__
from http_status_browser.registry import (
    cache,
    fields,
    loader,
    model,
    parts,
    practice,
    reading,
    search,
    situations,
    values,
    words,
)
from http_status_browser.registry.folders import APP_DIR_NAME
from http_status_browser.registry.model import Registry
from http_status_browser.registry.values import Standing
from tests.loaded_modules import loaded_modules


def same_values(left: object, right: object, where: str = "registry") -> None:
    """Equal, and of the same types all the way down (a StrEnum equals its text)."""
    assert type(left) is type(right), where
    if isinstance(left, tuple | list):
        assert isinstance(right, tuple | list)
        assert len(left) == len(right), where
        for position, (a, b) in enumerate(zip(left, right, strict=True)):
            same_values(a, b, f"{where}[{position}]")
    elif isinstance(left, dict) or hasattr(left, "items"):
        assert dict(left.items()) == dict(right.items()), where  # type: ignore[attr-defined]
        for key, value in left.items():  # type: ignore[attr-defined]
            same_values(value, right[key], f"{where}[{key!r}]")  # type: ignore[index]
            same_values(key, next(k for k in right if k == key), f"{where} key {key!r}")  # type: ignore[attr-defined]
    else:
        assert left == right, where


def fresh_builtin() -> Registry:
    loader.builtin_registry.cache_clear()
    try:
        return loader.builtin_registry()
    finally:
        loader.builtin_registry.cache_clear()


def kept_file() -> Path:
    return Path(cache.cache_file(loader.builtin_sources()))


def test_a_round_trip_gives_the_same_records(registry: Registry) -> None:
    decoded = cache.decode(cache.encode(registry))
    for part in ("categories", "languages", "statuses"):
        same_values(getattr(decoded, part), getattr(registry, part), part)
    assert (decoded.origin, decoded.builtin) == (registry.origin, registry.builtin)
    assert decoded.lookup(418) == registry.lookup(418)
    assert isinstance(decoded.lookup(404).standing, Standing)  # type: ignore[union-attr]
    assert not decoded.situations_loaded, "decoded when first asked for"
    same_values(decoded.situations.areas, registry.situations.areas, "areas")
    same_values(decoded.situations.situations, registry.situations.situations, "situations")


@pytest.mark.parametrize(
    "query",
    [
        "404",
        "4xx",
        "gateway timeout",
        "teapot",
        "StatusNotFound",
        "email already taken",
        "204 vs 200",
        "too many requets",
        "rate limit exceeded",
        "x",
    ],
)
def test_a_kept_index_answers_as_a_built_one(registry: Registry, query: str) -> None:
    decoded = cache.decode(cache.encode(registry))
    assert decoded.search(query) == registry.search(query)
    assert decoded.search_index.search_situations(query) == registry.search_index.search_situations(
        query
    )


def test_the_first_read_keeps_a_copy_and_the_next_reads_it(
    registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not kept_file().exists()
    same_values(fresh_builtin().statuses, registry.statuses)
    assert kept_file().is_file()

    def not_again(*args: object, **kwargs: object) -> Registry:
        raise AssertionError("read or built again")

    monkeypatch.setattr(reading, "parse_registry", not_again)
    monkeypatch.setattr(situations, "parse_situations", not_again)
    monkeypatch.setattr(search.SearchIndex, "_build", not_again)
    kept = fresh_builtin()
    same_values(kept.statuses, registry.statuses)
    same_values(kept.situations.situations, registry.situations.situations)
    assert kept.search("gateway timeout") == registry.search("gateway timeout")


def test_kept_parts_that_cannot_be_read_are_read_and_built_again(
    registry: Registry, caplog: pytest.LogCaptureFixture
) -> None:
    records, statuses, book, index = (
        cache.marshal.loads(part) for part in cache.marshal.loads(cache.encode(registry))[1:]
    )
    for bad_book, bad_index, says in (
        (b"junk", cache.marshal.dumps(index), "situations"),
        (cache.marshal.dumps((1, 2, 3)), cache.marshal.dumps(index), "situations"),
        (cache.marshal.dumps(book), b"junk", "search index"),
        (cache.marshal.dumps(book), cache.marshal.dumps(([], [])), "search index"),
    ):
        parts = (
            cache.FORMAT,
            cache.marshal.dumps(records),
            cache.marshal.dumps(statuses),
            bad_book,
            bad_index,
        )
        decoded = cache.decode(cache.marshal.dumps(parts))
        caplog.clear()
        with caplog.at_level("INFO", logger="http_status_browser.registry.cache"):
            assert decoded.search("teapot") == registry.search("teapot")
        same_values(decoded.situations.situations, registry.situations.situations)
        assert f"kept {says}" in caplog.text


def encoded_parts(registry: Registry) -> list[object]:
    """The outer tuple of a copy of `registry`, its parts still marshal data."""
    return list(cache.marshal.loads(cache.encode(registry)))


def test_a_lookup_decodes_only_the_entries_of_its_code(registry: Registry) -> None:
    """`show 404` decodes 404's entries and those it links to, not the whole registry."""
    entries = cache.marshal.loads(encoded_parts(registry)[2])  # type: ignore[arg-type]
    table = cache.KeptStatuses(entries, "test")
    assert table.with_code(404) == registry.all_with_code(404)
    assert table.with_code(599) == registry.all_with_code(599)
    assert table.with_code(299) == ()
    assert table.decoded_codes == {404, 599}
    same_values(table.all(), registry.statuses)
    assert table.with_code(404)[0] is table.all()[[s.code for s in table.all()].index(404)]


def test_show_decodes_only_the_entries_it_shows(
    registry: Registry, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from http_status_browser.cli.main import main

    fresh_builtin()  # keeps the copy
    asked: list[int] = []
    with_code = cache.KeptStatuses.with_code

    def looked_up(table: cache.KeptStatuses, code: int) -> tuple[model.StatusCode, ...]:
        asked.append(code)
        return with_code(table, code)

    def every_entry(table: cache.KeptStatuses) -> None:
        raise AssertionError("every entry decoded")

    monkeypatch.setattr(cache.KeptStatuses, "with_code", looked_up)
    monkeypatch.setattr(cache.KeptStatuses, "all", every_entry)
    loader.builtin_registry.cache_clear()
    try:
        assert main(["show", "404"]) == 0
    finally:
        loader.builtin_registry.cache_clear()
    assert capsys.readouterr().out.startswith("404 Not Found")
    status = registry.lookup(404)
    assert status is not None
    assert set(asked) == {404, *(link.code for link in status.related)}


def test_entries_that_cannot_be_read_are_read_from_the_data_file(
    registry: Registry, caplog: pytest.LogCaptureFixture
) -> None:
    outer = encoded_parts(registry)
    entries = cache.marshal.loads(outer[2])  # type: ignore[arg-type]
    for junk in (b"junk", cache.marshal.dumps([(999, "x")]), cache.marshal.dumps([[1, 2]])):
        outer[2] = cache.marshal.dumps({**entries, 404: junk})
        broken = cache.marshal.dumps(tuple(outer))
        assert cache.decode(broken).lookup(418) == registry.lookup(418), "others are readable"
        with pytest.raises(ValueError, match="kept entries in"):
            cache.decode(broken).lookup(404)
        decoded = cache.decode(broken, "kept.marshal", lambda: registry.statuses)
        caplog.clear()
        with caplog.at_level("INFO", logger="http_status_browser.registry.cache"):
            assert decoded.lookup(404) == registry.lookup(404)
        assert "kept entries in kept.marshal cannot be read" in caplog.text
        same_values(decoded.statuses, registry.statuses)


def test_the_key_covers_every_file_that_makes_the_data() -> None:
    folder = Path(loader.BUILTIN_PATH).parent
    assert all((folder / name).is_file() for name in loader.CACHE_SOURCES)
    assert situations.SITUATIONS_NAME in loader.CACHE_SOURCES
    # Every module of the registry that reads, checks, holds, indexes or keeps the data.
    modules = (
        *(loader, reading, cache, situations, practice, search, words),
        *(fields, values, model, parts),
    )
    assert sorted(Path(str(m.__file__)).name for m in modules) == sorted(
        name for name in loader.CACHE_SOURCES if name.endswith(".py")
    )


def test_a_copy_that_cannot_be_read_is_replaced(
    registry: Registry, caplog: pytest.LogCaptureFixture
) -> None:
    kept = kept_file()
    kept.parent.mkdir(parents=True)
    for broken in (b"", b"not marshal", cache.marshal.dumps((99, "x")), cache.marshal.dumps([])):
        kept.write_bytes(broken)
        caplog.clear()
        with caplog.at_level("INFO", logger="http_status_browser.registry.cache"):
            same_values(fresh_builtin().statuses, registry.statuses)
        assert "cannot be read" in caplog.text
        assert cache.load(str(kept)) is not None, "a good copy took its place"


def test_a_change_of_data_or_code_changes_the_key(tmp_path: Path) -> None:
    data = tmp_path / "statuses.json"
    data.write_bytes(Path(loader.BUILTIN_PATH).read_bytes())
    sources = (str(data), *loader.builtin_sources()[1:])
    before = cache.cache_key(sources)
    assert cache.cache_key(sources) == before
    stamp = data.stat()
    os.utime(data, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1_000_000))
    assert cache.cache_key(sources) != before
    assert cache.cache_key(loader.builtin_sources()) != cache.cache_key(
        (*loader.builtin_sources(), str(data))
    )


def test_a_record_class_with_other_fields_changes_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache.cache_key(loader.builtin_sources())
    monkeypatch.setattr(cache, "CLASSES", (*cache.CLASSES[:-1], Enum("TemplateKind", "DEFAULT")))
    assert cache.cache_key(loader.builtin_sources()) != before


def test_storing_replaces_older_copies_and_leaves_no_partial_file(
    registry: Registry, tmp_path: Path
) -> None:
    version = f"{cache.PREFIX}{__version__}-"
    old = tmp_path / f"{version}0000abcd{cache.SUFFIX}"
    old.write_bytes(b"old")
    other = tmp_path / "codes.toml"
    other.write_text("")
    target = tmp_path / f"{version}1234abcd{cache.SUFFIX}"
    assert cache.store(str(target), registry)
    assert sorted(path.name for path in tmp_path.iterdir()) == [other.name, target.name]


def test_another_versions_copy_stays_until_it_is_stale(registry: Registry, tmp_path: Path) -> None:
    """A bundle and a pip install of different versions, used in turn, keep a copy each."""
    recent = tmp_path / f"{cache.PREFIX}0.0.9-0000abcd{cache.SUFFIX}"
    stale = tmp_path / f"{cache.PREFIX}0.0.8-0000abcd{cache.SUFFIX}"
    # Left by a process that died while writing; another may be writing the recent one now.
    abandoned = tmp_path / f"{cache.PARTIAL_PREFIX}99-{stale.name}"
    being_written = tmp_path / f"{cache.PARTIAL_PREFIX}98-{recent.name}"
    for path in (recent, stale, abandoned, being_written):
        path.write_bytes(b"old")
    now = time.time()
    days = 86400
    for path in (recent, being_written):
        os.utime(path, (now - days, now - days))
    for path in (stale, abandoned):
        os.utime(path, (now - (cache.STALE_DAYS + 1) * days,) * 2)
    target = Path(cache.cache_file(loader.builtin_sources(), str(tmp_path)))
    assert target.name.startswith(f"{cache.PREFIX}{__version__}-")
    assert cache.store(str(target), registry, now=now)
    kept = sorted([recent.name, being_written.name, target.name])
    assert sorted(path.name for path in tmp_path.iterdir()) == kept


def test_a_copy_removed_by_another_process_meanwhile_is_no_error(
    registry: Registry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / f"{cache.PREFIX}{__version__}-0000abcd{cache.SUFFIX}"
    old.write_bytes(b"old")
    real_remove = os.remove

    def raced(path: str) -> None:
        real_remove(path)
        raise FileNotFoundError(path)  # as if another process had removed it first

    monkeypatch.setattr(os, "remove", raced)
    target = tmp_path / f"{cache.PREFIX}{__version__}-1234abcd{cache.SUFFIX}"
    assert cache.store(str(target), registry)
    assert [path.name for path in tmp_path.iterdir()] == [target.name]


def test_a_folder_that_cannot_be_written_only_costs_speed(
    registry: Registry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    same_values(fresh_builtin().statuses, registry.statuses)
    assert not cache.store(str(blocker / "x" / "registry-1.marshal"), registry)


def unbuilt_registry(monkeypatch: pytest.MonkeyPatch) -> Registry:
    """The built-in data just read, whose situations and index fail the test if built."""
    registry = reading.parse_registry(Path(loader.BUILTIN_PATH).read_bytes(), "x", builtin=True)

    def built(*args: object, **kwargs: object) -> None:
        raise AssertionError("built for a copy that cannot be kept")

    monkeypatch.setattr(situations, "parse_situations", built)
    monkeypatch.setattr(search.SearchIndex, "_build", built)
    return registry


def test_a_start_up_that_finds_the_copy_imports_no_reader() -> None:
    """The copy spares reading the JSON, and with it importing the reader and json."""
    code = "from http_status_browser.registry import load_registry\nload_registry()"
    assert "http_status_browser.registry.reading" in loaded_modules(code), "the first keeps it"
    loaded = loaded_modules(code)
    assert "http_status_browser.registry.cache" in loaded
    assert loaded.isdisjoint({"http_status_browser.registry.reading", "json", "string"})


@pytest.mark.parametrize(
    ("call", "failure"),
    [
        # A read-only folder (root ignores permission bits, so it is the refusal itself).
        ("open", errno.EACCES),
        ("open", errno.EROFS),
        # A full disk: the room for the copy is written before the copy is made.
        ("write", errno.ENOSPC),
        ("write", errno.EDQUOT),
    ],
)
def test_a_copy_that_cannot_be_kept_builds_nothing_for_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, call: str, failure: int
) -> None:
    registry = unbuilt_registry(monkeypatch)

    def refused(*args: object, **kwargs: object) -> None:
        raise OSError(failure, os.strerror(failure))

    monkeypatch.setattr(os, call, refused)
    assert not cache.store(str(tmp_path / "registry-1.marshal"), registry)
    monkeypatch.undo()
    assert not registry.situations_loaded
    assert list(tmp_path.iterdir()) == [], "no partial file is left"


def test_the_room_kept_for_a_copy_holds_the_built_in_one(registry: Registry) -> None:
    """A copy larger than cache.ROOM would be built before a full disk is found."""
    assert len(cache.encode(registry)) < cache.ROOM


def test_a_copy_shorter_than_its_room_is_kept_whole(registry: Registry, tmp_path: Path) -> None:
    target = tmp_path / "registry-1.marshal"
    assert cache.store(str(target), registry)
    assert target.read_bytes() == cache.encode(registry)


def test_show_with_a_cache_that_cannot_be_written_builds_nothing_more(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`show 404` reads the JSON, as without a cache, but neither the situations nor the
    search index that only a copy would hold."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    code = "from http_status_browser.httpstatus import main\nassert main(['show', '404']) == 0"
    loaded = loaded_modules(code)
    assert "json" in loaded, "read from statuses.json"
    built = {"http_status_browser.registry.situations", "http_status_browser.registry.search"}
    assert loaded.isdisjoint(built)


def test_a_value_the_format_lacks_is_not_kept(registry: Registry, tmp_path: Path) -> None:
    odd = parts.assemble(
        registry.categories,
        registry.languages,
        (registry.statuses[0]._replace(aliases=frozenset({"x"})),),  # type: ignore[arg-type]
        "odd.json",
    )
    with pytest.raises(cache.CacheError, match="frozenset"):
        cache.encode(odd)
    target = tmp_path / "registry-1.marshal"
    assert not cache.store(str(target), odd)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG rule is Linux's")
def test_the_cache_folder_is_where_platformdirs_says(monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs import user_cache_dir

    for value in ("/tmp/somewhere", ""):
        monkeypatch.setenv("XDG_CACHE_HOME", value)
        assert cache.cache_folder() == user_cache_dir(APP_DIR_NAME, appauthor=False)


def test_the_command_line_with_a_broken_copy(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    command = [sys.executable, "-m", "http_status_browser", "show", "404"]
    first = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    kept = list((tmp_path / "http-status-browser").iterdir())
    assert [path.suffix for path in kept] == [cache.SUFFIX]
    kept[0].write_bytes(b"\x00garbage")
    second = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert (second.returncode, second.stdout, second.stderr) == (0, first.stdout, "")
    assert first.stdout.startswith("404 Not Found")
