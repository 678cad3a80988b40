"""Whether an input can be read as an article at all: the one check the pipeline and the input readers share.

It sits apart from the pipeline so that reading files (``_inputs``) can refuse a page without importing spaCy.
"""

from __future__ import annotations

import unicodedata
from typing import TypedDict

import regex

from . import _patterns

__all__ = ["MAX_CHARS", "Refusal", "refusal"]

MAX_CHARS = 200_000
"""Longer articles are refused with an error record. The archive's longest article has 19,466 characters; hostile
text at this limit (``tests/test_adversarial.py`` and issue #19's inputs) takes up to about 5 CPU seconds, linear
in its length."""


class Refusal(TypedDict):
    """The fields of an error ``Notice``: why the input is not read."""

    code: str
    message: str
    severity: str


def refusal(text: str) -> Refusal | None:
    """Why an input cannot be read as an article, or None."""
    if not text.strip():
        return _error("empty_text", "the article has no text")
    if len(text) > MAX_CHARS:
        return _error("too_large", f"{len(text):,} characters, over the limit of {MAX_CHARS:,}")
    sample = unicodedata.normalize("NFC", text[:20000])
    junk = len(_JUNK.findall(sample))
    if junk > 0.05 * len(sample):
        return _error("binary", f"{junk} of the first {len(sample)} characters are control or undecodable")
    letters = sum(map(str.isalpha, sample))
    if letters >= 200:
        viet = sum(map(_VIETNAMESE_LETTERS.__contains__, sample))
        if viet < 0.03 * letters:
            return _error("not_vietnamese", "the text does not look Vietnamese (too few Vietnamese letters)")
    return None


def _error(code: str, message: str) -> Refusal:
    return {"code": code, "message": message, "severity": "error"}


_VIETNAMESE_LETTERS = frozenset(
    "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
)
# Counted by a pattern rather than character by character (the check reads up to 20,000 characters).
_JUNK = _patterns.compile(r"[[\ufffd\p{Cc}\p{Cs}\p{Co}]--[\n\r\t]]", regex.V1)
