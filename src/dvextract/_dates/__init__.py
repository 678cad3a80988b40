"""Dates, periods and terms: found in running text and normalized to ISO 8601 values.

Contract with the pipeline: ``find_dates(text, published)`` scans the working text (normalized; boilerplate
blanked with spaces, so offsets are unchanged) and returns one :class:`Found` per temporal expression, with
offsets into ``text`` and the fields of :class:`dvextract.DateMention` other than the span.

How it works, in the manner of Duckling: each rule of ``rules.py`` is one record (a name, the words that open
it, a pattern, and the build that turns its match into :class:`parts.Parts`); ``scanner.py`` compiles them into
one left-to-right pass that tries, at each word able to open a rule, only the rules it opens. ``merge.py``
joins neighbouring atoms (``Chiều`` + ``2/7``, ``18h`` + ``ngày 5/4``), ranges (``từ ngày 7`` + ``đến
12/4/2017``) and drops what is no date alone; ``story.py`` finds the story's date (the publication date, else the
year and day the article fixes for its events); ``resolve.py`` gives each expression its calendar value against
it, a year stated nearby in the story's frame, or the last day mentioned (``lunar.py`` for the
lunar calendar). Every Vietnamese word comes from the ``date_*`` tables in ``dvextract/data`` (``lexicon.py``).

To add a rule: write its record in ``rules.py`` with ``@_rule(name, opens, pattern)`` over its build (where it
stands among the others is the order rules opening at the same word are tried), put any new word in a
``date_*`` table rather than in the pattern, and add its phrases with their values to
``corpora/examples/dates.yaml`` (each data line must appear in an example; ``tests/test_examples.py`` checks
the values). A new kind of :class:`parts.Parts` also needs its resolver in ``resolve.py``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, NamedTuple

from .grammar import surroundings
from .merge import expressions, joined_ranges, standing, widened
from .parts import Parts
from .resolve import Context, resolve
from .scanner import atoms
from .story import flat, story_frame_years, story_of

__all__ = ["Found", "find_dates"]


class Found(NamedTuple):
    start: int
    end: int
    fields: dict[str, Any]


def find_dates(text: str, published: datetime | date | None = None) -> list[Found]:
    """Every temporal expression of ``text``; ``published`` anchors years and relative expressions."""
    if isinstance(published, datetime):
        published = published.replace(tzinfo=None)
    elif isinstance(published, date):
        published = datetime(published.year, published.month, published.day)
    kept = widened(text, standing(text, joined_ranges(text, expressions(text, atoms(text)))))
    out = []
    ctx = _context(text, kept, published)
    for item in kept:
        fields = resolve(item, ctx)
        if fields is not None:
            out.append(Found(item.start, item.end, fields))
    return out


def _context(text: str, kept: list[Parts], published: datetime | None) -> Context:
    """The publication date, or else the story's date the text fixes (a full one, or its year or day alone)."""
    birth = surroundings().birth_before
    births = frozenset(item.start for item in kept if birth.search(text, max(0, item.start - 12), item.start))
    story = story_of(text, kept, published)
    if published is None and story.year is not None and story.day is not None:
        anchor = datetime(story.year, *story.day)
        return Context(anchor, story.year, story.day, ref="context", births=births)
    years = story_frame_years(text, flat(kept))
    return Context(published, story.year, story.day, births=births, years=years)
