"""A bare title's body read from its article: ``ông giám đốc`` in a story about the Giám đốc Sở KH&ĐT is his.

A title often names only its head (``Giám đốc``, ``Thứ trưởng``, ``nguyên Chủ tịch``) once the article has named
the body. What the title leaves open is filled from the article's other titles, the way a reader does it:

- a body named right after the title, past a bracketed short form or ``của`` (``Tổng giám đốc của Công ty X``,
  ``Tổng Giám đốc (TGĐ) Thông tấn xã Việt Nam``: the span stops before them) is its body;
- a unit's title followed by the body it is part of (``Trưởng phòng An ninh (Công an tỉnh Quảng Trị)``,
  ``Phó phòng Tham mưu, Công an tỉnh Yên Bái``, ``Trưởng phòng xuất nhập khẩu của Công ty X``) is that body's
  unit, when the body changes its kind or level (a list of two Sở changes neither);
- a title joined to the next by ``kiêm`` or a comma (``Chủ tịch kiêm Giám đốc Công ty X``, ``Phó Giám đốc,
  Thủ trưởng Cơ quan CSĐT Công an tỉnh``: one holder's offices) belongs to the same body;
- a title with the same head elsewhere in the article belongs to the body those titles name: the one named
  for the same holder (``Chủ tịch Nguyễn Xuân Phúc`` and ``Chủ tịch nước Nguyễn Xuân Phúc``), else the one
  more than half of them name (``Phó giám đốc`` and ``Giám đốc Sở TN&MT``; two Chủ tịch of two bodies as
  often leave it open); a bare school or hospital title (``Trưởng khoa``) the institution most of the article's
  titles name; a body's head with no name (``Phó Giám đốc Trung tâm``) the named body it starts.

A team whose title names no place (``Trưởng đoàn thanh tra``) is at the level of its leader's own office written
next to it (a central inspectorate's team is central). A district or commune office followed by its province in
brackets (``Bí thư Thị ủy Buôn Hồ (Đắk Lắk)``) is
that province's. A foreign office that does not say whose it is (``Tỉnh trưởng tỉnh Phúc Kiến``) is of the
foreign country the article names most. A bare head before a holder news always names by it (``Chủ tịch Hồ Chí
Minh``: office_holders.tsv) is that holder's office. Only what is open is filled: a title that names its body or
its place keeps its own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property

import regex

from .. import _patterns
from .._alternation import alternation
from .._resources import table
from .localities import after_2025, find_provinces, fold
from .office import (
    Office,
    expand_title,
    former_words,
    nameless_body,
    names_body,
    parentless_unit,
    parse_office,
    place_words,
)

__all__ = ["TitleSpan", "settle_offices"]

_JOINED = _patterns.compile(r"\s+kiêm\s+|[ \t]*,[ \t]*")
_JOINED_BEFORE = _patterns.compile(r"(?:\s+kiêm\s+|[ \t]*,[ \t]*)$")
_JOINT_REACH = 12  # characters a joint before a title runs, at most
_BRACKET_AFTER = _patterns.compile(r"[ \t]*\(([^()\n]{1,60})\)")
_CLAUSE_AFTER = _patterns.compile(r"[ \t]*(?:\([^()\n]{1,20}\)[ \t]*)?(?:kiêm(?:[ \t]+\p{Ll}+){1,3}[ \t]+(?=của))?"
                                  r"(?:của[ \t]+)?([^,;:.…()\n–-]+)")
_PARENT_AFTER = _patterns.compile(r"[ \t]*(?:\(|[,–-][ \t]*|của[ \t]+)([^,;:.()\n–-]+)")
_NAME = r"\p{Lu}[\w]*(?:\s+\p{Lu}[\w]*){1,3}"
_HOLDER_AFTER = _patterns.compile(rf"\s+({_NAME})")
_NAME_REACH = 120  # characters a body's name written after its title runs, at most


@dataclass(frozen=True)
class TitleSpan:
    """Where a title stands in its article's text."""

    start: int
    end: int


@dataclass(frozen=True)
class _Place:
    """What a body is, without its name: the core fields a bare title takes."""

    body_type: str | None
    body_level: str | None
    locality: str | None
    sublocality: str | None


_PLACED = ("province", "district", "commune")


def _bare(office: Office) -> bool:
    """A title that names no body and no place (``Giám đốc``, ``Thứ trưởng``), a local body but not its place
    (``Bí thư Thành ủy`` in a story that names no city), or only a body's head with no name (``Phó Giám đốc Trung
    tâm``, ``Chi cục trưởng``): what its article may fill."""
    return office.kind == "office" and office.role is not None and (nameless_body(office.body_name) or (
        office.locality is None and (office.body_name is None or office.body_level in _PLACED)))


def _place(office: Office) -> _Place:
    return _Place(office.body_type, office.body_level, office.locality, office.sublocality)


def _fits(bare: Office, named: Office) -> bool:
    """``named`` names a body ``bare`` may belong to: an office, with a body or a place, of the type the bare title's
    head implies (``Thứ trưởng`` a ministry's) if it implies one."""
    if named.kind != "office" or (named.body_name is None and named.locality is None) or named is bare:
        return False
    if nameless_body(bare.body_name):  # `Trung tâm` is the article's `Trung tâm Y tế dự phòng`, whatever its type
        return not nameless_body(named.body_name) and fold(named.body_name or "").startswith(fold(bare.body_name or ""))
    if bare.body_name is not None:  # `Bí thư Thành ủy` with no place: the article's `Thành ủy TP Hồ Chí Minh`
        return named.locality is not None and fold(named.body_name or "") == fold(bare.body_name)
    return bare.body_type is None or bare.body_type == named.body_type


def _filled(bare: Office, named: Office) -> Office:
    return bare.model_copy(update={"body_type": named.body_type, "body_level": named.body_level,
                                   "body_name": named.body_name, "locality": named.locality,
                                   "locality_2025": named.locality_2025, "sublocality": named.sublocality})


def _joined(text: str, spans: Sequence[TitleSpan], offices: Sequence[Office], index: int,
            starts: dict[int, list[int]]) -> Office | None:
    """The title that follows title ``index`` after ``kiêm`` (``starts``: the titles by where they start), if it
    names a body this one may belong to."""
    joint = _JOINED.match(text, spans[index].end)
    following = starts.get(joint.end(), []) if joint else []
    return next((offices[i] for i in following if _fits(offices[index], offices[i])), None)


@cache
def _holder_before() -> regex.Pattern[str]:
    """A name right before a title, past a comma or dash and a ``nguyên``/``cựu`` (``Nguyễn Văn A - nguyên``)."""
    return _patterns.compile(rf"({_NAME})\s*[,–-]\s*(?:{alternation(former_words())}\s+)?$")


def _holder(text: str, span: TitleSpan) -> str | None:
    """The name written right after a title (``Chủ tịch Nguyễn Xuân Phúc``) or right before it (``Nguyễn Văn A,
    Giám đốc``): who holds it, as far as the words around it tell."""
    after = _HOLDER_AFTER.match(text, span.end)
    before = _holder_before().search(text, max(0, span.start - 40), span.start)
    found = after or before
    words = found.group(1).split() if found else []
    if words[:1] and fold(words[0]) in _honorifics():  # `Ông Nguyễn Văn A` opening a sentence is A
        words = words[1:]
    return " ".join(words) or None


@cache
def _honorifics() -> frozenset[str]:
    return frozenset(fold(row["honorific"]) for row in table("honorifics"))


@dataclass
class _Heads:
    """The article's titles read once for :func:`_same_head`, so that its work is linear in the titles: their
    holders, and for each head (and the body type a bare title implies) the titles naming a body, by holder."""

    text: str
    spans: Sequence[TitleSpan]
    offices: Sequence[Office]
    holders: dict[int, str | None] = field(default_factory=dict)
    named: dict[tuple[str | None, ...], tuple[list[Office], dict[str, list[Office]]]] = field(default_factory=dict)
    chosen: dict[tuple[str | None, ...], Office | None] = field(default_factory=dict)

    def holder(self, index: int) -> str | None:
        """Who holds title ``index``: the name next to it, else the holder of the title it is listed after (``A -
        nguyên Chủ tịch kiêm Giám đốc Công ty X``: one holder's offices joined by ``kiêm`` or a comma). The chain of
        listed titles is walked in a loop, not by recursion: a list of thousands of titles is no deeper stack."""
        chain: list[int] = []
        at: int | None = index
        while at is not None and at not in self.holders:
            self.holders[at] = _holder(self.text, self.spans[at])  # None until the chain says: no loop
            chain.append(at)
            if self.holders[at] is not None:
                break
            at = self._listed_after(at)
        found = self.holders[at] if at is not None else None
        for listed in chain:
            self.holders[listed] = self.holders[listed] or found
        return self.holders[index]

    def _listed_after(self, index: int) -> int | None:
        """The title that title ``index`` follows after ``kiêm`` or a comma, if any."""
        start = self.spans[index].start
        joint = _JOINED_BEFORE.search(self.text, max(0, start - _JOINT_REACH), start)
        return self.ends.get(joint.start()) if joint else None

    @cached_property
    def ends(self) -> dict[int, int]:
        """The titles by where they end."""
        return {span.end: index for index, span in enumerate(self.spans)}

    def naming(self, bare: Office) -> tuple[list[Office], dict[str, list[Office]]]:
        """The titles with ``bare``'s head that name a body it may belong to, all and by holder."""
        key = _fit_key(bare)
        if key not in self.named:
            found = [i for i, o in enumerate(self.offices) if o.role == bare.role and _fits(bare, o)]
            by_holder: dict[str, list[Office]] = {}
            for i in found:
                if (holder := self.holder(i)) is not None:
                    by_holder.setdefault(holder, []).append(self.offices[i])
            self.named[key] = ([self.offices[i] for i in found], by_holder)
        return self.named[key]

    @cached_property
    def institution(self) -> Office | None:
        """The school or hospital more than half the article's school and hospital titles name, read once per
        article, so many bare titles cost linear work."""
        return _most_named([o for o in self.offices if o.body_type in _INSTITUTIONS and o.kind == "office"
                            and o.body_name is not None and not nameless_body(o.body_name)])


def _fit_key(bare: Office) -> tuple[str | None, ...]:
    """What :func:`_fits` reads of a bare title, with its head: two bare titles alike in it fit the same titles
    (``Bí thư Thành ủy`` and ``Bí thư Huyện ủy`` do not)."""
    return bare.role, bare.body_type, fold(bare.body_name) if bare.body_name is not None else None


def _same_head(heads: _Heads, index: int) -> Office | None:
    """The body the article's other titles with this head name: the one named for the same holder, else the one
    more than half of them name (the most written name of it); None when the article leaves it open."""
    bare = heads.offices[index]
    named, by_holder = heads.naming(bare)
    holder = heads.holder(index)
    key = (*_fit_key(bare), holder if holder in by_holder else None)
    if key not in heads.chosen:
        heads.chosen[key] = _most_named(named if holder is None else by_holder.get(holder, named))
    return heads.chosen[key]


def _most_named(candidates: list[Office]) -> Office | None:
    """The body more than half the ``candidates`` name (the most written name of it), if any."""
    counts = Counter(_place(o) for o in candidates)
    if not counts:
        return None
    place, count = counts.most_common(1)[0]
    if 2 * count <= len(candidates):
        return None
    names = Counter(o.body_name for o in candidates if _place(o) == place)
    return next(o for o in candidates if _place(o) == place and o.body_name == names.most_common(1)[0][0])


_INSTITUTIONS = ("education", "health")


def _institution(heads: _Heads, index: int) -> Office | None:
    """A bare school or hospital title (``Trưởng khoa``: a faculty or a ward) in an article whose titles name
    schools or hospitals: the one more than half of them name (a hospital's ``Trưởng khoa`` is no school's)."""
    return heads.institution if heads.offices[index].body_type in _INSTITUTIONS else None


@cache
def _known_holders() -> dict[str, Office]:
    return {" ".join(row["holder"].split()): parse_office(row["office"]) for row in table("office_holders")}


def _held(text: str, span: TitleSpan, bare: Office) -> Office | None:
    """The office of a holder news names by a bare head (``Chủ tịch Hồ Chí Minh``), if this title is that head."""
    after = _HOLDER_AFTER.match(text, span.end)
    known = _known_holders().get(" ".join(after.group(1).split())) if after else None
    return known if known is not None and known.role == bare.role else None


@cache
def _name_end() -> regex.Pattern[str]:
    """A word that ends a body's name (name_stops.tsv, inside=no: ``đã``, ``cho biết``, ``nói``), unless a
    capitalised word follows it, the name going on (``Đài Tiếng nói Việt Nam``)."""
    words = [row["word"] for row in table("name_stops") if row["inside"] == "no"]
    space = r"[ \t]+"
    return _patterns.compile(rf"{space}{alternation(words, space=space)}(?![\w])(?!{space}\p{{Lu}})")


def _name_after(text: str, words: regex.Match[str] | None) -> str | None:
    """The words a pattern took after a title (its group 1), cut where the body's name ends: before a verb or a
    function word after its first word (``Công ty X`` ``đã khẳng định``), and within :data:`_NAME_REACH`."""
    if words is None:
        return None
    start, end = words.span(1)
    end = min(end, start + _NAME_REACH)
    first = text.find(" ", start, end)
    stop = _name_end().search(text, first, end) if first != -1 else None
    return text[start:stop.start() if stop else end].strip() or None


def _body_after(text: str, span: TitleSpan, bare: Office, province: str | None) -> Office | None:
    """The office the title names with the words after it (``Tổng giám đốc`` ``của Công ty X``), when they start
    with a body: not a holder's name, not a verb."""
    clause = _name_after(text, _CLAUSE_AFTER.match(text, span.end))
    if clause is None:
        return None
    title = text[span.start:span.end]
    whole = parse_office(f"{title} {clause}", province, bare.former)
    words = fold(expand_title(clause)).split()[:1]
    tail = fold(title).split()  # a body the head shares: `Trưởng đoàn` `kiểm tra` → Đoàn kiểm tra, `Chánh văn
    name = fold(whole.body_name).split() if whole.body_name else []  # phòng` `UBND TP` → Văn phòng UBND
    shares = (1, 2) if bare.body_name is None else (1,)  # not a body the title names itself (`Thành ủy` `mới`)
    starts = bool(words) and (name[:1] == words or any(name[:n + 1] == tail[-n:] + words for n in shares))
    return whole if whole.role == bare.role and starts else None


_SENTENCE_END = _patterns.compile(r"[.!?;\n]")
_WORD = _patterns.compile(r"\w+")


_CLAUSE = _patterns.compile(r"([^,;:()\n–-]+)")  # a body's name runs to the clause's first break


def _kind_before(text: str, span: TitleSpan, bare: Office, province: str | None) -> Office | None:
    """A head that names the kind of its body (``Trưởng ban``, ``Trưởng đoàn``, ``Cục trưởng``) with the body of
    that kind its sentence names before it (``… về Ban Tuyên giáo Thành ủy với chức vụ Trưởng ban``, ``Đoàn thanh
    tra … do ông A làm Trưởng đoàn``): the nearest one."""
    title = text[span.start:span.end]
    kinds = set(fold(bare.role or "").split())
    opened = [m.end() for m in _patterns.finditer(_SENTENCE_END, text, max(0, span.start - _NAME_REACH * 2),
                                                  span.start)]
    begin = opened[-1] if opened else max(0, span.start - _NAME_REACH * 2)
    for word in reversed(list(_patterns.finditer(_WORD, text, begin, span.start))):
        if not word.group()[0].isupper() or fold(word.group()) not in kinds or not names_body(
                text[word.start():span.start]):
            continue
        name = _name_after(text, _CLAUSE.match(text, word.start(), span.start))
        whole = parse_office(f"{title} {name}", province, bare.former) if name else None
        if whole is not None and whole.role == bare.role and fold(whole.body_name or "").split()[:1] == [
                fold(word.group())]:
            return whole
    return None


def _bracketed_province(text: str, span: TitleSpan, office: Office) -> Office:
    """A district or commune office followed by its province in brackets (``(Đắk Lắk)``, ``(huyện Phù Cát, Bình
    Định)``) is that province's, whatever province the article is mostly about."""
    bracket = _BRACKET_AFTER.match(text, span.end)
    places = {p for _, _, p in find_provinces(bracket.group(1))} if bracket else set()
    if office.body_level in ("district", "commune") and len(places) == 1:
        province = next(iter(places))
        return office.model_copy(update={"locality": province, "locality_2025": after_2025(province)})
    return office


def _abroad(office: Office, country: str | None) -> Office:
    """A foreign office with no country, of the article's ``country``."""
    if office.body_type == "foreign_government" and office.locality is None and country is not None:
        return office.model_copy(update={"locality": country})
    return office


def _parent_after(text: str, span: TitleSpan, office: Office, province: str | None) -> Office:
    """A unit's title (a Phòng, a Đội: a department or other body whose place the title leaves open) with the body
    it belongs to written right after it, in brackets, after a comma or a dash (``Trưởng phòng Hành chính Tư pháp
    - Sở Tư pháp Nghệ An``) or ``của``."""
    title = text[span.start:span.end]
    if office.body_type not in ("department", "other") or parse_office(title).locality is not None:
        return office
    parent = _name_after(text, _PARENT_AFTER.match(text, span.end))
    if parent is None or not names_body(parent):
        return office
    whole = parse_office(f"{title} {parent}", province, office.former)
    grew = whole.body_name is not None and office.body_name is not None and (
        fold(whole.body_name).startswith(fold(office.body_name)) and len(whole.body_name) > len(office.body_name))
    changed = (whole.body_type, whole.body_level) != (office.body_type, office.body_level)
    return whole.model_copy(update={"title": office.title}) if grew and changed else office


@cache
def _same_holder() -> regex.Pattern[str]:
    """What stands between one holder's two titles: ``(Thanh tra Chính phủ) - ``, `` - ông Phạm Trọng Đạt, ``, or a
    word saying the next is theirs too (title_links.tsv, cue), after the body the first is of (``, Thanh tra Chính
    phủ làm ``)."""
    cues = alternation([row["word"] for row in table("title_links") if row["cue"] == "yes"], space=r"[ \t]+")
    return _patterns.compile(
        rf"[ \t]*(?:\([^()\n]{{1,60}}\)[ \t]*)?[,–-][ \t]*(?:(?:ông|bà)[ \t]+)?(?:{_NAME}[ \t]*[,–-][ \t]*)?"
        rf"|(?:[ \t]*,[ \t]*\p{{Lu}}[^,;:.()\n]{{1,60}}?)?[ \t]+{cues}[ \t]+")


def _team(office: Office) -> bool:
    """A team sent to inspect, check or work somewhere (``Trưởng đoàn thanh tra``) whose title names no place."""
    return (office.body_type == "other" and fold(office.body_name or "").startswith("đoàn ")
            and parse_office(office.title).locality is None)


def _team_place(text: str, spans: Sequence[TitleSpan], offices: Sequence[Office], index: int) -> Office:
    """A team is at the level of its leader's own office written next to its title (``Cục trưởng Cục Chống tham
    nhũng (Thanh tra Chính phủ) - Trưởng đoàn thanh tra``, ``trưởng đoàn thanh tra - ông A, Cục trưởng …``): a
    central inspectorate's team is central, not the province it inspects."""
    team = offices[index]
    for other in (index - 1, index + 1):
        if not 0 <= other < len(spans) or offices[other].body_level is None or _team(offices[other]):
            continue
        first, second = sorted((spans[index], spans[other]), key=lambda s: s.start)
        if _same_holder().fullmatch(text, first.end, second.start):
            near = offices[other]
            return team.model_copy(update={"body_level": near.body_level, "locality": near.locality,
                                           "locality_2025": near.locality_2025, "sublocality": near.sublocality})
    return team


_LOCAL = ("province", "district", "commune")


def _own_place(office: Office) -> str | None:
    """The words by which a title places its body itself (``huyện Văn Chấn``), not by the article's province."""
    return place_words(office.title) if office.body_level in _LOCAL and parse_office(office.title).locality else None


@cache
def _listed() -> regex.Pattern[str]:
    """What joins two titles of one list: a comma, ``kiêm`` or ``và``, and a ``nguyên``/``cựu`` before the next."""
    return _patterns.compile(rf"(?:\s+(?:kiêm|và)\s+|[ \t]*,[ \t]*)(?:{alternation(former_words())}\s+)?")


def _takes_place(office: Office, whole: Office) -> bool:
    """Whether ``whole`` (the title read with a list's place) keeps ``office``'s body and level: the same body at
    the level the place gives it, or, for a head alone (``Phó chủ tịch``), the body the place makes it head of."""
    if office.body_name is None:
        return office.body_type is None and whole.body_type is not None and whole.body_level in _LOCAL
    alone = parse_office(office.title)
    return (fold(whole.body_name or "") == fold(office.body_name) and whole.body_type == office.body_type
            and whole.body_level in (alone.body_level, office.body_level))


def _listed_places(text: str, spans: Sequence[TitleSpan], offices: Sequence[Office],
                   province: str | None) -> list[Office]:
    """Titles of a list whose place is written once, after the last (``nguyên Bí thư Thành ủy, Chủ tịch HĐND TP Hội
    An``, ``Bí thư Huyện ủy kiêm Chủ tịch UBND huyện Trạm Tấu``, ``nguyên Phó chủ tịch và nguyên Trưởng công an
    H.Nghĩa Hành``): a local body, or a head alone, that names no place of its own is at the place the next title
    names (or takes from the one after it), when that keeps its body and its level."""
    order = sorted(range(len(spans)), key=lambda i: spans[i].start)
    placed = list(offices)
    tail: str | None = None
    for position in range(len(order) - 1, -1, -1):
        index = order[position]
        office = offices[index]
        joint = _listed().match(text, spans[index].end)
        follows = position + 1 < len(order) and joint is not None and spans[order[position + 1]].start == joint.end()
        own = _own_place(office)
        local = office.body_level in _LOCAL or (office.body_name is None and office.locality is None)
        if own is None and follows and tail is not None and local and office.kind == "office":
            whole = parse_office(f"{office.title} {tail}", province, office.former)
            if _takes_place(office, whole):
                placed[index] = whole.model_copy(update={"title": office.title})
                own = tail
        tail = own if own is not None or not follows else tail
    return placed


def settle_offices(text: str, spans: Sequence[TitleSpan], offices: Sequence[Office],
                   province: str | None = None, country: str | None = None) -> list[Office]:
    """The article's offices (one per title span, in any order) with what a bare title leaves open filled: by
    its known holder, the body named right after it (read with the article's ``province``), the title it is
    joined to by ``kiêm``, else the body its head names elsewhere in the article; a foreign office with no
    country, the article's ``country``; a unit's title, the body written after it; a district or commune office,
    the province bracketed after it."""
    offices = [_bracketed_province(text, span, _parent_after(text, span, _abroad(office, country), province))
               for span, office in zip(spans, _listed_places(text, spans, offices, province), strict=True)]
    settled = list(offices)
    starts: dict[int, list[int]] = {}
    for index, span in enumerate(spans):
        starts.setdefault(span.start, []).append(index)
    heads = _Heads(text, spans, offices)
    for index, office in enumerate(offices):
        if not _bare(office):
            continue
        source = (_held(text, spans[index], office) or _body_after(text, spans[index], office, province)
                  or _joined(text, spans, offices, index, starts) or _kind_before(text, spans[index], office, province)
                  or _same_head(heads, index) or _institution(heads, index))
        if source is not None:
            settled[index] = _filled(office, source)
    settled = _foreign_holders(heads, _foreign_story(_company_units(settled), province, country))
    return [_team_place(text, spans, settled, index) if _team(office) else office
            for index, office in enumerate(settled)]


def _foreign_story(offices: list[Office], province: str | None, country: str | None) -> list[Office]:
    """A local office that names no place (``Bí thư Tỉnh ủy``), in a story with no province of its own whose
    placed local offices are all a foreign country's (``Tỉnh trưởng tỉnh Phúc Kiến``, at least two), is that
    country's too: a foreign province's party secretary."""
    placed = [o for o in offices if o.locality is not None and (o.body_level in _LOCAL
                                                                or o.body_type == "foreign_government")]
    foreign = [o for o in placed if o.body_type == "foreign_government" and o.locality == country]
    if province is not None or country is None or len(foreign) < 2 or len(foreign) < len(placed):
        return offices
    return [o.model_copy(update={"body_type": "foreign_government", "body_level": None, "locality": country,
                                 "locality_2025": None, "sublocality": None})
            if o.kind == "office" and o.locality is None and o.body_level in _LOCAL else o for o in offices]


def _company_units(offices: list[Office]) -> list[Office]:
    """A unit's title that names no parent and no place (``Phó trưởng Phòng Kỹ thuật``, ``Trạm trưởng Trạm cấp
    nước X``), in an article most of whose other titles with a body are a company's, is the company's: no level,
    the company's locality."""
    units = {i for i, o in enumerate(offices)
             if parentless_unit(o.body_name) and not _team(o) and parse_office(o.title).locality is None}
    bodied = [o for i, o in enumerate(offices) if i not in units and o.kind == "office" and o.body_type is not None]
    companies = [o for o in bodied if o.body_type == "company"]
    if not units or 2 * len(companies) <= len(bodied):
        return offices
    company = Counter(o.locality for o in companies).most_common(1)[0][0]
    return [o.model_copy(update={"body_type": "company", "body_level": None, "locality": company,
                                 "locality_2025": after_2025(company) if company else None, "sublocality": None})
            if i in units else o for i, o in enumerate(offices)]


def _head_alone(office: Office) -> bool:
    """A title that is its head alone, with its modifiers (``Thủ tướng``, ``Phó Thủ tướng``, ``Bộ trưởng``): the
    body its head implies (the government, a ministry) is the reader's guess, not written."""
    return office.role is not None and fold(expand_title(office.title)).endswith(fold(office.role))


def _same_person(short: str, full: str) -> bool:
    """Whether ``short`` names the holder ``full`` names: the same words, or its last ones (``Abe``, ``Shinzo
    Abe``)."""
    words, whole = short.split(), full.split()
    return bool(words) and whole[-len(words):] == words


def _foreign_holders(heads: _Heads, offices: list[Office]) -> list[Office]:
    """A head alone (``Thủ tướng``, ``Bộ trưởng``) whose holder the article names elsewhere with the same head of
    a foreign state (``Thủ tướng Trung Quốc Lý Khắc Cường`` … ``Thủ tướng Lý Khắc Cường``, ``Thủ tướng Abe``) is
    that state's office, not the government's."""
    abroad = [(office, holder) for index, office in enumerate(offices)
              if office.body_type == "foreign_government" and office.locality is not None
              and (holder := heads.holder(index)) is not None]
    if not abroad:
        return offices
    settled = list(offices)
    for index, office in enumerate(offices):
        holder = heads.holder(index)
        known = holder is not None and " ".join(holder.split()) in _known_holders()  # `Chủ tịch Hồ Chí Minh`
        if holder is None or known or office.kind != "office" or office.body_type == "foreign_government" or not (
                _head_alone(office)):
            continue
        found = next((o for o, full in abroad if o.role == office.role and _same_person(holder, full)), None)
        if found is not None:
            settled[index] = _filled(office, found)
    return settled
