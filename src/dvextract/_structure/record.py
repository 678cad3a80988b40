"""The structure of one article (:class:`Structure`): offsets of its blocks into the working text."""

from __future__ import annotations

from dataclasses import dataclass, field

from .._records import BoilerplateKind

Range = tuple[int, int]


@dataclass
class Structure:
    title: Range | None = None
    lead: Range | None = None
    paragraphs: list[Range] = field(default_factory=list)
    captions: list[Range] = field(default_factory=list)
    boilerplate: list[Range] = field(default_factory=list)
    byline: Range | None = None
    author: Range | None = None
    """From the first author's name to the last one's (``Minh Châu - Lan Anh``)."""
    authors: list[Range] = field(default_factory=list)
    sources: list[Range] = field(default_factory=list)
    """The papers and agencies the byline credits (``Theo DM/Ins``, ``Hoài Thu/TTXVN``, ``TTXVN/Tin Tức``)."""
    teasers: list[Range] = field(default_factory=list)
    """The boilerplate blocks that are another story's headline or lead."""
    tables: list[Range] = field(default_factory=list)
    """The boilerplate blocks that are tables of results or prices."""
    flattened: bool = False
    """The body is two lines at most (a lead and the body, or one block), as baomoi stores it: the photos'
    captions are glued into its sentences (the learned readings of ``scenes.py`` look there only)."""

    def kind(self, block: Range) -> BoilerplateKind:
        """A boilerplate block's kind: ``teaser``, ``table``, else ``site`` (the site's furniture)."""
        return "teaser" if block in self.teasers else "table" if block in self.tables else "site"

    def mined(self) -> list[Range]:
        """The blocks extractors read, in text order."""
        blocks = ([self.title] if self.title else []) + self.paragraphs + self.captions
        return sorted(blocks)
