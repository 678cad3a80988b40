"""People, titles, organisations and places.

Contract with the pipeline: ``find_entities(text, blocks, authors, sources=…)`` scans the working text
(normalized; boilerplate blanked with spaces) and returns one :class:`Found` per mention: offsets into ``text``,
the type (PERSON, TITLE, ORGANIZATION, LOCATION) and the expansion of its abbreviations (or None).
``blocks`` are the mined ranges (title, paragraphs, captions); ``authors`` are the ranges of the byline's
author names, each a PERSON; ``sources`` the papers and agencies the byline credits, ORGANIZATIONs.

How: one regex pass cuts the text into tokens (:class:`scan.Scan`); a left-to-right scan (:mod:`.mentions`)
then applies the grammar of Vietnamese names (:mod:`.names`: surname + given names, honorific + name), titles
(:mod:`.titles`: ``Phó`` + head + ``Thường trực`` + the organisation that follows), organisations (:mod:`.orgs`:
a head such as ``Ban``/``Sở``/``Bộ`` + its name + its locality or parent body) and places (:mod:`.places`: a unit
word + a name, or a known province, country or place). Every word list is data (``dvextract/data/*.tsv``, read
by :mod:`.lexicon`); a user adds entries with :func:`load_gazetteer`. The scan does bounded work per token, so
its cost is linear in the text's length.
"""

from __future__ import annotations

from collections.abc import Sequence

from .consistency import one_reading
from .lexicon import Lexicon, load_gazetteer, packaged
from .mentions import scan_block
from .names import short_references
from .places import known_places
from .scan import Found, Range, Scan

__all__ = ["Found", "Lexicon", "find_entities", "load_gazetteer", "one_reading"]


def find_entities(
    text: str, blocks: list[Range], authors: Sequence[Range] = (), lexicon: Lexicon | None = None,
    sources: list[Range] | None = None,
) -> list[Found]:
    """Every entity mention of ``text`` inside ``blocks`` (the whole text when there are none); each of the
    byline's ``authors`` is a PERSON of its own (``Minh Châu - Lan Anh`` is two people) and the papers and agencies
    it credits (``sources``: `Theo DM/Ins`) are ORGANIZATIONs."""
    lex = lexicon or packaged()
    found: list[Found] = []
    scans = [Scan(text, start, end, lex) for start, end in blocks or [(0, len(text))]]
    for scan in scans:
        found += scan_block(scan)
    credited = [(s, e, "PERSON") for s, e in authors] + [(s, e, "ORGANIZATION") for s, e in sources or []]
    for start, end, kind in credited:
        if not any(f.start < end and start < f.end for f in found):
            found.append(Found(start, end, kind))
    found = known_places(lex, scans, found)
    found = short_references(text, scans, found)
    return sorted(set(found), key=lambda f: (f.start, -f.end, f.type))
