"""Places: a known province, place or country (`Đà Nẵng`, `Mỹ` after a cue), a unit word and its name
(`tỉnh Cà Mau`, `Quận 7`), a venue (`Nhà văn hóa thành phố`), a place an intro word names (`quê Thái Bình`), and
the locality that ends a body's or a title's name. A place name seen after its unit word is a place on its own
elsewhere in the text."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from . import names, orgs
from .lexicon import Lexicon, grammar_words
from .scan import HEADS, Found, Phrase, Range, Scan, is_word

_AND = grammar_words("and")
_NUMBER = grammar_words("number")

__all__ = ["address", "country", "house_number", "known_places", "locality", "place_at", "place_intro", "place_name",
           "title_locality", "unit_place", "unit_word", "venue"]


def place_at(s: Scan, i: int) -> Phrase | None:
    """A known place at token i: a province, a place, or a country (ambiguous ones after a cue)."""
    return s.match(i, {"place", "LOCATION"}) or country(s, i)


def country(s: Scan, i: int) -> Phrase | None:
    """A country at token i, not the start of a longer name; one that is also a given name (`Mỹ`) after a cue."""
    m = s.match(i, {"country"})
    if not m:
        return None
    j, entry = m
    foreign = j + 1 < s.n and all(s.name_tok(k) and s.toks[k].isascii() for k in (j, j + 1))
    if s.name_tok(j) and s.tight(j - 1, j + 1) and not (names.full_name(s, j) or foreign):
        return None  # part of a longer name; but `Chủ tịch nước CHXHCN Việt Nam Trương Tấn Sang`, `Chủ tịch
        # Quốc hội Campuchia Heng Samrin`
    if entry.info == "yes" and not (i > 0 and s.match(i - 1, {"cue"})):
        return None
    return m


def locality(s: Scan, i: int) -> int | None:
    """End of a locality that belongs to a body's name: `tỉnh Cà Mau`, `Đà Nẵng`, `TP`, `thành phố`."""
    m = place_at(s, i)
    if m:
        return m[0]
    u = s.match(i, {"locality_unit"})
    if not u:
        return None
    o = s.match(i, {"org", "ORGANIZATION", "unit_compound"}, any_case=True)
    if o and o[0] > u[0]:
        return None  # `Tỉnh ủy`, `Quận ủy`: a body, not the unit `tỉnh`; `xã hội` is a word
    return _unit_named(s, i, u[0])


def _unit_named(s: Scan, i: int, j: int) -> int | None:
    """End of the locality a unit word (tokens i..j) begins: the unit and its place, its name or its number
    (`tỉnh Cà Mau`, `Công an Quận 7`), or the unit alone before anything but a name (`thành phố`)."""
    p = s.match(j, {"place", "country", "LOCATION"})
    if p:
        return p[0]
    if names.full_name(s, j):
        return _before_holder(s, j)
    k = place_name(s, j, number=False)
    if k:
        return k
    unit = s.match(i, {"unit"})
    if j < s.n and s.toks[j].isdigit() and s.tight(j - 1, j + 1) and unit and unit[1].info == "number":
        return j + 1  # `Công an Quận 7`
    if j >= s.n or not is_word(s.toks[j]) or not s.toks[j][0].isupper():
        return None if s.match(j, {"deictic"}) else j  # `Hội Người cao tuổi thành phố`; not `tỉnh này`
    return None


def _before_holder(s: Scan, j: int) -> int:
    """A full name after a unit word at token j is the office holder's, not the place's (`HĐND thành phố Nguyễn
    Ngọc Tuấn`: the unit alone); but when another full name two tokens on reads at least as far, those two
    tokens are the place's name (`UBND TP.Phan Thiết Đỗ Ngọc Điệp`: the city's name ends where a full name
    starts)."""
    run = names.person_run(s, j, True)
    k = j + 2 if names.full_name(s, j + 2) and (names.person_run(s, j + 2, True) or 0) >= (run or 0) else None
    return k or j


def title_locality(s: Scan, i: int) -> tuple[int, bool] | None:
    """The locality a title names at token i, and whether it is a place of its own: a unit word and its
    name (`Bí thư phường Điện Dương`, `Phó chủ tịch thường trực TP Đà Nẵng`), a known place that is not
    also a person's full name (`Chủ tịch Thừa Thiên Huế`; not `Chủ tịch Hồ Chí Minh`), or a unit word
    alone (`Bí thư thị trấn`, no place)."""
    unit = s.match(i, {"locality_unit"})
    if unit:
        end = locality(s, i)
        return (end, end > unit[0]) if end else None
    place = place_at(s, i)
    if place and not (names.full_name(s, i) and names.person_run(s, i, True) == place[0]):
        return place[0], True
    return None


def _ends_place_name(s: Scan, j: int, k: int) -> bool:
    """Token k (after the first of a place's name at j) starts something else: a person's full name, a body with
    its name, a title, an honorific before a name, or another unit word with its name."""
    run = names.person_run(s, k, True) if s.toks[k] in s.lex.surnames else None
    if run and not names.gives_back(s, j, k, run):
        return True  # `tỉnh Thái Nguyên Dương Ngọc Long`; but `huyện Gia Lâm Nguyễn Ngọc Thuần`
    h = s.match(k, HEADS)
    if h and h[0] < s.n and is_word(s.toks[h[0]]) and s.tight(h[0] - 1, h[0] + 1):
        return True  # a head with its name: `tỉnh Gia Lai Công an tỉnh`; not `phường Thanh Trường,`
    if s.match(k, {"title", "TITLE"}):
        return True
    if s.match(k, {"honorific"}) and (s.toks[k].islower() or names.full_name(s, k + 1)):
        return True  # but `sông Giồng Ông Tố`, `thị xã Kỳ Anh`: a capitalized `Ông`, `Anh` inside a place's name
    nxt = s.match(k, {"unit"}) if s.toks[k][0].isupper() else None
    return bool(nxt and s.name_tok(nxt[0]) and s.tight(nxt[0] - 1, nxt[0] + 1))
    # `Cống Mương Chuối` | `Cống Phú Xuân`; not `cầu Chợ Cầu`


def place_name(s: Scan, j: int, number: bool) -> int | None:
    """End of a place's own name after its unit word: capitalized syllables (and a number)."""
    k = j
    if number and k < s.n and s.toks[k][0].isdigit():
        return k + 1
    head = s.match(j, {"org", "title"})
    if head and head[0] > j + 1:
        return None  # `thành phố Đại học`: a body's head, not a name
    while k < s.n and k - j < 5 and (s.name_tok(k) or (k > j and s.toks[k][0].isdigit())):
        if k > j and (not s.tight(k - 1, k + 1) or _ends_place_name(s, j, k)):
            break
        k += 1
    if k - j >= 2 and all(s.name_tok(t) for t in range(j, k)):
        s.names.add(tuple(s.toks[j:k]))
    return k if k > j else None


def in_compound(s: Scan, k: int) -> bool:
    """Token k is inside a word that ends or starts with a unit word (`xã hội`, `hợp tác xã`, `toàn cầu`)."""
    firsts = s.lex.firsts.get("unit_compound", frozenset())
    return any(s.low[b] in firsts and (c := s.match(b, {"unit_compound"}, any_case=True)) and c[0] > k
               for b in range(max(0, k - 2), k + 1))


def unit_word(s: Scan, k: int) -> Phrase | None:
    """A locality's unit word at token k, not part of another word (`xã hội`, `hợp tác xã`)."""
    return None if in_compound(s, k) else s.match(k, {"locality_unit"})


def unit_place(s: Scan, i: int, u: Phrase) -> int | None:
    """Emit the place a unit word introduces (`tỉnh Cà Mau`, `cầu vượt Bình Phước 1`); its end. After a
    number or a plural word the unit stays out and each listed name is a place: `2 tỉnh Salavan và Sê Kông`."""
    if in_compound(s, i):
        return None  # `toàn cầu Lý Sơn`
    p = s.match(u[0], {"place", "country", "LOCATION"})
    name = place_name(s, u[0], number=u[1].info == "number")
    j = max(p[0] if p else 0, name or 0)
    if not j or not s.tight(i, j):
        return None
    plural = i and (s.generic_before(i) or (s.toks[i - 1].isdigit() and s.match(i, {"locality_unit"})))
    if not plural:
        s.emit(i, j, "LOCATION")
        return j
    s.emit(u[0], j, "LOCATION")
    while j + 1 < s.n and (s.low[j] == "," or s.low[j] in _AND) and s.tight(j, j + 2):
        p = s.match(j + 1, {"place", "country", "LOCATION"})
        k = max(p[0] if p else 0, place_name(s, j + 1, number=False) or 0)
        if not k:
            break
        s.emit(j + 1, k, "LOCATION")
        j = k
    return j


def address(s: Scan, j: int) -> list[Range]:
    """The places listed after a place ending at token j, up to a known one (`quê Thụy Văn, Thái Thụy,
    Thái Bình`: the district is no person), or none."""
    items: list[Range] = []
    k = j
    while k + 1 < s.n and s.toks[k] == "," and s.tight(k, k + 2) and len(items) < 4:
        known = place_at(s, k + 1)
        end = known[0] if known else place_name(s, k + 1, number=False)
        if not end or end - k > 4:
            break
        items.append((k + 1, end))
        k = end
        if known:
            return items
    return []


def place_intro(s: Scan, i: int) -> int | None:
    """Emit the places an intro word names (`ngụ Bình Tân`, `quê Thụy Văn, Thái Thụy, Thái Bình`); their end."""
    pi = s.match(i, {"place_intro"}, any_case=True)
    if not (pi and pi[0] < s.n and s.tight(i, pi[0] + 1) and not s.match(pi[0], {"honorific"})):
        return None
    known = place_at(s, pi[0])
    j = known[0] if known else place_name(s, pi[0], number=False)
    if j and j < s.n and s.gap(j) == " " and "-" in s.toks[j]:
        j = None  # `hướng Suối Tiên-An Sương`: where the name ends is unclear
    listed = address(s, j) if j else []
    if not j or (names.person_run(s, pi[0], True) and not listed):
        return None
    for a, b in [(pi[0], j), *listed]:
        s.emit(a, b, "LOCATION")
    return listed[-1][1] if listed else j


def house_number(s: Scan, k: int) -> bool:
    """Token k is a house number (`25`, `60B`) after a comma or `số`: a street's name follows."""
    return k > 0 and s.toks[k][0].isdigit() and s.tight(k, k + 2) and \
        (s.toks[k - 1] == "," or s.low[k - 1] in _NUMBER) and not (len(s.toks[k]) == 4 and s.toks[k].isdigit())


def _venue_head(s: Scan, i: int) -> Phrase | None:
    """A venue's head at token i, written in the case of its entry (`Hội trường`, `phòng`)."""
    return next((m for m in s.phrases_at(i)
                 if m[1].kind == "venue" and m[1].form[0][0].isupper() == s.toks[i][0].isupper()), None)


def venue(s: Scan, i: int, depth: int = 0) -> int | None:
    """End of a named venue at token i: `Hội trường` + a body (`Hội trường Trung tâm Chính trị huyện`), or
    `phòng` + a name + a venue (`phòng Hội thảo Nhà văn hóa thành phố`)."""
    if depth > 1 or i >= s.n:
        return None
    head = _venue_head(s, i)
    if not head:
        return None
    j, entry = head
    if entry.info in ("yes", "room") and not (i and s.match(i - 1, {"venue_cue"}, any_case=True)):
        return None
    if j >= s.n or not s.tight(j - 1, j + 1):
        return None
    return _named_after_person(s, j) or _after_venue_head(s, i, j, entry.info, depth)


def _named_after_person(s: Scan, j: int) -> int | None:
    """End of a venue named after a person, after its head at token j: `Khu lưu niệm Chủ tịch Tôn Đức Thắng`."""
    by = s.match(j, {"honorific", "title"})
    named = names.person_run(s, by[0], True) if by and by[0] < s.n and s.tight(j, by[0] + 1) else None
    return named if by and named and named - by[0] >= 2 else None


def _after_venue_head(s: Scan, i: int, j: int, info: str, depth: int) -> int | None:
    """End of a venue whose head (tokens i..j) goes on with another venue, a locality (`Nhà văn hóa thành phố`;
    not `hội trường phường`), a unit and its name (`Nhà văn hóa thôn Đông`), or a body or a name
    (:func:`_named_venue`)."""
    sub = venue(s, j, depth + 1)
    if sub:
        return sub
    loc = locality(s, j) if s.toks[i][0].isupper() else None
    if loc:
        return loc
    u = s.match(j, {"unit"})
    if u:
        name = place_name(s, u[0], number=u[1].info == "number")
        return name if name and s.tight(j, name) else None
    if not s.toks[j][0].isupper():
        return None
    return _named_venue(s, j, info, depth)


def _named_venue(s: Scan, j: int, info: str, depth: int) -> int | None:
    """End of a venue whose head is followed by a body or a name (`Hội trường Trung tâm Chính trị huyện`); a room
    (`phòng`) only inside a venue (`phòng Hội thảo Nhà văn hóa thành phố`), else it is a department."""
    body = orgs.org(s, j)
    k = body or orgs.own_name(s, j)
    if not k:
        return None
    if info == "room" and not any(venue(s, x, depth + 1) for x in range(j + 1, k + 1)):
        return None  # `phòng` is a room inside a venue, else a department: `phòng Cảnh sát hình sự …`
    if body:
        return body
    after = venue(s, k, depth + 1) or locality(s, k)
    if after:
        return after  # `phòng Hội thảo` + `Nhà văn hóa thành phố`
    return orgs.tail(s, k, depth + 1)


def known_places(lex: Lexicon, scans: list[Scan], found: list[Found]) -> list[Found]:
    """A place name seen after its unit word (`huyện Tân Phước`) is a LOCATION on its own too (`Tân Phước`),
    as a whole name outside every other span; a bare PERSON over exactly those words (`đảo Lý Sơn` … `Lý Sơn`)
    is that place. A person's full name is not taken (`đường Nguyễn Văn Linh` … `Tổng Bí thư Nguyễn Văn
    Linh`), nor a name after an honorific or a title (`phường Lê Lợi` … `ông Lê Lợi`)."""
    by_first = _place_names(lex, scans)
    if not by_first:
        return found
    taken = _Taken.of(found)
    dropped: set[Found] = set()
    added: list[Found] = []
    for scan in scans:
        k = 0
        while k < scan.n:
            claim = _claim(scan, k, by_first.get(scan.toks[k], ()), taken)
            if claim:
                added.append(claim.place)
                if claim.person:
                    dropped.add(claim.person)
                k = claim.end - 1
            k += 1
    return [f for f in found if f not in dropped] + added


def _place_names(lex: Lexicon, scans: list[Scan]) -> dict[str, list[tuple[str, ...]]]:
    """The place names the scans saw after a unit word, by first token, longest first; not one that reads as a
    person's full name (three words after a surname: `Nguyễn Văn Linh`)."""
    known: set[tuple[str, ...]] = set()
    for scan in scans:
        known.update(n for n in scan.names if not (len(n) >= 3 and n[0] in lex.surnames))
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for name in sorted(known, key=len, reverse=True):
        by_first.setdefault(name[0], []).append(name)
    return by_first


@dataclass
class _Taken:
    """The spans found before the known places: every span's (start, end), sorted; the PERSON spans by their
    (start, end); and where each TITLE ends."""

    spans: list[Range]
    people: dict[Range, Found]
    title_ends: set[int]

    @classmethod
    def of(cls, found: list[Found]) -> _Taken:
        return cls(sorted((f.start, f.end) for f in found), {(f.start, f.end): f for f in found if f.type == "PERSON"},
                   {f.end for f in found if f.type == "TITLE"})

    def free(self, s: int, t: int) -> bool:
        """No span found overlaps characters s..t."""
        x = bisect.bisect_left(self.spans, (t, t))
        return not (x and self.spans[x - 1][1] > s)

    def bare_person(self, s: int, t: int) -> Found | None:
        """The PERSON found over exactly characters s..t when no other span overlaps them (called on a taken s..t)."""
        x = bisect.bisect_left(self.spans, (t, t))
        if (s, t) not in self.people or self.spans[x - 1] != (s, t) or \
                any(a[1] > s for a in self.spans[max(0, x - 4) : x - 1]):
            return None
        return self.people[(s, t)]


@dataclass
class _Claim:
    """A known place read in running text: the LOCATION, the token after it, and the bare PERSON it replaces."""

    place: Found
    end: int
    person: Found | None


def _claim(scan: Scan, k: int, names: Iterable[tuple[str, ...]], taken: _Taken) -> _Claim | None:
    """The longest of ``names`` standing alone at token k, over no span found or exactly over a bare person who
    is not introduced by an honorific or a title (`ông Lê Lợi`)."""
    for name in names:
        e = k + len(name)
        if not _stands_alone(scan, k, e, name):
            continue
        s, t = scan.starts[k], scan.ends[e - 1]
        if taken.free(s, t):
            return _Claim(Found(s, t, "LOCATION"), e, None)
        person = None if _introduced(scan, k, taken.title_ends) else taken.bare_person(s, t)
        if person:
            return _Claim(Found(s, t, "LOCATION"), e, person)
    return None


def _stands_alone(scan: Scan, k: int, e: int, name: tuple[str, ...]) -> bool:
    """Tokens k..e are ``name`` on one line, not part of a longer name (a capitalized word glued on either side)."""
    if tuple(scan.toks[k:e]) != name or not scan.tight(k, e):
        return False
    return not ((k and scan.name_tok(k - 1) and scan.gap(k) == " ") or (scan.name_tok(e) and scan.gap(e) == " "))


def _introduced(scan: Scan, k: int, title_ends: set[int]) -> bool:
    """A name at token k comes after an honorific (one or two tokens before) or right after a title: a person."""
    return bool((k and scan.match(k - 1, {"honorific"})) or (k > 1 and scan.match(k - 2, {"honorific"}))
                or (k and scan.ends[k - 1] in title_ends))
