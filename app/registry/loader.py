"""Load and validate a registry file (the built-in statuses.json or one given by the user).

Every problem is raised as a RegistryError naming the file, the entry and the field.
"""

from __future__ import annotations

import json
import os
import re
import string
from collections.abc import Mapping
from enum import StrEnum
from functools import cache
from typing import Any, TypeVar

from app.registry.model import (
    REQUIREMENT_LEVELS,
    Category,
    Header,
    Language,
    LanguageKind,
    MethodHandling,
    OtherConstant,
    RedirectKind,
    Registry,
    Related,
    Requirement,
    Standing,
    StatusCode,
    TemplateKind,
)

FORMAT_VERSION = 1
BUILTIN_NAME = "statuses.json"
# The data file sits beside this module in a checkout, a wheel and a PyInstaller bundle alike.
# Found through __file__ rather than importlib.resources, whose imports (zipfile, tempfile,
# shutil) cost about 6 ms of every httpstatus run.
BUILTIN_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), BUILTIN_NAME)
REGISTRY_ENV = "HTTPSTATUS_REGISTRY"
CODE_RANGE = range(100, 600)
TEMPLATE_FIELDS = frozenset({"status", "code", "phrase", "constant_import"})

_E = TypeVar("_E", bound=StrEnum)
_CATEGORY_ID = re.compile(r"[1-5]xx")
_LANGUAGE_ID = re.compile(r"[a-z][a-z0-9-]*")


class RegistryError(Exception):
    """A registry file that cannot be used, with where the problem is."""

    def __init__(self, file: str, where: str, problem: str) -> None:
        self.file = file
        self.where = where
        self.problem = problem
        location = f"{file}: {where}: " if where else f"{file}: "
        super().__init__(location + problem)


class _Fields:
    """Reads typed fields of one JSON object, reporting errors with their location."""

    def __init__(self, file: str, where: str, value: object) -> None:
        if not isinstance(value, dict):
            raise RegistryError(file, where, f"expected an object, got {_json_type(value)}")
        self.file = file
        self.where = where
        self.data: dict[str, Any] = value
        self.seen: set[str] = set()

    def fail(self, key: str, problem: str) -> RegistryError:
        return RegistryError(self.file, f"{self.where}, field '{key}'", problem)

    def _get(self, key: str, required: bool) -> object:
        self.seen.add(key)
        if key not in self.data:
            if required:
                raise RegistryError(self.file, self.where, f"missing field '{key}'")
            return None
        return self.data[key]

    def text(self, key: str, *, required: bool = True, default: str = "") -> str:
        value = self._get(key, required)
        if value is None and not required:
            return default
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, f"expected non-empty text, got {_json_type(value)}")
        return value

    def texts(
        self, key: str, *, required: bool = False, non_empty: bool = False
    ) -> tuple[str, ...]:
        value = self._get(key, required)
        if value is None:
            if non_empty:
                raise self.fail(key, "expected a list of text")
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(key, "expected a list of non-empty text")
        if non_empty and not value:
            raise self.fail(key, "expected at least one paragraph")
        return tuple(value)

    def flag(self, key: str, default: bool) -> bool:
        value = self._get(key, required=False)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.fail(key, f"expected true or false, got {_json_type(value)}")
        return value

    def integer(self, key: str) -> int:
        value = self._get(key, required=True)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(key, f"expected a whole number, got {_json_type(value)}")
        return value

    def choice(self, key: str, kind: type[_E], *, required: bool = True) -> _E | None:
        value = self._get(key, required)
        if value is None and not required:
            return None
        allowed = [member.value for member in kind]
        if value not in allowed:
            raise self.fail(key, f"expected one of {', '.join(allowed)}, got {value!r}")
        return kind(value)

    def objects(self, key: str) -> list[object]:
        value = self._get(key, required=False)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(key, f"expected a list, got {_json_type(value)}")
        return value

    def text_map(self, key: str) -> dict[str, str]:
        value = self._get(key, required=False)
        if value is None:
            return {}
        if not isinstance(value, dict) or not all(
            isinstance(v, str) and v.strip() for v in value.values()
        ):
            raise self.fail(key, "expected an object of non-empty text")
        return dict(value)

    def done(self) -> None:
        unknown = sorted(set(self.data) - self.seen)
        if unknown:
            raise RegistryError(self.file, self.where, f"unknown field '{unknown[0]}'")


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false", float: "a number"}
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a number"
    return names.get(type(value), type(value).__name__)


def _category(file: str, index: int, raw: object) -> Category:
    fields = _Fields(file, f"categories[{index}]", raw)
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


def _check_template(fields: _Fields, key: str, template: str) -> None:
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError as error:
        raise fields.fail(key, f"template is not valid: {error}") from None
    unknown = names - TEMPLATE_FIELDS - {"name"}
    if unknown:
        raise fields.fail(key, f"unknown placeholder {{{sorted(unknown)[0]}}}")


def _code_templates(fields: _Fields) -> dict[int, str]:
    """Per-code templates, keyed by the code as text: {"101": "..."}."""
    raw = fields.text_map("code_templates")
    templates: dict[int, str] = {}
    for key, template in raw.items():
        if not key.isdigit() or int(key) not in CODE_RANGE:
            raise fields.fail("code_templates", f"expected a code from 100 to 599, got {key!r}")
        _check_template(fields, "code_templates", template)
        templates[int(key)] = template
    return templates


def _language(file: str, index: int, raw: object) -> Language:
    fields = _Fields(file, f"languages[{index}]", raw)
    language_id = fields.text("id")
    if not _LANGUAGE_ID.fullmatch(language_id):
        raise fields.fail("id", f"expected a lower-case id such as 'go', got {language_id!r}")
    raw_templates = fields.data.get("templates")
    templates_fields = _Fields(
        file, f"languages[{index}] ({language_id}), templates", raw_templates
    )
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
    fields = _Fields(file, where, raw)
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
    )
    fields.done()
    return entry


def _other_constants(
    fields: _Fields, languages: Mapping[str, Language]
) -> dict[str, tuple[OtherConstant, ...]]:
    """{"fastapi": [{"name": "HTTP_413_REQUEST_ENTITY_TOO_LARGE", "versions": "..."}]}."""
    key = "other_constants"
    value = fields.data.get(key)
    fields.seen.add(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise fields.fail(key, f"expected an object, got {_json_type(value)}")
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
            entry = _Fields(fields.file, f"{fields.where}, {key}.{language_id}[{position}]", raw)
            entries.append(OtherConstant(name=entry.text("name"), versions=entry.text("versions")))
            entry.done()
        found[language_id] = tuple(entries)
    return found


def _header(file: str, where: str, raw: object) -> Header:
    fields = _Fields(file, where, raw)
    header = Header(name=fields.text("name"), note=fields.text("note"))
    fields.done()
    return header


def _related(file: str, where: str, raw: object) -> Related:
    fields = _Fields(file, where, raw)
    related = Related(code=fields.integer("code"), note=fields.text("note"))
    fields.done()
    return related


def _requirement(file: str, where: str, raw: object) -> Requirement:
    fields = _Fields(file, where, raw)
    level = fields.text("level")
    if level not in REQUIREMENT_LEVELS:
        raise fields.fail(
            "level", f"expected one of {', '.join(REQUIREMENT_LEVELS)}, got {level!r}"
        )
    requirement = Requirement(
        level=level,
        text=fields.text("text"),
        reference=fields.text("reference"),
        url=fields.text("url"),
    )
    fields.done()
    return requirement


def _unique(file: str, section: str, keys: list[str]) -> None:
    seen: set[str] = set()
    for index, key in enumerate(keys):
        if key in seen:
            raise RegistryError(file, f"{section}[{index}]", f"duplicate id '{key}'")
        seen.add(key)


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
        for link in status.related:
            if link.code not in codes or link.code == status.code:
                raise RegistryError(
                    file,
                    f"statuses[{index}] (code {status.code}), field 'related'",
                    f"refers to code {link.code}, which is not another entry",
                )


def top_level(text: str | bytes, file: str) -> _Fields:
    """The top-level object of a data file in format 1 (statuses, situations, guide)."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise RegistryError(
            file, f"line {error.lineno}, column {error.colno}", f"not valid JSON: {error.msg}"
        ) from None
    except UnicodeDecodeError as error:
        raise RegistryError(file, "", f"not UTF-8 text: {error.reason}") from None
    top = _Fields(file, "top level", raw)
    version = top.integer("format")
    if version != FORMAT_VERSION:
        raise top.fail("format", f"expected format {FORMAT_VERSION}, got {version}")
    return top


def parse_registry(text: str | bytes, file: str) -> Registry:
    """Parse and validate registry JSON; `file` names it in error messages."""
    top = top_level(text, file)
    categories = [_category(file, i, c) for i, c in enumerate(top.objects("categories"))]
    _unique(file, "categories", [c.id for c in categories])
    languages = [_language(file, i, lang) for i, lang in enumerate(top.objects("languages"))]
    _unique(file, "languages", [lang.id for lang in languages])
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
    return Registry(tuple(categories), tuple(languages), tuple(statuses), origin=file)


def load_registry_file(path: str | os.PathLike[str]) -> Registry:
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError as error:
        raise RegistryError(str(path), "", f"cannot read it: {error.strerror or error}") from None
    return parse_registry(data, str(path))


@cache
def builtin_registry() -> Registry:
    """The registry shipped with the app, parsed once per process."""
    try:
        with open(BUILTIN_PATH, "rb") as file:
            data = file.read()
    except OSError as error:
        raise RegistryError(
            BUILTIN_PATH, "", f"cannot read the built-in data ({error.strerror}); reinstall the app"
        ) from None
    return parse_registry(data, BUILTIN_NAME)


def load_registry(path: str | os.PathLike[str] | None = None) -> Registry:
    """The registry at `path`, else the one named by $HTTPSTATUS_REGISTRY, else the built-in one."""
    chosen = path if path is not None else os.environ.get(REGISTRY_ENV) or None
    if chosen is None:
        return builtin_registry()
    return load_registry_file(chosen)
