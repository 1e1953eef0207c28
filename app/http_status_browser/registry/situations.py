"""Situations ("the email is already taken": which code?) and the decision guide, as data.

Both live in JSON files beside statuses.json and are read only when something asks for them:
`httpstatus show` never does. Every problem is a RegistryError naming the file, the entry and
the field; every code they name must be in the registry, and the guide may not loop.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator

from http_status_browser.registry.fields import (
    CODE_RANGE,
    Fields,
    RegistryError,
    top_level,
    unique_ids,
)
from http_status_browser.registry.practice import Practice, read_practice

# typing.TYPE_CHECKING without importing typing (4-6 ms): see registry/records.py. The
# desktop search's first answer waits for this module, the search index and their imports.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NamedTuple

    # The Registry loads situations lazily: a runtime import would be a circle.
    from http_status_browser.registry.model import Registry
else:
    from http_status_browser.registry.records import NamedTuple

SITUATIONS_NAME = "situations.json"
GUIDE_NAME = "guide.json"
_HERE = os.path.dirname(os.path.abspath(__file__))
SITUATIONS_PATH = os.path.join(_HERE, SITUATIONS_NAME)
GUIDE_PATH = os.path.join(_HERE, GUIDE_NAME)


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


class GuideAnswer(NamedTuple):
    """One answer to a guide question: it leads to another question or ends at a code."""

    label: str
    next: str | None = None
    code: int | None = None
    reason: str = ""


class GuideQuestion(NamedTuple):
    id: str
    text: str
    help: str
    answers: tuple[GuideAnswer, ...]


class Guide:
    """The decision guide: questions one at a time, from `start` to a code."""

    def __init__(self, start: str, questions: tuple[GuideQuestion, ...]) -> None:
        self.start = start
        self.questions = questions
        self._by_id = {q.id: q for q in questions}

    def question(self, question_id: str) -> GuideQuestion:
        return self._by_id[question_id]

    def ends(self) -> set[int]:
        """Every code the guide can end at."""
        return {a.code for q in self.questions for a in q.answers if a.code is not None}


def _read(path: str, name: str) -> bytes:
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError as error:
        raise RegistryError(
            name, "", f"cannot read the built-in data ({error.strerror}); reinstall the app"
        ) from None


def _where(section: str, index: int, raw: object) -> str:
    """ "situations[3] (missing-credentials)": the entry's place, and its id when it has one."""
    where = f"{section}[{index}]"
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        where += f" ({raw['id']})"
    return where


def _known(fields: Fields, key: str, code: int, codes: Collection[int]) -> int:
    if code not in codes:
        raise fields.fail(key, f"no status code {code} in the registry")
    return code


def _situation(
    file: str, index: int, raw: object, areas: Collection[str], codes: Collection[int]
) -> Situation:
    where = _where("situations", index, raw)
    fields = Fields(file, where, raw)
    situation_id = fields.text("id")
    area = fields.text("area")
    if area not in areas:
        raise fields.fail("area", f"unknown area '{area}'")
    alternatives = []
    for number, item in enumerate(fields.objects("alternatives")):
        alternative_fields = Fields(file, f"{where}, alternatives[{number}]", item)
        alternative = Alternative(
            code=_known(alternative_fields, "code", alternative_fields.integer("code"), codes),
            when=alternative_fields.text("when"),
        )
        alternative_fields.done()
        alternatives.append(alternative)
    situation = Situation(
        id=situation_id,
        area=area,
        title=fields.text("title"),
        phrasings=fields.texts("phrasings"),
        code=_known(fields, "code", fields.integer("code"), codes),
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


def _answer(file: str, where: str, raw: object, codes: Collection[int]) -> GuideAnswer:
    fields = Fields(file, where, raw)
    label = fields.text("label")
    has_next, has_code = "next" in fields.data, "code" in fields.data
    if has_next == has_code:
        raise RegistryError(file, where, "expected either 'next' (a question) or 'code'")
    if has_next:
        answer = GuideAnswer(label=label, next=fields.text("next"))
    else:
        code = _known(fields, "code", fields.integer("code"), codes)
        answer = GuideAnswer(label=label, code=code, reason=fields.text("reason"))
    fields.done()
    return answer


def _question(file: str, index: int, raw: object, codes: Collection[int]) -> GuideQuestion:
    where = _where("questions", index, raw)
    fields = Fields(file, where, raw)
    answers = tuple(
        _answer(file, f"{where}, answers[{number}]", item, codes)
        for number, item in enumerate(fields.objects("answers"))
    )
    if len(answers) < 2:
        raise fields.fail("answers", "expected at least two answers")
    question = GuideQuestion(
        id=fields.text("id"),
        text=fields.text("text"),
        help=fields.text("help", required=False),
        answers=answers,
    )
    fields.done()
    return question


def _check_paths(file: str, guide: Guide) -> None:
    """Every `next` names a question, none loops back, and every question can be reached."""
    ids = {q.id: index for index, q in enumerate(guide.questions)}
    for index, question in enumerate(guide.questions):
        for number, answer in enumerate(question.answers):
            if answer.next is not None and answer.next not in ids:
                raise RegistryError(
                    file,
                    f"questions[{index}] ({question.id}), answers[{number}], field 'next'",
                    f"no question '{answer.next}'",
                )
    if guide.start not in ids:
        raise RegistryError(file, "top level, field 'start'", f"no question '{guide.start}'")
    done: set[str] = set()

    def visit(question_id: str, path: tuple[str, ...]) -> None:
        if question_id in path:
            loop = " -> ".join((*path[path.index(question_id) :], question_id))
            where = f"questions[{ids[question_id]}] ({question_id})"
            raise RegistryError(file, where, f"the guide loops: {loop}")
        if question_id in done:
            return
        for answer in guide.question(question_id).answers:
            if answer.next is not None:
                visit(answer.next, (*path, question_id))
        done.add(question_id)

    visit(guide.start, ())
    for index, question in enumerate(guide.questions):
        if question.id not in done:
            where = f"questions[{index}] ({question.id})"
            raise RegistryError(file, where, "cannot be reached from the start")


def parse_guide(text: str | bytes, file: str, codes: Collection[int]) -> Guide:
    """Parse and validate the decision guide; it must end at codes in `codes` without loops."""
    top = top_level(text, file)
    start = top.text("start")
    questions = tuple(
        _question(file, index, raw, codes) for index, raw in enumerate(top.objects("questions"))
    )
    top.done()
    unique_ids(file, "questions", [q.id for q in questions])
    guide = Guide(start, questions)
    _check_paths(file, guide)
    return guide


def _codes_for(registry: Registry) -> tuple[Collection[int], bool]:
    """The codes the built-in data may name, and whether some are missing from `registry`.

    With the registry it ships with, every code the data names must exist. Another registry
    (`--registry FILE`) may lack some codes: situations that name them are left out.
    """
    if registry.builtin:
        return {s.code for s in registry.statuses}, False
    return CODE_RANGE, True


def builtin_situations(registry: Registry) -> SituationBook:
    """The situations shipped with the app, limited to the codes `registry` has."""
    codes, partial = _codes_for(registry)
    book = parse_situations(_read(SITUATIONS_PATH, SITUATIONS_NAME), SITUATIONS_NAME, codes)
    if not partial:
        return book
    own = {s.code for s in registry.statuses}
    kept = []
    for situation in book:
        if situation.code not in own:
            continue  # that registry has no such code: nothing to recommend
        alternatives = tuple(a for a in situation.alternatives if a.code in own)
        practice = tuple(p for p in situation.practice if p.code in own)
        kept.append(situation._replace(alternatives=alternatives, practice=practice))
    return SituationBook(book.areas, tuple(kept))


def builtin_guide(registry: Registry) -> Guide:
    """The decision guide shipped with the app, checked against the built-in codes."""
    codes, _ = _codes_for(registry)
    return parse_guide(_read(GUIDE_PATH, GUIDE_NAME), GUIDE_NAME, codes)
