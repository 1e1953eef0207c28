"""registry/records.py: its NamedTuple builds the same records as typing's."""

from __future__ import annotations

import pickle
import typing

import pytest

from http_status_browser.registry import records
from http_status_browser.registry.model import Category, Header, StatusCode
from http_status_browser.registry.records import NamedTuple


class Point(NamedTuple):
    """A point."""

    x: int
    y: int = 0
    label: str = "origin"

    @property
    def norm(self) -> int:
        return abs(self.x) + abs(self.y)

    def moved(self, by: int) -> Point:
        return self._replace(x=self.x + by)


class TypedPoint(typing.NamedTuple):
    """A point."""

    x: int
    y: int = 0
    label: str = "origin"


def test_a_record_is_a_namedtuple_like_typings() -> None:
    point = Point(3, label="p")
    typed = TypedPoint(3, label="p")
    assert point == typed == (3, 0, "p")
    assert Point._fields == TypedPoint._fields
    assert Point._field_defaults == TypedPoint._field_defaults
    assert Point.__doc__ == TypedPoint.__doc__ == "A point."
    assert list(Point.__annotations__) == ["x", "y", "label"]
    assert repr(point) == "Point(x=3, y=0, label='p')"
    assert isinstance(point, tuple)
    assert Point.__module__ == __name__


def test_methods_and_properties_come_along() -> None:
    point = Point(-2, 5)
    assert point.norm == 7
    assert point.moved(4) == Point(2, 5)
    assert point._asdict() == {"x": -2, "y": 5, "label": "origin"}
    with pytest.raises(AttributeError):
        point.x = 1  # type: ignore[misc]


def test_records_pickle_and_compare() -> None:
    header = Header("Allow", "the methods")
    assert pickle.loads(pickle.dumps(header)) == header
    assert hash(header) == hash(("Allow", "the methods"))
    assert Category.__module__ == "http_status_browser.registry.model"
    assert StatusCode._field_defaults["content"] is True


def test_a_field_without_default_after_one_with_is_refused() -> None:
    with pytest.raises(TypeError, match="without a default"):

        class Wrong(NamedTuple):
            a: int = 0
            b: int


def test_namedtuple_internals_cannot_be_replaced() -> None:
    with pytest.raises(AttributeError, match="_replace"):

        class Wrong(NamedTuple):
            a: int

            def _replace(self) -> None: ...


def test_the_module_itself_needs_no_typing() -> None:
    assert "typing" not in records.__dict__
