"""One normalized working copy of the input, and the map from its offsets back to the input.

Extractors see one spelling of Vietnamese whatever the input used: NFC, the tone-mark placement underthesea
uses (``hoà`` → ``hòa``, ``uỷ`` → ``ủy``), plain spaces for non-breaking ones, ``\\n`` for CRLF, straight quotes,
ASCII hyphens for dashes, zero-width characters removed. Every offset they produce is mapped back through
:meth:`NormalizedText.to_source`, so records always index the text exactly as the caller gave it.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

from . import _patterns

__all__ = ["NormalizedText", "normalize", "tone_style"]

# Length-preserving substitutions: one character for one character.
_ONE_TO_ONE = {
    **{c: " " for c in "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
       "\u202f\u205f\u3000\t\v\f\x85"},
    **{c: "'" for c in "\u2018\u2019\u201a\u201b\u2032"},
    **{c: '"' for c in "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033"},
    **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"},
    "\u2028": "\n",
    "\u2029": "\n",
    "ð": "đ",  # underthesea's character map
    "Ð": "Đ",
    **{chr(c): " " for c in range(0x20) if chr(c) not in "\n\r"},
    "\x7f": " ",
    **{chr(c): "\ufffd" for c in range(0xD800, 0xE000)},  # lone surrogates (JSON "\ud800"): spaCy cannot hash them
}
_TRANSLATE = str.maketrans(_ONE_TO_ONE)
_DELETED = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
# Longest grapheme cluster normalized whole: NFC sorts combining marks in quadratic time (a letter under
# 100,000 accents took 8 s); the working copy keeps a cluster's first characters, mapped to all of it.
_MAX_CLUSTER = 32
# Characters that need the slow, cluster-by-cluster walk (deletions, CR); so does any text not already NFC.
_NEEDS_WALK = _patterns.compile("[\r\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_GRAPHEME = _patterns.compile(r"\X", regex.DOTALL)
_WORD = _patterns.compile(r"\b\w{2,6}\b")


@lru_cache(maxsize=65536)
def tone_style(word: str) -> str:
    """underthesea's spelling of a short word (``hoà`` → ``hòa``), or the word itself when length would change."""
    from underthesea.pipeline.text_normalize import token_normalize

    lower = word.lower()
    fixed = token_normalize(lower, use_character_normalize=False)
    if fixed == lower or len(fixed) != len(word):
        return word
    # Keep the input's capitalization letter by letter.
    return "".join(f.upper() if w.isupper() else f for f, w in zip(fixed, word, strict=True))


class NormalizedText:
    """The working copy ``text`` of ``source``, with a map of each working character back to ``source``."""

    __slots__ = ("source", "text", "_starts", "_ends")

    def __init__(self, source: str, text: str, starts: list[int] | None, ends: list[int] | None):
        self.source = source
        self.text = text
        self._starts = starts  # None: offsets are the same in both texts
        self._ends = ends

    @property
    def offset_map(self) -> tuple[list[int], list[int]] | None:
        """Each working character's start and end in ``source``; None when offsets are the same in both."""
        if self._starts is None or self._ends is None:
            return None
        return self._starts, self._ends

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """The source offsets of the working span ``[start, end)``."""
        if self._starts is None or self._ends is None:
            return start, end
        if end <= start:
            pos = self._starts[start] if start < len(self._starts) else len(self.source)
            return pos, pos
        return self._starts[start], self._ends[end - 1]

    def source_text(self, start: int, end: int) -> str:
        s, e = self.to_source(start, end)
        return self.source[s:e]


def normalize(source: str) -> NormalizedText:
    """Normalize ``source`` into one working spelling, keeping the way back."""
    text = source.translate(_TRANSLATE)
    starts: list[int] | None = None
    ends: list[int] | None = None
    if _NEEDS_WALK.search(text) or not unicodedata.is_normalized("NFC", text):
        pieces: list[str] = []
        starts, ends = [], []
        for m in _GRAPHEME.finditer(text):
            cluster = m.group()
            if cluster in _DELETED:
                continue
            if cluster == "\r\n" or cluster == "\r":
                out = "\n"
            else:
                out = "".join(c for c in unicodedata.normalize("NFC", cluster[:_MAX_CLUSTER]) if c not in _DELETED)
            a, b = m.span()
            for _ in out:
                starts.append(a)
                ends.append(b)
            pieces.append(out)
        text = "".join(pieces)
    return NormalizedText(source, _tone_styled(text), starts, ends)


def _tone_styled(text: str) -> str:
    """Every short word of ``text`` in underthesea's spelling (:func:`tone_style`). Few articles have a word to
    respell, so the distinct words are checked first (found in one C-level pass) and the text is rewritten
    word by word, one Python call per word, only when one of them changes."""
    if all(tone_style(word) == word for word in set(_WORD.findall(text))):
        return text
    return _WORD.sub(lambda m: tone_style(m.group()), text)
