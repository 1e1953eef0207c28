"""`class Header(NamedTuple)` at run time without importing typing.

Importing typing costs 4-6 ms, an eighth of an `httpstatus show` run, and the command line
needs it for nothing else: its modules take NamedTuple from typing only for the type checker
(`if TYPE_CHECKING`) and from here when they run. Like typing's, a class written with it is
built by collections.namedtuple from its annotated fields and their defaults, then given the
class body's methods, properties and docstring.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable

# Called with names known only at run time, which the type checker's namedtuple() rejects.
_make_namedtuple: Callable[..., type] = namedtuple

# Attributes that namedtuple makes and a class body may not replace (as typing says).
_PROHIBITED = frozenset(
    {"__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults"}
    | {"_make", "_replace", "_asdict", "_source"}
)
_KEPT = frozenset({"__module__", "__name__", "__annotations__"})


class _RecordMeta(type):
    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, object]) -> type:
        annotations = namespace.get("__annotations__", {})
        assert isinstance(annotations, dict)
        fields = list(annotations)
        defaults = [namespace[f] for f in fields if f in namespace]
        if fields[len(fields) - len(defaults) :] != [f for f in fields if f in namespace]:
            raise TypeError(f"{name}: a field without a default follows one with a default")
        record = _make_namedtuple(
            name, fields, defaults=defaults, module=str(namespace["__module__"])
        )
        for key, value in namespace.items():
            if key in _PROHIBITED:
                raise AttributeError(f"{name}: cannot overwrite NamedTuple attribute {key}")
            if key not in _KEPT and key not in fields:
                setattr(record, key, value)
        record.__annotations__ = dict(annotations)
        return record


# The base to write records with: `class Header(NamedTuple)` makes a namedtuple class.
NamedTuple = type.__new__(_RecordMeta, "NamedTuple", (), {})
