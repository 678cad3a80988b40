"""Captions written as a sentence of the running text, found by a learned reading instead of a word list.

A flattened body glues its photos' captions between its sentences, often with a final stop and no credit (``…
giá dưới 200 nghìn đồng. Các bé thiếu nhi đến xem kịch tại sân khấu của Minh Béo ngày 1/6. Sân khấu rất vắng
…``). The rules of :mod:`.captions` find the ones a credit, a missing stop or an echo of the lead gives away; the
others differ from running text only in what they say (a scene: who is where, doing what, in the picture) and in
how they sit among their neighbours. Two small linear models read that, and ship in ``models/``:

* **Words** (``caption_words.tsv``): a logistic regression over a sentence's syllables, syllable pairs, first and
  last words, length and shape, trained without any hand label on the archive's own captions that a photo credit
  closes (``… Ảnh: CACC``), credit cut out, against the running-text sentences of the same articles.
* **Context** (``captions.json``): a logistic regression over a handful of readings of the sentence in its article
  (its word score and its neighbours', where it stands, what it shares with the sentences around it, whether the
  article shows photos at all), trained on the dev split of the structure gold.

A sentence of a paragraph the context model gives ``threshold`` or more becomes a caption. Galleries (a block that
six credits or more close: :func:`.captions._is_gallery`) stay running text, as the gold decides. Trained by
:mod:`dvextract._train_captions`, which records what each model was trained from.
"""

from __future__ import annotations

import bisect
import json
import math
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from pathlib import Path

from .. import _patterns
from .captions import GALLERY_CREDITS, unstopped_piece
from .lexicon import caption_markers, linear_model
from .photo_credits import credit_pattern, credit_starts
from .record import Range, Structure
from .sentence_starts import unstopped_starts
from .text import strip_range, word_pairs

__all__ = ["CONTEXT", "CONTEXT_FEATURES", "WORDS", "Photos", "Sentence", "candidates", "context_features",
           "paragraph_sentences", "promote_scenes", "promote_unstopped", "reads_as_caption", "reload_models",
           "scene_sentences", "word_features", "word_score"]

_MODELS = Path(__file__).resolve().parents[1] / "models"
WORDS = _MODELS / "caption_words.tsv"
CONTEXT = _MODELS / "captions.json"

_SYLLABLE = _patterns.compile(r"\w+")
# A sentence's end inside a paragraph; not after a number, an initial or an abbreviation alone (``3. Tăng cường``,
# ``Gerald R. Ford``, ``TP. Tam Kỳ``).
_CUT = _patterns.compile(r"(?<=[.!?…])(?<!(?<!\S)(?:\p{N}{1,2}|\p{Lu}{1,3})[.])[ ]+(?=[\p{Lu}\p{N}\"“(])")
_GLUED = 2  # sentences a paragraph has, at least, for one of them to be a caption glued among the others


def word_features(sentence: str) -> list[str]:
    """What the word model reads of one sentence: its syllables and syllable pairs (lowercased), its first and
    last syllable and first pair, a length bucket, commas, digits, quotation marks and the share of capitalized
    words. No final stop: the archive's credit-closed captions lose theirs with the credit."""
    syllables = _SYLLABLE.findall(sentence.lower())
    return syllables + _pairs(syllables) + _shape(sentence, syllables)


def _pairs(syllables: list[str]) -> list[str]:
    return list(map("_".join, zip(syllables, syllables[1:], strict=False)))


def _shape(sentence: str, syllables: list[str]) -> list[str]:
    """The features of a sentence beyond its syllables and pairs (see :func:`word_features`)."""
    shape = [f"N:{min(len(syllables) // 4, 10)}"] + ["comma"] * min(sentence.count(","), 3)
    if syllables:
        shape += [f"F:{syllables[0]}", f"L:{syllables[-1]}"]
    if len(syllables) > 1:
        shape.append(f"F2:{syllables[0]}_{syllables[1]}")
    if any(map(str.isdigit, sentence)):
        shape.append("digit")
    if any(q in sentence for q in '"“”'):
        shape.append("quote")
    words = sentence.split()
    capitalized = sum(map(str.isupper, (w[0] for w in words)))
    shape.append(f"C:{min(capitalized * 5 // max(1, len(words)), 5)}")
    return shape


@cache
def _word_weights() -> tuple[dict[str, float], float]:
    """The word model (:func:`.lexicon.linear_model`)."""
    return linear_model(WORDS)


def word_score(sentence: str) -> float:
    """The word model's log-odds that ``sentence`` is a photo's caption."""
    weights, bias = _word_weights()
    return bias + sum(map(weights.get, word_features(sentence), repeat(0.0)))


@dataclass(frozen=True)
class Sentence:
    """A sentence of a paragraph: its range, its place in the paragraph and the body, and its word score."""

    span: Range
    index: int
    """Its place in its paragraph (0: the first)."""
    count: int
    """How many sentences its paragraph has."""
    score: float


def paragraph_sentences(text: str, structure: Structure) -> list[tuple[Range, int, int]]:
    """The sentences of the structure's paragraphs in text order, galleries left out: (span, place in its
    paragraph, the paragraph's sentence count). The text is scanned once for sentence ends."""
    if not structure.paragraphs:
        return []
    scanned = (structure.paragraphs[0][0], structure.paragraphs[-1][1])
    ends = [m.span() for m in _patterns.finditer(_CUT, text, *scanned)]
    starts = [s for s, _ in ends]
    found: list[tuple[Range, int, int]] = []
    for start, end in structure.paragraphs:
        inside = ends[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
        cuts = [(start, start), *(c for c in inside if c[1] < end), (end, end)]
        spans = [(a[1], b[0]) for a, b in zip(cuts, cuts[1:], strict=False) if b[0] > a[1]]
        if len(spans) >= _GLUED and not (len(spans) >= GALLERY_CREDITS and _is_gallery(text, start, end)):
            found += [(span, i, len(spans)) for i, span in enumerate(spans)]
    return found


def _is_gallery(text: str, start: int, end: int) -> bool:
    """As many photo credits in the paragraph as make a block a photo story for the rules (``GALLERY_CREDITS``;
    where a credit may start is a plain search: looked at first)."""
    return len(credit_starts(text, start, end)) >= GALLERY_CREDITS and \
        len(list(_patterns.finditer(credit_pattern(), text, start, end))) >= GALLERY_CREDITS


def scene_sentences(text: str, structure: Structure) -> list[Sentence]:
    """The sentences of the structure's paragraphs (:func:`paragraph_sentences`), each with its word score."""
    return [Sentence(span, i, n, word_score(text[slice(*span)])) for span, i, n in paragraph_sentences(text, structure)]


@dataclass(frozen=True)
class Photos:
    """What the whole article says of its photos before the context model reads it: whether the rules found
    captions (and how many against its sentences) and whether a photo credit appears anywhere."""

    has_captions: bool
    has_credits: bool
    caption_share: float

    @classmethod
    def of(cls, text: str, structure: Structure, sentences: list[Sentence]) -> Photos:
        _patterns.charge(len(text))
        credit = credit_pattern().search(text, timeout=_patterns.SCAN_TIMEOUT)
        return cls(bool(structure.captions), credit is not None, len(structure.captions) / max(1, len(sentences)))


# The context model's features, in the order of its weights. The sentences are those of paragraphs of two or more
# (``paragraph_sentences``): "before"/"after" are the neighbours in that list, which may lie in the paragraph
# before or after; "opens_body" is the first of the list.
CONTEXT_FEATURES = ("score", "score_before", "score_after", "opens_paragraph", "closes_paragraph", "opens_body",
                    "log_words", "short", "long", "shared_before", "shared_after", "article_has_captions",
                    "article_has_credits", "caption_share", "final_stop", "early_comma", "markers", "colon")


def context_features(text: str, sentences: list[Sentence], i: int, photos: Photos) -> list[float]:
    """The context model's readings of sentence ``i`` (named in ``CONTEXT_FEATURES``, in that order)."""
    here = sentences[i]
    before = sentences[i - 1] if i else None
    after = sentences[i + 1] if i + 1 < len(sentences) else None
    sentence = text[slice(*here.span)]
    words = len(sentence.split())
    pairs = word_pairs(text, *here.span)

    def shared(other: Sentence | None) -> float:
        return len(pairs & word_pairs(text, *other.span)) / max(1, len(pairs)) if other else 0.0

    return [here.score, before.score if before else 0.0, after.score if after else 0.0,
            float(here.index == 0), float(here.index == here.count - 1), float(i == 0),
            math.log1p(words), float(words <= 15), float(words > 30), shared(before), shared(after),
            float(photos.has_captions), float(photos.has_credits), photos.caption_share, float(sentence.endswith(".")),
            float("," in " ".join(sentence.split()[:4])), float(min(3, _markers(sentence))), float(":" in sentence)]


def _markers(sentence: str) -> int:
    """How many words that mark running text (``caption_markers``: a tense word, the copula, a pronoun) it has."""
    return len(caption_markers().findall(sentence, timeout=_patterns.SCAN_TIMEOUT))


@cache
def _context_model() -> tuple[list[float], float, float]:
    """The context model's weights (in ``CONTEXT_FEATURES`` order), its bias and the decision threshold."""
    model = json.loads(CONTEXT.read_text(encoding="utf-8"))
    weights = [model["weights"][name] for name in CONTEXT_FEATURES]
    return weights, model["bias"], model["threshold"]


_NEVER_CLOSES_A_CAPTION = frozenset("!?…")  # an exclamation, a question, a trailing off: the story's voice
_SCENE_WORDS = 3  # a caption names a scene; two words alone are a name (``Tam Kỳ.``, ``Bugatti Veyron.``)
_WORD_FLOOR = 1.0  # the word log-odds a sentence needs for the context model to read it (none it adds on dev has less)


def reads_as_caption(piece: str) -> bool:
    """The piece's words lean to a caption (a word score of ``_WORD_FLOOR`` or more)."""
    return word_score(piece) >= _WORD_FLOOR


def candidates(text: str, sentences: list[Sentence]) -> list[int]:
    """The sentences the context model reads (their indices): those whose words lean to a caption (a word score of
    ``_WORD_FLOOR`` or more), not closed by ``!``, ``?`` or ``…``. Most sentences stop here, read once."""
    return [i for i, s in enumerate(sentences) if s.score >= _WORD_FLOOR and text[s.span[1] - 1] not in
            _NEVER_CLOSES_A_CAPTION and len(text[slice(*s.span)].split()) >= _SCENE_WORDS]


def reload_models() -> None:
    """Read both models again from their files (after :mod:`dvextract._train_captions` wrote them)."""
    _word_weights.cache_clear()
    _context_model.cache_clear()


def promote_scenes(text: str, structure: Structure) -> None:
    """Move each paragraph sentence the context model reads as a caption from the paragraphs to the captions."""
    if not structure.flattened:
        return
    sentences = scene_sentences(text, structure)
    chosen = candidates(text, sentences)
    if not chosen:
        return
    weights, bias, threshold = _context_model()
    photos = Photos.of(text, structure, sentences)
    cut = math.log(threshold / (1 - threshold))
    captions = [sentences[i].span for i in chosen
                if bias + sum(w * x for w, x in zip(weights, context_features(text, sentences, i, photos),
                                                     strict=True)) >= cut]
    if captions:
        _move_to_captions(text, structure, captions)


def promote_unstopped(text: str, structure: Structure) -> None:
    """Move the captions glued without a final stop that the rules' word list misses from the paragraphs to the
    captions: a piece of 3 to 25 words (:func:`.captions.unstopped_piece`) before a sentence start the
    sentence-start model reads (:func:`.sentence_starts.unstopped_starts`), whose words lean to a caption and
    hold no word that marks running text (``… Giám đốc Học viện cho biết, trường`` | ``Cán bộ``: a clause cut
    inside a name). The text is scanned once for such starts."""
    if not (structure.flattened and structure.paragraphs):
        return
    read = unstopped_starts(text, structure.paragraphs[0][0], structure.paragraphs[-1][1])
    captions: list[Range] = []
    for start, end in structure.paragraphs:
        cursor = start
        for at in read[bisect.bisect_right(read, start) : bisect.bisect_left(read, end)]:
            piece = unstopped_piece(text, cursor, at) if at > cursor else None
            if piece is not None and reads_as_caption(text[slice(*piece)]) and not _markers(text[slice(*piece)]):
                captions.append(piece)
                cursor = at
    if captions:
        _move_to_captions(text, structure, captions)


def _move_to_captions(text: str, structure: Structure, captions: list[Range]) -> None:
    """Cut ``captions`` (sentences of the paragraphs) out of their paragraphs and add them to the captions."""
    paragraphs: list[Range] = []
    for start, end in structure.paragraphs:
        cursor = start
        for lo, hi in (c for c in captions if start <= c[0] and c[1] <= end):
            paragraphs.append(strip_range(text, cursor, lo))
            cursor = hi
        paragraphs.append(strip_range(text, cursor, end))
    structure.paragraphs = [(s, e) for s, e in paragraphs if e > s]
    structure.captions = sorted(structure.captions + captions)
