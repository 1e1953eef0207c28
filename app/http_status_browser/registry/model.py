"""Domain values of the status registry: codes, classes and snippet languages.

Immutable records with no Qt, shared by the command line, the window and the tests. They are
NamedTuples rather than frozen dataclasses: importing dataclasses (and with it inspect) and
building a dozen classes cost about 15 ms of every `httpstatus` run, NamedTuples under 1 ms.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

# typing.TYPE_CHECKING without importing typing (4-6 ms): see registry/records.py.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NamedTuple
else:
    from http_status_browser.registry.records import NamedTuple

NO_NAMES: Mapping[str, str] = MappingProxyType({})
NO_CODE_TEMPLATES: Mapping[int, str] = MappingProxyType({})
NO_OTHER_NAMES: Mapping[str, tuple[OtherConstant, ...]] = MappingProxyType({})


class Standing(StrEnum):
    """Where a code stands: in the IANA registry (first four) or not."""

    STANDARD = "standard"
    UNUSED = "unused"
    OBSOLETE = "obsolete"
    PROVISIONAL = "provisional"
    UNOFFICIAL = "unofficial"
    CUSTOM = "custom"

    @property
    def official(self) -> bool:
        return self not in (Standing.UNOFFICIAL, Standing.CUSTOM)


class RedirectKind(StrEnum):
    PERMANENT = "permanent"
    TEMPORARY = "temporary"


class MethodHandling(StrEnum):
    """What a client does with the request method when it follows a redirect."""

    KEPT = "kept"
    MAY_CHANGE = "may-change"
    CHANGES_TO_GET = "changes-to-get"


class LanguageKind(StrEnum):
    SERVER = "server"
    CLIENT = "client"
    RAW = "raw"


class TemplateKind(StrEnum):
    DEFAULT = "default"
    ERROR = "error"
    REDIRECT = "redirect"
    # A 1xx goes before a final response: the snippet sends it so, or says why it cannot.
    INTERIM = "interim"
    # 204, 205 and 304 carry no content: the snippet sends none.
    NO_CONTENT = "no_content"
    # A code whose requirements name headers the sender must add: {headers} holds them.
    HEADERS = "headers"
    # What an application does where a proxy's own code (444, 499) applies: log, then close
    # the connection without an answer where the framework can, or say that it cannot.
    CLOSE = "close"


class Header(NamedTuple):
    name: str
    note: str


class Related(NamedTuple):
    code: int
    note: str


class OtherConstant(NamedTuple):
    """A framework's other name for a code: a former, deprecated or newer one."""

    name: str
    versions: str


class Note(NamedTuple):
    """A user's own note on a code, from their codes file."""

    text: str
    source: str


# The requirement levels of RFC 2119, as a code's requirements use them.
REQUIREMENT_LEVELS = ("MUST", "MUST NOT", "SHOULD", "SHOULD NOT", "MAY")


class Requirement(NamedTuple):
    """One normative rule for a code, in our words, at the defining document's strength."""

    level: str
    text: str
    reference: str
    url: str
    # The response header this rule asks the sender for, with the value snippets send. Given
    # on a MUST always, on a SHOULD or MAY only where the code's snippets show the case it
    # names (a POST that creates, throttling, maintenance).
    header: str = ""
    value: str = ""


class Category(NamedTuple):
    """A class of status codes such as 4xx Client error."""

    id: str
    name: str
    summary: str
    description: tuple[str, ...]
    reference: str
    url: str

    @property
    def digit(self) -> int:
        return int(self.id[0])

    @property
    def title(self) -> str:
        return f"{self.id} {self.name}"


class Language(NamedTuple):
    """A language or framework that snippets are written for."""

    id: str
    name: str
    kind: LanguageKind
    comment: str
    constant_expr: str
    number_expr: str
    source: str
    templates: Mapping[TemplateKind, str]
    # The import line that only a snippet using a constant needs ({constant_import}).
    constant_import: str = ""
    # Codes that need a snippet of their own here, such as 101 or 103.
    code_templates: Mapping[int, str] = NO_CODE_TEMPLATES
    # How one required header is set, with {name} and {value}: the lines of {headers}.
    header_line: str = ""

    @property
    def has_constants(self) -> bool:
        return "{name}" in self.constant_expr


class StatusCode(NamedTuple):
    """One entry of the registry: a status code with everything we say about it."""

    code: int
    phrase: str
    category: str
    standing: Standing
    defined_by: str
    summary: str
    description: tuple[str, ...]
    reference: str
    url: str
    requirements: tuple[Requirement, ...] = ()
    aliases: tuple[str, ...] = ()
    headers: tuple[Header, ...] = ()
    related: tuple[Related, ...] = ()
    cacheable: bool = False
    content: bool = True
    redirect: RedirectKind | None = None
    method: MethodHandling | None = None
    constants: Mapping[str, str] = NO_NAMES
    constant_notes: Mapping[str, str] = NO_NAMES
    notes: tuple[Note, ...] = ()
    other_constants: Mapping[str, tuple[OtherConstant, ...]] = NO_OTHER_NAMES
    # A code that applications do not send (a proxy's or a CDN's own): who sends it and why.
    not_sent: str = ""
    # What an application sends instead; None with not_sent: close the connection, or log.
    instead: int | None = None

    @property
    def official(self) -> bool:
        return self.standing.official

    @property
    def shown_by_default(self) -> bool:
        """Official codes and the user's own; other sources' codes wait until asked for."""
        return self.standing.official or self.standing is Standing.CUSTOM

    @property
    def title(self) -> str:
        return f"{self.code} {self.phrase}"

    @property
    def wire_phrase(self) -> str:
        """The phrase to put on a status line: 418's "(Unused)" is sent as I'm a teapot."""
        if self.phrase.startswith("(") and self.aliases:
            return self.aliases[0]
        return self.phrase


class Registry:
    """The loaded registry: classes, codes and languages, with look-ups and search."""

    def __init__(
        self,
        categories: tuple[Category, ...],
        languages: tuple[Language, ...],
        statuses: tuple[StatusCode, ...],
        origin: str,
        *,
        builtin: bool = False,
        kept: KeptParts | None = None,
    ) -> None:
        self.categories = categories
        self.languages = languages
        self.statuses = tuple(sorted(statuses, key=lambda s: (s.code, not s.official)))
        self.origin = origin
        # The data shipped with the app (with or without the user's codes): its situations
        # must name only codes it has; another registry may lack some of them.
        self.builtin = builtin
        self._categories = {c.id: c for c in categories}
        self._languages = {lang.id: lang for lang in languages}
        self._by_code: dict[int, list[StatusCode]] = {}
        for status in self.statuses:
            self._by_code.setdefault(status.code, []).append(status)
        self._search_index: SearchIndex | None = None
        self._situations: SituationBook | None = None
        # A kept copy's situations and search index, decoded on first use (registry/cache.py).
        self._kept = kept

    def lookup(self, code: int) -> StatusCode | None:
        """The entry for a code: the official one where several sources use the number."""
        entries = self._by_code.get(code)
        return entries[0] if entries else None

    def all_with_code(self, code: int) -> tuple[StatusCode, ...]:
        return tuple(self._by_code.get(code, ()))

    def category(self, category_id: str) -> Category | None:
        return self._categories.get(category_id)

    def language(self, language_id: str) -> Language | None:
        return self._languages.get(language_id)

    def in_category(self, category_id: str) -> tuple[StatusCode, ...]:
        return tuple(s for s in self.statuses if s.category == category_id)

    @property
    def search_index(self) -> SearchIndex:
        """Built on first use: the command line's `show` never needs it."""
        if self._search_index is None:
            from http_status_browser.registry.search import SearchIndex  # noqa: PLC0415

            expressions = {lang.id: lang.constant_expr for lang in self.languages}
            kept = self._kept
            if kept is not None and (state := kept.index_state()) is not None:
                try:
                    self._search_index = SearchIndex(
                        self.statuses, expressions, self.situations, state=state
                    )
                except ValueError as error:
                    kept.note_unusable_index(error)
            if self._search_index is None:
                self._search_index = SearchIndex(self.statuses, expressions, self.situations)
        return self._search_index

    @property
    def situations_loaded(self) -> bool:
        return self._situations is not None

    @property
    def situations(self) -> SituationBook:
        """The built-in situations ("which code?"), read on first use."""
        if self._situations is None and self._kept is not None:
            self._situations = self._kept.situations()
        if self._situations is None:
            from http_status_browser.registry.situations import builtin_situations  # noqa: PLC0415

            self._situations = builtin_situations(self)
        return self._situations

    def search(self, text: str) -> list[Match]:
        return self.search_index.search(text)


if TYPE_CHECKING:
    from http_status_browser.registry.cache import KeptParts
    from http_status_browser.registry.search import Match, SearchIndex
    from http_status_browser.registry.situations import SituationBook
