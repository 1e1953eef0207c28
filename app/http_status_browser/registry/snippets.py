"""Code snippets: a language's template filled with a code's constant, or its number.

Templates and constants both live in the registry file; nothing here names a framework.
"""

from __future__ import annotations

from http_status_browser.registry.values import (
    Language,
    LanguageKind,
    Requirement,
    StatusCode,
    TemplateKind,
)

# Marks the line of an import that this snippet does not need, so that it can be dropped.
_UNUSED_IMPORT = "\x00"
# Notes are wrapped to this width, like the templates' own comments, so the panel needs no
# sideways scrolling to read them.
COMMENT_WIDTH = 92


def sent_headers(status: StatusCode) -> tuple[Requirement, ...]:
    """The requirements that ask the sender for a header, in the registry's order."""
    return tuple(rule for rule in status.requirements if rule.header)


def template_kind(status: StatusCode, language: Language) -> TemplateKind:
    """Interim 1xx, bodiless 204/205/304, errors and redirects have idioms of their own;
    a code whose requirements ask for headers is sent with them (a redirect's Location is
    part of the redirect idiom)."""
    templates = language.templates
    if _not_sent_by(status, language) and TemplateKind.CLOSE in templates:
        return TemplateKind.CLOSE
    if status.code < 200 and TemplateKind.INTERIM in templates:
        return TemplateKind.INTERIM
    if (
        status.redirect is None
        and TemplateKind.HEADERS in templates
        and any(rule.header for rule in status.requirements)
    ):
        return TemplateKind.HEADERS
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


def _header_lines(status: StatusCode, language: Language) -> str:
    """The {headers} block: each rule's level and source as a comment, then its header."""
    lines = []
    for rule in sent_headers(status):
        if language.kind is not LanguageKind.RAW:  # a message's head has no comments
            lines.append(f"{language.comment} {rule.level} ({rule.reference}): {rule.header}")
        lines.append(language.header_line.format(name=rule.header, value=rule.value))
    return "\n".join(lines)


def _indent_block(template: str, name: str, block: str) -> str:
    """Put a multi-line block where {name} stands alone on a line, at that line's indent
    (the block is template text too: its literal braces are doubled)."""
    marker = "{" + name + "}"
    lines: list[str] = []
    for line in template.split("\n"):
        if line.strip() == marker:
            indent = line[: len(line) - len(line.lstrip())]
            lines.extend(indent + part for part in block.split("\n"))
        else:
            lines.append(line)
    return "\n".join(lines).replace(marker, block)


def render_snippet(status: StatusCode, language: Language) -> str:
    """The snippet for one code in one language, with comments where the constant is missing."""
    if _not_sent_by(status, language) and status.instead is not None:
        return "\n".join(_comment_lines(language.comment, _not_sent_note(status)))
    template = snippet_template(status, language)
    if "{headers}" in template:
        block = _header_lines(status, language).replace("{", "{{").replace("}", "}}")
        template = _indent_block(template, "headers", block)
    constant = status.constants.get(language.id)
    # A client shows the registry's phrase, (Unused) included; a server sends a wire phrase.
    phrase = status.phrase if language.kind is LanguageKind.CLIENT else status.wire_phrase
    body = template.format(
        status=status_expression(status, language),
        code=status.code,
        phrase=phrase,
        constant_import=language.constant_import if constant is not None else _UNUSED_IMPORT,
    )
    lines = [line for line in body.split("\n") if line != _UNUSED_IMPORT]
    if any(len(line) > COMMENT_WIDTH for line in lines):
        # A long phrase can push a template's comment past the width: rewrap that comment.
        lines = _rewrap_comments(lines, language.comment)
    body = "\n".join(lines).lstrip("\n")
    comments = []
    note = status.constant_notes.get(language.id)
    if _not_sent_by(status, language):
        comments.extend(_comment_lines(language.comment, _not_sent_note(status)))
    elif note:
        comments.extend(_comment_lines(language.comment, note))
    elif language.has_constants and constant is None and "{status}" in template:
        comments.append(
            f"{language.comment} {language.name} has no constant for {status.code};"
            " the number works."
        )
    return "\n".join([*comments, body])


def _not_sent_note(status: StatusCode) -> str:
    if status.instead is not None:
        instead = f"send {status.instead} instead; its snippet shows how"
    else:
        instead = "log it instead, and close the connection where the framework can"
    return (
        f"Applications do not send {status.code}: {status.not_sent}"
        f" Where your code meets the case, {instead}."
    )


def _not_sent_by(status: StatusCode, language: Language) -> bool:
    """A proxy's or CDN's own code, for a server language: the snippet says what to do."""
    return bool(status.not_sent) and language.kind is LanguageKind.SERVER


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
