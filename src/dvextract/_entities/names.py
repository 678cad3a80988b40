"""People's names: a surname and given names (`Nguyễn Tiến Hải`), a name after an honorific or a title (`ông
Hải`, `Tổng thống Donald Trump`), initials (`N.V.H`), and a known person's given name met again on its own."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from .._segment import compound
from . import orgs, places, titles
from .scan import Found, Scan, is_name, is_word

__all__ = ["after_person", "foreign_name", "full_name", "gives_back", "lone_name", "person_at", "person_run",
           "short_name", "short_references"]

MAX_PERSON = 4  # syllables of a name


def _particles(s: Scan, i: int, j: int, need_surname: bool) -> int:
    """Token j moved past the lowercase particles inside a foreign name (`Ursula von der Leyen`)."""
    p = j
    while not need_surname and i < p < s.n and p - j < 2 and s.toks[p].islower() and s.match(p, {"particle"}):
        p += 1
    if p > j and s.name_tok(p) and s.tight(j - 1, p + 1):
        return p
    return j


def _ends_name(s: Scan, i: int, j: int) -> bool:
    """What starts at token j (inside a name that began at i) ends the name: a title, a body, a place, the next
    person's honorific, or a function word that opens the next clause."""
    after_surname = j == i + 1 and s.toks[i] in s.lex.surnames and not places.place_at(s, i)
    place = None if after_surname else places.place_at(s, j)
    if j > i and (s.match(j, {"title", "TITLE"}) or orgs.body(s, j) or place):
        return True  # but a surname may come before a place's name: `Nguyễn Hòa Bình`
    if j - i >= 3 and s.match(j, {"honorific"}) and s.name_tok(j + 1):
        return True  # `… Đặng Việt Dũng Ông Đoàn Xuân Hiếu`; but `Nguyễn Lê Hoàng Anh cho biết`
    return j > i and s.low[j] in s.lex.firsts.get("name_break", ()) and j + 1 < s.n and \
        s.toks[j + 1].islower() and bool(s.match(j, {"name_break"}, any_case=True))
    # `… Hồ Chí Minh Theo đó`: a function word that opens the next clause


def person_run(s: Scan, i: int, need_surname: bool) -> int | None:
    """End of a person's name starting at token i: capitalized syllables, not a title, body or place."""
    if not s.name_tok(i) or (need_surname and s.toks[i] not in s.lex.surnames):
        return None
    j = i
    while j < s.n and j - i < MAX_PERSON:
        j = _particles(s, i, j, need_surname)
        if not (s.name_tok(j) and s.tight(j - 1 if j > i else j, j + 1)):
            break
        if _ends_name(s, i, j):
            break
        j += 1
    if need_surname and j - i < 2:
        return None
    return j


def person_at(s: Scan, i: int, need_surname: bool, after_title: bool = False) -> int | None:
    """Emit a PERSON at token i if one starts there (a name, or initials `N.N.H`, `L.`); its end. After a
    title, a full name that is also a place's is the person's (`Chủ tịch Hồ Chí Minh`)."""
    if i >= s.n:
        return None
    tok = s.toks[i]
    if "." in tok and tok[0].isupper() and all(len(p) <= 1 for p in tok.split(".")):
        s.emit(i, i + 1, "PERSON")
        return i + 1
    j = person_run(s, i, need_surname)
    if j is None:
        return None
    place = places.place_at(s, i)
    full = after_title and j - i == 3 and s.toks[i] in s.lex.surnames
    if (place and place[0] >= j and not full) or titles.title_head(s, i) or orgs.org(s, i):
        return None
    if j - i == 1 and s.match(i, {"org", "ORGANIZATION"}):
        return None  # `Giám đốc Sở.`: a body's head on its own is no name
    s.emit(i, j, "PERSON")
    if len(s.toks[j - 1]) == 1 and j < s.n and s.toks[j].startswith(".") and not s.gap(j):
        # `Nguyễn Thanh V.`: an initial keeps its period
        last = s.out.pop()
        s.out.append(last._replace(end=last.end + 1))
    return j


def full_name(s: Scan, j: int) -> bool:
    """A person's full name starts at token j: surname and two or more names (`Nguyễn Ngọc Tuấn`, `Cho
    Yoon-sun`; not `Châu Thành A`)."""
    if j >= s.n or s.toks[j] not in s.lex.surnames:
        return False
    end = person_run(s, j, True) or j
    return (end - j >= 3 or (end - j == 2 and "-" in s.toks[j + 1])) and all(len(t) > 1 for t in s.toks[j:end])


def short_name(s: Scan, j: int) -> bool:
    """A given name on its own at token j (`trung tá Phúc`, `bác sĩ Dương,`): one capitalized syllable that
    is no place, body, title or the start of a word."""
    if not s.name_tok(j) or places.place_at(s, j) or s.match(j, {"org", "title", "country", "ORGANIZATION", "TITLE"}):
        return False
    return j + 1 >= s.n or (not is_word(s.toks[j + 1]) and s.tight(j, j + 2)) or lone_name(s, j)


def lone_name(s: Scan, i: int) -> bool:
    """A capitalized syllable before a lowercase one is a name of its own (`Thủ tướng May cho biết`), not the
    start of a word (`Thạc sỹ Kinh tế`) or a country (`Bộ trưởng Quốc phòng Đức cho biết`)."""
    nxt = s.toks[i + 1]
    return nxt.isalpha() and nxt.islower() and not compound(s.toks[i], nxt) and not s.match(i, {"country"})


def gives_back(s: Scan, j: int, k: int, run: int) -> bool:
    """A name that starts at j and reads on into a four-syllable person at k takes that syllable back when
    the rest is a full name (`huyện Gia Lâm Nguyễn Ngọc Thuần`, `Huyện ủy Mộc Châu Hà Trung Chiến`)."""
    return k == j + 1 and run - k == 4 and person_run(s, k + 1, True) == run


def foreign_name(s: Scan, i: int) -> int | None:
    """End of a foreign name with no known family name, listed before its title (`; Pany Yathotu, Chủ tịch
    Quốc hội …`): two or more capitalized ASCII syllables after a list's punctuation, a comma and a title."""
    if not (i == 0 or not is_word(s.toks[i - 1])) or not s.name_tok(i):
        return None
    j = person_run(s, i, False)
    if not j or j - i < 2 or j + 1 >= s.n or s.toks[j] != "," or not titles.title_head(s, j + 1) or \
            not all(t.isascii() for t in s.toks[i:j]):  # romanized, not Vietnamese words (`Tại Nhà Trắng`)
        return None
    return None if places.place_at(s, i) or orgs.org(s, i) or titles.title_head(s, i) else j


def after_person(s: Scan, i: int) -> bool:
    """Token i follows a person's name or a title of theirs, a comma or dash, and words that link a title
    (`Trần Thanh Mẫn, đại biểu Quốc hội`, `Kim Ki-choon, cựu chánh văn phòng`, `ông Scott là trưởng đoàn`)."""
    k = i - 1
    while k > 0 and i - k < 4 and s.match(k, {"link"}) and s.toks[k].islower():
        k -= 1
    k -= k > 0 and s.toks[k] in (",", "-")
    return k >= 0 and any(f.type in ("PERSON", "TITLE") and f.end == s.ends[k] for f in s.out[-3:])


def short_references(text: str, scans: list[Scan], found: list[Found]) -> list[Found]:
    """A known person's given name on its own (`vì Tuấn cung cấp`) is a PERSON too, and so is a foreign name met
    again with no title or honorific to introduce it (`Bộ trưởng Quốc phòng Mỹ James Mattis …. James Mattis là …`)."""
    names = [tuple(text[f.start : f.end].split()) for f in found if f.type == "PERSON"]
    given = {w[-1] for w in names if len(w) > 1 and w[-1].isalpha() and w[-1][0].isupper()}
    foreign = _foreign_names(names)
    if not given and not foreign:
        return found
    taken = _Taken(sorted((f.start, f.end) for f in found), len(text))
    out = list(found)
    for scan in scans:
        for i, (tok, s, e) in enumerate(zip(scan.toks, scan.starts, scan.ends, strict=False)):
            end = _foreign_again(scan, i, foreign, taken)
            if end is not None:
                out.append(Found(s, end, "PERSON"))
            elif tok in given and taken.free(s, e) and _given_alone(text, tok, s, e):
                out.append(Found(s, e, "PERSON"))
    return out


def _foreign_names(names: list[tuple[str, ...]]) -> dict[str, set[tuple[str, ...]]]:
    """The romanized names of two words or more (`James Mattis`), by their first word."""
    foreign: dict[str, set[tuple[str, ...]]] = {}
    for w in names:
        if len(w) > 1 and all(t.isascii() and is_name(t) for t in w):
            foreign.setdefault(w[0], set()).add(w)
    return foreign


@dataclass(frozen=True)
class _Taken:
    """The spans found so far, sorted, to tell whether a new one overlaps none of them."""

    spans: list[tuple[int, int]]
    text_length: int

    def free(self, s: int, e: int) -> bool:
        k = bisect.bisect_right(self.spans, (s, self.text_length + 1))
        return not (k and self.spans[k - 1][1] > s) and not (k < len(self.spans) and self.spans[k][0] < e)


def _foreign_again(scan: Scan, i: int, foreign: dict[str, set[tuple[str, ...]]], taken: _Taken) -> int | None:
    """The end of a foreign name met again at token i, free and not glued to a name before it, or None."""
    cands = foreign.get(scan.toks[i])
    name = next((w for w in cands if tuple(scan.toks[i : i + len(w)]) == w), None) if cands else None
    if not name:
        return None
    end = scan.ends[i + len(name) - 1]
    if taken.free(scan.starts[i], end) and not (i and is_name(scan.toks[i - 1]) and scan.tight(i - 1, i + 1)):
        return end
    return None


def _given_alone(text: str, tok: str, s: int, e: int) -> bool:
    """The given name at s..e stands alone: no capitalized syllable next to it, not a word's first syllable
    (`chuyên ngành Tài chính`)."""
    before = text[max(0, s - 12) : s].split()
    after = text[e : e + 12].split()
    if (before and is_name(before[-1]) and text[s - 1] == " ") or (
            after and is_name(after[0]) and text[e : e + 1] == " "):
        return False
    nxt = after[0].rstrip(".,;:!?)'\"") if after else ""
    return not (text[e : e + 1] == " " and nxt.isalpha() and nxt.islower() and compound(tok, nxt))
