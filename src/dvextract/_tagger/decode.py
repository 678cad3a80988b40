"""The shipped CRF decoded without feature strings: the same labels as ``underthesea_core``'s ``CRFTagger.tag``
on :func:`.features.block_features`, at a fraction of the cost.

``CRFTagger.tag`` takes about 16 feature strings per token, which :mod:`.features` builds and the Rust side
copies and hashes again, for every token of every block. But every feature reads one token (its own strings
as seen from one window offset), one pair of tokens (the bigram) or one token's lexicon marks, so the model's
weights are summed once per distinct token and offset and per set of marks (cached rows), and the bigrams the
model knows are rows of its weights: a position's score for each label is the sum of its neighbours' rows,
gathered with NumPy for all the blocks of an article at once. The strings still come from :mod:`.features`
(``_own``, ``_mark_views``, ``_PAD``, ``_GLUED``), each turned into weights the first time it is seen: one
definition of the features serves training and decoding.

Viterbi then follows ``CRFTagger`` (labels by id; on a tie the lower previous label and the lower final label
win), but skips what cannot matter. A bound, computed with array operations, says how much more the rest of
a block can add after each label than after ``O``; the forward pass drops a label whose score so far trails
``O``'s by more than that. Such a label lies on no best path, so it is never a best previous label of the path
``CRFTagger`` returns, and the path and its ties come out the same. Most tokens keep only ``O`` and cost one
addition; the label-by-label work is done only around names. ``tests/test_tagger_decode.py`` checks that both
give identical labels on thousands of archive blocks.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .. import _patterns
from .._crfsuite import Weights
from .._entities import Lexicon
from .features import _GLUED, _PAD, WINDOW, _lexicon_marks, _mark_views, _own, tokens

__all__ = ["Block", "Decoder"]

_LOOKAHEAD = 6  # positions over which the bound of what follows a label is exact before its worst case
_MARGIN = 1e-6
"""How much better the other label must be before one is dropped: far above the rounding of the sums (scores
stay below 1e6 on any real block), so a tie or near-tie is always left to the full pass."""
_CACHE_LIMIT = 50_000  # distinct tokens or mark sets kept; a cache starts over past this

Vector = NDArray[np.float64]


@dataclass(frozen=True)
class Block:
    """One decoded block: its token ranges and each token's label."""

    ranges: list[tuple[int, int]]
    labels: list[str]


class _Rows:
    """A growing table of score rows, one per key, with row 0 all zeros (what an unknown key adds)."""

    def __init__(self, width: int, views: int):
        self.table: NDArray[np.float64] = np.zeros((64, views, width))
        self.index: dict[Any, int] = {}  # key -> row (0 for a key known to add nothing)
        self.used = 1

    def start_over(self) -> None:
        """Forget every key (only between articles: a layout holds row numbers)."""
        self.index.clear()
        self.used = 1

    def add(self, key: Any, rows: list[Vector]) -> int:
        n = self.used
        self.used += 1
        if n >= len(self.table):
            self.table = np.concatenate([self.table, np.zeros_like(self.table)])
        self.table[n] = rows
        self.index[key] = n
        return n


@dataclass
class _Layout:
    """The row numbers of an article's blocks laid end to end, two padding positions before, between and
    after them (so that each neighbour a position reads is a plain shift of the whole sequence)."""

    tokens: list[int] = field(default_factory=lambda: [0, 0])
    marks: list[int] = field(default_factory=lambda: [0, 0])
    bigrams: list[int] = field(default_factory=lambda: [0, 0])
    glued: list[int] = field(default_factory=lambda: [0, 0])
    lasts: list[int] = field(default_factory=list)  # the position of each block's last token
    blocks: list[tuple[int, list[tuple[int, int]]]] = field(default_factory=list)  # (first position, ranges)


class Decoder:
    """The weights of one model, as rows to gather and a transition matrix; :meth:`decode` labels blocks."""

    def __init__(self, weights: Weights):
        self.labels = weights.labels
        self.width = len(weights.labels)
        self._state = {a: np.array(w) for a, w in weights.state.items()}
        self._ids = {a: k for k, a in enumerate(weights.state, start=1)}  # attribute -> row of _weights
        self._weights = np.array([[0.0] * len(weights.labels), *weights.state.values()])
        self._other = o = self.labels.index("O")
        self._tokens = _Rows(self.width, 1 + len(WINDOW))
        self._tokens.table[0, 1:] = [self._sum(_PAD[k]) for k in WINDOW]  # row 0: the padding beyond a block
        self._surnames: frozenset[str] | None = None  # the lexicon's surnames the token rows were made with
        self._marks = _Rows(self.width, 3)
        self._bigrams = _bigram_rows(self._ids)
        self._glued = np.stack([np.zeros(self.width), self._sum(_GLUED)])
        self._begin = self._sum(("b",))  # every position's first feature
        t = np.array(weights.transitions)
        self._cap = (t - t[o][None, :]).max(axis=1)  # [y]: max over b of T[y,b] - T[O,b]
        self._onward = t - t[o, o]  # [y, b]: T[y,b] against O staying O
        self._stay_ahead = t[o, o] - t[o]  # [y]: what O after O gains over y after O
        self._stay = float(t[o, o])
        self._columns = t.T.tolist()  # [y][p]: T[p,y], the transitions into y
        self._entry = (t[:, o, None] - t).min(axis=0)  # [y]: min over p of T[p,O] - T[p,y]
        self._subsets = [tuple(y for y in range(self.width) if mask >> y & 1) for mask in range(1 << self.width)]
        # one decode at a time: an article's layout holds row numbers into the shared growing caches, which
        # another thread's new rows or start-over would change under it (one Decoder serves the whole process)
        self._lock = threading.Lock()

    def _sum(self, attributes: tuple[str, ...], start: Vector | None = None) -> Vector:
        """The attributes' weights added in order (as ``CRFTagger`` adds them; an unknown one adds nothing)."""
        total = np.zeros(self.width) if start is None else start.copy()
        for attribute in attributes:
            row = self._state.get(attribute)
            if row is not None:
                total = total + row
        return total

    def _token(self, token: str) -> int:
        """The row of a token's own features from each window offset (``_own``), added on first sight."""
        surnames = self._surnames or frozenset()
        views = _own(token, token in surnames or token.lower() in surnames)
        ids: list[int] = []
        starts: list[int] = []
        for k, view in enumerate(views):
            starts.append(len(ids))
            if k == 0:
                ids.append(self._ids["b"])  # the position's first feature, before the token's own
            ids += [self._ids.get(a, 0) for a in view]
        rows = np.add.reduceat(self._weights[ids], starts)
        return self._tokens.add(token, list(rows))

    def _mark_row(self, marks: tuple[str, ...]) -> int:
        return self._marks.add(marks, [self._sum(v) for v in _mark_views(marks)])

    def decode(self, text: str, blocks: list[tuple[int, int]], lex: Lexicon) -> list[Block]:
        """The labels of the tokens of each of ``blocks`` of ``text`` (empty blocks left out); safe to call
        from several threads (they take turns: one lock per call, not per token)."""
        with self._lock:
            return self._decode(text, blocks, lex)

    def _decode(self, text: str, blocks: list[tuple[int, int]], lex: Lexicon) -> list[Block]:
        self._prepare(lex)
        layout = _Layout()
        for start, end in blocks:
            _patterns.charge(end - start)  # per block, so the article's CPU budget is checked here too
            spans = tokens(text, start, end)
            if spans:
                self._lay_out(text, spans, lex, layout)
        if not layout.blocks:
            return []
        scores = self._scores(layout)
        _patterns.charge(len(scores))  # each whole-article array pass charges its positions: the clock is read
        last = np.zeros(len(scores), dtype=bool)
        last[layout.lasts] = True
        ahead = self._ahead(scores, last)
        _patterns.charge(len(scores))
        settled = self._settled(scores, ahead)
        for first, _ in layout.blocks:
            settled[first] = False  # a block's first position is scored in full
        wanted = np.flatnonzero(~settled)
        candidates = self._candidates(scores, ahead)
        rows = zip(scores[wanted].tolist(), ahead[wanted].tolist(), candidates[wanted].tolist(), strict=True)
        pass_ = _Pass(scores, ahead, candidates, scores[:, self._other].tolist(), settled.tolist(),
                      dict(zip(wanted.tolist(), rows, strict=True)), self._subsets)
        decoded = []
        for first, spans in layout.blocks:
            _patterns.charge(len(spans))
            decoded.append(Block(spans, [self.labels[y] for y in self._viterbi(pass_, first, first + len(spans))]))
        return decoded

    def _prepare(self, lex: Lexicon) -> None:
        """Start the caches over when they grew too large or the lexicon's surnames changed."""
        if lex.surnames is not self._surnames or len(self._tokens.index) > _CACHE_LIMIT:
            self._tokens.start_over()
            self._surnames = lex.surnames
        if len(self._marks.index) > _CACHE_LIMIT:
            self._marks.start_over()

    def _lay_out(self, text: str, spans: list[tuple[int, int]], lex: Lexicon, layout: _Layout) -> None:
        """Add one block's rows to ``layout``: its tokens, lexicon marks, bigrams and glue, then two pads."""
        toks = [text[s:e] for s, e in spans]
        known = self._tokens.index
        layout.blocks.append((len(layout.tokens) - 2, spans))
        layout.tokens += [known.get(t) or self._token(t) for t in toks]
        layout.lasts.append(len(layout.tokens) - 3)
        low = [t.lower() for t in toks]
        known = self._marks.index
        layout.marks += [(known.get(m) or self._mark_row(m)) if m else 0 for m in _lexicon_marks(low, lex)]
        bigram = self._bigrams.get
        layout.bigrams.append(0)
        layout.bigrams += [bigram(p, 0) for p in zip(low, low[1:], strict=False)]
        layout.glued.append(0)
        layout.glued += [a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False)]
        for column in (layout.tokens, layout.marks, layout.bigrams, layout.glued):
            column += (0, 0)

    def _scores(self, layout: _Layout) -> NDArray[np.float64]:
        """Each position's score for each label (position 0: the first token): its features' rows added in
        ``block_features``' order; at the padding between blocks the sums mean nothing and are never read."""
        own = self._tokens.table[layout.tokens]  # [position + 2, view, label]
        marks = self._marks.table[layout.marks]
        scores = own[2:-2, 0] + marks[2:-2, 0]
        scores += own[:-4, 1]
        scores += own[1:-3, 2]
        scores += own[3:-1, 3]
        scores += own[4:, 4]
        scores += self._weights[layout.bigrams[2:-2]]
        scores += marks[1:-3, 1]
        scores += self._glued[layout.glued[2:-2]]
        scores += marks[3:-1, 2]
        return scores

    def _ahead(self, scores: NDArray[np.float64], last: NDArray[np.bool_]) -> NDArray[np.float64]:
        """``[t, y]``: at most how much more the rest of its block can add after label y at position t than
        after ``O`` there. The best continuation after y is compared with the one after ``O`` that follows it
        from the next label on; past a few positions the bound is the transitions' worst case (``_cap``), and
        after a block's last position nothing follows. Each pass tightens the bound by one position."""
        gain = (scores - scores[:, self._other, None]).T  # [label, t]: how much more than O's its features give
        ahead = np.where(last[None, :], 0.0, self._cap[:, None])  # [y, t]
        onward = self._onward[:, :, None]  # [y, b, 1]
        for _ in range(_LOOKAHEAD):
            following = np.zeros_like(ahead)
            following[:, :-1] = gain[:, 1:] + ahead[:, 1:]
            bound = (onward + following[None, :, :]).max(axis=1)  # [y, t]: max over the next label b
            bound[:, last] = 0.0
            np.minimum(ahead, bound, out=ahead)
        by_position: NDArray[np.float64] = ahead.T
        return by_position

    def _candidates(self, scores: NDArray[np.float64], ahead: NDArray[np.float64]) -> NDArray[np.int64]:
        """For each position, the labels that can be kept there whatever comes before, as a bit mask: a label
        whose features trail ``O``'s by more than the most a transition into it can gain over one into ``O``,
        plus what the rest of the block can make up, never is."""
        o = self._other
        possible = scores - scores[:, o, None] >= self._entry[None, :] - ahead - _MARGIN
        possible[:, o] = True
        masks: NDArray[np.int64] = possible @ (1 << np.arange(self.width))
        return masks

    def _settled(self, scores: NDArray[np.float64], ahead: NDArray[np.float64]) -> NDArray[np.bool_]:
        """For each position, whether ``O`` is the only label left there when it is the only one before:
        then the position costs one addition."""
        o = self._other
        lead = self._stay_ahead[None, :] - (scores - scores[:, o, None]) - ahead > _MARGIN
        lead[:, o] = True
        settled: NDArray[np.bool_] = lead.all(axis=1)
        return settled

    def _viterbi(self, pass_: _Pass, first: int, end: int) -> list[int]:
        """The best label sequence of positions ``first`` to ``end`` as ``CRFTagger`` finds it. The forward
        pass keeps at each position only the labels that may lie on a best path: one whose score so far
        trails ``O``'s by more than the rest of the block can make up (:meth:`_ahead`) is dropped. A dropped
        label is never a best previous label of the path ``CRFTagger`` returns, so the path and its ties come
        out the same."""
        o, only, stay = self._other, (self._other,), self._stay
        row, ahead, _ = pass_.row(first)
        labels = tuple(y for y in range(self.width) if row[o] - row[y] <= ahead[y] + _MARGIN)
        scores = [row[y] for y in labels]
        steps: dict[int, tuple[tuple[int, ...], tuple[int, ...]]] = {}
        settled, other = pass_.settled, pass_.other
        t = first + 1
        while t < end:
            if labels == only and settled[t]:
                score = scores[0]
                while t < end and settled[t]:
                    score = score + stay + other[t]
                    t += 1
                scores = [score]
                continue
            labels, scores, back = self._step(labels, scores, *pass_.row(t))
            steps[t] = (labels, back)
            t += 1
        y = labels[scores.index(max(scores))]  # the first of equal best scores: the lower label
        path = [y]
        for t in range(end - 1, first, -1):
            step = steps.get(t)
            y = o if step is None else step[1][step[0].index(y)]
            path.append(y)
        path.reverse()
        return path

    def _step(self, previous: tuple[int, ...], scores: list[float], row: list[float], ahead: list[float],
              candidates: tuple[int, ...]) -> tuple[tuple[int, ...], list[float], tuple[int, ...]]:
        """One position of the forward pass: the labels kept, their scores and best previous labels (the first
        of equal ones, as ``CRFTagger`` takes them). ``O`` is scored first, since every other label is judged
        against it; only ``candidates`` (:meth:`_candidates`) are scored."""
        o, columns = self._other, self._columns
        single = len(previous) == 1
        if single:
            arg, start = previous[0], scores[0]
            lead = start + columns[o][arg] + row[o]
        else:
            best, arg = -np.inf, previous[0]
            for score, p in zip(scores, previous, strict=True):
                s = score + columns[o][p]
                if s > best:
                    best, arg = s, p
            lead = best + row[o]
        labels: list[int] = []
        kept: list[float] = []
        back: list[int] = []
        for y in candidates:
            if y == o:
                labels.append(o)
                kept.append(lead)
                back.append(arg)
                continue
            if single:
                best, arg_y = start + columns[y][arg], arg
            else:
                column = columns[y]
                best, arg_y = -np.inf, previous[0]
                for score, p in zip(scores, previous, strict=True):
                    s = score + column[p]
                    if s > best:
                        best, arg_y = s, p
            score_y = best + row[y]
            if lead - score_y <= ahead[y] + _MARGIN:
                labels.append(y)
                kept.append(score_y)
                back.append(arg_y)
        return tuple(labels), kept, tuple(back)


def _bigram_rows(ids: dict[str, int]) -> dict[tuple[str, str], int]:
    """The model's bigram features (``block_features``' ``bi={a}|{b}``) by their pair of lowercase tokens, as
    rows of the weights. A ``|`` inside a token makes the split ambiguous, so every split is listed: a pair
    is looked up only by the tokens it joins, and a pair that splits the string another way is the same
    string."""
    pairs: dict[tuple[str, str], int] = {}
    for attribute, row in ids.items():
        if attribute.startswith("bi="):
            joined = attribute[3:]
            for cut in (k for k, c in enumerate(joined) if c == "|" and 0 < k < len(joined) - 1):
                pairs[joined[:cut], joined[cut + 1 :]] = row
    return pairs


@dataclass(frozen=True)
class _Pass:
    """What the forward pass reads: everywhere ``O``'s score and whether the position is settled, and where
    labels are weighed the full score row, bounds and candidates as lists (made from the arrays on demand)."""

    scores: NDArray[np.float64]
    bounds: NDArray[np.float64]
    masks: NDArray[np.int64]
    other: list[float]
    settled: list[bool]
    rows: dict[int, tuple[list[float], list[float], int]]
    subsets: list[tuple[int, ...]]

    def row(self, t: int) -> tuple[list[float], list[float], tuple[int, ...]]:
        """Position t's scores and bounds for every label, and its candidate labels."""
        found = self.rows.get(t)
        if found is None:
            found = self.rows[t] = (self.scores[t].tolist(), self.bounds[t].tolist(), int(self.masks[t]))
        return found[0], found[1], self.subsets[found[2]]
