"""Code snippets: a language's template filled with a code's constant, or its number.

Templates and constants both live in the registry file; nothing here names a framework.
"""

from __future__ import annotations

from app.registry.model import Language, StatusCode, TemplateKind

# Marks the line of an import that this snippet does not need, so that it can be dropped.
_UNUSED_IMPORT = "\x00"


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
    if _UNUSED_IMPORT in body:
        lines = [line for line in body.split("\n") if line != _UNUSED_IMPORT]
        body = "\n".join(lines).lstrip("\n")
    comments = []
    note = status.constant_notes.get(language.id)
    if note:
        comments.append(f"{language.comment} {note}")
    elif language.has_constants and constant is None and "{status}" in template:
        comments.append(
            f"{language.comment} {language.name} has no constant for {status.code};"
            " the number works."
        )
    return "\n".join([*comments, body])
