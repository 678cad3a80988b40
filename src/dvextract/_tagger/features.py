"""The tagger's features: one token sequence per mined block, features built from per-token caches.

Tokens are the rules' own (:data:`dvextract._entities.lexicon.TOKEN`: syllables, dotted capitals, numbers,
runs of marks), so a lexicon phrase matches the same way for both. A token's own feature strings (its lowercase
form, its shape, whether it is a surname, one tuple per window offset) are built once per distinct token and
process (:func:`_own`); a position's features are those tuples of its ±2 neighbours concatenated, plus the
lexicon phrases (surnames, title and organisation heads, unit words, countries, provinces, places, venues …)
that start at or cover it, found once per block. The lists are *features*, not gates: the model learns how much
each kind counts. ``VERSION`` is stored beside the model; change it whenever a feature changes.
"""

from __future__ import annotations

from functools import lru_cache

from .._entities import Lexicon
from .._entities.lexicon import TOKEN

__all__ = ["VERSION", "WINDOW", "Sequence", "block_features", "tokens"]

VERSION = "1"
WINDOW = (-2, -1, 1, 2)
_LEXICON_KINDS = frozenset({
    "title", "title_pre", "title_post", "org", "place", "country", "unit", "locality_unit", "ministry",
    "body_place", "honorific", "particle", "media", "venue", "venue_cue", "generic", "place_intro", "cue",
    "PERSON", "ORGANIZATION", "LOCATION", "TITLE",
})
"""Lexicon kinds that are features (the user's gazetteer types among them)."""

Sequence = tuple[list[tuple[int, int]], list[tuple[str, ...]]]
"""One block: its tokens' ranges and each token's feature strings."""


def tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The token ranges of ``text[start:end]``. ``TOKEN`` is a plain alternation that cannot backtrack beyond a
    token, so it runs without ``_patterns``' time guard (whose per-match check cost as much as the match)."""
    return [m.span() for m in TOKEN.finditer(text, start, end)]


def _shape(tok: str) -> str:
    """Case and character classes, runs collapsed: ``Hải`` → ``Xx``, ``UBND`` → ``X``, ``TP.HCM`` → ``X.X``."""
    out: list[str] = []
    for c in tok:
        k = "X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c
        if not out or out[-1] != k:
            out.append(k)
    return "".join(out)[:6]


@lru_cache(maxsize=200_000)
def _own(tok: str, surname: bool) -> tuple[tuple[str, ...], ...]:
    """A token's feature strings as seen from each window offset (index 0: itself; then ``WINDOW``'s)."""
    low = tok.lower()
    shape = _shape(tok)
    core = [f"w={low}", f"s={shape}"]
    if surname:
        core.append("sur")
    itself = tuple(core + [f"p3={low[:3]}", f"x3={low[-3:]}", f"len={min(len(tok), 6)}"])
    return (itself,) + tuple(tuple(f"{o}{f}" for f in core) for o in WINDOW)


def _lexicon_marks(low: list[str], lex: Lexicon) -> list[tuple[str, ...]]:
    """For each token, the lexicon kinds whose longest phrase starts there (``B``) or covers it (``I``)."""
    marks: list[list[str]] = [[] for _ in low]
    n = len(low)
    for i, word in enumerate(low):
        for length in lex.lengths.get(word, ()):
            if i + length > n:
                continue
            entries = lex.phrases.get(tuple(low[i : i + length]))
            if not entries:
                continue
            kinds = {e.kind for e in entries if e.kind in _LEXICON_KINDS}
            for kind in kinds:
                marks[i].append(f"L=B-{kind}")
                for k in range(i + 1, i + length):
                    marks[k].append(f"L=I-{kind}")
            if kinds:
                break  # the longest phrase only, as the rules read it
    return [tuple(sorted(m)) for m in marks]


@lru_cache(maxsize=20_000)
def _mark_views(marks: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """A token's lexicon marks as seen from itself, from the token after it and from the token before it."""
    return marks, tuple(f"-1{m}" for m in marks), tuple(f"+1{m}" for m in marks)


_PAD = {o: (f"{o}w=<s>",) for o in WINDOW}
_NONE: tuple[str, ...] = ()
_GLUED = ("glued",)


def block_features(text: str, start: int, end: int, lex: Lexicon) -> Sequence:
    """The tokens of one block and the feature strings of each (empty lists for an empty block).

    Every string but the bigram comes from a cache; a position's list is its neighbours' cached tuples, shifted
    columns zipped together (the per-token work is one concatenation)."""
    spans = tokens(text, start, end)
    toks = [text[s:e] for s, e in spans]
    low = [t.lower() for t in toks]
    surnames = lex.surnames
    own = [_own(t, t in surnames or lo in surnames) for t, lo in zip(toks, low, strict=True)]
    marks = [_mark_views(m) for m in _lexicon_marks(low, lex)]
    n = len(toks)
    itself = [("b", *o[0], *m[0]) for o, m in zip(own, marks, strict=True)]
    before2 = [_PAD[-2]] * min(2, n) + [o[1] for o in own[:-2]]
    before1 = [_PAD[-1]] * min(1, n) + [o[2] for o in own[:-1]]
    after1 = [o[3] for o in own[1:]] + [_PAD[1]] * min(1, n)
    after2 = [o[4] for o in own[2:]] + [_PAD[2]] * min(2, n)
    context = [_NONE] * min(1, n) + [
        (f"bi={a}|{b}", *m[1]) + (_GLUED if spans[k][1] == spans[k + 1][0] else _NONE)
        for k, (a, b, m) in enumerate(zip(low, low[1:], marks, strict=False))]
    following = [m[2] for m in marks[1:]] + [_NONE] * min(1, n)
    feats = [a + b + c + d + e + f + g for a, b, c, d, e, f, g
             in zip(itself, before2, before1, after1, after2, context, following, strict=True)]
    return spans, feats
