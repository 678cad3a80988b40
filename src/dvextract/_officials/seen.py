"""Dates at their grain: a story dated ``2017`` says "some day in 2017", not "1 January 2017".

An observation's date is written as precisely as its source knows it: ``2017-07-05`` (day), ``2017-07`` (month),
``2017`` (year). Each stands for an interval of days. First and last seen are the observations that start first
and end last, kept as written, so a holder seen only in 2017 is "first seen 2017, last seen 2017", and a query
"who held it in 2017-06" asks whether that month overlaps the holder's interval, which a year-only observation
does, rather than comparing a made-up 2017-01-01 or 2017-12-31.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from typing import Literal

__all__ = ["Grain", "earliest", "first_day", "grain_of", "last_day", "latest", "overlaps"]

Grain = Literal["day", "month", "year"]


def grain_of(value: str) -> Grain:
    """The grain an ISO date is written at: ``YYYY`` year, ``YYYY-MM`` month, ``YYYY-MM-DD`` day."""
    return "year" if len(value) == 4 else "month" if len(value) == 7 else "day"


def first_day(value: str) -> str:
    """The first day of the interval the date stands for."""
    return {"year": f"{value}-01-01", "month": f"{value}-01", "day": value}[grain_of(value)]


def last_day(value: str) -> str:
    """The last day of the interval the date stands for (``2016-02`` ends on the 29th)."""
    grain = grain_of(value)
    if grain == "year":
        return f"{value}-12-31"
    if grain == "month":
        return f"{value}-{calendar.monthrange(int(value[:4]), int(value[5:7]))[1]:02d}"
    return value


def earliest(values: Iterable[str]) -> str | None:
    """The date whose interval starts first (the narrower one when two start together), as written."""
    return min(values, key=lambda v: (first_day(v), last_day(v)), default=None)


def latest(values: Iterable[str]) -> str | None:
    """The date whose interval ends last (the narrower one when two end together), as written."""
    return max(values, key=lambda v: (last_day(v), first_day(v)), default=None)


def overlaps(at: str, first: str, last: str) -> bool:
    """Whether the interval of ``at`` meets the span from ``first``'s start to ``last``'s end."""
    return first_day(at) <= last_day(last) and first_day(first) <= last_day(at)
