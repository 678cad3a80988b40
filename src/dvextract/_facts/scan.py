"""The scan: runs of number tokens in the working text, each number read into a fact (``read``) and placed in
its sentence (``context``)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, NamedTuple

from .. import _patterns
from .._numbers import number_end, tokenize
from .context import nearest, sentence_of, subject_of
from .lexicon import FactLexicon, fold, lexicon
from .read import Figure, Range, WordEnds, read_figure
from .table import TableCount, table_counts

__all__ = ["Found", "find_facts"]


class Found(NamedTuple):
    start: int
    end: int
    fields: dict[str, Any]


class _Places(NamedTuple):
    """Sorted ranges with their starts, for bisecting."""

    ranges: list[Range]
    starts: list[int]

    @classmethod
    def of(cls, ranges: Sequence[Range]) -> _Places:
        ordered = sorted((r[0], r[1]) for r in ranges)
        return cls(ordered, [r[0] for r in ordered])

    def covers(self, pos: int) -> bool:
        """Whether ``pos`` falls in one of the ranges (a few may nest)."""
        i = bisect_right(self.starts, pos) - 1
        return any(self.ranges[k][0] <= pos < self.ranges[k][1] for k in range(i, max(-1, i - 4), -1))


def find_facts(text: str, dates: Sequence[Range] = (), places: Sequence[Range] = (),
               words: Sequence[Range] | None = None) -> list[Found]:
    """Every numeric fact of ``text``; numbers inside ``dates`` are not facts. ``words`` are the segmenter's
    words of ``text`` (a counted noun is a whole word: hành khách); without them words are read at spaces."""
    lex = lexicon()
    word_ends: WordEnds = {s: e for s, e in words or ()}
    in_dates, at_places = _Places.of([d for d in dates if not _period(text, d, lex)]), _Places.of(places)
    bounds: list[int] | None = None
    tables = table_counts(text)
    out: list[Found] = [_table_fact(c) for c in tables]
    in_tables = _Places.of([(c.start, c.end) for c in tables])
    consumed = 0
    for run in _patterns.finditer(lex.run, text):  # the scan completes under its time limit before yielding
        if run.end() <= consumed:
            continue
        for fig in _figures(text, run.start(), run.end(), consumed, in_dates, lex, word_ends, in_tables):
            if bounds is None:
                bounds = [m.end() for m in _patterns.finditer(lex.sentence, text)]
            out.append(_placed(text, fig, bounds, in_dates, at_places, lex))
            consumed = fig.end
    return sorted(out, key=lambda f: f.start) if tables else out


def _table_fact(cell: TableCount) -> Found:
    """A count of a statistics table's row (``table``): what it counts is the row's label."""
    fields: dict[str, Any] = {"kind": "count", "value": cell.value, "unit": cell.label, "denominator": None,
                              "value_max": None, "qualifier": None, "change": None, "subject": None, "date": None,
                              "place": None}
    return Found(cell.start, cell.end, fields)


def _period(text: str, date: Range, lex: FactLexicon) -> bool:
    """Whether a date mention is a stretch of time that ends now or starts now (hơn 20 năm qua, 5 năm tới,
    3-5 năm tới): its duration is also a fact, so its number is read as one."""
    phrase = text[date[0]:date[1]]
    words = phrase.split(" ")
    tail = 2 if fold(" ".join(words[-2:])) in lex.periods else 1 if fold(words[-1]) in lex.periods else 0
    if not tail or len(words) < tail + 2:
        return False
    head, unit = words[:-tail - 1], words[-tail - 1]
    info = lex.units.get(fold(unit))
    if info is None or info[0] != "measure" or lex.run.fullmatch(head[-1].replace("-", " ")) is None:
        return False
    return not (len(head) > 1 and fold(head[-2]) in lex.units)  # tháng 5 năm nay is a month


_PAIR_WINDOW = 200
"""How far (characters) around a range of money its buying and selling words are looked for."""


def _prices(text: str, fig: Figure, lex: FactLexicon) -> list[Figure]:
    """A range of money quoted beside buying and selling words is two prices (55,45 - 55,95 triệu đồng/lượng
    (mua vào - bán ra)): the low end is its number, the high end the rest of the span. Any other figure is
    itself."""
    if fig.fields["kind"] != "money" or fig.value_max is None:
        return [fig]
    window = text[max(0, fig.start - _PAIR_WINDOW):fig.end + _PAIR_WINDOW]
    sep = lex.range_to.match(text, fig.tokens[-1].end)
    if sep is None or len(list(_patterns.finditer(lex.pair, window))) < 2:
        return [fig]
    low = replace(fig, end=fig.tokens[-1].end, value_max=None,
                  fields={**fig.fields, "value_max": None})
    high = replace(fig, start=sep.end(), value=fig.value_max, value_max=None,
                   fields={**fig.fields, "value": fig.fields["value_max"], "value_max": None})
    return [low, high]


def _figures(text: str, start: int, end: int, consumed: int, in_dates: _Places, lex: FactLexicon,
             word_ends: WordEnds, in_tables: _Places) -> list[Figure]:
    """The facts of one run of number tokens, left to right, none starting inside another, a date or a table's
    count."""
    toks = tokenize(text, start, end) or []
    found: list[Figure] = []
    i = 0
    while i < len(toks):
        if toks[i].start < consumed or in_dates.covers(toks[i].start) or in_tables.covers(toks[i].start) or (
                i and toks[i].kind != "D" and toks[i - 1].kind == "D" and not in_dates.covers(toks[i - 1].start)):
            # Huy hiệu 30 năm: a number word right after digits is no number of its own (after a date it is)
            i += 1
            continue
        j = number_end(toks, i)
        if j == i:
            i += 1
            continue
        fig = read_figure(text, toks[i:j], lex, in_dates.ranges, in_dates.starts, word_ends)
        if fig is None and j - i > 1 and fold(toks[j - 1].text) in lex.units:
            fig = read_figure(text, toks[i:j - 1], lex, in_dates.ranges, in_dates.starts, word_ends)  # một nghìn năm
        if fig is None:
            i = j
            continue
        found.extend(_prices(text, fig, lex))
        consumed = fig.end
        while i < len(toks) and toks[i].start < consumed:
            i += 1
    return found


def _placed(text: str, fig: Figure, bounds: list[int], in_dates: _Places, at_places: _Places,
            lex: FactLexicon) -> Found:
    """The fact with what it measures and the date and place of its sentence."""
    start, end, fields = fig.start, fig.end, fig.fields
    sent = sentence_of(bounds, start, len(text))
    fields["subject"] = subject_of(text, start, end, sent, fields["kind"], fig.counted, lex)
    fields["date"] = nearest(in_dates.ranges, in_dates.starts, sent, start, end)
    fields["place"] = nearest(at_places.ranges, at_places.starts, sent, start, end)
    return Found(start, end, fields)
