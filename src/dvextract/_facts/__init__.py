"""Numeric facts: counts, money, percentages, ratios and measures, with what they measure.

Contract with the pipeline: ``find_facts(text, dates, places)`` scans the working text (normalized;
boilerplate blanked with spaces) and returns one :class:`Found` per fact, with offsets into ``text`` and the
fields of :class:`dvextract.Fact` other than the span; ``subject``, ``date`` and ``place`` are ``(start, end)``
ranges of ``text`` or None. ``dates`` are the ranges of the date mentions (numbers inside them are not facts),
``places`` the ranges of LOCATION entities.

The package, in the order a fact is found:

- ``lexicon``: the word lists (``data/fact_*.tsv``, ``units.tsv``, ``currencies.tsv``, ``number_words.tsv``)
  compiled into the patterns below, once per process;
- ``scan``: one pass finds runs of number tokens and hands each number to ``read``;
- ``read``: a number read outwards: a currency sign before it, a range or ratio, a unit or counted noun after
  it, qualifiers and change words before it. A number that quantifies nothing is not a fact;
- ``table``: statistics tables flattened into a line (rows of ``home label away``), read before the scan;
- ``context``: what the figure measures (its subject), and the date and place of its sentence.
"""

from __future__ import annotations

from .scan import Found, find_facts

__all__ = ["Found", "find_facts"]
