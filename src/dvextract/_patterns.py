"""Every pattern dvextract runs goes through here, so none can run away on hostile input.

Patterns are compiled with the ``regex`` module and scanned under its timeout. A scan that hits the limit
raises :class:`PatternTimeout`; the pipeline turns it into a warning on the article and goes on.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

__all__ = ["SCAN_TIMEOUT", "PatternTimeout", "compile", "finditer"]

SCAN_TIMEOUT = 1.0
"""Seconds one scan of one article may take before it is abandoned."""


class PatternTimeout(RuntimeError):
    """A scan took longer than :data:`SCAN_TIMEOUT`."""


def compile(pattern: str, flags: int = 0, **named_lists: list[str]) -> regex.Pattern[str]:  # noqa: A001 - mirrors re.compile
    """``regex.compile``; ``named_lists`` fill ``\\L<name>`` in the pattern."""
    return regex.compile(pattern, flags, **named_lists)


def finditer(pattern: regex.Pattern[str], text: str, pos: int = 0, endpos: int | None = None) -> Iterator[regex.Match[str]]:
    """``pattern.finditer`` under the scan timeout.

    The scan finishes before the first match is yielded: the regex module's clock runs for the iterator's whole
    life, so a lazy scan would also count the caller's own work between matches.
    """
    try:
        matches = list(pattern.finditer(text, pos, len(text) if endpos is None else endpos, timeout=SCAN_TIMEOUT))
    except TimeoutError as exc:
        raise PatternTimeout(f"pattern {pattern.pattern[:60]!r} exceeded {SCAN_TIMEOUT}s") from exc
    yield from matches
