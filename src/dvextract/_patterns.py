"""Every pattern dvextract runs goes through here, so none can run away on hostile input.

Patterns are compiled with the ``regex`` module and scanned under its timeout. A scan that hits the limit
raises :class:`PatternTimeout`; the pipeline turns it into a warning on the article and goes on.

A timeout bounds one scan, not the number of scans: a component that scans the rest of a sentence once per
number is quadratic with every scan under the limit. So each component of an article also runs under a
:class:`Budget` of characters scanned (:func:`charged`): every :func:`finditer` charges the length of the range
it scans, and a component that spends its budget stops with :class:`OverBudget` (a :class:`PatternTimeout`, so
every component that survives a timeout survives it too).

A budget's CPU backstop is the article's, not the component's: one article may spend :data:`ARTICLE_SECONDS` of
its own thread's CPU in the whole pipeline, and each component's budget gets what is left of it (the components
keep the account on the article's state, see ``dvextract._components``). Work no :func:`finditer` scans (the
tagger's decoding) calls :func:`charge` per block, so the clock is read there too.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import regex

__all__ = ["ARTICLE_SECONDS", "BUDGET_BASE", "BUDGET_PER_CHAR", "SCAN_TIMEOUT", "Budget", "OverBudget",
           "PatternTimeout", "charge", "charged", "compile", "finditer"]

SCAN_TIMEOUT = 1.0
"""Seconds one scan of one article may take before it is abandoned."""
BUDGET_PER_CHAR = 100
"""Characters one component may scan per character of its article (the archive's articles scan at most 3)."""
BUDGET_BASE = 1_000_000
"""Characters every component may scan whatever the article's length (short articles scan their text often)."""
ARTICLE_SECONDS = 4.0
"""CPU seconds (of the thread doing the work) one article may spend in the whole pipeline, the Reader's
segmentation and every component together: the backstop for work no scan counts, checked every 64 scans. Real
articles take milliseconds, and the worst hostile text found at the size limit about 5 CPU seconds (issue #19):
a few seconds per article is the promise, so one bound for the article, not one per component (six of those let
a hostile article spend six times as much). Waiting in a batch costs nothing: only the article's own work counts."""


class PatternTimeout(RuntimeError):
    """A scan took longer than :data:`SCAN_TIMEOUT`."""


class OverBudget(PatternTimeout):
    """A component scanned more than its :class:`Budget` allows on one article."""


class Budget:
    """The work one component may do on one article: characters scanned, and CPU seconds as a backstop."""

    def __init__(self, chars: int, seconds: float | None = None) -> None:
        self.limit = chars
        self.spent = 0
        self.scans = 0
        self.seconds = ARTICLE_SECONDS if seconds is None else seconds
        self._deadline = time.thread_time() + self.seconds  # this thread's CPU: other threads' work is theirs

    @classmethod
    def for_text(cls, length: int, seconds: float | None = None) -> Budget:
        """The budget of a component reading ``length`` characters (linear in the article), with ``seconds`` of
        CPU (what is left of the article's :data:`ARTICLE_SECONDS`)."""
        return cls(BUDGET_BASE + BUDGET_PER_CHAR * length, seconds)

    def charge(self, chars: int) -> None:
        """Count a scan of ``chars`` characters; :class:`OverBudget` once the budget is spent."""
        self.spent += chars
        self.scans += 1
        if self.spent > self.limit:
            raise OverBudget(f"scanned {self.spent:,} characters, over the budget of {self.limit:,}")
        if (self.scans % _CLOCK_EVERY == 0 or chars >= _CLOCK_CHARS) and time.thread_time() > self._deadline:
            raise OverBudget(f"over its {self.seconds:.2g} CPU seconds after {self.scans:,} scans")


_CLOCK_EVERY = 64
_CLOCK_CHARS = 4096  # reading the clock costs: every 64 scans, or at a scan this long (a block the tagger decodes)
_current: ContextVar[Budget | None] = ContextVar("dvextract_budget", default=None)


@contextmanager
def charged(budget: Budget) -> Iterator[Budget]:
    """Charge every :func:`finditer` inside the block to ``budget``."""
    token = _current.set(budget)
    try:
        yield budget
    finally:
        _current.reset(token)


def compile(pattern: str, flags: int = 0, **named_lists: list[str]) -> regex.Pattern[str]:  # noqa: A001 - mirrors re.compile
    """``regex.compile``; ``named_lists`` fill ``\\L<name>`` in the pattern."""
    compiled: regex.Pattern[str] = regex.compile(pattern, flags, **named_lists)  # type: ignore[arg-type]
    return compiled


def charge(chars: int) -> None:
    """Count a scan of ``chars`` characters to the current :class:`Budget`, if any: what :func:`finditer` does
    first, and what a scan run without the timeout does (a pattern proven linear, listed with its reason in
    ``tests/test_patterns.py``: the timeout's per-match check costs as much as such a pattern's match)."""
    budget = _current.get()
    if budget is not None:
        budget.charge(max(0, chars))


def finditer(pattern: regex.Pattern[str], text: str, pos: int = 0, endpos: int | None = None) -> Iterator[regex.Match[str]]:
    """``pattern.finditer`` under the scan timeout, charged to the current :class:`Budget` (if any).

    The scan finishes before this returns: the regex module's clock runs for the iterator's whole life, so a
    lazy scan would also count the caller's own work between matches. The matches come back through a list's
    iterator, not a generator (a generator resumed its frame once per match: a token scan's main cost).
    """
    end = len(text) if endpos is None else min(endpos, len(text))
    charge(end - pos)
    try:
        matches = list(pattern.finditer(text, pos, end, timeout=SCAN_TIMEOUT))
    except TimeoutError as exc:
        raise PatternTimeout(f"pattern {pattern.pattern[:60]!r} exceeded {SCAN_TIMEOUT}s") from exc
    return iter(matches)
