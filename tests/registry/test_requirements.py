"""Each code's requirements: loaded and validated, shown by `show` and in `show --json`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from http_status_browser.cli.main import EXIT_OK, main
from http_status_browser.registry import Registry, RegistryError, load_registry
from http_status_browser.registry.values import REQUIREMENT_LEVELS, Requirement
from tests.cli.test_cli import run_cli
from tests.conftest import entry

RULE = {
    "level": "MUST",
    "text": "Send an Allow header.",
    "reference": "RFC 9110 Section 15.5.6",
    "url": "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6",
}


def test_requirements_load_in_order_as_records(registry: Registry) -> None:
    status = registry.lookup(511)
    assert status is not None
    assert all(isinstance(rule, Requirement) for rule in status.requirements)
    assert [rule.level for rule in status.requirements] == [
        "SHOULD",
        "SHOULD NOT",
        "SHOULD NOT",
        "MUST NOT",
    ]
    assert status.requirements[2].reference == "RFC 6585 Section 6"


def test_every_requirement_has_a_known_level_and_an_anchored_link(registry: Registry) -> None:
    for status in registry.statuses:
        for rule in status.requirements:
            assert rule.level in REQUIREMENT_LEVELS, status.code
            assert rule.url.startswith("https://"), status.code
            assert "#" in rule.url, (status.code, rule.url)
            assert rule.text.endswith("."), (status.code, rule.text)


def test_requirements_come_right_after_url_in_the_file(builtin_data: dict[str, Any]) -> None:
    for raw in builtin_data["statuses"]:
        if "requirements" in raw:
            keys = list(raw)
            assert keys[keys.index("url") + 1] == "requirements", raw["code"]


@pytest.mark.parametrize(
    ("damage", "field", "message"),
    [
        ({"level": "MUST NEVER"}, "'level'", "expected one of MUST, MUST NOT, SHOULD"),
        ({"level": "must"}, "'level'", "got 'must'"),
        ({"text": ""}, "'text'", "expected non-empty text"),
        ({"url": 7}, "'url'", "expected non-empty text, got a number"),
        ({"source": "x"}, "", "unknown field 'source'"),
    ],
)
def test_a_broken_requirement_names_file_entry_and_field(
    registry_data: dict[str, Any],
    write_registry: Callable[[object], Path],
    damage: dict[str, object],
    field: str,
    message: str,
) -> None:
    entry(registry_data, 405)["requirements"] = [RULE, {**RULE, **damage}]
    path = write_registry(registry_data)
    with pytest.raises(RegistryError) as raised:
        load_registry(path)
    text = str(raised.value)
    assert text.startswith(str(path))
    assert "(code 405), requirements[1]" in text
    assert field in text
    assert message in text


def test_a_missing_requirement_field_is_named(
    registry_data: dict[str, Any], write_registry: Callable[[object], Path]
) -> None:
    entry(registry_data, 405)["requirements"] = [{k: v for k, v in RULE.items() if k != "url"}]
    with pytest.raises(RegistryError, match=r"requirements\[0\]: missing field 'url'"):
        load_registry(write_registry(registry_data))


def test_requirements_must_be_a_list(
    registry_data: dict[str, Any], write_registry: Callable[[object], Path]
) -> None:
    entry(registry_data, 405)["requirements"] = RULE
    with pytest.raises(RegistryError, match=r"field 'requirements': expected a list"):
        load_registry(write_registry(registry_data))


def test_every_official_code_has_requirements(registry: Registry) -> None:
    for status in registry.statuses:
        if status.official:
            assert status.requirements, status.code


@pytest.mark.parametrize("requirements", [[], None])
def test_an_official_code_without_requirements_is_refused(
    registry_data: dict[str, Any],
    write_registry: Callable[[object], Path],
    requirements: list[object] | None,
) -> None:
    if requirements is None:
        del entry(registry_data, 405)["requirements"]
    else:
        entry(registry_data, 405)["requirements"] = requirements
    with pytest.raises(RegistryError) as raised:
        load_registry(write_registry(registry_data))
    assert "(code 405), field 'requirements': an official code needs at least one" in str(
        raised.value
    )


def test_unofficial_codes_may_go_without_requirements(registry: Registry) -> None:
    status = registry.lookup(444)
    assert status is not None
    assert not status.official
    assert status.requirements == ()


def test_show_has_a_requirements_section(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "405"]) == EXIT_OK
    out = capsys.readouterr().out
    section = out.split("Requirements\n", 1)[1]
    assert section.startswith("  MUST: The origin server must send an Allow header")
    assert "(RFC 9110 Section 15.5.6)" in section
    assert out.index("Requirements") < out.index("Headers")


def test_show_json_lists_requirements(
    registry: Registry, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", "451", "--json"]) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    status = registry.lookup(451)
    assert status is not None
    plain = ("level", "text", "reference", "url")
    assert data["requirements"] == [
        {name: getattr(rule, name) for name in plain} for rule in status.requirements
    ]
    assert set(data["requirements"][0]) == set(plain)
    assert data["requirements"][1]["url"] == "https://www.rfc-editor.org/rfc/rfc7725#section-4"


def test_show_json_names_the_header_a_rule_asks_for(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "401", "--json"]) == EXIT_OK
    rule = json.loads(capsys.readouterr().out)["requirements"][0]
    assert (rule["level"], rule["header"], rule["value"]) == ("MUST", "WWW-Authenticate", "Bearer")


def test_show_prints_requirements_as_a_subprocess() -> None:
    result = run_cli("show", "511")
    assert result.returncode == EXIT_OK
    assert "Requirements\n" in result.stdout
    assert (
        "  MUST NOT: A cache must not store a 511 response. (RFC 6585 Section 6)" in result.stdout
    )
    assert "SHOULD NOT: Origin servers should not send 511" in result.stdout
