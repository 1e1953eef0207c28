"""One program per language that serves every code's snippet on its own route, /<code>.

Each program prints "PORT <n>" once it listens on 127.0.0.1 (an ephemeral port) and serves
until it is stopped. POST /expect reads a body, for checking who answers Expect: 100-continue.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from tests_snippets.cases import Case

EXAMPLE_URL = re.compile(r"https?://example\.com/[\w/.-]*")


HOSTS = Path(__file__).parent / "hosts"


def _host(name: str) -> str:
    """A program around the snippets, kept as a file in its own language."""
    return (HOSTS / name).read_text(encoding="utf-8")


def _indent(text: str, level: int = 1) -> str:
    return textwrap.indent(text, "    " * level)


def split_python(snippet: str) -> tuple[list[str], str]:
    """A Python snippet's import lines, and the rest as a function body."""
    imports = [line for line in snippet.splitlines() if line.startswith(("from ", "import "))]
    body = [line for line in snippet.splitlines() if line not in imports]
    return imports, "\n".join(body).strip("\n")


def _python_imports(cases: list[Case]) -> str:
    lines: list[str] = []
    for case in cases:
        for line in split_python(case.snippet)[0]:
            if line not in lines:
                lines.append(line)
    return "\n".join(lines)


def path_for(case: Case) -> str:
    """Where the program serves a case."""
    if "app = FastAPI()" in case.snippet:
        return f"/{case.code}/items"
    return f"/{case.code}"


def python_http_server(cases: list[Case]) -> str:
    methods = "\n".join(
        f"    def c{case.code}(self):\n{_indent(split_python(case.snippet)[1], 2)}\n"
        for case in cases
    )
    return f"""import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
{_python_imports(cases)}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        getattr(self, "c" + self.path.strip("/"), self.missing)()

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.send_response(204)
        self.end_headers()

    def missing(self):
        self.send_error(404)

{methods}

server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print("PORT", server.server_port, flush=True)
server.serve_forever()
"""


def fastapi_uvicorn(cases: list[Case]) -> str:
    parts = []
    for case in cases:
        if "app = FastAPI()" in case.snippet:
            parts.append(
                f"_ns{case.code}: dict = {{}}\nexec({case.snippet!r}, _ns{case.code})\n"
                f'parent.mount("/{case.code}", _ns{case.code}["app"])\n'
            )
        else:
            body = split_python(case.snippet)[1]
            parts.append(f'@parent.get("/{case.code}")\ndef c{case.code}():\n{_indent(body)}\n')
    routes = "\n\n".join(parts)
    return f"""import socket

import uvicorn
from fastapi import FastAPI, Request
from fastapi import Response as _Response
{_python_imports(cases)}

parent = FastAPI()


@parent.post("/expect")
async def expect(request: Request) -> _Response:
    await request.body()
    return _Response(status_code=204)


{routes}

sock = socket.socket()
sock.bind(("127.0.0.1", 0))
sock.listen(128)
print("PORT", sock.getsockname()[1], flush=True)
uvicorn.Server(uvicorn.Config(parent, log_level="warning")).run(sockets=[sock])
"""


def flask_werkzeug(cases: list[Case]) -> str:
    routes = "\n\n".join(
        f'@app.get("/{case.code}")\ndef c{case.code}():\n{_indent(split_python(case.snippet)[1])}\n'
        for case in cases
    )
    return f"""from flask import Flask
from flask import request as _request
from werkzeug.serving import make_server
{_python_imports(cases)}

app = Flask(__name__)


@app.post("/expect")
def expect():
    _request.get_data()
    return "", 204


{routes}

server = make_server("127.0.0.1", 0, app, threaded=True)
print("PORT", server.server_port, flush=True)
server.serve_forever()
"""


def django_rest_framework(cases: list[Case]) -> str:
    views = "\n\n".join(
        f'@api_view(["GET"])\ndef c{case.code}(request):\n'
        f"{_indent(split_python(case.snippet)[1])}\n"
        for case in cases
    )
    urls = ", ".join(f'path("{case.code}", c{case.code})' for case in cases)
    return f"""import django
from django.conf import settings

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    SECRET_KEY="check-snippets",
    MIDDLEWARE=[],
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "rest_framework"],
    REST_FRAMEWORK={{
        "DEFAULT_AUTHENTICATION_CLASSES": [],
        "DEFAULT_PERMISSION_CLASSES": [],
        "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
        "UNAUTHENTICATED_USER": None,
    }},
)
django.setup()

from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path
from rest_framework.decorators import api_view
{_python_imports(cases)}


def expect(request):
    request.body
    return HttpResponse(status=204)


{views}

urlpatterns = [path("expect", expect), {urls}]

server = WSGIServer(("127.0.0.1", 0), WSGIRequestHandler)
server.set_app(get_wsgi_application())
print("PORT", server.server_address[1], flush=True)
server.serve_forever()
"""


_LISTEN_3000 = "const server = app.listen(3000);\n"


def is_module_level(case: Case) -> bool:
    """Snippets that configure the server rather than answer in a route."""
    return _LISTEN_3000 in case.snippet


def express_node(cases: list[Case]) -> str:
    routes, module_level = [], []
    for case in cases:
        if _LISTEN_3000 in case.snippet:
            module_level.append(f"// {case.code}\n" + case.snippet.replace(_LISTEN_3000, ""))
        else:
            routes.append(
                f'app.get("/{case.code}", (req, res) => {{\n{_indent(case.snippet)}\n}});'
            )
    return f"""const express = require("express");

const app = express();

app.post("/expect", (req, res) => {{
  req.resume();
  req.on("end", () => res.status(204).end());
}});

{chr(10).join(routes)}

const server = app.listen(0, "127.0.0.1", () => {{
  console.log("PORT " + server.address().port);
}});

{chr(10).join(module_level)}
"""


def fetch_node(cases: list[Case], port: int) -> str:
    imports: list[str] = []
    blocks = []
    for case in cases:
        lines = []
        for line in case.snippet.splitlines():
            if line.startswith("import "):
                if line not in imports:
                    imports.append(line)
                continue
            lines.append(EXAMPLE_URL.sub(f"http://127.0.0.1:{port}/{case.code}", line))
        body = "\n".join(lines)
        if "const request = " in body:
            body += '\nawait new Promise((resolve) => request.on("close", resolve));'
        # One snippet that throws must not hide the others' results.
        blocks.append(
            f"// {case.code}\ntry {{\n{_indent(body)}\n}} catch (error) {{\n"
            f'  console.log("ERROR {case.code}", error.message, error.cause?.message);\n}}'
        )
    return "\n".join(imports) + "\n\n" + "\n".join(blocks) + "\n"


def go_net_http(cases: list[Case]) -> str:
    handlers = []
    for case in cases:
        body = "\n".join(
            line for line in case.snippet.splitlines() if not line.startswith("import ")
        ).strip("\n")
        handlers.append(
            f'\thttp.HandleFunc("/{case.code}", func(w http.ResponseWriter, r *http.Request) {{\n'
            f"{textwrap.indent(body, chr(9) * 2)}\n\t}})"
        )
    return f"""package main

import (
\t"fmt"
\t"io"
\t"net"
\t"net/http"
)

func main() {{
{chr(10).join(handlers)}
\thttp.HandleFunc("/expect", func(w http.ResponseWriter, r *http.Request) {{
\t\tio.ReadAll(r.Body)
\t\tw.WriteHeader(http.StatusNoContent)
\t}})
\tln, err := net.Listen("tcp", "127.0.0.1:0")
\tif err != nil {{
\t\tpanic(err)
\t}}
\tfmt.Printf("PORT %d\\n", ln.Addr().(*net.TCPAddr).Port)
\tpanic(http.Serve(ln, nil))
}}
"""


# ---- Rust: the http crate builds each Response; a std TcpListener writes it on the wire.

RUST_MANIFEST = """[package]
name = "snippets"
version = "0.1.0"
edition = "2021"

[dependencies]
http = "0.2"
"""

# Debian packages crates as a directory source; cargo builds offline from it.
RUST_CARGO_CONFIG = """[source.crates-io]
replace-with = "debian"

[source.debian]
directory = "/usr/share/cargo/registry"

[net]
offline = true
"""


def rust_http(cases: list[Case]) -> str:
    functions, arms = [], []
    for case in cases:
        returns_status = "let status = " in case.snippet
        with_content = '.body("' in case.snippet
        kind = "http::StatusCode" if returns_status else "http::Response<()>"
        if with_content:
            kind = "http::Response<&'static str>"
        value = "status" if returns_status else "response"
        functions.append(
            f"#[allow(unused_imports)]\nfn c{case.code}() -> Result<{kind}, Box<dyn Error>> {{\n"
            f"{_indent(case.snippet)}\n    Ok({value})\n}}"
        )
        answer = "status_answer" if returns_status else "response_answer"
        if with_content:
            answer = "body_answer"
        arms.append(f"        {case.code} => {answer}(c{case.code}()?),")
    return (
        _host("main.rs")
        .replace("@@FUNCTIONS@@", "\n\n".join(functions))
        .replace("@@ARMS@@", "\n".join(arms))
    )


# ---- Rails on Rack: the controller snippets run on a small stand-in for ActionController
# whose status symbols go through Rack::Utils.status_code, as Rails' own do.


def rails_rack(cases: list[Case]) -> str:
    controllers = "\n\n".join(
        f"class C{case.code} < Controller\n{_indent(case.snippet)}\nend" for case in cases
    )
    return _host("server.rb").replace("CONTROLLERS", controllers)


# ---- Symfony HttpFoundation: the snippet builds (or throws) the Response; prepare() does what
# the kernel does before sending, and a socket server writes it.


def symfony_http_foundation(cases: list[Case]) -> str:
    uses: list[str] = []
    functions = []
    for case in cases:
        body = []
        for line in case.snippet.splitlines():
            if line.startswith("use "):
                if line not in uses:
                    uses.append(line)
            else:
                body.append(line)
        functions.append(f"function c{case.code}() {{\n{_indent(chr(10).join(body).strip())}\n}}")
    return (
        _host("server.php")
        .replace("USES", "\n".join(uses))
        .replace("FUNCTIONS", "\n\n".join(functions))
    )
