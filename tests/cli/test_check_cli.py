"""`httpstatus check` as a command: in-process through main(argv) for its outputs and usage
errors, as a subprocess for each exit status, its JSON against docs/schemas/check.schema.json,
and the rule that no other command loads httpx."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from http_status_browser.cli.check_command import Progress
from http_status_browser.cli.main import EXIT_OK, EXIT_USAGE, main
from tests.check.site import Site
from tests.cli.test_cli import run_cli
from tests.cli.test_cli_startup import modules_loaded_by

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "docs" / "schemas" / "check.schema.json").read_text("utf-8"))
EXIT_PROBLEMS = 1

pytestmark = pytest.mark.usefixtures("no_proxy")


def check_json(
    capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, list[dict[str, object]]]:
    status = main(["check", "--json", *args])
    data = json.loads(capsys.readouterr().out)
    jsonschema.validate(data, SCHEMA)
    return status, data


def test_the_schema_is_a_valid_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_json_of_every_kind_of_result_matches_the_schema(
    capsys: pytest.CaptureFixture[str], endpoint: str, site: Site, tmp_path: Path
) -> None:
    redirect_map = tmp_path / "map.csv"
    redirect_map.write_text(
        f"from,to,status\n{endpoint}/301?to=/200,{endpoint}/200,301\n"
        f"{endpoint}/302?to=/200,{endpoint}/201,301\n{endpoint}/x,/y,nope\n"
    )
    status, data = check_json(
        capsys,
        f"{endpoint}/200",
        f"{endpoint}/308?to=/404",
        f"{site.url}/loop/a",
        f"{site.url}/head-refused",
        "mailto:someone@example.com",
        "--expect",
        str(redirect_map),
    )
    assert status == EXIT_PROBLEMS
    assert [item["url"] for item in data][:3] == [
        f"{endpoint}/200",
        f"{endpoint}/308?to=/404",
        f"{site.url}/loop/a",
    ]
    assert [item["ok"] for item in data] == [True, False, False, True, False, True, False, False]
    assert data[0]["final_status"] == 200
    assert data[0]["hops"] == [
        {
            "url": f"{endpoint}/200",
            "method": "HEAD",
            "status": 200,
            "reason": "OK",
            "server_reason": "OK",
            "location": None,
            "ms": data[0]["hops"][0]["ms"],  # type: ignore[index]
        }
    ]
    assert data[5]["expected"] == {"url": f"{endpoint}/200", "first_status": 301}
    assert data[7]["source"] == f"{redirect_map}:4"


def test_all_fine_is_exit_0_with_a_table(capsys: pytest.CaptureFixture[str], endpoint: str) -> None:
    assert main(["check", f"{endpoint}/200", f"{endpoint}/301?to=/204"]) == EXIT_OK
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0].split() == ["200", f"{endpoint}/200"]
    assert lines[1].split()[:2] == ["200", "OK"]
    assert lines[1].endswith(" ms")
    assert lines[2].split() == ["301", "204", f"{endpoint}/301?to=/204", "->", f"{endpoint}/204"]
    assert lines[3].split()[:3] == ["301", "Moved", "Permanently"]
    assert lines[3].endswith("Location: /204")
    assert lines[4].split()[:3] == ["204", "No", "Content"]
    assert lines[5].strip() == "warning: 301 with a relative Location: /204"
    assert "\033[" not in captured.out
    assert "2 checked, all fine" in captured.err


def test_csv_in_input_order(capsys: pytest.CaptureFixture[str], endpoint: str) -> None:
    urls = [f"{endpoint}/404", f"{endpoint}/302?to=/200", "=cmd|' /C calc'!A0"]
    assert main(["check", "--csv", *urls]) == EXIT_PROBLEMS
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [row["url"] for row in rows] == [*urls[:2], "'" + urls[2]]
    assert [row["chain"] for row in rows] == ["404", "302 > 200", "-"]
    assert rows[1]["final_url"] == f"{endpoint}/200"
    assert [row["ok"] for row in rows] == ["no", "yes", "no"]


def test_from_a_file_with_comments(
    capsys: pytest.CaptureFixture[str], endpoint: str, tmp_path: Path
) -> None:
    listed = tmp_path / "urls.txt"
    listed.write_text(f"# the site\n{endpoint}/200\n\n{endpoint}/204\n")
    status, data = check_json(capsys, "--from", str(listed))
    assert status == EXIT_OK
    assert [item["source"] for item in data] == [f"{listed}:2", f"{listed}:4"]


def test_a_redirect_map_that_holds_is_exit_0(
    capsys: pytest.CaptureFixture[str], endpoint: str, tmp_path: Path
) -> None:
    redirect_map = tmp_path / "map.csv"
    redirect_map.write_text(f"{endpoint}/301?to=/200,/200,301\n{endpoint}/308?to=/204,/204\n")
    assert main(["check", "--expect", str(redirect_map)]) == EXIT_OK


def test_more_redirects_than_allowed(capsys: pytest.CaptureFixture[str], site: Site) -> None:
    status, data = check_json(capsys, "--max-redirects", "2", f"{site.url}/chain/3")
    assert status == EXIT_PROBLEMS
    assert [p["kind"] for p in data[0]["problems"]] == ["too-many-redirects"]  # type: ignore[index, union-attr]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "name URLs, a list of them (--from FILE) or a redirect map (--expect)"),
        (["--json", "--csv", "http://a.test/"], "not allowed with argument"),
        (["--timeout", "0", "http://a.test/"], "--timeout takes seconds"),
        (["--concurrency", "0", "http://a.test/"], "--concurrency takes 1 to 1024"),
        (["--max-redirects", "-1", "http://a.test/"], "--max-redirects takes 0 or more"),
        (["--per-host", "0", "http://a.test/"], "--per-host takes 1 to 64"),
        (["--from", "/no/such/file"], "cannot read /no/such/file: No such file or directory"),
        (["--from", "-", "--expect", "-"], "only one of --from and --expect"),
    ],
)
def test_usage_errors(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", *args]) == EXIT_USAGE
    assert message in capsys.readouterr().err


def test_a_directory_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["check", "--from", str(tmp_path)]) == EXIT_USAGE
    assert "is a directory" in capsys.readouterr().err


def test_exit_0_as_a_subprocess_reading_stdin(endpoint: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "http_status_browser.cli.main", "check", "--from", "-"],
        input=f"{endpoint}/200\n# done\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == EXIT_OK, done.stderr
    assert done.stdout.splitlines()[0].split() == ["200", f"{endpoint}/200"]
    assert "\r" not in done.stderr  # no progress bar into a pipe


def test_exit_1_as_a_subprocess_without_showing_credentials(endpoint: str) -> None:
    url = f"http://ann:secret@{endpoint.removeprefix('http://')}/410"
    done = run_cli("check", url)
    assert done.returncode == EXIT_PROBLEMS
    assert "secret" not in done.stdout + done.stderr
    assert "error: ends with 410 (client error)" in done.stdout


def test_exit_2_as_a_subprocess() -> None:
    done = run_cli("check", "--timeout", "x", "http://a.test/")
    assert done.returncode == EXIT_USAGE
    assert "Traceback" not in done.stderr


def test_a_connection_refused_is_one_line_not_a_traceback() -> None:
    import socket

    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    done = run_cli("check", f"http://127.0.0.1:{port}/")
    assert done.returncode == EXIT_PROBLEMS
    assert f"connection refused: nothing listens on 127.0.0.1 port {port}" in done.stdout
    assert "Traceback" not in done.stderr


def test_show_loads_neither_httpx_nor_the_check_package() -> None:
    loaded = modules_loaded_by("show", "404")
    assert not {m for m in loaded if m.split(".")[0] in ("httpx", "httpcore", "anyio")}
    assert not {m for m in loaded if m.startswith("http_status_browser.check")}


def test_check_loads_httpx(endpoint: str) -> None:
    assert "httpx" in modules_loaded_by("check", f"{endpoint}/200")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_draws_and_clears(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("http_status_browser.cli.check_command.PROGRESS_EVERY", 0.0)
    stream = Terminal()
    progress = Progress(stream, 4)
    progress.step()
    assert stream.getvalue().startswith("\r[")
    assert stream.getvalue().endswith("] 1/4")
    progress.clear()
    assert stream.getvalue().endswith("\r\033[K")
    unknown = Terminal()
    Progress(unknown, None).step()
    assert unknown.getvalue() == "\rchecked 1"


def test_no_progress_bar_off_a_terminal() -> None:
    stream = io.StringIO()
    progress = Progress(stream, 4)
    progress.step()
    progress.clear()
    assert stream.getvalue() == ""


def test_ctrl_c_leaves_valid_json_and_exit_1(site: Site) -> None:
    import signal
    import time

    # One at a time: the first URL's result is out before the slow one is asked for.
    command = [sys.executable, "-m", "http_status_browser.cli.main", "check", "--json"]
    command += ["--concurrency", "1"]
    process = subprocess.Popen(
        [*command, f"{site.url}/status/200", f"{site.url}/slow"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        # Wait (bounded) until the slow request has arrived: the check is under way.
        while not any(s.path == "/slow" for s in site.seen) and time.monotonic() < deadline:
            time.sleep(0.02)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == EXIT_PROBLEMS
    assert "stopped before every URL was checked" in err
    assert "Traceback" not in err
    data = json.loads(out)
    jsonschema.validate(data, SCHEMA)
    assert [item["url"] for item in data] == [f"{site.url}/status/200"]


@pytest.mark.parametrize("shape", ["--csv", "--json", "--max-redirects=10"])
def test_an_argument_that_is_not_utf8_is_reported_not_a_traceback(shape: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "http_status_browser.cli.main", "check", shape, b"ftp://\xff/"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == EXIT_PROBLEMS, done.stderr
    assert "Traceback" not in done.stderr
    assert "ftp://\ufffd/" in done.stdout or "ftp://\\ufffd/" in done.stdout


def test_the_table_notes_another_phrase_and_a_get(
    capsys: pytest.CaptureFixture[str], site: Site
) -> None:
    assert main(["check", f"{site.url}/phrase", f"{site.url}/head-refused"]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].strip().startswith("200 OK")
    assert lines[1].endswith('ms  (sent as "Fine By Me")')
    assert lines[3].endswith("ms  (GET: HEAD refused)")
