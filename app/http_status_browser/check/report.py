"""A result's stable shapes: the JSON object (docs/schemas/check.schema.json) and the CSV row,
written one result at a time by `httpstatus check` and the window's export."""

from __future__ import annotations

import csv
import json
from typing import IO, Any

from http_status_browser.check.records import CheckResult
from http_status_browser.check.targets import without_credentials

CSV_COLUMNS = (
    "url",
    "ok",
    "final_status",
    "final_url",
    "redirects",
    "chain",
    "problems",
    "error",
    "expected_url",
    "expected_status",
)


def result_json(result: CheckResult) -> dict[str, Any]:
    expect = result.target.expect
    return {
        "url": result.url,
        "source": result.target.source,
        "final_status": result.final_status,
        "final_url": result.final_url,
        "hops": [
            {
                "url": hop.url,
                "method": hop.method,
                "status": hop.status,
                "reason": hop.reason,
                "server_reason": hop.server_reason,
                "location": hop.location,
                "ms": round(hop.ms, 3),
            }
            for hop in result.hops
        ],
        "problems": [
            {"kind": p.kind.value, "severity": p.severity.value, "message": p.message}
            for p in result.problems
        ],
        "expected": None
        if expect is None
        else {"url": without_credentials(expect.to), "first_status": expect.first_status},
        "error": result.error,
        "ok": result.ok,
    }


def chain_text(result: CheckResult) -> str:
    """The statuses in order, "301 > 302 > 200"; "-" when nothing answered."""
    return " > ".join(str(hop.status) for hop in result.hops) or "-"


def result_row(result: CheckResult) -> list[str]:
    expect = result.target.expect
    return [
        result.url,
        "yes" if result.ok else "no",
        "" if result.final_status is None else str(result.final_status),
        result.final_url or "",
        str(max(0, len(result.hops) - 1)),
        chain_text(result),
        "; ".join(f"{p.severity.value}: {p.message}" for p in result.problems),
        result.error or "",
        "" if expect is None else without_credentials(expect.to),
        "" if expect is None or expect.first_status is None else str(expect.first_status),
    ]


class JsonListWriter:
    """A JSON list written one item at a time: `[`, items, `]`, valid at the end."""

    def __init__(self, out: IO[str]) -> None:
        self._out = out
        self._count = 0

    def write(self, result: CheckResult) -> None:
        text = json.dumps(result_json(result), indent=2, ensure_ascii=True)
        self._out.write(("[\n" if self._count == 0 else ",\n") + _indented(text))
        self._count += 1

    def close(self) -> None:
        self._out.write("[]\n" if self._count == 0 else "\n]\n")


def _indented(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())


class CsvWriter:
    """CSV with a header row; text that a spreadsheet would run as a formula is quoted with
    a leading apostrophe (URLs and messages come from servers)."""

    def __init__(self, out: IO[str]) -> None:
        self._writer = csv.writer(out, lineterminator="\n")
        self._writer.writerow(CSV_COLUMNS)

    def write(self, result: CheckResult) -> None:
        self._writer.writerow([_cell(value) for value in result_row(result)])


def _cell(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@") and value != "-" else value
