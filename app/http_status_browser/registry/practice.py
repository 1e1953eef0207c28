"""What the big API guidelines and public APIs do in a situation: records and their reading.

A situation's `practice` lists, where they differ from our recommendation or from each other,
what a guideline (Google's AIPs, Microsoft's Azure guidelines, Zalando's) recommends or a large
public API (GitHub, Stripe) is documented to do, each with its document and section.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from types import MappingProxyType
from typing import NamedTuple

from http_status_browser.registry.fields import Fields

# The sources a practice may name: the guidelines first, then the documented APIs.
GUIDELINES: Mapping[str, str] = MappingProxyType(
    {
        "google": "Google AIP",
        "azure": "Microsoft Azure",
        "zalando": "Zalando",
    }
)
PUBLIC_APIS: Mapping[str, str] = MappingProxyType(
    {
        "github": "GitHub API",
        "stripe": "Stripe API",
    }
)
SOURCES: Mapping[str, str] = MappingProxyType({**GUIDELINES, **PUBLIC_APIS})


class Practice(NamedTuple):
    """One guideline's recommendation, or one public API's documented behaviour."""

    source: str
    code: int
    note: str
    reference: str

    @property
    def source_name(self) -> str:
        return SOURCES.get(self.source, self.source)

    @property
    def guideline(self) -> bool:
        """A guideline's recommendation, rather than what one API is documented to do."""
        return self.source in GUIDELINES


def read_practice(fields: Fields, codes: Collection[int]) -> tuple[Practice, ...]:
    """The situation's optional `practice` list, each entry checked (source, code, texts)."""
    found: list[Practice] = []
    for number, item in enumerate(fields.objects("practice")):
        entry = Fields(fields.file, f"{fields.where}, practice[{number}]", item)
        source = entry.text("source")
        if source not in SOURCES:
            known = ", ".join(SOURCES)
            raise entry.fail("source", f"expected one of {known}, got {source!r}")
        code = entry.integer("code")
        if code not in codes:
            raise entry.fail("code", f"no status code {code} in the registry")
        practice = Practice(
            source=source,
            code=code,
            note=entry.text("note"),
            reference=entry.text("reference"),
        )
        entry.done()
        if (practice.source, practice.code) in {(p.source, p.code) for p in found}:
            raise entry.fail("source", f"{source} with {code} is listed twice")
        found.append(practice)
    return tuple(found)
