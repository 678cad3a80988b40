"""Typed, frozen records: what dvextract returns.

Field names and values follow ``annotation-guidelines.md`` so that output and gold compare field by field.
Every span's ``start``/``end`` index the text exactly as the caller gave it, and ``text == source[start:end]``.
"""

from __future__ import annotations

import hashlib
import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "Article",
    "Boilerplate",
    "BoilerplateKind",
    "DateMention",
    "Entity",
    "EntityType",
    "Fact",
    "FactKind",
    "Notice",
    "Person",
    "PersonTitle",
    "Span",
    "text_sha1",
]


def text_sha1(text: str) -> str:
    """An article's ``text_sha1``: the SHA-1 of its UTF-8 bytes (a lone surrogate, which JSON can carry, passes
    through as it is)."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(_Record):
    """A piece of the input: ``source[start:end] == text``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start or len(self.text) != self.end - self.start:
            raise ValueError(f"span [{self.start}, {self.end}) does not fit its text {self.text!r}")
        return self


BoilerplateKind = Literal["site", "teaser", "table"]


class Boilerplate(Span):
    """Text of the page that is not the article's own, and is not mined."""

    kind: BoilerplateKind = "site"
    """``site``: the site's furniture (menus, notices, share lines); ``teaser``: another story's headline or
    lead; ``table``: results, standings or prices flattened into the text."""


EntityType = Literal["PERSON", "TITLE", "ORGANIZATION", "LOCATION"]


class Entity(Span):
    """A PERSON, TITLE, ORGANIZATION or LOCATION mention."""

    type: EntityType
    expansion: str | None = None
    """The mention with its abbreviations written out (``PBTTT Thành ủy`` → ``Phó Bí thư Thường trực Thành ủy``)."""


class PersonTitle(Span):
    """A TITLE the article attaches to a person."""

    expansion: str | None = None
    organization: str | None = None
    """The organisation the office belongs to, as written (``Thành ủy``), when the text says."""


class Person(_Record):
    """One distinct person of the article, with every title attached to them."""

    name: str
    """The fullest form of the name in the article."""
    titles: list[str] = Field(default_factory=list)
    """Each attached TITLE as written (the guidelines' ``titles``)."""
    mentions: list[Span] = Field(default_factory=list)
    title_links: list[PersonTitle] = Field(default_factory=list)


Grain = Literal["minute", "hour", "day", "week", "month", "quarter", "half", "year", "term", "decade", "century"]
PartOfDay = Literal["dawn", "morning", "noon", "afternoon", "evening", "night"]
DateReference = Literal["explicit", "context", "published", "none"]


class DateMention(Span):
    """A temporal expression with its ISO 8601 value (``2021-07-02``, ``2021-01-01/2021-06-30``, ``XXXX-05-23``)."""

    value: str | None
    grain: Grain | None = None
    interval_start: str | None = None
    interval_end: str | None = None
    part_of_day: PartOfDay | None = None
    lunar: bool = False
    reference: DateReference = "explicit"
    """Where the parts the text omits came from: nowhere needed (explicit), a year stated in the article
    (context), the publication date (published), or nothing (none: unknown parts are ``X``)."""


FactKind = Literal["count", "money", "percent", "ratio", "measure"]
Qualifier = Literal["approx", "more_than", "less_than", "at_least", "at_most", "up_to"]
Change = Literal["increase", "decrease"]


class Fact(Span):
    """A number that quantifies something, normalized (``2.811,7 triệu đồng`` → 2811700000 VND)."""

    kind: FactKind
    value: int | float
    unit: str | None = None
    denominator: int | float | None = None
    value_max: int | float | None = None
    qualifier: Qualifier | None = None
    change: Change | None = None
    subject: Span | None = None
    """What the figure measures, where the sentence states it (``Tỷ lệ cử tri đi bỏ phiếu``)."""
    date: Span | None = None
    place: Span | None = None


class Notice(_Record):
    """Something the caller should know about this article: a warning, or an error that stopped extraction."""

    code: str
    message: str
    severity: Literal["warning", "error"] = "warning"


class Article(_Record):
    """Everything dvextract found in one article."""

    id: str | None = None
    text: str
    """The input exactly as given; every span of the record indexes it."""
    text_sha1: str
    title: str | None = None
    title_span: Span | None = None
    author: str | None = None
    byline: Span | None = None
    authors: list[Span] = Field(default_factory=list)
    """Each author's name in the byline, in text order (``author`` is the stretch from the first to the last)."""
    published: str | None = None
    url: str | None = None
    lead: Span | None = None
    paragraphs: list[Span] = Field(default_factory=list)
    captions: list[Span] = Field(default_factory=list)
    boilerplate: list[Boilerplate] = Field(default_factory=list)
    sentences: list[Span] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    warnings: list[Notice] = Field(default_factory=list)

    @property
    def ok(self) -> bool:
        """False when an error stopped extraction (the reason is in ``warnings``)."""
        return not any(n.severity == "error" for n in self.warnings)

    @model_validator(mode="after")
    def _spans_index_text(self) -> Article:
        for span in self.spans():
            if self.text[span.start : span.end] != span.text:
                raise ValueError(f"span [{span.start}, {span.end}) {span.text!r} does not index the article text")
        return self

    def spans(self) -> list[Span]:
        """Every span of the record, nested ones included."""
        found: list[Span] = [s for s in (self.title_span, self.byline, self.lead) if s is not None]
        found += [*self.authors, *self.paragraphs, *self.captions, *self.boilerplate, *self.sentences, *self.entities,
                  *self.dates]
        for fact in self.facts:
            found += [fact] + [s for s in (fact.subject, fact.date, fact.place) if s is not None]
        for person in self.people:
            found += [*person.mentions, *person.title_links]
        return found

    def to_json(self) -> str:
        """One line of JSON, in the guidelines' field names."""
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False)

    def to_html(self) -> str:
        """A standalone HTML page of the article with its findings highlighted (see ``dvextract render``)."""
        from ._render import render_html

        return render_html(self)
