"""What the registry says about what was found: each code's entry, and reason phrases that
differ from the registry's. Shared by the command line and the window."""

from __future__ import annotations

from typing import NamedTuple

from http_status_browser.explain.report import CodeCount, PhraseSeen
from http_status_browser.registry.model import Registry
from http_status_browser.registry.values import StatusCode


class PhraseNote(NamedTuple):
    phrase: str
    hits: int
    note: str  # why it is flagged, in words


class CodeVerdict(NamedTuple):
    found: CodeCount
    status: StatusCode | None  # None: in no registry we know
    share: float  # of all codes counted, 0..1
    phrase_notes: tuple[PhraseNote, ...]

    @property
    def category(self) -> str:
        return f"{self.found.code // 100}xx" if 100 <= self.found.code <= 599 else "other"

    @property
    def flag(self) -> str:
        """ "" for an official code; else what makes it stand out, in a few words."""
        if self.status is None:
            return "in no registry"
        if not self.status.official and self.status.defined_by:
            return f"unofficial: {self.status.defined_by}"
        return ""


def phrase_note(seen: PhraseSeen, code: int, registry: Registry) -> PhraseNote | None:
    """None when the phrase is the registry's (any entry for the code, any case)."""
    entries = registry.all_with_code(code)
    wanted = seen.phrase.strip().casefold()
    if not entries or not wanted:
        return None
    for entry in entries:
        if wanted in (entry.phrase.casefold(), entry.wire_phrase.casefold()):
            return None
    main = entries[0]
    for entry in entries:
        if any(wanted == alias.casefold() for alias in entry.aliases):
            return PhraseNote(
                seen.phrase, seen.hits, f"a former or other name; the registry says {main.phrase}"
            )
    return PhraseNote(seen.phrase, seen.hits, f"differs from the registry's {main.phrase}")


def verdicts(codes: tuple[CodeCount, ...], total: int, registry: Registry) -> list[CodeVerdict]:
    result = []
    for found in codes:
        notes = tuple(
            note
            for seen in found.phrases
            if (note := phrase_note(seen, found.code, registry)) is not None
        )
        share = found.hits / total if total else 0.0
        result.append(CodeVerdict(found, registry.lookup(found.code), share, notes))
    return result
