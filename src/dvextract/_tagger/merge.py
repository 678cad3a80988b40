"""One arbitration between the rules' mentions and the model's, chosen on dev by 5-fold CV
(``benchmarks/cv_tagger.py``, table in ``benchmarks/results/cv_tagger.md``): **the rules win wherever they
fired; the model adds what no rule found**.

A model PERSON, ORGANIZATION or LOCATION is added when it overlaps no rule mention (of any type, TITLE
included); every rule mention stays as it is, with its expansion (so a user's gazetteer entry is never
overridden). Letting the model's edges and type win on overlaps scored a little higher in CV (ALL strict F1
0.837 against 0.827, lenient 0.894 against 0.891) but broke exact readings the rules' grammar gets right on
short texts (``Cung văn hóa Lao động`` cut to ``Cung văn hóa Lao``, ``tỉnh Bắc Ninh`` to ``Bắc Ninh``): a
0.01 gain on dev does not pay for mentions the examples (``corpora/examples``) pin.
"""

from __future__ import annotations

import bisect
import itertools

from .._entities import Found

__all__ = ["NAMED", "arbitrate"]

NAMED = frozenset({"PERSON", "ORGANIZATION", "LOCATION"})


def arbitrate(rules: list[Found], model: list[Found]) -> list[Found]:
    """The rules' mentions and the model's named mentions that overlap none of them, sorted as the rules'."""
    spans = sorted((r.start, r.end) for r in rules)
    reach = list(itertools.accumulate((e for _, e in spans), max))  # the furthest end of the first i + 1 spans
    added = [m for m in model if m.type in NAMED and not _overlaps(spans, reach, m)]
    return sorted(set(rules) | set(added), key=lambda f: (f.start, -f.end, f.type))


def _overlaps(spans: list[tuple[int, int]], reach: list[int], m: Found) -> bool:
    """Whether ``m`` overlaps one of ``spans`` (sorted by start): only those starting before its end can, and one
    does when the furthest of their ends is past its start (one lookup, not a walk over every span before it)."""
    before = bisect.bisect_left(spans, (m.end, m.end))
    return before > 0 and reach[before - 1] > m.start
