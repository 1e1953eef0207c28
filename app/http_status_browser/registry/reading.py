"""Reading and validating a registry file: statuses.json, or one the user names.

Every problem is raised as a RegistryError naming the file, the entry and the field. Imported
only when a file is read: a start-up that finds the registry cache (registry/loader.py) needs
none of this.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping

from http_status_browser.registry.fields import (
    CODE_RANGE,
    Fields,
    RegistryError,
    json_type,
    top_level,
    unique_ids,
)
from http_status_browser.registry.model import Registry
from http_status_browser.registry.parts import assemble
from http_status_browser.registry.values import (
    REQUIREMENT_LEVELS,
    Category,
    Header,
    Language,
    LanguageKind,
    MethodHandling,
    OtherConstant,
    RedirectKind,
    Related,
    Requirement,
    Standing,
    StatusCode,
    TemplateKind,
)

TEMPLATE_FIELDS = frozenset({"status", "code", "phrase", "constant_import", "headers"})

_CATEGORY_ID = re.compile(r"[1-5]xx")
_LANGUAGE_ID = re.compile(r"[a-z][a-z0-9-]*")


def _category(file: str, index: int, raw: object) -> Category:
    fields = Fields(file, f"categories[{index}]", raw)
    category_id = fields.text("id")
    if not _CATEGORY_ID.fullmatch(category_id):
        raise fields.fail("id", f"expected a class such as 4xx, got {category_id!r}")
    category = Category(
        id=category_id,
        name=fields.text("name"),
        summary=fields.text("summary"),
        description=fields.texts("description", non_empty=True),
        reference=fields.text("reference"),
        url=fields.text("url"),
    )
    fields.done()
    return category


def _check_template(
    fields: Fields, key: str, template: str, allowed: frozenset[str] = TEMPLATE_FIELDS
) -> None:
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError as error:
        raise fields.fail(key, f"template is not valid: {error}") from None
    unknown = names - allowed - {"name"}
    if unknown:
        raise fields.fail(key, f"unknown placeholder {{{sorted(unknown)[0]}}}")


def _code_templates(fields: Fields) -> dict[int, str]:
    """Per-code templates, keyed by the code as text: {"101": "..."}."""
    raw = fields.text_map("code_templates")
    templates: dict[int, str] = {}
    for key, template in raw.items():
        if not key.isdecimal() or int(key) not in CODE_RANGE:
            raise fields.fail("code_templates", f"expected a code from 100 to 599, got {key!r}")
        _check_template(fields, "code_templates", template)
        templates[int(key)] = template
    return templates


def _language(file: str, index: int, raw: object) -> Language:
    fields = Fields(file, f"languages[{index}]", raw)
    language_id = fields.text("id")
    if not _LANGUAGE_ID.fullmatch(language_id):
        raise fields.fail("id", f"expected a lower-case id such as 'go', got {language_id!r}")
    raw_templates = fields.data.get("templates")
    templates_fields = Fields(file, f"languages[{index}] ({language_id}), templates", raw_templates)
    fields.seen.add("templates")
    templates: dict[TemplateKind, str] = {}
    for template_kind in TemplateKind:
        template = templates_fields.text(
            template_kind.value, required=template_kind is TemplateKind.DEFAULT
        )
        if template:
            _check_template(templates_fields, template_kind.value, template)
            templates[template_kind] = template
    templates_fields.done()
    constant_import = fields.text("constant_import", required=False)
    code_templates = _code_templates(fields)
    if not constant_import:
        for template in (*templates.values(), *code_templates.values()):
            if "{constant_import}" in template:
                raise fields.fail("constant_import", "a template uses it, so it is required")
    constant_expr = fields.text("constant_expr")
    number_expr = fields.text("number_expr")
    _check_template(fields, "constant_expr", constant_expr)
    _check_template(fields, "number_expr", number_expr)
    kind = fields.choice("kind", LanguageKind)
    assert kind is not None
    header_line = fields.text("header_line", required=TemplateKind.HEADERS in templates)
    if header_line:
        _check_template(fields, "header_line", header_line, frozenset({"value"}))
    language = Language(
        id=language_id,
        name=fields.text("name"),
        kind=kind,
        comment=fields.text("comment"),
        constant_expr=constant_expr,
        number_expr=number_expr,
        source=fields.text("source"),
        templates=templates,
        constant_import=constant_import,
        code_templates=code_templates,
        header_line=header_line,
    )
    fields.done()
    return language


def _status(
    file: str,
    index: int,
    raw: object,
    categories: Mapping[str, Category],
    languages: Mapping[str, Language],
) -> StatusCode:
    where = f"statuses[{index}]"
    if isinstance(raw, dict) and isinstance(raw.get("code"), int):
        where += f" (code {raw['code']})"
    fields = Fields(file, where, raw)
    code = fields.integer("code")
    if code not in CODE_RANGE:
        raise fields.fail("code", f"expected a code from 100 to 599, got {code}")
    category = f"{code // 100}xx"
    if category not in categories:
        raise fields.fail("code", f"no class {category} is defined for it")
    standing = fields.choice("status", Standing)
    assert standing is not None
    headers = tuple(
        _header(file, f"{where}, headers[{i}]", h) for i, h in enumerate(fields.objects("headers"))
    )
    related = tuple(
        _related(file, f"{where}, related[{i}]", r) for i, r in enumerate(fields.objects("related"))
    )
    requirements = tuple(
        _requirement(file, f"{where}, requirements[{i}]", r)
        for i, r in enumerate(fields.objects("requirements"))
    )
    if standing.official and not requirements:
        raise fields.fail("requirements", "an official code needs at least one requirement")
    constants = fields.text_map("constants")
    notes = fields.text_map("constant_notes")
    for key in (*constants, *notes):
        language = languages.get(key)
        if language is None:
            raise fields.fail("constants", f"unknown language '{key}'")
        if key in constants and not language.has_constants:
            raise fields.fail("constants", f"language '{key}' has no constants")
    other_constants = _other_constants(fields, languages)
    entry = StatusCode(
        code=code,
        phrase=fields.text("phrase"),
        category=category,
        standing=standing,
        defined_by=fields.text("defined_by"),
        summary=fields.text("summary"),
        description=fields.texts("description", non_empty=True),
        reference=fields.text("reference"),
        url=fields.text("url"),
        requirements=requirements,
        aliases=fields.texts("aliases"),
        headers=headers,
        related=related,
        cacheable=fields.flag("cacheable", default=False),
        content=fields.flag("content", default=True),
        redirect=fields.choice("redirect", RedirectKind, required=False),
        method=fields.choice("method", MethodHandling, required=False),
        constants=constants,
        constant_notes=notes,
        other_constants=other_constants,
        not_sent=fields.text("not_sent", required=False),
        instead=_instead(fields),
    )
    fields.done()
    return entry


def _instead(fields: Fields) -> int | None:
    """The code an application sends instead of one it does not send (validated later)."""
    if "instead" not in fields.data:
        return None
    if "not_sent" not in fields.data:
        raise fields.fail("instead", "only a code that is not sent may name one instead")
    code = fields.integer("instead")
    if code not in CODE_RANGE:
        raise fields.fail("instead", f"expected a code from 100 to 599, got {code}")
    return code


def _other_constants(
    fields: Fields, languages: Mapping[str, Language]
) -> dict[str, tuple[OtherConstant, ...]]:
    """{"fastapi": [{"name": "HTTP_413_REQUEST_ENTITY_TOO_LARGE", "versions": "..."}]}."""
    key = "other_constants"
    value = fields.data.get(key)
    fields.seen.add(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise fields.fail(key, f"expected an object, got {json_type(value)}")
    found: dict[str, tuple[OtherConstant, ...]] = {}
    for language_id, names in value.items():
        language = languages.get(language_id)
        if language is None:
            raise fields.fail(key, f"unknown language '{language_id}'")
        if not language.has_constants:
            raise fields.fail(key, f"language '{language_id}' has no constants")
        if not isinstance(names, list) or not names:
            raise fields.fail(key, f"expected a list of names for '{language_id}'")
        entries = []
        for position, raw in enumerate(names):
            entry = Fields(fields.file, f"{fields.where}, {key}.{language_id}[{position}]", raw)
            entries.append(OtherConstant(name=entry.text("name"), versions=entry.text("versions")))
            entry.done()
        found[language_id] = tuple(entries)
    return found


def _header(file: str, where: str, raw: object) -> Header:
    fields = Fields(file, where, raw)
    header = Header(name=fields.text("name"), note=fields.text("note"))
    fields.done()
    return header


def _related(file: str, where: str, raw: object) -> Related:
    fields = Fields(file, where, raw)
    related = Related(code=fields.integer("code"), note=fields.text("note"))
    fields.done()
    return related


def _requirement(file: str, where: str, raw: object) -> Requirement:
    fields = Fields(file, where, raw)
    level = fields.text("level")
    if level not in REQUIREMENT_LEVELS:
        raise fields.fail(
            "level", f"expected one of {', '.join(REQUIREMENT_LEVELS)}, got {level!r}"
        )
    header = fields.text("header", required=False)
    value = fields.text("value", required=bool(header))
    if value and not header:
        raise fields.fail("value", "a value needs the header it belongs to")
    if '"' in value or "'" in value:
        # Snippets put it inside a string literal of any of their languages.
        raise fields.fail("value", "quotes cannot go into every language's string literal")
    requirement = Requirement(
        level=level,
        text=fields.text("text"),
        reference=fields.text("reference"),
        url=fields.text("url"),
        header=header,
        value=value,
    )
    fields.done()
    return requirement


def _check_codes(file: str, statuses: list[StatusCode]) -> None:
    """Official numbers are unique; no other source may reuse one; (code, source) is unique."""
    official: dict[int, int] = {}
    sources: set[tuple[int, str]] = set()
    for index, status in enumerate(statuses):
        where = f"statuses[{index}] (code {status.code})"
        if status.official:
            if status.code in official:
                raise RegistryError(file, where, f"code {status.code} is listed twice")
            official[status.code] = index
        key = (status.code, status.defined_by.casefold())
        if key in sources:
            raise RegistryError(
                file, where, f"code {status.code} from {status.defined_by} is listed twice"
            )
        sources.add(key)
    for index, status in enumerate(statuses):
        if not status.official and status.code in official:
            raise RegistryError(
                file,
                f"statuses[{index}] (code {status.code})",
                f"{status.code} is an official code; an {status.standing} entry may not reuse it",
            )
    codes = {s.code for s in statuses}
    for index, status in enumerate(statuses):
        if status.instead is not None and status.instead not in official:
            raise RegistryError(
                file,
                f"statuses[{index}] (code {status.code}), field 'instead'",
                f"refers to code {status.instead}, which is not an official entry",
            )
        for link in status.related:
            if link.code not in codes or link.code == status.code:
                raise RegistryError(
                    file,
                    f"statuses[{index}] (code {status.code}), field 'related'",
                    f"refers to code {link.code}, which is not another entry",
                )


def parse_registry(text: str | bytes, file: str, *, builtin: bool = False) -> Registry:
    """Parse and validate registry JSON; `file` names it in error messages."""
    top = top_level(text, file)
    categories = [_category(file, i, c) for i, c in enumerate(top.objects("categories"))]
    unique_ids(file, "categories", [c.id for c in categories])
    languages = [_language(file, i, lang) for i, lang in enumerate(top.objects("languages"))]
    unique_ids(file, "languages", [lang.id for lang in languages])
    category_map = {c.id: c for c in categories}
    language_map = {lang.id: lang for lang in languages}
    statuses = [
        _status(file, i, s, category_map, language_map)
        for i, s in enumerate(top.objects("statuses"))
    ]
    top.done()
    if not statuses:
        raise top.fail("statuses", "expected at least one status code")
    _check_codes(file, statuses)
    return assemble(tuple(categories), tuple(languages), tuple(statuses), file, builtin=builtin)
