"""Situations ("the email is already taken": which code?), as data.

They live in situations.json beside statuses.json and are read only when something asks for
them: `httpstatus show` never does. Every problem is a RegistryError naming the file, the
entry and the field; every code they name must be in the registry.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator, Sequence
from typing import NamedTuple

from http_status_browser.registry.fields import (
    CODE_RANGE,
    Fields,
    entry_where,
    read_builtin,
    top_level,
    unique_ids,
)
from http_status_browser.registry.practice import Practice, read_practice
from http_status_browser.registry.values import StatusCode

SITUATIONS_NAME = "situations.json"
SITUATIONS_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), SITUATIONS_NAME)


class Area(NamedTuple):
    """A group of situations, such as "Authentication and permissions"."""

    id: str
    name: str


class Alternative(NamedTuple):
    """Another code for a situation, and when it is the right one instead."""

    code: int
    when: str


class Situation(NamedTuple):
    """Something a developer meets, in their words, with the code to answer it."""

    id: str
    area: str
    title: str
    phrasings: tuple[str, ...]
    code: int
    why: str
    alternatives: tuple[Alternative, ...]
    mistakes: tuple[str, ...]
    reference: str
    # What the big API guidelines and public APIs do, where they differ (registry/practice.py).
    practice: tuple[Practice, ...] = ()
    # Set where our recommendation is a convention rather than an RFC's rule: which one.
    convention: str = ""

    @property
    def codes(self) -> tuple[int, ...]:
        """The recommended code, then the alternatives."""
        return (self.code, *(alternative.code for alternative in self.alternatives))


class SituationBook:
    """The situations grouped by area, with look-ups by id and by recommended code."""

    def __init__(self, areas: tuple[Area, ...], situations: tuple[Situation, ...]) -> None:
        self.areas = areas
        self.situations = situations
        self._by_id = {s.id: s for s in situations}
        self._areas = {a.id: a for a in areas}

    def __len__(self) -> int:
        return len(self.situations)

    def __iter__(self) -> Iterator[Situation]:
        return iter(self.situations)

    def get(self, situation_id: str) -> Situation | None:
        return self._by_id.get(situation_id)

    def area(self, area_id: str) -> Area | None:
        return self._areas.get(area_id)

    def in_area(self, area_id: str) -> tuple[Situation, ...]:
        return tuple(s for s in self.situations if s.area == area_id)

    def answered_by(self, code: int) -> tuple[Situation, ...]:
        """The situations whose recommended code is `code` ("Use it when")."""
        return tuple(s for s in self.situations if s.code == code)


def _situation(
    file: str, index: int, raw: object, areas: Collection[str], codes: Collection[int]
) -> Situation:
    where = entry_where("situations", index, raw)
    fields = Fields(file, where, raw)
    situation_id = fields.text("id")
    area = fields.text("area")
    if area not in areas:
        raise fields.fail("area", f"unknown area '{area}'")
    alternatives = []
    for number, item in enumerate(fields.objects("alternatives")):
        alternative_fields = Fields(file, f"{where}, alternatives[{number}]", item)
        alternative = Alternative(
            code=alternative_fields.known_code("code", codes),
            when=alternative_fields.text("when"),
        )
        alternative_fields.done()
        alternatives.append(alternative)
    situation = Situation(
        id=situation_id,
        area=area,
        title=fields.text("title"),
        phrasings=fields.texts("phrasings"),
        code=fields.known_code("code", codes),
        why=fields.text("why"),
        alternatives=tuple(alternatives),
        mistakes=fields.texts("mistakes"),
        reference=fields.text("reference"),
        practice=read_practice(fields, codes),
        convention=fields.text("convention", required=False),
    )
    fields.done()
    if situation.code in [a.code for a in situation.alternatives]:
        raise fields.fail("alternatives", f"repeats the recommended code {situation.code}")
    return situation


def parse_situations(text: str | bytes, file: str, codes: Collection[int]) -> SituationBook:
    """Parse and validate situations JSON; every code named must be in `codes`."""
    top = top_level(text, file)
    areas = []
    for index, raw in enumerate(top.objects("areas")):
        fields = Fields(file, f"areas[{index}]", raw)
        areas.append(Area(id=fields.text("id"), name=fields.text("name")))
        fields.done()
    unique_ids(file, "areas", [a.id for a in areas])
    area_ids = {a.id for a in areas}
    situations = tuple(
        _situation(file, index, raw, area_ids, codes)
        for index, raw in enumerate(top.objects("situations"))
    )
    top.done()
    unique_ids(file, "situations", [s.id for s in situations])
    return SituationBook(tuple(areas), situations)


def builtin_situations(statuses: Sequence[StatusCode], *, builtin: bool) -> SituationBook:
    """The situations shipped with the app, limited to the codes in `statuses`.

    With the registry it ships with (`builtin`), every code the data names must exist. Another
    registry (`--registry FILE`) may lack some codes: situations that name them are left out.
    """
    own = {s.code for s in statuses}
    data = read_builtin(SITUATIONS_PATH, SITUATIONS_NAME)
    book = parse_situations(data, SITUATIONS_NAME, own if builtin else CODE_RANGE)
    if builtin:
        return book
    kept = []
    for situation in book:
        if situation.code not in own:
            continue  # that registry has no such code: nothing to recommend
        alternatives = tuple(a for a in situation.alternatives if a.code in own)
        practice = tuple(p for p in situation.practice if p.code in own)
        kept.append(situation._replace(alternatives=alternatives, practice=practice))
    return SituationBook(book.areas, tuple(kept))
