"""Sentences and words through underthesea, aligned to the working text.

underthesea's CRF word segmenter splits party and state compounds when their tone marks are in the new style
(``Tỉnh uỷ viên`` → ``Tỉnh`` + ``uỷ viên``) and sometimes even in the old one. Compounds listed in
``data/compounds.tsv`` are therefore forced whole after segmentation, whichever style the input used.
"""

from __future__ import annotations

from functools import cache

from . import _patterns
from ._resources import table

__all__ = ["Range", "sentences", "words"]

Range = tuple[int, int]
_FALLBACK = _patterns.compile(r"\w+|[^\w\s]")


@cache
def _compounds() -> _patterns.regex.Pattern[str]:
    phrases = sorted((row["phrase"] for row in table("compounds")), key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(_patterns.regex.escape, p.split())) for p in phrases)
    return _patterns.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", _patterns.regex.IGNORECASE)


def sentences(text: str, block: Range) -> list[Range]:
    """The sentences of one block, as ranges of ``text``."""
    from underthesea import sent_tokenize

    start, end = block
    found: list[Range] = []
    cursor = start
    for sentence in sent_tokenize(text[start:end]):
        pos = text.find(sentence, cursor, end)
        if pos < 0:  # underthesea changed the sentence: keep what is left of the block as one
            break
        found.append((pos, pos + len(sentence)))
        cursor = pos + len(sentence)
    rest = text[cursor:end].strip()
    if rest:
        pos = text.find(rest, cursor, end)
        found.append((pos, pos + len(rest)))
    return found


def words(text: str, sentence: Range) -> list[Range]:
    """The words of one sentence (a multi-syllable word is one range), as ranges of ``text``."""
    from underthesea import word_tokenize

    start, end = sentence
    atoms, groups = _align(text, sentence, word_tokenize(text[start:end], use_token_normalize=False))
    _force_compounds(text, sentence, atoms, groups)
    ranges: list[Range] = []
    for i, (s, e) in enumerate(atoms):
        if i and groups[i] == groups[i - 1]:
            ranges[-1] = (ranges[-1][0], e)
        else:
            ranges.append((s, e))
    return ranges


def _align(text: str, sentence: Range, tokens: list[str]) -> tuple[list[Range], list[int]]:
    """underthesea's tokens as syllable ranges of ``text``, each with the index of the token it belongs to."""
    atoms: list[Range] = []
    groups: list[int] = []
    cursor, end = sentence
    for n, token in enumerate(tokens):
        for part in token.split(" "):
            pos = text.find(part, cursor, end)
            if pos < 0 or text[cursor:pos].strip():
                # underthesea's token is not the text's: fall back to plain syllables for the rest.
                for m in _patterns.finditer(_FALLBACK, text, cursor, end):
                    atoms.append(m.span())
                    groups.append(len(tokens) + len(groups))
                return atoms, groups
            atoms.append((pos, pos + len(part)))
            groups.append(n)
            cursor = pos + len(part)
    return atoms, groups


def _force_compounds(text: str, sentence: Range, atoms: list[Range], groups: list[int]) -> None:
    """Make each listed compound one word: cut before and after it, join what lies inside."""
    if not atoms:
        return
    index = {s: i for i, (s, _) in enumerate(atoms)}
    ends = {e: i for i, (_, e) in enumerate(atoms)}
    fresh = max(groups) + 1
    for m in _patterns.finditer(_compounds(), text, *sentence):
        first, last = index.get(m.start()), ends.get(m.end())
        if first is None or last is None:
            continue
        after = last + 1
        if after < len(groups) and groups[after] == groups[last]:
            old = groups[last]
            for k in range(after, len(groups)):
                if groups[k] != old:
                    break
                groups[k] = fresh
            fresh += 1
        for k in range(first, last + 1):
            groups[k] = fresh
        fresh += 1
