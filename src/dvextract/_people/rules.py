"""The linking rules, one function each, in the order :func:`~dvextract._people.link_people` applies them. A
title taken by an earlier rule is not offered to a later one (:meth:`Linking.attach`)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from .. import _patterns
from .._entities.lexicon import grammar_words
from .cues import (
    MAX_LIST,
    before_name,
    between_titles,
    cued,
    fits,
    joined,
    kin,
    many,
    owned_by,
    pronoun,
    relative_predicate,
    relatives_title,
    shared,
    studied,
)
from .offices import bare_titles, countries, degrees, head, loose, office_key, title_key
from .state import Linking, Person

__all__ = ["RULES", "link_apposition", "link_cued_title", "link_degree", "link_late_mention", "link_shared_title",
           "link_title_as_name", "link_title_before_name", "mark_relatives", "unlink_studied_degrees"]


def unlink_studied_degrees(st: Linking) -> None:
    """A degree being studied is nobody's: `được cử đi học thạc sỹ`."""
    st.linked.update(k for k in st.titles if title_key(st.text, st.ents[k]) in degrees()
                     and studied(st.text, st.ents[k].start))


def mark_relatives(st: Linking) -> None:
    """A relative named in apposition (`ông Quý, em trai Bí thư … Trà`, `bà Trà, chị ông Quý`) is not whom the
    sentence's linked or cued titles are about (`… Trà làm Giám đốc Sở`)."""
    for k in st.person_of:
        j = k
        while j > 0 and st.is_title(j - 1) and k - j < MAX_LIST and \
                fits(before_name() if j == k else between_titles(), st.gap(j - 1, j)):
            j -= 1
        start = st.ents[j].start
        if kin().search(st.text, max(0, start - 30), start, timeout=_patterns.SCAN_TIMEOUT):
            st.kin.add(k)


def _apposition_of_previous(st: Linking, k: int) -> bool:
    """The titles right before person k, after a comma, are the apposition of the person before them: `ông A,
    Ủy viên …, Bí thư Thành ủy, ông B, …`."""
    j = k - 1
    if j < 0 or not st.is_title(j) or "," not in st.gap(j, k):
        return False
    m = j
    while m > 0 and j - m < MAX_LIST and st.is_title(m - 1) and fits(between_titles(), st.gap(m - 1, m)):
        m -= 1
    return m > 0 and m - 1 in st.person_of and fits(between_titles(), st.gap(m - 1, m))


def _abbreviated_before(st: Linking, j: int, k: int) -> bool:
    """Title j is an academic abbreviation whose period stands before person k's name (`TS. Lê Văn Út`,
    `PGS.TS. Vinh`): the period is the abbreviation's, not a sentence's end (as after `… đến từ HLV. Michael Owen`)."""
    parts = title_key(st.text, st.ents[j]).replace(".", "-").split("-")
    return st.gap(j, k) == ". " and all(part in degrees() for part in parts)


def link_title_before_name(st: Linking) -> None:
    """Rule 1: a list of titles right before a name is that person's (`Chủ tịch nước A, Chủ tịch Quốc hội B`: the
    second is B's; `Chủ tịch UBND tỉnh, ông B`). These are claimed first, so an apposition after the previous name
    cannot take them; but not a title in apposition after an untitled name (`ông A, Chủ tịch X, Thứ trưởng B`: X
    is A's), and a semicolon ends a person (`A - Phó Chủ tịch Quốc hội; Bộ trưởng … B`); an abbreviation's period
    may stand before the name (`TS. Lê Văn Út`); before a comma, a title whose holder's office it names is skipped
    (`Người phát ngôn của Thủ tướng, ông Seibert`: the spokesman's)."""
    for k in st.person_of:
        j = k - 1
        if j < 0 or _apposition_of_previous(st, k) or not st.is_title(j) or \
                not (fits(before_name(), st.gap(j, k)) or _abbreviated_before(st, j, k)):
            continue
        while j > 0 and "," in st.gap(j, k) and st.is_title(j - 1) and fits(owned_by(), st.gap(j - 1, j)):
            j -= 1  # `Người phát ngôn của Thủ tướng, ông Seibert`: the spokesman is Seibert, not the Prime Minister
            # (but `Phát ngôn viên của Thủ tướng Anh Theresa May`: she is the Prime Minister)
        while j >= 0 and st.is_title(j) and j not in st.linked:
            if j < k - 1 and j - 1 in st.person_of and st.gap(j - 1, j).strip() in (",", "-") \
                    and not (j > 1 and st.is_title(j - 2) and fits(before_name(), st.gap(j - 2, j - 1))):
                break  # `ông A, Chủ tịch X, Thứ trưởng B`: X is A's; not in `Thủ tướng A, Chủ tịch X, Bí thư Y B`
            st.attach(st.person_of[k], j)
            _share_with_next(st, k, j)
            gap = st.gap(j - 1, j) if j else ""
            if not j or ";" in gap or not fits(between_titles(), gap):
                break
            j -= 1


def _share_with_next(st: Linking, k: int, j: int) -> None:
    """Title j before person k is also the next person's when a bare `và` joins them (`nguyên Tổng Bí thư Nông Đức
    Mạnh và Lê Khả Khiêu`, `hai Giáo sư Trần Quốc Vượng và Trần Lâm Biền`); not after an honorific (`Bộ trưởng A
    và ông B`)."""
    m = k + 1
    if m in st.person_of and st.person_of[m] is not st.person_of[k] and \
            st.gap(k, m).strip() in grammar_words("and") and j not in st.person_of[m].titles:
        st.person_of[m].titles.append(j)


def link_shared_title(st: Linking) -> None:
    """Rule 2: a plural or counted title before a colon or a list word is every person listed after it in its
    sentence (`Các ủy viên Trung ương Đảng: A - …; B …`, `2 nguyên phó giám đốc sở này gồm ông A và ông B`)."""
    for k in st.titles:
        e = st.ents[k]
        if k in st.linked or not shared(st.text, e.start, e.end):
            continue
        for j in range(k + 1, min(len(st.ents), k + MAX_LIST)):
            if st.sentence[j] != st.sentence[k]:
                break
            if j in st.person_of and k not in st.person_of[j].titles:
                st.person_of[j].titles.append(k)
                st.linked.add(k)


def link_apposition(st: Linking) -> None:
    """Rule 3: titles in apposition after a name (`Trần Thị Hồng Thanh, Tỉnh ủy viên, PBTTT Thành ủy`), terms
    between them included (`Ủy viên Trung ương Đảng khóa XI, XII, …`); a relative's titles after no comma are not
    theirs."""
    for k in st.person_of:
        e = st.ents[k]
        j = k + 1
        while j < len(st.ents) and st.is_title(j) and j not in st.linked and fits(between_titles(), st.gap(j - 1, j)):
            gap = st.text[e.end : st.ents[j].start]
            if j == k + 1 and not any(c in gap for c in ",(-") and (k in st.kin or not fits(before_name(), gap)):
                break
            st.attach(st.person_of[k], j)
            j += 1


def _title_runs(st: Linking) -> list[list[int]]:
    """The titles still free, grouped into runs that read as one list (`A, B, C`)."""
    runs: list[list[int]] = []
    for k in st.titles:
        if k in st.linked:
            continue
        if runs and runs[-1][-1] == k - 1 and fits(between_titles(), st.gap(k - 1, k)):
            runs[-1].append(k)
        else:
            runs.append([k])
    return runs


def _owners(st: Linking, at: int) -> list[Person]:
    """The person of mention ``at`` and each person joined before them by `và` (`Ông A và ông B được phê chuẩn
    làm Thẩm phán`: both; `Thứ trưởng A và Thứ trưởng B`)."""
    owners = [st.person_of[at]]
    while len(owners) < MAX_LIST:
        lead = at - 1 if at > 1 and st.is_title(at - 1) and fits(before_name(), st.gap(at - 1, at)) else at
        if not (lead > 0 and lead - 1 in st.person_of and fits(joined(), st.gap(lead - 1, lead))):
            break
        at = lead - 1
        owners.append(st.person_of[at])
    return owners


def _bracketed(st: Linking, j: int, first: int) -> bool:
    """Mention j is inside brackets closed before mention first (`Ông Trung (gọi ông Hùng bằng cậu) là …`)."""
    between = st.text[st.ents[j].end : st.ents[first].start]
    return ")" in between and "(" not in between[: between.index(")")]


def _sentence_person(st: Linking, first: int, last: int) -> int | None:
    """The PERSON mention the sentence of titles first..last is about: the nearest before them, else after them;
    never a relative named in apposition unless the titles are the relative's own predicate
    (:func:`_relative_holds`), nor a person named in brackets (`Ông Trung (gọi ông Hùng bằng cậu) là Chủ tịch
    UBND xã`: Trung's)."""
    before = [j for j in range(first - 1, max(-1, first - MAX_LIST), -1) if st.sentence[j] == st.sentence[first]
              and not _bracketed(st, j, first)]
    after = [j for j in range(last + 1, min(len(st.ents), last + MAX_LIST)) if st.sentence[j] == st.sentence[last]]
    return next((j for j in [*before, *after] if j in st.person_of
                 and (j not in st.kin or _relative_holds(st, j, first))), None)


def _relative_holds(st: Linking, j: int, first: int) -> bool:
    """The relative named by mention j is the subject of the copula right before the titles (`ông Quý là em ruột
    của bà Trà hiện nay là Bí thư Tỉnh ủy`: Trà's); after `làm` or a comma they stay the sentence's subject's
    (`ông Quý, em trai Bí thư Trà làm Giám đốc Sở`: Quý's)."""
    return j == first - 1 and fits(relative_predicate(), st.gap(j, first))


def link_cued_title(st: Linking) -> None:
    """Rule 4: a list of titles after a cue (`ông Trí hiện giữ chức …`, `từng giữ các chức vụ A, B`, `miễn nhiệm
    chức vụ … đối với ông …`), and the items a semicolon or a career cue earlier in the sentence adds to it (`ông
    Đạo từng kinh qua các nhiệm vụ: A; B`), go to the person named in that sentence (before it, else after it)
    and to each person joined to them by `và`; a cued list with nobody in its sentence waits for rule 7. A title
    cued for an unnamed relative (`ông Quý có người thân làm Bí thư`) is not the sentence's person's."""
    st.runs = _title_runs(st)
    prev = -MAX_LIST  # the last title of the last cued run
    for run in st.runs:
        first, last = run[0], run[-1]
        listed = first - prev < MAX_LIST and st.sentence[prev] == st.sentence[first] and \
            ";" in st.gap(prev, first) and \
            not any(j in st.person_of for j in range(prev + 1, first))  # `là A khóa X; B khóa Y; C`: one list
        if not (listed or cued(st.text, st.ents[first].start, st.start_of(first))) \
                or relatives_title(st.text, st.ents[first].start):
            continue
        prev = last
        at = _sentence_person(st, first, last)
        if at is None:
            st.late.append(run)
            continue
        owners = _owners(st, at)
        for k in run:
            st.attach(owners[0], k)
            for other in owners[1:]:
                if k not in other.titles:
                    other.titles.append(k)


def link_degree(st: Linking) -> None:
    """Rule 5: a degree left over (`Ông Dũng có trình độ …, Tiến sĩ kỹ thuật`) is the person's named before it in
    its sentence, or, in a sentence that opens with `Ông`/`Bà` and no name (`Ông sinh năm 1960, có trình độ tiến
    sĩ`), the person last named."""
    for run in st.runs:
        k = run[0]
        if k in st.linked or title_key(st.text, st.ents[k]) not in degrees():
            continue
        owner = next((st.person_of[j] for j in range(k - 1, max(-1, k - MAX_LIST), -1)
                      if st.sentence[j] == st.sentence[k] and j in st.person_of), None)
        if owner is None and pronoun().match(st.text, st.start_of(k), st.ents[k].start, timeout=_patterns.SCAN_TIMEOUT):
            n = bisect.bisect_left(st.named, k)
            owner = st.person_of[st.named[n - 1]] if n else None
        if owner:
            for t in run:
                st.attach(owner, t)


@dataclass
class _Offices:
    """Who holds each office already given: by its words, by its first words, and by its head and last words."""

    exact: dict[str, dict[int, Person]] = field(default_factory=dict)
    wider: dict[str, dict[int, Person]] = field(default_factory=dict)
    ending: dict[tuple[str, str], dict[int, Person]] = field(default_factory=dict)


def _offices(st: Linking) -> _Offices:
    offices = _Offices()
    for person in st.people:
        for k in person.titles:
            words = office_key(st.text, st.ents[k])
            offices.exact.setdefault(" ".join(words), {})[id(person)] = person
            for n in range(1, len(words)):
                offices.wider.setdefault(" ".join(words[:n]), {})[id(person)] = person
            first = head(words)
            for n in range(first, len(words) if first else 0):
                for tail in {" ".join(words[n:]), loose(words[n:])}:
                    offices.ending.setdefault((" ".join(words[:first]), tail), {})[id(person)] = person
    return offices


def _holders(offices: _Offices, words: list[str]) -> dict[int, Person]:
    """Who holds the office of a title's words: the same office, a wider form of it (`Bí thư` for `Bí thư Tỉnh ủy
    …`), the office with its body or place (`Bí thư thị trấn Kỳ Sơn` for `Bí thư thị trấn`; never a bare head:
    `Thủ tướng Nhật Bản` is not the `Thủ tướng` named; nor another country's: `Bộ trưởng Ngoại giao New Zealand`),
    or its head and last words (`Chủ tịch Hà Nội` for `Chủ tịch UBND thành phố Hà Nội`; `Bộ trưởng Bộ Y tế` for
    `Bộ trưởng Y tế`)."""
    owners = offices.exact.get(" ".join(words)) or offices.wider.get(" ".join(words), {})
    if not owners:
        owners = {}
        for n in range(1, len(words)):
            if " ".join(words[:n]) not in bare_titles() and " ".join(words[n:]) not in countries():
                owners.update(offices.exact.get(" ".join(words[:n]), {}))
    first = head(words)
    if not owners and 0 < first < len(words):
        owners = offices.ending.get((" ".join(words[:first]), " ".join(words[first:])), {})
        for n in range(first + 1, len(words)) if not owners else ():
            owners = offices.exact.get(" ".join(words[:first] + words[n:]), {})
            if owners:
                break
    return owners


def link_title_as_name(st: Linking) -> None:
    """Rule 6: a title used as a name for its holder (`…, Bộ trưởng Bộ Y tế bày tỏ`) is the one person already given
    that office (:func:`_holders`; abbreviations written out: `Sở TN-MT` for `Sở Tài nguyên & Môi trường`);
    never a plural or counted title (`6 phó giám đốc sở`)."""
    offices = _offices(st)
    for k in st.titles:
        if k in st.linked or many(st.text, st.ents[k].start):
            continue  # `6 phó giám đốc sở` are many, not the one holder
        owners = _holders(offices, office_key(st.text, st.ents[k]))
        if len(owners) == 1:
            st.attach(next(iter(owners.values())), k)


def link_late_mention(st: Linking) -> None:
    """Rule 7: a cued title with nobody in its sentence continues about the person last named (`Ông Dũng phát
    biểu. Ông là Ủy viên …`)."""
    for run in st.late:
        n = bisect.bisect_left(st.named, run[0])
        for k in run if n else ():
            st.attach(st.person_of[st.named[n - 1]], k)


RULES = (unlink_studied_degrees, mark_relatives, link_title_before_name, link_shared_title, link_apposition,
         link_cued_title, link_degree, link_title_as_name, link_late_mention)
"""The rules in the order they apply: an earlier rule's claim on a title wins."""
