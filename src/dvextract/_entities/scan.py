"""The scanner's state over one block: its tokens, the lexicon look-ups on them (memoized per token), and the
mentions emitted so far. The grammar (``names``, ``titles``, ``orgs``, ``places``) reads and extends it."""

from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache
from typing import NamedTuple

import regex

from .. import _patterns
from .lexicon import TOKEN, Entry, Lexicon

__all__ = ["HEADS", "Found", "Phrase", "Range", "Scan", "is_caps", "is_name", "is_word"]

Range = tuple[int, int]
Phrase = tuple[int, Entry]
"""A lexicon phrase found at a token: the token after it, and its entry."""

HEADS = frozenset({"title", "org", "TITLE", "ORGANIZATION"})
"""Kinds of phrase that head a title or a body: what ends a name before it."""

_ANY_CASE = frozenset({"unit", "honorific", "stop", "cue", "title_post", "media_intro", "locality_unit"})
"""Kinds of phrase that match whatever their case in the text."""


class Found(NamedTuple):
    start: int
    end: int
    type: str
    expansion: str | None = None


@lru_cache(maxsize=1 << 16)  # asked of the same few tokens again and again by every step of the scan
def is_name(tok: str) -> bool:
    """A capitalized syllable: ``Hải``, ``A``, or a hyphenated romanized one: ``Geun-hye``, ``Jong-un``."""
    if "-" not in tok:
        return tok[0].isupper() and tok.isalpha() and (len(tok) == 1 or tok[1:].islower())
    first, _, rest = tok.partition("-")
    return tok[0].isupper() and tok.isascii() and first.isalpha() and (len(first) == 1 or first[1:].islower()) \
        and rest.isalpha() and rest[1:].islower()


@lru_cache(maxsize=1 << 16)
def is_caps(tok: str) -> bool:
    """An abbreviation in capitals, or a brand written like one: ``UBND``, ``TP.HCM``, ``GD&ĐT``, ``PC45``,
    ``TPBank``, ``VietinBank`` (two capitals or more, not a name's ``Hải``)."""
    return len(tok) > 1 and tok[0].isupper() and any(c.isalpha() for c in tok) and (
        tok.upper() == tok or (tok[1].isupper() and tok.isalnum()))


def is_word(tok: str) -> bool:
    """A word or number, not a mark."""
    return tok[0].isalnum()


def _glued_dot(ms: list[regex.Match[str]], k: int, lex: Lexicon) -> bool:
    """A period between a unit's or a title's abbreviation and a name with no space (`TP.Đà Nẵng`, `TS.Đinh Thế
    Hiển`) only joins them; after anything else it may end a sentence (`… gửi UBND.Ông An cho biết`)."""
    if ms[k].group() != "." or not 0 < k < len(ms) - 1:
        return False
    before, after = ms[k - 1], ms[k + 1]
    unit = any(e.kind in ("unit", "locality_unit", "title") for e in lex.phrases.get((before.group().lower(),), ()))
    return unit and is_caps(before.group()) and before.end() == ms[k].start() and ms[k].end() == after.start() \
        and is_name(after.group())


class Scan:
    """One left-to-right pass over the tokens of a block: the tokens, their offsets, and what was found."""

    def __init__(self, text: str, start: int, end: int, lex: Lexicon):
        self.text = text
        self.lex = lex
        _patterns.charge(min(end, len(text)) - start)  # a plain alternation: no timeout (tests/test_patterns.py)
        ms = list(TOKEN.finditer(text, start, end))
        toks = list(map(regex.Match.group, ms))  # map over the method: no Python frame per token
        glued = {k for k, tok in enumerate(toks) if tok == "." and _glued_dot(ms, k, lex)} if "." in toks else ()
        if glued:
            ms = [m for k, m in enumerate(ms) if k not in glued]
            toks = [tok for k, tok in enumerate(toks) if k not in glued]
        self.toks = toks
        self.low = list(map(str.lower, toks))
        self.starts = list(map(regex.Match.start, ms))
        self.ends = list(map(regex.Match.end, ms))
        self.n = len(ms)
        self.out: list[Found] = []
        self.defined: set[str] = set()  # abbreviations defined in this text: `(VFA)`
        self.memo: dict[int, list[Phrase]] = {}  # the lexicon phrases starting at each token
        self.names: set[tuple[str, ...]] = set()  # place names seen after a unit word: `huyện Tân Phước`
        self.after_title = False  # the last mention the scan took was a title: a name may follow

    def match(self, i: int, kinds: Collection[str], any_case: bool = False) -> Phrase | None:
        """The longest lexicon phrase of one of ``kinds`` starting at token ``i``: (end token, entry)."""
        if i >= self.n:
            return None
        found = self.memo.get(i)  # inline: this is the scan's hottest path
        for j, entry in self.phrases_at(i) if found is None else found:
            if entry.kind in kinds and (any_case or self.case_ok(entry, i)):
                return j, entry
        return None

    def phrases_at(self, i: int) -> list[Phrase]:
        """Every lexicon phrase starting at token i, longest first (looked up once per token)."""
        found = self.memo.get(i)
        if found is None:
            found = self.memo[i] = []
            for length in self.lex.lengths.get(self.low[i], ()):
                j = i + length
                if j <= self.n:
                    entries = self.lex.phrases.get(tuple(self.low[i:j]))
                    if entries and self.tight(i, j):
                        found += [(j, e) for e in entries]
        return found

    def tight(self, i: int, j: int) -> bool:
        """The tokens i..j are separated by plain spaces only (no line break inside a phrase)."""
        return all("\n" not in self.text[self.ends[k] : self.starts[k + 1]] for k in range(i, j - 1))

    def case_ok(self, entry: Entry, i: int) -> bool:
        """The phrase is written at token i in the case its entry needs (`Bộ` as a head, not `bộ`)."""
        if entry.kind in _ANY_CASE:
            return True
        forms = entry.form[:1] if entry.kind == "title" else entry.form
        for k, form in enumerate(forms):
            tok = self.toks[i + k]
            if form[0].isupper() and not tok[0].isupper() and (k == 0 or entry.kind != "org"):
                return False  # a body's later words may be lowercase: `Ủy ban kiểm tra`, `Ban chấp hành`
            if len(form) > 1 and form.isupper() and not tok.isupper():
                return False
        return True

    def emit(self, i: int, j: int, kind: str) -> None:
        """Record a mention of tokens i..j."""
        self.out.append(Found(self.starts[i], self.ends[j - 1], kind, self.expand(i, j)))

    def expand(self, i: int, j: int) -> str | None:
        """Tokens i..j with their abbreviations written out, or None when they have none."""
        abbr = self.lex.abbreviations
        if not any(t in abbr for t in self.toks[i:j]):
            return None
        parts = []
        for k in range(i, j):
            if k > i:
                parts.append(self.text[self.ends[k - 1] : self.starts[k]])
            parts.append(abbr.get(self.toks[k], self.toks[k]))
        return "".join(parts)

    def gap(self, i: int) -> str:
        """The text between token i-1 and token i."""
        return self.text[self.ends[i - 1] : self.starts[i]] if i > 0 else ""

    def name_tok(self, i: int) -> bool:
        """Token i exists and is a capitalized syllable."""
        return i < self.n and is_name(self.toks[i])

    def generic_before(self, i: int, kind: str = "plural") -> bool:
        """A word that makes what starts at token i plural or generic (`các`, `toàn bộ`), or an office itself
        (kind `office`: `bầu cử`), ends right before it."""
        firsts = self.lex.firsts.get("generic", frozenset())
        return any(self.low[b] in firsts and (m := self.match(b, {"generic"}, any_case=True)) and m[0] == i
                   and m[1].info == kind for b in range(max(0, i - 2), i))
