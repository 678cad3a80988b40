"""Dated observations: each title an article attaches to a person, parsed, dated by the story, traced to its text.

An observation says "this article, on this date, calls this person (in this sentence) this office". The date is
the story's: the publication date when there is one, else the date the article's own text fixes for its story
(the latest full day among its explicit dates in the year most of them name; birth years and other time frames
rarely come as full days). The province of an article, which fills what a title leaves open (``Bí thư Tỉnh
ủy``), is the one its text names most, when it names one clearly more than any other.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .._text import normalize
from .localities import find_provinces
from .office import Office, parse_office

__all__ = ["ArticlePerson", "Observation", "article_people", "article_province", "story_date"]

_FORMER_WORDS = ("nguyên", "cựu")


@dataclass(frozen=True)
class Observation:
    """One title of one person in one article."""

    article_id: str
    office: Office
    start: int
    end: int
    text: str
    sentence_start: int
    sentence_end: int
    date: str | None
    date_source: str | None
    """``published`` or ``text`` (the article's own dates), None when the story has no date."""


@dataclass
class ArticlePerson:
    """A person of one article (dvextract's ``Person``) with the offices it holds there."""

    article_id: str
    index: int
    name: str
    mentions: list[tuple[int, int, str]]
    observations: list[Observation] = field(default_factory=list)
    province: str | None = None
    """The article's province (see :func:`article_province`)."""

    @property
    def places(self) -> set[str]:
        """Provinces this person is tied to here: their offices' localities, else the article's province."""
        found = {o.office.locality for o in self.observations if o.office.locality and o.office.kind == "office"}
        return found or ({self.province} if self.province else set())


def article_province(text: str) -> str | None:
    """The province the article is about: named most, and at least twice as often as the next one."""
    counts = Counter(p for _, _, p in find_provinces(" ".join(normalize(text).text.split())))
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return ranked[0][0]


def story_date(article: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """The story's date and where it came from: ``(YYYY-MM-DD, "published")``, ``(…, "text")`` or ``(None, None)``."""
    published = article.get("published")
    if published:
        return str(published)[:10], "published"
    days = [d["value"] for d in article.get("dates", []) if d.get("reference") == "explicit" and d.get("grain") == "day"
            and d.get("value") and len(d["value"]) >= 10 and not d["value"].startswith("X")]
    if not days:
        return None, None
    year = Counter(v[:4] for v in days).most_common(1)[0][0]
    return max(v[:10] for v in days if v.startswith(year)), "text"


def _sentence(article: Mapping[str, Any], start: int, end: int) -> tuple[int, int]:
    for s in article.get("sentences", []):
        if s["start"] <= start and end <= s["end"]:
            return s["start"], s["end"]
    return start, end


def _former(text: str, start: int) -> bool:
    before = text[max(0, start - 12):start].split()
    return bool(before) and before[-1].lower() in _FORMER_WORDS


def article_people(article_id: str, article: Mapping[str, Any]) -> list[ArticlePerson]:
    """The people of one article (an ``Article`` as JSON) who hold at least one title, with their observations."""
    text = article["text"]
    province = article_province(text)
    date, source = story_date(article)
    found = []
    for index, person in enumerate(article.get("people", [])):
        if not person.get("title_links"):
            continue
        holder = ArticlePerson(article_id, index, person["name"],
                               [(m["start"], m["end"], m["text"]) for m in person.get("mentions", [])], province=province)
        for link in person["title_links"]:
            office = parse_office(link["text"], province, _former(text, link["start"]))
            s, e = _sentence(article, link["start"], link["end"])
            holder.observations.append(Observation(article_id, office, link["start"], link["end"], link["text"], s, e,
                                                   date, source))
        found.append(holder)
    return found
