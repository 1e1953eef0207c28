"""One row of docs/benchmarks.md: a figure, its floor and its target. Shared by run.py and the
benchmark modules it calls."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    floor: float | None
    unit: str
    target: str
    passed: bool

    def ratio(self) -> str:
        return f"{self.value / self.floor:.2f}" if self.floor else "-"
