"""The shipped model: loading it, and decoding an article's blocks into mentions.

The model is a linear-chain CRF over the tokens of each mined block, with BIO labels for PERSON, ORGANIZATION,
LOCATION and TITLE, trained by ``underthesea_core``'s Rust CRFsuite-compatible trainer and decoded by
:mod:`.decode` (the same labels as ``underthesea_core``'s ``CRFTagger``, without its feature strings).
``MODEL`` ships in the wheel; ``MODEL.with_suffix(".json")`` beside it records what it was trained from (see
:mod:`dvextract._train_tagger`).
"""

from __future__ import annotations

import bisect
import tempfile
from functools import cache
from pathlib import Path

from .. import _crfsuite, _patterns
from .._entities import Found, Lexicon
from .._entities.lexicon import packaged
from .decode import Decoder

__all__ = ["MODEL", "Tagger", "default_tagger", "spans_of"]

MODEL = Path(__file__).resolve().parents[1] / "models" / "ner.crfsuite"


def spans_of(ranges: list[tuple[int, int]], labels: list[str]) -> list[Found]:
    """BIO labels over token ranges as mentions: an ``I-`` after another type starts a mention of its own."""
    found: list[Found] = []
    start = end = -1
    kind = ""
    for (s, e), label in zip(ranges, labels, strict=True):
        tag, _, label_kind = label.partition("-")
        if tag == "I" and label_kind == kind:
            end = e
            continue
        if kind:
            found.append(Found(start, end, kind))
        kind, start, end = (label_kind, s, e) if tag in ("B", "I") else ("", -1, -1)
    if kind:
        found.append(Found(start, end, kind))
    return found


def _named_runs(ranges: list[tuple[int, int]], labels: list[str]) -> tuple[list[tuple[int, int]], list[str]]:
    """The tokens not labelled ``O``, with one ``O`` kept before each run of them: the same mentions for
    :func:`spans_of`, which then reads a few tokens of a block instead of all of them."""
    kept_ranges: list[tuple[int, int]] = []
    kept_labels: list[str] = []
    after = -1
    for i in [i for i, label in enumerate(labels) if label != "O"]:
        if i != after:
            kept_ranges.append(ranges[i])
            kept_labels.append("O")
        kept_ranges.append(ranges[i])
        kept_labels.append(labels[i])
        after = i + 1
    return kept_ranges, kept_labels


_SENTENCE_END = frozenset(".!?:;\"“”'")


def _opening_capital_only(text: str, ranges: list[tuple[int, int]], found: Found) -> bool:
    """The mention's only capital is its first letter, at the start of a block or after a sentence's end:
    that capital is the sentence's, not a name's (``Ban tổ chức đã trao giải …``)."""
    rest = text[found.start + 1 : found.end]
    if any(c.isupper() for c in rest):
        return False
    k = bisect.bisect_left(ranges, (found.start, found.start))
    return k == 0 or text[ranges[k - 1][1] - 1] in _SENTENCE_END


class Tagger:
    """One loaded model file; :meth:`find` tags the blocks of an article's working text."""

    def __init__(self, path: str | Path = MODEL):
        self.path = Path(path)
        self.decoder = Decoder(_crfsuite.read_file(self.path))
        self.labels = self.decoder.labels
        self.decoded = 0  # tokens decoded so far: the model's work, counted for the tests

    @classmethod
    def from_bytes(cls, data: bytes) -> Tagger:
        """A model from its file's bytes (``nlp.to_bytes``): the shipped one when it is the same, else a copy
        written to a temporary file (``path`` is what the pipeline saves)."""
        if MODEL.exists() and data == MODEL.read_bytes():
            return default_tagger()
        path = Path(tempfile.mkdtemp(prefix="dvextract-tagger-")) / MODEL.name
        path.write_bytes(data)
        return cls(path)

    def find(self, text: str, blocks: list[tuple[int, int]], lex: Lexicon | None = None) -> list[Found]:
        """The model's mentions in ``blocks`` of ``text`` (the whole text when there are none)."""
        found: list[Found] = []
        for block in self.decoder.decode(text, blocks or [(0, len(text))], lex or packaged()):
            self.decoded += len(block.ranges)
            _patterns.charge(len(block.ranges))  # the block's tokens once more: the article's budget is checked
            ranges, labels = _named_runs(block.ranges, block.labels)
            found += [f for f in spans_of(ranges, labels) if not _opening_capital_only(text, block.ranges, f)]
        return found


@cache
def default_tagger() -> Tagger:
    """The shipped model, loaded once per process."""
    return Tagger(MODEL)
