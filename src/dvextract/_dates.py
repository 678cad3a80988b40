"""Dates, periods and terms: found in running text and normalized to ISO 8601 values.

Contract with the pipeline: ``find_dates(text, published)`` scans the working text (normalized; boilerplate
blanked with spaces, so offsets are unchanged) and returns one :class:`Found` per temporal expression, with
offsets into ``text`` and the fields of :class:`dvextract.DateMention` other than the span.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple

__all__ = ["Found", "find_dates"]


class Found(NamedTuple):
    start: int
    end: int
    fields: dict[str, Any]


def find_dates(text: str, published: datetime | None = None) -> list[Found]:
    """Every temporal expression of ``text``; ``published`` anchors years and relative expressions."""
    return []
