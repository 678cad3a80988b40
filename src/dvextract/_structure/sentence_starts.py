"""Where a sentence starts with no stop before it: the end of a caption glued into a flattened body without its
final stop (``… tài xế nhanh chóng nhảy ra ngoài thoát hiểm Lực lượng PCCC nhanh chóng có mặt …``).

Vietnamese capitalizes every syllable of a name and the first word of an organisation, so a capitalized word
after a lowercase one tells nothing alone; the rules of :mod:`.captions` cut only before the words of
``sentence_openers.tsv``. This model reads the whole family from the archive itself, with no hand label: every
sentence start after a stop, the stop taken away, is a start (``… thoát hiểm. Lực lượng``), and every capitalized
word after a lowercase one inside a sentence is not (``… ông Nguyễn``, ``… tỉnh Ninh Bình``). A logistic regression
over the words on either side (lowercased), their pairs and their case; ``models/sentence_starts.tsv`` holds its
weights, trained by :mod:`dvextract._train_captions`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from functools import cache
from itertools import repeat
from pathlib import Path

from .. import _patterns
from .lexicon import linear_model

__all__ = ["STARTS", "reload_weights", "start_examples", "start_features", "unstopped_starts"]

STARTS = Path(__file__).resolve().parents[1] / "models" / "sentence_starts.tsv"

_TOKEN = _patterns.compile(r"\S+")
# The space before a capitalized word that follows a word ending in a letter or a digit and comes before a
# lowercase word: where a sentence may start with no stop before it.
_PLACE = _patterns.compile(r"(?<=[\p{L}\p{N}])[ ]+(?=\p{Lu}\S*[ ]+\p{Ll})")
_EDGES = ".,:;!?…\"“”()[]'"
_EARLIER = 4  # words before the place, besides the one right before it, whose capitals the model counts
# The model's log-odds of a start, at least, where a caption may end: 0.8 (on the dev structure gold, 0.7 found
# more captions and cut inside more organisation names, ``Liên minh Chống Vi phạm`` | ``Bản quyền``).
_START_FLOOR = math.log(0.8 / 0.2)


def start_features(earlier: list[str], before: str, after: str, after2: str) -> list[str]:
    """What the model reads at a capitalized word ``after`` that follows ``before`` with no stop between: the
    words on either side and their pairs (lowercased, brackets and quotes cut off), the case of the word before
    and of the one after next, how many of the ``earlier`` words (up to four, the nearest last) are capitalized
    (inside a name: ``Liên minh Chống Vi phạm`` | ``Bản quyền``), and whether the word before holds a digit."""
    before2 = earlier[-1] if earlier else ""
    b2, b, a, a2 = (w.strip(_EDGES).lower() for w in (before2, before, after, after2))
    capitals = sum(w[:1].isupper() for w in earlier[-_EARLIER:])
    features = [f"b:{b}", f"a:{a}", f"aa:{a}_{a2}", f"bb:{b2}_{b}", f"ba:{b}_{a}", f"caps:{capitals}",
                "a2:cap" if after2[:1].isupper() else "a2:low", "b:cap" if before[:1].isupper() else "b:low"]
    if any(map(str.isdigit, before)):
        features.append("b:digit")
    return features


@cache
def _weights() -> tuple[dict[str, float], float]:
    """The model (:func:`.lexicon.linear_model`)."""
    return linear_model(STARTS)


def reload_weights() -> None:
    """Read the model again from its file (after :mod:`dvextract._train_captions` wrote it)."""
    _weights.cache_clear()


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [m.span() for m in _patterns.finditer(_TOKEN, text, start, end)]


def unstopped_starts(text: str, start: int, end: int) -> list[int]:
    """Where the model reads a sentence start with no stop before it, between ``start`` and ``end``: a
    capitalized word after a word that ends in a letter or a digit, before a lowercase word."""
    weights, bias = _weights()
    found = []
    for m in _patterns.finditer(_PLACE, text, start, end):
        behind, ahead = _words_around(text, start, end, m.start(), m.end())
        if not behind or len(ahead) < 2:  # a "word" longer than the reach
            continue
        features = start_features(behind[-1 - _EARLIER : -1], behind[-1], ahead[0], ahead[1])
        if bias + sum(map(weights.get, features, repeat(0.0))) >= _START_FLOOR:
            found.append(m.end())
    return found


_REACH = 120  # characters read on either side of a place: five words before it, two after, and more


def _words_around(text: str, floor: int, ceiling: int, before: int, after: int) -> tuple[list[str], list[str]]:
    """The words of the line that end at ``before`` (the last one right before it; a word the reach cut is dropped)
    and the two that start at ``after``, none outside ``floor`` to ``ceiling``."""
    lo = max(floor, text.rfind("\n", floor, before) + 1, before - _REACH)  # one line, as the model learned
    behind = text[lo:before].split()
    if lo > floor and not text[lo - 1].isspace():
        behind = behind[1:]
    return behind, text[after : min(ceiling, after + _REACH)].split(maxsplit=2)


def start_examples(text: str) -> Iterator[tuple[list[str], int]]:
    """Training examples from one line of text: (features, 1) at each sentence start after a stop, the stop taken
    away (not after an initial or an abbreviation: ``R. Ford``, ``TP. Hà Nội``); (features, 0) at each
    capitalized word inside a sentence. Both only where :func:`unstopped_starts` reads: after a word that ends
    in a letter or a digit (once the stop is gone), before a lowercase word."""
    tokens = [text[slice(*span)] for span in _tokens(text, 0, len(text))]
    for i in range(1, len(tokens) - 2):
        before, after, after2 = tokens[i : i + 3]
        if not (after[0].isupper() and after2[0].islower()):
            continue
        earlier = tokens[max(0, i - _EARLIER) : i]
        if before.endswith(".") and before[-2:-1].isalnum() and len(before) > 2 and not before[:-1].isupper():
            yield start_features(earlier, before[:-1], after, after2), 1
        elif before[-1].isalnum():
            yield start_features(earlier, before, after, after2), 0
