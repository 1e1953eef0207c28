"""Snippets: every code has one in every language, using the framework's constant or the number.

These check what can be seen in the text; `make check-snippets` runs them in the real frameworks.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from http_status_browser.registry import Registry, load_registry
from http_status_browser.registry.fields import RegistryError
from http_status_browser.registry.snippets import (
    COMMENT_WIDTH,
    render_snippet,
    sent_headers,
    snippet_template,
    status_expression,
    template_kind,
    uses_status,
)
from http_status_browser.registry.values import TemplateKind
from tests.conftest import entry
from tests_snippets.apis import TABLE_FOR, used_apis
from tests_snippets.apis import table as api_table

TABLES = Path(__file__).parents[1] / "data" / "framework_constants"
PYTHON_LANGUAGES = ("python", "fastapi", "django-rest-framework", "flask")
SERVER_LANGUAGES = (
    *PYTHON_LANGUAGES,
    *("express", "go", "rust", "spring", "aspnet", "vapor", "rails", "symfony", "ktor"),
)
NO_CONTENT_CODES = (204, 205, 304)

LANGUAGE_IDS = [
    "python",
    "fastapi",
    "django-rest-framework",
    "flask",
    "express",
    "fetch",
    "go",
    "rust",
    "spring",
    "aspnet",
    "vapor",
    "rails",
    "symfony",
    "ktor",
    "curl",
    "http",
]


def test_languages_have_the_documented_ids(registry: Registry) -> None:
    assert [lang.id for lang in registry.languages] == LANGUAGE_IDS


def test_every_code_has_a_snippet_in_every_language(registry: Registry) -> None:
    for status in registry.statuses:
        for language in registry.languages:
            snippet = render_snippet(status, language)
            assert snippet.strip(), (status.code, language.id)
            expression = status_expression(status, language)
            assert str(status.code) in snippet or expression in snippet, (status.code, language.id)
            if uses_status(status, language):
                assert status_expression(status, language) in snippet, (status.code, language.id)


def test_a_missing_constant_is_explained(registry: Registry) -> None:
    unofficial = registry.lookup(499)
    go = registry.language("go")
    assert unofficial is not None
    assert go is not None
    assert "go" not in unofficial.constants
    snippet = render_snippet(unofficial, go)
    assert snippet.startswith("//")
    assert "499" in snippet.splitlines()[0]


@pytest.mark.parametrize(
    ("language_id", "code", "expected"),
    [
        ("python", 404, "HTTPStatus.NOT_FOUND"),
        ("go", 429, "http.StatusTooManyRequests"),
        ("rust", 404, "StatusCode::NOT_FOUND"),
        ("vapor", 404, ".notFound"),
        ("rails", 404, ":not_found"),
        ("symfony", 404, "Response::HTTP_NOT_FOUND"),
        ("ktor", 404, "HttpStatusCode.NotFound"),
        ("aspnet", 404, "StatusCodes.Status404NotFound"),
        ("spring", 404, "HttpStatus.NOT_FOUND"),
        ("fastapi", 404, "status.HTTP_404_NOT_FOUND"),
        ("django-rest-framework", 404, "status.HTTP_404_NOT_FOUND"),
    ],
)
def test_framework_constants(
    registry: Registry, language_id: str, code: int, expected: str
) -> None:
    status = registry.lookup(code)
    language = registry.language(language_id)
    assert status is not None
    assert language is not None
    assert status_expression(status, language) == expected


def test_status_line_uses_the_wire_phrase(registry: Registry) -> None:
    http = registry.language("http")
    teapot = registry.lookup(418)
    not_found = registry.lookup(404)
    assert http is not None
    assert teapot is not None
    assert not_found is not None
    assert render_snippet(not_found, http) == "HTTP/1.1 404 Not Found"
    assert "(Unused)" not in render_snippet(teapot, http)


def test_errors_and_redirects_pick_their_own_template(registry: Registry) -> None:
    go = registry.language("go")
    assert go is not None
    kinds = {
        code: template_kind(status, go)
        for code in (200, 301, 404, 503)
        if (status := registry.lookup(code)) is not None
    }
    assert kinds == {
        200: TemplateKind.DEFAULT,
        301: TemplateKind.REDIRECT,
        404: TemplateKind.ERROR,
        # Its snippet shows maintenance, so it says when to come back (Retry-After).
        503: TemplateKind.HEADERS,
    }


def _snippet(registry: Registry, language_id: str, code: int) -> str:
    status = registry.lookup(code)
    language = registry.language(language_id)
    assert status is not None
    assert language is not None
    return render_snippet(status, language)


def _snippets(registry: Registry, *language_ids: str) -> list[tuple[int, str, str]]:
    chosen = language_ids or tuple(lang.id for lang in registry.languages)
    return [
        (status.code, language.id, render_snippet(status, language))
        for status in registry.statuses
        for language in registry.languages
        if language.id in chosen
    ]


def test_interim_codes_pick_the_interim_template(registry: Registry) -> None:
    for status in registry.statuses:
        for language in registry.languages:
            if status.code < 200 and status.code not in language.code_templates:
                assert template_kind(status, language) is TemplateKind.INTERIM


@pytest.mark.parametrize(
    ("language_id", "code", "expected"),
    [
        # Sent as an interim response, then a final one.
        ("python", 103, "send_response_only(HTTPStatus.EARLY_HINTS)"),
        ("python", 102, "self.send_response(HTTPStatus.OK)"),
        ("go", 103, "w.WriteHeader(http.StatusEarlyHints)\nw.WriteHeader(http.StatusOK)"),
        ("go", 102, "w.WriteHeader(http.StatusProcessing)\nw.WriteHeader(http.StatusOK)"),
        ("express", 103, "res.writeEarlyHints("),
        ("express", 102, "res.writeProcessing();"),
        ("express", 100, "res.writeContinue();"),
        ("rails", 103, "request.send_early_hints("),
        # Where the framework cannot, the snippet says so and what happens instead.
        ("fastapi", 103, "FastAPI cannot send 103 Early Hints"),
        ("django-rest-framework", 100, "Expect: 100-continue itself"),
        ("flask", 102, "Flask cannot send 102 Processing"),
        ("spring", 103, "sendEarlyHints()"),
        ("aspnet", 100, "Kestrel sends 100 Continue itself"),
        ("vapor", 101, "app.webSocket"),
        ("ktor", 104, "Ktor cannot send 104"),
        ("symfony", 102, "Symfony cannot send 102 Processing"),
        # Clients: what they can observe of a 1xx.
        ("fetch", 103, '.on("information"'),
        ("curl", 103, "-D -"),
    ],
)
def test_interim_responses_are_sent_as_interim_or_declined(
    registry: Registry, language_id: str, code: int, expected: str
) -> None:
    assert expected in _snippet(registry, language_id, code)


# Calls that send or build a final response, as the server snippets write them.
_FINAL_RESPONSE = re.compile(
    r"head |\.json\(|call\.respond\(|new Response\(|Response\(|ResponseEntity|StatusCode\("
    r"|Abort\(|http\.Error|HTTPException|send_error|\.status\(|, \d{3}$"
)


def test_no_snippet_sends_a_1xx_as_the_final_response(registry: Registry) -> None:
    for status in registry.statuses:
        if status.code >= 200 or status.code == 101:
            continue
        for language_id in SERVER_LANGUAGES:
            language = registry.language(language_id)
            assert language is not None
            expression = status_expression(status, language)
            for line in render_snippet(status, language).splitlines():
                if not _is_comment(line) and expression in line:
                    assert not _FINAL_RESPONSE.search(line), (status.code, language_id, line)


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith(("#", "//"))


@pytest.mark.parametrize("code", NO_CONTENT_CODES)
def test_no_content_codes_send_no_body(registry: Registry, code: int) -> None:
    status = registry.lookup(code)
    assert status is not None
    expected = {
        "django-rest-framework": "return Response(status=status.HTTP_",
        "express": ".end();",
        "fastapi": "return Response(status_code=",
        "flask": 'return "", ',
        "symfony": "new Response(null, ",
        "spring": ".build();",
    }
    for language_id, text in expected.items():
        language = registry.language(language_id)
        assert language is not None
        snippet = render_snippet(status, language)
        assert text in snippet, language_id
        assert ".json(" not in snippet
        assert "message" not in snippet


def test_snippets_use_no_undefined_result(registry: Registry) -> None:
    for code, language_id, snippet in _snippets(registry):
        assert not re.search(r"\bresult\b", snippet), (code, language_id)


def test_fetch_sees_redirects_only_when_told_not_to_follow(registry: Registry) -> None:
    fetch = registry.language("fetch")
    assert fetch is not None
    for status in registry.statuses:
        snippet = render_snippet(status, fetch)
        if status.redirect is not None:
            assert 'redirect: "manual"' in snippet, status.code
            assert "opaqueredirect" in snippet
        assert "const url" in snippet or status.code == 101


def test_curl_never_follows_redirects(registry: Registry) -> None:
    for code, _, snippet in _snippets(registry, "curl"):
        command = "\n".join(line for line in snippet.splitlines() if not _is_comment(line))
        assert " -L" not in command
        assert "--location" not in command
        if code < 200:
            assert "-D -" in snippet


def _python_code(snippet: str) -> ast.Module:
    """A Python snippet as a module: statements after a comment line are a function's body."""
    body = snippet.replace("\nreturn ", "\n_ = ").replace("\nraise ", "\n_ = ")
    return ast.parse(body)


@pytest.mark.parametrize("language_id", PYTHON_LANGUAGES)
def test_python_snippets_import_only_what_they_use(registry: Registry, language_id: str) -> None:
    for code, _, snippet in _snippets(registry, language_id):
        tree = _python_code(snippet)
        imported = {
            alias.asname or alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom | ast.Import)
            for alias in node.names
        }
        used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
        assert imported <= used, (code, sorted(imported - used))


@pytest.mark.parametrize(
    ("language_id", "import_line"),
    [
        ("symfony", "use Symfony\\Component\\HttpFoundation\\Response;"),
        ("aspnet", "using Microsoft.AspNetCore.Http;"),
    ],
)
def test_constant_imports_only_with_a_constant(
    registry: Registry, language_id: str, import_line: str
) -> None:
    for status in registry.statuses:
        language = registry.language(language_id)
        assert language is not None
        snippet = render_snippet(status, language)
        if import_line in snippet:
            assert "Response" in snippet.replace(import_line, "") or "StatusCodes." in snippet


def test_comments_do_not_contradict_each_other(registry: Registry) -> None:
    for code, language_id, snippet in _snippets(registry):
        if "has no constant" in snippet:
            said = snippet.split("has no constant", 1)[1]
            assert "exists" not in said, (code, language_id)
        assert snippet.count("has no constant") <= 1, (code, language_id)


@pytest.mark.parametrize(
    ("language_id", "code", "expected"),
    [
        ("rust", 103, "StatusCode::EARLY_HINTS"),
        ("rust", 425, "StatusCode::TOO_EARLY"),
        ("vapor", 418, ".imATeapot"),
    ],
)
def test_current_names(registry: Registry, language_id: str, code: int, expected: str) -> None:
    status = registry.lookup(code)
    language = registry.language(language_id)
    assert status is not None
    assert language is not None
    snippet = render_snippet(status, language)
    assert expected in snippet
    assert "has no constant" not in snippet


@pytest.mark.parametrize(
    ("language_id", "code", "version"),
    [
        ("rust", 103, "http 1.4"),
        ("rust", 425, "http 1.2"),
        ("spring", 413, "Spring 7.0"),
        ("spring", 422, "Spring 6"),
        ("rails", 413, "Rack 3.1"),
        ("rails", 422, "Rack 2"),
        ("fastapi", 413, "Starlette >= 0.48"),
    ],
)
def test_names_that_differ_between_versions_say_which(
    registry: Registry, language_id: str, code: int, version: str
) -> None:
    assert version in _snippet(registry, language_id, code).splitlines()[0]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("HTTP_413_REQUEST_ENTITY_TOO_LARGE", 413),
        ("HTTP_413_CONTENT_TOO_LARGE", 413),
        ("status.HTTP_422_UNPROCESSABLE_ENTITY", 422),
        ("HttpStatus.PAYLOAD_TOO_LARGE", 413),
        ("HttpStatus.CHECKPOINT", 103),
        (":payload_too_large", 413),
        ("HTTPStatus.CONTENT_TOO_LARGE", 413),
        ("Status413RequestEntityTooLarge", 413),
        ("DESTINATION_LOCKED", 421),
    ],
)
def test_other_framework_names_are_searchable(registry: Registry, query: str, code: int) -> None:
    assert [m.status.code for m in registry.search(query)][:1] == [code]


def test_other_names_say_which_versions_have_them(registry: Registry) -> None:
    found = registry.lookup(413)
    assert found is not None
    names = {o.name: o.versions for o in found.other_constants["fastapi"]}
    assert "0.48" in names["HTTP_413_REQUEST_ENTITY_TOO_LARGE"]


def _load_broken(write_registry: Callable[[object], Path], data: dict[str, Any]) -> str:
    path = write_registry(data)
    with pytest.raises(RegistryError) as raised:
        load_registry(path)
    return str(raised.value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"cobol": [{"name": "X", "versions": "1"}]}, "unknown language 'cobol'"),
        ({"flask": [{"name": "X", "versions": "1"}]}, "language 'flask' has no constants"),
        ({"spring": []}, "expected a list of names for 'spring'"),
        ({"spring": [{"name": "X"}]}, "missing field 'versions'"),
        ({"spring": [{"name": "X", "versions": "1", "since": "2"}]}, "unknown field 'since'"),
        (["X"], "expected an object"),
    ],
)
def test_other_constants_are_validated(
    registry_data: dict[str, Any],
    write_registry: Callable[[object], Path],
    value: object,
    message: str,
) -> None:
    entry(registry_data, 404)["other_constants"] = value
    text = _load_broken(write_registry, registry_data)
    assert message in text
    assert "(code 404)" in text


def test_code_templates_are_validated(
    registry_data: dict[str, Any], write_registry: Callable[[object], Path]
) -> None:
    registry_data["languages"][0]["code_templates"] = {"99": "x"}
    assert "expected a code from 100 to 599" in _load_broken(write_registry, registry_data)
    registry_data["languages"][0]["code_templates"] = {"101": "{nope}"}
    assert "unknown placeholder {nope}" in _load_broken(write_registry, registry_data)


def test_a_template_with_constant_import_needs_one(
    registry_data: dict[str, Any], write_registry: Callable[[object], Path]
) -> None:
    del registry_data["languages"][0]["constant_import"]
    assert "'constant_import'" in _load_broken(write_registry, registry_data)


def _table(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((TABLES / f"{name}.json").read_text(encoding="utf-8"))
    return data


# Languages without a toolchain here, and the current releases of those whose Debian package is
# older: every name the data uses is checked against the framework's own table.
CURRENT_TABLES = {
    "spring": ("spring-7",),
    "aspnet": ("aspnet",),
    "vapor": ("vapor",),
    "ktor": ("ktor",),
    "rust": ("rust-http-1",),
    "rails": ("rack-3",),
}
OTHER_NAME_TABLES = {**CURRENT_TABLES, "spring": ("spring-7", "spring-6")}


@pytest.mark.parametrize("language_id", sorted(CURRENT_TABLES))
def test_constants_exist_in_the_current_release(registry: Registry, language_id: str) -> None:
    (table,) = (_table(name)["constants"] for name in CURRENT_TABLES[language_id])
    deprecated = set(_table(CURRENT_TABLES[language_id][0])["deprecated"])
    for status in registry.statuses:
        name = status.constants.get(language_id)
        if name is not None:
            assert table.get(name) == status.code, (language_id, status.code, name)
            assert name not in deprecated, (language_id, status.code, name)


@pytest.mark.parametrize("language_id", sorted(OTHER_NAME_TABLES))
def test_other_names_exist_in_a_release(registry: Registry, language_id: str) -> None:
    tables = [_table(name)["constants"] for name in OTHER_NAME_TABLES[language_id]]
    for status in registry.statuses:
        for other in status.other_constants.get(language_id, ()):
            assert any(t.get(other.name) == status.code for t in tables), other


@pytest.mark.parametrize("language_id", sorted(CURRENT_TABLES))
def test_a_missing_constant_is_missing_from_the_current_release(
    registry: Registry, language_id: str
) -> None:
    """'has no constant' must be true of the current release (deprecated names excepted)."""
    table = _table(CURRENT_TABLES[language_id][0])
    current = {code for name, code in table["constants"].items() if name not in table["deprecated"]}
    for status in registry.statuses:
        language = registry.language(language_id)
        assert language is not None
        if "has no constant" in render_snippet(status, language):
            assert status.code not in current, (language_id, status.code)


def test_tables_say_where_they_were_read(registry: Registry) -> None:
    for path in TABLES.glob("*.json"):
        table = json.loads(path.read_text(encoding="utf-8"))
        for key in ("framework", "version", "repository", "commit", "file"):
            assert table[key], (path.name, key)
        assert re.fullmatch(r"[0-9a-f]{40}", table["commit"])


@pytest.mark.parametrize("language_id", sorted(TABLE_FOR))
def test_api_calls_exist_in_the_current_release(registry: Registry, language_id: str) -> None:
    api = set(api_table(language_id).api)
    language = registry.language(language_id)
    assert language is not None
    for status in registry.statuses:
        constant = status_expression(status, language) if language_id in status.constants else None
        missing = used_apis(render_snippet(status, language), constant) - api
        assert not missing, (status.code, sorted(missing))


def test_api_extraction_sees_calls_imports_and_members() -> None:
    snippet = 'import java.net.URI;\n// a comment: Foo.bar()\nreturn A.b(X.Y).c(URI.create("/x"));'
    assert used_apis(snippet, "X.Y") == {"import java.net.URI", "A.b", ".c", "URI.create"}


def test_comments_fit_the_panel(registry: Registry) -> None:
    for code, language_id, snippet in _snippets(registry):
        for line in snippet.splitlines():
            if line.lstrip().startswith(("#", "//")):
                assert len(line) <= COMMENT_WIDTH, (code, language_id, line)


# ---- Snippets obey the rules printed above them (issue 25)


def _prose(snippet: str) -> str:
    """A comment-only snippet's words, markers and line breaks removed."""
    lines = (line.strip().removeprefix("#").removeprefix("//") for line in snippet.splitlines())
    return " ".join(" ".join(lines).split())


def _code_lines(snippet: str) -> str:
    return "\n".join(
        line for line in snippet.splitlines() if not line.lstrip().startswith(("#", "//"))
    )


@pytest.mark.parametrize("code", [401, 405, 407, 416, 426, 201, 206, 429, 503])
def test_server_snippets_send_the_headers_their_code_requires(
    registry: Registry, code: int
) -> None:
    """Every server snippet that sends the code sets each header its requirements name,
    with the registry's value; the rest say that the framework cannot (and why)."""
    status = registry.lookup(code)
    assert status is not None
    rules = sent_headers(status)
    assert rules
    for language_id in SERVER_LANGUAGES:
        language = registry.language(language_id)
        assert language is not None
        snippet = render_snippet(status, language)
        code_text = _code_lines(snippet)
        if not code_text.strip():
            assert "cannot" in snippet, (language_id, snippet)
            continue
        for rule in rules:
            assert rule.header.lower() in code_text.lower(), (language_id, rule.header)
            if language_id != "django-rest-framework" or rule.header != "Allow":
                assert rule.value in code_text, (language_id, rule.header)
            if "{headers}" in snippet_template(status, language):
                # The rule's level and source sit above the line that obeys it.
                assert f"{rule.level} ({rule.reference}): {rule.header}" in snippet


def test_the_status_line_carries_the_required_headers(registry: Registry) -> None:
    http = registry.language("http")
    unauthorized = registry.lookup(401)
    assert http is not None
    assert unauthorized is not None
    assert render_snippet(unauthorized, http) == (
        "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer"
    )


def test_every_must_header_rule_names_its_header(registry: Registry) -> None:
    """A rule that says the sender must send a header field names it as data, so that
    snippets send it and check-snippets expects it on the wire."""
    pattern = re.compile(r"\bmust (?:send|carry) an? ([\w-]+) header")
    for status in registry.statuses:
        if status.code < 200 and status.code != 101:
            continue  # an interim response's headers are not the final one's
        for rule in status.requirements:
            found = pattern.search(rule.text)
            if rule.level == "MUST" and found:
                assert rule.header == found.group(1), (status.code, rule.text)


@pytest.mark.parametrize("code", [444, 499])
def test_codes_closed_without_an_answer_are_not_sent(registry: Registry, code: int) -> None:
    status = registry.lookup(code)
    assert status is not None
    for language_id in SERVER_LANGUAGES:
        language = registry.language(language_id)
        assert language is not None
        snippet = render_snippet(status, language)
        assert str(code) not in _code_lines(snippet), language_id
        flat = _prose(snippet)
        assert f"Applications do not send {code}:" in flat, language_id
        assert "log" in flat
        assert template_kind(status, language) is TemplateKind.CLOSE


@pytest.mark.parametrize(("code", "instead"), [(494, 431), (495, 403), (496, 403), (497, 308)])
def test_codes_nginx_answers_itself_point_to_what_to_send(
    registry: Registry, code: int, instead: int
) -> None:
    status = registry.lookup(code)
    assert status is not None
    assert status.instead == instead
    for language_id in SERVER_LANGUAGES:
        language = registry.language(language_id)
        assert language is not None
        snippet = render_snippet(status, language)
        assert not _code_lines(snippet).strip(), language_id
        assert f"send {instead} instead" in _prose(snippet)


def test_clients_print_the_registry_phrase(registry: Registry) -> None:
    teapot = registry.lookup(418)
    assert teapot is not None
    for language_id in ("curl", "fetch"):
        language = registry.language(language_id)
        assert language is not None
        snippet = render_snippet(teapot, language)
        assert f"418 {teapot.phrase}" in snippet
        assert "I'm a teapot" not in snippet


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"header": "Allow"}, "missing field 'value'"),
        ({"value": "GET"}, "a value needs the header"),
        ({"header": "WWW-Authenticate", "value": 'Bearer realm="x"'}, "quotes"),
    ],
)
def test_a_rule_s_header_is_validated(
    registry_data: dict[str, Any],
    write_registry: Callable[[object], Path],
    change: dict[str, str],
    message: str,
) -> None:
    entry(registry_data, 404)["requirements"][0].update(change)
    assert message in _load_broken(write_registry, registry_data)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"instead": 431}, "only a code that is not sent"),
        ({"not_sent": "x.", "instead": 999}, "expected a code from 100 to 599"),
        ({"not_sent": "x.", "instead": 432}, "not an official entry"),
    ],
)
def test_what_to_send_instead_is_validated(
    registry_data: dict[str, Any],
    write_registry: Callable[[object], Path],
    change: dict[str, object],
    message: str,
) -> None:
    entry(registry_data, 404).update(change)
    assert message in _load_broken(write_registry, registry_data)
