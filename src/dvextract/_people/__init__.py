"""Linking: each distinct person once, with every title the article attaches to them.

Contract with the pipeline: ``link_people(text, entities)`` takes the working text and the entity mentions
found in it and returns one :class:`Found` per distinct person.

Mentions of one person (:mod:`.state`): a full name, the same name with its middle names in another order
(``Vương Hoàng Đức Quân``/``Vương Đức Hoàng Quân``), and its given name alone (``ông Hải`` → ``Nguyễn Tiến
Hải``): after the full name, the last person named so; before it, the one person named so. Titles attach by the
rules of :mod:`.rules`, in this order of precedence:

1. a list of titles right before a name (``Chủ tịch nước A, Chủ tịch Quốc hội B``: the second is B's; ``Chủ tịch
   UBND tỉnh, ông B``; ``TS. Lê Văn Út``), but not a title in apposition after an untitled name (``ông A, Chủ tịch
   X, Thứ trưởng B``: X is A's), nor, before a comma, the office a title serves (``Người phát ngôn của Thủ tướng,
   ông Seibert``: the spokesman's); a bare ``và`` shares them with the next name (``nguyên Tổng Bí thư Nông Đức
   Mạnh và Lê Khả Khiêu``) (:func:`~.rules.link_title_before_name`);
2. a plural or counted title before a colon or a list word, to every person listed after it (``Các ủy viên Trung
   ương Đảng: A; B``, ``2 nguyên phó giám đốc sở này gồm ông A và ông B``) (:func:`~.rules.link_shared_title`);
3. titles in apposition after a name (``Trần Thị Hồng Thanh, Tỉnh ủy viên, PBTTT Thành ủy``), terms between
   them included (``Ủy viên Trung ương Đảng khóa XI, XII, …``) (:func:`~.rules.link_apposition`);
4. a list of titles after a cue (``ông Trí hiện giữ chức …``, ``từng giữ các chức vụ A, B``), and the items a
   semicolon or a career cue earlier in the sentence adds to it (``ông Đạo từng kinh qua các nhiệm vụ: A; B``),
   to the person named in that sentence, and to each person joined to them by ``và`` (``Thứ trưởng A và Thứ
   trưởng B bị cách chức …``); a relative named in apposition (``ông Quý, em trai Bí thư … Trà làm …``, ``bà Trà,
   chị ông Quý, …``), nor a person named in brackets (``Ông Trung (gọi ông Hùng bằng cậu) là …``), is not whom
   such a sentence is about (:func:`~.rules.link_cued_title`);
5. a degree (``Tiến sĩ``, ``thạc sỹ``) to the person named before it in its sentence, or, in a sentence that
   opens with ``Ông``/``Bà`` and no name (``Ông sinh năm 1960, có trình độ tiến sĩ``), to the person last named;
   a degree being studied (``cử đi học thạc sỹ``) is nobody's (:func:`~.rules.link_degree`);
6. a title used as a name (``…, Bộ trưởng Bộ Y tế bày tỏ``) to the one person already given that office, a
   wider form of it with its body or place (never a bare head: ``Thủ tướng Nhật Bản`` is not the ``Thủ tướng``
   already named, nor another country's: ``Bộ trưởng Ngoại giao New Zealand``), or its head and last words
   (``Chủ tịch Hà Nội`` for ``Chủ tịch UBND thành phố Hà Nội``), abbreviations written out (``Sở TN-MT`` for
   ``Sở Tài nguyên & Môi trường``); never a plural or counted title (``6 phó giám đốc sở``, ``một phó tổng
   thống``) (:func:`~.rules.link_title_as_name`);
7. a cued title with nobody in its sentence to the person last named (``Ông là Ủy viên …``)
   (:func:`~.rules.link_late_mention`).

A title with none of these (``theo chỉ đạo của Thủ tướng Chính phủ``) is nobody's. The words involved are data
(read by :mod:`.cues` and :mod:`.offices`): ``title_links.tsv``, ``honorifics.tsv``, ``title_cues.tsv``,
``title_plurals.tsv``, ``title_pronouns.tsv``, ``title_studies.tsv``, ``person_joins.tsv``, ``person_kin.tsv``,
``deictics.tsv``, ``date_terms.tsv`` and the ``kind`` and parts of ``titles.tsv``/``title_parts.tsv``.
Every lookup around a title is bounded, so linking stays linear in the number of mentions.
"""

from __future__ import annotations

import bisect
from typing import NamedTuple

from .._entities import Found as Entity
from .cues import MAX_LIST
from .rules import RULES
from .state import Linking, start_linking

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


def link_people(text: str, entities: list[Entity]) -> list[Found]:
    """Group PERSON mentions into people and attach their titles, rule by rule (:data:`~.rules.RULES`)."""
    state = start_linking(text, entities)
    for rule in RULES:
        rule(state)
    return _people_found(state, sorted((e for e in entities if e.type == "ORGANIZATION"), key=lambda o: o.start))


def _people_found(st: Linking, orgs: list[Entity]) -> list[Found]:
    """Each person with their titles in text order, and the first body inside each title (`Thành ủy` of `PBTTT
    Thành ủy`)."""
    org_starts = [o.start for o in orgs]
    out = []
    for person in st.people:
        links = []
        for k in sorted(person.titles):
            t = st.ents[k]
            n = bisect.bisect_left(org_starts, t.start)
            inner = next((o for o in orgs[n : n + MAX_LIST] if o.start < t.end and o.end <= t.end), None)
            links.append(TitleLink(t.start, t.end, t.expansion, st.text[inner.start : inner.end] if inner else None))
        out.append(Found(person.name, person.mentions, links))
    return out
