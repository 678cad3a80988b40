"""The mined text of an article cut into segments, and each segment's features, for the learned caption model
(:mod:`.caption_model`).

A caption glued into a flattened body is a sentence or a stretch with no final stop between two sentences; no
mark inside it tells it from running text, but its neighbours do (a gallery of captions, the caption after the
lead, a caption before the sentence that names the same people). So the mined pieces (the rules' paragraphs and
captions) are cut where a sentence may end or begin: at a final stop, before a word that opens sentences inside
one (:func:`.captions._unstopped_caption_pattern`), and before a capitalized word after a lowercase one (``…
thoát hiểm Lực lượng PCCC``, which also cuts names: ``ông Hải``). A caption is then a run of segments, which a
linear-chain CRF labels ``B``/``I``/``O``; each segment's features are strings (the rules' vote among them).
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass

from .. import _patterns
from .captions import _unstopped_caption_pattern
from .lexicon import caption_markers, caption_openers, openers
from .photo_credits import credit_pattern
from .record import Range, Structure
from .text import STOP, strip_range, word_pairs

__all__ = ["Segment", "features", "segments"]

VERSION = "1"

_WORD = _patterns.compile(r"[\p{L}\p{N}](?:[\p{L}\p{N}&/.-]*[\p{L}\p{N}])?")  # as text.word_pairs reads words
import os
_CAPITAL_CUTS = os.environ.get("CAPCUT", "1") == "1"
_CAPITAL_AFTER_LOWER = _patterns.compile(r"(?<=[\p{Ll}\p{N}”\"')%][ ])(?=[\p{Lu}])")


@dataclass(frozen=True)
class Segment:
    """A piece of mined text between two cuts. ``cut`` is how it begins: ``line`` (a mined block's start),
    ``stop`` (after a final stop), ``opener`` (a sentence opener inside a sentence), ``capital`` (a capitalized
    word after a lowercase one). ``line`` numbers the text's line it is on."""

    start: int
    end: int
    cut: str
    rule: str
    """``B`` opening a caption the rules found, ``I`` inside one after its first segment, ``O`` outside."""
    line: int


def segments(text: str, structure: Structure) -> list[Segment]:
    """The mined pieces (paragraphs and captions, not the title) cut into segments, in text order."""
    newlines = [i for i, c in enumerate(text) if c == "\n"]
    captions = set(structure.captions)
    out: list[Segment] = []
    for s, e in sorted(structure.paragraphs + structure.captions):
        cuts = {s: "line"}
        for m in _patterns.finditer(_CAPITAL_AFTER_LOWER, text, s, e) if _CAPITAL_CUTS else ():
            cuts[m.start()] = "capital"
        for m in _patterns.finditer(_unstopped_caption_pattern(), text, s, e):
            cuts[m.start()] = "opener"
        for m in _patterns.finditer(STOP, text, s, e):
            cuts[m.end()] = "stop"
        edges = sorted(cuts)
        line = bisect.bisect_left(newlines, s)
        vote = "B" if (s, e) in captions else "O"
        for lo, hi in zip(edges, [*edges[1:], e], strict=True):
            lo2, hi2 = strip_range(text, lo, hi)
            if hi2 > lo2:
                out.append(Segment(lo2, hi2, cuts[lo], vote, line))
                vote = "I" if vote != "O" else "O"
    return out


_EDGES = ".,:;!?…\"“”()'"
_QUOTES = frozenset('“”"')
_LENGTHS = (1, 2, 3, 5, 7, 10, 15, 20, 25, 35, 50)


def _bucket(n: float, edges: tuple[float, ...]) -> str:
    return str(bisect.bisect_left(edges, n))


def _shape(word: str) -> str:
    if not word:
        return "none"
    if word[0].isdigit():
        return "digit"
    if word.isupper() and len(word) > 1:
        return "caps"
    if word[0].isupper():
        return "cap"
    return "lower" if word[0].isalpha() else "punct"


def _end_mark(piece: str) -> str:
    last = piece[-1]
    if last in ".!?…:;)\"”'":
        return "…" if piece.endswith("...") else last
    return "digit" if last.isdigit() else "none"


@dataclass(frozen=True)
class _Written:
    """How the article writes its words: those it writes in lowercase somewhere, and the word pairs whose first
    word it writes in lowercase. A capitalized word after a lowercase one that the article also writes in
    lowercase (``… buổi lễ Chương trình``, ``chương trình`` elsewhere) opens a sentence; a name (``ông Hải``)
    is not written so."""

    words: frozenset[str]
    pairs: frozenset[tuple[str, str]]

    @classmethod
    def of(cls, text: str) -> _Written:
        words = _WORD.findall(text)
        return cls(frozenset(w for w in words if w[0].islower()),
                   frozenset((a, b.lower()) for a, b in zip(words, words[1:], strict=False) if a[0].islower()))

    def common(self, words: list[str]) -> str:
        """``2`` when the first two words are a pair written in lowercase too, ``1`` the first word, else ``0``."""
        if not words or not words[0][:1].isupper():
            return "-"
        first = words[0].lower()
        if len(words) > 1 and (first, words[1].lower()) in self.pairs:
            return "2"
        return "1" if first in self.words else "0"


@dataclass(frozen=True)
class _Own:
    """One segment's own features, some of which its neighbours see too."""

    own: list[str]
    shared: list[str]
    pairs: set[tuple[str, str]]
    last_word: str


def _own_features(text: str, seg: Segment, lead_words: frozenset[str], title: frozenset[str],
                  written: _Written) -> _Own:
    """What one segment says of itself: its cut, the rules' vote, length, end mark, first words and their shape,
    words of running text, credits, openers, commas, quotation, digits, share of the lead's and title's words."""
    piece = text[seg.start : seg.end]
    words = piece.split()
    low = [w.lower().strip(_EDGES) for w in words]
    n = len(words)
    first = low[0] if low else ""
    shared = [f"cut={seg.cut}", f"rule={seg.rule}", f"len={_bucket(n, _LENGTHS)}", f"end={_end_mark(piece)}",
              f"marker={int(caption_markers().search(piece) is not None)}", f"shape0={_shape(words[0])}",
              f"common={written.common([w.strip(_EDGES) for w in words[:2]])}"]
    own = [f"w0={first}", f"w01={' '.join(low[:2])}", f"shape1={_shape(words[1]) if n > 1 else 'none'}",
           f"sopen={int(words[0] in openers())}", f"copen={int(piece.startswith(caption_openers()))}",
           f"credit={int(credit_pattern().search(piece, timeout=_patterns.SCAN_TIMEOUT) is not None)}",
           f"comma={min(piece.count(','), 2)}", f"comma4={int(',' in ' '.join(words[:4]))}",
           f"quote={int(any(c in piece for c in _QUOTES))}", f"colon={int(':' in piece)}",
           f"paren={int('(' in piece)}", f"last={low[-1] if low else ''}",
           f"digits={_bucket(sum(c.isdigit() for c in piece) / len(piece), (0.0, 0.05, 0.15))}",
           f"lead={_bucket(sum(w in lead_words for w in low) / max(1, n), (0.0, 0.3, 0.6))}",
           f"title={_bucket(sum(w in title for w in low) / max(1, n), (0.0, 0.3, 0.6))}"]
    return _Own(own, shared, word_pairs(text, seg.start, seg.end), low[-1] if low else "")


def features(text: str, segs: list[Segment], structure: Structure, title: str | None = None) -> list[list[str]]:
    """Feature strings of each segment: its own, its neighbours' shared ones (``p:``, ``n:``), the word before
    a cut, word pairs shared with the neighbours, where it stands in its line and in the article."""
    lead = structure.paragraphs[0] if structure.paragraphs else None
    lead_words = frozenset(w for pair in word_pairs(text, *lead) for w in pair) if lead else frozenset()
    title_line = text[slice(*structure.title)] if structure.title else title or ""
    title_set = frozenset(w.lower().strip(_EDGES) for w in title_line.split())
    written = _Written.of(text)
    owns = [_own_features(text, seg, lead_words, title_set, written) for seg in segs]
    seen = Counter(pair for own in owns for pair in own.pairs)
    lines = sorted({seg.line for seg in segs})
    photos = f"photos={min(len(structure.captions), 3)}"  # an article with photos has captions the rules miss
    out: list[list[str]] = []
    for i, (seg, own) in enumerate(zip(segs, owns, strict=True)):
        prev = owns[i - 1] if i and segs[i - 1].line == seg.line else None
        after = owns[i + 1] if i + 1 < len(segs) and segs[i + 1].line == seg.line else None
        row = ["bias", photos, *own.own, *own.shared, f"line={min(lines.index(seg.line), 2)}",
               f"lines={min(len(lines), 3)}", f"at={_bucket(i / len(segs), (0.1, 0.5, 0.9))}",
               f"again={_bucket(sum(seen[p] > 1 for p in own.pairs) / max(1, len(own.pairs)), (0.0, 0.3, 0.6))}"]
        row += [f"p:{f}" for f in prev.shared] if prev else ["p:none"]
        row += [f"n:{f}" for f in after.shared] if after else ["n:none"]
        if prev is not None:
            row += [f"before={prev.last_word}", f"ovp={min(len(own.pairs & prev.pairs), 2)}"]
        if after is not None:
            row.append(f"ovn={min(len(own.pairs & after.pairs), 2)}")
        out.append(row)
    return out


def runs(segs: list[Segment], labels: list[str]) -> list[Range]:
    """The captions a labelling gives: a ``B`` segment and the ``I`` segments after it on the same line (an
    ``I`` with no ``B`` before it starts one too)."""
    found: list[Range] = []
    for k, (seg, label) in enumerate(zip(segs, labels, strict=True)):
        if label == "O":
            continue
        joined = label == "I" and k > 0 and labels[k - 1] != "O" and segs[k - 1].line == seg.line
        if joined and found:
            found[-1] = (found[-1][0], seg.end)
        else:
            found.append((seg.start, seg.end))
    return found
