"""A TITLE as a structured office: ``parse_office("PBTTT Thành ủy TP.HCM")`` → role, modifiers, body, locality.

The title is first written out (``abbreviations.tsv``: ``PBTTT`` → ``Phó Bí thư Thường trực``, ``UBND`` → ``Ủy ban
nhân dân``) and put in one spelling. Then, left to right: a rank or degree (``office_ranks.tsv``) is its own
kind; modifiers before the head (``Phó``, ``Quyền``), the head (``office_roles.tsv``, longest match), modifiers
after it (``Thường trực``, ``Thứ nhất``); in what is left, the first body (``office_bodies.tsv``) and the locality
(a province by name, or a unit word: ``tỉnh``, ``huyện X``, ``xã X``). What the text leaves open (a ``Tỉnh ủy``
with no province) is taken from the caller's ``province``, the article's own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict

from .. import _patterns
from .._alternation import alternation
from .._resources import table
from .._segment import compound
from .._text import normalize
from .localities import (
    after_2025,
    canonical_province,
    central_cities,
    district_province,
    district_provinces,
    find_provinces,
    fold,
)

__all__ = ["BodyLevel", "Office", "OfficeKind", "expand_title", "foreign_countries", "former_words", "names_body",
           "nameless_body", "parse_office", "place_words", "parentless_unit"]

OfficeKind = Literal["office", "rank", "degree"]
BodyLevel = Literal["central", "province", "district", "commune"]


class Office(BaseModel):
    """One TITLE parsed: what office it names, in which body, where."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str
    """The TITLE as written."""
    kind: OfficeKind = "office"
    role: str | None = None
    """The head of the office, written out, without modifiers (``Bí thư``, ``Chủ tịch``); for a rank or degree,
    the rank or degree written out (``Phó Giáo sư, Tiến sĩ``)."""
    modifiers: tuple[str, ...] = ()
    body_type: str | None = None
    body_level: BodyLevel | None = None
    body_name: str | None = None
    locality: str | None = None
    """The canonical pre-2025 province (or, for a foreign office, the country)."""
    locality_2025: str | None = None
    """The province ``locality`` belongs to since 1 July 2025."""
    sublocality: str | None = None
    """The district or commune of a district or commune office."""
    former: bool = False

    @property
    def label(self) -> str:
        """The office written out in one canonical way (``Phó Bí thư Thường trực Thành ủy Hồ Chí Minh``)."""
        before = [m for m in self.modifiers if m in ("Phó", "Quyền")]
        after = [m for m in self.modifiers if m not in ("Phó", "Quyền")]
        parts = [*before, self.role or self.title, *after, self.body_name, self.sublocality, self.locality]
        return " ".join(p for p in parts if p)

    @property
    def key(self) -> str:
        """The office as one string, the same for every title that names it (``Phó Bí thư|party_committee|…``)."""
        return "|".join([" ".join((*self.modifiers, self.role or "?")), self.body_type or "", self.body_level or "",
                         self.body_name or "", self.locality or "", self.sublocality or ""])


@dataclass(frozen=True)
class _Body:
    start: int
    end: int
    body_type: str
    level: str
    named: bool
    head: str
    """The body's head as the table writes it (``Đoàn Đại biểu Quốc hội``)."""


# ------------------------------------------------------------------------------------------------ the tables


@cache
def _abbreviations() -> tuple[dict[str, str], regex.Pattern[str]]:
    found = {row["abbreviation"]: row["expansion"] for name in ("abbreviations", "office_abbreviations")
             for row in table(name)}
    found.update({row["title"]: row["expansion"] for row in table("office_ranks") if row["title"] != row["expansion"]})
    ordered = sorted((a for a in found if not a.endswith(".")), key=len, reverse=True)
    stopped = sorted((a for a in found if a.endswith(".")), key=len, reverse=True)
    return found, _patterns.compile(  # one ending with a stop runs into the name it abbreviates the unit of
        r"(?<![\w&.])(?:\L<stopped>)(?= ?\p{Lu}\p{Ll})|(?<![\w&])(?:\L<short>)(?![\w&])",  # (`Q.Hải Châu`),
        short=ordered, stopped=stopped)  # not an initial's (`bác sĩ V.P.`)


def _lowered(text: str) -> str:
    """``text`` in lower case, one character for one: positions found in it index ``text`` too (``İ`` lowers to
    two characters, and is kept as it is)."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def expand_title(title: str) -> str:
    """The title with its abbreviations written out, in one spelling, single-spaced."""
    found, pattern = _abbreviations()
    expanded = pattern.sub(lambda m: found[m.group()] + (" " if m.group().endswith(".") else ""), title)
    return " ".join(normalize(expanded).text.split())


def _heads(name: str, column: str) -> tuple[dict[str, dict[str, str]], regex.Pattern[str]]:
    rows = {" ".join(normalize(row[column]).text.lower().split()): row for row in table(name)}
    ordered = sorted(rows, key=len, reverse=True)
    return rows, _patterns.compile(r"(?<![\w])(?:\L<heads>)(?![\w])", heads=ordered)


@cache
def _roles() -> tuple[dict[str, dict[str, str]], regex.Pattern[str]]:
    return _heads("office_roles", "head")


@cache
def _title_heads() -> regex.Pattern[str]:
    """Office heads the title lexicon knows (titles.tsv) that name no body of their own (``Trạm trưởng``,
    ``Thuyền trưởng``, ``Thư ký``): the role when office_roles.tsv has none."""
    heads = {" ".join(normalize(row["title"]).text.lower().split()) for row in table("titles")
             if row["kind"] != "academic"}
    return _patterns.compile(r"(?<![\w])(?:\L<heads>)(?![\w])", heads=sorted(heads, key=len, reverse=True))


def _lexicon_role(text: str, low: str, pos: int) -> tuple[str | None, int]:
    """The role a title lexicon head names at ``pos`` (written as the title writes it, first letter capital)."""
    m = _title_heads().match(low, pos)
    if m is None:
        return None, pos
    written = text[m.start():m.end()]
    return written[0].upper() + written[1:], m.end() + 1


@cache
def _bodies() -> tuple[dict[str, dict[str, str]], regex.Pattern[str]]:
    return _heads("office_bodies", "body")


@cache
def _ranks() -> dict[str, dict[str, str]]:
    return {" ".join(normalize(row["title"]).text.lower().split()): row for row in table("office_ranks")} | {
        " ".join(normalize(row["expansion"]).text.lower().split()): row for row in table("office_ranks")}


@cache
def _modifiers() -> dict[str, tuple[str, str]]:
    return {row["modifier"].lower(): (row["canonical"], row["position"]) for row in table("office_modifiers")}




@cache
def _unit_levels() -> dict[str, str]:
    """The unit words that place an office's body, and the tier each gives (``admin_units.tsv``, level)."""
    return {row["unit"]: row["level"] for row in table("admin_units") if row.get("level")}


@cache
def _unit_pattern() -> regex.Pattern[str]:
    """A unit word and the capitalised name after it (``huyện Văn Chấn``)."""
    return _patterns.compile(rf"(?<![\w])({alternation(_unit_levels())})(?![\w])((?: [\p{{Lu}}\d][\w'’-]*)*)")


@cache
def _title_parts() -> tuple[str, ...]:
    """Words a title head takes after it that are no modifier of the office (title_parts.tsv: ``điều hành``,
    ``cao cấp``), longest first."""
    parts = {row["part"].lower() for row in table("title_parts") if row["position"] == "after"}
    return tuple(sorted(parts - set(_modifiers()), key=len, reverse=True))


_NAMED_WORD = _patterns.compile(r"\w+ [\p{Lu}\d]")


def _past_parts(text: str, low: str, pos: int) -> int:
    """Where the body is looked for after such words: at a word with a name after it (``Giám đốc điều hành``
    ``trường THPT FPT``), not at a common word (``điều hành`` ``bộ phận quan hệ công chúng``)."""
    for part in _title_parts():
        if low.startswith(part + " ", pos) and _NAMED_WORD.match(text, pos + len(part) + 1):
            return pos + len(part) + 1
    return pos


def former_words() -> list[str]:
    """The words that say a title's holder has left it (``nguyên``, ``cựu``: ``office_modifiers.tsv``, former)."""
    return [word for word, (_, where) in _modifiers().items() if where == "former"]


_NEXT_WORD = _patterns.compile(r" (\w+)")


@cache
def _unit_compounds() -> frozenset[str]:
    return frozenset(" ".join(row["compound"].lower().split()) for row in table("unit_compounds"))


def _first_unit(text: str, pos: int) -> regex.Match[str] | None:
    """The first unit word at or after ``pos`` that is one: ``xã hội`` (society) is no commune (unit_compounds.tsv)."""
    for unit in _patterns.finditer(_unit_pattern(), text, pos):
        after = _NEXT_WORD.match(text, unit.end(1))
        if not (after and f"{unit.group(1).lower()} {after.group(1).lower()}" in _unit_compounds()):
            return unit
    return None


_BRACKETED = _patterns.compile(r"\s*\([^()]*\)")
_NAME = _patterns.compile(r" ((?:[\p{Lu}\d][\w'’-]*)(?: [\p{Lu}\d][\w'’-]*)*)")


# ------------------------------------------------------------------------------------------------ parsing


def _take_modifiers(low: str, pos: int, position: str) -> tuple[list[str], int]:
    taken: list[str] = []
    moved = True
    while moved:
        moved = False
        for word, (canonical, where) in _modifiers().items():
            if where == position and low.startswith(word, pos) and (
                    len(low) == pos + len(word) or low[pos + len(word)] == " "):
                taken.append(canonical)
                pos = min(len(low), pos + len(word) + 1)
                moved = True
    return taken, pos


_ABOVE = ("central", "province")
_SCHOOLS = ("education", "health")
"""Institutions a board of governors (``Hội đồng quản trị``, a company's body with no name of its own) may run."""


@cache
def _local_heads() -> regex.Pattern[str]:
    return _patterns.compile(rf"(?i)\b(?:{alternation([row['head'] for row in table('local_institutions')])})\b")


def _local_institution(text: str, body: _Body) -> bool:
    """An institution whose office, naming no place, is in the article's province (local_institutions.tsv: a
    school, or a school's board); a company's, a paper's, a university's or a hospital's keeps none."""
    return _local_heads().search(text, body.start, timeout=_patterns.SCAN_TIMEOUT) is not None


def _no_body_spans(text: str | None) -> list[tuple[int, int]]:
    """Where a body's head is part of a name that is no body: a province's (``Hải Phòng``), a unit's (``huyện Vụ
    Bản``, ``huyện Xuân Trường``) or a country's (``Tây Ban Nha``)."""
    if text is None:
        return []
    places = [(s, e) for s, e, _ in find_provinces(text)]
    places += [(m.start(2), m.end(2)) for m in _patterns.finditer(_unit_pattern(), text)]
    places += [m.span() for m in _patterns.finditer(_countries()[1], text) if m.group()[0].isupper()]
    return places


def _heads_body(text: str, head: regex.Match[str], places: list[tuple[int, int]], since: int, pos: int) -> bool:
    """A body's head that names one: of more than a word, capitalised, right where the body is looked for
    (``giám đốc sở``, the ``phòng`` a head ``Trưởng phòng`` shares), or in lower case with a name after it
    (:func:`_named_after`); a one-word head in lower case elsewhere is a common word (``cán bộ``) or the tail of
    one (``Quốc phòng``, ``Nội vụ``, ``Môi trường``)."""
    return (" " in head.group() or text[head.start()].isupper() or head.start() == pos
            or _named_after(text, head, _bodies()[0][head.group()], places, since))


def _body_heads(low: str, pos: int, text: str | None) -> list[regex.Match[str]]:
    """The heads of the bodies named from ``pos`` on, the office's own first, then its parents'."""
    places = _no_body_spans(text)
    found: list[regex.Match[str]] = []
    for m in _patterns.finditer(_bodies()[1], low, pos):
        if any(s <= m.start() < e for s, e in places):
            continue
        if text is None or _heads_body(text, m, places, found[-1].end() if found else pos, pos):
            found.append(m)
    return found


def _level_under(first: dict[str, str], parents: list[dict[str, str]]) -> str:
    """A body of any local level, or a district's or commune's unit under a province's or the country's body, is
    of its first parent's level with one (a Sở's Phòng is provincial); else its own."""
    level = first["level"]
    if level == "local" or (level in ("district", "commune") and parents and parents[0]["level"] in _ABOVE):
        level = next((r["level"] for r in parents if r["level"] != "local"), level)
    return level


def _type_under(first: dict[str, str], parents: list[dict[str, str]]) -> str:
    """The body's type as its parents make it (:func:`_branch`); a nameless company body of a school's or a
    hospital's (``Hội đồng quản trị Trường THPT tư thục X``: a private school's board) is the school's."""
    body_type = _branch(first["body_type"], [r["body_type"] for r in parents])
    if body_type == "company" and first["named"] != "named" and parents and parents[0]["body_type"] in _SCHOOLS:
        return parents[0]["body_type"]
    return body_type


def _first_body(low: str, pos: int, text: str | None = None) -> _Body | None:
    """The body the office belongs to: the first one named (:func:`_body_heads`), but a board names its parent's
    level (none for a newspaper's or a company's board) and its type follows its parent's; a party board before
    what no party board is of is an organising committee (:func:`_event_board`)."""
    found = _body_heads(low, pos, text)
    if not found:
        return None
    rows = _bodies()[0]
    first = rows[found[0].group()]
    parents = [rows[m.group()] for m in found[1:]]
    level = _level_under(first, parents)
    body_type = _type_under(first, parents)
    if body_type == "company":
        level = ""  # a company's unit has the company's (no) level
    if body_type == "party_board" and text is not None and _event_board(text, found[0].end(), parents):
        body_type, level = "other", "local"
    return _Body(found[0].start(), found[0].end(), body_type, level, first["named"] == "named", first["body"])


def _named_after(text: str, head: regex.Match[str], row: dict[str, str], places: list[tuple[int, int]],
                 since: int) -> bool:
    """A head written in lower case that still names a body: one whose name runs on (``named``), right after the
    role or the body before it (``since``: ``Trưởng phòng`` ``sở Xây dựng``), with a capitalised word after it
    that is no place and no country. After any other word it is a common word's tail (``nội bộ``, ``môi
    trường``)."""
    after = _NAME.match(text, head.end())
    return (row["named"] == "named" and after is not None and not text[since:head.start()].strip()
            and not any(s == after.start(1) for s, _ in places) and not _countries()[1].match(after.group(1))
            and not fold(after.group(1)).startswith("việt nam"))


@cache
def _nameless_heads() -> frozenset[str]:
    return frozenset(fold(row["body"]) for row in table("office_bodies") if row["named"] == "named")


def nameless_body(name: str | None) -> bool:
    """Whether a body's name is only a head that needs a name after it (``Trung tâm``, ``Chi cục``, ``Phòng``): a
    body the title leaves open, as a bare ``Giám đốc`` does."""
    return name is not None and fold(name) in _nameless_heads()


def parentless_unit(name: str | None) -> bool:
    """Whether a body's name is a unit's that names no body it is part of (``Phòng Kỹ thuật``, ``Trạm cấp nước
    Hòn Chông``): a district-level head, or a placeless one of no type of its own (office_bodies.tsv), nothing
    after (a ``Trung tâm`` or ``Ban Quản lý`` is the state's)."""
    if not name:
        return False
    low = _lowered(name)
    rows, pattern = _bodies()
    head = pattern.match(low)
    row = rows[head.group()] if head is not None else None
    return (head is not None and row is not None and (row["level"] == "district" or (
            row["level"] == "local" and row["body_type"] == "other")) and _first_body(low, head.end(), name) is None)


def names_body(text: str) -> bool:
    """Whether ``text`` starts with a body's name (``Công an tỉnh Yên Bái``, ``Công ty X``; not ``Bí thư …``)."""
    expanded = expand_title(text)
    body = _first_body(_lowered(expanded), 0, expanded)
    return body is not None and body.start == 0


def place_words(title: str) -> str | None:
    """The words that place a title's body, written out: from its unit word or province to the end (``thành phố
    Hội An`` of ``Chủ tịch HĐND TP Hội An``), None when the title names no place."""
    text = expand_title(title)
    body = _first_body(_lowered(text), 0, text)
    start = _stop(text, body.end if body is not None else 0)
    return text[start:].strip() or None


def _event_board(text: str, end: int, parents: list[dict[str, str]]) -> bool:
    """A party board's name followed by what no party board is of (``ban tổ chức Lễ Khai ấn``, ``Ban Tổ chức
    cuộc thi``): an organising committee, not the party's Ban Tổ chức. Not before a party committee, a unit word
    or a province (``Ban Tuyên giáo Tỉnh ủy``, ``Ban Dân vận tỉnh``), nor at the title's end."""
    rest = text[end:].strip()
    if not rest or any(r["body_type"] == "party_committee" for r in parents):
        return False
    return _first_unit(text, end) is None and not find_provinces(rest)


_EXECUTIVE = ("ministry", "people_committee")
_ELECTED = ("people_council", "national_assembly")
_FORCES = ("police", "army")


def _branch(body_type: str, parents: list[str]) -> str:
    """A body's type, given the types of the bodies named after it (those it belongs to): a staff unit (``Văn
    phòng``, ``Thanh tra``) is its parent's (``Văn phòng HĐND`` a council's, ``Thanh tra Bộ Công an`` police's),
    but the executive's units (a ministry's, a UBND's) are departments; a department inside a police or army
    body (``Tổng cục Cảnh sát``) is that force's, inside a company (``Phòng Kỹ thuật Công ty X``) the company's;
    a board with no type of its own (``Ban``) is its parent's, and an executive board (``Ban Chấp hành``) its
    parent's too, a party committee's when it names none."""
    parents = ["department" if t == "unit" else t for t in parents]
    if body_type == "unit":
        return next((t for t in parents if t not in _EXECUTIVE), "department")
    if body_type == "department":
        return next((t for t in parents if t in (*_FORCES, "company")), body_type)
    if body_type == "other" and parents:
        return parents[0]
    if body_type == "board":
        return parents[0] if parents else "party_committee"
    if body_type == "party_board" and parents and parents[0] in _ELECTED:
        return parents[0]  # `Ban Kinh tế - Ngân sách HĐND`: a council's board, not the party's Ban Kinh tế
    return body_type


def _shared_body(low: str, text: str, head: regex.Match[str] | None) -> _Body | None:
    """A body whose first words are the head's last (``Trưởng`` ``Ban Tuyên giáo``, ``Chánh`` ``Văn phòng Chính
    phủ``), when it names more than they do: a longer body of the table, or a named one (``Trưởng phòng Tài
    chính``) unless the same head follows as a body of its own (``Trưởng ban Ban Chỉ đạo``)."""
    if head is None or " " not in head.group():
        return None
    own = _first_body(low, head.end(), text)
    own_head = own.head.split()[0].lower() if own is not None and own.start == head.end() + 1 else None
    covered = 0  # a body inside a longer one the head names (`Hội` of `Đại biểu Quốc hội`) is not shared
    for start in [head.start() + i + 1 for i, c in enumerate(head.group()) if c == " "]:
        body = _first_body(low, start, text)
        if start < covered or body is None or body.start != start:
            continue
        covered = body.end
        if body.end < head.end():
            continue
        if body.end > head.end() or (body.named and low[head.end():].strip() and own_head != body.head.lower()):
            return body
    return None


def _unit(unit: regex.Match[str], city: str | None) -> tuple[str, str | None]:
    """The level a unit word gives, and the district or commune it names (``huyện Văn Chấn`` → district, Văn Chấn)."""
    word, name = unit.group(1).lower(), unit.group(2).strip() or None
    central = word == "thành phố" and city in central_cities()
    word_level = "province" if central else _unit_levels()[word]
    if name is None and word == "thành phố" and city and city in district_provinces(city):
        name = city  # `UBND TP` in a Yên Bái story: TP Yên Bái, the city named as its province
    return word_level, (name if word_level != "province" else None)


@cache
def _regions() -> tuple[str, ...]:
    return tuple(fold(row["region"]) for row in table("regions"))


def _nations_organ(text: str, body: _Body | None) -> bool:
    """A body with no level of its own (a paper, a magazine) named after the nation's people, party or state
    (national_names.tsv: ``Báo Nhân Dân``, ``Tạp chí Cộng sản``): the organ of a central body, central itself."""
    if body is None or body.level or body.body_type != "other":
        return False
    after = " " + fold(text[body.end:])
    return any(after.endswith(" " + fold(row["name"])) for row in table("national_names"))


_WORDS = _patterns.compile(r"[\w'’&-]+")
_ROMAN = _patterns.compile(r"[IVXLC]+")


@cache
def _branded_heads() -> frozenset[str]:
    return frozenset(fold(row["head"]) for row in table("branded_bodies"))


def _trailing_capitals(text: str, pos: int) -> list[str]:
    """The capitalised words after the last lower-case word from ``pos`` on (``Kim Địa`` of ``Bất động sản Kim
    Địa``); none when the words end in lower case or none is (a name all capitalised)."""
    words = [m.group() for m in _patterns.finditer(_WORDS, text, pos)]
    lower = [i for i, word in enumerate(words) if word[:1].islower()]
    return words[lower[-1] + 1:] if lower else []


def _brand_like(brand: list[str], text: str) -> bool:
    """Words a brand may be: more than one, or one not Vietnamese (ASCII letters, no Roman number); not a common
    word capitalised (``Phẫu thuật Thần kinh``), a place or a number."""
    common = any(compound(a, b) for a, b in zip(brand, brand[1:], strict=False))
    foreign_word = len(brand) > 1 or (brand[0].isascii() and brand[0].isalpha() and not _ROMAN.fullmatch(brand[0]))
    place = find_provinces(" ".join(brand)) or district_provinces(" ".join(brand)) or _national(text)
    return foreign_word and not common and not place and not any(c.isdigit() for c in "".join(brand))


def _branded(text: str, body: _Body) -> bool:
    """A body a business bears the head of too (branded_bodies.tsv: ``Trung tâm``) named by a trade and then a
    brand (``Trung tâm Bất động sản Kim Địa``, ``Trung tâm An ninh mạng Athena``): the capitalised words after its
    last lower-case word, not a place, a number, a common word capitalised (``Thần kinh``), nor one Vietnamese
    syllable (``phía Bắc``); a name all capitalised (``Trung tâm Hội nghị Quốc gia``) has none, nor one with a unit
    word or a parent body after it (``… Thần kinh, Bệnh viện Việt Đức``: a hospital's)."""
    if fold(body.head) not in _branded_heads():
        return False
    brand = _trailing_capitals(text, body.end)
    return bool(brand) and _brand_like(brand, text) and _first_unit(text, body.end) is None and (
        _first_body(_lowered(text), body.end, text) is None)


@cache
def _national_scopes() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The scope words, less those that end a body's own name (``Vườn quốc gia`` is a province's park)."""
    scopes = tuple(fold(row["scope"]) for row in table("national_scopes"))
    named = tuple(fold(row["body"]) for row in table("office_bodies") if fold(row["body"]).endswith(scopes))
    return scopes, named


def _national(text: str) -> bool:
    """A title ending with Việt Nam, a region of several provinces (regions.tsv) or a word of national scope
    (national_scopes.tsv: ``tối cao``, ``Quốc gia``): its body is a national one."""
    folded = fold(text)
    scopes, bodies = _national_scopes()
    if any(folded.endswith(" " + body) or folded == body for body in bodies):
        return False
    return any(folded.endswith(" " + place) for place in ("việt nam", *_regions(), *scopes))


_DISTRICT_BODIES = ("police", "army", "court", "procuracy", "mass_organization", "party_committee", "people_committee",
                    "people_council")
"""Bodies every district has, named by their district (``Công an Hải Châu``); a department's, a station's or a
company's name may end with a district's without being its (``Ban Quản lý bán đảo Sơn Trà`` is the city's)."""
_ENDING_NAME = _patterns.compile(r"(?:[\p{Lu}][\w'’-]*)(?: [\p{Lu}\d][\w'’-]*)*$")


def _district_after(text: str, unit: regex.Match[str] | None) -> str | None:
    """The district named after a commune's unit word (``xã Nậm Búng, huyện Văn Chấn``), which places it."""
    after = _first_unit(text, unit.end()) if unit is not None else None
    if after is None or _unit_levels()[after.group(1).lower()] != "district":
        return None
    return after.group(2).strip() or None


def _ending_district(text: str, pos: int, body: _Body | None) -> str | None:
    """The district a local body's name ends with, written without its unit word (``Công an Hải Châu``, ``Hội
    Nông dân Văn Chấn``): the capitalised words ending the title after ``pos``, when they are a district's name
    and not the whole name of a body that needs one (``Vườn quốc gia Vũ Quang`` is the park's name), of a body
    every district has (:data:`_DISTRICT_BODIES`)."""
    tail = _ENDING_NAME.search(text, pos, timeout=_patterns.SCAN_TIMEOUT)
    name = tail.group() if tail is not None and tail.start() >= pos else None
    own_name = body is not None and body.named and not text[body.end:tail.start()].strip() if tail else False
    local = body is None or body.body_type in _DISTRICT_BODIES  # `Trạm Cấp nước Giồng Riềng` is where a station
    return name if name and district_provinces(name) and not own_name and local else None  # works


def _branch_office(body: _Body, unit: regex.Match[str] | None = None) -> bool:
    """A national agency's office that a place after it makes its branch there (``Cục Thuế tỉnh Yên Bái``, ``Cục
    Hải quan Đà Nẵng``, ``Ngân hàng Nhà nước chi nhánh tỉnh``): a central department or the state bank, not a
    ministry or its Vụ; a unit word places it only with a name or as a province (``Vụ Khoa giáo văn xã`` is none)."""
    agency = body.body_type == "department" or (body.body_type == "ministry" and not body.named)
    placed = unit is None or bool(unit.group(2).strip()) or _unit_levels()[unit.group(1).lower()] == "province"
    return body.level == "central" and agency and placed


@dataclass(frozen=True)
class _Locality:
    """Where an office is: its level, its province (pre-2025 canonical name) and its district or commune."""

    level: str | None = None
    province: str | None = None
    sublocality: str | None = None


@dataclass(frozen=True)
class _Reading:
    """What the words after the body say so far: a level (``""`` none, ``local`` any local level, as the body table
    writes it), the province they name and the district or commune; :func:`_settled` completes it."""

    level: str
    place: str | None
    sub: str | None = None


@dataclass(frozen=True)
class _After:
    """The words after the body (or after the head, if no body) that a locality is read from."""

    text: str
    pos: int
    body: _Body | None
    province: str | None
    """The article's province."""
    named: list[tuple[int, str]]
    """The provinces named after ``pos``: where each starts, and its canonical name."""

    @property
    def level(self) -> str:
        """The body's own level (``""`` with no body)."""
        return self.body.level if self.body else ""

    @property
    def place(self) -> str | None:
        """The first province named."""
        return self.named[0][1] if self.named else None


def _country_wide(after: _After) -> bool:
    """A title with no unit word and no province after its body that is of the country: ``Đài Tiếng nói Việt
    Nam``, ``Ban Chỉ đạo Tây Bắc`` (a local body named after the country or a region), ``Báo Nhân Dân`` (the
    Party's paper)."""
    if after.named:
        return False
    body = after.body
    return (body is not None and body.level == "local" and _national(after.text)) or _nations_organ(after.text, body)


def _unit_city(unit: regex.Match[str], own: str | None, after: _After, place: str | None) -> str | None:
    """The province a ``thành phố`` is read against: its own name, a province named after the unit word, or the
    article's; none for a named town that is no province (``TP Hội An`` is no centrally-run city)."""
    if unit.group(2).strip() and not own and not any(s == unit.start(2) + 1 for s, _ in after.named):
        return None
    return own or next((p for s, p in after.named if s > unit.start()), None) or place or after.province


def _district_named(unit: regex.Match[str], own: str | None, province: str | None) -> bool:
    """A district or commune unit word before a province's name that is a district's (``huyện Quảng Ninh`` is of
    Quảng Bình; in a Bạc Liêu story ``huyện Hòa Bình`` is Bạc Liêu's): no province of its own."""
    districts = district_provinces(unit.group(2)) if own and _unit_levels()[unit.group(1)] != "province" else ()
    return bool(districts) and (own not in districts or province in districts)


def _by_unit_word(after: _After, unit: regex.Match[str]) -> _Reading:
    """The locality a unit word gives (``huyện Văn Chấn``, ``tỉnh Yên Bái``, ``TP``): a name only a unit makes a
    province (``thành phố Hồ Chí Minh``) is the place, unless it is a district's (``huyện Quảng Ninh`` is of Quảng
    Bình, and in a Bạc Liêu story ``huyện Hòa Bình`` is Bạc Liêu's); the unit word's level replaces the body's
    unless the body is central (but for a national agency's branch) or a province's body of a bare ``TP``."""
    own = canonical_province(unit.group(2).strip())
    if _district_named(unit, own, after.province):
        after = replace(after, named=[(s, p) for s, p in after.named if not unit.start(2) <= s < unit.end(2)])
        own = None
    place = own or after.place
    if after.body is not None and after.level == "":  # a school, hospital or company has no level: `huyện X` only
        return _Reading("", place or after.province)  # places it
    word_level, sub = _unit(unit, _unit_city(unit, own, after, place))
    level = after.level
    nameless = level == "province" and not unit.group(2).strip()  # a Sở of `TP` is the city's, never a district's
    if (after.body is None or level != "central" or _branch_office(after.body, unit)) and not nameless:
        level = word_level  # `Chi cục … quận Tây Hồ` is the district's, `Cục Thuế tỉnh Yên Bái` the province's
    return _Reading(level, place, None if nameless else sub)


def _district_by_name(after: _After) -> _Reading | None:
    """A district named without its unit word ending the title (``Công an Hải Châu``, ``Hiệp hội Du lịch Sa Pa``)."""
    district = _ending_district(after.text, after.pos, after.body)
    return _Reading("district", after.place, district) if district else None


def _province_level(after: _After) -> _Reading:
    """A province named after a head with no body, a local body with a province (named, or the article's), or a
    national agency's branch in a named province (``Cục Hải quan Đà Nẵng``): a province's office."""
    return _Reading("province", after.place)


def _bare_district(after: _After) -> _Reading | None:
    """A capitalised name right after a nameless body that is no province and no body of its own (``Huyện ủy Văn
    Chấn``; ``Hội An`` is a city, no ``Hội``): the district or commune; a ``Thành ủy``/``Thị ủy`` then a district's."""
    body = after.body
    bare = _NAME.match(after.text, body.end) if body is not None else None
    if body is None or bare is None or any(s == bare.start(1) for s, _ in after.named):
        return None
    parent = _first_body(_lowered(after.text), bare.start(1), after.text)
    if parent is not None and parent.start == bare.start(1) and not district_provinces(bare.group(1)):
        return None
    own = after.text[body.start:body.end].lower()
    return _Reading("district" if own in ("thành ủy", "thị ủy") else after.level, after.place, bare.group(1))


def _city_committee(after: _After) -> _Reading | None:
    """A bare ``Thành ủy``: a centrally-run city's is a province's, another city's a district's, named by its
    province."""
    body = after.body
    if body is None or after.text[body.start:body.end].lower() != "thành ủy":
        return None
    city = after.place or after.province
    return _Reading("province", after.place) if city in central_cities() else _Reading("district", after.place, city)


@dataclass(frozen=True)
class _PlaceRule:
    """One way to read a locality from a title with no unit word: when it is tried, and what it reads (None: the
    next rule is tried)."""

    name: str
    tried: Callable[[_After], bool]
    reads: Callable[[_After], _Reading | None]


def _unplaced(after: _After) -> bool:
    """No province named, after a head with no body or a local body."""
    return (after.body is None or after.level == "local") and not after.named


def _provincial(after: _After) -> bool:
    """A province named after a head with no body or a national agency, or a local body with a province (named, or
    the article's)."""
    body = after.body
    if body is None:
        return bool(after.named)
    return (body.level == "local" and bool(after.named or after.province)) or (
        bool(after.named) and _branch_office(body))


def _nameless_local(after: _After) -> bool:
    """A body with no name of its own and a local level (``Huyện ủy``, ``Thành ủy``)."""
    return after.body is not None and not after.body.named and after.level not in ("central", "")


_NO_UNIT_RULES = (
    _PlaceRule("district named alone", _unplaced, _district_by_name),
    _PlaceRule("province's office", _provincial, _province_level),
    _PlaceRule("district after a nameless body", _nameless_local, _bare_district),
    _PlaceRule("city committee", _nameless_local, _city_committee),
)
"""Tried in order; the first that reads a locality decides (none: the body's own level, the first province)."""


def _without_unit(after: _After) -> _Reading:
    """The locality of a title with no unit word after its body, by the first of :data:`_NO_UNIT_RULES` that reads
    one."""
    for rule in _NO_UNIT_RULES:
        if rule.tried(after) and (reading := rule.reads(after)) is not None:
            return reading
    return _Reading(after.level, after.place)


def _settled(text: str, unit: regex.Match[str] | None, reading: _Reading, province: str | None) -> _Locality:
    """The locality a reading gives: a body's ``local`` level the words did not settle is none; a local office
    with no province named is in the province of its district (``huyện Can Lộc`` is Hà Tĩnh's anywhere, ``xã Nậm
    Búng huyện Văn Chấn``), else the article's; a central office has none."""
    level = "" if reading.level == "local" else reading.level
    place = reading.place
    if level in ("province", "district", "commune") and place is None:
        district = reading.sub if level == "district" else _district_after(text, unit)
        place = district_province(district, province) if district else province
    return _Locality(level or None, place if level != "central" else None, reading.sub)


def _locality(text: str, pos: int, body: _Body | None, province: str | None) -> _Locality:
    """Level, province and district or commune, from the words after the body (or after the head, if no body)."""
    after = _After(text, pos, body, province, [(s, p) for s, _, p in find_provinces(text) if s >= pos])
    unit = _first_unit(text, pos)
    if unit is None and _country_wide(after):
        return _Locality("central")
    reading = _by_unit_word(after, unit) if unit is not None else _without_unit(after)
    return _settled(text, unit, reading, province)


def _body_name(text: str, body: _Body | None, stop: int, sublocality: str | None) -> str | None:
    """The body's name: its head as the table writes it and what follows up to the locality (a company's, a
    school's or a hospital's name runs to the end, ``Bệnh viện Đa khoa huyện Thanh Bình``, or to its province's
    unit word), without a bracketed short form (``Ủy ban Kiểm tra (UBKT) Tỉnh ủy``)."""
    if body is None:
        return None
    unit = _first_unit(text, body.end) if body.level == "" else None  # `Trung tâm Y tế dự phòng` `tỉnh Nghệ An`
    provincial = unit is not None and (unit.group(1).lower() == "tỉnh" or bool(canonical_province(unit.group(2))))
    end = (unit.start() if unit and provincial else len(text)) if body.level == "" else max(body.end, stop)
    name = _BRACKETED.sub("", body.head + text[body.end:end]).strip(" ,-.")
    if sublocality and name.endswith(" " + sublocality):
        name = name[: -len(sublocality) - 1]
    return name


def _stop(text: str, pos: int) -> int:
    """Where the body's name ends: at its locality (a unit word or a province's name), else at the end."""
    ends = [s for s, _, _ in find_provinces(text) if s >= pos]
    unit = _first_unit(text, pos)
    ends += [unit.start()] if unit is not None else []
    return min(ends) if ends else len(text)


def _ending_province(text: str) -> str | None:
    """The province a title ends with (``Bệnh viện Phổi Đà Nẵng``), not one inside a name (``Công ty Luật Hà Nội
    Tinh hoa``): where a school, hospital or company with no level of its own is."""
    end = len(text.rstrip(" ."))
    return next((p for _, e, p in find_provinces(text) if e == end), None)


@cache
def _ministries() -> regex.Pattern[str]:
    names = sorted((" ".join(normalize(expand_title(row["ministry"])).text.split()) for row in table("ministries")),
                   key=len, reverse=True)
    return _patterns.compile(r"(?:\L<names>)(?![\w&])", regex.IGNORECASE, names=names)


_DEPARTMENT_HEAD = "Giám đốc"
"""The head of a provincial department (Sở), who the press often names by the department's field alone."""


def _placed_field(text: str, pos: int) -> bool:
    """A ministry's field (ministries.tsv) right at ``pos`` with a place after it (``Giám đốc GD-ĐT tỉnh Quảng Nam``:
    the Sở GD-ĐT's director, ``Sở`` left out); with no place (``Giám đốc Tài chính`` of a company) none."""
    m = _ministries().match(text, pos)
    if m is None:
        return False
    unit = _first_unit(text, m.end())
    return (unit is not None and unit.start() == m.end() + 1) or any(s == m.end() + 1 for s, _, _ in
                                                                     find_provinces(text))


_DELEGATION_HEAD = "Trưởng đoàn"
"""The head of a delegation, which the press names by what it is and where it comes from."""
_GROUP = _patterns.compile(r"((?:\p{Ll}+ ?)+) ((?:\p{Lu}[\w'’-]*)(?: \p{Lu}[\w'’-]*)*)$")


def _delegation(text: str, pos: int, province: str | None) -> tuple[str, str] | None:
    """A delegation named by what it is and where it comes from (``trưởng đoàn cán bộ Vũng Tàu``, ``trưởng Đoàn du
    lịch Vũng Tàu``): ``Đoàn`` with its kind, and the province it comes from; no level, it is no body of that
    place. None when no place ends the title."""
    m = _GROUP.match(text, pos)
    if m is None:
        return None
    place = m.group(2)
    named = find_provinces(place)
    locality = named[0][2] if named else (district_province(place, province) if district_provinces(place) else None)
    unit = _first_unit(text, pos)
    kind = text[pos:unit.start() if unit is not None and unit.start() < m.end(1) else m.end(1)].strip()
    return (f"Đoàn {kind}", locality) if locality and kind else None


def _ministry(text: str, pos: int) -> str | None:
    """The ministry a minister's title names without ``Bộ`` (``Bộ trưởng Nội vụ`` → ``Bộ Nội vụ``; ministries.tsv)."""
    m = _ministries().match(text, pos)
    return f"Bộ {m.group()}" if m else None


_OWN_NAMES = ("company", "education", "health", "other", "mass_organization")
"""Bodies whose names may carry a country without being that country's (``Công ty Samsung Việt Nam``, ``Hội hữu
nghị Việt - Lào``)."""


@cache
def _countries() -> tuple[dict[str, tuple[str, bool]], regex.Pattern[str]]:
    rows = {fold(row["country"]): (row["country"], row["cue"] == "yes") for row in table("countries")
            if "việt nam" not in fold(row["country"])}
    return rows, _patterns.compile(r"(?<!\w)(?:\L<names>)(?!\w)", regex.IGNORECASE,
                                   names=sorted(rows, key=len, reverse=True))


def _after_unit(text: str, start: int) -> bool:
    """A name right after a unit word is a place of Việt Nam (``huyện Mỹ Đức``, ``xã Nga Thắng``), no country."""
    before = text[:start].lower().split()
    return any(" ".join(before[-n:]) in (*_unit_levels(), "thành phố") for n in (1, 2) if len(before) >= n)


def _foreign_country(text: str, pos: int) -> str | None:
    """The foreign country a title names after its head (``Chủ tịch Quốc hội Cuba``, ``Bộ trưởng Quốc phòng Mỹ``):
    written with a capital; a country that is also a name or a word (``Anh``, ``Nga``) only after a lower-case
    word (not ``Bộ trưởng Nguyễn Văn Anh``) and before nothing but a name (``Ngoại trưởng Anh Boris Johnson``).
    None inside a province's name (``Lào Cai``) or after a unit word (``huyện Mỹ Đức``), and in a title that names
    Việt Nam (``Đại sứ Việt Nam tại Nhật Bản`` is Việt Nam's)."""
    rows, pattern = _countries()
    if "việt nam" in fold(text):
        return None
    places = [(s, e) for s, e, _ in find_provinces(text)]
    for m in _patterns.finditer(pattern, text, pos):
        country, cue = rows[fold(m.group())]
        before = text[:m.start()].split()[-1:]
        named = m.start() > pos and bool(before) and before[0][0].isupper()
        if any(s <= m.start() < e for s, e in places) or not m.group()[0].isupper() or _after_unit(text, m.start()):
            continue
        after = text[m.end():].split()  # only a holder's name may follow a country that is also a word
        if not (cue and (named or any(not w[0].isupper() for w in after))):
            return country
    return None


@cache
def _surnames() -> frozenset[str]:
    return frozenset(fold(row["surname"]) for row in table("name_surnames"))


def _abroad_unit(text: str, pos: int) -> bool:
    """A ``tỉnh`` whose name is no province of Việt Nam (``tỉnh Phúc Kiến``, ``tỉnh Champasak``) is abroad; not a
    holder's name after a bare ``tỉnh`` (``UBND tỉnh Phan Ngọc Thọ``)."""
    unit = _first_unit(text, pos)
    name = unit.group(2).split() if unit is not None and unit.group(1).lower() == "tỉnh" else []
    named = unit is not None and any(s == unit.start(2) + 1 for s, _, _ in find_provinces(text))  # `tỉnh Bắc ninh`
    return bool(name) and fold(name[0]) not in _surnames() and not find_provinces(" ".join(name)) and not named


def _names_abroad(text: str, pos: int) -> bool:
    """Whether words after a government's head with no body of its own place it abroad (``Thủ tướng Lào``,
    ``Thủ tướng Chính phủ Hoàng gia Campuchia``): any words but those naming Việt Nam (``Thủ tướng Việt Nam``,
    ``Thủ tướng Chính phủ nước CHXHCN Việt Nam`` are the country's own government)."""
    rest = fold(text[pos:]).split()
    return bool(rest) and "việt nam" not in " ".join(rest)


@cache
def _place_cues() -> frozenset[str]:
    return frozenset(fold(row["cue"]) for row in table("place_cues"))


_WORD_REACH = 40  # characters before a match its word before is looked for in


def foreign_countries(text: str) -> list[str]:
    """The foreign countries ``text`` names, in order (countries.tsv, written with a capital; one that is also a
    name or a word, ``Anh``, ``Đức``, only after a place cue: ``tại Anh``, ``người Mỹ``): what a foreign office
    with no country is of."""
    rows, pattern = _countries()
    found = []
    for m in _patterns.finditer(pattern, text):
        country, cue = rows[fold(m.group())]
        before = text[max(0, m.start() - _WORD_REACH):m.start()].split()[-1:]  # not the whole text before each
        if m.group()[0].isupper() and not (cue and not (before and fold(before[0]) in _place_cues())):
            found.append(country)
    return found


_DEGREE_PARTS = _patterns.compile(r"\s*[.,]\s*|-")


def _degrees(low: str) -> str | None:
    """Degrees written one after another (``GS.TS.BS``, ``PGS.TS.BS``, written out ``giáo sư.tiến sĩ, bác sĩ``):
    each written out, in order, when every part is one."""
    parts = [part for part in _DEGREE_PARTS.split(low) if part]
    rows = [_ranks().get(part) for part in parts]
    if len(parts) < 2 or any(row is None or row["kind"] != "degree" for row in rows):
        return None
    return ", ".join(row["expansion"] for row in rows if row is not None)


@cache
def _local_bodies() -> dict[tuple[str, str], str]:
    return {(row["body_type"], row["unit"]): row["name"] for row in table("office_local_bodies")}


def _local_body(body_type: str | None, unit: regex.Match[str] | None, level: str | None,
                locality: str | None) -> str | None:
    """The body a head names with only a place after it (``Chủ tịch tỉnh Bắc Ninh``: the Ủy ban nhân dân; ``Phó Bí
    thư Yên Bái``: the Tỉnh ủy; office_local_bodies.tsv), by the unit word before the place (a province's name
    alone: its own)."""
    province = level == "province" and ("thành phố" if locality in central_cities() else "tỉnh")
    word = unit.group(1).lower() if unit is not None else province or "?"
    return _local_bodies().get((body_type or "", "")) or _local_bodies().get((body_type or "", word))


@dataclass(frozen=True)
class _Written:
    """A TITLE written out (abbreviations.tsv) and lowered, without the ``nguyên``/``cựu`` it may open with."""

    text: str
    low: str
    former: bool
    """The title, or the text before it, wrote ``nguyên``/``cựu``."""


def _written_out(title: str, former: bool) -> _Written:
    """The title written out and lowered, without the ``nguyên``/``cựu`` the press may write inside it."""
    text = expand_title(title)
    low = _lowered(text)
    for word in former_words():
        if low.startswith(word + " "):
            text, low, former = text[len(word) + 1:], low[len(word) + 1:], True
    return _Written(text, low, former)


def _rank_or_degree(title: str, written: _Written) -> Office | None:
    """A rank or degree (office_ranks.tsv: ``Đại tá``) or degrees one after another (``PGS.TS``) are their own
    kind, no office."""
    rank = _ranks().get(written.low)
    if rank is not None:
        return Office(title=title, kind=rank["kind"], role=rank["expansion"],  # type: ignore[arg-type]
                      former=written.former)
    degrees = _degrees(written.low)
    return Office(title=title, kind="degree", role=degrees, former=written.former) if degrees else None


@dataclass(frozen=True)
class _Title:
    """A TITLE read up to its body: its head and modifiers, where the words after them start, its body, and the
    article's context the rest of the parse falls back on."""

    title: str
    """The TITLE as written."""
    text: str
    low: str
    former: bool
    province: str | None
    """The article's province."""
    assembly: str | None
    """The elected body the article is about."""
    before: list[str]
    role: dict[str, str] | None
    """The head's office_roles.tsv row."""
    lexicon_role: str | None
    """A head no row knows, read from the lexicon."""
    after: list[str]
    pos: int
    """Where the words after the head and its modifiers start."""
    body: _Body | None

    @property
    def modifiers(self) -> tuple[str, ...]:
        return tuple(self.before + self.after)

    @property
    def role_name(self) -> str | None:
        return self.role["role"] if self.role else self.lexicon_role

    @property
    def placed_at(self) -> int:
        """Where the locality is looked for: after the body, or after the head if no body."""
        return self.body.end if self.body else self.pos


def _read_title(title: str, written: _Written, province: str | None, assembly: str | None) -> _Title:
    """Left to right: modifiers before the head, the head (a role of the table, longest match, or one the lexicon
    knows), modifiers after it, then the body (one the head shares with the words after it, or the first named;
    a foreign government's head names none: ``Bộ trưởng Quốc phòng`` names no ``Phòng``); a branded body is a
    company's."""
    text, low = written.text, written.low
    before, pos = _take_modifiers(low, 0, "before")
    rows, pattern = _roles()
    head = pattern.match(low, pos)
    role = rows[head.group()] if head else None
    pos = head.end() + 1 if head else pos
    lexicon_role, pos = (None, pos) if head else _lexicon_role(text, low, pos)
    after, pos = _take_modifiers(low, min(pos, len(low)), "after")
    pos = _past_parts(text, low, pos)
    foreign = role is not None and role["body_type"] == "foreign_government"
    body = (None if foreign else _shared_body(low, text, head)) or _first_body(low, pos, text)
    if body is not None and _branded(text, body):
        body = replace(body, body_type="company", level="")
    return _Title(title, text, low, written.former, province, assembly, before, role, lexicon_role, after, pos, body)


def _assembly_delegate(t: _Title) -> str | None:
    """A bare delegate (``ĐB``, nothing after it) is of the elected body the article is about: ``ĐB Quốc hội``."""
    bare = t.role is not None and t.role["local_type"] == "assembly" and t.body is None and not t.low[t.pos:].strip()
    return f"{t.text} {t.assembly}" if bare and t.assembly else None


def _department_field(t: _Title) -> str | None:
    """A department's director named by its field and a place (``Giám đốc GD-ĐT tỉnh Quảng Nam``): the Sở's."""
    head = t.body is None and t.role is not None and t.role["role"] == _DEPARTMENT_HEAD
    return f"{t.text[:t.pos]}Sở {t.text[t.pos:]}" if head and _placed_field(t.text, t.pos) else None


@dataclass(frozen=True)
class _Shortened:
    """A title the press shortens, and how it reads written in full (parsed again as that, without the article's
    elected body)."""

    name: str
    in_full: Callable[[_Title], str | None]


_SHORTENED = (
    _Shortened("delegate of the article's elected body", _assembly_delegate),
    _Shortened("department named by its field", _department_field),
)
"""Tried in order; the first that writes the title in full decides."""


def _delegation_office(t: _Title) -> Office | None:
    """A delegation's head named by what it is and where it comes from (``trưởng đoàn cán bộ Vũng Tàu``)."""
    if t.body is not None or t.role is None or t.role["role"] != _DELEGATION_HEAD:
        return None
    group = _delegation(t.text, t.pos, t.province)
    if group is None:
        return None
    return Office(title=t.title, role=t.role["role"], modifiers=t.modifiers, body_type="other", body_name=group[0],
                  locality=group[1], locality_2025=after_2025(group[1]), former=t.former)


@dataclass(frozen=True)
class _Placement:
    """What body an office is of and where: the fields of :class:`Office` after its head."""

    body_type: str | None
    level: str | None
    body_name: str | None
    locality: str | None
    sublocality: str | None


def _body_type(t: _Title, found: _Locality) -> str | None:
    """The body's type, or with no body the head's (``Bí thư``: a Party committee's); a local head with a place
    after it is of the local body (office_roles.tsv ``local_type``: ``Chủ tịch tỉnh`` is the People's Committee's)."""
    if t.body is not None:
        return t.body.body_type
    role = t.role
    if role is not None and role["local_type"] not in ("", "assembly") and found.level:
        return role["local_type"]
    return (role["body_type"] or None) if role else None


def _body_level(t: _Title, found: _Locality) -> str | None:
    """The level the locality gives, or with no body the head's own; a delegate of Quốc hội is central wherever he
    was elected (``ĐBQH TP Hà Nội``)."""
    role = t.role
    if role is not None and t.body is None and role["body_type"] == "national_assembly":
        return role["body_level"] or None
    return found.level or ((role["body_level"] or None) if role and not t.body else None)


def _office_locality(t: _Title, found: _Locality, body_type: str | None, level: str | None) -> str | None:
    """The province of a local office (named, else the article's); a school, hospital or company with no level is
    where the title ends (``Bệnh viện Phổi Đà Nẵng``), the province after a unit word, or for a local school or
    hospital the article's province."""
    body = t.body
    if body is not None and body.level == "" and level is None:
        return _ending_province(t.text) or (found.province if _first_unit(t.text, body.end) else None) or (
            t.province if body_type in _SCHOOLS and _local_institution(t.text, body) else None)
    return (found.province or t.province) if level not in (None, "central") else None


def _office_body_name(t: _Title, found: _Locality, body_type: str | None, level: str | None,
                      locality: str | None) -> str | None:
    """The body's name as written, or with no body the head's (a minister's ministry, ``Bộ trưởng Nội vụ``; a
    local head's body, ``Chủ tịch tỉnh Bắc Ninh``)."""
    if t.body is not None:
        return _body_name(t.text, t.body, _stop(t.text, t.placed_at), found.sublocality) or (
            (t.role["body_name"] or None) if t.role else None)
    role_body = (t.role["body_name"] or None) if t.role else None
    name = _ministry(t.text, t.pos) if body_type == "ministry" else role_body
    if name is None and t.role is not None and t.role["local_type"] == body_type and found.level:
        return _local_body(body_type, _first_unit(t.text, t.pos), level, locality)
    return name


def _abroad(t: _Title, body_type: str | None, country: str | None) -> bool:
    """A foreign government's office: by its body or head, a foreign country named, a ``tỉnh`` of no province of
    Việt Nam, or a government's head with words after it naming no Việt Nam (``Thủ tướng Lào``)."""
    role = t.role
    return body_type == "foreign_government" or bool(country) or _abroad_unit(t.text, t.pos) or (
        t.body is None and role is not None and role["body_type"] == "government" and _names_abroad(t.text, t.pos))


def _placement(t: _Title) -> _Placement:
    """The body and place of an office, from the words after its head; a foreign office's place is its country."""
    found = _locality(t.text, t.placed_at, t.body, t.province)
    body_type = _body_type(t, found)
    level = _body_level(t, found)
    locality = _office_locality(t, found, body_type, level)
    body_name = _office_body_name(t, found, body_type, level, locality)
    country = _foreign_country(t.text, t.pos) if body_type not in _OWN_NAMES else None
    if _abroad(t, body_type, country):
        return _Placement("foreign_government", None, None, country, None)
    return _Placement(body_type, level, body_name, locality, found.sublocality)


def parse_office(title: str, province: str | None = None, former: bool = False,
                 assembly: str | None = None) -> Office:
    """Parse one TITLE as written into an :class:`Office`.

    ``province`` is the article's province (canonical pre-2025 name), used when the title leaves its own open
    (``Bí thư Tỉnh ủy``); ``former`` says the text wrote ``nguyên``/``cựu`` before the title; ``assembly`` is the
    elected body the article is about (``Quốc hội`` or ``Hội đồng nhân dân``), whose delegate a bare ``ĐB`` is.
    """
    written = _written_out(title, former)
    rank = _rank_or_degree(title, written)
    if rank is not None:
        return rank
    t = _read_title(title, written, province, assembly)
    for shortened in _SHORTENED:
        if (in_full := shortened.in_full(t)) is not None:
            return parse_office(in_full, province, t.former).model_copy(update={"title": title})
    delegation = _delegation_office(t)
    if delegation is not None:
        return delegation
    where = _placement(t)
    return Office(
        title=title, role=t.role_name, modifiers=t.modifiers, body_type=where.body_type,
        body_level=where.level, body_name=where.body_name, locality=where.locality,  # type: ignore[arg-type]
        locality_2025=after_2025(where.locality) if where.locality else None, sublocality=where.sublocality,
        former=t.former,
    )
