"""People, titles, organisations and places.

Contract with the pipeline: ``find_entities(text, blocks, author)`` scans the working text (normalized;
boilerplate blanked with spaces) and returns one :class:`Found` per mention: offsets into ``text``, the
type (PERSON, TITLE, ORGANIZATION, LOCATION) and the expansion of its abbreviations (or None).
``blocks`` are the mined ranges (title, paragraphs, captions); ``author`` is the range of the byline's
author name, which is a PERSON.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["Found", "find_entities"]

Range = tuple[int, int]


class Found(NamedTuple):
    start: int
    end: int
    type: str
    expansion: str | None = None


def find_entities(text: str, blocks: list[Range], author: Range | None = None) -> list[Found]:
    """Every entity mention of ``text``."""
    return [Found(author[0], author[1], "PERSON")] if author else []
