"""The decision guide ("which code should I return?", one question at a time), as data.

It lives in guide.json beside statuses.json and is read when the guide view first opens.
Every problem is a RegistryError naming the file, the entry and the field; every code it
ends at must be in the registry, every question must be reached, and none may loop.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from typing import NamedTuple

from http_status_browser.registry.fields import (
    CODE_RANGE,
    Fields,
    RegistryError,
    entry_where,
    read_builtin,
    top_level,
    unique_ids,
)
from http_status_browser.registry.model import Registry

GUIDE_NAME = "guide.json"
GUIDE_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), GUIDE_NAME)


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


def _answer(file: str, where: str, raw: object, codes: Collection[int]) -> GuideAnswer:
    fields = Fields(file, where, raw)
    label = fields.text("label")
    has_next, has_code = "next" in fields.data, "code" in fields.data
    if has_next == has_code:
        raise RegistryError(file, where, "expected either 'next' (a question) or 'code'")
    if has_next:
        answer = GuideAnswer(label=label, next=fields.text("next"))
    else:
        code = fields.known_code("code", codes)
        answer = GuideAnswer(label=label, code=code, reason=fields.text("reason"))
    fields.done()
    return answer


def _question(file: str, index: int, raw: object, codes: Collection[int]) -> GuideQuestion:
    where = entry_where("questions", index, raw)
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


def builtin_guide(registry: Registry) -> Guide:
    """The decision guide shipped with the app, checked against the codes of `registry`
    where it is the built-in one (another registry may lack some: any code then passes)."""
    codes = {s.code for s in registry.statuses} if registry.builtin else CODE_RANGE
    return parse_guide(read_builtin(GUIDE_PATH, GUIDE_NAME), GUIDE_NAME, codes)
