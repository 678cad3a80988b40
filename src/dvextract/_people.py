"""Linking: each distinct person once, with every title the article attaches to them.

Contract with the pipeline: ``link_people(text, entities)`` takes the working text and the entity mentions
found in it and returns one :class:`Found` per distinct person.

Mentions of one person: a full name, and later its given name alone (``ông Hải`` → ``Nguyễn Tiến Hải``).
Titles attach to a person when the text sets them side by side: a list of titles right before the name
(``Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Thái Nguyên Dương Ngọc Long``), titles in apposition after it
(``Trần Thị Hồng Thanh, Tỉnh ủy viên, PBTTT Thành ủy``), or, failing both, the person last named in the same
sentence (``ông Đoàn Duy Thành từng giữ các chức vụ Bí thư Thành ủy Hải Phòng, …``). The words allowed between
a name and its titles are data (``title_links.tsv`` and ``honorifics.tsv``).
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

import regex

from . import _patterns
from ._entities import Found as Entity
from ._resources import table

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


@cache
def _glue() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """Patterns for what may separate titles of one list, and a title list from its person's name."""
    words = sorted({r["word"] for r in table("title_links")} | {r["honorific"] for r in table("honorifics")},
                   key=len, reverse=True)
    alt = "|".join(regex.escape(w) for w in words)
    between_titles = _patterns.compile(rf"(?i)(?:[ ,;\-–(]|\b(?:{alt})\b)*")
    before_name = _patterns.compile(rf"(?i)[ ]*(?:\b(?:{alt})\b[ ]*)*")
    return between_titles, before_name


_SENTENCE_END = _patterns.compile(r"[.!?]\s|\n")


def _fits(pattern: regex.Pattern[str], gap: str) -> bool:
    return len(gap) < 40 and pattern.fullmatch(gap, timeout=_patterns.SCAN_TIMEOUT) is not None


def link_people(text: str, entities: list[Entity]) -> list[Found]:
    """Group PERSON mentions into people and attach their titles."""
    between_titles, before_name = _glue()
    ents = sorted((e for e in entities if e.type in ("PERSON", "TITLE")), key=lambda e: (e.start, -e.end))
    orgs = [e for e in entities if e.type == "ORGANIZATION"]

    # People: a full name is a person; a one-word name joins the last person whose name ends with it.
    people: list[dict] = []
    by_name: dict[str, dict] = {}
    person_of: dict[int, dict] = {}
    for k, e in enumerate(ents):
        if e.type != "PERSON":
            continue
        name = text[e.start : e.end]
        words = name.split()
        if not words:
            continue
        key = " ".join(words).casefold()
        person = by_name.get(key)
        if person is None and len(words) == 1:
            person = next((p for p in reversed(people) if p["last"] == key), None)
        if person is None:
            person = {"name": (e.start, e.end), "len": len(name), "mentions": [], "titles": [], "last": words[-1].casefold()}
            people.append(person)
            by_name[key] = person
        elif len(name) > person["len"]:
            person.update(name=(e.start, e.end), len=len(name))
        person["mentions"].append((e.start, e.end))
        person_of[k] = person

    linked: set[int] = set()

    def attach(person: dict, k: int) -> None:
        if k not in linked:
            linked.add(k)
            person["titles"].append(k)

    titles = [k for k, e in enumerate(ents) if e.type == "TITLE"]
    for k, e in enumerate(ents):
        if k not in person_of:
            continue
        person = person_of[k]
        # titles in apposition after the name
        j = k + 1
        while j < len(ents) and ents[j].type == "TITLE" and _fits(between_titles, text[ents[j - 1].end : ents[j].start]):
            if j == k + 1 and not any(c in text[e.end : ents[j].start] for c in ",(-") and \
                    not _fits(before_name, text[e.end : ents[j].start]):
                break
            attach(person, j)
            j += 1
        # the list of titles right before the name
        j = k - 1
        if j >= 0 and ents[j].type == "TITLE" and _fits(before_name, text[ents[j].end : e.start]):
            while j >= 0 and ents[j].type == "TITLE":
                attach(person, j)
                if j == 0 or ents[j - 1].type != "TITLE" or not _fits(between_titles, text[ents[j - 1].end : ents[j].start]):
                    break
                j -= 1
    # A title left over goes to the person named in the same sentence (before it, else after it), else to the
    # person the text last named (`Ông là Ủy viên …` continues about them).
    for k in titles:
        if k in linked:
            continue
        owner = None
        for j in range(k - 1, -1, -1):
            if j in person_of and owner is None and not _SENTENCE_END.search(text, ents[j].end, ents[k].start):
                owner = person_of[j]
                break
        if owner is None:
            for j in range(k + 1, len(ents)):
                if _SENTENCE_END.search(text, ents[k].end, ents[j].start):
                    break
                if j in person_of:
                    owner = person_of[j]
                    break
        if owner is None:
            named = [person_of[j] for j in range(k - 1, -1, -1) if j in person_of and "." not in text[ents[j].start:ents[j].end]]
            owner = named[0] if named else None
        if owner is not None:
            attach(owner, k)

    out = []
    for person in people:
        links = []
        for k in sorted(person["titles"]):
            t = ents[k]
            inner = [o for o in orgs if t.start <= o.start and o.end <= t.end]
            org = text[inner[0].start : inner[0].end] if inner else None
            links.append(TitleLink(t.start, t.end, t.expansion, org))
        out.append(Found(person["name"], person["mentions"], links))
    return out
