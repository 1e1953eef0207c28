"""The API calls a snippet makes, for frameworks checked against tables read from their source.

Spring, ASP.NET Core, Vapor and Ktor have no toolchain here: each identifier, import and call
their snippets use must be listed, with the source file that defines it, in the framework's
table under tests/data/framework_constants.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import NamedTuple

TABLES = Path(__file__).resolve().parent.parent / "tests" / "data" / "framework_constants"
# The current release's table for each language without a toolchain.
TABLE_FOR = {"spring": "spring-7", "aspnet": "aspnet", "vapor": "vapor", "ktor": "ktor"}

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_IMPORT = re.compile(r"^\s*((?:import|using)\s+[\w.*]+);?\s*$")
_CONSTRUCTOR = re.compile(r"\bnew\s+(\w+)\s*\(")
_CHAINED = re.compile(r"\)\s*(\.\w+)\s*\(")
_CALL = re.compile(r"(?<![.\w])([A-Za-z_]\w*(?:\.\w+)*)\s*\(")
_ASSIGNED = re.compile(r"(?<![.\w])([A-Za-z_]\w*(?:\.\w+)+)\s*=[^=]")
_MEMBER_ARGUMENT = re.compile(r":\s*(\.\w+)")
_QUALIFIED_ARGUMENT = re.compile(r"[(,]\s*([A-Z]\w*\.[A-Z]\w*)\s*[,)]")
_KEYWORDS = {"return", "throw", "if", "let", "var", "val", "fun", "def"}


class FrameworkTable(NamedTuple):
    version: str
    constants: dict[str, int]
    deprecated: frozenset[str]
    api: dict[str, str]


def table(language_id: str) -> FrameworkTable:
    data = json.loads((TABLES / f"{TABLE_FOR[language_id]}.json").read_text(encoding="utf-8"))
    return FrameworkTable(
        data["version"], data["constants"], frozenset(data["deprecated"]), data.get("api", {})
    )


def used_apis(snippet: str, constant: str | None) -> set[str]:
    """Imports, constructors, calls and assigned members of a snippet's code lines.

    `constant` is the status constant the snippet writes, checked against the constant table
    instead; None where the snippet writes the number, whose expression is an API call too.
    """
    found: set[str] = set()
    for raw in snippet.splitlines():
        if raw.lstrip().startswith(("//", "#")) or not raw.strip():
            continue
        imported = _IMPORT.match(raw)
        if imported:
            found.add(imported.group(1))
            continue
        line = _STRING.sub('""', raw.replace(constant, "STATUS") if constant else raw)
        found.update(f"new {name}" for name in _CONSTRUCTOR.findall(line))
        found.update(_CHAINED.findall(line))
        line_without_new = _CONSTRUCTOR.sub("(", line)
        found.update(name for name in _CALL.findall(line_without_new) if name not in _KEYWORDS)
        found.update(_ASSIGNED.findall(line))
        found.update(_MEMBER_ARGUMENT.findall(line))
        found.update(name for name in _QUALIFIED_ARGUMENT.findall(line) if name != "STATUS")
    return found
