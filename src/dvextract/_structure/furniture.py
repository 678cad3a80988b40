"""The site's furniture, never mined: notices at either end of the text (``Lưu bài viết thành công``,
``Nguồn: [Link nguồn]``), a notice to readers with the paper's e-mail address, a bracketed notice the site puts
under every such article, and what a site glues between sentences: a widget's buttons, a starred notice, a
promotion."""

from __future__ import annotations

from functools import cache

import regex

from .. import _patterns
from .lexicon import site_phrases
from .record import Range, Structure
from .teasers import cut_end_teaser, cut_related_list
from .text import sentence_start, strip_range, word_count


def cut_leading_notices(text: str, lines: list[Range], result: Structure) -> None:
    """Leading site notices ("Lưu bài viết thành công …") at the very start of the text."""
    s, e = lines[0]
    cut = s
    changed = True
    while changed:
        changed = False
        for phrase in site_phrases("start"):
            if text.startswith(phrase, cut):
                cut = strip_range(text, cut + len(phrase), e)[0]
                changed = True
    if cut > s:
        result.boilerplate.append(strip_range(text, s, cut))
        lines[0] = (cut, e)
        if cut >= e:
            lines.pop(0)


def cut_trailing_notices(text: str, lines: list[Range], result: Structure) -> None:
    """Trailing site notices ("Nguồn: [Link nguồn]") at the very end, the teaser of another story before
    the notices that announce one, and a list of related stories closing the text."""
    cut_related_list(text, lines, result)
    if not lines:
        return
    s, e = lines[-1]
    cut = e
    changed = True
    while changed:
        changed = False
        for phrase in site_phrases("end"):
            if text.endswith(phrase, s, cut):
                cut = strip_range(text, s, cut - len(phrase))[1]
                changed = True
    if cut < e:
        result.boilerplate.append(strip_range(text, cut, e))
        lines[-1] = (s, cut)
        if cut <= s:
            lines.pop()
        elif any(text.endswith(p, s, e) for p in site_phrases("end", teaser=True)):
            cut_end_teaser(text, lines, cut, result)


_EMAIL = _patterns.compile(r"[\p{L}\p{N}._+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+")
_NOTICE_REACH = 400  # characters before the end the reader's notice's e-mail address stands in, at most
_NOTICE_WORDS = 8  # a notice is a sentence: a contact line ("Email: x@y.vn") is shorter


def _notice_start(text: str, start: int, end: int) -> int | None:
    """Where the notice to readers closing ``[start, end)`` starts: the sentence that gives the paper's e-mail
    address (``* Mọi ý kiến đóng góp về giáo dục, độc giả gửi tin, bài về hộp thư: giaoduc@dantri.com.vn. Trân
    trọng cám ơn!``; ``Quý độc giả có thể gửi những ý kiến … qua … hòm thư tamsu@nguoiduatin.vn. Chúng tôi đón
    nhận …``), running to the end."""
    reach = max(start, end - _NOTICE_REACH)
    if "@" not in text[reach:end]:  # a cheap look first
        return None
    m = _EMAIL.search(text, reach, end)
    if m is None:
        return None
    at = sentence_start(text, start, m.start())
    return at if word_count(text[at:end]) >= _NOTICE_WORDS else None


def cut_notice_line(text: str, lines: list[Range], result: Structure) -> None:
    """The last line when it is a notice to readers as a whole (under the byline: dantri's ``* Mọi ý kiến …``)."""
    if lines and _notice_start(text, *lines[-1]) == lines[-1][0]:
        result.boilerplate.append(lines.pop())


_CLOSING_BRACKETS = _patterns.compile(r"\((?P<inside>[^()\n]{20,600})\)\.?$")


def cut_bracketed_notice(text: str, lines: list[Range], result: Structure) -> None:
    """A bracketed notice closing the text that says what the site says under every such article (``(Thông tin
    trong bài viết chỉ mang tính chất tham khảo. Trước khi sử dụng …)``: ``boilerplate`` rows ``bracketed``)."""
    if not lines or not text.endswith((")", ")."), *lines[-1]):
        return
    s, e = lines[-1]
    m = _CLOSING_BRACKETS.search(text, max(s, e - 610), e)
    if m is None or not any(phrase in m.group("inside") for phrase in site_phrases("bracketed")):
        return
    result.boilerplate.append((m.start(), e))
    lines[-1] = strip_range(text, s, m.start())
    if lines[-1][1] <= lines[-1][0]:
        lines.pop()


def cut_buttons(text: str, lines: list[Range], result: Structure) -> None:
    """A widget's labels glued between sentences (a quiz's buttons: ``… về Lukaku. Làm lại quiz Q.D Q.D``, a
    comment box's ``Bình luận trên FaceBook``: ``boilerplate`` rows ``button``), a starred notice (``* Thông
    tin trong bài chỉ mang tính tham khảo``: rows ``starred``) and a promotion (rows ``promotion``), each line
    cut around them, so that what follows the last one is a line of its own (a byline, a teaser)."""
    out: list[Range] = []
    for s, e in lines:
        cursor = s
        for at, length in sorted(_buttons(text, s, e) + _starred_notices(text, s, e) + _promotions(text, s, e)):
            if at >= cursor:
                out.append(strip_range(text, cursor, at))
                result.boilerplate.append((at, at + length))
                cursor = at + length
        out.append(strip_range(text, cursor, e))
    lines[:] = [(s, e) for s, e in out if e > s]


def _stands_alone(text: str, at: int, after: int, start: int, end: int) -> bool:
    """``[at, after)`` stands between sentences: after a space or the line's start, before a capitalized word or
    the line's end."""
    return (at == start or text[at - 1] == " ") and (after == end or (
        text[after] == " " and text[after + 1 : after + 2].isupper()))


def _buttons(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The button labels in ``[start, end)`` standing alone (:func:`_stands_alone`): where, how long."""
    found = []
    for phrase in site_phrases("button"):
        at = text.find(phrase, start, end)
        while at != -1:
            after = at + len(phrase)
            if _stands_alone(text, at, after, start, end):
                found.append((at, len(phrase)))
            at = text.find(phrase, after, end)
    return sorted(found)


@cache
def _promotion_pattern() -> regex.Pattern[str]:
    """A site's promotion glued between sentences: the match it is about, its call (``boilerplate`` rows
    ``promotion``) and its offer up to the exclamation marks (``Liverpool - Man City 08.02 Dự đoán tỷ số trận
    đấu.Cơ hội trúng ngay 500.000 đồng!!!``). The match only where a name cannot run on into it from the text
    before (a line's start, after a stop or a lowercase word): after a capitalized word or a comma (``… Thịnh
    Phát Liverpool - Man City 08.02``, ``… Rashford, Lewandowski Liverpool - …``) it is left in, not the
    running text's last word cut with it. The call with no offer only standing alone: a sentence that opens
    with it (``Dự đoán tỷ số trận đấu giữa …``) is the article's."""
    team = r"[\p{Lu}][\p{L}]*(?:[ ][\p{Lu}][\p{L}]*)?"  # a team of one or two words
    free = r"(?<=^|\n|[.!?…\"”):][ ]{1,3}|(?<!\S)[\p{Ll}\p{N}]\S*[ ])"  # no name can run on into the team
    return _patterns.compile(rf"(?:{free}{team}[ ][-–][ ]{team}[ ]\d{{1,2}}[./]\d{{1,2}}[ ])?(?:\L<call>)"
                             r"(?:\.?[ ]?[^!?\n]{0,60}!+|(?=[ ]\p{Lu}|[ ]?$))", call=list(site_phrases("promotion")))


def _promotions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The site's promotions in ``[start, end)`` (:func:`_promotion_pattern`): where, how long."""
    if not site_phrases("promotion"):
        return []
    return [(m.start(), m.end() - m.start()) for m in _patterns.finditer(_promotion_pattern(), text, start, end)]


_STARRED_REACH = 80  # characters from a notice's "*" to its phrase, at most


def _starred_notices(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The notices opened by ``*`` that say what the site says under every such article (``* Thông tin trong bài
    chỉ mang tính tham khảo.``), standing alone, with their final stop: where, how long."""
    found = []
    at = text.find("*", start, end)
    while at != -1:
        reach = min(end, at + _STARRED_REACH)
        for phrase in site_phrases("starred"):
            k = text.find(phrase, at, reach)
            if k == -1 or any(c in text[at + 1 : k] for c in ".!?*"):
                continue
            after = k + len(phrase)
            after += text.startswith((".", "!"), after)
            if _stands_alone(text, at, after, start, end):
                found.append((at, after - at))
                break
        at = text.find("*", at + 1, end)
    return found


def cut_reader_notice(text: str, blocks: list[Range], result: Structure) -> None:
    """A notice to readers closing the last block (before a byline glued after it): site furniture."""
    if not blocks:
        return
    s, e = blocks[-1]
    start = _notice_start(text, s, e)
    if start is None or start == s:
        return
    result.boilerplate.append(strip_range(text, start, e))
    blocks[-1] = strip_range(text, s, start)
