"""Code snippets: a language's template filled with a code's constant, or its number.

Templates and constants both live in the registry file; nothing here names a framework.
"""

from __future__ import annotations

from http_status_browser.registry.values import Language, StatusCode, TemplateKind

# Marks the line of an import that this snippet does not need, so that it can be dropped.
_UNUSED_IMPORT = "\x00"
# Notes are wrapped to this width, like the templates' own comments, so the panel needs no
# sideways scrolling to read them.
COMMENT_WIDTH = 92


def template_kind(status: StatusCode, language: Language) -> TemplateKind:
    """Interim 1xx, bodiless 204/205/304, errors and redirects have idioms of their own."""
    templates = language.templates
    if status.code < 200 and TemplateKind.INTERIM in templates:
        return TemplateKind.INTERIM
    if not status.content and status.code >= 200 and TemplateKind.NO_CONTENT in templates:
        return TemplateKind.NO_CONTENT
    if status.redirect is not None and TemplateKind.REDIRECT in templates:
        return TemplateKind.REDIRECT
    if status.code >= 400 and TemplateKind.ERROR in templates:
        return TemplateKind.ERROR
    return TemplateKind.DEFAULT


def snippet_template(status: StatusCode, language: Language) -> str:
    """The code's own template where the language has one, else its kind's."""
    own = language.code_templates.get(status.code)
    if own is not None:
        return own
    return language.templates[template_kind(status, language)]


def status_expression(status: StatusCode, language: Language) -> str:
    """How the language writes this status: its constant where it has one, else the number."""
    name = status.constants.get(language.id)
    if name is not None:
        return language.constant_expr.format(name=name)
    return language.number_expr.format(code=status.code, phrase=status.wire_phrase)


def uses_status(status: StatusCode, language: Language) -> bool:
    """Whether the snippet writes the status at all (some only say why they cannot)."""
    return "{status}" in snippet_template(status, language)


def render_snippet(status: StatusCode, language: Language) -> str:
    """The snippet for one code in one language, with comments where the constant is missing."""
    template = snippet_template(status, language)
    constant = status.constants.get(language.id)
    body = template.format(
        status=status_expression(status, language),
        code=status.code,
        phrase=status.wire_phrase,
        constant_import=language.constant_import if constant is not None else _UNUSED_IMPORT,
    )
    lines = [line for line in body.split("\n") if line != _UNUSED_IMPORT]
    if any(len(line) > COMMENT_WIDTH for line in lines):
        # A long phrase can push a template's comment past the width: rewrap that comment.
        lines = _rewrap_comments(lines, language.comment)
    body = "\n".join(lines).lstrip("\n")
    comments = []
    note = status.constant_notes.get(language.id)
    if note:
        comments.extend(_comment_lines(language.comment, note))
    elif language.has_constants and constant is None and "{status}" in template:
        comments.append(
            f"{language.comment} {language.name} has no constant for {status.code};"
            " the number works."
        )
    return "\n".join([*comments, body])


def _comment_lines(marker: str, text: str, indent: str = "") -> list[str]:
    prefix = f"{indent}{marker} "
    if len(prefix) + len(text) <= COMMENT_WIDTH:
        return [prefix + text]
    import textwrap  # noqa: PLC0415 - only long comments need it; the CLI's start-up does not

    width = COMMENT_WIDTH - len(prefix)
    return [prefix + line for line in textwrap.wrap(text, width, break_on_hyphens=False)]


def _rewrap_comments(lines: list[str], marker: str) -> list[str]:
    """Rewrap each run of comment lines (a paragraph) that has a line over the width."""
    result: list[str] = []
    run: list[str] = []
    indent = ""

    def flush() -> None:
        if any(len(line) > COMMENT_WIDTH for line in run):
            text = " ".join(line.lstrip()[len(marker) + 1 :] for line in run)
            result.extend(_comment_lines(marker, text, indent))
        else:
            result.extend(run)
        run.clear()

    for line in lines:
        stripped = line.lstrip()
        line_indent = line[: len(line) - len(stripped)]
        if stripped.startswith(f"{marker} ") and (not run or line_indent == indent):
            indent = line_indent
            run.append(line)
            continue
        flush()
        if stripped.startswith(f"{marker} "):
            indent = line_indent
            run.append(line)
        else:
            result.append(line)
    flush()
    return result
