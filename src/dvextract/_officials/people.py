"""One person across articles: the people of many articles resolved to person ids, conservatively.

Two article-people are one person only with evidence on both sides: the same name once spelling is folded (tone
marks, case), and a shared place (a province of their offices, else of their articles) or a shared office. A
shorter form of a name (a dropped middle name, ``Nguyễn Anh`` for ``Nguyễn Xuân Anh``; initials, ``Nguyễn X.
Anh``) joins a full name only when exactly one person with that full name shares its place. One-word names
(``ông Thơ`` where the article never gives the full name) join nobody. Merging two people is worse than leaving
one split, so every rule errs on the side of two ids.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import defaultdict
from collections.abc import Iterable

from .localities import fold
from .observations import ArticlePerson

__all__ = ["name_key", "resolve_people"]


def name_key(name: str) -> str:
    """The name in one spelling: NFC, one tone-mark style, lower case, single spaces, no final period."""
    return fold(name).rstrip(".")


def _offices(person: ArticlePerson) -> set[str]:
    return {o.office.key for o in person.observations if o.office.kind == "office" and o.office.body_type}


class _Union:
    """Union-find over article-people; ``work`` counts the steps taken, so tests can see how the work grows."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))
        self.work = 0

    def find(self, i: int) -> int:
        self.work += 1
        while self.parent[i] != i:
            self.work += 1
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        self.parent[self.find(j)] = self.find(i)


def _blocks(person: ArticlePerson) -> set[str]:
    """What links two people of one name, each a block of candidates: a shared place (a province of their
    offices, else of their articles) or a shared office. People are compared only within a block."""
    return {f"place|{p}" for p in person.places} | {f"office|{o}" for o in _offices(person)}


def _short_forms(key: str) -> list[str]:
    """Shorter ways of writing a full name: without its middle names, with initials for them."""
    words = key.split()
    if len(words) < 3:
        return []
    middle = words[1:-1]
    return [f"{words[0]} {words[-1]}", " ".join([words[0], *(w[0] + "." for w in middle), words[-1]])]


def _join_same_names(people: list[ArticlePerson], keys: list[str], union: _Union) -> None:
    """Same name and a shared place or office: each person joins the first one seen in each of its blocks, which
    joins exactly the groups that comparing every pair would, with work linear in the number of people."""
    first: dict[tuple[str, str], int] = {}
    for i, key in enumerate(keys):
        if len(key.split()) < 2:
            continue
        for block in _blocks(people[i]):
            j = first.setdefault((key, block), i)
            if j != i:
                union.join(j, i)


def _full_names_by_block(people: list[ArticlePerson], keys: list[str],
                         union: _Union) -> dict[tuple[str, str], list[int]]:
    """For each (short form, block), one representative per person holding a full name of that short form.

    Later joins only merge groups, so the roots of these representatives are always the roots of every full-name
    holder of the block: a short name looks at as many candidates as there are distinct people, not mentions."""
    roots: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
    for j, key in enumerate(keys):
        for short in _short_forms(key):
            for block in _blocks(people[j]):
                roots[(short, block)].setdefault(union.find(j), j)
    return {where: list(found.values()) for where, found in roots.items()}


def _join_short_forms(people: list[ArticlePerson], keys: list[str], union: _Union) -> None:
    """A short name joins the one person of that full name it shares a place or office with, if only one."""
    full = _full_names_by_block(people, keys, union)
    for i, key in enumerate(keys):
        if len(key.split()) < 2:
            continue
        candidates = [j for block in _blocks(people[i]) for j in full.get((key, block), ())]
        roots = {union.find(j) for j in candidates}
        if len(roots) == 1:
            union.join(roots.pop(), i)


def _person_id(name: str, places: Iterable[str], taken: set[str]) -> str:
    """A stable id from the name and places; people who share both (``ông Thơ`` of many articles, who join
    nobody) are told apart by a count in the seed, in the order they are met (a longer digest would run out)."""
    seed = f"{name_key(name)}|{'|'.join(sorted(places))}"
    ids = ("p" + hashlib.sha1(f"{seed}#{count}".encode() if count else seed.encode()).hexdigest()[:10]
           for count in itertools.count())
    return next(pid for pid in ids if pid not in taken)


def _cluster(people: list[ArticlePerson]) -> _Union:
    """The joins between article-people: same names first, then short forms onto the full names."""
    keys = [name_key(p.name) for p in people]
    union = _Union(len(people))
    _join_same_names(people, keys, union)
    _join_short_forms(people, keys, union)
    return union


def resolve_people(people: list[ArticlePerson]) -> list[str]:
    """A person id for each article-person, in order: equal ids are one person across articles."""
    union = _cluster(people)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(people)):
        groups[union.find(i)].append(i)
    ids = [""] * len(people)
    taken: set[str] = set()
    for members in sorted(groups.values(), key=lambda m: (people[m[0]].article_id, people[m[0]].index)):
        fullest = max((people[i].name for i in members), key=lambda n: (len(n.split()), n))
        places = set().union(*(people[i].places for i in members))
        pid = _person_id(fullest, places, taken)
        taken.add(pid)
        for i in members:
            ids[i] = pid
    return ids
