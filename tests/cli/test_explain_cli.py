"""`httpstatus explain`: in-process through main(argv), and as a subprocess for each exit path."""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pytest

from http_status_browser.cli.explain_output import printable
from http_status_browser.cli.main import EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE, main
from http_status_browser.registry import Registry

DATA = Path(__file__).parents[1] / "data" / "explain"
JSON_KEYS = {"sources", "total", "interrupted", "codes", "unread", "unread_samples"}
CODE_KEYS = {
    "code",
    "count",
    "share",
    "category",
    "known",
    "phrase",
    "official",
    "defined_by",
    "summary",
    "phrases_seen",
    "top",
}
HOSTILE = (
    '198.51.100.1 - - [26/Nov/2026:10:00:00 +0000] "GET /\x1b]8;;file:///etc/passwd\x07x'
    '\x1b]8;;\x07\x1b[2J\x9b31m HTTP/1.1" 404 0 "-" "\x1b[31mred"\n'
    "HTTP/1.1 200 \x1b[5mBlink\u202eevil\n"
    "\x1b[41mnot a log line\x07\n"
)


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "http_status_browser.cli.main", "explain", *args],
        capture_output=True,
        input=stdin,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
        timeout=60,
    )


def fake_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))


def test_table_groups_codes_by_class_with_counts_and_meaning(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["explain", str(DATA / "nginx-combined.log")]) == EXIT_OK
    out = capsys.readouterr().out
    assert "access-log, 12 lines, 10 status codes" in out
    assert "4xx Client error" in out
    assert "499  Client Closed Request" in out
    assert "[unofficial: nginx]" in out
    assert "Could not read 1" in out
    assert "line 11: no status code found" in out
    assert out.index("2xx Success") < out.index("4xx Client error") < out.index("5xx Server")


def test_flagged_phrases_and_unknown_codes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_stdin(
        monkeypatch,
        b"HTTP/1.1 200 Success\nHTTP/1.1 413 Request Entity Too Large\nHTTP/1.1 213 Odd\n",
    )
    assert main(["explain", "-"]) == EXIT_OK
    out = capsys.readouterr().out
    flagged = out.split("Flagged", 1)[1]
    assert '200  sent as "Success" once: differs from the registry\'s OK' in flagged
    assert '413  sent as "Request Entity Too Large" once: a former or other name' in flagged
    assert "213  in no registry: seen once" in flagged


def test_top_lists_paths_for_error_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "--top", "1", str(DATA / "nginx-combined.log")]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.split("404  Not Found", 1)[1].splitlines()[1].split() == ["2", "/favicon.ico"]
    assert "/static/site.css" not in out  # 200s have no top list


def test_json_has_the_documented_keys(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "--json", "--top", "2", str(DATA / "devtools-export.har")]) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert set(data) == JSON_KEYS
    assert all(set(code) == CODE_KEYS for code in data["codes"])
    assert data["sources"][0]["format"] == "har"
    assert data["total"] == 4
    assert data["unread_samples"][0]["unit"] == "entry"
    assert [c["code"] for c in data["codes"]] == [200, 301, 401, 404]


def test_gzip_and_several_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    rotated = tmp_path / "access.log.2.gz"
    rotated.write_bytes(gzip.compress((DATA / "apache-common.log").read_bytes()))
    assert main(["explain", "--json", str(rotated), str(DATA / "apache-common.log")]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["total"] == 10


def test_field_and_key_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "--field", "5", str(DATA / "custom-fields.log")]) == EXIT_OK
    assert "503  Service Unavailable" in capsys.readouterr().out


def test_hostile_input_reaches_the_terminal_without_escapes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_stdin(monkeypatch, HOSTILE.encode("utf-8"))
    assert main(["explain", "--top", "3"]) == EXIT_OK
    captured = capsys.readouterr()
    for stream in (captured.out, captured.err):
        assert "\x1b" not in stream
        assert "\x9b" not in stream
        assert "\x07" not in stream
        assert "\u202e" not in stream
    assert "\\x1b]8;;file:///etc/passwd" in captured.out


def test_hostile_input_in_json_is_ascii_escaped(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_stdin(monkeypatch, HOSTILE.encode("utf-8"))
    assert main(["explain", "--json", "--top", "3"]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.isascii()
    assert "\x1b" not in out
    assert json.loads(out)["codes"][1]["top"][0]["target"].startswith("/\x1b]8;;file:")


def test_printable_escapes_controls_but_keeps_text() -> None:
    assert printable("café /a b") == "café /a b"
    assert printable("\x1b[31m\x9b\u202e\t") == "\\x1b[31m\\x9b\\u202e\\x09"


def test_nothing_found_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    empty = tmp_path / "empty.log"
    empty.write_bytes(b"")
    assert main(["explain", str(empty)]) == EXIT_NOT_FOUND
    err = capsys.readouterr().err
    assert "empty: no lines to read" in err
    assert "no status codes found" in err


def test_nothing_found_still_shows_the_unread_lines(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    log = tmp_path / "app.jsonl"
    log.write_text('{"upstream": {"code": 502}}\n', encoding="utf-8")
    assert main(["explain", "--key", "upstream.status", str(log)]) == EXIT_NOT_FOUND
    err = capsys.readouterr().err
    assert "line 1: no status code under 'upstream.status'" in err


@pytest.mark.parametrize(
    "args",
    [
        ["--field", "0", "x"],
        ["--top", "-1", "x"],
        ["--format", "xml", "x"],
        ["--field", "9", "--format", "har", "x"],
        ["does-not-exist.log"],
        ["."],
    ],
)
def test_usage_errors_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", *args]) == EXIT_USAGE
    assert capsys.readouterr().err.startswith("httpstatus: ")


def test_subprocess_explains_stdin_exit_0() -> None:
    result = run_cli(stdin=(DATA / "curl-include.txt").read_bytes())
    assert result.returncode == EXIT_OK, result.stderr
    assert b"100  Continue" in result.stdout


def test_subprocess_reads_gzip_from_stdin() -> None:
    result = run_cli("--json", stdin=gzip.compress((DATA / "devtools-export.har").read_bytes()))
    assert result.returncode == EXIT_OK, result.stderr
    assert json.loads(result.stdout)["sources"][0]["format"] == "har"


def test_subprocess_nothing_found_exit_1(tmp_path: Path) -> None:
    binary = tmp_path / "core.bin"
    binary.write_bytes(bytes(range(256)) * 64)
    result = run_cli(str(binary))
    assert result.returncode == EXIT_NOT_FOUND
    assert b"a binary file, not a log" in result.stderr
    assert b"Traceback" not in result.stderr


def test_subprocess_directory_exit_2(tmp_path: Path) -> None:
    result = run_cli(str(tmp_path))
    assert result.returncode == EXIT_USAGE
    assert b"is a directory" in result.stderr
    assert b"Traceback" not in result.stderr


def test_standard_input_that_cannot_be_read(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    closed = io.TextIOWrapper(io.BufferedReader(io.BytesIO(b"HTTP/1.1 200 OK\n")))
    closed.close()
    monkeypatch.setattr(sys, "stdin", closed)
    assert main(["explain", "-"]) == EXIT_NOT_FOUND
    assert "standard input: " in capsys.readouterr().err


def test_subprocess_reads_a_copytruncated_log_with_field(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    log.write_bytes(b"\0" * 6000 + (DATA / "apache-common.log").read_bytes())
    for args in ([], ["--field", "9"], ["--format", "access-log"]):
        result = run_cli("--json", *args, str(log))
        assert result.returncode == EXIT_OK, result.stderr
        assert json.loads(result.stdout)["total"] == 5


def pipe_drained(pipe: IO[bytes], child: subprocess.Popen[bytes]) -> bool:
    """Waits (at most 30 s) until the child has read everything written into `pipe`."""
    import fcntl
    import termios
    import time

    deadline = time.monotonic() + 30
    waiting = bytearray(4)
    while time.monotonic() < deadline and child.poll() is None:
        fcntl.ioctl(pipe.fileno(), termios.FIONREAD, waiting)
        if int.from_bytes(waiting, sys.byteorder) == 0:
            return True
        time.sleep(0.05)
    return False


# Issue 26, explain defect 1: `tail -f access.log | httpstatus explain -` then Ctrl+C printed
# a KeyboardInterrupt traceback and lost the lines already read.
@pytest.mark.parametrize(
    ("signal_number", "args"), [(signal.SIGINT, []), (signal.SIGTERM, ["--json"])]
)
def test_a_signal_while_reading_a_pipe_prints_what_was_read(
    signal_number: int, args: list[str]
) -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "http_status_browser.cli.main", "explain", *args, "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert child.stdin is not None
    try:
        child.stdin.write((DATA / "nginx-combined.log").read_bytes())
        child.stdin.flush()  # and the pipe stays open, as tail -f keeps it
        assert pipe_drained(child.stdin, child)
        # The pipe is empty: the child is waiting for more, with every line read.
        child.send_signal(signal_number)
        out, err = child.communicate(timeout=30)
    finally:
        child.kill()
        child.wait(timeout=30)
    assert child.returncode == 130, err
    assert b"Traceback" not in err
    assert b"stopped: the counts are those of what was read" in err
    if args:
        report = json.loads(out)
        assert report["total"] == 10
        assert report["interrupted"] is True
    else:
        assert b"standard input: access-log, 12 lines, 10 status codes" in out
        assert b"502  Bad Gateway" in out


def test_by_path_for_one_code(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["explain", "--by", "path", "--code", "404", str(DATA / "nginx-combined.log")]
    assert main(args) == EXIT_OK
    out = capsys.readouterr().out
    assert "404 by path: 2 codes, the top 1 of 1 paths" in out
    assert out.rstrip().splitlines()[-1].split() == ["2", "/favicon.ico"]


def test_by_hour_draws_a_bar_per_hour(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "--by", "hour", "--code", "5xx", str(DATA / "zeek-http.log")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "5xx by hour (UTC): 2 codes" in lines
    assert lines[-2].split()[:3] == ["2026-11-26", "08:00", "1"]
    assert lines[-1].split()[:3] == ["2026-11-26", "09:00", "1"]


def test_timeline_is_a_sparkline_per_class(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "--timeline", str(DATA / "nginx-combined.log")]) == EXIT_OK
    out = capsys.readouterr().out
    timeline = out.split("Timeline", 1)[1].splitlines()
    assert "2026-11-26T09:14:00Z to 2026-11-26T09:18:00Z, 1 minute a column" in timeline[0]
    sparks = {line.split()[0]: line[9:].rsplit(" ", 1) for line in timeline[1:]}
    assert set(sparks) == {"2xx", "3xx", "4xx", "5xx"}
    # One column a minute from 09:14 to 09:17: 4xx at 09:14 (1), 09:16 (1) and 09:17 (2).
    assert sparks["4xx"][0].rstrip() == "▄ ▄█"
    assert sparks["4xx"][1] == "4"


def test_sparkline_levels_and_their_ascii_form() -> None:
    from http_status_browser.cli.explain_output import ASCII_SPARKS, sparkline

    assert sparkline([0, 1, 2, 8], ASCII_SPARKS) == " .:@"
    assert sparkline([3, 4, 5, 6, 7], "12345678") == "45678"
    assert sparkline([0, 0], ASCII_SPARKS) == "  "


def test_since_and_until_in_json(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--since", "2026-11-26T09:16", "--until", "2026-11-26T09:17", "--json"]
    assert main(["explain", *args, str(DATA / "nginx-combined.log")]) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert {c["code"]: c["count"] for c in data["codes"]} == {499: 1, 502: 2}
    assert data["outside_range"] == 7


def test_json_breakdown_and_timeline(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--json", "--by", "host", "--code", "4xx", "--timeline"]
    assert main(["explain", *args, str(DATA / "nginx-combined.log")]) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert data["breakdown"]["selection"] == "4xx"
    assert [(r["key"], r["count"], r["4xx"]) for r in data["breakdown"]["rows"]] == [
        ("198.51.100.9", 2, 2),
        ("192.0.2.150", 1, 1),
        ("203.0.113.7", 1, 1),
    ]
    assert data["timeline"]["bucket_seconds"] == 60
    assert data["timeline"]["buckets"][0] == {
        "start": "2026-11-26T09:14:00Z",
        "other": 0,
        "1xx": 0,
        "2xx": 3,
        "3xx": 0,
        "4xx": 1,
        "5xx": 0,
    }


def test_csv_beside_json(capsys: pytest.CaptureFixture[str]) -> None:
    import csv

    assert main(["explain", "--csv", str(DATA / "nginx-combined.log")]) == EXIT_OK
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [row["code"] for row in table] == ["200", "201", "302", "400", "404", "499", "502"]
    assert table[5] == {
        "code": "499",
        "count": "1",
        "share": "0.100000",
        "category": "4xx",
        "phrase": "Client Closed Request",
        "official": "no",
        "defined_by": "nginx",
    }
    assert main(["explain", "--csv", "--by", "path", str(DATA / "nginx-combined.log")]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[0]["key"] == "/favicon.ico"
    assert rows[0]["count"] == "2"
    # A path with a quote in it comes back whole.
    assert '/api/search?q=\\"boots\\"' in [row["key"] for row in rows]


def test_zeek_log_with_a_named_field_as_a_subprocess() -> None:
    result = run_cli("--field", "status_code", "--json", str(DATA / "zeek-http.log"))
    assert result.returncode == EXIT_OK, result.stderr
    data = json.loads(result.stdout)
    assert data["sources"][0]["format"] == "fields"
    assert data["total"] == 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--code", "404", "x.log"], "give --by too"),
        (["--by", "path", "--code", "4x", "x.log"], "not a status code or class"),
        (["--since", "yesterday", "x.log"], "not a time"),
        (["--since", "2026-11-27", "--until", "2026-11-26", "x.log"], "before --until"),
        (["--field", "0", "x.log"], "counts from 1"),
        (["--follow", "a.log", "b.log"], "follows one log file"),
        (["--follow", "-"], "follows one log file"),
        (["--json", "--csv", "x.log"], "not allowed with"),
        (["--interval", "0", "--follow", "x.log"], "--interval"),
    ],
)
def test_usage_errors_of_the_new_options(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["explain", *args]) == EXIT_USAGE
    assert message in capsys.readouterr().err


class ChildLines:
    """The lines a child process writes, read with a deadline (never a sleep)."""

    def __init__(self, child: subprocess.Popen[bytes]) -> None:
        assert child.stdout is not None
        self.child = child
        self.stream = child.stdout
        self.pending = b""
        self.lines: list[str] = []

    def until(self, wanted: Callable[[str], bool], seconds: float = 30) -> str:
        """The first new line for which `wanted` is true; fails after `seconds`."""
        import select
        import time

        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            while b"\n" in self.pending:
                line, self.pending = self.pending.split(b"\n", 1)
                text = line.decode("utf-8", errors="replace")
                self.lines.append(text)
                if wanted(text):
                    return text
            readable, _, _ = select.select([self.stream], [], [], 0.5)
            if readable:
                data = os.read(self.stream.fileno(), 65536)
                if not data:
                    break
                self.pending += data
        raise AssertionError(f"not seen in {seconds} s; lines so far: {self.lines[-5:]}")


def follow(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "http_status_browser.cli.main", "explain", "--follow", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1"},
    )


def total_is(count: int) -> Callable[[str], bool]:
    return lambda line: line.startswith("{") and json.loads(line)["total"] == count


def test_follow_a_growing_file_through_rename_and_truncation(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    apache = (DATA / "apache-common.log").read_bytes()  # 5 codes
    log.write_bytes((DATA / "nginx-combined.log").read_bytes())  # 10 codes
    child = follow("--json", "--interval", "0.05", str(log))
    try:
        lines = ChildLines(child)
        lines.until(total_is(10))
        with log.open("ab") as out:
            out.write(apache)
        lines.until(total_is(15))
        log.rename(tmp_path / "access.log.1")
        log.write_bytes(apache * 3)
        lines.until(total_is(30))
        with log.open("r+b") as out:  # copytruncate
            out.truncate(0)
        with log.open("ab") as out:
            out.write(apache)
        lines.until(total_is(35))
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=30)
    finally:
        child.kill()
        child.wait(timeout=30)
    assert child.returncode == 130, err
    final = json.loads((lines.pending + out).decode().strip().splitlines()[-1])
    assert final["total"] == 35
    assert final["interrupted"] is True
    assert {c["code"]: c["count"] for c in final["codes"]}[500] == 1 + 4
    assert b"Traceback" not in err


def test_follow_appends_a_summary_line_when_not_a_terminal(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    log.write_bytes((DATA / "apache-common.log").read_bytes())
    child = follow("--interval", "0.05", str(log))
    try:
        lines = ChildLines(child)
        first = lines.until(lambda line: " codes " in line)
        assert first.split("  ")[1:] == ["5 codes", "2xx 1", "3xx 2", "4xx 1", "5xx 1"]
        with log.open("ab") as out:
            out.write((DATA / "apache-common.log").read_bytes())
        lines.until(lambda line: "  10 codes  " in line)
        child.send_signal(signal.SIGTERM)
        out, err = child.communicate(timeout=30)
    finally:
        child.kill()
        child.wait(timeout=30)
    assert child.returncode == 130, err
    text = "\n".join(lines.lines) + "\n" + (lines.pending + out).decode()
    assert text.count(" codes ") == 2  # a line when the counts changed, not at each refresh
    assert "access-log, 10 lines, 10 status codes" in text  # then the full report
    assert "413  Content Too Large" in text


CLEAR = b"\x1b[H\x1b[2J"


def test_follow_redraws_the_summary_on_a_terminal(tmp_path: Path) -> None:
    import pty

    log = tmp_path / "access.log"
    log.write_bytes((DATA / "nginx-combined.log").read_bytes())
    main_fd, child_fd = pty.openpty()
    command = [sys.executable, "-m", "http_status_browser.cli.main", "explain", "--follow"]
    child = subprocess.Popen(
        [*command, "--timeline", "--interval", "0.05", str(log)],
        stdout=child_fd,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1", "TERM": "xterm", "COLUMNS": "100"},
    )
    os.close(child_fd)
    try:
        seen = b""
        import select
        import time

        deadline = time.monotonic() + 30

        def redrawn() -> bool:  # twice, the second time to its end
            return seen.count(CLEAR) >= 2 and b"Ctrl+C stops" in seen.rsplit(CLEAR, 1)[1]

        while not redrawn() and time.monotonic() < deadline:
            if select.select([main_fd], [], [], 0.5)[0]:
                seen += os.read(main_fd, 65536)
        child.send_signal(signal.SIGINT)
        child.wait(timeout=30)
    finally:
        child.kill()
        child.wait(timeout=30)
        os.close(main_fd)
    assert child.returncode == 130
    screen = seen.decode("utf-8", errors="replace").split("\x1b[H\x1b[2J")[-1]
    assert "502  Bad Gateway" in screen
    assert "Timeline" in screen
    assert "Ctrl+C stops" in screen


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_follow_on_a_terminal_before_the_first_code(
    registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    from http_status_browser.cli.explain_command import LiveOutput
    from http_status_browser.explain import ExplainOptions, explain_text

    monkeypatch.setenv("NO_COLOR", "1")

    screen = Terminal()
    args = argparse.Namespace(json=False, timeline=True, since=None, until=None)
    live = LiveOutput(args, registry, screen)
    live(explain_text("", ExplainOptions(timeline=True), name="access.log"))
    assert screen.getvalue().startswith("\x1b[H\x1b[2JNo status codes in access.log yet\n")
    live(explain_text("HTTP/1.1 503 Busy\n", ExplainOptions(timeline=True), name="access.log"))
    redrawn = screen.getvalue().split("\x1b[H\x1b[2J")[-1]
    assert "503  Service Unavailable" in redrawn
    assert "Following access.log" in redrawn


def test_csv_cells_from_the_input_cannot_be_formulas_or_escapes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import csv

    line = '192.0.2.1 - - [26/Nov/2026:10:00:00 +0000] "GET {} HTTP/1.1" 404 0 "-" "-"\n'
    targets = ["=1+2", "+1+1", "@SUM(A1)", "-2+3", "/\x1b[2Jx"]
    fake_stdin(monkeypatch, "".join(line.format(t) for t in targets).encode())
    assert main(["explain", "--csv", "--by", "path", "-"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "\x1b" not in out
    keys = sorted(row["key"] for row in csv.DictReader(io.StringIO(out)))
    assert keys == sorted(["'=1+2", "'+1+1", "'@SUM(A1)", "'-2+3", "/\\x1b[2Jx"])
