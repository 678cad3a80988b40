"""Numeric facts: counts, money, percentages, ratios and measures, with what they measure.

Contract with the pipeline: ``find_facts(text, dates, places)`` scans the working text (normalized;
boilerplate blanked with spaces) and returns one :class:`Found` per fact, with offsets into ``text`` and the
fields of :class:`dvextract.Fact` other than the span; ``subject``, ``date`` and ``place`` are ``(start, end)``
ranges of ``text`` or None. ``dates`` are the ranges of the date mentions (numbers inside them are not facts),
``places`` the ranges of LOCATION entities.
"""

from __future__ import annotations

from typing import Any, NamedTuple

__all__ = ["Found", "find_facts"]

Range = tuple[int, int]


class Found(NamedTuple):
    start: int
    end: int
    fields: dict[str, Any]


def find_facts(text: str, dates: list[Range] = (), places: list[Range] = ()) -> list[Found]:  # type: ignore[assignment]
    """Every numeric fact of ``text``."""
    return []
