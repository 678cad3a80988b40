"""Linking: each distinct person once, with every title the article attaches to them.

Contract with the pipeline: ``link_people(text, entities)`` takes the working text and the entity mentions
found in it and returns one :class:`Found` per distinct person.

Mentions of one person: a full name, the same name with its middle names in another order (``Vương Hoàng Đức
Quân``/``Vương Đức Hoàng Quân``), and its given name alone (``ông Hải`` → ``Nguyễn Tiến Hải``): after the full
name, the last person named so; before it, the one person named so. Titles attach, in this order of precedence:

1. a list of titles right before a name (``Chủ tịch nước A, Chủ tịch Quốc hội B``: the second is B's; ``Chủ tịch
   UBND tỉnh, ông B``), but not a title in apposition after an untitled name (``ông A, Chủ tịch X, Thứ trưởng B``:
   X is A's);
2. a plural or counted title before a colon or a list word, to every person listed after it (``Các ủy viên Trung
   ương Đảng: A; B``, ``2 nguyên phó giám đốc sở này gồm ông A và ông B``);
3. titles in apposition after a name (``Trần Thị Hồng Thanh, Tỉnh ủy viên, PBTTT Thành ủy``), terms between
   them included (``Ủy viên Trung ương Đảng khóa XI, XII, …``);
4. a list of titles after a cue (``ông Trí hiện giữ chức …``, ``từng giữ các chức vụ A, B``), and the items a
   semicolon or a career cue earlier in the sentence adds to it (``ông Đạo từng kinh qua các nhiệm vụ: A; B``),
   to the person named in that sentence, and to each person joined to them by ``và`` (``Thứ trưởng A và Thứ
   trưởng B bị cách chức …``); a relative named in apposition (``ông Quý, em trai Bí thư … Trà làm …``, ``bà Trà,
   chị ông Quý, …``) is not whom such a sentence is about;
5. a degree (``Tiến sĩ``, ``thạc sỹ``) to the person named before it in its sentence, or, in a sentence that
   opens with ``Ông``/``Bà`` and no name (``Ông sinh năm 1960, có trình độ tiến sĩ``), to the person last named;
   a degree being studied (``cử đi học thạc sỹ``) is nobody's;
6. a title used as a name (``…, Bộ trưởng Bộ Y tế bày tỏ``) to the one person already given that office, a
   wider form of it with its body or place (never a bare head: ``Thủ tướng Nhật Bản`` is not the ``Thủ tướng``
   already named), or its head and last words (``Chủ tịch Hà Nội`` for ``Chủ tịch UBND thành phố Hà Nội``),
   abbreviations written out (``Sở TN-MT`` for ``Sở Tài nguyên & Môi trường``); never a plural or counted title
   (``6 phó giám đốc sở``);
7. a cued title with nobody in its sentence to the person last named (``Ông là Ủy viên …``).

A title with none of these (``theo chỉ đạo của Thủ tướng Chính phủ``) is nobody's. The words involved are data:
``title_links.tsv``, ``honorifics.tsv``, ``title_cues.tsv``, ``title_plurals.tsv``, ``title_pronouns.tsv``,
``title_studies.tsv``, ``person_joins.tsv``, ``person_kin.tsv``, ``deictics.tsv``, ``date_terms.tsv`` and the
``kind`` and parts of ``titles.tsv``/``title_parts.tsv``.
Every lookup around a title is bounded, so linking stays linear in the number of mentions.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from functools import cache
from typing import NamedTuple

import regex

from . import _patterns
from ._entities import Found as Entity
from ._resources import table

__all__ = ["Found", "TitleLink", "link_people"]

Range = tuple[int, int]


class TitleLink(NamedTuple):
    start: int
    end: int
    expansion: str | None = None
    organization: str | None = None


class Found(NamedTuple):
    name: Range
    """The fullest mention of the name."""
    mentions: list[Range]
    titles: list[TitleLink]


def _alt(words: Iterable[str]) -> str:
    """An alternation of words, longest first, each escaped."""
    return "|".join(map(regex.escape, sorted(set(words), key=len, reverse=True)))


@cache
def _glue() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """Patterns for what may separate titles of one list, and a title list from its person's name."""
    words = sorted({r["word"] for r in table("title_links")} | {r["honorific"] for r in table("honorifics")},
                   key=len, reverse=True)
    alt = "|".join(regex.escape(w) for w in words)
    terms = "|".join(regex.escape(r["word"]) for r in table("date_terms") if r["kind"] == "term")
    term = rf"\b(?:{terms}) +(?:[IVXL]+|\d{{4}})\b(?:(?: *[,\-] *| và )(?:[IVXL]+|\d{{4}})\b)*"  # `khóa XI, XII`
    born = r"\bsinh (?:ngày|năm) [\d/.\-]{4,10}"  # `ông Nguyễn Bá Tịnh, sinh ngày 27/8/1963, Giám đốc …`
    between_titles = _patterns.compile(rf"(?i)(?:[ ,;\-–()]|\([^()\n]{{1,20}}\)|\b(?:{alt})\b|{term}|{born})*")
    honorifics = _alt(r["honorific"] for r in table("honorifics"))
    before_name = _patterns.compile(  # `TS.Đinh Thế Hiển`, `Giám đốc Sở Giáo dục và Đào tạo (GD&ĐT) Nguyễn Hữu Độ`,
        rf"(?i)\.|[ ]*(?:\([\p{{Lu}}&\-.]{{2,12}}\)[ ]*)?(?:\b(?:{alt})\b[ ]*)*"  # `Chủ tịch UBND tỉnh, ông Bình`
        rf"|[ ]*,[ ]*(?:\b(?:{honorifics})\b[ ]*)+")
    return between_titles, before_name


@cache
def _and() -> regex.Pattern[str]:
    """What joins two people who share what the sentence says of them (`Ông A và ông B được … làm …`)."""
    words = sorted({r["honorific"] for r in table("honorifics")} | {r["word"] for r in table("person_joins")},
                   key=len, reverse=True)
    return _patterns.compile(rf"(?i)(?:[ ,]|\b(?:{'|'.join(map(regex.escape, words))})\b)*")


@cache
def _kin() -> regex.Pattern[str]:
    """A relative's word before a name or its titles, maybe with an honorific (`em trai `, `chị ông `); a word
    that is also an honorific only with one after it (`chị ông Quý`, not `chị Lan`)."""
    honorifics = {r["honorific"] for r in table("honorifics")}
    kin = {r["word"] for r in table("person_kin")}
    return _patterns.compile(rf"(?i)(?:^|[\s,(\-])(?:(?:{_alt(kin - honorifics)}) +(?:của +)?(?:(?:{_alt(honorifics)}) +)?"
                             rf"|(?:{_alt(kin & honorifics)}) +(?:của +)?(?:{_alt(honorifics)}) +)$")  # `chồng của bà Thanh`


_SENTENCE_END = _patterns.compile(r"[.!?]\s|\n")
_MAX_LIST = 40  # mentions looked at around a title for its owner: a sentence's worth, never the whole text


@cache
def _cues() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    """Words right before a title that say it is someone's (`là`, `giữ chức`, `kiêm`, `nguyên` …), a sentence
    about someone already named (`Ông sinh năm 1960, …`: `ông` with no name after it), and a career list's cue
    anywhere earlier in the sentence (`từng kinh qua các nhiệm vụ: A; B`)."""
    cues = table("title_cues")
    words = sorted({r["word"] for r in table("title_links") if r["cue"] == "yes"} |
                   {r["cue"] for r in cues if r["scope"] == "before"}, key=len, reverse=True)
    listed = sorted((r["word"] for r in table("title_links") if r["cue"] == "no"), key=len, reverse=True)
    rows = table("title_pronouns")
    pronouns = sorted((r["word"] for r in rows if r["kind"] == "pronoun"), key=len, reverse=True)
    others = sorted((r["word"] for r in rows if r["kind"] == "not"), key=len, reverse=True)
    before = _patterns.compile(rf"(?i)(?:\b(?:{'|'.join(map(regex.escape, words))})|[,;(\-] *(?:{'|'.join(map(regex.escape, listed))}))"
                               rf"(?:[ ,:]| như\b)*$")  # `…, nguyên Ủy viên …`; not `gặp tân Bộ trưởng`
    career = sorted((r["cue"] for r in cues if r["scope"] == "sentence"), key=len, reverse=True)
    anywhere = _patterns.compile(rf"(?i)\b(?:{'|'.join(map(regex.escape, career))})\b")
    pronoun = _patterns.compile(rf"[\s\-\"]*(?!(?i:{'|'.join(map(regex.escape, others))})\b)"
                                rf"(?i:{'|'.join(map(regex.escape, pronouns))}) +(?!\p{{Lu}})")
    return before, pronoun, anywhere


@cache
def _plural() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """A plural word or a count before a title, maybe a word of its list and an honorific (`các đồng chí Ủy viên`,
    `6 phó giám đốc sở`, `2 nguyên phó giám đốc`); what opens the list of its holders after it (`:`, `này gồm`)."""
    rows = table("title_plurals")
    words = _alt(r["word"] for r in rows if r["kind"] == "plural")
    opens = _alt(r["word"] for r in rows if r["kind"] == "list")
    honorifics = _alt(r["honorific"] for r in table("honorifics"))
    links = _alt(r["word"] for r in table("title_links") if r["cue"] == "no")
    deictics = _alt(r["word"] for r in table("deictics"))
    before = _patterns.compile(rf"(?i)(?:\b(?:{words})|(?<![\d/.,:\-])\d{{1,3}}) +(?:(?:{links}) +)?(?:(?:{honorifics}) +)?$")
    after = _patterns.compile(rf"(?i) *(?::|(?:(?:{deictics}) +)?(?:{opens})\b)")
    return before, after


def _many(text: str, start: int) -> bool:
    """A plural title: `các phó giám đốc`, `6 phó giám đốc sở`."""
    return _plural()[0].search(text, max(0, start - 30), start, timeout=_patterns.SCAN_TIMEOUT) is not None


def _shared(text: str, start: int, end: int) -> bool:
    """A plural title before a colon or `gồm`: the list after it shares it."""
    return _plural()[1].match(text, end, min(len(text), end + 20), timeout=_patterns.SCAN_TIMEOUT) is not None \
        and _many(text, start)


def _cued(text: str, start: int, opening: int) -> bool:
    """A cue word right before the title at ``start`` says whose it is, or the title is an item of a career
    list: after `:` or `;` in a sentence (from ``opening``) with a career cue before it."""
    if _cues()[0].search(text, max(0, start - 30), start, timeout=_patterns.SCAN_TIMEOUT):
        return True
    return text[max(opening, start - 3) : start].rstrip()[-1:] in (":", ";") and _cues()[2].search(
        text, max(opening, start - 300), start, timeout=_patterns.SCAN_TIMEOUT) is not None


def _name_key(words: list[str]) -> str:
    """One key for a name's spellings: `Vương Hoàng Đức Quân` and `Vương Đức Hoàng Quân` are one person."""
    middle = sorted(words[1:-1])
    return " ".join([words[0], *middle, words[-1]] if len(words) > 2 else words).casefold()


@cache
def _bare_titles() -> frozenset[str]:
    """Title heads with their parts and nothing else (`thủ tướng`, `phó chủ tịch thường trực`), casefolded."""
    heads = {" ".join(r["title"].split()).casefold() for r in table("titles")}
    parts = table("title_parts")
    pre = {r["part"].casefold() for r in parts if r["position"] == "before"}
    post = {r["part"].casefold() for r in parts if r["position"] != "before"}
    forms = heads | {f"{h} {p}" for h in heads for p in post}
    return frozenset(forms | {f"{p} {f}" for f in forms for p in pre})


def _head(words: list[str]) -> int:
    """How many of a title's casefolded words are its head and parts (`phó chủ tịch` of `phó chủ tịch ubnd tỉnh`)."""
    return next((n for n in range(len(words), 0, -1) if " ".join(words[:n]) in _bare_titles()), 0)


@cache
def _degrees() -> frozenset[str]:
    """Academic titles (``kind=academic`` in titles.tsv), as :func:`_title_key` writes them."""
    return frozenset(" ".join(r["title"].split()).casefold() for r in table("titles") if r["kind"] == "academic")


@cache
def _studies() -> regex.Pattern[str]:
    """A course being studied right before a degree (`đi học thạc sỹ`, `theo học đại học, thạc sĩ và`)."""
    words = sorted((r["word"] for r in table("title_studies")), key=len, reverse=True)
    courses = sorted({"và", "đại học", "cao học", *_degrees()}, key=len, reverse=True)
    return _patterns.compile(rf"(?i)\b(?:{'|'.join(map(regex.escape, words))})"
                             rf"(?:[ ,]|\b(?:{'|'.join(map(regex.escape, courses))})\b)*$")


def _title_key(text: str, e: Entity) -> str:
    return " ".join(text[e.start : e.end].split()).casefold()


@cache
def _units() -> frozenset[str]:
    return frozenset(r["unit"].casefold() for r in table("admin_units"))


def _office_key(text: str, e: Entity) -> list[str]:
    """A title's words for matching one office written two ways: abbreviations written out, no punctuation or
    `và` (`Giám đốc Sở TN-MT` ~ `Giám đốc Sở Tài nguyên & Môi trường`)."""
    words = (e.expansion or text[e.start : e.end]).casefold().replace(".", " ").split()  # `TP.Phan Thiết` ~ `TP`
    return [w for w in (w.strip(",;:()-&") for w in words) if w and w != "và"]


@cache
def _kept_units() -> frozenset[str]:
    """Two words that start with a unit word and are a body or another word (`tỉnh ủy`, `xã hội`), casefolded."""
    bodies = {" ".join(r["organisation"].casefold().split()[:2]) for r in table("organisations")}
    return frozenset(bodies | {r["compound"].casefold() for r in table("unit_compounds")})


def _loose(words: list[str]) -> str:
    """A held title's last words without a unit word before a place's name: `… tỉnh Yên Bái` ~ `… Yên Bái`;
    never the unit of a body (`Tỉnh ủy`) or of another word (`xã hội`)."""
    return " ".join(w for n, w in enumerate(words) if not (
        w in _units() and n + 1 < len(words) and f"{w} {words[n + 1]}" not in _kept_units()))


def _fits(pattern: regex.Pattern[str], gap: str) -> bool:
    return len(gap) < 40 and pattern.fullmatch(gap, timeout=_patterns.SCAN_TIMEOUT) is not None


def link_people(text: str, entities: list[Entity]) -> list[Found]:
    """Group PERSON mentions into people and attach their titles."""
    between_titles, before_name = _glue()
    ents = sorted((e for e in entities if e.type in ("PERSON", "TITLE")), key=lambda e: (e.start, -e.end))
    orgs = [e for e in entities if e.type == "ORGANIZATION"]

    # People: a full name is a person; a name of one or two words joins the last person whose name ends so.
    people: list[dict] = []
    by_name: dict[str, dict] = {}
    by_tail: dict[tuple[str, ...], list[dict]] = {}  # the last one or two words of a name → the people named so
    person_of: dict[int, dict] = {}
    for k, e in enumerate(ents):
        if e.type != "PERSON":
            continue
        name = text[e.start : e.end]
        words = name.split()
        if not words:
            continue
        key = _name_key(words)
        person = by_name.get(key)
        folded = tuple(w.casefold() for w in words)
        if person is None and len(words) <= 2:  # `ông Hải`, `bà Kim Thoa`: the last person named so
            person = by_tail.get(folded, [None])[-1]
        if person is None:
            person = {"name": (e.start, e.end), "len": len(name), "mentions": [], "titles": []}
            people.append(person)
            by_name[key] = person
            for n in (1, 2):
                if len(folded) > n:
                    by_tail.setdefault(folded[-n:], []).append(person)
        elif len(name) > person["len"]:
            person.update(name=(e.start, e.end), len=len(name))
        person["mentions"].append((e.start, e.end))
        person_of[k] = person
    # A short name met before the full one (`bà Hoài …, bà Trần Trương Mạnh Hoài`) is that person's, when the
    # article has only one name ending so.
    for k, person in list(person_of.items()):
        whole = by_tail.get(tuple(text[person["name"][0] : person["name"][1]].casefold().split()), [])
        if len(whole) == 1 and whole[0] is not person:
            whole[0]["mentions"].append(ents[k][:2])
            whole[0]["mentions"].sort()
            person_of[k] = whole[0]
    alive = {id(q) for q in person_of.values()}
    people = [p for p in people if id(p) in alive]

    titles = [k for k, e in enumerate(ents) if e.type == "TITLE"]
    linked: set[int] = set()
    ends = [m.end() for m in _patterns.finditer(_SENTENCE_END, text)]
    sentence = [bisect.bisect_right(ends, e.start) for e in ents]  # which sentence each mention is in
    named = [k for k in person_of if "." not in text[ents[k].start : ents[k].end]]  # not initials (`L.`)

    def start_of(k: int) -> int:
        """Where the sentence of mention k starts."""
        return ends[sentence[k] - 1] if sentence[k] else 0

    def attach(person: dict, k: int) -> None:
        if k not in linked:
            linked.add(k)
            person["titles"].append(k)

    # A degree being studied (`được cử đi học thạc sỹ`) is nobody's.
    linked.update(k for k in titles if _title_key(text, ents[k]) in _degrees() and _studies().search(
        text, max(0, ents[k].start - 40), ents[k].start, timeout=_patterns.SCAN_TIMEOUT))

    # A relative named in apposition (`ông Quý, em trai Bí thư … Trà`, `bà Trà, chị ông Quý`) is not whom the
    # sentence's linked or cued titles are about (`… Trà làm Giám đốc Sở`).
    kin = set()
    for k in person_of:
        j = k
        while j > 0 and ents[j - 1].type == "TITLE" and k - j < _MAX_LIST and \
                _fits(before_name if j == k else between_titles, text[ents[j - 1].end : ents[j].start]):
            j -= 1
        if _kin().search(text, max(0, ents[j].start - 30), ents[j].start, timeout=_patterns.SCAN_TIMEOUT):
            kin.add(k)
    # A list of titles right before a name is that person's (`Chủ tịch nước A, Chủ tịch Quốc hội B`): these
    # are claimed first, so an apposition after the previous name cannot take them.
    for k in person_of:
        j = k - 1
        gap = text[ents[j].end : ents[k].start] if j >= 0 else ""
        if "," in gap and j >= 0 and ents[j].type == "TITLE":
            m = j  # `ông A, Ủy viên …, Bí thư Thành ủy, ông B, …`: the titles are A's apposition
            while m > 0 and j - m < _MAX_LIST and ents[m - 1].type == "TITLE" and \
                    _fits(between_titles, text[ents[m - 1].end : ents[m].start]):
                m -= 1
            if m > 0 and m - 1 in person_of and _fits(between_titles, text[ents[m - 1].end : ents[m].start]):
                continue
        if j >= 0 and ents[j].type == "TITLE" and _fits(before_name, gap):
            while j >= 0 and ents[j].type == "TITLE" and j not in linked:
                if j < k - 1 and j - 1 in person_of and text[ents[j - 1].end : ents[j].start].strip() in (",", "-") \
                        and not (j > 1 and ents[j - 2].type == "TITLE" and
                                 _fits(before_name, text[ents[j - 2].end : ents[j - 1].start])):
                    break  # `ông A, Chủ tịch X, Thứ trưởng B`: X is A's; not in `Thủ tướng A, Chủ tịch X, Bí thư Y B`
                attach(person_of[k], j)
                gap = text[ents[j - 1].end : ents[j].start] if j else ""
                if not j or ";" in gap or not _fits(between_titles, gap):
                    break  # `A - Phó Chủ tịch Quốc hội; Bộ trưởng … B`: a semicolon ends a person
                j -= 1
    # A plural title before a colon or `gồm` is every listed person's (`Các ủy viên Trung ương Đảng: A - …; B …`).
    for k in titles:
        e = ents[k]
        if k in linked or not _shared(text, e.start, e.end):
            continue
        for j in range(k + 1, min(len(ents), k + _MAX_LIST)):
            if sentence[j] != sentence[k]:
                break
            if j in person_of and k not in person_of[j]["titles"]:
                person_of[j]["titles"].append(k)
                linked.add(k)
    # Titles in apposition after a name (`A, Tỉnh ủy viên, PBTTT Thành ủy`).
    for k in person_of:
        e = ents[k]
        j = k + 1
        while j < len(ents) and ents[j].type == "TITLE" and j not in linked and \
                _fits(between_titles, text[ents[j - 1].end : ents[j].start]):
            if j == k + 1 and not any(c in text[e.end : ents[j].start] for c in ",(-") and \
                    (k in kin or not _fits(before_name, text[e.end : ents[j].start])):
                break
            attach(person_of[k], j)
            j += 1
    # A title left over belongs to someone only when the text says so. A list of titles after a cue (`ông Trí
    # là …`, `từng giữ các chức vụ A, B, C`, `miễn nhiệm chức vụ … đối với ông …`) goes to the person named in
    # the same sentence (before it, else after it), else to the person the text last named (`Ông là …`).
    runs: list[list[int]] = []
    for k in titles:
        if k in linked:
            continue
        if runs and runs[-1][-1] == k - 1 and _fits(between_titles, text[ents[k - 1].end : ents[k].start]):
            runs[-1].append(k)
        else:
            runs.append([k])
    late = []
    prev = -_MAX_LIST  # the last title of the last cued run
    for run in runs:
        first, last = run[0], run[-1]
        opening = start_of(first)
        listed = first - prev < _MAX_LIST and sentence[prev] == sentence[first] and \
            ";" in text[ents[prev].end : ents[first].start] and \
            not any(j in person_of for j in range(prev + 1, first))  # `là A khóa X; B khóa Y; C`: one list
        if not (listed or _cued(text, ents[first].start, opening)):
            continue
        prev = last
        before = [j for j in range(first - 1, max(-1, first - _MAX_LIST), -1) if sentence[j] == sentence[first]]
        after = [j for j in range(last + 1, min(len(ents), last + _MAX_LIST)) if sentence[j] == sentence[last]]
        at = next((j for j in [*before, *after] if j in person_of and j not in kin), None)
        if at is None:
            late.append(run)
            continue
        owners = [person_of[at]]
        while len(owners) < _MAX_LIST:  # `Ông A và ông B được phê chuẩn làm Thẩm phán`: both
            lead = at - 1 if at > 1 and ents[at - 1].type == "TITLE" and \
                _fits(before_name, text[ents[at - 1].end : ents[at].start]) else at  # `Thứ trưởng A và Thứ trưởng B`
            if not (lead > 0 and lead - 1 in person_of and _fits(_and(), text[ents[lead - 1].end : ents[lead].start])):
                break
            at = lead - 1
            owners.append(person_of[at])
        for k in run:
            attach(owners[0], k)
            for other in owners[1:]:
                if k not in other["titles"]:
                    other["titles"].append(k)
    # A degree left over (`Ông Dũng có trình độ …, Tiến sĩ kỹ thuật`) is the person's named before it in the
    # sentence.
    for run in runs:
        k = run[0]
        if k in linked or _title_key(text, ents[k]) not in _degrees():
            continue
        owner = next((person_of[j] for j in range(k - 1, max(-1, k - _MAX_LIST), -1)
                      if sentence[j] == sentence[k] and j in person_of), None)
        opening = start_of(k)
        if owner is None and _cues()[1].match(text, opening, ents[k].start, timeout=_patterns.SCAN_TIMEOUT):
            n = bisect.bisect_left(named, k)  # `Ông sinh năm 1960, có trình độ tiến sĩ`: the person last named
            owner = person_of[named[n - 1]] if n else None
        for k in run if owner else ():
            attach(owner, k)
    # A title used as a name for its holder (`…, Bộ trưởng Bộ Y tế bày tỏ`) is the one person already given
    # that office.
    exact: dict[str, dict[int, dict]] = {}  # a title's words → who holds it
    wider: dict[str, dict[int, dict]] = {}  # the first words of a title → who holds it
    ending: dict[tuple[str, str], dict[int, dict]] = {}  # a title's head and last words → who holds it
    for person in people:
        for k in person["titles"]:
            words = _office_key(text, ents[k])
            exact.setdefault(" ".join(words), {})[id(person)] = person
            for n in range(1, len(words)):
                wider.setdefault(" ".join(words[:n]), {})[id(person)] = person
            head = _head(words)
            for n in range(head, len(words) if head else 0):
                for tail in {" ".join(words[n:]), _loose(words[n:])}:
                    ending.setdefault((" ".join(words[:head]), tail), {})[id(person)] = person
    for k in titles:
        if k in linked or _many(text, ents[k].start):
            continue  # `6 phó giám đốc sở` are many, not the one holder
        words = _office_key(text, ents[k])
        owners = exact.get(" ".join(words)) or wider.get(" ".join(words), {})  # `Bí thư` for `Bí thư Tỉnh ủy …`
        if not owners:  # a wider form of an office with its body or place (`Bí thư thị trấn Kỳ Sơn` for `Bí thư
            owners = {}  # thị trấn`), never of a bare head: `Thủ tướng Nhật Bản` is not the `Thủ tướng` named
            for n in range(1, len(words)):
                if " ".join(words[:n]) not in _bare_titles():
                    owners.update(exact.get(" ".join(words[:n]), {}))
        head = _head(words)
        if not owners and 0 < head < len(words):  # an office by its head and last words: `Chủ tịch Hà Nội` for
            owners = ending.get((" ".join(words[:head]), " ".join(words[head:])), {})  # `Chủ tịch UBND thành phố
            for n in range(head + 1, len(words)) if not owners else ():  # Hà Nội`; `Bộ trưởng Bộ Y tế` for
                owners = exact.get(" ".join(words[:head] + words[n:]), {})  # `Bộ trưởng Y tế`
                if owners:
                    break
        if len(owners) == 1:
            attach(next(iter(owners.values())), k)
    # A cued title with nobody in its sentence continues about the person last named (`Ông là Ủy viên …`).
    for run in late:
        n = bisect.bisect_left(named, run[0])
        for k in run if n else ():
            attach(person_of[named[n - 1]], k)

    orgs.sort(key=lambda o: o.start)
    org_starts = [o.start for o in orgs]
    out = []
    for person in people:
        links = []
        for k in sorted(person["titles"]):
            t = ents[k]
            n = bisect.bisect_left(org_starts, t.start)  # the first body inside the title: `Thành ủy` of `PBTTT Thành ủy`
            inner = next((o for o in orgs[n : n + _MAX_LIST] if o.start < t.end and o.end <= t.end), None)
            org = text[inner.start : inner.end] if inner else None
            links.append(TitleLink(t.start, t.end, t.expansion, org))
        out.append(Found(person["name"], person["mentions"], links))
    return out
