"""People, titles, organisations and places.

Contract with the pipeline: ``find_entities(text, blocks, author)`` scans the working text (normalized;
boilerplate blanked with spaces) and returns one :class:`Found` per mention: offsets into ``text``, the
type (PERSON, TITLE, ORGANIZATION, LOCATION) and the expansion of its abbreviations (or None).
``blocks`` are the mined ranges (title, paragraphs, captions); ``author`` is the range of the byline's
author name, which is a PERSON.

How: one regex pass cuts the text into tokens; a left-to-right scan then applies the grammar of Vietnamese
names (surname + given names, honorific + name), titles (``Phó`` + head + ``Thường trực`` + the organisation
that follows), organisations (a head such as ``Ban``/``Sở``/``Bộ`` + its name + its locality or parent body)
and places (a unit word + a name, or a known province, country or place). Every word list is data
(``dvextract/data/*.tsv``); a user adds entries with :func:`load_gazetteer`. The scan does bounded work per
token, so its cost is linear in the text's length.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import NamedTuple

from . import _patterns
from ._resources import read_table, table
from ._segment import compound

__all__ = ["Found", "Lexicon", "find_entities", "load_gazetteer"]

Range = tuple[int, int]

TYPES = ("PERSON", "TITLE", "ORGANIZATION", "LOCATION")


class Found(NamedTuple):
    start: int
    end: int
    type: str
    expansion: str | None = None


# Tokens: dotted capitals (TP.HCM, PGS.TS, N.N.H, initials keep their final period), numbers with their
# separators as one token, words joined by & or - (GD&ĐT, VH-TT-DL), and runs of other marks as one token.
_TOKEN = _patterns.compile(
    r"\p{Lu}{1,4}(?:\.\p{Lu}{1,4}(?!\p{Ll}))+(?:(?<=\.\p{Lu})\.)?"
    r"|\d+(?:[.,]\d+)*[\p{L}\d]*"
    r"|\w+(?:[&-]\w+)*"
    r"|[^\w\s]+"
)

_MAX_PERSON = 4  # syllables of a name
_MAX_NAME = 10  # tokens of an organisation's own name (a comma list inside it may double that)
_MAX_LOWER = 4  # lowercase words inside an organisation's name
_MAX_DEPTH = 4  # nested organisations (`Văn phòng` + `HĐND` + …)


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
    from ._text import normalize

    return normalize(unicodedata.normalize("NFC", s.strip())).text


def _tokens(s: str) -> list[str]:
    return [m.group() for m in _TOKEN.finditer(s)]


def _packaged_entries() -> list[Entry]:
    rows: list[Entry] = []

    def add(kind: str, name: str, column: str, info_column: str | None = None) -> None:
        for row in table(name):
            rows.append(Entry(kind, tuple(_tokens(_normal(row[column]))), row[info_column] if info_column else ""))

    add("title", "titles", "title", "needs_org")
    for row in table("title_parts"):
        kind = "title_pre" if row["position"] == "before" else "title_post"
        rows.append(Entry(kind, tuple(_tokens(_normal(row["part"])))))
    add("org", "organisations", "organisation", "kind")
    add("place", "provinces", "province")
    add("place", "places", "place")
    add("country", "countries", "country", "cue")
    add("unit", "admin_units", "unit", "takes")
    for row in table("admin_units"):
        if row["locality"] == "yes":
            rows.append(Entry("locality_unit", tuple(_tokens(_normal(row["unit"])))))
    add("ministry", "ministries", "ministry")
    add("body_place", "body_places", "word")
    add("honorific", "honorifics", "honorific")
    add("link", "title_links", "word")
    add("particle", "name_particles", "particle")
    add("media", "media", "media")
    add("media_intro", "media_intros", "word")
    add("stop", "name_stops", "word", "inside")
    for row in table("name_stops"):
        if row["name"] == "no":
            rows.append(Entry("name_break", tuple(_tokens(_normal(row["word"])))))
    add("cue", "place_cues", "cue")
    for row in table("place_cues"):
        if row["venue"] == "yes":
            rows.append(Entry("venue_cue", tuple(_tokens(_normal(row["cue"])))))
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
    passive = {"stop", "cue", "title_post", "locality_unit", "ministry", "body_place", "venue_cue", "generic",
               "unit_compound", "deictic", "bare_body", "name_break", "particle", "link"}
    firsts: dict[str, set[str]] = {}
    for key, found in phrases.items():
        for e in found:
            firsts.setdefault(e.kind, set()).add(key[0])
    starters = frozenset().union(*(v for kind, v in firsts.items() if kind not in passive))
    return Lexicon(
        {k: tuple(v) for k, v in phrases.items()},
        {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()},
        starters,
        surnames,
        abbreviations,
        {k: frozenset(v) for k, v in firsts.items()},
    )


@cache
def _packaged() -> Lexicon:
    return _build(_packaged_entries())


def load_gazetteer(paths: Iterable[str | Path] = ()) -> Lexicon:
    """The packaged language data plus the user's TSV files.

    Each file has a header row; its first column is the phrase as written, its second column (``type``) one
    of PERSON, ORGANIZATION, LOCATION, TITLE. ``#`` lines are comments. Either tone-mark style may be used.
    """
    paths = [Path(p) for p in paths]
    if not paths:
        return _packaged()
    entries = _packaged_entries()
    for path in paths:
        for row in read_table(path):
            values = list(row.values())
            if len(values) < 2 or (values[1] or "").strip().upper() not in TYPES:
                raise ValueError(f"{path}: each row needs a phrase and a type among {TYPES}: {values}")
            entries.append(Entry(values[1].strip().upper(), tuple(_tokens(_normal(values[0])))))
    return _build(entries)


def find_entities(
    text: str, blocks: list[Range], author: Range | None = None, lexicon: Lexicon | None = None
) -> list[Found]:
    """Every entity mention of ``text`` inside ``blocks`` (the whole text when there are none)."""
    lex = lexicon or _packaged()
    found: list[Found] = []
    scans = [_Scan(text, start, end, lex) for start, end in blocks or [(0, len(text))]]
    for scan in scans:
        found += scan.run()
    if author and not any(f.start < author[1] and author[0] < f.end for f in found):
        found.append(Found(author[0], author[1], "PERSON"))
    found = _known_places(lex, scans, found)
    found = _short_references(text, scans, found)
    return sorted(set(found), key=lambda f: (f.start, -f.end, f.type))


def _glued_dot(ms: list, k: int, lex: Lexicon) -> bool:
    """A period between a unit's or a title's abbreviation and a name with no space (`TP.Đà Nẵng`, `TS.Đinh Thế
    Hiển`) only joins them; after anything else it may end a sentence (`… gửi UBND.Ông An cho biết`)."""
    if ms[k].group() != "." or not 0 < k < len(ms) - 1:
        return False
    before, after = ms[k - 1], ms[k + 1]
    unit = any(e.kind in ("unit", "locality_unit", "title") for e in lex.phrases.get((before.group().lower(),), ()))
    return unit and _is_caps(before.group()) and before.end() == ms[k].start() and ms[k].end() == after.start() \
        and _is_name(after.group())


def _is_name(tok: str) -> bool:
    """A capitalized syllable: ``Hải``, ``A``, or a hyphenated romanized one: ``Geun-hye``, ``Jong-un``."""
    if "-" not in tok:
        return tok[0].isupper() and tok.isalpha() and (len(tok) == 1 or tok[1:].islower())
    first, _, rest = tok.partition("-")
    return tok[0].isupper() and tok.isascii() and first.isalpha() and (len(first) == 1 or first[1:].islower()) \
        and rest.isalpha() and rest[1:].islower()


def _is_caps(tok: str) -> bool:
    """An abbreviation in capitals, or a brand written like one: ``UBND``, ``TP.HCM``, ``GD&ĐT``, ``PC45``,
    ``TPBank``, ``VietinBank`` (two capitals or more, not a name's ``Hải``)."""
    return len(tok) > 1 and tok[0].isupper() and any(c.isalpha() for c in tok) and (
        tok.upper() == tok or (tok[1].isupper() and tok.isalnum()))


def _is_word(tok: str) -> bool:
    return tok[0].isalnum()


class _Scan:
    """One left-to-right pass over the tokens of a block."""

    def __init__(self, text: str, start: int, end: int, lex: Lexicon):
        self.text = text
        self.lex = lex
        ms = list(_patterns.finditer(_TOKEN, text, start, end))
        ms = [m for k, m in enumerate(ms) if not _glued_dot(ms, k, lex)]
        self.toks = [m.group() for m in ms]
        self.low = [t.lower() for t in self.toks]
        self.starts = [m.start() for m in ms]
        self.ends = [m.end() for m in ms]
        self.n = len(ms)
        self.out: list[Found] = []
        self.defined: set[str] = set()  # abbreviations defined in this text: `(VFA)`
        self._memo: dict[int, list[tuple[int, Entry]]] = {}  # the lexicon phrases starting at each token
        self.names: set[tuple[str, ...]] = set()  # place names seen after a unit word: `huyện Tân Phước`

    # -- lexicon lookups -------------------------------------------------------------------------------
    def match(self, i: int, kinds: frozenset[str] | set[str], any_case: bool = False) -> tuple[int, Entry] | None:
        """The longest lexicon phrase of one of ``kinds`` starting at token ``i``: (end token, entry)."""
        if i >= self.n:
            return None
        found = self._memo.get(i)
        if found is None:
            found = self._memo[i] = self._phrases_at(i)
        for j, entry in found:
            if entry.kind in kinds and (any_case or self._case_ok(entry, i)):
                return j, entry
        return None

    def _phrases_at(self, i: int) -> list[tuple[int, Entry]]:
        """Every lexicon phrase starting at token i, longest first."""
        out = []
        for length in self.lex.lengths.get(self.low[i], ()):
            j = i + length
            if j <= self.n:
                entries = self.lex.phrases.get(tuple(self.low[i:j]))
                if entries and self._tight(i, j):
                    out += [(j, e) for e in entries]
        return out

    def _tight(self, i: int, j: int) -> bool:
        """The tokens i..j are separated by plain spaces only (no line break inside a phrase)."""
        return all("\n" not in self.text[self.ends[k] : self.starts[k + 1]] for k in range(i, j - 1))

    def _case_ok(self, entry: Entry, i: int) -> bool:
        if entry.kind in ("unit", "honorific", "stop", "cue", "title_post", "media_intro", "locality_unit"):
            return True
        forms = entry.form[:1] if entry.kind == "title" else entry.form
        for k, form in enumerate(forms):
            tok = self.toks[i + k]
            if form[0].isupper() and not tok[0].isupper() and (k == 0 or entry.kind != "org"):
                return False  # a body's later words may be lowercase: `Ủy ban kiểm tra`, `Ban chấp hành`
            if len(form) > 1 and form.isupper() and not tok.isupper():
                return False
        return True

    def emit(self, i: int, j: int, kind: str) -> None:
        self.out.append(Found(self.starts[i], self.ends[j - 1], kind, self._expand(i, j)))

    def _expand(self, i: int, j: int) -> str | None:
        abbr = self.lex.abbreviations
        if not any(t in abbr for t in self.toks[i:j]):
            return None
        parts = []
        for k in range(i, j):
            if k > i:
                parts.append(self.text[self.ends[k - 1] : self.starts[k]])
            parts.append(abbr.get(self.toks[k], self.toks[k]))
        return "".join(parts)

    def gap(self, i: int) -> str:
        """The text between token i-1 and token i."""
        return self.text[self.ends[i - 1] : self.starts[i]] if i > 0 else ""

    def name_tok(self, i: int) -> bool:
        return i < self.n and _is_name(self.toks[i])

    # -- grammar ---------------------------------------------------------------------------------------
    def person_run(self, i: int, need_surname: bool) -> int | None:
        """End of a person's name starting at token i: capitalized syllables, not a title, body or place."""
        if not self.name_tok(i) or (need_surname and self.toks[i] not in self.lex.surnames):
            return None
        j = i
        while j < self.n and j - i < _MAX_PERSON:
            p = j
            while not need_surname and i < p < self.n and p - j < 2 and self.toks[p].islower() and self.match(p, {"particle"}):
                p += 1  # `Ursula von der Leyen`
            if p > j and self.name_tok(p) and self._tight(j - 1, p + 1):
                j = p
            if not (self.name_tok(j) and self._tight(j - 1 if j > i else j, j + 1)):
                break
            after_surname = j == i + 1 and self.toks[i] in self.lex.surnames and not self.place_at(i)
            place = None if after_surname else self.place_at(j)
            if j > i and (self.match(j, {"title", "TITLE"}) or self._body(j) or place):
                break  # but a surname may come before a place's name: `Nguyễn Hòa Bình`
            if j - i >= 3 and self.match(j, {"honorific"}) and self.name_tok(j + 1):
                break  # `… Đặng Việt Dũng Ông Đoàn Xuân Hiếu`; but `Nguyễn Lê Hoàng Anh cho biết`
            if j > i and self.low[j] in self.lex.firsts.get("name_break", ()) and j + 1 < self.n and \
                    self.toks[j + 1].islower() and self.match(j, {"name_break"}, any_case=True):
                break  # `… Hồ Chí Minh Theo đó`: a function word that opens the next clause
            j += 1
        if need_surname and j - i < 2:
            return None
        return j

    def person_at(self, i: int, need_surname: bool, after_title: bool = False) -> int | None:
        """Emit a PERSON at token i if one starts there (a name, or initials `N.N.H`, `L.`); its end. After a
        title, a full name that is also a place's is the person's (`Chủ tịch Hồ Chí Minh`)."""
        if i >= self.n:
            return None
        tok = self.toks[i]
        if "." in tok and tok[0].isupper() and all(len(p) <= 1 for p in tok.split(".")):
            self.emit(i, i + 1, "PERSON")
            return i + 1
        j = self.person_run(i, need_surname)
        if j is None:
            return None
        place = self.place_at(i)
        full_name = after_title and j - i == 3 and self.toks[i] in self.lex.surnames
        if (place and place[0] >= j and not full_name) or self.title_head(i) or self.org(i):
            return None
        if j - i == 1 and self.match(i, {"org", "ORGANIZATION"}):
            return None  # `Giám đốc Sở.`: a body's head on its own is no name
        self.emit(i, j, "PERSON")
        if len(self.toks[j - 1]) == 1 and j < self.n and self.toks[j].startswith(".") and not self.gap(j):
            # `Nguyễn Thanh V.`: an initial keeps its period
            last = self.out.pop()
            self.out.append(last._replace(end=last.end + 1))
        return j

    def place_at(self, i: int) -> tuple[int, Entry] | None:
        """A known place at token i: a province, a place, or a country (ambiguous ones after a cue)."""
        return self.match(i, {"place", "LOCATION"}) or self._country(i)

    def _body(self, i: int) -> bool:
        m = self.match(i, {"org"})
        return bool(m) and m[1].info in ("body", "local")

    def title_head(self, i: int) -> bool:
        k = i
        pre = self.match(i, {"title_pre"})
        return bool(self.match(pre[0] if pre else k, {"title", "TITLE"}, any_case=bool(pre)))

    def locality(self, i: int) -> int | None:
        """End of a locality that belongs to a body's name: `tỉnh Cà Mau`, `Đà Nẵng`, `TP`, `thành phố`."""
        m = self.place_at(i)
        if m:
            return m[0]
        u = self.match(i, {"locality_unit"})
        if u:
            j = u[0]
            o = self.match(i, {"org", "ORGANIZATION", "unit_compound"}, any_case=True)
            if o and o[0] > j:
                return None  # `Tỉnh ủy`, `Quận ủy`: a body, not the unit `tỉnh`; `xã hội` is a word
            p = self.match(j, {"place", "country", "LOCATION"})
            if p:
                return p[0]
            if self.full_name(j):
                run = self.person_run(j, True)
                k = j + 2 if self.full_name(j + 2) and self.person_run(j + 2, True) >= run else None
                return k or j  # `HĐND thành phố Nguyễn Ngọc Tuấn`: the name is the office holder's, not the city's;
                # but `UBND TP.Phan Thiết Đỗ Ngọc Điệp`: the city's name ends where a full name starts
            k = self.place_name(j, number=False)
            if k:
                return k
            if j < self.n and self.toks[j].isdigit() and self._tight(j - 1, j + 1) and self.match(i, {"unit"})[1].info == "number":
                return j + 1  # `Công an Quận 7`
            if j >= self.n or not _is_word(self.toks[j]) or not self.toks[j][0].isupper():
                return None if self.match(j, {"deictic"}) else j  # `Hội Người cao tuổi thành phố`; not `tỉnh này`
        return None

    def full_name(self, j: int) -> bool:
        """A person's full name starts at token j: surname and two or more names (`Nguyễn Ngọc Tuấn`, `Cho
        Yoon-sun`; not `Châu Thành A`)."""
        if j >= self.n or self.toks[j] not in self.lex.surnames:
            return False
        end = self.person_run(j, True) or j
        return (end - j >= 3 or (end - j == 2 and "-" in self.toks[j + 1])) and all(len(t) > 1 for t in self.toks[j:end])

    def common_words(self, i: int, j: int) -> bool:
        """Tokens i..j hold a capitalized word of common nouns (`Kế hoạch`, `Đầu tư`, `Tài Nguyên`), unlike a brand
        or a person (`Hòa Phát`, `Hoa Sen`): a capital followed by a lowercase syllable, or a dictionary word."""
        return any(self.name_tok(k) and k + 1 < min(j, self.n) and
                   (self.toks[k + 1].islower() or compound(self.toks[k], self.toks[k + 1])) for k in range(i, j))

    def title_locality(self, i: int) -> tuple[int, bool] | None:
        """The locality a title names at token i, and whether it is a place of its own: a unit word and its
        name (`Bí thư phường Điện Dương`, `Phó chủ tịch thường trực TP Đà Nẵng`), a known place that is not
        also a person's full name (`Chủ tịch Thừa Thiên Huế`; not `Chủ tịch Hồ Chí Minh`), or a unit word
        alone (`Bí thư thị trấn`, no place)."""
        unit = self.match(i, {"locality_unit"})
        if unit:
            end = self.locality(i)
            return (end, end > unit[0]) if end else None
        place = self.place_at(i)
        if place and not (self.full_name(i) and self.person_run(i, True) == place[0]):
            return place[0], True
        return None

    def place_name(self, j: int, number: bool) -> int | None:
        """End of a place's own name after its unit word: capitalized syllables (and a number)."""
        k = j
        if number and k < self.n and self.toks[k][0].isdigit():
            return k + 1
        head = self.match(j, {"org", "title"})
        if head and head[0] > j + 1:
            return None  # `thành phố Đại học`: a body's head, not a name
        while k < self.n and k - j < 5 and (self.name_tok(k) or (k > j and self.toks[k][0].isdigit())):
            if not self._tight(k - 1, k + 1) if k > j else False:
                break
            run = self.person_run(k, True) if k > j and self.toks[k] in self.lex.surnames else None
            if run and not self.gives_back(j, k, run):
                break  # `tỉnh Thái Nguyên Dương Ngọc Long`; but `huyện Gia Lâm Nguyễn Ngọc Thuần`
            h = self.match(k, _HEADS) if k > j else None
            if h and h[0] < self.n and _is_word(self.toks[h[0]]) and self._tight(h[0] - 1, h[0] + 1):
                break  # a head with its name: `tỉnh Gia Lai Công an tỉnh`; not `phường Thanh Trường,`
            if k > j and self.match(k, {"title", "TITLE"}):
                break
            if k > j and self.match(k, {"honorific"}) and (self.toks[k].islower() or self.full_name(k + 1)):
                break  # but `sông Giồng Ông Tố`, `thị xã Kỳ Anh`: a capitalized `Ông`, `Anh` inside a place's name
            nxt = self.match(k, {"unit"}) if k > j and self.toks[k][0].isupper() else None
            if nxt and self.name_tok(nxt[0]) and self._tight(nxt[0] - 1, nxt[0] + 1):
                break  # `Cống Mương Chuối` | `Cống Phú Xuân`; not `cầu Chợ Cầu`
            k += 1
        if k - j >= 2 and all(self.name_tok(t) for t in range(j, k)):
            self.names.add(tuple(self.toks[j:k]))
        return k if k > j else None

    def org(self, i: int, depth: int = 0) -> int | None:
        """End of an organisation's name starting at token i (the head, its name, its locality and parent)."""
        if depth > _MAX_DEPTH or i >= self.n:
            return None
        m = self.match(i, {"org", "ORGANIZATION"}) or (self.match(i, {"org"}, any_case=True) if depth else None)
        if m and any(f.isupper() and len(f) > 1 and not t.isupper() for f, t in zip(m[1].form, self.toks[i:])):
            m = None  # an abbreviation is written in capitals: `TƯ` is not the `Tư` of `Bộ Tư pháp`
        if not m and depth == 0:
            m = self.match(i, {"org"}, any_case=True)
            if m and not (m[1].info == "local" and self.locality(m[0])):
                m = None
        if not m:
            if self.toks[i] in self.defined:
                return i + 1
            return None
        j, entry = m
        if entry.kind == "org" and entry.info == "alone":
            return None if self.name_tok(j) and self._tight(j - 1, j + 1) else j
        if entry.kind == "org" and entry.info == "local":
            loc = self.locality(j)
            return self.tail(loc, depth) if loc else None
        if entry.kind == "org" and entry.info == "common":
            return self.common_name(i, j, depth)
        if entry.kind == "org" and entry.info == "name":
            return j  # `Nhà Trắng`: nothing more belongs to it
        if entry.kind == "org" and entry.info == "named":
            sub = self.org(j, depth + 1)
            if sub:
                return sub
            name = self.own_name(j, depth) or (self.locality(j) if j - i > 2 else None)  # `Bệnh viện đa khoa huyện X`
            if name is None:
                # an abbreviated head stands alone: `Phó giám đốc BV`
                return j if _is_caps(self.toks[j - 1]) and depth == 0 and j - i == 1 else None
            j = name
        return self.tail(j, depth)

    def tail(self, j: int, depth: int) -> int:
        """Extend a body's name with its abbreviation in brackets, its locality and its parent body."""
        placed = False  # a locality ends the name: `UBND tỉnh Khánh Hòa Ban cán sự đảng …` is two bodies
        for step in range(3):
            if j + 2 < self.n and self.toks[j].endswith("(") and _is_caps(self.toks[j + 1]) and self.toks[j + 2].startswith(")"):
                self.defined.add(self.toks[j + 1])
                after = j + 3
                if after < self.n and (self.locality(after) or self.org(after, depth + 1)):
                    j = after  # `Kho bạc Nhà nước (KBNN) tỉnh Phú Yên` is one name
            loc = self.locality(j)
            if loc:
                j, placed = loc, True
                continue
            state = self._country(j + 1) if j + 1 < self.n and self.low[j] == "nước" and self._tight(j, j + 2) else None
            if state:
                return state[0]  # `Quốc hội nước CHDCND Lào`
            at = self.match(j, {"body_place"})
            place = self.place_at(at[0]) if at and depth == 0 else None
            if place:
                return place[0]  # `TAND cấp cao tại Hà Nội`, `Đại sứ quán Việt Nam tại Nhật Bản`
            head = self.match(j, {"org"}, any_case=True) if j < self.n and not self.toks[j][0].isupper() else None
            child = head and head[0] < self.n and (self.name_tok(head[0]) or _is_caps(self.toks[head[0]]))
            # `Chi bộ khoa Sản`, `Đảng ủy cơ quan LĐLĐ thành phố`
            parent = self.org(j, depth + 1) if j < self.n and not placed and (self.toks[j][0].isupper() or child) else None
            if parent:
                return parent
            if j < self.n and not placed and _is_caps(self.toks[j]) and self._tight(j - 1, j + 1) and not self.title_head(j):
                return j + 1  # a parent body by its abbreviation: `HĐQT ACB`, `Đảng ủy EVN`
            if step == 0 and self.name_tok(j) and self._tight(j - 1, j + 1) and not self.person_run(j, True) \
                    and not self.title_head(j):  # `Bí thư Đảng ủy Giám đốc Học viện …`: a title, not the body's name
                k = self.own_name(j, depth)  # `Quận ủy Thanh Khê`, `Đảng ủy Kho bạc`
                if k:
                    return k
            break
        return j

    def own_name(self, j: int, depth: int = 0) -> int | None:
        """End of the name after a `named` head (`Bộ` + `Y tế`), or None when no name follows."""
        if j < self.n and self.toks[j].isalpha() and self.toks[j].islower():
            if j and compound(self.toks[j - 1], self.toks[j]):
                return None  # `Hội nghị`, `Ban hành`: the head is a word's first syllable
            k = j
            while k < self.n and k - j < _MAX_LOWER and self.toks[k].isalpha() and self.toks[k].islower():
                if self.match(k, {"stop", "locality_unit"}):
                    break
                k += 1
            if k == j:
                return None
            parent = k < self.n and self.toks[k][0].isupper() and self._tight(k - 1, k + 1)  # `Cơ quan điều tra Công an`
            return k if self.locality(k) or (parent and self.org(k, depth + 1)) else None  # `Sở y tế Thanh Hóa`
        if j >= self.n or not (self.name_tok(j) or _is_caps(self.toks[j])):
            return None
        p = self.place_at(j)
        if p and not (self.name_tok(p[0]) and self._tight(p[0] - 1, p[0] + 1)):
            return p[0]  # `Đại học Huế` | `thời gian qua`: a place ends the name
        k, lower, good, limit = j, 0, None, _MAX_NAME
        while k < self.n and k - j < limit:
            tok = self.toks[k]
            if not self._tight(k - 1, k + 1) if k > j else False:
                break
            listed = self.listed(j, k) if tok == "," else 0
            if listed:  # `Sở Khoa học, Công nghệ và Môi trường`: the items of one name
                limit = min(limit + listed + 2, 2 * _MAX_NAME)  # and the item after `và`; never unbounded
                k += 1
                continue
            if self.low[k] == "số" and k > j and k + 1 < self.n and self.toks[k + 1].isdigit() and self._tight(k, k + 2):
                k = good = k + 2  # `Trường THPT Thuận Thành số 1`
                continue
            if not _is_word(tok):
                caps = k > j and k + 1 < self.n and _is_caps(self.toks[k - 1]) and _is_caps(self.toks[k + 1])  # `Sở TN - MT`
                if tok in ("-", "&") and k + 1 < self.n and (self.name_tok(k + 1) or caps) and k > j and not (
                    self.place_at(k + 1) or self.match(k + 1, {"org", "ORGANIZATION"})
                ):  # `Dự án X - Viện Y`, `Ngân hàng CIBC - Canada`: two names
                    k += 1
                    continue
                good = k
                break
            stop = (self.match(k, {"stop"} if tok.islower() else set()) or self.unit_word(k)) if k > j else None
            if stop and self.toks[k - 1][0].isupper() and (stop[1].info == "part" or compound(self.toks[k - 1], tok)) \
                    and not self.title_head(k + 1):
                stop = None  # `Sở Tài nguyên`, `Đại học Hàng không`; not `Công ty Hòa Phát nguyên Phó Giám đốc`
            if stop and stop[1].kind == "locality_unit" and tok[0].isupper() and k + 1 < self.n \
                    and self.toks[k + 1].islower() and self._tight(k, k + 2):
                stop = None  # `Thương binh và Xã hội`: a word, not the unit `xã`
            if stop and stop[1].info == "join" and self.common_words(j, k) and self.common_words(k + 1, k + 3) \
                    and self._tight(k, k + 3) and not (self.match(k + 1, _HEADS) or self.place_at(k + 1)):
                stop = None  # `Bộ Kế hoạch và Đầu tư`; not `Bộ Y tế và Bộ Công an`, `Công ty Hòa Phát và Hoa Sen`
            if k > j and (stop or self.place_at(k)):
                good = k
                break
            if tok[0].isupper():
                run = self.person_run(k, True) if k > j else None
                if run and self.gives_back(j, k, run):
                    run = None  # `Huyện ủy Mộc Châu Hà Trung Chiến`
                if k > j and (self.match(k, {"org", "ORGANIZATION", "title"}) or run):
                    good = k
                    break
                lower = 0
                k += 1
                good = k
                continue
            if lower >= _MAX_LOWER:  # too many lowercase words: the last capital keeps one, an abbreviation none
                good = good + 1 if good and not _is_caps(self.toks[good - 1]) else good
                break
            lower += 1
            k += 1
        else:
            # The window ran out inside lowercase words (`Bộ Giáo dục & Đào tạo` | `hoàn thiện đề án`): the last
            # capital keeps one lowercase word, unless the name ends there anyway (a mark, a line, a locality).
            if k < self.n and lower > 1 and _is_word(self.toks[k]) and self._tight(k - 1, k + 1) and \
                    not self.locality(k):
                k = good + (not _is_caps(self.toks[good - 1]))
            good = k
        while good and good > j and self.toks[good - 1] in ("-", "&"):
            good -= 1  # `Ủy ban Chứng khoán Nhà nước - Vũ Bằng`: the dash joined no second name
        return good if good and good > j else None

    def committee(self, j: int) -> tuple[int, int] | None:
        """Start and end of the parent body of a title whose head ends in a body's word and goes on with that
        body's lowercase name (`trưởng ban` + `kinh tế - ngân sách` + `HĐND tỉnh`, `trưởng khoa` + `hồi sức` +
        `Bệnh viện X`)."""
        head = self.match(j - 1, {"org"}, any_case=True)
        if not head or head[0] != j or head[1].info != "named":
            return None
        k = j
        while k < self.n and k - j < _MAX_NAME and self._tight(k - 1, k + 1) and (
                self.toks[k] == "-" or (self.toks[k].isalpha() and self.toks[k].islower() and not self.match(k, {"stop"}))):
            k += 1
        parent = self.org(k) if j < k < self.n and self.toks[k][0].isupper() and self._tight(k - 1, k + 1) else None
        return (k, parent) if parent else None

    def short_name(self, j: int) -> bool:
        """A given name on its own at token j (`trung tá Phúc`, `bác sĩ Dương,`): one capitalized syllable that
        is no place, body, title or the start of a word."""
        if not self.name_tok(j) or self.place_at(j) or self.match(j, {"org", "title", "country", "ORGANIZATION", "TITLE"}):
            return False
        return j + 1 >= self.n or (not _is_word(self.toks[j + 1]) and self._tight(j, j + 2)) or self.lone_name(j)

    def lone_name(self, i: int) -> bool:
        """A capitalized syllable before a lowercase one is a name of its own (`Thủ tướng May cho biết`), not the
        start of a word (`Thạc sỹ Kinh tế`) or a country (`Bộ trưởng Quốc phòng Đức cho biết`)."""
        nxt = self.toks[i + 1]
        return nxt.isalpha() and nxt.islower() and not compound(self.toks[i], nxt) and not self.match(i, {"country"})

    def generic_before(self, i: int, kind: str = "plural") -> bool:
        """A word that makes what starts at token i plural or generic (`các`, `toàn bộ`), or an office itself
        (kind `office`: `bầu cử`), ends right before it."""
        firsts = self.lex.firsts.get("generic", frozenset())
        return any(self.low[b] in firsts and (m := self.match(b, {"generic"}, any_case=True)) and m[0] == i
                   and m[1].info == kind for b in range(max(0, i - 2), i))

    def in_compound(self, k: int) -> bool:
        """Token k is inside a word that ends or starts with a unit word (`xã hội`, `hợp tác xã`, `toàn cầu`)."""
        firsts = self.lex.firsts.get("unit_compound", frozenset())
        return any(self.low[b] in firsts and (c := self.match(b, {"unit_compound"}, any_case=True)) and c[0] > k
                   for b in range(max(0, k - 2), k + 1))

    def unit_word(self, k: int) -> tuple[int, Entry] | None:
        """A locality's unit word at token k, not part of another word (`xã hội`, `hợp tác xã`)."""
        return None if self.in_compound(k) else self.match(k, {"locality_unit"})

    def listed(self, j: int, k: int) -> int:
        """Tokens of the list a name's comma at token k opens, or 0: after words of common nouns (tokens j..k),
        capitalized items of common nouns up to a `và` (`Khoa học, Công nghệ và Môi trường`); never a list of
        bodies, places or people (`Sở Y tế, Sở Tài chính`)."""
        if not self.common_words(j, k):
            return 0
        m = k
        while m < self.n and m - k < _MAX_NAME and self.toks[m] == "," and self._tight(m, m + 2):
            m += 1
            if not self.name_tok(m) or self.match(m, _HEADS) or self.place_at(m) or self.person_run(m, True):
                return 0
            while m < self.n and m - k < _MAX_NAME and _is_word(self.toks[m]) and self._tight(m - 1, m + 1):
                if self.low[m] == "và":
                    return m - k
                m += 1
        return 0

    def common_name(self, i: int, j: int, depth: int) -> int | None:
        """End of a common-noun body's name after its head (`Ban chỉ đạo` + `thực hiện QCDC ở cơ sở` +
        `thành phố`): lowercase words run up to its locality, parent body or last capitalized name."""
        k, end = j, None
        while k < self.n and k - j < _MAX_NAME and self._tight(k - 1, k + 1):
            tok = self.toks[k]
            if not _is_word(tok):
                break
            loc = self.locality(k)
            if loc:
                return self.tail(loc, depth)
            if tok[0].isupper():
                parent = self.org(k, depth + 1)
                if parent:
                    return parent
                if tok in self.lex.surnames and self.person_run(k, True):
                    break
                name = self.own_name(k, depth)
                if not name:
                    break
                k = end = name
                continue
            stop = self.match(k, {"stop"})
            if stop and stop[1].info != "yes":
                break
            k = stop[0] if stop else k + 1
        if end:
            return self.tail(end, depth)
        if self.toks[i + 1][0].isupper() and not self.generic_before(i):
            return j  # `Ban Tổ chức` is a name; `các Ban Chỉ đạo cơ sở` is not
        return None

    def venue(self, i: int, depth: int = 0) -> int | None:
        """End of a named venue at token i: `Hội trường` + a body (`Hội trường Trung tâm Chính trị huyện`), or
        `phòng` + a name + a venue (`phòng Hội thảo Nhà văn hóa thành phố`)."""
        if depth > 1 or i >= self.n:
            return None
        found = self._memo.get(i)
        if found is None:
            found = self._memo[i] = self._phrases_at(i)
        head = next((m for m in found if m[1].kind == "venue" and m[1].form[0][0].isupper() == self.toks[i][0].isupper()), None)
        if not head:
            return None
        j, entry = head
        if entry.info in ("yes", "room") and not (i and self.match(i - 1, {"venue_cue"}, any_case=True)):
            return None
        if j >= self.n or not self._tight(j - 1, j + 1):
            return None
        by = self.match(j, {"honorific", "title"})  # `Khu lưu niệm Chủ tịch Tôn Đức Thắng`: named after a person
        named = self.person_run(by[0], True) if by and by[0] < self.n and self._tight(j, by[0] + 1) else None
        if named and named - by[0] >= 2:
            return named
        sub = self.venue(j, depth + 1)
        if sub:
            return sub
        loc = self.locality(j) if self.toks[i][0].isupper() else None
        if loc:
            return loc  # `Nhà văn hóa thành phố`; not `hội trường phường`
        u = self.match(j, {"unit"})
        if u:
            name = self.place_name(u[0], number=u[1].info == "number")
            return name if name and self._tight(j, name) else None  # `Nhà văn hóa thôn Đông`
        if not self.toks[j][0].isupper():
            return None
        body = self.org(j)
        k = body or self.own_name(j)
        if not k:
            return None
        if entry.info == "room" and not any(self.venue(x, depth + 1) for x in range(j + 1, k + 1)):
            return None  # `phòng` is a room inside a venue, else a department: `phòng Cảnh sát hình sự …`
        if body:
            return body
        after = self.venue(k, depth + 1) or self.locality(k)
        if after:
            return after  # `phòng Hội thảo` + `Nhà văn hóa thành phố`
        return self.tail(k, depth + 1)

    def title(self, i: int) -> int | None:
        """Emit a TITLE starting at token i (with the organisation it contains); its end."""
        k = i
        pre = self.match(i, {"title_pre"})
        if pre:
            k = pre[0]
        heads = []
        longer = self.match(k, {"org"}, any_case=True)  # `Đại sứ quán` is a body, not the title `Đại sứ`
        for length in self.lex.lengths.get(self.low[k], ()) if k < self.n else ():
            key = tuple(self.low[k : k + length])
            for e in self.lex.phrases.get(key, ()):
                if e.kind in ("title", "TITLE") and k + length <= self.n and not (longer and longer[0] > k + length):
                    heads.append((k + length, e, bool(pre) or self._case_ok(e, k)))
        if heads and self.generic_before(i, "office"):
            return None  # `cuộc bầu cử ĐBQH khóa XIV`: the office, no one's title
        if pre and not heads and longer and longer[1].info == "named":
            deputy = self.org(k)  # `Phó Ban Dân vận Tỉnh ủy`, `Phó Phòng Tổ chức hành chính`: the deputy head of a body
            if deputy and self.toks[k][0].isupper():
                self.emit(i, deputy, "TITLE")
                self.emit(k, deputy, "ORGANIZATION")
                return deputy
        best = None
        for j, entry, cased in heads:
            post = self.match(j, {"title_post"})
            if post:
                j = post[0]
            tight = j < self.n and self._tight(j - 1, j + 1)
            org_end = self.org(j) if tight else None
            if not org_end and tight and self.toks[j].islower():
                sub = self.org(j, 1)  # `Trưởng phòng Cảnh sát Hình sự`, `Hiệu trưởng đại học Tôn Đức Thắng`
                body = self.match(j, {"org"}, any_case=True)
                if sub and (any(self.toks[k][0].isupper() for k in range(j + 1, sub))
                            or (body and body[1].info == "body" and body[0] == sub)):  # `Bí thư tỉnh ủy`
                    org_end = sub
            inner = j  # where the organisation inside the title starts
            if not org_end and tight and self.toks[j].islower():
                inner, org_end = self.committee(j) or (j, None)  # `Phó trưởng ban đô thị HĐND Đà Nẵng`
            if not org_end and tight and entry.info == "ministry":
                m = self.match(j, {"ministry"}, any_case=True)  # `Bộ trưởng Y tế`
                if m:
                    return self.country_of(i, m[0])
            if not org_end and j < self.n and _is_caps(self.toks[j]) and not self.place_at(j) and self._tight(j - 1, j + 1):
                if self.toks[j] not in self.lex.abbreviations:
                    self.defined.add(self.toks[j])  # `Chủ tịch VCCI`, `Phó Chủ tịch LĐLĐ Thành phố`
                    org_end = self.tail(j + 1, 0)
            bare = self.match(j, {"bare_body"}, any_case=True) if not org_end and tight else None
            if bare and not self.name_tok(bare[0]) and (cased or self.after_person(i)):
                self.emit(i, bare[0], "TITLE")  # `Phó giám đốc bệnh viện`: the body by its kind alone
                return bare[0]
            if org_end and entry.info == "apposition" and not (cased or self.after_person(i)):
                continue  # `bầu cử đại biểu Quốc hội` is the generic word; `ông A, đại biểu Quốc hội` an office
            if org_end and self.toks[i].islower() and self.generic_before(i) and \
                    not (org_end < self.n and self.toks[org_end].startswith(":")):
                continue  # `các thành viên Chính phủ` is the generic noun; `Các ủy viên Trung ương Đảng: A, B` a title
            if org_end and (cased or self.toks[j][0].isupper() or self.after_person(i)):  # `hiệu trưởng Trường Mầm
                # non Sen Vàng`; after a name, `bà Tân, hiệu trưởng trường mầm non Sen Vàng`
                self.emit(i, org_end, "TITLE")
                self.emit(inner, org_end, "ORGANIZATION")
                return org_end
            local = self.title_locality(j) if tight and entry.info not in ("yes", "apposition") else None
            if not cased and not (local and local[1] and self.match(j, {"locality_unit"})):
                if best is None and ((tight and (self.full_name(j) or (entry.info == "no" and self.short_name(j))))
                                     or (entry.info == "no" and self.after_person(i))):
                    best = j  # `trung tá Bùi Tiến Phúc`, `bác sĩ Dương`, `ông Scott là trưởng đoàn`: next to a name, a lowercase
                    # title is one too
                continue  # otherwise a lowercase title names an office only with its body or unit: not `các giám đốc`
            if local:
                end, named = local
                self.emit(i, end, "TITLE")
                if named:
                    self.emit(j, end, "LOCATION")
                return end
            if entry.info not in ("yes", "apposition") and best is None:
                best = j
        if best is None:
            return None
        return self.country_of(i, best)

    def address(self, j: int) -> list[Range]:
        """The places listed after a place ending at token j, up to a known one (`quê Thụy Văn, Thái Thụy,
        Thái Bình`: the district is no person), or none."""
        items: list[Range] = []
        k = j
        while k + 1 < self.n and self.toks[k] == "," and self._tight(k, k + 2) and len(items) < 4:
            known = self.place_at(k + 1)
            end = known[0] if known else self.place_name(k + 1, number=False)
            if not end or end - k > 4:
                break
            items.append((k + 1, end))
            k = end
            if known:
                return items
        return []

    def gives_back(self, j: int, k: int, run: int) -> bool:
        """A name that starts at j and reads on into a four-syllable person at k takes that syllable back when
        the rest is a full name (`huyện Gia Lâm Nguyễn Ngọc Thuần`, `Huyện ủy Mộc Châu Hà Trung Chiến`)."""
        return k == j + 1 and run - k == 4 and self.person_run(k + 1, True) == run

    def house_number(self, k: int) -> bool:
        """Token k is a house number (`25`, `60B`) after a comma or `số`: a street's name follows."""
        return k > 0 and self.toks[k][0].isdigit() and self._tight(k, k + 2) and \
            (self.toks[k - 1] == "," or self.low[k - 1] == "số") and not (len(self.toks[k]) == 4 and self.toks[k].isdigit())

    def foreign_name(self, i: int) -> int | None:
        """End of a foreign name with no known family name, listed before its title (`; Pany Yathotu, Chủ tịch
        Quốc hội …`): two or more capitalized ASCII syllables after a list's punctuation, a comma and a title."""
        if not (i == 0 or not _is_word(self.toks[i - 1])) or not self.name_tok(i):
            return None
        j = self.person_run(i, False)
        if not j or j - i < 2 or j + 1 >= self.n or self.toks[j] != "," or not self.title_head(j + 1) or \
                not all(t.isascii() for t in self.toks[i:j]):  # romanized, not Vietnamese words (`Tại Nhà Trắng`)
            return None
        return None if self.place_at(i) or self.org(i) or self.title_head(i) else j

    def after_person(self, i: int) -> bool:
        """Token i follows a person's name or a title of theirs, a comma or dash, and words that link a title
        (`Trần Thanh Mẫn, đại biểu Quốc hội`, `Kim Ki-choon, cựu chánh văn phòng`, `ông Scott là trưởng đoàn`)."""
        k = i - 1
        while k > 0 and i - k < 4 and self.match(k, {"link"}) and self.toks[k].islower():
            k -= 1
        k -= k > 0 and self.toks[k] in (",", "-")
        return k >= 0 and any(f.type in ("PERSON", "TITLE") and f.end == self.ends[k] for f in self.out[-3:])

    def country_of(self, i: int, j: int) -> int:
        """Emit a TITLE from token i to j, with the country that follows it (`Tổng thống Mỹ Donald Trump`,
        `Bộ trưởng Tư pháp Mỹ`); its end."""
        c = self.match(j, {"country"}) if j < self.n and self._tight(j - 1, j + 1) else None
        if c and c[1].info == "yes":  # `Mỹ`, `Anh`, `Đức` are given names too: a foreign name must follow
            k = c[0]
            foreign = k < self.n and self.name_tok(k) and self.toks[k].isascii() and self.toks[k] not in self.lex.surnames
            c = c if foreign else None  # `Tổng thống Mỹ Donald Trump`; not `Giám đốc Đức Hùng`
        if c:
            self.emit(j, c[0], "LOCATION")
            j = c[0]
        self.emit(i, j, "TITLE")
        return j

    def run(self) -> list[Found]:
        i = 0
        after_title = False
        first = self.lex.starters
        while i < self.n:
            tok = self.toks[i]
            if not (tok[0].isupper() or self.low[i] in first):
                i += 1  # most words start nothing
                after_title = False
                continue
            j = self.title(i)
            if j:
                i, after_title = j, True
                continue
            m = self.place_at(i) if self.match(i, {"honorific"}) else None
            if m and not (self.name_tok(m[0]) and self._tight(m[0] - 1, m[0] + 1)):
                self.emit(i, m[0], "LOCATION")  # `Bà Rịa` is a place, not an honorific and a name
                i = m[0]
                continue
            h = self.match(i, {"honorific"})
            if h:
                j = self.person_at(h[0], need_surname=False) if h[0] < self.n and self._tight(i, h[0] + 1) else None
                if j:
                    i, after_title = j, False
                    continue
            if after_title:
                j = None
                if self.name_tok(i) and (self.name_tok(i + 1) or i + 1 >= self.n or not _is_word(self.toks[i + 1])
                                         or self.match(i + 1, {"particle"}) or self.lone_name(i)):
                    j = self.person_at(i, need_surname=False, after_title=True)
                after_title = False
                if j:
                    i = j
                    continue
            j = self.venue(i)
            if j:
                self.emit(i, j, "LOCATION")  # before bodies: `Hội trường Trung tâm Chính trị huyện`
                i = j
                continue
            m = self.place_at(i)
            if m and (not (self.name_tok(m[0]) and self._tight(m[0] - 1, m[0] + 1)) or self.full_name(m[0])):
                self.emit(i, m[0], "LOCATION")  # before bodies: `Đài Loan`, `Trường Sa`; `Hà Nội Nguyễn Văn Tiến`
                i = m[0]
                continue
            j = self.org(i)
            if j:
                self.emit(i, j, "ORGANIZATION")
                i = j
                continue
            if tok in self.lex.surnames:
                street = self.house_number(i - 1)
                j = self.person_run(i, True) if street else self.person_at(i, need_surname=True)
                if j and street:
                    self.emit(i, j, "LOCATION")  # an address: `, 25 Vũ Ngọc Phan`, `số 12 Lê Lợi`
                if j:
                    i = j
                    continue
            u = self.match(i, {"unit"})
            if u:
                j = self.unit_place(i, u)
                if j:
                    i = j
                    continue
            pi = self.match(i, {"place_intro"}, any_case=True)
            if pi and pi[0] < self.n and self._tight(i, pi[0] + 1) and not self.match(pi[0], {"honorific"}):
                j = self.place_at(pi[0])
                j = j[0] if j else self.place_name(pi[0], number=False)
                if j and j < self.n and self.gap(j) == " " and "-" in self.toks[j]:
                    j = None  # `hướng Suối Tiên-An Sương`: where the name ends is unclear
                listed = self.address(j) if j else []
                if j and (not self.person_run(pi[0], True) or listed):
                    for a, b in [(pi[0], j), *listed]:
                        self.emit(a, b, "LOCATION")  # `ngụ Bình Tân`, `quê Thụy Văn, Thái Thụy, Thái Bình`
                    i = listed[-1][1] if listed else j
                    continue
            m = self.place_at(i)
            if m:
                self.emit(i, m[0], "LOCATION")
                i = m[0]
                continue
            mi = self.match(i, {"media_intro"})
            if mi and (self.match(mi[0], {"media"}) or self.name_tok(mi[0])):
                med = self.match(mi[0], {"media"})
                j = med[0] if med else self.person_run(mi[0], need_surname=False)
                if j:
                    self.emit(mi[0], j, "ORGANIZATION")
                    i = j
                    continue
            m = self.match(i, {"media"})
            if m:
                self.emit(i, m[0], "ORGANIZATION")
                i = m[0]
                continue
            m = self.match(i, {"PERSON"})
            if m:
                self.emit(i, m[0], "PERSON")
                i = m[0]
                continue
            j = self.person_at(i, need_surname=True) if self.name_tok(i) else None
            if j:
                i = j
                continue
            j = self.foreign_name(i)
            if j:
                self.emit(i, j, "PERSON")
                i = j
                continue
            if _is_caps(tok) and i + 1 < self.n and self.toks[i + 1].startswith(")") and i and self.toks[i - 1].endswith("("):
                self.defined.add(tok)
                self.emit(i, i + 1, "ORGANIZATION")
                i += 1
                continue
            i += 1
        return self.out

    def unit_place(self, i: int, u: tuple[int, Entry]) -> int | None:
        """Emit the place a unit word introduces (`tỉnh Cà Mau`, `cầu vượt Bình Phước 1`); its end. After a
        number or a plural word the unit stays out and each listed name is a place: `2 tỉnh Salavan và Sê Kông`."""
        if self.in_compound(i):
            return None  # `toàn cầu Lý Sơn`
        p = self.match(u[0], {"place", "country", "LOCATION"})
        name = self.place_name(u[0], number=u[1].info == "number")
        j = max(p[0] if p else 0, name or 0)
        if not j or not self._tight(i, j):
            return None
        plural = i and (self.generic_before(i)
                        or (self.toks[i - 1].isdigit() and self.match(i, {"locality_unit"})))
        if not plural:
            self.emit(i, j, "LOCATION")
            return j
        self.emit(u[0], j, "LOCATION")
        while j + 1 < self.n and self.low[j] in (",", "và") and self._tight(j, j + 2):
            p = self.match(j + 1, {"place", "country", "LOCATION"})
            k = max(p[0] if p else 0, self.place_name(j + 1, number=False) or 0)
            if not k:
                break
            self.emit(j + 1, k, "LOCATION")
            j = k
        return j

    def _country(self, i: int) -> tuple[int, Entry] | None:
        m = self.match(i, {"country"})
        if not m:
            return None
        j, entry = m
        foreign = j + 1 < self.n and all(self.name_tok(k) and self.toks[k].isascii() for k in (j, j + 1))
        if self.name_tok(j) and self._tight(j - 1, j + 1) and not (self.full_name(j) or foreign):
            return None  # part of a longer name; but `Chủ tịch nước CHXHCN Việt Nam Trương Tấn Sang`, `Chủ tịch
            # Quốc hội Campuchia Heng Samrin`
        if entry.info == "yes" and not (i > 0 and self.match(i - 1, {"cue"})):
            return None
        return m


_HEADS = frozenset({"title", "org", "TITLE", "ORGANIZATION"})


def _known_places(lex: Lexicon, scans: list[_Scan], found: list[Found]) -> list[Found]:
    """A place name seen after its unit word (`huyện Tân Phước`) is a LOCATION on its own too (`Tân Phước`),
    as a whole name outside every other span; a bare PERSON over exactly those words (`đảo Lý Sơn` … `Lý Sơn`)
    is that place. A person's full name is not taken (`đường Nguyễn Văn Linh` … `Tổng Bí thư Nguyễn Văn
    Linh`), nor a name after an honorific or a title (`phường Lê Lợi` … `ông Lê Lợi`)."""
    known: set[tuple[str, ...]] = set()
    for scan in scans:
        known.update(n for n in scan.names if not (len(n) >= 3 and n[0] in lex.surnames))
    if not known:
        return found
    names: dict[str, list[tuple[str, ...]]] = {}
    for name in sorted(known, key=len, reverse=True):
        names.setdefault(name[0], []).append(name)
    taken = sorted((f.start, f.end) for f in found)
    people = {(f.start, f.end): f for f in found if f.type == "PERSON"}
    title_ends = {f.end for f in found if f.type == "TITLE"}
    dropped: set[Found] = set()
    added: list[Found] = []
    for scan in scans:
        k = 0
        while k < scan.n:
            for name in names.get(scan.toks[k], ()):
                e = k + len(name)
                if tuple(scan.toks[k:e]) != name or not scan._tight(k, e):
                    continue
                if (k and scan.name_tok(k - 1) and scan.gap(k) == " ") or (scan.name_tok(e) and scan.gap(e) == " "):
                    continue  # part of a longer name
                s, t = scan.starts[k], scan.ends[e - 1]
                x = bisect.bisect_left(taken, (t, t))
                if x and taken[x - 1][1] > s:
                    introduced = (k and scan.match(k - 1, {"honorific"})) or (k > 1 and scan.match(k - 2, {"honorific"})) \
                        or (k and scan.ends[k - 1] in title_ends)
                    if (s, t) not in people or taken[x - 1] != (s, t) or introduced or \
                            any(a[1] > s for a in taken[max(0, x - 4) : x - 1]):
                        continue
                    dropped.add(people[(s, t)])
                added.append(Found(s, t, "LOCATION"))
                k = e - 1
                break
            k += 1
    return [f for f in found if f not in dropped] + added


def _short_references(text: str, scans: list[_Scan], found: list[Found]) -> list[Found]:
    """A known person's given name on its own (`vì Tuấn cung cấp`) is a PERSON too, and so is a foreign name met
    again with no title or honorific to introduce it (`Bộ trưởng Quốc phòng Mỹ James Mattis …. James Mattis là …`)."""
    names = [tuple(text[f.start : f.end].split()) for f in found if f.type == "PERSON"]
    given = {w[-1] for w in names if len(w) > 1 and w[-1].isalpha() and w[-1][0].isupper()}
    foreign: dict[str, set[tuple[str, ...]]] = {}
    for w in names:
        if len(w) > 1 and all(t.isascii() and _is_name(t) for t in w):
            foreign.setdefault(w[0], set()).add(w)
    if not given and not foreign:
        return found
    taken = sorted((f.start, f.end) for f in found)
    out = list(found)

    def free(s: int, e: int) -> bool:
        k = bisect.bisect_right(taken, (s, len(text) + 1))
        return not (k and taken[k - 1][1] > s) and not (k < len(taken) and taken[k][0] < e)

    for scan in scans:
        for i, (tok, s, e) in enumerate(zip(scan.toks, scan.starts, scan.ends)):
            cands = foreign.get(tok)
            name = next((w for w in cands if tuple(scan.toks[i : i + len(w)]) == w), None) if cands else None
            if name and free(s, scan.ends[i + len(name) - 1]) and not (i and _is_name(scan.toks[i - 1]) and
                                                                       scan._tight(i - 1, i + 1)):
                out.append(Found(s, scan.ends[i + len(name) - 1], "PERSON"))
                continue
            if tok not in given:
                continue
            if not free(s, e):
                continue
            before = text[max(0, s - 12) : s].split()
            after = text[e : e + 12].split()
            if (before and _is_name(before[-1]) and text[s - 1] == " ") or (after and _is_name(after[0]) and text[e : e + 1] == " "):
                continue
            nxt = after[0].rstrip(".,;:!?)'\"") if after else ""
            if text[e : e + 1] == " " and nxt.isalpha() and nxt.islower() and compound(tok, nxt):
                continue  # `chuyên ngành Tài chính`
            out.append(Found(s, e, "PERSON"))
    return out
