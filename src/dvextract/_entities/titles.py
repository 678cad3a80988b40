"""Titles: a head with its parts (`Phó` + `Chủ tịch` + `Thường trực`), and the body, locality or country it
names (`Chủ tịch UBND tỉnh Cà Mau`, `Bí thư phường Điện Dương`, `Tổng thống Mỹ`). A lowercase title is an
office only with its body or unit, or next to a person's name (`trung tá Bùi Tiến Phúc`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .._resources import table
from .._segment import compound
from . import names, orgs, places
from .lexicon import Entry, grammar_words
from .scan import Found, Phrase, Scan, is_caps, is_word

__all__ = ["compound_degree", "country_of", "title", "title_head"]

Head = tuple[int, Entry, bool]
"""A title's head found at a token: the token after it, its entry, and whether its case fits."""

APPOSITION_WORDS = 8
"""How many words after a title's head an apposition's own description may run (`Trưởng nhóm nghiên cứu trắc
lượng thông tin`)."""

_APPOSITION_MARKS = frozenset({",", ";", "(", ")"})
"""Marks that close an apposition (`ông A, Chủ tịch Tsugaike Gondola Lift, nói`)."""
_DASHES = frozenset({"-", "–"})


def title_head(s: Scan, i: int) -> bool:
    """A title's head (maybe after a part such as `Phó`) starts at token i."""
    pre = s.match(i, {"title_pre"})
    return bool(s.match(pre[0] if pre else i, {"title", "TITLE"}, any_case=bool(pre)))


def _heads(s: Scan, k: int, cased: bool, longer: Phrase | None) -> list[Head]:
    """The title heads at token k, longest first, unless a body's head is longer there (`Đại sứ quán` is a body,
    not the title `Đại sứ`)."""
    heads: list[Head] = []
    for length in s.lex.lengths.get(s.low[k], ()) if k < s.n else ():
        key = tuple(s.low[k : k + length])
        for e in s.lex.phrases.get(key, ()):
            if e.kind in ("title", "TITLE") and k + length <= s.n and not (longer and longer[0] > k + length):
                heads.append((k + length, e, cased or s.case_ok(e, k)))
    return heads


def title(s: Scan, i: int) -> int | None:
    """Emit a TITLE starting at token i (with the organisation it contains); its end. A title in apposition after
    a name runs to the apposition's end (:func:`_apposition_end`); past a body already found, only over a name
    (`phó tổng giám đốc Công ty` + `ô-tô Toyota Việt Nam`), not over lowercase words after it."""
    apposed = _after_name(s, i)
    found = len(s.out)
    end = _title(s, i)
    if end is None or not apposed or _academic(s.text[s.starts[i] : s.ends[end - 1]]):
        return end  # a degree takes no description: `Cheng Yongmao, kỹ sư` | `chỉ đạo công tác trùng tu …`
    last = _apposition_end(s, end)
    kinds = {f.type for f in s.out[found:]}
    if "ORGANIZATION" in kinds and not any(s.toks[k][:1].isupper() for k in range(end, last)):
        return end  # `Trưởng khoa Ngoại chấn thương` + `nhận hình thức kỷ luật`: a body's name ends at its words
    if "LOCATION" in kinds and all(s.name_tok(k) for k in range(end, last)):
        return end  # `Tổng thống Nga` + `Vladimir Putin (phải)`: after its country, a state's office is complete
    if last > end:
        _extend(s, s.ends[end - 1], last)
    return last


def _after_name(s: Scan, i: int) -> bool:
    """Token i follows a person's name and a comma or dash (`ông Tsuneo Kubo, Chủ tịch …`): what follows is that
    person's description, not a title before another name (`Ủy viên Bộ Chính trị, Bí thư Thành ủy Hoàng Trung
    Hải`); not after a name an office already introduced, where a new clause may start (`Bộ trưởng Bộ Công an Tô
    Lâm, Thủ tướng hoan nghênh …`; but `TS. Lê Văn Út, Trưởng nhóm …`)."""
    if not (i > 1 and (s.toks[i - 1] == "," or s.toks[i - 1] in _DASHES) and s.out and s.out[-1].type == "PERSON"
            and s.out[-1].end == s.ends[i - 2]):
        return False
    name = s.out[-1]
    return not any(f.type == "TITLE" and f.end <= name.start and not s.text[f.end : name.start].strip(" .")
                   and not _academic(s.text[f.start : f.end]) for f in s.out[-4:-1])


@cache
def _academic_titles() -> frozenset[str]:
    return frozenset(" ".join(r["title"].split()).casefold() for r in table("titles") if r["kind"] == "academic")


def _academic(title: str) -> bool:
    """An academic title (`TS`, `PGS.TS`, `Tiến sĩ`), maybe several joined (`TS-BS`)."""
    return " ".join(title.split()).casefold() in _academic_titles() or all(
        _degree_part(p) for p in title.replace(".", "-").split("-"))


def _apposition_end(s: Scan, end: int) -> int:
    """Where an apposition's title ends when its words run on past what the grammar found: up to a comma or a
    bracket, a body's head (its own body follows), or a word that ends a title (`của`, `tại`, `thuộc`; `bà Gomez,
    chủ tịch hội nghị của Liên Hiệp Quốc`, `ông Tình, Cục trưởng Hợp tác quốc tế (Bộ VHTT&DL)`). Not when a word
    on the way ends a name (a verb: `ông A, Giám đốc Sở cho biết, …`), starts another title or is a mark or a line
    break, nor over a name in a list of titles and names (`A, Thượng nghị sĩ Mark Warner, Phó Chủ tịch …`): then
    the title as found."""
    if end >= s.n or names.short_name(s, end):
        return end  # `ông Khuyên, trung tá Phúc thông tin …`: a name follows the title
    for k in range(end, min(s.n, end + APPOSITION_WORDS + 1)):
        if _closes_apposition(s, end, k):
            return k if k > end and s.tight(end - 1, k) and not _name_in_list(s, end, k) else end
        if _breaks_apposition(s, end, k):
            return end
    return end


def _closes_apposition(s: Scan, end: int, k: int) -> bool:
    """Token k closes the words run on from ``end``: a mark, a word that ends a title (not as a syllable of a
    compound: `HLV hiện tại của PSG`), or a body's head after the lowercase end of a description."""
    ending = s.low[k] in grammar_words("title_end") and not compound(s.toks[k - 1], s.toks[k])
    return s.toks[k] in _APPOSITION_MARKS or ending or (k > end + 2 and _body_starts(s, k) and s.toks[k - 1].islower())


def _name_in_list(s: Scan, end: int, k: int) -> bool:
    """The words from ``end`` to the mark at k are a name, and a title follows the mark: a list of titles and
    names (`…, Thượng nghị sĩ Mark Warner, Phó Chủ tịch …`)."""
    return s.toks[k] in _APPOSITION_MARKS and k + 1 < s.n and title_head(s, k + 1) \
        and all(s.name_tok(x) for x in range(end, k))


def _breaks_apposition(s: Scan, end: int, k: int) -> bool:
    """Token k is no word of a title's description: not a word (a dash inside one is: `Trưởng Bộ môn Hồi sức Cấp
    cứu – Chống độc`), a stop, link or honorific word, another title's head, or a full name."""
    inner_dash = k > end and s.toks[k] in _DASHES
    return not (is_word(s.toks[k]) or inner_dash) \
        or s.match(k, {"stop", "link", "honorific"}, any_case=True) is not None \
        or title_head(s, k) or names.full_name(s, k)


def _own_country(s: Scan, i: int, j: int, entry: Entry) -> bool:
    """A lowercase office with its country after it is a title (`tổng thống Philippines Aquino`); not the generic
    word (`đại biểu Việt Nam và Lào`) nor many (`các bộ trưởng Mỹ`)."""
    return entry.info == "no" and s.match(j, {"country"}) is not None and not s.generic_before(i)


def _body_starts(s: Scan, k: int) -> bool:
    """A body's name starts at token k (`Trưởng Bộ môn Hồi sức – Chống độc` | `Trường ĐH Y Dược`) after the
    lowercase end of a description; not a word that is a body only on its own (`Trung ương Đoàn`), nor one inside a
    capitalized name (`Liên hiệp Hội Khoa học`)."""
    m = s.match(k, {"org"})
    return m is not None and m[1].info != "alone"


def _extend(s: Scan, end: int, last: int) -> None:
    """The mentions the scan emitted that end at ``end`` (the title and the body it closes with) run on to token
    ``last``."""
    for n, f in enumerate(s.out):
        if f.end == end and f.type in ("TITLE", "ORGANIZATION"):
            i = s.starts.index(f.start)
            s.out[n] = Found(f.start, s.ends[last - 1], f.type, s.expand(i, last))


@cache
def _degrees() -> frozenset[str]:
    """Academic titles written as one abbreviation (`TS`, `ThS`, `BSCK`), as titles.tsv writes them."""
    return frozenset(r["title"] for r in table("titles") if r["kind"] == "academic" and r["title"].isalpha())


def _degree_part(part: str) -> bool:
    """An academic abbreviation, maybe with its level (`BSCK1`, `BSCKII`)."""
    return part in _degrees() or (len(part) > 2 and (part[:-1] in _degrees() and part[-1] in "12"
                                                     or part.rstrip("I") in _degrees()))


def compound_degree(s: Scan, i: int) -> int | None:
    """Academic abbreviations joined into one word (`TS-BS`, `ThS.BS`) or with their level (`BSCK1`): a TITLE
    however they are combined, not a row for each combination; its end."""
    parts = s.toks[i].replace(".", "-").split("-")
    if s.match(i, {"title"}) or not all(_degree_part(p) for p in parts) or not (len(parts) > 1 or parts[0] not in
                                                                                 _degrees()):
        return None
    s.emit(i, i + 1, "TITLE")
    return i + 1


@cache
def _cues() -> frozenset[tuple[str, ...]]:
    """The words that put a title right after them (title_cues.tsv: `giữ chức`, `nhận chức`)."""
    return frozenset(tuple(row["cue"].lower().split()) for row in table("title_cues"))


def _word_end(s: Scan, i: int) -> bool:
    """A lower-case part that ends a word begun by the token before it (`thẩm quyền`, `chính quyền`: the
    segmenter's dictionary holds them as one word) is that word's syllable, not a title's part; but not after a
    cue that puts a title there (`giữ chức` `quyền giám đốc`), nor after a body's head (`Viện phó`)."""
    if i == 0 or not s.toks[i][:1].islower() or not compound(s.toks[i - 1], s.toks[i]):
        return False
    cued = any(tuple(w.lower() for w in s.toks[max(0, i - n):i]) in _cues() for n in (1, 2, 3))
    return not cued and not s.match(i - 1, {"title", "TITLE", "org"}, any_case=True)


def _title(s: Scan, i: int) -> int | None:
    """Emit a TITLE starting at token i (with the organisation it contains); its end."""
    pre = s.match(i, {"title_pre"})
    if pre and _word_end(s, i):
        return None  # `thẩm quyền Chủ tịch UBND`: the authority of a Chủ tịch, no `quyền` (acting) one
    k = pre[0] if pre else i
    longer = s.match(k, {"org"}, any_case=True)
    heads = _heads(s, k, bool(pre), longer)
    if heads and s.generic_before(i, "office"):
        return None  # `cuộc bầu cử ĐBQH khóa XIV`: the office, no one's title
    if pre and not heads and longer and longer[1].info == "named":
        deputy = orgs.org(s, k)  # `Phó Ban Dân vận Tỉnh ủy`, `Phó Phòng Tổ chức hành chính`: the deputy head of a body
        if deputy and s.toks[k][0].isupper():
            s.emit(i, deputy, "TITLE")
            s.emit(k, deputy, "ORGANIZATION")
            return deputy
    best = None
    for j, entry, cased in heads:
        attempt = _title_at(s, i, j, entry, cased, best is None)
        if attempt.end:
            return attempt.end
        if attempt.bare_end is not None:
            best = attempt.bare_end
    if best is None:
        return None
    return country_of(s, i, best, _state_office(s, i))


def _body_in_title(s: Scan, j: int, tight: bool) -> tuple[int, int | None]:
    """Start and end of the body a title's head at token j goes on with: `Chủ tịch` + `UBND tỉnh`, a lowercase
    one (`Bí thư tỉnh ủy`, `Trưởng phòng Cảnh sát Hình sự`), or a committee's (`Phó trưởng ban đô thị HĐND`)."""
    org_end = orgs.org(s, j) if tight else None
    if not org_end and tight and s.toks[j].islower():
        sub = orgs.org(s, j, 1)  # `Trưởng phòng Cảnh sát Hình sự`, `Hiệu trưởng đại học Tôn Đức Thắng`
        head = s.match(j, {"org"}, any_case=True)
        if sub and (any(s.toks[k][0].isupper() for k in range(j + 1, sub))
                    or (head and head[1].info == "body" and head[0] == sub)):  # `Bí thư tỉnh ủy`
            org_end = sub
    if not org_end and tight and s.toks[j].islower():
        return orgs.committee(s, j) or (j, None)  # `Phó trưởng ban đô thị HĐND Đà Nẵng`
    return j, org_end


@dataclass(frozen=True)
class _Attempt:
    """What a title's head makes: ``end``, the end of the title emitted; or ``bare_end``, where a bare title
    would end if no longer head makes one (`trung tá` before a name); or neither."""

    end: int | None = None
    bare_end: int | None = None


@dataclass(frozen=True)
class _HeadAt:
    """A title tried from token ``i`` whose head (with its part after, `Thường trực`) ends at token ``j``:
    ``cased``, the head's case fits a title; ``tight``, nothing (a space or a mark) parts it from the token after
    it."""

    i: int
    j: int
    entry: Entry
    cased: bool
    tight: bool


def _title_at(s: Scan, i: int, j: int, entry: Entry, cased: bool, want_best: bool) -> _Attempt:
    """Try the title from token i whose head ends at token j: with the body it goes on with, by a ministry's
    field, an abbreviation or its body's kind alone; or, bodiless, with its locality or next to a name (the
    bare end only looked for when ``want_best``)."""
    post = s.match(j, {"title_post"})
    if post:
        j = post[0]
    head = _HeadAt(i, j, entry, cased, j < s.n and s.tight(j - 1, j + 1))
    inner, org_end = _body_in_title(s, j, head.tight)  # where the organisation inside the title starts and ends
    if not org_end:
        end = _ministry_title(s, head)
        if end is not None:
            return _Attempt(end)
        org_end = _abbreviated_body(s, head)
    if not org_end:
        end = _bare_body_title(s, head)
        if end is not None:
            return _Attempt(end)
    if org_end:
        attempt = _title_with_body(s, head, inner, org_end)
        if attempt is not None:
            return attempt
    return _title_without_body(s, head, want_best)


def _ministry_title(s: Scan, head: _HeadAt) -> int | None:
    """`Bộ trưởng Y tế`: a minister's head with the ministry's field after it; the title's end."""
    if head.tight and head.entry.info == "ministry":
        m = s.match(head.j, {"ministry"}, any_case=True)
        if m:
            return country_of(s, head.i, m[0], True)
    return None


def _abbreviated_body(s: Scan, head: _HeadAt) -> int | None:
    """`Chủ tịch VCCI`, `Phó Chủ tịch LĐLĐ Thành phố`: a body by its abbreviation (now known as one), and what
    follows it; the body's end."""
    j = head.j
    if j < s.n and is_caps(s.toks[j]) and not places.place_at(s, j) and s.tight(j - 1, j + 1) \
            and s.toks[j] not in s.lex.abbreviations:
        s.defined.add(s.toks[j])
        return orgs.tail(s, j + 1, 0)
    return None


def _bare_body_title(s: Scan, head: _HeadAt) -> int | None:
    """`Phó giám đốc bệnh viện`: the body by its kind alone, a title when its head is cased or after a person;
    the title's end."""
    bare = s.match(head.j, {"bare_body"}, any_case=True) if head.tight else None
    if bare and not s.name_tok(bare[0]) and (head.cased or names.after_person(s, head.i)):
        s.emit(head.i, bare[0], "TITLE")
        return bare[0]
    return None


def _title_with_body(s: Scan, head: _HeadAt, inner: int, org_end: int) -> _Attempt | None:
    """A head with the body it goes on with: the generic word (no title), the title with its body, or None when
    neither (the head is then read without its body)."""
    i = head.i
    if head.entry.info == "apposition" and not (head.cased or names.after_person(s, i)):
        return _Attempt()  # `bầu cử đại biểu Quốc hội` is the generic word; `ông A, đại biểu Quốc hội` an office
    if s.toks[i].islower() and s.generic_before(i) and not (org_end < s.n and s.toks[org_end].startswith(":")):
        return _Attempt()  # `các thành viên Chính phủ` is the generic noun; `Các ủy viên Trung ương Đảng: A, B` a title
    if head.cased or s.toks[head.j][0].isupper() or names.after_person(s, i):  # `hiệu trưởng Trường Mầm non Sen
        # Vàng`; after a name, `bà Tân, hiệu trưởng trường mầm non Sen Vàng`
        s.emit(i, org_end, "TITLE")
        s.emit(inner, org_end, "ORGANIZATION")
        return _Attempt(org_end)
    return None


def _title_without_body(s: Scan, head: _HeadAt, want_best: bool) -> _Attempt:
    """A head read without a body: with its locality (`Bí thư phường Điện Dương`); a lowercase one only with a
    locality unit, or as a bare title next to a name (``want_best``); not `các giám đốc`."""
    i, j, info = head.i, head.j, head.entry.info
    local = places.title_locality(s, j) if head.tight and info not in ("yes", "apposition") else None
    if not head.cased and not (local and local[1] and s.match(j, {"locality_unit"})):
        return _Attempt(bare_end=j) if want_best and _beside_name(s, head) else _Attempt()
    if local:
        end, named = local
        s.emit(i, end, "TITLE")
        if named:
            s.emit(j, end, "LOCATION")
        return _Attempt(end)
    return _Attempt(bare_end=j if want_best and info not in ("yes", "apposition") else None)


def _beside_name(s: Scan, head: _HeadAt) -> bool:
    """`trung tá Bùi Tiến Phúc`, `bác sĩ Dương`, `ông Scott là trưởng đoàn`: next to a name, a lowercase title is
    one too; and with its country (`tổng thống Philippines Aquino`)."""
    i, j, entry = head.i, head.j, head.entry
    return bool((head.tight and (names.full_name(s, j) or (entry.info == "no" and names.short_name(s, j))
                                 or _own_country(s, i, j, entry)))
                or (entry.info == "no" and names.after_person(s, i)))


@cache
def _state_heads() -> frozenset[str]:
    """Heads of offices of a state (`kind=state` in titles.tsv: `Tổng thống`, `Đại sứ`), casefolded."""
    return frozenset(" ".join(r["title"].split()).casefold() for r in table("titles") if r["kind"] == "state")


def _state_office(s: Scan, i: int) -> bool:
    """The title at token i is a state's office (`Tổng thống`, `Phó Thủ tướng`): a country after it is its own."""
    pre = s.match(i, {"title_pre"})
    m = s.match(pre[0] if pre else i, {"title"}, any_case=True)
    return m is not None and " ".join(m[1].form).casefold() in _state_heads()


def country_of(s: Scan, i: int, j: int, state: bool = False) -> int:
    """Emit a TITLE from token i to j, with the country that follows it (`Tổng thống Mỹ Donald Trump`,
    `Bộ trưởng Tư pháp Mỹ`); its end. A country that is also a given name (`Nga`) is the office's before a
    foreign name, or, for a state's office (``state``), before no name (`Tổng thống Nga nói`; but `Chủ nhiệm Nga
    nói` is Ms Nga)."""
    c = s.match(j, {"country"}) if j < s.n and s.tight(j - 1, j + 1) else None
    if c and c[1].info == "yes":  # `Mỹ`, `Anh`, `Đức` are given names too: a foreign name or no name must follow
        k = c[0]
        foreign = k < s.n and s.name_tok(k) and s.toks[k].isascii() and s.toks[k] not in s.lex.surnames
        unnamed = state and (k >= s.n or not s.toks[k][:1].isupper())  # `Đại sứ Séc ở`, `Tổng thống Nga nói`
        c = c if foreign or unnamed else None  # `Tổng thống Mỹ Donald Trump`; not `Giám đốc Đức Hùng`
    if c:
        s.emit(j, c[0], "LOCATION")
        j = c[0]
    s.emit(i, j, "TITLE")
    return j
