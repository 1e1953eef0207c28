"""Domain values of the status registry: codes, classes, snippet languages and their parts.

Immutable records (typing.NamedTuple) and enums, shared by the command line, the window, the
registry cache and the tests. This module imports nothing of ours, so anything may import it.

Annotations here are evaluated, not postponed (no `from __future__ import annotations`):
typing.NamedTuple turns each postponed one, a string, into a ForwardRef by compiling it,
which for these 60 fields cost about 2 ms of every `httpstatus` run (-X importtime, 3.11).
"""

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import NamedTuple


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


NO_NAMES: Mapping[str, str] = MappingProxyType({})
NO_CODE_TEMPLATES: Mapping[int, str] = MappingProxyType({})
NO_OTHER_NAMES: Mapping[str, tuple[OtherConstant, ...]] = MappingProxyType({})


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
