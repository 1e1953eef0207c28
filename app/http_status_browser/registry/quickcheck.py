"""The loader's fast path: a status entry that is valid, checked and built in one pass.

Every `httpstatus` run loads the registry, and reading each field through `Fields` (a method
call, a set update and an error location per field, about 60 us an entry) was most of it. Here
an entry is checked with plain type tests and built directly. Anything this path is not sure
of, it declines (returns None), and the loader reads the entry again through `Fields`, which
accepts it or says precisely what is wrong. So this path may be stricter than the loader's
rules but never more lenient: tests/registry/test_quickcheck.py mutates entries to hold it to that.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from http_status_browser.registry.model import (
    REQUIREMENT_LEVELS,
    Category,
    Header,
    Language,
    MethodHandling,
    OtherConstant,
    RedirectKind,
    Related,
    Requirement,
    Standing,
    StatusCode,
)

# typing.TYPE_CHECKING without importing typing (4-6 ms): see registry/records.py.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TypeGuard

STATUS_FIELDS = frozenset(
    {
        "code",
        "phrase",
        "status",
        "defined_by",
        "summary",
        "description",
        "reference",
        "url",
        "requirements",
        "aliases",
        "headers",
        "related",
        "cacheable",
        "content",
        "redirect",
        "method",
        "constants",
        "constant_notes",
        "other_constants",
        "not_sent",
        "instead",
    }
)
_HEADER_FIELDS = frozenset({"name", "note"})
_RELATED_FIELDS = frozenset({"code", "note"})
_REQUIREMENT_FIELDS = frozenset({"level", "text", "reference", "url"})
_SENDING_REQUIREMENT_FIELDS = _REQUIREMENT_FIELDS | {"header", "value"}
_OTHER_CONSTANT_FIELDS = frozenset({"name", "versions"})
_STANDINGS = {member.value: member for member in Standing}
_REDIRECTS = {member.value: member for member in RedirectKind}
_METHODS = {member.value: member for member in MethodHandling}


_ONLY_TEXT = frozenset({str})


def _text(value: object) -> TypeGuard[str]:
    """Non-empty text that is not only spaces, as `Fields.text` requires."""
    return type(value) is str and bool(value) and not value.isspace()


def _all_text(values: Collection[Any]) -> bool:
    """Every value is what `_text` accepts; the loops run in C (dicts hold hundreds)."""
    return (
        _ONLY_TEXT.issuperset(map(type, values))
        and "" not in values
        and not any(map(str.isspace, values))
    )


def _record(value: object, fields: frozenset[str]) -> bool:
    """An object with exactly these fields, each non-empty text."""
    return type(value) is dict and value.keys() == fields and _all_text(value.values())


def _sending(rule: object) -> bool:
    """A rule that names the header it asks for, with a value that has no quotes."""
    if not _record(rule, _SENDING_REQUIREMENT_FIELDS):
        return False
    assert type(rule) is dict
    value: str = rule["value"]
    return '"' not in value and "'" not in value


class QuickCheck:
    """Checks and builds the status entries of one registry file (its classes and languages)."""

    def __init__(self, categories: Mapping[str, Category], languages: Mapping[str, Language]):
        self.categories = frozenset(categories)
        self.languages = frozenset(languages)
        self.with_constants = frozenset(k for k, v in languages.items() if v.has_constants)

    def _other_constants(self, value: object) -> dict[str, tuple[OtherConstant, ...]] | None:
        if type(value) is not dict or not self.with_constants.issuperset(value):
            return None
        found: dict[str, tuple[OtherConstant, ...]] = {}
        for language_id, names in value.items():
            if type(names) is not list or not names:
                return None
            if not all(_record(name, _OTHER_CONSTANT_FIELDS) for name in names):
                return None
            found[language_id] = tuple(OtherConstant(n["name"], n["versions"]) for n in names)
        return found

    def status(self, raw: object) -> StatusCode | None:
        """The entry, when it is plainly valid; None to have the loader check it field by
        field."""
        if type(raw) is not dict or not STATUS_FIELDS.issuperset(raw):
            return None
        get = raw.get
        code = get("code")
        if type(code) is not int or not 100 <= code <= 599:
            return None
        category = f"{code // 100}xx"
        status = get("status")
        standing = _STANDINGS.get(status) if type(status) is str else None
        if category not in self.categories or standing is None:
            return None
        phrase, defined_by, summary = get("phrase"), get("defined_by"), get("summary")
        reference, url, description = get("reference"), get("url"), get("description")
        if not (_text(phrase) and _text(defined_by) and _text(summary)):
            return None
        if not (_text(reference) and _text(url)):
            return None
        if type(description) is not list or not description or not _all_text(description):
            return None
        aliases = get("aliases", [])
        headers, related = get("headers", []), get("related", [])
        requirements = get("requirements", [])
        if type(aliases) is not list or not _all_text(aliases):
            return None
        if type(headers) is not list or type(related) is not list:
            return None
        if type(requirements) is not list or (standing.official and not requirements):
            return None
        if not all(_record(h, _HEADER_FIELDS) for h in headers):
            return None
        for link in related:
            if type(link) is not dict or link.keys() != _RELATED_FIELDS:
                return None
            if type(link["code"]) is not int or not _text(link["note"]):
                return None
        for rule in requirements:
            if not _record(rule, _REQUIREMENT_FIELDS) and not _sending(rule):
                return None
            if rule["level"] not in REQUIREMENT_LEVELS:
                return None
        not_sent, instead = get("not_sent", ""), get("instead")
        if "not_sent" in raw and not _text(not_sent):
            return None
        if instead is not None and (
            type(instead) is not int or not 100 <= instead <= 599 or not not_sent
        ):
            return None
        if "instead" in raw and instead is None:
            return None
        cacheable, content = get("cacheable", False), get("content", True)
        if type(cacheable) is not bool or type(content) is not bool:
            return None
        redirect, method = get("redirect"), get("method")
        redirect_kind = _REDIRECTS.get(redirect) if type(redirect) is str else None
        method_handling = _METHODS.get(method) if type(method) is str else None
        if (redirect is not None and redirect_kind is None) or (
            method is not None and method_handling is None
        ):
            return None
        constants, notes = get("constants", {}), get("constant_notes", {})
        if type(constants) is not dict or not self.with_constants.issuperset(constants):
            return None
        if type(notes) is not dict or not self.languages.issuperset(notes):
            return None
        if not (_all_text(constants.values()) and _all_text(notes.values())):
            return None
        other_constants = self._other_constants(get("other_constants", {}))
        if other_constants is None:
            return None
        return StatusCode(
            code=code,
            phrase=phrase,
            category=category,
            standing=standing,
            defined_by=defined_by,
            summary=summary,
            description=tuple(description),
            reference=reference,
            url=url,
            requirements=tuple(
                Requirement(
                    r["level"],
                    r["text"],
                    r["reference"],
                    r["url"],
                    r.get("header", ""),
                    r.get("value", ""),
                )
                for r in requirements
            ),
            aliases=tuple(aliases),
            headers=tuple(Header(h["name"], h["note"]) for h in headers),
            related=tuple(Related(r["code"], r["note"]) for r in related),
            cacheable=cacheable,
            content=content,
            redirect=redirect_kind,
            method=method_handling,
            constants=dict(constants),
            constant_notes=dict(notes),
            other_constants=other_constants,
            not_sent=not_sent,
            instead=instead,
        )
