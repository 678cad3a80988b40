"""The pipeline's tokenizer: an article's text → a Doc over that text, its reading kept on ``doc._.dvx``.

Reading an article means refusing what cannot be read, normalizing it into one working copy (``_text``),
cutting it into lines and sentences and segmenting words with underthesea (``_segment``). The extractors work
on the working copy; the Doc is built over the input itself (``doc.text == text``), each token the input's
characters of one word, with the working spelling in ``token.norm_`` (lowercased, as spaCy's norms are). The
components split a word a finding starts or ends inside (:func:`fit_tokens`), so that their spans are exact.

``doc._.published`` (a datetime, or a string ``parse_published`` reads) anchors relative dates: set it after
``nlp.make_doc(text)`` and before the components run (``nlp(doc)``), or pass it in the context of
``nlp.pipe(((text, {"published": …}), …), as_tuples=True)``.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.tokens import Doc, SpanGroup, Token
from spacy.util import registry
from spacy.vocab import Vocab

from . import _patterns, _segment
from ._patterns import OverBudget, PatternTimeout
from ._records import Notice
from ._refusal import refusal
from ._state import ArticleState, Range, parse_published
from ._text import normalize

__all__ = ["MAX_RUN", "Reader", "create_no_length_limit", "create_reader", "fit_tokens", "read", "state_of"]

MAX_RUN = 200
"""Longest run of characters without a space that underthesea reads in one piece. Its sentence splitter and word
tokenizer take time quadratic in such a run (``a.a.a.…``, ``1.1.1.…``: minutes for 100,000 characters); no
archive article has a run over 200 characters. A longer run is cut into pieces, each cut ending a sentence."""

_LINE = _patterns.compile(r"[^\n]*\S[^\n]*")
_WORD = _patterns.compile(r"\S+")  # linear: one greedy class
_RUN = _patterns.compile(rf"(?<!\S)\S{{{MAX_RUN + 1},}}")  # linear: each run is scanned once, from its start
_SURROGATES = str.maketrans({c: "\ufffd" for c in range(0xD800, 0xE000)})


def _get_published(doc: Doc) -> datetime | None:
    return state_of(doc).published


def _set_published(doc: Doc, value: str | date | datetime | None) -> None:
    state = state_of(doc)
    state.published, bad = parse_published(value)
    if bad is not None:
        state.warnings.append(bad)


if not Doc.has_extension("dvx"):
    Doc.set_extension("dvx", default=None)
if not Doc.has_extension("published"):
    Doc.set_extension("published", getter=_get_published, setter=_set_published)


def read(text: str) -> ArticleState:
    """The reading of an article before word segmentation: refusal, working copy, sentences."""
    refused = refusal(text)
    if refused:
        state = ArticleState(text, text, readable=False)
        state.warnings.append(Notice(**refused))  # type: ignore[arg-type]
        return state
    state = ArticleState.of(normalize(text))
    blocks, cut = _bounded(state.work, [m.span() for m in _LINE.finditer(state.work)])
    if cut:
        state.warn("long_run", f"{cut:,} runs of over {MAX_RUN} characters without a space were cut into pieces")
    state.sentences = _sentences(state, blocks)
    return state


def _sentences(state: ArticleState, blocks: list[Range]) -> list[Range]:
    """The sentences of each block, under the article's CPU budget (``_patterns.ARTICLE_SECONDS`` from now):
    once it is spent, each block left is one sentence."""
    found: list[Range] = []
    done = 0
    try:
        with _patterns.charged(_patterns.Budget.for_text(len(state.work))):
            for start, end in blocks:
                _patterns.charge(end - start)
                found += _segment.sentences(state.work, (start, end))
                done += 1
    except OverBudget as exc:
        state.over_budget(f"sentences: {exc}; {len(blocks) - done:,} lines left are one sentence each")
        found += blocks[done:]
    return found


def state_of(doc: Doc) -> ArticleState:
    """The Doc's state; a Doc the Reader did not make (``spacy.blank("vi")``) is read from its text first. Inside
    ``nlp.pipe(…, as_tuples=True)`` a mapping context fills what the state does not hold yet (``_from_context``)."""
    if doc._.dvx is None:
        doc._.dvx = read(doc.text)
    state: ArticleState = doc._.dvx
    context = getattr(doc, "_context", None)  # spaCy's slot for the as_tuples context while the pipe runs
    if isinstance(context, Mapping):
        _from_context(state, context)
    return state


def _from_context(state: ArticleState, context: Mapping[str, Any]) -> None:
    """``published`` (as ``doc._.published`` takes it), ``id``, ``title`` and ``url`` (text) of an as_tuples
    context, where the state has none: a value set on the Doc wins, and a bad date is warned about once."""
    if state.published is None and context.get("published") not in (None, ""):
        state.published, bad = parse_published(context["published"])
        if bad is not None and bad not in state.warnings:
            state.warnings.append(bad)
    for name in ("id", "title", "url"):
        if getattr(state, name) is None and isinstance(context.get(name), str):
            setattr(state, name, context[name])


@registry.tokenizers("dvextract.Reader.v1")  # type: ignore[untyped-decorator]
def create_reader() -> Any:
    def make(nlp: Language) -> Reader:
        return Reader(nlp.vocab)

    return make


@registry.callbacks("dvextract.no_length_limit.v1")  # type: ignore[untyped-decorator]
def create_no_length_limit() -> Any:
    def lift(nlp: Language) -> Language:
        nlp.max_length = 10**12  # the Reader refuses long articles itself, with an error record
        return nlp

    return lift


class Reader:
    """Tokenizer: raw article text → Doc over that text, words from underthesea, the reading on ``doc._.dvx``.

    It holds no data of its own; ``to_disk``/``from_disk``/``to_bytes``/``from_bytes`` exist so that
    ``nlp.to_disk`` and ``spacy.load`` work (as spaCy's own Vietnamese tokenizer does).
    """

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        started = time.thread_time()  # the article's CPU account opens here (``ArticleState.cpu_seconds``)
        state = read(text)
        source = _hashable(text)
        if not state.readable:
            doc = _doc(self.vocab, source, [m.span() for m in _WORD.finditer(source)], set())
        else:
            doc = self._words(state, source, started + _patterns.ARTICLE_SECONDS)
        doc._.dvx = state
        state.cpu_seconds = time.thread_time() - started
        return doc

    def _words(self, state: ArticleState, source: str, deadline: float) -> Doc:
        """The Doc of the article's words; segmented under a budget (linear work, and the CPU seconds left before
        ``deadline`` on this thread's clock), else split at spaces."""
        work = state.work
        try:
            with _patterns.charged(_patterns.Budget.for_text(len(work), deadline - time.thread_time())):
                ranges = _segment.words_in(work, state.sentences)
        except PatternTimeout as exc:  # words at spaces rather than no article (OverBudget is one too)
            note = f"segmentation: {exc}; words are split at spaces"
            if isinstance(exc, OverBudget):
                state.over_budget(note)
            else:
                state.warn("pattern_timeout", note)
            ranges = [m.span() for m in _WORD.finditer(work)]
        problem = _segment.fallback_reason()
        if problem:
            state.warn("segmenter_fallback", problem)
        kept, in_source = _in_source(state, ranges)
        state.words = kept
        starts = {state.to_source(s, s + 1)[0] for s, _ in state.sentences}
        words, spaces, sent_starts, index = _tokens(source, in_source, starts)
        doc = Doc(self.vocab, words=words, spaces=spaces, sent_starts=list[bool | int | None](sent_starts))
        if work != source:  # the working spelling of each word that differs, as its norm
            for (ws, we), (ss, se), i in zip(kept, in_source, index, strict=False):
                if work[ws:we] != source[ss:se]:
                    doc[i].norm_ = work[ws:we].lower()
        return doc

    def pipe(self, texts: Any, **kwargs: Any) -> Any:
        for text in texts:
            yield self(text)

    def to_bytes(self, **kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: Any) -> Reader:
        return self

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        return None

    def from_disk(self, path: str | Path, **kwargs: Any) -> Reader:
        return self


def _hashable(text: str) -> str:
    """The text, each lone surrogate (which spaCy cannot hash, and only JSON can carry) U+FFFD at its offset."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.translate(_SURROGATES)
    return text


def _in_source(state: ArticleState, ranges: list[Range]) -> tuple[list[Range], list[Range]]:
    """The word ranges kept, and each one's place in the input: in order, none empty, none overlapping (a
    normalized cluster split between two words gives its characters to the first)."""
    starts, ends = state.starts, state.ends
    if starts is None or ends is None:
        return ranges, ranges
    kept: list[Range] = []
    mapped: list[Range] = []
    last = 0
    for s, e in ranges:
        a, b = max(starts[s], last), ends[e - 1]
        if b > a:
            kept.append((s, e))
            mapped.append((a, b))
            last = b
    return kept, mapped


def _doc(vocab: Vocab, text: str, ranges: list[Range], starts: set[int]) -> Doc:
    words, spaces, sent_starts, _ = _tokens(text, ranges, starts)
    return Doc(vocab, words=words, spaces=spaces, sent_starts=list[bool | int | None](sent_starts))


def _bounded(text: str, lines: list[Range]) -> tuple[list[Range], int]:
    """The lines, cut every ``MAX_RUN`` characters inside any longer run without a space; and how many runs."""
    blocks: list[Range] = []
    runs = 0
    for start, end in lines:
        for m in _RUN.finditer(text, start, end):
            runs += 1
            for pos in range(m.start() + MAX_RUN, m.end(), MAX_RUN):
                blocks.append((start, pos))
                start = pos
        blocks.append((start, end))
    return blocks, runs


def _tokens(text: str, ranges: list[Range], starts: set[int]) -> tuple[list[str], list[bool], list[bool], list[int]]:
    """Doc words, trailing spaces and sentence starts for word ranges in text order: what spaCy's
    ``get_words_and_spaces`` gives (text between words becomes a token of its own, a single space after a
    word its trailing space), in one pass instead of a search of the rest of the text for every word; and the
    token index of each range."""
    words: list[str] = []
    spaces: list[bool] = []
    sent_starts: list[bool] = []
    index: list[int] = []
    pos = 0
    for s, e in ranges:
        if s > pos:
            words.append(text[pos:s])
            spaces.append(False)
            sent_starts.append(len(words) == 1)
        index.append(len(words))
        words.append(text[s:e])
        spaces.append(False)
        sent_starts.append(len(words) == 1 or s in starts)
        pos = e
        if pos < len(text) and text[pos] == " ":
            spaces[-1] = True
            pos += 1
    if pos < len(text):
        words.append(text[pos:])
        spaces.append(False)
        sent_starts.append(len(words) == 1)
    return words, spaces, sent_starts, index


def fit_tokens(doc: Doc, state: ArticleState, ranges: Iterable[Range]) -> None:
    """Split every token that one of ``ranges`` (input offsets) starts or ends inside, so that each range is
    whole tokens and a span over it is exactly the finding.

    A token is one word of the segmenter and may hold several syllables (``Tân Phước sơ kết``), so a finding
    can end inside it. spaCy's ``retokenizer.split`` wants pieces that together are the token's text, and only
    the last piece keeps the token's trailing space: the white space between two pieces becomes a token of its
    own (``is_space``), as spaCy's tokenizer does with extra white space. Rebuilding the Doc instead would lose
    what components before ours set and the Doc the caller holds. Each piece gets the working spelling of its
    characters as ``norm_``, its sentence start, and the token's entity, tag and morphology; the span groups
    already set are rebuilt on the new tokens (spaCy's split leaves their token indices stale).

    Each split is charged the Doc's length to the current budget (spaCy moves every token after the one it splits):
    over it, :class:`~dvextract._patterns.OverBudget` stops the splitting, the splits made standing.
    """
    idx, lengths = doc.to_array([IDX, LENGTH]).T.tolist() if len(doc) else ([], [])
    inside: dict[int, list[int]] = {}
    for pos in sorted({p for r in ranges for p in r}):
        i = bisect.bisect_right(idx, pos) - 1
        if i >= 0 and idx[i] < pos < idx[i] + lengths[i]:
            inside.setdefault(i, []).append(pos)
    if not inside:
        return
    split: list[tuple[int, int]] = []  # each split token's first character and its number of pieces
    try:
        for i in sorted(inside, reverse=True):  # from the last: the tokens before it keep their indices
            _patterns.charge(len(doc))  # spaCy's split moves every token after it: linear in the Doc, each
            token = doc[i]
            pieces = _pieces(token.text, token.idx, inside[i])
            orths = [token.text[a - token.idx : b - token.idx] for a, b in pieces]
            norms = [(_work_of(state, a, b) or orth).lower() for (a, b), orth in zip(pieces, orths, strict=True)]
            heads, attrs, first = _heads(token, len(pieces)), _kept_attrs(token, norms, len(pieces)), token.idx
            with doc.retokenize() as retokenizer:  # after it, ``token`` points into freed memory: read nothing of it
                retokenizer.split(token, orths, heads, attrs)
            split.append((first, len(pieces)))
    finally:  # over the budget, the splits made stand whole
        _after_split(doc, split)


def _pieces(text: str, start: int, cuts: list[int]) -> list[Range]:
    """The token ``text`` at ``start`` cut at ``cuts``, each part's leading and trailing white space a piece of
    its own; the pieces' offsets in the Doc."""
    pieces: list[Range] = []
    for a, b in zip([start, *cuts], [*cuts, start + len(text)], strict=True):
        part = text[a - start : b - start]
        word_start = a + len(part) - len(part.lstrip())
        word_end = max(word_start, b - len(part) + len(part.rstrip()))
        pieces += [(x, y) for x, y in ((a, word_start), (word_start, word_end), (word_end, b)) if y > x]
    return pieces


def _work_of(state: ArticleState, start: int, end: int) -> str:
    """The working text of the input's ``[start, end)``."""
    if state.starts is None:
        return state.work[start:end]
    return state.work[bisect.bisect_left(state.starts, start) : bisect.bisect_left(state.starts, end)]


def _heads(token: Token, n: int) -> list[Token | tuple[Token, int]]:
    """Each piece its own head in a Doc without a parse; in a parsed one the first piece takes the token's place
    in the tree and the others hang on it."""
    if not token.doc.has_annotation("DEP"):
        return [(token, k) for k in range(n)]
    return [token.head if token.head.i != token.i else (token, 0)] + [(token, 0)] * (n - 1)


def _kept_attrs(token: Token, norms: list[str], n: int) -> dict[str | int, list[Any]]:
    """What each piece keeps of the token: its norm (the working spelling) and the token's entity, tag,
    part of speech and morphology (spaCy's split leaves the pieces after the first with another token's)."""
    for norm in norms:
        token.vocab.strings.add(norm)
    attrs: dict[str | int, list[Any]] = {
        "NORM": norms, "ENT_TYPE": [token.ent_type] * n, "ENT_KB_ID": [token.ent_kb_id] * n,
        "ENT_ID": [token.ent_id] * n, "TAG": [token.tag] * n, "POS": [token.pos] * n, "MORPH": [str(token.morph)] * n}
    if token.doc.has_annotation("DEP"):
        attrs["DEP"] = [token.dep_] + ["dep"] * (n - 1)
    return attrs


def _after_split(doc: Doc, split: list[tuple[int, int]]) -> None:
    """The pieces after a split token's first start no sentence; span groups rebuilt from their characters."""
    if not doc.has_annotation("DEP"):
        starts = doc.to_array([IDX]).tolist()
        for first, n in split:
            i = bisect.bisect_left(starts, first)
            for piece in doc[i + 1 : i + n]:
                piece.is_sent_start = None if doc[i].is_sent_start is None else False
    for key, group in list(doc.spans.items()):
        spans = [doc.char_span(s.start_char, s.end_char, label=s.label, kb_id=s.kb_id, span_id=s.id) for s in group]
        doc.spans[key] = SpanGroup(doc, name=group.name, attrs=group.attrs, spans=[s for s in spans if s is not None])
