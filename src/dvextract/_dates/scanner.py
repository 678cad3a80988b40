"""The scanner compiled from the rule list: one left-to-right pass that, at each word able to open a rule (a
number, or the first word of a table entry), tries only the rules that word opens, so its cost is linear in the
text and small per article."""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from functools import cache
from typing import NamedTuple

import regex

from .. import _patterns
from .._alternation import prefix_tree
from .grammar import START, vocabulary
from .lexicon import Lexicon, fold, lexicon
from .parts import Parts
from .rules import DIGIT, RULES, Rule, Slots, group_prefix

__all__ = ["Scanner", "atoms", "scanner"]


class Scanner(NamedTuple):
    by_opener: dict[str, regex.Pattern[str]]  # first word of a match (or DIGIT) → the rules it opens, in order
    openers: regex.Pattern[str]  # where a match can start
    rules: dict[str, Rule]


def _opening_words(rule: Rule, lx: Lexicon) -> list[str]:
    tables: dict[str, Mapping[str, object]] = {
        "numbers": lx.numbers, "holidays": lx.holidays, "terms": lx.terms, "units": lx.units, "seasons": lx.seasons,
        "weekdays": lx.weekdays, "relative": lx.relative, "parts_of_day": lx.parts_of_day, "edges": lx.edges,
    }
    words: list[str] = []
    for name in rule.opens:
        words += [DIGIT] if name == DIGIT else list(tables[name]) if name in tables else lx.words[name]
    return words


def _rule_pattern(rule: Rule) -> str:
    """The rule's pattern with its pieces filled in and its groups named after it, inside a group of its name
    (which ``match.lastgroup`` then gives: the rule's group closes last)."""
    prefix = group_prefix(rule.name)
    own = rule.pattern.replace("(?P<", f"(?P<{prefix}").replace("(?P=", f"(?P={prefix}")
    return f"(?P<{rule.name}>{own.format_map(vocabulary())})"


@cache
def scanner() -> Scanner:
    lx = lexicon()
    openings: dict[str, list[int]] = {}
    for i, rule in enumerate(RULES):
        for word in _opening_words(rule, lx):
            key = DIGIT if word == DIGIT else fold(word).split(" ")[0]
            if i not in openings.setdefault(key, []):
                openings[key].append(i)
    # One pattern per opening word, holding (in order) the rules that can start with it: a scan tries only
    # those at each word start, instead of every rule at every character.
    compiled: dict[tuple[int, ...], regex.Pattern[str]] = {}
    by_opener = {}
    for key, indices in openings.items():
        group = tuple(indices)
        if group not in compiled:
            body = "|".join(_rule_pattern(RULES[i]) for i in group)
            compiled[group] = _patterns.compile(f"{START}(?:{body})", regex.I)
        by_opener[key] = compiled[group]
    words = sorted(k for k in by_opener if k != DIGIT)
    openers = _patterns.compile(rf"(?<![\w/.,-])\d|(?<![\w/]){prefix_tree(words)}(?![^\W\d])", regex.I)
    return Scanner(by_opener, openers, {rule.name: rule for rule in RULES})


def atoms(text: str) -> list[Parts]:
    """What the rules read in ``text``, left to right, not overlapping."""
    sc, lx = scanner(), lexicon()
    found = []
    for m in _matches(text, sc):
        rule = sc.rules[m.lastgroup or ""]
        atom = rule.build(Slots(m, rule.name), lx)
        if atom is not None:
            found.append(atom)
    return found


def _matches(text: str, sc: Scanner) -> Iterator[regex.Match[str]]:
    """At each word start, the pattern its word opens; a match is never overlapped by the next."""
    deadline = time.monotonic() + _patterns.SCAN_TIMEOUT
    end = 0
    for i, w in enumerate(_patterns.finditer(sc.openers, text)):
        start = w.start()
        if start < end:
            continue
        if not i & 1023 and time.monotonic() > deadline:
            raise _patterns.PatternTimeout(f"date scan exceeded {_patterns.SCAN_TIMEOUT}s")
        word = w.group()
        pattern = sc.by_opener.get(DIGIT if word.isdigit() else word.casefold())  # digits never after . or ,
        while pattern is not None:
            try:
                m = pattern.match(text, start, timeout=_patterns.SCAN_TIMEOUT)
            except TimeoutError as exc:
                raise _patterns.PatternTimeout(f"date pattern exceeded {_patterns.SCAN_TIMEOUT}s") from exc
            if m is None:
                break
            end = m.end()
            yield m
            # A number right after a dash starts an atom only as the end of a range: 30/4-1/5.
            pattern = None
            if text[end : end + 1] == "-" and text[end + 1 : end + 2].isdigit():
                start, pattern = end + 1, sc.by_opener[DIGIT]
