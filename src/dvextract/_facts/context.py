"""What a figure measures, and the date and place of its sentence.

A figure's subject is a subject head earlier in its sentence (``tổng số tiền``, ``doanh thu``) running on to the
first stop word, else what follows a percentage, else its counted noun. Its date and place are the nearest date
mention and LOCATION of the same sentence, before it first.
"""

from __future__ import annotations

from bisect import bisect_right

from .. import _patterns
from .lexicon import FactLexicon, fold
from .read import Range

__all__ = ["nearest", "sentence_of", "subject_of"]

SUBJECT_REACH = 90
"""How far before a figure (characters) the head of its subject may stand."""
SUBJECT_WORDS = 8
"""Words a subject runs on after its head."""
PERCENT_WORDS = 6
"""Words after a percentage that say what it is of."""


def _words_until_stop(text: str, start: int, limit: int, lex: FactLexicon, max_words: int) -> int:
    """The end of the run of plain words from ``start`` that stops at a stop word, punctuation or ``limit``.

    Read a word at a time: a scan of the whole window would read the rest of a long sentence for every figure
    in it (quadratic on ``tăng 12,5% so với`` repeated); this reads at most ``max_words + 1`` words."""
    end = pos = start
    for n in range(max_words + 1):
        m = lex.word.search(text, pos, limit)
        if m is None:
            break
        w = m.group()
        if not w[0].isalpha() or fold(w) in lex.stops or n >= max_words:
            break
        end = pos = m.end()
    return end


def subject_of(text: str, s: int, e: int, sent: Range, kind: str, noun: Range | None,
               lex: FactLexicon) -> Range | None:
    """What the figure at ``s:e`` measures: a subject head earlier in the sentence, what follows a percentage,
    or the counted noun."""
    lo = max(sent[0], s - SUBJECT_REACH)
    head = None
    for m in _patterns.finditer(lex.subject, text, lo, s):
        head = m
    if head is not None and not any(c.isdigit() for c in text[head.end():s]):
        # "tổng số tiền" may end right at the figure; otherwise it runs on to the first stop word.
        end = _words_until_stop(text, head.end(), s, lex, SUBJECT_WORDS)
        return head.start(), max(end, head.end())
    if kind == "percent":
        p = e
        while p < sent[1] and text[p] == " ":
            p += 1
        if p > e:
            end = _words_until_stop(text, p, sent[1], lex, PERCENT_WORDS)
            if end > p:
                return p, end
    return noun


def nearest(ranges: list[Range], starts: list[int], sent: Range, s: int, e: int) -> Range | None:
    """The closest range of the sentence before the figure, else the closest after it."""
    i = bisect_right(starts, s) - 1
    for k in range(i, max(-1, i - 4), -1):  # a few back: ranges may nest or overlap the figure
        r = ranges[k]
        if r[1] <= s:
            return r if r[0] >= sent[0] else None
    j = bisect_right(starts, e - 1)
    if j < len(ranges) and ranges[j][0] < sent[1]:
        return ranges[j]
    return None


def sentence_of(bounds: list[int], pos: int, n: int) -> Range:
    """The sentence around ``pos``, given the sorted sentence ends of a text of length ``n``."""
    i = bisect_right(bounds, pos)
    return (bounds[i - 1] if i else 0, bounds[i] if i < len(bounds) else n)
