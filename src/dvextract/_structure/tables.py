"""Tables of results or prices flattened into the text, never mined: rows of numbers (``1 Thái Sơn Nam 16 13 2 1
74 28 41 2 Sanatech.KH 16 10 …``) and a widget's table of players and their marks closed by its legend."""

from __future__ import annotations

from .. import _patterns
from .lexicon import site_phrases
from .record import Range
from .text import sentence_start, strip_range, word_count

# A table flattened into the text: ten or more numbers, each followed by at most three words (a name, a club,
# a unit), none of them closing a sentence: "1 Thái Sơn Nam 16 13 2 1 74 28 41 2 Sanatech.KH 16 10 …".
# A number ends on a digit or %, so a list in a sentence ("12, 14, 15") is not one.
_NUMBER = r"(?<!\S)[-+]?\d(?:[\d.,:/%]*[\d%s])?(?=\s|$)"  # 13.650, -140.000.000, +0:03.490, 5%, 0.658s
_TABLE = _patterns.compile(rf"(?:{_NUMBER}(?:\s+(?:(?![-+]?\d)\S+(?<![.!?:;,])\s+){{0,3}}+)?+){{10,}}+")
_NUMBER_PAIR = _patterns.compile(r"\d[ ][-+]?\d")  # two numbers side by side: every table has them
_TABLE_HEADER_WORDS = 8  # words between a sentence's start and the table that are the table's header


def split_tables(text: str, start: int, end: int) -> list[tuple[Range, bool]]:
    """Cut a line around the tables of results or prices glued into it (each piece with True for a table):
    rows of numbers (:data:`_TABLE`) and a widget's table its legend closes (:func:`_legend_tables`)."""
    found = _legend_tables(text, start, end)
    if _NUMBER_PAIR.search(text, start, end, timeout=_patterns.SCAN_TIMEOUT):  # a cheap look first
        floor = start  # a table's header starts after the table before it
        for m in _patterns.finditer(_TABLE, text, start, end):
            table_start = sentence_start(text, floor, m.start())
            if word_count(text[table_start : m.start()]) > _TABLE_HEADER_WORDS:
                table_start = m.start()
            floor = _last_number_end(text, m.start(), m.end())
            found.append((table_start, floor))
    pieces: list[tuple[Range, bool]] = []
    cursor = start
    for lo, hi in sorted(found):
        if hi <= cursor:
            continue
        lo = max(lo, cursor)
        pieces += [(strip_range(text, cursor, lo), False), (strip_range(text, lo, hi), True)]
        cursor = hi
    pieces.append((strip_range(text, cursor, end), False))
    return [(p, t) for p, t in pieces if p[1] > p[0]]


def _legend_tables(text: str, start: int, end: int) -> list[Range]:
    """A widget's table of players and their marks, closed by its legend (``… Điểm Kepa7.2 Timber6.9 … Đỏ: Cầu
    thủ xuất sắc nhất trận Đen: Cầu thủ tệ nhất trận``: ``boilerplate`` rows ``legend``): from the start of the
    sentence the legend ends (a header, ``League Cup | 3h, 4/2 | SVĐ Emirates``) to the legend's end."""
    found = []
    for phrase in site_phrases("legend"):
        at = text.find(phrase, start, end)
        while at != -1:
            found.append((sentence_start(text, start, at), at + len(phrase)))
            at = text.find(phrase, at + len(phrase), end)
    return found


_LAST_NUMBER = _patterns.compile(rf"(?r){_NUMBER}")


def _last_number_end(text: str, start: int, end: int) -> int:
    m = _LAST_NUMBER.search(text, start, end)
    return m.end() if m else end
