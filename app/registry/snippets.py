"""Code snippets: a language's template filled with a code's constant, or its number.

Templates and constants both live in the registry file; nothing here names a framework.
"""

from __future__ import annotations

from app.registry.model import Language, StatusCode, TemplateKind


def template_kind(status: StatusCode, language: Language) -> TemplateKind:
    """Errors and redirects have idioms of their own in many frameworks."""
    if status.redirect is not None and TemplateKind.REDIRECT in language.templates:
        return TemplateKind.REDIRECT
    if status.code >= 400 and TemplateKind.ERROR in language.templates:
        return TemplateKind.ERROR
    return TemplateKind.DEFAULT


def status_expression(status: StatusCode, language: Language) -> str:
    """How the language writes this status: its constant where it has one, else the number."""
    name = status.constants.get(language.id)
    if name is not None:
        return language.constant_expr.format(name=name)
    return language.number_expr.format(code=status.code, phrase=status.wire_phrase)


def render_snippet(status: StatusCode, language: Language) -> str:
    """The snippet for one code in one language, with comments where the constant is missing."""
    template = language.templates[template_kind(status, language)]
    body = template.format(
        status=status_expression(status, language),
        code=status.code,
        phrase=status.wire_phrase,
    )
    comments = []
    if language.has_constants and language.id not in status.constants:
        comments.append(
            f"{language.comment} {language.name} has no constant for {status.code};"
            " the number works."
        )
    note = status.constant_notes.get(language.id)
    if note:
        comments.append(f"{language.comment} {note}")
    return "\n".join([*comments, body])
