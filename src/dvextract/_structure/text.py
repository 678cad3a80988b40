"""Small readings of running text the structure rules share: words, word pairs, where a sentence starts."""

from __future__ import annotations

from .. import _patterns
from .record import Range

SENTENCE_END = frozenset('.!?…:;"”')
_WORD = _patterns.compile(r"[\p{L}\p{N}](?:[\p{L}\p{N}&/.-]*[\p{L}\p{N}])?")  # "GD&ĐT", "30/4", not "nghị."


def word_pairs(text: str, start: int, end: int) -> set[tuple[str, str]]:
    words = [w.lower() for w in _WORD.findall(text, start, end)]
    return set(zip(words, words[1:], strict=False))


def strip_range(text: str, start: int, end: int) -> Range:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def word_count(text: str) -> int:
    return len(text.split())


STOP = _patterns.compile(r"[.!?…][ ]+(?=[\p{Lu}\p{N}])")


_SENTENCE_REACH = 1000  # characters looked back for a sentence's start: a caption is far shorter


def sentence_start(text: str, floor: int, pos: int) -> int:
    """The start of the sentence ``pos`` is in (not before ``floor``; ``floor`` when none is near)."""
    if pos <= floor:  # a negative ``pos`` would make rfind count from the text's end
        return floor
    ends = [text.rfind(stop + " ", max(floor, pos - _SENTENCE_REACH), pos) for stop in ".!?…"]
    last = max(ends)
    return last + 2 if last != -1 else floor
