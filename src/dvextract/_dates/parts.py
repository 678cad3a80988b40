"""What a rule reads from the text: the slots of a date, filled but not yet resolved to calendar values."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Parts", "valid_day"]


@dataclass
class Parts:
    """An atom, or atoms merged into one expression.

    ``kind`` says which slots of ``core`` are filled: day, dayrange, month, monthrange, year, decade, century,
    quarter, half, term, rel, span, season, weekday, firstof, between (two ends of different grains, ``from`` and ``to``
    holding their own parts); or one of what stands only beside a date: pod (a
    part of day), time, edge, relpart, daynum, holidayname, bareyear (which stand alone only when
    ``merge.standing`` says so).
    """

    start: int
    end: int
    kind: str
    core: dict[str, Any] = field(default_factory=dict)
    pod: str | None = None
    pm: tuple[int, int] | None = None  # the hours read as p.m. after this part of day
    time: tuple[int, int] | None = None
    edge: str | None = None
    weekday: tuple[int, int | None] | None = None  # (1 = Monday … 7, shift: 1 tới, -1 vừa qua, 0 này, None)
    lunar: bool = False
    cue: bool = False  # something in the expression says it is a date (a day word, a part of day, …)
    capital_weekday: bool = False


def valid_day(d: int, m: int, y: int | None) -> bool:
    """Whether day ``d`` of month ``m`` exists (in year ``y``, or in a leap year when none is given)."""
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return False
    return d <= calendar.monthrange(y or 2000, m)[1]
