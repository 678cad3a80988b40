"""The scan: at each token that can start a mention, the kinds of mention are tried in a fixed order
(:data:`ORDER`), and the first that takes the token emits its spans and says where the scan goes on. Titles come
first (their names follow them), venues and known places before bodies (`Hội trường …`, `Đài Loan`), bodies
before people, and so on."""

from __future__ import annotations

from collections.abc import Callable

from . import names, orgs, places, titles
from .lexicon import grammar_words
from .scan import Found, Scan, is_caps, is_word

__all__ = ["ORDER", "scan_block"]

Step = Callable[[Scan, int], "int | None"]
"""A kind of mention tried at a token: it emits what it finds and returns the token after it, or None."""
_CLUB_WORDS = 4  # words of a team's name before its club word (`CLB Hà Nội FC`)


def _emitted(s: Scan, start: int, end: int | None, kind: str) -> int | None:
    """What most steps do with what they found: ``[start, end)`` emitted as ``kind``, ``end`` returned (None, and
    nothing emitted, when the step found nothing)."""
    if end:
        s.emit(start, end, kind)
    return end


def title(s: Scan, i: int) -> int | None:
    """A title (`Chủ tịch UBND tỉnh Cà Mau`); a name may follow it."""
    j = titles.title(s, i)
    if j:
        s.after_title = True
    return j


def degree(s: Scan, i: int) -> int | None:
    """Academic abbreviations combined into one word (`TS-BS`, `BSCK1`); a name may follow them."""
    j = titles.compound_degree(s, i) if s.toks[i][0].isupper() else None
    if j:
        s.after_title = True
    return j


def club(s: Scan, i: int) -> int | None:
    """A team named by its place or name and a club word after it: `Hà Nội FC`, `Gangwon FC`, `CLB Hà Nội FC`."""
    clubs = grammar_words("club")
    if not (s.name_tok(i) or is_caps(s.toks[i])):
        return None
    for j in range(i + 1, min(s.n, i + _CLUB_WORDS + 1)):
        if s.toks[j] in clubs and s.tight(i, j + 1):
            s.emit(i, j + 1, "ORGANIZATION")
            return j + 1
        if not (s.name_tok(j) or is_caps(s.toks[j])):
            return None
    return None


def honorific_place(s: Scan, i: int) -> int | None:
    """A place that starts with an honorific's word: `Bà Rịa` is a place, not an honorific and a name."""
    m = places.place_at(s, i) if s.match(i, {"honorific"}) else None
    if m and not (s.name_tok(m[0]) and s.tight(m[0] - 1, m[0] + 1)):
        s.emit(i, m[0], "LOCATION")
        return m[0]
    return None


def honorific_person(s: Scan, i: int) -> int | None:
    """A name after an honorific: `ông Hải`, `bà Nguyễn Thị Kim Ngân`."""
    h = s.match(i, {"honorific"})
    if not h:
        return None
    j = names.person_at(s, h[0], need_surname=False) if h[0] < s.n and s.tight(i, h[0] + 1) else None
    if j:
        s.after_title = False
    return j


def person_after_title(s: Scan, i: int) -> int | None:
    """A name right after a title, even with no known surname: `Tổng thống Donald Trump`, `Thủ tướng May cho
    biết`; a full name that is also a place's is the person's (`Chủ tịch Hồ Chí Minh`)."""
    if not s.after_title:
        return None
    s.after_title = False
    if s.name_tok(i) and (s.name_tok(i + 1) or i + 1 >= s.n or not is_word(s.toks[i + 1])
                          or s.match(i + 1, {"particle"}) or names.lone_name(s, i)):
        return names.person_at(s, i, need_surname=False, after_title=True)
    return None


def venue(s: Scan, i: int) -> int | None:
    """A named venue, before bodies: `Hội trường Trung tâm Chính trị huyện`."""
    return _emitted(s, i, places.venue(s, i), "LOCATION")


def place_before_body(s: Scan, i: int) -> int | None:
    """A known place not followed by more of a name, before bodies: `Đài Loan`, `Trường Sa`; `Hà Nội Nguyễn
    Văn Tiến`."""
    m = places.place_at(s, i)
    if m and (not (s.name_tok(m[0]) and s.tight(m[0] - 1, m[0] + 1)) or names.full_name(s, m[0])):
        s.emit(i, m[0], "LOCATION")
        return m[0]
    return None


def organisation(s: Scan, i: int) -> int | None:
    """A body: `Sở Y tế tỉnh Thanh Hóa`."""
    return _emitted(s, i, orgs.org(s, i), "ORGANIZATION")


def surname_person(s: Scan, i: int) -> int | None:
    """A full name by its surname (`Nguyễn Văn An`), or a street named after a person after a house number (an
    address: `, 25 Vũ Ngọc Phan`, `số 12 Lê Lợi`)."""
    if s.toks[i] not in s.lex.surnames:
        return None
    street = places.house_number(s, i - 1)
    j = names.person_run(s, i, True) if street else names.person_at(s, i, need_surname=True)
    if j and street:
        s.emit(i, j, "LOCATION")
    return j


def unit_place(s: Scan, i: int) -> int | None:
    """A unit word and its name: `tỉnh Cà Mau`, `2 tỉnh Salavan và Sê Kông`."""
    u = s.match(i, {"unit"})
    return places.unit_place(s, i, u) if u else None


def known_place(s: Scan, i: int) -> int | None:
    """A known province, place or country."""
    m = places.place_at(s, i)
    return _emitted(s, i, m[0] if m else None, "LOCATION")


def introduced_media(s: Scan, i: int) -> int | None:
    """A newspaper or broadcaster after its intro word (`báo Tuổi Trẻ`, `đài VTV`)."""
    mi = s.match(i, {"media_intro"})
    if not (mi and (s.match(mi[0], {"media"}) or s.name_tok(mi[0]))):
        return None
    med = s.match(mi[0], {"media"})
    return _emitted(s, mi[0], med[0] if med else names.person_run(s, mi[0], need_surname=False), "ORGANIZATION")


def media(s: Scan, i: int) -> int | None:
    """A known newspaper or broadcaster."""
    m = s.match(i, {"media"})
    return _emitted(s, i, m[0] if m else None, "ORGANIZATION")


def listed_person(s: Scan, i: int) -> int | None:
    """A person of the user's gazetteer."""
    m = s.match(i, {"PERSON"})
    return _emitted(s, i, m[0] if m else None, "PERSON")


def person(s: Scan, i: int) -> int | None:
    """A name with a known surname, or initials (`N.V.H`)."""
    return names.person_at(s, i, need_surname=True) if s.name_tok(i) else None


def foreign_person(s: Scan, i: int) -> int | None:
    """A foreign name listed before its title: `; Pany Yathotu, Chủ tịch Quốc hội …`."""
    return _emitted(s, i, names.foreign_name(s, i), "PERSON")


def defined_abbreviation(s: Scan, i: int) -> int | None:
    """An abbreviation in brackets (`(VFA)`): a body, known as such for the rest of the text."""
    tok = s.toks[i]
    if is_caps(tok) and i + 1 < s.n and s.toks[i + 1].startswith(")") and i and s.toks[i - 1].endswith("("):
        s.defined.add(tok)
        s.emit(i, i + 1, "ORGANIZATION")
        return i + 1
    return None


ORDER: tuple[Step, ...] = (
    degree, club, title, honorific_place, honorific_person, person_after_title, venue, place_before_body, organisation,
    surname_person, unit_place, places.place_intro, known_place, introduced_media, media, listed_person, person,
    foreign_person, defined_abbreviation,
)
"""The kinds of mention, in the order they are tried at a token."""

UNLISTED = tuple(step for step in ORDER if step in (
    degree, club, person_after_title, organisation, surname_person, person, foreign_person, defined_abbreviation))
"""The kinds of mention that need no lexicon phrase to start at the token (a name, an abbreviation defined in
brackets), in the same order: all that can start at a capitalized word that begins no phrase."""


def scan_block(s: Scan) -> list[Found]:
    """Every mention of the block, left to right; a token that can start nothing is skipped at once, and a
    capitalized word that begins no phrase of the lexicon is tried only as a name or an abbreviation."""
    i = 0
    first = s.lex.starters
    while i < s.n:
        listed = s.low[i] in first
        if not (listed or s.toks[i][0].isupper()):
            i += 1  # most words start nothing
            s.after_title = False
            continue
        for step in ORDER if listed else UNLISTED:
            j = step(s, i)
            if j:
                i = j
                break
        else:
            i += 1
    return s.out
