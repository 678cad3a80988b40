"""The linker's typed state: each person (their fullest name, their mentions, the titles given them) and what
every rule reads and extends (the mentions in order, which sentence each is in, which titles are taken)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from .. import _patterns
from .._entities import Found as Entity
from .cues import SENTENCE_END
from .offices import name_key

__all__ = ["Linking", "Person", "start_linking"]

Range = tuple[int, int]


@dataclass(eq=False)
class Person:
    """One person of the article: the fullest mention of their name, every mention, and their titles (indexes
    of title mentions, in the order they were given)."""

    name: Range
    length: int
    """Characters of the fullest name, to keep the longest spelling."""
    mentions: list[Range] = field(default_factory=list)
    titles: list[int] = field(default_factory=list)


@dataclass
class Linking:
    """What the rules share: the text, its PERSON and TITLE mentions in order, the people, and the titles taken."""

    text: str
    ents: list[Entity]
    """PERSON and TITLE mentions, by start (the longest first)."""
    people: list[Person]
    person_of: dict[int, Person]
    """The person each PERSON mention (by index in ``ents``) names."""
    sentence_ends: list[int]
    sentence: list[int]
    """Which sentence each mention is in."""
    titles: list[int] = field(default_factory=list)
    """Indexes of the TITLE mentions."""
    named: list[int] = field(default_factory=list)
    """PERSON mentions written as a name (not initials such as `L.`), in order."""
    linked: set[int] = field(default_factory=set)
    """Titles already given (or known to be nobody's)."""
    kin: set[int] = field(default_factory=set)
    """PERSON mentions of a relative named in apposition (`ông Quý, em trai …`)."""
    runs: list[list[int]] = field(default_factory=list)
    """Lists of titles left after the apposition rules, each run of titles that read as one list."""
    late: list[list[int]] = field(default_factory=list)
    """Cued runs with nobody in their sentence."""

    def gap(self, a: int, b: int) -> str:
        """The text between mention a and mention b."""
        return self.text[self.ents[a].end : self.ents[b].start]

    def start_of(self, k: int) -> int:
        """Where the sentence of mention k starts."""
        return self.sentence_ends[self.sentence[k] - 1] if self.sentence[k] else 0

    def is_title(self, k: int) -> bool:
        return self.ents[k].type == "TITLE"

    def attach(self, person: Person, k: int) -> None:
        """Give title k to ``person`` unless it is taken."""
        if k not in self.linked:
            self.linked.add(k)
            person.titles.append(k)


def _group(
    text: str, ents: list[Entity],
) -> tuple[list[Person], dict[int, Person], dict[tuple[str, ...], list[Person]]]:
    """People from the PERSON mentions: a full name is a person; a name of one or two words joins the last person
    whose name ends so (`ông Hải` → `Nguyễn Tiến Hải`); the middle names may come in any order."""
    people: list[Person] = []
    by_name: dict[str, Person] = {}
    by_tail: dict[tuple[str, ...], list[Person]] = {}  # the last one or two words of a name → the people named so
    person_of: dict[int, Person] = {}
    for k, e in enumerate(ents):
        if e.type != "PERSON":
            continue
        name = text[e.start : e.end]
        words = name.split()
        if not words:
            continue
        key = name_key(words)
        person = by_name.get(key)
        folded = tuple(w.casefold() for w in words)
        if person is None and len(words) <= 2:  # `ông Hải`, `bà Kim Thoa`: the last person named so
            named_so = by_tail.get(folded)
            person = named_so[-1] if named_so else None
        if person is None:
            person = Person((e.start, e.end), len(name))
            people.append(person)
            by_name[key] = person
            for n in (1, 2):
                if len(folded) > n:
                    by_tail.setdefault(folded[-n:], []).append(person)
        elif len(name) > person.length:
            person.name, person.length = (e.start, e.end), len(name)
        person.mentions.append((e.start, e.end))
        person_of[k] = person
    return people, person_of, by_tail


def _join_early_short_names(text: str, ents: list[Entity], people: list[Person], person_of: dict[int, Person],
                            by_tail: dict[tuple[str, ...], list[Person]]) -> list[Person]:
    """A short name met before the full one (`bà Hoài …, bà Trần Trương Mạnh Hoài`) is that person's, when the
    article has only one name ending so; the people left."""
    for k, person in list(person_of.items()):
        whole = by_tail.get(tuple(text[person.name[0] : person.name[1]].casefold().split()), [])
        if len(whole) == 1 and whole[0] is not person:
            whole[0].mentions.append((ents[k].start, ents[k].end))
            whole[0].mentions.sort()
            person_of[k] = whole[0]
    alive = {id(q) for q in person_of.values()}
    return [p for p in people if id(p) in alive]


def start_linking(text: str, entities: list[Entity]) -> Linking:
    """The people of the text and the state every rule starts from."""
    ents = sorted((e for e in entities if e.type in ("PERSON", "TITLE")), key=lambda e: (e.start, -e.end))
    people, person_of, by_tail = _group(text, ents)
    people = _join_early_short_names(text, ents, people, person_of, by_tail)
    ends = [m.end() for m in _patterns.finditer(SENTENCE_END, text)]
    return Linking(
        text, ents, people, person_of, ends,
        sentence=[bisect.bisect_right(ends, e.start) for e in ents],
        titles=[k for k, e in enumerate(ents) if e.type == "TITLE"],
        named=[k for k in person_of if "." not in text[ents[k].start : ents[k].end]],  # not initials (`L.`)
    )
