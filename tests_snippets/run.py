"""Run every snippet for every code in its framework or client and check what goes on the wire.

Usage: python -m tests_snippets.run [language ...]. Prints one line per failure, a summary per
language and, last, "check-snippets: N passed, N failed". Exits 1 if anything failed.
"""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from http_status_browser.registry import Registry, load_registry
from http_status_browser.registry.snippets import sent_headers
from http_status_browser.registry.values import Language
from tests_snippets import programs
from tests_snippets.cases import Case, Outcome, cases, judge_server, mentions_headers
from tests_snippets.clients import CACHE, run_curl, run_fetch
from tests_snippets.wire import WireError, exchange, serve_once

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 240.0  # compiling the Go or Rust program happens before it listens
# A language whose server stops answering fails its remaining codes at once after this, so a
# broken framework costs minutes, not codes x timeout.
LANGUAGE_BUDGET = 180.0


class Server:
    """A program started for one language, stopped (with its children) when done."""

    def __init__(self, command: list[str], cwd: Path, env: dict[str, str] | None = None) -> None:
        self.command = command
        self.process = subprocess.Popen(
            command,
            cwd=cwd,
            env={**os.environ, **(env or {})},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        self.port = self._wait_for_port()

    def _wait_for_port(self) -> int:
        assert self.process.stdout is not None
        deadline = time.monotonic() + START_TIMEOUT
        seen = b""
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.process.stdout], [], [], 1.0)
            if ready:
                line = self.process.stdout.readline()
                if not line and self.process.poll() is not None:
                    break
                seen += line
                match = re.match(rb"PORT (\d+)", line)
                if match:
                    return int(match.group(1))
            elif self.process.poll() is not None:
                break
        self.stop()
        errors = self.process.stderr.read() if self.process.stderr else b""
        said = (seen + errors).decode(errors="replace")[-3000:]
        raise RuntimeError(f"{' '.join(self.command)} did not start: {said}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


@contextmanager
def serving(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Iterator[Server]:
    server = Server(command, cwd, env)
    try:
        yield server
    finally:
        server.stop()


def _request_for(case: Case) -> dict[str, str]:
    if case.code == 101:
        return {"Connection": "Upgrade", "Upgrade": "websocket"}
    if any(rule.header.lower() == "connection" for rule in sent_headers(case.status)):
        # A server that closes after this answer replaces the snippet's Connection options
        # with close (Go, Werkzeug): ask to keep the connection, as a browser would.
        return {"Connection": "keep-alive"}
    return {}


def check_server(language_id: str, runnable: list[Case], port: int) -> list[Outcome]:
    outcomes = []
    deadline = time.monotonic() + LANGUAGE_BUDGET
    for case in runnable:
        if time.monotonic() > deadline:
            detail = f"not run: the language took over {LANGUAGE_BUDGET:.0f} s"
            outcomes.append(Outcome(language_id, case.code, "wire", False, detail))
            continue
        if case.status.not_sent:
            outcomes.append(check_closed(language_id, case, port))
            continue
        try:
            if programs.is_module_level(case) and case.code == 100:
                # Its handler answers any request that carries Expect: 100-continue.
                seen = exchange(port, "/expect", method="POST", body=b"x", expect_continue=True)
            else:
                seen = exchange(port, programs.path_for(case), headers=_request_for(case))
        except (WireError, OSError) as error:
            outcomes.append(Outcome(language_id, case.code, "wire", False, str(error)))
            continue
        problems = judge_server(case, seen)
        outcomes.append(Outcome(language_id, case.code, "wire", not problems, "; ".join(problems)))
    return outcomes


def check_closed(language_id: str, case: Case, port: int) -> Outcome:
    """A code applications do not send (444, 499): the snippet closes without an answer."""
    try:
        seen = exchange(port, programs.path_for(case))
    except WireError as error:
        ok = str(error).endswith("b''")  # closed before a single byte of a head
        return Outcome(language_id, case.code, "closed", ok, str(error))
    except ConnectionResetError:
        return Outcome(language_id, case.code, "closed", True, "reset")
    except OSError as error:
        return Outcome(language_id, case.code, "closed", False, str(error))
    detail = f"answered {seen.final.status} instead of closing"
    return Outcome(language_id, case.code, "closed", False, detail)


def check_expect_continue(language_id: str, port: int) -> Outcome:
    """The 100 snippet says the server answers Expect: 100-continue itself; ask it."""
    try:
        seen = exchange(port, "/expect", method="POST", body=b"x" * 64, expect_continue=True)
    except (WireError, OSError) as error:
        return Outcome(language_id, 100, "expect-continue", False, str(error))
    ok = 200 <= seen.final.status < 300
    return Outcome(language_id, 100, "expect-continue", ok, f"final {seen.final.status}")


def explained(language: Language, found: list[Case]) -> list[Outcome]:
    """Snippets that send nothing must say plainly that the framework cannot, or that
    applications do not send the code (and what to send instead)."""
    outcomes = []
    for case in found:
        if case.runs:
            continue
        said = "cannot" in case.snippet
        if case.status.not_sent:
            marker = language.comment
            text = " ".join(line.strip().removeprefix(marker) for line in case.snippet.splitlines())
            text = " ".join(text.split())
            said = f"Applications do not send {case.code}" in text
            if case.status.instead is not None:
                said = said and f"send {case.status.instead} instead" in text
        outcomes.append(Outcome(language.id, case.code, "says-cannot", said, case.snippet[:80]))
    return outcomes


ServerProgram = Callable[[list[Case]], str]


def _write_program(
    registry: Registry, language: Language, file_name: str, program: ServerProgram
) -> tuple[Path, list[Case], list[Outcome]]:
    """Write the language's program; its folder, the cases it serves and the explained ones."""
    found = cases(registry.statuses, language)
    runnable = [case for case in found if case.runs]
    folder = CACHE / language.id
    folder.mkdir(parents=True, exist_ok=True)
    (folder / file_name).write_text(program(runnable), encoding="utf-8")
    return folder, runnable, explained(language, found)


# ---- Python, Node and Go servers: the snippet runs as the framework serves it

SERVER_PROGRAMS: dict[str, tuple[ServerProgram, str, bool]] = {
    # language id: (program, file name, whether its 100 snippet says the server answers Expect)
    "python": (programs.python_http_server, "server.py", True),
    "fastapi": (programs.fastapi_uvicorn, "server.py", True),
    "django-rest-framework": (programs.django_rest_framework, "server.py", True),
    "flask": (programs.flask_werkzeug, "server.py", True),
    # Express's 100 snippet installs the handler that /expect then exercises.
    "express": (programs.express_node, "server.js", False),
    "go": (programs.go_net_http, "main.go", True),
}


def _command(file_name: str) -> list[str]:
    if file_name.endswith(".py"):
        return [sys.executable, file_name]
    if file_name.endswith(".js"):
        return ["node", file_name]
    return ["go", "run", file_name]


# Where each Python language's constants live, to read them in the installed version.
PYTHON_CONSTANTS = {
    "python": ("http", "HTTPStatus"),
    "fastapi": ("fastapi", "status"),
    "django-rest-framework": ("rest_framework.status", None),
}


def check_python_names(registry: Registry, language: Language) -> list[Outcome]:
    """Each constant exists in the installed version, with its code, and does not warn."""
    import importlib  # noqa: PLC0415
    import warnings  # noqa: PLC0415

    module_name, attribute = PYTHON_CONSTANTS[language.id]
    holder: object = importlib.import_module(module_name)
    if attribute:
        holder = getattr(holder, attribute)
    outcomes = []
    for status in registry.statuses:
        name = status.constants.get(language.id)
        if name is None:
            continue
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            value = getattr(holder, name, None)
        # Starlette's deprecation warning is a UserWarning: any warning counts.
        warned = [str(w.message) for w in caught]
        ok = value == status.code and not warned
        detail = f"{module_name}.{name} = {value!r} {warned}"
        outcomes.append(Outcome(language.id, status.code, "name (installed)", ok, detail))
        for other in status.other_constants.get(language.id, ()):
            if language.id == "python" and sys.version_info < (3, 13):
                continue  # Python 3.13's names: this interpreter is older
            with warnings.catch_warnings(record=True):
                warnings.simplefilter("always")
                value = getattr(holder, other.name, None)
            ok = value == status.code
            detail = f"{module_name}.{other.name} = {value!r}"
            outcomes.append(Outcome(language.id, status.code, "other name (installed)", ok, detail))
    return outcomes


def run_server_language(registry: Registry, language: Language) -> list[Outcome]:
    program, file_name, says_expect = SERVER_PROGRAMS[language.id]
    folder, runnable, outcomes = _write_program(registry, language, file_name, program)
    env = {"NODE_PATH": str(CACHE / "node" / "node_modules"), "GOCACHE": str(CACHE / "go-build")}
    if language.id in PYTHON_CONSTANTS:
        outcomes += check_python_names(registry, language)
    with serving(_command(file_name), folder, env) as server:
        outcomes += check_server(language.id, runnable, server.port)
        if says_expect:
            outcomes.append(check_expect_continue(language.id, server.port))
    return outcomes


# ---- Clients: fetch under Node and curl (tests_snippets/clients.py); the raw status line


def run_raw(registry: Registry, language: Language) -> list[Outcome]:
    """The status-line snippets, sent by a socket server and read by the raw client."""
    outcomes = []
    for case in cases(registry.statuses, language):
        text = case.snippet.replace("\n", "\r\n")
        if not text.endswith("Content-Length: 0") and case.code != 101:
            text += "\r\nContent-Length: 0"
        answer = (text + "\r\n\r\n").encode("latin-1")
        with serve_once(answer) as port:
            try:
                seen = exchange(port, "/", headers=_request_for(case))
                problems = judge_server(case, seen, head_only=True)
                phrase_line = case.snippet.splitlines()[0]
                if not phrase_line.endswith(case.status.wire_phrase):
                    problems.append(f"status line {phrase_line!r}")
            except (WireError, OSError) as error:
                problems = [str(error)]
        outcomes.append(Outcome(language.id, case.code, "wire", not problems, "; ".join(problems)))
    return outcomes


# ---- Rust, Rails (on Rack) and Symfony: Debian's packages, with newer names checked against
# the current release's table where Debian's version predates them.

TABLES = ROOT / "tests" / "data" / "framework_constants"
DEBIAN_HTTP_STATUS = Path("/usr/share/cargo/registry")


def _debian_http_names() -> set[str]:
    found: set[str] = set()
    for crate in sorted(DEBIAN_HTTP_STATUS.glob("http-0.*")):
        text = (crate / "src" / "status.rs").read_text(encoding="utf-8")
        found |= set(re.findall(r"^\s+\(\d{3}, ([A-Z_]+),", text, re.MULTILINE))
    return found


def _table(name: str) -> dict[str, int]:
    import json  # noqa: PLC0415

    data: dict[str, int] = json.loads((TABLES / f"{name}.json").read_text(encoding="utf-8"))[
        "constants"
    ]
    return data


def run_rust(registry: Registry, language: Language) -> list[Outcome]:
    found = cases(registry.statuses, language)
    have = _debian_http_names()
    current = _table("rust-http-1")
    outcomes = explained(language, found)
    runnable = []
    for case in found:
        name = case.status.constants.get(language.id)
        if name is not None and name not in have:
            # Only a newer http has it: check the name there, run the number here.
            ok = current.get(name) == case.code
            outcomes.append(Outcome(language.id, case.code, "name (http 1.x table)", ok, name))
            case = case._replace(  # noqa: PLW2901
                snippet=case.snippet.replace(
                    f"StatusCode::{name}", f"StatusCode::from_u16({case.code})?"
                )
            )
        if case.runs:
            runnable.append(case)
    folder = CACHE / language.id
    (folder / "src").mkdir(parents=True, exist_ok=True)
    (folder / ".cargo").mkdir(exist_ok=True)
    (folder / "Cargo.toml").write_text(programs.RUST_MANIFEST, encoding="utf-8")
    (folder / ".cargo" / "config.toml").write_text(programs.RUST_CARGO_CONFIG, encoding="utf-8")
    (folder / "src" / "main.rs").write_text(programs.rust_http(runnable), encoding="utf-8")
    command = ["cargo", "run", "--quiet", "--offline"]
    with serving(command, folder, {"CARGO_TARGET_DIR": str(CACHE / "rust-target")}) as server:
        for case in runnable:
            if "let status = " in case.snippet:
                try:
                    seen = exchange(server.port, f"/{case.code}")
                    ok = seen.body == f"{case.code} true".encode()
                    detail = repr(seen.body)
                except (WireError, OSError) as error:
                    ok, detail = False, str(error)
                outcomes.append(Outcome(language.id, case.code, "informational", ok, detail))
            else:
                outcomes += check_server(language.id, [case], server.port)
    return outcomes


def run_rails(registry: Registry, language: Language) -> list[Outcome]:
    folder, runnable, outcomes = _write_program(
        registry, language, "server.rb", programs.rails_rack
    )
    command = ["ruby", "server.rb", str(TABLES / "rack-3.json")]
    with serving(command, folder) as server:
        for case in runnable:
            outcomes += check_server(language.id, [case], server.port)
            seen = exchange(server.port, programs.path_for(case))
            resolved = seen.final.headers.get("x-resolved-by")
            if resolved:
                outcomes.append(
                    Outcome(language.id, case.code, "name (Rack 3 table)", True, resolved)
                )
    return outcomes


def run_symfony(registry: Registry, language: Language) -> list[Outcome]:
    folder, runnable, outcomes = _write_program(
        registry, language, "server.php", programs.symfony_http_foundation
    )
    with serving(["php", "server.php"], folder) as server:
        outcomes += check_server(language.id, runnable, server.port)
    return outcomes


# ---- Spring, ASP.NET Core, Vapor, Ktor: no toolchain here; names and API calls are checked
# against tables read from each framework's current source.


def run_table(registry: Registry, language: Language) -> list[Outcome]:
    from http_status_browser.registry.snippets import status_expression  # noqa: PLC0415
    from tests_snippets.apis import table, used_apis  # noqa: PLC0415

    data = table(language.id)
    where = f"{data.version} table"
    found = cases(registry.statuses, language)
    outcomes = explained(language, found)
    for case in found:
        name = case.status.constants.get(language.id)
        if name is not None:
            ok = data.constants.get(name) == case.code and name not in data.deprecated
            outcomes.append(Outcome(language.id, case.code, f"name ({where})", ok, name))
        constant = status_expression(case.status, language) if name is not None else None
        missing = sorted(used_apis(case.snippet, constant) - set(data.api))
        detail = f"not in the {where}: {missing}" if missing else ""
        outcomes.append(Outcome(language.id, case.code, f"api ({where})", not missing, detail))
        if case.runs and not case.status.not_sent and sent_headers(case.status):
            lacking = mentions_headers(case)
            outcomes.append(
                Outcome(language.id, case.code, "headers", not lacking, "; ".join(lacking))
            )
    return outcomes


Runner = Callable[[Registry, Language], list[Outcome]]


def runners() -> dict[str, Runner]:
    found: dict[str, Runner] = dict.fromkeys(SERVER_PROGRAMS, run_server_language)
    found.update({"fetch": run_fetch, "curl": run_curl, "http": run_raw})
    found.update({"rust": run_rust, "rails": run_rails, "symfony": run_symfony})
    found.update(dict.fromkeys(("spring", "aspnet", "vapor", "ktor"), run_table))
    return found


def main(argv: list[str]) -> int:
    registry = load_registry()
    table = runners()
    wanted = argv or [lang.id for lang in registry.languages if lang.id in table]
    outcomes: list[Outcome] = []
    for language_id in wanted:
        language = registry.language(language_id)
        if language is None or language_id not in table:
            print(f"check-snippets: no runner for {language_id!r}", file=sys.stderr)
            return 2
        started = time.monotonic()
        try:
            found = table[language_id](registry, language)
        except (RuntimeError, OSError, subprocess.SubprocessError) as error:
            found = [Outcome(language_id, 0, "start", False, str(error))]
        outcomes += found
        failed = [o for o in found if not o.ok]
        for outcome in failed:
            print(f"FAIL {outcome.language} {outcome.code} {outcome.check}: {outcome.detail}")
        print(
            f"{language_id}: {len(found) - len(failed)} passed, {len(failed)} failed"
            f" ({time.monotonic() - started:.1f} s)",
            flush=True,
        )
    failed_total = sum(not o.ok for o in outcomes)
    print(f"check-snippets: {len(outcomes) - failed_total} passed, {failed_total} failed")
    return 1 if failed_total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
