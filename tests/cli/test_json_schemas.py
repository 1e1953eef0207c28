"""Each `--json` output has a JSON Schema in docs/schemas/, checked against real output:
every key is in its schema with a description (no undocumented key passes:
additionalProperties is false), and every top-level key is in the README's table."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry as SchemaRegistry
from referencing import Resource

from http_status_browser.cli.main import EXIT_OK, main

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "docs" / "schemas"
COMMANDS = ("show", "list", "search", "which", "compare", "explain", "check")
NOTES = """
[[code]]
code = 299
phrase = "Cache Warmed"
summary = "The edge cache was warmed before answering."
source = "Platform team"

[[note]]
code = 404
text = "Our API also returns 404 for soft-deleted records."
source = "API guidelines"
"""
ACCESS_LOG = (
    '127.0.0.1 - - [10/Oct/2026:13:55:36 +0000] "GET /a HTTP/1.1" 404 12\n'
    '127.0.0.1 - - [10/Oct/2026:13:55:37 +0000] "GET /b HTTP/1.1" 200 12\n'
    "not a log line\n"
)


def load(command: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(
        (SCHEMAS / f"{command}.schema.json").read_text(encoding="utf-8")
    )
    return schema


def validator(command: str) -> Draft202012Validator:
    registry: SchemaRegistry[Any] = SchemaRegistry().with_resources(
        (load(name)["$id"], Resource.from_contents(load(name))) for name in COMMANDS
    )
    return Draft202012Validator(load(command), registry=registry)


def output(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    assert main(list(argv)) == EXIT_OK
    return json.loads(capsys.readouterr().out)


def properties(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every (key, subschema) in a schema, nested objects and array items included."""
    found: list[tuple[str, dict[str, Any]]] = []
    for key, sub in schema.get("properties", {}).items():
        found.append((key, sub))
        found += properties(sub)
    for nested in ("items", "additionalProperties"):
        if isinstance(schema.get(nested), dict):
            found += properties(schema[nested])
    return found


def test_one_schema_per_json_command() -> None:
    assert sorted(path.name for path in SCHEMAS.iterdir()) == sorted(
        f"{command}.schema.json" for command in COMMANDS
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_schema_is_valid_and_every_key_described(command: str) -> None:
    schema = load(command)
    Draft202012Validator.check_schema(schema)
    assert schema["$id"].endswith(f"/docs/schemas/{command}.schema.json")
    for key, sub in properties(schema):
        assert sub.get("description"), f"{command}: {key} has no description"


@pytest.fixture
def with_notes(codes_file: Path) -> None:
    codes_file.parent.mkdir(parents=True, exist_ok=True)
    codes_file.write_text(NOTES, encoding="utf-8")


@pytest.mark.usefixtures("with_notes")
@pytest.mark.parametrize(
    ("command", "argv"),
    [
        ("show", ("show", "404", "--json")),  # with the user's note
        ("show", ("show", "308", "--json")),  # a redirect: redirect and method set
        ("show", ("show", "299", "--json")),  # the user's custom code
        ("show", ("show", "418", "--json")),
        ("list", ("list", "--all", "--json")),  # every code, unofficial ones too
        ("search", ("search", "gateway", "--json")),
        ("which", ("which", "email already taken", "--json")),
        ("compare", ("compare", "301", "308", "--json")),
        ("compare", ("compare", "401", "403", "--json")),
    ],
)
def test_real_output_matches_its_schema(
    command: str, argv: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    validator(command).validate(output(capsys, *argv))


def test_show_json_carries_the_users_notes(
    with_notes: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """`notes` is part of the stable shape (and of the README's table)."""
    shown = output(capsys, "show", "404", "--json")
    assert shown["notes"] == [
        {"text": "Our API also returns 404 for soft-deleted records.", "source": "API guidelines"}
    ]


def test_explain_output_matches_its_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "access.log"
    log.write_text(ACCESS_LOG, encoding="utf-8")
    assert main(["explain", str(log), "--top", "3", "--json"]) in (EXIT_OK, 1)
    report = json.loads(capsys.readouterr().out)
    validator("explain").validate(report)
    assert report["unread"] == 1


@pytest.mark.parametrize(
    "options",
    [("--by", "path"), ("--by", "hour", "--timeline"), ("--since", "2026-10-10T13:55:37")],
)
def test_explain_breakdowns_match_the_schema(
    options: tuple[str, ...], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--by, --timeline and --since add keys of their own; each is in the schema."""
    log = tmp_path / "access.log"
    log.write_text(ACCESS_LOG, encoding="utf-8")
    assert main(["explain", str(log), "--json", *options]) in (EXIT_OK, 1)
    report = json.loads(capsys.readouterr().out)
    validator("explain").validate(report)
    assert {"breakdown", "timeline", "outside_range"} & set(report)


def test_an_unknown_key_fails_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    """The schemas are closed: a key added to the output without documenting it fails."""
    shown = output(capsys, "show", "404", "--json")
    assert validator("show").is_valid(shown)
    assert not validator("show").is_valid({**shown, "undocumented": 1})


def test_json_output_of_a_subprocess_matches(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "http_status_browser", "search", "teapot", "--all", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    assert result.returncode == EXIT_OK, result.stderr
    validator("search").validate(json.loads(result.stdout))


def readme_table_keys(heading: str) -> set[str]:
    """The backticked keys in the first column of the table after `heading` in the README."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index(heading) :]
    lines = section[section.index("\n| key |") + 1 :].splitlines()
    keys: set[str] = set()
    for row in lines[2:]:
        if not row.startswith("|"):
            break
        keys.update(re.findall(r"`([a-z_]+)`", row.split("|")[1]))
    return keys


@pytest.mark.parametrize(
    ("command", "heading"),
    [
        ("show", "`show --json` prints one object"),
        ("which", "`which --json` prints an array"),
        ("compare", "`compare --json` prints one object"),
        ("explain", "`--json` prints one\nobject with these keys"),
    ],
)
def test_the_readme_documents_every_key(command: str, heading: str) -> None:
    schema = load(command)
    top = schema["items"] if schema.get("type") == "array" else schema
    assert readme_table_keys(heading) == set(top["properties"])
