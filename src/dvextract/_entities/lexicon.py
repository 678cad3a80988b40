"""The scanner's language data: every phrase it knows (titles, bodies, places, honorifics, cue words …) read
from ``dvextract/data/*.tsv`` and the user's gazetteers, keyed by lowercase tokens for look-up.

A phrase is tokenized the way text is (:data:`TOKEN`) and normalized the way text is, so either tone-mark style
matches (``uỷ``/``ủy``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import NamedTuple

from .. import _patterns
from .._resources import read_table, table

__all__ = ["PASSIVE", "TOKEN", "TYPES", "Entry", "Lexicon", "grammar_words", "load_gazetteer", "packaged"]

TYPES = ("PERSON", "TITLE", "ORGANIZATION", "LOCATION")
"""The types a user's gazetteer entry may have (and the types of mentions)."""

# Tokens: dotted capitals (TP.HCM, PGS.TS, N.N.H, initials keep their final period), numbers with their
# separators as one token, words joined by & or - (GD&ĐT, VH-TT-DL), and runs of other marks as one token.
TOKEN = _patterns.compile(
    r"\p{Lu}{1,4}(?:\.\p{Lu}{1,4}(?!\p{Ll}))+(?:(?<=\.\p{Lu})\.)?"
    r"|\d+(?:[.,]\d+)*[\p{L}\d]*"
    r"|\w+(?:[&-]\w+)*"
    r"|[^\w\s]+"
)

PASSIVE = frozenset({"stop", "cue", "title_post", "locality_unit", "ministry", "body_place", "venue_cue", "generic",
                     "unit_compound", "deictic", "bare_body", "name_break", "particle", "link"})
"""Kinds of phrase that never begin a mention on their own (their first words are not scan starters)."""


@cache
def grammar_words(role: str) -> frozenset[str]:
    """The function words of one role in ``grammar_words.tsv`` (`and`: `và`; `number`: `số`; …)."""
    return frozenset(r["word"] for r in table("grammar_words") if r["role"] == role)


class Entry(NamedTuple):
    kind: str
    """The table it comes from: title, title_pre, title_post, ministry, org, body_place, place, country, unit,
    locality_unit, unit_compound, venue, venue_cue, generic, place_intro, honorific, link, particle, media,
    media_intro, stop, name_break, cue, deictic, bare_body; or PERSON/ORGANIZATION/LOCATION/TITLE for a user's
    gazetteer entry."""
    form: tuple[str, ...]
    info: str = ""


class Lexicon(NamedTuple):
    """Every phrase the scanner knows, keyed by its lowercase tokens."""

    phrases: dict[tuple[str, ...], tuple[Entry, ...]]
    lengths: dict[str, tuple[int, ...]]
    starters: frozenset[str]
    """First words of the phrases that can begin a mention (not stop words or cues)."""
    surnames: frozenset[str]
    abbreviations: dict[str, str]
    firsts: dict[str, frozenset[str]]
    """First words of the phrases of each kind, to skip look-ups that cannot match."""


def _normal(s: str) -> str:
    """Data goes through the same normalization as text, so either tone-mark style matches (``uỷ``/``ủy``)."""
    from .._text import normalize

    return normalize(unicodedata.normalize("NFC", s.strip())).text


def _form(s: str) -> tuple[str, ...]:
    """The tokens of a phrase as data writes it."""
    return tuple(m.group() for m in TOKEN.finditer(_normal(s)))


def _packaged_entries() -> list[Entry]:
    """Every packaged phrase, in the order the lexicon lists a phrase's entries (the first that fits wins)."""
    rows: list[Entry] = []

    def add(kind: str, name: str, column: str, info_column: str | None = None) -> None:
        for row in table(name):
            rows.append(Entry(kind, _form(row[column]), row[info_column] if info_column else ""))

    def add_where(kind: str, name: str, column: str, where: str, value: str) -> None:
        rows.extend(Entry(kind, _form(row[column])) for row in table(name) if row[where] == value)

    add("title", "titles", "title", "needs_org")
    for row in table("title_parts"):
        rows.append(Entry("title_pre" if row["position"] == "before" else "title_post", _form(row["part"])))
    add("org", "organisations", "organisation", "kind")
    add("place", "provinces", "province")
    add("place", "places", "place")
    add("country", "countries", "country", "cue")
    add("unit", "admin_units", "unit", "takes")
    add_where("locality_unit", "admin_units", "unit", "locality", "yes")
    add("ministry", "ministries", "ministry")
    add("body_place", "body_places", "word")
    add("honorific", "honorifics", "honorific")
    add("link", "title_links", "word")
    add("particle", "name_particles", "particle")
    add("media", "media", "media")
    add("media_intro", "media_intros", "word")
    add("stop", "name_stops", "word", "inside")
    add_where("name_break", "name_stops", "word", "name", "no")
    add("cue", "place_cues", "cue")
    add_where("venue_cue", "place_cues", "cue", "venue", "yes")
    add("venue", "venues", "venue", "cue")
    add("generic", "generic_markers", "marker", "kind")
    add("place_intro", "place_intros", "intro")
    add("unit_compound", "unit_compounds", "compound")
    add("deictic", "deictics", "word")
    add("bare_body", "bare_bodies", "body")
    return rows


def _build(entries: Iterable[Entry]) -> Lexicon:
    phrases: dict[tuple[str, ...], list[Entry]] = {}
    for e in entries:
        if e.form:
            phrases.setdefault(tuple(t.lower() for t in e.form), []).append(e)
    lengths: dict[str, set[int]] = {}
    for key in phrases:
        lengths.setdefault(key[0], set()).add(len(key))
    surnames = frozenset(_normal(r["surname"]) for r in table("name_surnames"))
    abbreviations = {_normal(r["abbreviation"]): _normal(r["expansion"]) for r in table("abbreviations")}
    firsts: dict[str, set[str]] = {}
    for key, found in phrases.items():
        for e in found:
            firsts.setdefault(e.kind, set()).add(key[0])
    starters: frozenset[str] = frozenset().union(*(v for kind, v in firsts.items() if kind not in PASSIVE))
    return Lexicon(
        {k: tuple(v) for k, v in phrases.items()},
        {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()},
        starters,
        surnames,
        abbreviations,
        {k: frozenset(v) for k, v in firsts.items()},
    )


@cache
def packaged() -> Lexicon:
    """The packaged language data, built once per process."""
    return _build(_packaged_entries())


def load_gazetteer(paths: Iterable[str | Path] = ()) -> Lexicon:
    """The packaged language data plus the user's TSV files.

    Each file has a header row; its first column is the phrase as written, its second column (``type``) one
    of PERSON, ORGANIZATION, LOCATION, TITLE. ``#`` lines are comments. Either tone-mark style may be used.
    """
    files = [Path(p) for p in paths]
    if not files:
        return packaged()
    entries = _packaged_entries()
    for path in files:
        for row in read_table(path):
            values = list(row.values())
            if len(values) < 2 or (values[1] or "").strip().upper() not in TYPES:
                raise ValueError(f"{path}: each row needs a phrase and a type among {TYPES}: {values}")
            entries.append(Entry(values[1].strip().upper(), _form(values[0])))
    return _build(entries)
