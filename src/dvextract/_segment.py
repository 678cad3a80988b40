"""Sentences and words through underthesea, aligned to the working text.

Words come from underthesea's own word segmentation model (the CRF ``ws_crf_vlsp2013_20230727`` shipped with
underthesea, its regex tokenizer and its dictionary) and give the same words as its ``word_tokenize``; only
the arithmetic is done differently, because ``word_tokenize`` spends most of its time building 43 feature
strings per syllable and looking each one up again in the model. Here the model's weights are read once from
its CRFsuite file, and each feature template's contribution is summed per syllable, per pair and per triple
of syllables and cached: a syllable's own features are computed once per process, not once per occurrence and
template. Viterbi decoding over the two labels (``B-W``, ``I-W``) then follows underthesea_core's
``CRFTagger`` (ties go to ``B-W``). ``tests/test_segment.py`` checks that both give identical words on
thousands of real archive sentences.

underthesea's CRF word segmenter splits party and state compounds when their tone marks are in the new style
(``Tỉnh uỷ viên`` → ``Tỉnh`` + ``uỷ viên``) and sometimes even in the old one. Compounds listed in
``data/compounds.tsv`` are therefore forced whole after segmentation, whichever style the input used.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import regex

from . import _crfsuite, _patterns
from ._alternation import alternation
from ._resources import table

__all__ = ["Range", "compound", "fallback_reason", "sentences", "words", "words_in"]

logger = logging.getLogger("dvextract")

Range = tuple[int, int]
_FALLBACK = _patterns.compile(r"\w+|[^\w\s]")
_MODEL = "ws_crf_vlsp2013_20230727"


@cache
def _compounds() -> regex.Pattern[str]:
    phrases = alternation((row["phrase"] for row in table("compounds")), space=r"\s+")
    return _patterns.compile(rf"(?<!\w){phrases}(?!\w)", regex.IGNORECASE)


def sentences(text: str, block: Range) -> list[Range]:
    """The sentences of one block, as ranges of ``text``."""
    from underthesea import sent_tokenize

    start, end = block
    found: list[Range] = []
    cursor = start
    for sentence in sent_tokenize(text[start:end]):
        pos = text.find(sentence, cursor, end)
        if pos < 0:  # underthesea changed the sentence: keep what is left of the block as one
            break
        found.append((pos, pos + len(sentence)))
        cursor = pos + len(sentence)
    rest = text[cursor:end].strip()
    if rest:
        pos = text.find(rest, cursor, end)
        found.append((pos, pos + len(rest)))
    return found


def words(text: str, sentence: Range) -> list[Range]:
    """The words of one sentence (a multi-syllable word is one range), as ranges of ``text``."""
    return words_in(text, [sentence])


def words_in(text: str, sentences: list[Range]) -> list[Range]:
    """The words of every sentence, in order, as ranges of ``text`` (one call per article is fastest)."""
    if not sentences:
        return []
    # underthesea normalizes characters before tokenizing (NFC, ð → đ); our working text already is, so its
    # tokens are the text's own characters. Otherwise fall back to underthesea itself, sentence by sentence.
    plain = "ð" not in text and "Ð" not in text and unicodedata.is_normalized("NFC", text)
    compounds = _compound_matches(text, sentences)
    ranges: list[Range] = []
    segmenter = _segmenter() if plain else None  # None also when underthesea's internals cannot be read
    if segmenter is not None:
        segmented = segmenter.segment_many(text, sentences)
    else:
        segmented = [_underthesea(text, sentence) for sentence in sentences]
    for n, (atoms, groups) in enumerate(segmented):
        if compounds[n]:
            _force_compounds(compounds[n], atoms, groups)
        for i, (s, e) in enumerate(atoms):
            if i and groups[i] == groups[i - 1]:
                ranges[-1] = (ranges[-1][0], e)
            else:
                ranges.append((s, e))
    return ranges


def _underthesea(text: str, sentence: Range) -> tuple[list[Range], list[int]]:
    from underthesea import word_tokenize

    start, end = sentence
    return _align(text, sentence, word_tokenize(text[start:end], use_token_normalize=False))


def _align(text: str, sentence: Range, tokens: list[str]) -> tuple[list[Range], list[int]]:
    """underthesea's tokens as syllable ranges of ``text``, each with the index of the token it belongs to."""
    atoms: list[Range] = []
    groups: list[int] = []
    cursor, end = sentence
    for n, token in enumerate(tokens):
        for part in token.split(" "):
            pos = text.find(part, cursor, end)
            if pos < 0 or text[cursor:pos].strip():
                # underthesea's token is not the text's: fall back to plain syllables for the rest.
                for m in _patterns.finditer(_FALLBACK, text, cursor, end):
                    atoms.append(m.span())
                    groups.append(len(tokens) + len(groups))
                return atoms, groups
            atoms.append((pos, pos + len(part)))
            groups.append(n)
            cursor = pos + len(part)
    return atoms, groups


def _compound_matches(text: str, sentences: list[Range]) -> list[list[Range]]:
    """The listed compounds in each sentence: one scan of the text, sentences rescanned only where a match
    crosses a sentence edge (as a scan of each sentence alone would find them)."""
    found: list[list[Range]] = [[] for _ in sentences]
    lo, hi = sentences[0][0], sentences[-1][1]
    starts = [s for s, _ in sentences]
    rescan: set[int] = set()
    from bisect import bisect_right

    for m in _patterns.finditer(_compounds(), text, lo, hi):
        n = bisect_right(starts, m.start()) - 1
        if n >= 0 and m.end() <= sentences[n][1]:
            found[n].append(m.span())
        else:
            last = bisect_right(starts, m.end() - 1) - 1
            rescan.update(range(max(n, 0), last + 1))
    for n in rescan:
        found[n] = [m.span() for m in _patterns.finditer(_compounds(), text, *sentences[n])]
    return found


def _force_compounds(matches: list[Range], atoms: list[Range], groups: list[int]) -> None:
    """Make each listed compound one word: cut before and after it, join what lies inside."""
    if not atoms:
        return
    index = {s: i for i, (s, _) in enumerate(atoms)}
    ends = {e: i for i, (_, e) in enumerate(atoms)}
    fresh = max(groups) + 1
    for m_start, m_end in matches:
        first, last = index.get(m_start), ends.get(m_end)
        if first is None or last is None:
            continue
        after = last + 1
        if after < len(groups) and groups[after] == groups[last]:
            old = groups[last]
            for k in range(after, len(groups)):
                if groups[k] != old:
                    break
                groups[k] = fresh
            fresh += 1
        for k in range(first, last + 1):
            groups[k] = fresh
        fresh += 1


# --- underthesea's word segmentation model, decoded without its per-call feature strings -------------------

_RUN = re.compile(r"\S+")  # the standard library's, like underthesea's tokenizer: the same idea of a space
_I32 = _patterns.compile(r"[+-]?[0-9]+")


def _is_digit(token: str) -> bool:
    """underthesea_core's ``isdigit``: the text parses as a Rust ``i32``."""
    return _I32.fullmatch(token) is not None and -(2**31) <= int(token) < 2**31


def _is_title(text: str) -> bool:
    """underthesea_core's ``istitle``: every space-separated part starts with a character that upper-cases to
    itself (so digits and punctuation count as title case)."""
    return all(part[:1] == part[:1].upper() for part in text.split(" "))


class _Segmenter:
    """underthesea's ``ws_crf_vlsp2013_20230727`` CRF: its regex tokenizer, features and weights.

    A template's weight depends on the n-gram of tokens it reads, so the weights are indexed by token tuples:
    a token's own templates are summed once per distinct token (cached), and a pair's or triple's templates
    are found by tuple look-ups (most pairs and triples are in neither the model nor the dictionary, and take
    the weights of ``is_in_dict=False`` alone). No feature string is built after the first sight of a token.
    """

    _CACHE_LIMIT = 200_000  # distinct tokens, pairs, triples kept; a cache is emptied when it grows past this

    def __init__(self, model_dir: Path):
        from underthesea.pipeline.word_tokenize.regex_tokenize import patterns

        self._tokens = patterns
        model = _load_model(model_dir)
        weights = model.weights
        self._transitions = model.transitions
        self._weights = weights
        self._dictionary = model.dictionary
        self._dict2 = {tuple(w.split(" ")) for w in model.dictionary if w.count(" ") == 1}
        self._dict3 = {tuple(w.split(" ")) for w in model.dictionary if w.count(" ") == 2}
        self._uni: dict[str, tuple[Any, ...]] = {}  # token -> (row of _uni_rows, lowercase, title case)
        self._pairs: dict[tuple[str, str], int] = {}  # -> row of _pair_rows
        self._triples: dict[tuple[str, str, str], int] = {}  # -> row of _triple_rows
        self._runs: dict[str, list[Range]] = {}
        # the weights of tokens, pairs and triples seen so far, one row each; rows 0 and 1: BOS and EOS
        self._uni_rows = _Table(10, [self._unigram_weights(e, e, e, e, e) for e in ("BOS", "EOS")])
        # n-gram templates, by the token tuple they read: (B, I) weights per template offset
        self._bi_exact = _ngram_table(weights, _PAIR.exact)
        self._bi_lower = _ngram_table(weights, _PAIR.lower)
        self._tri_exact = _ngram_table(weights, _TRIPLE.exact)
        self._bi_base = _base_weights(weights, _PAIR)
        self._tri_base = _base_weights(weights, _TRIPLE)
        # rows 0 and 1: BOS and EOS; then the four base rows, which most pairs and triples take as they are
        self._pair_rows = _Table(8, [*_edge_rows(weights, _PAIR), *self._bi_base.values()])
        self._triple_rows = _Table(6, [*_edge_rows(weights, _TRIPLE), *self._tri_base.values()])
        self._bi_base_row = {key: 2 + k for k, key in enumerate(self._bi_base)}
        self._tri_base_row = {key: 2 + k for k, key in enumerate(self._tri_base)}
        # one tag_many at a time: a call's rows are numbers into the shared growing tables, which another
        # thread's new rows or start-over would change under it (one _Segmenter serves the whole process)
        self._lock = threading.Lock()

    def segment(self, text: str, sentence: Range) -> tuple[list[Range], list[int]]:
        """The sentence's syllables as ranges of ``text``, each with the index of the word it belongs to."""
        return self.segment_many(text, [sentence])[0]

    def segment_many(self, text: str, sentences: list[Range]) -> list[tuple[list[Range], list[int]]]:
        """:meth:`segment` for each sentence, their weights summed together (one set of array operations)."""
        atoms = [self.tokenize(text[start:end], start) for start, end in sentences]
        begins = self.tag_many([[text[s:e] for s, e in sentence] for sentence in atoms])
        out: list[tuple[list[Range], list[int]]] = []
        for sentence, starts in zip(atoms, begins, strict=True):
            groups: list[int] = []
            word = -1
            for i, begin in enumerate(starts):
                if begin or i == 0:  # underthesea's word_tokenize starts a word at the first token whatever its tag
                    word += 1
                groups.append(word)
            out.append((sentence, groups))
        return out

    def tokenize(self, sentence: str, offset: int = 0) -> list[Range]:
        """underthesea's regex tokenizer (``regex_tokenize.tokenize`` without normalization), as ranges.

        Its tokens never hold whitespace, and a whitespace-free run of letters is cut the same wherever it
        stands (no lookaround of its pattern can see past the spaces around it), so such runs are cut once
        and cached; only runs with digits or punctuation are matched in place, in the whole sentence.
        """
        _patterns.charge(len(sentence))  # per sentence, so the article's CPU budget is checked here too
        atoms: list[Range] = []
        runs = self._runs
        if len(runs) > self._CACHE_LIMIT:
            runs.clear()
        match = self._tokens.match
        for m in _RUN.finditer(sentence):
            a, b = m.span()
            run = m.group()
            if run.isalpha():
                spans = runs.get(run)
                if spans is None:
                    spans = runs[run] = [t.span() for t in self._tokens.finditer(run)]
                if len(spans) == 1:
                    atoms.append((offset + a, offset + b))
                else:
                    atoms += [(offset + a + x, offset + a + y) for x, y in spans]
            else:
                while a < b:  # every non-space character starts a token (its last alternative is [^\w\s])
                    t = match(sentence, a)
                    end = max(t.end(), a + 1) if t else a + 1  # (never short of that; but never loop for ever)
                    atoms.append((offset + a, offset + end))
                    a = end
        return atoms

    def tag(self, tokens: list[str]) -> list[bool]:
        """For each token, whether it begins a word (``B-W``), as underthesea_core's Viterbi decides."""
        return self.tag_many([tokens])[0]

    def tag_many(self, sentences: list[list[str]]) -> list[list[bool]]:
        """:meth:`tag` for each token list. Each position's score for a label is the sum of twelve template
        weights, read from the rows of the tokens, pairs and triples around it; they are gathered and added
        for all positions at once, in the order the per-token sum used, so the floats are the same. Threads
        take turns (one lock per call)."""
        with self._lock:
            return self._tag_many(sentences)

    def _tag_many(self, sentences: list[list[str]]) -> list[list[bool]]:
        self._start_over_if_full()
        rows = _Rows()
        for tokens in sentences:
            _patterns.charge(len(tokens))
            if tokens:
                self._lay_out(tokens, rows)
        if not rows.length:
            return [[] for _ in sentences]
        uni, pair, triple = self._uni_rows.table, self._pair_rows.table, self._triple_rows.table
        u, b, c = np.array(rows.uni), np.array(rows.pairs), np.array(rows.triples)
        firsts = (rows.uni_first, rows.pair_first, rows.triple_first)
        iu, ib, ic = (_positions(first, rows.length) for first in firsts)
        scores = []
        for label in (0, 1):  # B-W, I-W: twelve terms each, added left to right as before
            total = uni[u[iu], label] + uni[u[iu + 1], 2 + label]
            for k, column in ((2, 4), (3, 6), (4, 8)):
                total += uni[u[iu + k], column + label]
            for k in range(4):
                total += pair[b[ib + k], 2 * k + label]
            for k in range(3):
                total += triple[c[ic + k], 2 * k + label]
            scores.append(total.tolist())
        out: list[list[bool]] = []
        k = 0
        for tokens in sentences:
            n = len(tokens)
            out.append(self._viterbi(scores[0][k : k + n], scores[1][k : k + n]) if n else [])
            k += n
        return out

    def _lay_out(self, tokens: list[str], rows: _Rows) -> None:
        """The rows one sentence reads: tokens between two BOS and two EOS, its pairs and triples likewise."""
        n = len(tokens)
        uni, pairs, triples = self._uni, self._pairs, self._triples
        info = [uni.get(t) or self._unigram(t) for t in tokens]
        rows.length.append(n)
        rows.uni_first.append(len(rows.uni))
        rows.uni += [0, 0, *(i[0] for i in info), 1, 1]
        rows.pair_first.append(len(rows.pairs))
        rows.pairs += [0, 0]
        rows.triple_first.append(len(rows.triples))
        rows.triples += [0, 0]
        rows.pairs += [row if (row := pairs.get(key)) is not None else self._pair(key, info[j], info[j + 1])
                       for j, key in enumerate(zip(tokens, tokens[1:], strict=False))]
        rows.triples += [row if (row := triples.get(key)) is not None
                         else self._triple(key, info[j], info[j + 1], info[j + 2])
                         for j, key in enumerate(zip(tokens, tokens[1:], tokens[2:], strict=False))]
        rows.pairs += [1, 1]
        rows.triples += [1] * (2 if n >= 2 else 1)

    def _viterbi(self, score_b: list[float], score_i: list[float]) -> list[bool]:
        """Viterbi over the two labels as underthesea_core's ``CRFTagger`` decodes: for each position, whether
        the best sequence begins a word there."""
        (bb, bi_), (ib, ii) = self._transitions
        back: list[bool] = []  # per position after the first: is B the best previous label, for B and for I
        prev_b, prev_i = score_b[0], score_i[0]
        for eb, ei in zip(score_b[1:], score_i[1:], strict=True):
            # best previous label for each label; on a tie the first label (B) wins, as in underthesea_core
            from_b, from_i = prev_b + bb, prev_i + ib
            to_b = from_b >= from_i
            new_b = (from_b if to_b else from_i) + eb
            from_b, from_i = prev_b + bi_, prev_i + ii
            to_i = from_b >= from_i
            prev_i = (from_b if to_i else from_i) + ei
            prev_b = new_b
            back.append(to_b)
            back.append(to_i)
        label_b = prev_b >= prev_i
        out = [label_b]
        for i in range(len(score_b) - 1, 0, -1):
            label_b = back[2 * i - 2] if label_b else back[2 * i - 1]
            out.append(label_b)
        out.reverse()
        return out

    def _start_over_if_full(self) -> None:
        """Forget the tokens, pairs and triples seen once a cache grows past its limit (between calls only:
        a call holds row numbers)."""
        if len(self._uni) > self._CACHE_LIMIT:
            self._uni.clear()
            self._pairs.clear()
            self._triples.clear()
            for table in (self._uni_rows, self._pair_rows, self._triple_rows):
                table.start_over()
        elif len(self._pairs) > self._CACHE_LIMIT or len(self._triples) > self._CACHE_LIMIT:
            self._pairs.clear()
            self._triples.clear()
            self._pair_rows.start_over()
            self._triple_rows.start_over()

    def _pair(self, key: tuple[str, str], first: tuple[Any, ...], second: tuple[Any, ...]) -> int:
        _, l1, title1 = first
        _, l2, title2 = second
        base = (title1 and title2, (l1, l2) in self._dict2)
        exact, lower = self._bi_exact.get(key), self._bi_lower.get((l1, l2))
        if not exact and not lower:
            row = self._pairs[key] = self._bi_base_row[base]
            return row
        value = self._bi_base[base]
        if exact:
            value = _add(value, exact)
        if lower:
            value = _add(value, lower)
        row = self._pairs[key] = self._pair_rows.add(value)
        return row

    def _triple(self, key: tuple[str, str, str], *info: tuple[Any, ...]) -> int:
        (_, l1, title1), (_, l2, title2), (_, l3, title3) = info
        base = (title1 and title2 and title3, (l1, l2, l3) in self._dict3)
        exact = self._tri_exact.get(key)
        row = self._triples[key] = (self._triple_rows.add(_add(self._tri_base[base], exact)) if exact
                                    else self._tri_base_row[base])
        return row

    def _unigram(self, token: str) -> tuple[Any, ...]:
        """(row of the weights of the token's own templates at offsets -2…2, lowercase, title case), cached."""
        lower = token.lower()
        title = _is_title(token)
        weights = self._unigram_weights(token, lower, str(_is_digit(token)), str(title), str(lower in self._dictionary))
        result = (self._uni_rows.add(weights), lower, title)
        self._uni[token] = result
        return result

    def _unigram_weights(self, token: str, lower: str, digit: str, title: str, in_dict: str) -> tuple[float, ...]:
        values: list[float] = []
        get = self._weights.get
        for k in (-2, -1, 0, 1, 2):
            attributes = [f"T[{k}]={token}", f"T[{k}].lower={lower}", f"T[{k}].istitle={title}",
                          f"T[{k}].is_in_dict={in_dict}"]
            if -1 <= k <= 1:
                attributes.append(f"T[{k}].isdigit={digit}")
            b = i = 0.0
            for attribute in attributes:
                w = get(attribute)
                if w is not None:
                    b += w[0]
                    i += w[1]
            values += (b, i)
        return tuple(values)


class _Table:
    """Weight rows in a growing array, the first ones fixed (the BOS and EOS rows)."""

    def __init__(self, width: int, fixed: list[tuple[float, ...]]):
        self.table: np.ndarray[Any, np.dtype[np.float64]] = np.zeros((1024, width))
        self.table[: len(fixed)] = fixed
        self.fixed = self.used = len(fixed)

    def add(self, row: tuple[float, ...]) -> int:
        if self.used == len(self.table):
            self.table = np.concatenate([self.table, np.zeros_like(self.table)])
        self.table[self.used] = row
        self.used += 1
        return self.used - 1

    def start_over(self) -> None:
        self.used = self.fixed


class _Rows:
    """The rows the sentences of one call read, laid end to end: each sentence's tokens, pairs and triples
    with their BOS and EOS padding, and where each sentence's lists start."""

    def __init__(self) -> None:
        self.uni: list[int] = []
        self.pairs: list[int] = []
        self.triples: list[int] = []
        self.length: list[int] = []
        self.uni_first: list[int] = []
        self.pair_first: list[int] = []
        self.triple_first: list[int] = []


def _positions(firsts: list[int], lengths: list[int]) -> np.ndarray[Any, np.dtype[np.intp]]:
    """``firsts[s] + i`` for every position i of every sentence s (of ``lengths[s]`` positions), in order."""
    starts = np.cumsum([0, *lengths[:-1]])
    positions: np.ndarray[Any, np.dtype[np.intp]] = np.repeat(np.array(firsts) - starts, lengths)
    return positions + np.arange(sum(lengths))


def _add(*rows: tuple[float, ...]) -> tuple[float, ...]:
    return tuple([sum(column) for column in zip(*rows, strict=False)])


@dataclass(frozen=True)
class _Model:
    """The CRF as the segmenter reads it: (B, I) weights by attribute, the label-to-label transitions, and the
    dictionary its ``is_in_dict`` features look words up in."""

    weights: dict[str, tuple[float, float]]
    transitions: tuple[tuple[float, float], ...]
    dictionary: set[str]


def _load_model(model_dir: Path) -> _Model:
    """The model files of ``model_dir``, refused unless they are the model this module implements (its two
    labels and its templates, _TEMPLATES): another model's features would be read wrong, silently."""
    import joblib

    templates: list[str] = joblib.load(model_dir / "features.bin")
    dictionary: set[str] = joblib.load(model_dir / "dictionary.bin")
    model = _crfsuite.read_file(model_dir / "models.bin")
    if model.labels != ["B-W", "I-W"] or templates != _TEMPLATES:
        raise RuntimeError(f"unexpected word segmentation model in {model_dir}: {model.labels}, {templates}")
    weights = {attribute: (b, i) for attribute, (b, i) in model.state.items()}
    return _Model(weights, tuple((b, i) for b, i in model.transitions), dictionary)


@dataclass(frozen=True)
class _NgramTemplates:
    """The templates that read an n-gram (a pair or a triple), one per offset where the n-gram fits in the
    window: its text (``exact``, ``lower``: none for a triple), its title case (at offset 0 only, None
    elsewhere) and whether the dictionary holds it (``in_dict``)."""

    exact: list[str]
    lower: list[str]
    title: list[str | None]
    in_dict: list[str]


_PAIR = _NgramTemplates(
    exact=[f"T[{k},{k + 1}]" for k in (-2, -1, 0, 1)],
    lower=[f"T[{k},{k + 1}].lower" for k in (-2, -1, 0, 1)],
    title=[None, None, "T[0,1].istitle", None],
    in_dict=[f"T[{k},{k + 1}].is_in_dict" for k in (-2, -1, 0, 1)],
)
_TRIPLE = _NgramTemplates(
    exact=[f"T[{k},{k + 2}]" for k in (-2, -1, 0)],
    lower=[],
    title=[None, None, "T[0,2].istitle"],
    in_dict=[f"T[{k},{k + 2}].is_in_dict" for k in (-2, -1, 0)],
)


def _template_row(weights: dict[str, tuple[float, float]], names: Sequence[str | None], value: str) -> tuple[
        float, ...]:
    """The (B, I) weights of each template in ``names`` with this value, in order; a template the model lacks
    (or None: no template at that offset) weighs nothing."""
    out: list[float] = []
    for name in names:
        out += weights.get(f"{name}={value}", (0.0, 0.0)) if name else (0.0, 0.0)
    return tuple(out)


def _base_weights(weights: dict[str, tuple[float, float]], ngram: _NgramTemplates) -> dict[
        tuple[bool, bool], tuple[float, ...]]:
    """(title case, in dictionary) → an n-gram's weights when it is in neither of the n-gram tables: what most
    pairs and triples weigh, computed once."""
    return {(t, d): _add(_template_row(weights, ngram.title, str(t)), _template_row(weights, ngram.in_dict, str(d)))
            for t in (False, True) for d in (False, True)}


def _edge_rows(weights: dict[str, tuple[float, float]], ngram: _NgramTemplates) -> list[tuple[float, ...]]:
    """The BOS and EOS rows: past the sentence's ends every template of the n-gram reads the edge's name."""
    groups: list[Sequence[str | None]] = [ngram.exact, *([ngram.lower] if ngram.lower else []), ngram.title,
                                         ngram.in_dict]
    return [_add(*(_template_row(weights, names, e) for names in groups)) for e in ("BOS", "EOS")]


def _ngram_table(weights: dict[str, tuple[float, float]], names: list[str]) -> dict[tuple[str, ...], tuple[float, ...]]:
    """The model's attributes ``NAME=a b …`` for the given templates (all reading the same n-gram length),
    keyed by the token tuple, with (B, I) weights in the order of ``names`` (zeros where absent)."""
    table: dict[tuple[str, ...], list[float]] = {}
    for attribute, (b, i) in weights.items():
        name, _, value = attribute.partition("=")
        if name in names and value not in ("BOS", "EOS"):
            slot = 2 * names.index(name)
            row = table.setdefault(tuple(value.split(" ")), [0.0] * (2 * len(names)))
            row[slot] += b
            row[slot + 1] += i
    return {key: tuple(row) for key, row in table.items()}


# The templates the model was trained with, in its features.bin; the code above implements exactly these.
_TEMPLATES = [
    *(f"T[{k}]" for k in (-2, -1, 0, 1, 2)),
    *(f"T[{k},{k + 1}]" for k in (-2, -1, 0, 1)),
    *(f"T[{k},{k + 2}]" for k in (-2, -1, 0)),
    *(f"T[{k}].lower" for k in (-2, -1, 0, 1, 2)),
    *(f"T[{k},{k + 1}].lower" for k in (-2, -1, 0, 1)),
    *(f"T[{k}].isdigit" for k in (-1, 0, 1)),
    *(f"T[{k}].istitle" for k in (-2, -1, 0, 1, 2)),
    "T[0,1].istitle",
    "T[0,2].istitle",
    *(f"T[{k}].is_in_dict" for k in (-2, -1, 0, 1, 2)),
    *(f"T[{k},{k + 1}].is_in_dict" for k in (-2, -1, 0, 1)),
    *(f"T[{k},{k + 2}].is_in_dict" for k in (-2, -1, 0)),
]


def _model_dir() -> Path:
    import underthesea.pipeline.word_tokenize as ws

    return Path(ws.__file__).parent / "models" / _MODEL


@cache
def _loaded() -> tuple[_Segmenter | None, str | None]:
    """The fast segmenter, or None and why: it reads underthesea's internals (its model folder, its tokenizer's
    patterns, the model's format), which a new underthesea may move or change. Then every article falls back
    to underthesea's public ``word_tokenize`` (slower, the same words), with one warning in the log."""
    try:
        return _Segmenter(_model_dir()), None
    except Exception as exc:
        reason = (f"underthesea's word segmentation model could not be read ({type(exc).__name__}: {exc}); "
                  "words come from its public word_tokenize instead (slower, the same words)")
        logger.warning("dvextract: %s", reason)
        return None, reason


def _segmenter() -> _Segmenter | None:
    return _loaded()[0]


def fallback_reason() -> str | None:
    """Why words come from underthesea's public ``word_tokenize`` rather than the fast segmenter, or None."""
    return _loaded()[1]


@cache
def _pairs() -> frozenset[tuple[str, str]]:
    """The dictionary's two-syllable words in both tone-mark styles: it spells `hoà bình`, the working text `hòa`
    (empty when the segmenter's model cannot be read)."""
    from ._text import tone_style

    segmenter = _segmenter()
    d = segmenter._dict2 if segmenter is not None else set()
    pairs: set[tuple[str, str]] = {(x, y) for x, y in d}
    return frozenset(pairs | {(tone_style(x), tone_style(y)) for x, y in pairs})


def compound(first: str, second: str) -> bool:
    """Two syllables the word segmenter's dictionary holds as one word (`Tài chính`, `Hàng không`): a capital
    there starts a common word, not a name."""
    return (first.lower(), second.lower()) in _pairs()


def _clear_caches() -> None:
    """Forget every token, pair and triple seen so far (for benchmarks that must not reuse them)."""
    segmenter = _segmenter()
    if segmenter is None:
        return
    for cache_ in (segmenter._uni, segmenter._pairs, segmenter._triples, segmenter._runs):
        cache_.clear()
    for rows in (segmenter._uni_rows, segmenter._pair_rows, segmenter._triple_rows):
        rows.start_over()
