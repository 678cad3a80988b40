"""Dated observations: each title an article attaches to a person, parsed, dated by the story, traced to its text.

An observation says "this article, on this date, calls this person (in this sentence) this office". The date is the
story's: the publication date when there is one, else the date the article's own text fixes for its story (the day
named most in the latest year its stated days name; birth dates and time frames such as ``đến hết 31/12/2017`` left
out, an interval taken by its end: see :func:`story_date`). The province of an article, which fills what a title
leaves open (``Bí thư Tỉnh ủy``), is the one its text names most, when it names one clearly more than any other.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

import regex

from .. import _patterns
from .._alternation import alternation
from .._resources import table
from .._text import normalize
from .context import TitleSpan, settle_offices
from .localities import find_provinces, fold
from .office import Office, foreign_countries, former_words, parse_office
from .seen import Grain, grain_of

__all__ = ["ArticlePerson", "Observation", "article_assembly", "article_offices", "article_people", "article_province",
           "story_date"]

_ISO_DATE = _patterns.compile(r"\d{4}-\d\d(?:-\d\d)?$")
_ISO_PREFIX = _patterns.compile(r"\d{4}(?:-\d\d(?:-\d\d)?)?(?![\d-])")  # not "2017-7-5" nor "20170705"
_BIRTH = _patterns.compile(r"(?i)\b(?:sinh|SN)\b")
_ASSEMBLIES = {"Quốc hội": _patterns.compile(r"(?i)\b(?:Quốc hội|ĐBQH)\b"),
               "Hội đồng nhân dân": _patterns.compile(r"(?i)\b(?:Hội đồng nhân dân|HĐND)\b")}


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

    @property
    def date_grain(self) -> Grain | None:
        """How precisely the story is dated: ``day``, ``month`` or ``year`` (``date`` is written at that grain)."""
        return grain_of(self.date) if self.date else None


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
    """The province the article is about: the one it names most, if no other is named as often."""
    counts = Counter(p for _, _, p in find_provinces(" ".join(normalize(text).text.split())))
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


@cache
def _councils() -> regex.Pattern[str]:
    """A people's council named as one (``HĐND tỉnh``, ``HĐND TP Đà Nẵng``, ``HĐND và UBND huyện``, ``HĐND các
    cấp``, ``HĐND khóa IX``), not the institution in general (``HĐND bầu``, ``do HĐND quyết định``)."""
    units = alternation([row["unit"] for row in table("admin_units")] + ["các cấp", "khóa", "khoá"])
    return _patterns.compile(rf"(?i:\b(?:Hội đồng nhân dân|HĐND))(?:,|\s+(?i:và))?\s+(?:(?i:{units})\b|\p{{Lu}})")


def article_assembly(text: str) -> str | None:
    """The elected body the article is about, ``Quốc hội`` or ``Hội đồng nhân dân``: the one it names more, if it
    names one more than the other; on a tie, a council counts only where it is named as one (:func:`_councils`:
    ``HĐND bầu`` speaks of councils in general, in a story of the National Assembly). A bare ``ĐB``/``đại biểu``
    title is that body's delegate."""
    counts = {name: len(pattern.findall(text)) for name, pattern in _ASSEMBLIES.items()}
    if counts["Quốc hội"] == counts["Hội đồng nhân dân"]:
        counts["Hội đồng nhân dân"] = len(list(_patterns.finditer(_councils(), text)))
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    return ranked[0][0] if ranked[0][1] > ranked[1][1] else None


@cache
def _frames() -> dict[str, bool]:
    """Each time-frame cue, and whether it is one when it opens a sentence too."""
    return {fold(row["cue"]): row["opening"] == "yes" for row in table("story_date_frames")}


def _framed(text: str, start: int, mention: str) -> bool:
    """A date written as a time frame (``đến hết 31/12/2017``, ``từ ngày 1/1/2018``; story_date_frames.tsv): a
    deadline, a start or a horizon, not the day the story reports."""
    before = " ".join(normalize(text[max(0, start - 20):start]).text.split()).split(" ")
    if fold(mention).split()[:1] != ["ngày"] and before[-1:] and fold(before[-1]) == "ngày":
        before = before[:-1]
    for n in (2, 1):
        words = before[-n:] if len(before) >= n else []
        cue = fold(" ".join(words))
        if words and cue in _frames():  # the longest cue decides: `Đến hết` opens, its `hết` does not count
            return _frames()[cue] or words[0][:1].islower()
    return False


def _stated(article: Mapping[str, Any], grain: str, width: int, frames: bool = False) -> list[str]:
    """The story's candidate dates at a grain: stated (with a year or one the text fixes), not a birth date, not a
    time frame (only time frames with ``frames``); an interval by its end (``7/7/1917 - 7/7/2017``, ``từ ngày 13 -
    15.6.2017``: its ``từ`` is the interval's own)."""
    text = article.get("text", "")
    found = []
    for d in article.get("dates", []):
        value = str(d.get("value") or "").split("/")[-1][:width]
        if (d.get("reference") in ("explicit", "context") and d.get("grain") == grain and _ISO_DATE.match(value)
                and len(value) == width and not _BIRTH.search(text[max(0, d["start"] - 12):d["start"]])
                and frames == ("/" not in d["value"] and _framed(text, d["start"], d.get("text", "")))):
            found.append(value)
    return found


def _published(value: str) -> str | None:
    """The date a publication stamp starts with (``2021-07-02T08:00:00``: ``2021-07-02``), at its grain, if it is a
    real date: a stamp written otherwise (``2017-7-5``, ``20170705``) or impossible (``2017-13-45``) is no date,
    and the story is dated by its text."""
    m = _ISO_PREFIX.match(value)
    if m is None:
        return None
    try:
        date.fromisoformat((m.group() + "-01-01")[:10])
    except ValueError:
        return None
    return m.group()


def story_date(article: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """The story's date and where it came from: ``(YYYY-MM-DD, "published")``, ``(…, "text")`` or ``(None, None)``.

    Without a publication date: the full days the text states (``ngày 5/7/2017``, or ``5/7`` in a story whose
    year the text fixes; an interval by its end), birth dates and time frames (``đến hết 31/12/2017``) left out
    (a story that states only time frames is dated by the earliest);
    in the latest year they name (earlier ones date what led to the story: a founding, a past case, an
    anniversary's first year), the day named most, the first named on a tie (a report states its day early);
    else, the same way, the months it states (``YYYY-MM``). The date keeps its grain (a year-only publication
    date stays ``YYYY``). Years the text names are not taken: on the archive they dated stories by a plan's
    horizon (``đến năm 2025``) or by history (``năm 1992``).
    """
    published = _published(str(article.get("published") or ""))
    if published:
        return published, "published"
    days = _stated(article, "day", 10) or _stated(article, "month", 7)
    if not days:  # only time frames: the earliest (a story comes before its deadlines, at or after a start)
        framed = _stated(article, "day", 10, frames=True) or _stated(article, "month", 7, frames=True)
        return (min(framed), "text") if framed else (None, None)
    year = max(v[:4] for v in days)
    counts = Counter(v for v in days if v.startswith(year))
    return max(counts, key=lambda v: (counts[v], -days.index(v))), "text"


def _sentence(article: Mapping[str, Any], start: int, end: int) -> tuple[int, int]:
    for s in article.get("sentences", []):
        if s["start"] <= start and end <= s["end"]:
            return s["start"], s["end"]
    return start, end


def _former(text: str, start: int) -> bool:
    before = text[max(0, start - 12):start].split()
    return bool(before) and before[-1].lower() in former_words()


def article_offices(text: str, spans: Sequence[TitleSpan]) -> list[Office]:
    """The offices of an article's titles: each parsed with the article's province, its elected body and the
    ``nguyên`` before it, then what a bare title leaves open filled from the others and a foreign office's
    country from the one the article names most (:func:`settle_offices`)."""
    return _offices(text, spans, article_province(text))


def _offices(text: str, spans: Sequence[TitleSpan], province: str | None) -> list[Office]:
    assembly = article_assembly(text)
    offices = [parse_office(text[span.start:span.end], province, _former(text, span.start), assembly)
               for span in spans]
    country = None
    if any(o.body_type == "foreign_government" and (o.locality is None or province is None)
           for o in offices):  # the scan only then
        named = Counter(foreign_countries(" ".join(normalize(text).text.split()))).most_common(1)
        country = named[0][0] if named else None
    return settle_offices(text, spans, offices, province, country)


def article_people(article_id: str, article: Mapping[str, Any]) -> list[ArticlePerson]:
    """The people of one article (an ``Article`` as JSON) who hold at least one title, with their observations."""
    text = article["text"]
    province = article_province(text)
    date, source = story_date(article)
    holders = [(index, person) for index, person in enumerate(article.get("people", [])) if person.get("title_links")]
    links = [link for _, person in holders for link in person["title_links"]]
    offices = iter(_offices(text, [TitleSpan(link["start"], link["end"]) for link in links], province))
    found = []
    for index, person in holders:
        holder = ArticlePerson(article_id, index, person["name"],
                               [(m["start"], m["end"], m["text"]) for m in person.get("mentions", [])],
                               province=province)
        for link in person["title_links"]:
            s, e = _sentence(article, link["start"], link["end"])
            holder.observations.append(Observation(article_id, next(offices), link["start"], link["end"],
                                                   link["text"], s, e, date, source))
        found.append(holder)
    return found
