"""Organisations: a head (`Ban`, `Sở`, `Bộ`, `UBND`) with its own name, its locality and its parent body
(`Sở Y tế tỉnh Thanh Hóa`, `Đảng ủy Khối cơ quan tỉnh`, `Phòng Cảnh sát hình sự Công an tỉnh`), and an
abbreviation defined in brackets (`Kho bạc Nhà nước (KBNN)`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .. import _patterns
from .._segment import compound
from . import names, places, titles
from .lexicon import Entry, grammar_words
from .scan import HEADS, Phrase, Scan, is_caps, is_word

__all__ = ["MAX_NAME", "body", "committee", "common_words", "org", "own_name", "tail"]

MAX_NAME = 10  # tokens of an organisation's own name (a comma list inside it may double that)
_MAX_LOWER = 4  # lowercase words inside an organisation's name
_MAX_DEPTH = 4  # nested organisations (`Văn phòng` + `HĐND` + …)
_AGE_GROUP = _patterns.compile(r"U\d{2}")  # an age group between a team and its country: `U22`
_AND = grammar_words("and")
_NUMBER = grammar_words("number")
_STATE = grammar_words("state")


def body(s: Scan, i: int) -> bool:
    """A governing body's head at token i (`Tỉnh ủy`, `UBND`): what ends a person's name."""
    m = s.match(i, {"org"})
    return m is not None and m[1].info in ("body", "local")


def org(s: Scan, i: int, depth: int = 0) -> int | None:
    """End of an organisation's name starting at token i (the head, its name, its locality and parent)."""
    if depth > _MAX_DEPTH or i >= s.n:
        return None
    head = _head(s, i, depth)
    if not head:
        return i + 1 if s.toks[i] in s.defined else None  # an abbreviation defined in brackets earlier
    j, entry = head
    if entry.kind != "org":
        return tail(s, j, depth)  # a learned ORGANIZATION: only its locality and parent follow
    return _AFTER_HEAD.get(entry.info, _placed_and_parent)(s, i, j, depth)


def _head(s: Scan, i: int, depth: int) -> Phrase | None:
    """The organisation's head at token i, written in its entry's case; inside a body any case (`Sở` + `Tư
    pháp`), and at the top a lowercase local body only before its locality (`công an huyện X`)."""
    m = s.match(i, {"org", "ORGANIZATION"}) or (s.match(i, {"org"}, any_case=True) if depth else None)
    if m and _capitals_missing(s, i, m[1].form):
        m = None  # an abbreviation is written in capitals: `TƯ` is not the `Tư` of `Bộ Tư pháp`
    if not m and depth == 0:
        m = s.match(i, {"org"}, any_case=True)
        if m and not (m[1].info == "local" and places.locality(s, m[0])):
            m = None
    return m


def _capitals_missing(s: Scan, i: int, form: tuple[str, ...]) -> bool:
    """An abbreviation of the entry (`TƯ`) met written otherwise at token i (`Tư`): not the rest of the text."""
    return any(f.isupper() and len(f) > 1 and not t.isupper()
               for f, t in zip(form, s.toks[i : i + len(form)], strict=False))


def _alone(s: Scan, i: int, j: int, depth: int) -> int | None:
    """A head that is a whole name (`Quốc hội`) ends at j, unless a name glued to it makes it part of a longer one."""
    return None if s.name_tok(j) and s.tight(j - 1, j + 1) else j


def _local(s: Scan, i: int, j: int, depth: int) -> int | None:
    """A local body is named by its locality alone (`Cảnh sát London` + `Stuart Cundy`: no own name)."""
    loc = places.locality(s, j)
    return tail(s, loc, depth, placed=True) if loc else None


def _whole_name(s: Scan, i: int, j: int, depth: int) -> int | None:
    """A head that is a whole name (`Nhà Trắng`): nothing more belongs to it."""
    return j


def _named(s: Scan, i: int, j: int, depth: int) -> int | None:
    """A `named` head: a body nested in it (`Văn phòng` + `HĐND …`), else its own name (`Bộ` + `Y tế`) or a
    locality after a longer head (`Bệnh viện đa khoa huyện X`), then its locality and parent."""
    sub = org(s, j, depth + 1)
    if sub:
        return sub
    name = own_name(s, j, depth) or (places.locality(s, j) if j - i > 2 else None)
    if name is None:
        # an abbreviated head stands alone: `Phó giám đốc BV`
        return j if is_caps(s.toks[j - 1]) and depth == 0 and j - i == 1 else None
    return tail(s, name, depth)


def _placed_and_parent(s: Scan, i: int, j: int, depth: int) -> int | None:
    """Any other head (`Tỉnh ủy`, `UBND`): its abbreviation, locality and parent body follow."""
    return tail(s, j, depth)


def _bracketed(s: Scan, j: int, depth: int) -> int:
    """Past a body's abbreviation in brackets at token j when its locality or parent follows (`Kho bạc Nhà nước
    (KBNN) tỉnh Phú Yên` is one name); the abbreviation is known from now on."""
    if j + 2 < s.n and s.toks[j].endswith("(") and is_caps(s.toks[j + 1]) and s.toks[j + 2].startswith(")"):
        s.defined.add(s.toks[j + 1])
        after = j + 3
        if after < s.n and (places.locality(s, after) or org(s, after, depth + 1)):
            return after
    return j


def tail(s: Scan, j: int, depth: int, placed: bool = False) -> int:
    """Extend a body's name with its abbreviation in brackets, its locality and its parent body; ``placed``: the
    name already ends with its locality."""
    for step in range(3):
        j = _bracketed(s, j, depth)
        loc = places.locality(s, j)
        if loc:
            j, placed = loc, True
            continue
        end = _seat(s, j, depth)
        if end is None and not placed:  # a locality ends the name: `UBND tỉnh Khánh Hòa Ban cán sự đảng …` is two
            end = _parent(s, j, depth) or (_body_own_name(s, j, depth) if step == 0 else None)
        return j if end is None else end
    return j


def _seat(s: Scan, j: int, depth: int) -> int | None:
    """End of the state or the place a body belongs to, at token j: `Quốc hội nước CHDCND Lào`, `TAND cấp cao tại
    Hà Nội`, `Đại sứ quán Việt Nam tại Nhật Bản`."""
    state = places.country(s, j + 1) if j + 1 < s.n and s.low[j] in _STATE and s.tight(j, j + 2) else None
    if state:
        return state[0]
    at = s.match(j, {"body_place"})
    place = places.place_at(s, at[0]) if at and depth == 0 else None
    return place[0] if place else None


def _parent(s: Scan, j: int, depth: int) -> int | None:
    """End of the parent body at token j: a capitalized one, or a lowercase head before a name (`Chi bộ khoa Sản`,
    `Đảng ủy cơ quan LĐLĐ thành phố`), or one by its abbreviation alone (`HĐQT ACB`, `Đảng ủy EVN`)."""
    if j >= s.n:
        return None
    head = s.match(j, {"org"}, any_case=True) if not s.toks[j][0].isupper() else None
    child = head and head[0] < s.n and (s.name_tok(head[0]) or is_caps(s.toks[head[0]]))
    parent = org(s, j, depth + 1) if s.toks[j][0].isupper() or child else None
    if parent:
        return parent
    if is_caps(s.toks[j]) and s.tight(j - 1, j + 1) and not titles.title_head(s, j):
        return j + 1
    return None


def _body_own_name(s: Scan, j: int, depth: int) -> int | None:
    """End of a name right after a body's head (`Quận ủy Thanh Khê`, `Đảng ủy Kho bạc`); not a person's name, nor
    a title (`Bí thư Đảng ủy Giám đốc Học viện …`: a title, not the body's name)."""
    if s.name_tok(j) and s.tight(j - 1, j + 1) and not names.person_run(s, j, True) and not titles.title_head(s, j):
        return own_name(s, j, depth)
    return None


def _lowercase_name(s: Scan, j: int, depth: int) -> int | None:
    """End of a lowercase name after a head (`Sở y tế`), kept only when a locality or a parent body follows it
    (`Sở y tế Thanh Hóa`, `Cơ quan điều tra Công an`)."""
    if j and compound(s.toks[j - 1], s.toks[j]):
        return None  # `Hội nghị`, `Ban hành`: the head is a word's first syllable
    k = j
    while k < s.n and k - j < _MAX_LOWER and s.toks[k].isalpha() and s.toks[k].islower():
        if s.match(k, {"stop", "locality_unit"}):
            break
        k += 1
    if k == j:
        return None
    parent = k < s.n and s.toks[k][0].isupper() and s.tight(k - 1, k + 1)  # `Cơ quan điều tra Công an`
    return k if places.locality(s, k) or (parent and org(s, k, depth + 1)) else None  # `Sở y tế Thanh Hóa`


def _stop(s: Scan, j: int, k: int) -> bool:
    """Token k (inside a name begun at j) is a word that ends the name: a stop word or a unit word, unless one of
    :data:`_PART_OF_NAME` finds it part of the name (`Sở Tài nguyên`, `Thương binh và Xã hội`, `Bộ Kế hoạch và
    Đầu tư`)."""
    stop = s.match(k, {"stop"} if s.toks[k].islower() else set()) or places.unit_word(s, k)
    return stop is not None and not any(part(s, j, k, stop[1]) for part in _PART_OF_NAME)


def _syllable_of_word(s: Scan, j: int, k: int, stop: Entry) -> bool:
    """The stop word is a syllable of the capitalized word before it: `Sở Tài nguyên`, `Đại học Hàng không`; not
    before a title (`Công ty Hòa Phát nguyên Phó Giám đốc`)."""
    return s.toks[k - 1][0].isupper() and (stop.info == "part" or compound(s.toks[k - 1], s.toks[k])) \
        and not titles.title_head(s, k + 1)


def _capitalized_word(s: Scan, j: int, k: int, stop: Entry) -> bool:
    """A capitalized unit word goes on with a lowercase syllable: `Thương binh và Xã hội` is a word, not the unit
    `xã`."""
    return stop.kind == "locality_unit" and s.toks[k][0].isupper() and k + 1 < s.n \
        and s.toks[k + 1].islower() and s.tight(k, k + 2)


def _joined_common_words(s: Scan, j: int, k: int, stop: Entry) -> bool:
    """A `và` joins two words of common nouns: `Bộ Kế hoạch và Đầu tư`; not two bodies, places or brands
    (`Bộ Y tế và Bộ Công an`, `Công ty Hòa Phát và Hoa Sen`)."""
    return stop.info == "join" and common_words(s, j, k) and common_words(s, k + 1, k + 3) \
        and s.tight(k, k + 3) and not (s.match(k + 1, HEADS) or places.place_at(s, k + 1))


_PART_OF_NAME: tuple[Callable[[Scan, int, int, Entry], bool], ...] = (
    _syllable_of_word, _capitalized_word, _joined_common_words)
"""When a stop or unit word at token k (the name begun at j) is part of the name after all, tried in order."""


def _team(s: Scan, i: int, j: int, depth: int) -> int | None:
    """End of a national team after its head at token i: a country or place, maybe after an age group (`ĐT U22
    Việt Nam`); the head glued to an abbreviation before it is a name's part (`Sở GD & ĐT Hà Nội`)."""
    if _in_name(s, i):
        return None
    j += j < s.n and _AGE_GROUP.fullmatch(s.toks[j]) is not None
    place = places.place_at(s, j) if j < s.n else None
    return place[0] if place else None


def _in_name(s: Scan, i: int) -> bool:
    """Token i, a team's head, continues the abbreviation before it (`GD & ĐT`, `GD-ĐT`)."""
    entry = s.match(i, {"org"})
    return entry is not None and entry[1].info == "team" and i > 0 and (
        s.toks[i - 1] in ("&", "-") or is_caps(s.toks[i - 1]))


def _joins_names(s: Scan, j: int, k: int) -> bool:
    """A dash or `&` at token k joins two parts of one name (`Sở TN - MT`), not two names (`Dự án X - Viện Y`)."""
    caps = k > j and k + 1 < s.n and is_caps(s.toks[k - 1]) and is_caps(s.toks[k + 1])  # `Sở TN - MT`
    return s.toks[k] in ("-", "&") and k + 1 < s.n and (s.name_tok(k + 1) or caps) and k > j and not (
        places.place_at(s, k + 1) or (s.match(k + 1, {"org", "ORGANIZATION"}) and not _in_name(s, k + 1)))
    # `Dự án X - Viện Y`, `Ngân hàng CIBC - Canada`: two names


def _next_starts(s: Scan, j: int, k: int) -> bool:
    """The capitalized token k (inside a name begun at j) starts a body, a title or a person of its own."""
    run = names.person_run(s, k, True)
    if run and names.gives_back(s, j, k, run):
        run = None  # `Huyện ủy Mộc Châu Hà Trung Chiến`
    return bool((s.match(k, {"org", "ORGANIZATION", "title"}) and not _in_name(s, k)) or run)


def own_name(s: Scan, j: int, depth: int = 0) -> int | None:
    """End of the name after a `named` head (`Bộ` + `Y tế`), or None when no name follows."""
    if j < s.n and s.toks[j].isalpha() and s.toks[j].islower():
        return _lowercase_name(s, j, depth)
    if j >= s.n or not (s.name_tok(j) or is_caps(s.toks[j])):
        return None
    p = places.place_at(s, j)
    if p and not (s.name_tok(p[0]) and s.tight(p[0] - 1, p[0] + 1)):
        return p[0]  # `Đại học Huế` | `thời gian qua`: a place ends the name
    good = _name_end(s, j)
    while good and good > j and s.toks[good - 1] in ("-", "&"):
        good -= 1  # `Ủy ban Chứng khoán Nhà nước - Vũ Bằng`: the dash joined no second name
    return good if good and good > j else None


@dataclass
class _Reading:
    """A name being read token by token after its head: the token at hand, the lowercase words read in a row,
    where the name ends so far, and how many tokens it may take (a list inside it takes more)."""

    k: int
    lower: int = 0
    good: int | None = None
    limit: int = MAX_NAME


def _name_end(s: Scan, j: int) -> int | None:
    """Where a capitalized name begun at token j ends: read while the tokens stay on one line, up to the first
    token that ends it (:func:`_read_token`), or to the window's end (:func:`_window_end`)."""
    r = _Reading(j)
    while r.k < s.n and r.k - j < r.limit:
        if (r.k > j and not s.tight(r.k - 1, r.k + 1)) or not _read_token(s, j, r):
            return r.good
    return _window_end(s, r.k, r.lower, r.good)


def _read_token(s: Scan, j: int, r: _Reading) -> bool:
    """Read token ``r.k`` into the name begun at j; False when the name has ended (``r.good`` is its end)."""
    k, tok = r.k, s.toks[r.k]
    listed = _listed(s, j, k) if tok == "," else 0
    if listed:  # `Sở Khoa học, Công nghệ và Môi trường`: the items of one name
        r.limit = min(r.limit + listed + 2, 2 * MAX_NAME)  # and the item after `và`; never unbounded
        r.k += 1
    elif _numbered(s, j, k):
        r.k = r.good = k + 2  # `Trường THPT Thuận Thành số 1`
    elif not is_word(tok) and _joins_names(s, j, k):
        r.k += 1  # `Sở TN - MT`
    elif _ends_before(s, j, k):
        r.good = k
        return False
    elif tok[0].isupper():
        r.lower, r.k, r.good = 0, k + 1, k + 1
    elif r.lower >= _MAX_LOWER:  # too many lowercase words: the last capital keeps one, an abbreviation none
        r.good = r.good + 1 if r.good and not is_caps(s.toks[r.good - 1]) else r.good
        return False
    else:
        r.lower += 1
        r.k += 1
    return True


def _numbered(s: Scan, j: int, k: int) -> bool:
    """A number word and its number at token k inside a name begun at j: `Trường THPT Thuận Thành số 1`."""
    return s.low[k] in _NUMBER and k > j and k + 1 < s.n and s.toks[k + 1].isdigit() and s.tight(k, k + 2)


def _ends_before(s: Scan, j: int, k: int) -> bool:
    """The name begun at j ends before token k: a mark that joins nothing, a stop or unit word, a place, or a
    capital that starts a body, a title or a person of its own."""
    if not is_word(s.toks[k]):
        return True
    return k > j and bool(_stop(s, j, k) or places.place_at(s, k)
                          or (s.toks[k][0].isupper() and _next_starts(s, j, k)))


def _window_end(s: Scan, k: int, lower: int, good: int | None) -> int:
    """Where a name ends when its window ran out at token k inside lowercase words (`Bộ Giáo dục & Đào tạo` |
    `hoàn thiện đề án`): the last capital keeps one lowercase word, unless the name ends there anyway (a mark,
    a line, a locality)."""
    if k < s.n and lower > 1 and is_word(s.toks[k]) and s.tight(k - 1, k + 1) and not places.locality(s, k):
        assert good is not None  # two lowercase words were read after a capital
        k = good + (not is_caps(s.toks[good - 1]))
    return k


def committee(s: Scan, j: int) -> tuple[int, int] | None:
    """Start and end of the parent body of a title whose head ends in a body's word and goes on with that
    body's lowercase name (`trưởng ban` + `kinh tế - ngân sách` + `HĐND tỉnh`, `trưởng khoa` + `hồi sức` +
    `Bệnh viện X`)."""
    head = s.match(j - 1, {"org"}, any_case=True)
    if not head or head[0] != j or head[1].info != "named":
        return None
    k = j
    while k < s.n and k - j < MAX_NAME and s.tight(k - 1, k + 1) and (
            s.toks[k] == "-" or (s.toks[k].isalpha() and s.toks[k].islower() and not s.match(k, {"stop"}))):
        k += 1
    parent = org(s, k) if j < k < s.n and s.toks[k][0].isupper() and s.tight(k - 1, k + 1) else None
    return (k, parent) if parent else None


def common_words(s: Scan, i: int, j: int) -> bool:
    """Tokens i..j hold a capitalized word of common nouns (`Kế hoạch`, `Đầu tư`, `Tài Nguyên`), unlike a brand
    or a person (`Hòa Phát`, `Hoa Sen`): a capital followed by a lowercase syllable, or a dictionary word."""
    return any(s.name_tok(k) and k + 1 < min(j, s.n) and
               (s.toks[k + 1].islower() or compound(s.toks[k], s.toks[k + 1])) for k in range(i, j))


def _listed(s: Scan, j: int, k: int) -> int:
    """Tokens of the list a name's comma at token k opens, or 0: after words of common nouns (tokens j..k),
    capitalized items of common nouns up to a `và` (`Khoa học, Công nghệ và Môi trường`); never a list of
    bodies, places or people (`Sở Y tế, Sở Tài chính`)."""
    if not common_words(s, j, k):
        return 0
    m = k
    while m < s.n and m - k < MAX_NAME and s.toks[m] == "," and s.tight(m, m + 2):
        m += 1
        if not s.name_tok(m) or s.match(m, HEADS) or places.place_at(s, m) or names.person_run(s, m, True):
            return 0
        while m < s.n and m - k < MAX_NAME and is_word(s.toks[m]) and s.tight(m - 1, m + 1):
            if s.low[m] in _AND:
                return m - k
            m += 1
    return 0


def _common_name(s: Scan, i: int, j: int, depth: int) -> int | None:
    """End of a common-noun body's name after its head (`Ban chỉ đạo` + `thực hiện QCDC ở cơ sở` +
    `thành phố`): lowercase words run up to its locality, parent body or last capitalized name."""
    k, end = j, None
    while k < s.n and k - j < MAX_NAME and s.tight(k - 1, k + 1):
        tok = s.toks[k]
        if not is_word(tok):
            break
        loc = places.locality(s, k)
        if loc:
            return tail(s, loc, depth)
        if tok[0].isupper():
            parent = org(s, k, depth + 1)
            if parent:
                return parent
            if tok in s.lex.surnames and names.person_run(s, k, True):
                break
            name = own_name(s, k, depth)
            if not name:
                break
            k = end = name
            continue
        stop = s.match(k, {"stop"})
        if stop and stop[1].info != "yes":
            break
        k = stop[0] if stop else k + 1
    if end:
        return tail(s, end, depth)
    if s.toks[i + 1][0].isupper() and not s.generic_before(i):
        return j  # `Ban Tổ chức` is a name; `các Ban Chỉ đạo cơ sở` is not
    return None


_AFTER_HEAD: dict[str, Callable[[Scan, int, int, int], int | None]] = {
    "alone": _alone, "local": _local, "common": _common_name, "team": _team, "name": _whole_name, "named": _named}
"""What follows an organisation's head, by the head's kind (its ``info`` in the lexicon); any other kind takes
:func:`_placed_and_parent`."""
