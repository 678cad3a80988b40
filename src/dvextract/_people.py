"""Linking: each distinct person once, with every title the article attaches to them.

Contract with the pipeline: ``link_people(text, entities)`` takes the working text and the entity mentions
found in it and returns one :class:`Found` per distinct person.
"""

from __future__ import annotations

from typing import NamedTuple

from ._entities import Found as Entity

__all__ = ["Found", "TitleLink", "link_people"]

Range = tuple[int, int]


class TitleLink(NamedTuple):
    start: int
    end: int
    expansion: str | None = None
    organization: str | None = None


class Found(NamedTuple):
    name: Range
    """The fullest mention of the name."""
    mentions: list[Range]
    titles: list[TitleLink]


def link_people(text: str, entities: list[Entity]) -> list[Found]:
    """Group PERSON mentions into people and attach their titles."""
    people: dict[str, Found] = {}
    for e in entities:
        if e.type == "PERSON":
            key = text[e.start : e.end]
            people.setdefault(key, Found((e.start, e.end), [], [])).mentions.append((e.start, e.end))
    return list(people.values())
