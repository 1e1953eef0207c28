"""Snippets: every code has one in every language, using the framework's constant or the number."""

from __future__ import annotations

import pytest

from app.registry import Registry
from app.registry.model import TemplateKind
from app.registry.snippets import render_snippet, status_expression, template_kind

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
            name = status.constants.get(language.id)
            expected = language.constant_expr.format(name=name) if name else str(status.code)
            assert expected in snippet, (status.code, language.id)


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
        503: TemplateKind.ERROR,
    }
