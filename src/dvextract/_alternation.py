"""Regex pieces built from data: an alternation of words, and the integers of a range.

One helper for every extractor, so that a word list always becomes a pattern the same way: each word escaped,
the longest first (the regex module takes the first alternative that matches, so ``vào lúc`` must come before
``vào``), and, when asked, the spaces inside a word matching any run of spaces.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import regex

__all__ = ["alternation", "integer_range", "prefix_tree"]


def alternation(words: Iterable[str], space: str | None = None) -> str:
    """``(?:w1|w2|…)``: the distinct non-empty ``words``, escaped, longest first (ties in code-point order).

    With ``space`` (a pattern, e.g. ``[^\\S\\n]+``), a word's inner whitespace matches that pattern instead of
    the exact spaces written in the data.
    """
    forms = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    if space is None:
        return "(?:" + "|".join(regex.escape(w) for w in forms) + ")"
    return "(?:" + "|".join(space.join(regex.escape(part) for part in w.split()) for w in forms) + ")"


def prefix_tree(words: Iterable[str]) -> str:
    """The words as a prefix tree (``b(?:a|uổi|ảy)``): what :func:`alternation` matches, the longest word first,
    but each character tried once per branch instead of once per word. Where a pattern is tried at every word
    start (the date scanner's openers), the regex module's ``\\L<list>`` and the flat alternation cost about
    twice the tree."""
    tree: dict[str, dict[str, Any]] = {}
    for word in {w for w in words if w}:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(tree) if tree else "(?:)"


def _branches(node: dict[str, dict[str, Any]]) -> str:
    """A node's continuations, in code-point order (any order matches the same: the words matching at one
    place are prefixes of each other, and each branch tries its longer words before its shorter), optional
    when a word ends here."""
    arms = [regex.escape(char) + _branches(child) for char, child in sorted(node.items()) if char]
    if not arms:
        return ""
    body = arms[0] if len(arms) == 1 and "" not in node else "(?:" + "|".join(arms) + ")"
    return body + ("?" if "" in node else "")


def integer_range(low: int, high: int) -> str:
    """``(?:…)`` matching the decimal integers from ``low`` to ``high`` (no sign, no leading zeros).

    The caller adds what may not follow (``(?!\\d)``); ``integer_range(1500, 2199)`` is
    ``(?:1[5-9]\\d\\d|2[01]\\d\\d)``.
    """
    if not 0 <= low <= high:
        raise ValueError(f"not a range of natural numbers: {low}..{high}")
    return "(?:" + "|".join(_ranges(str(low), str(high))) + ")"


def _ranges(low: str, high: str) -> list[str]:
    """Patterns for the integers from ``low`` to ``high`` written with the same number of digits or more."""
    if len(low) < len(high):
        return _ranges(low, "9" * len(low)) + _ranges("1" + "0" * len(low), high)
    return _same_length(low, high)


def _same_length(low: str, high: str) -> list[str]:
    """Patterns for the integers from ``low`` to ``high``, both written with the same number of digits."""
    if not low:
        return [""]
    if low[0] == high[0]:
        return [low[0] + rest for rest in _same_length(low[1:], high[1:])]
    tail = len(low) - 1
    if low[1:] == "0" * tail and high[1:] == "9" * tail:
        return [_digits(low[0], high[0]) + r"\d" * tail]
    out = [low[0] + rest for rest in _same_length(low[1:], "9" * tail)]
    if int(high[0]) - int(low[0]) > 1:
        out.append(_digits(str(int(low[0]) + 1), str(int(high[0]) - 1)) + r"\d" * tail)
    return out + [high[0] + rest for rest in _same_length("0" * tail, high[1:])]


def _digits(low: str, high: str) -> str:
    if (low, high) == ("0", "9"):
        return r"\d"
    return low if low == high else f"[{low}-{high}]"
