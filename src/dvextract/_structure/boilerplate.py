"""What is not the article's own running text and is never mined: site notices at either end, the teasers
of other stories (``>> …``, ``[…]``, ``Bấm xem >>``, a lead before a site's end notice) and tables of
results or prices flattened into the text."""

from __future__ import annotations

from functools import cache

import regex

from .. import _patterns
from .lexicon import label_pattern, openers, site_phrases
from .record import Range, Structure
from .text import sentence_start, strip_range, word_count, word_pairs

_TEASER_REACH = 160  # a teaser cut short ("…phù...") is the site's ~150 characters
_SENTENCE_OPENING = _patterns.compile(r"(?<=[.!?…”\":)][ ])[\p{Lu}\p{N}“\"]")
_DATELINE = _patterns.compile(r"[\p{Lu}][\p{Lu}\p{N} .]{0,25}[ ][-–][ ]")  # "TRUNG QUỐC - ", "TP HCM - "


_TEASER_NEW_PAIRS = 0.75  # of a last sentence's word pairs, the share the article above never wrote, at least
_TEASER_LEAD_WORDS = 10
_CLOSES_TEXT = frozenset(".!?…\"”)'")


def _end_teaser(text: str, start: int, end: int) -> int | None:
    """Where the related story's teaser before a site's end notice starts: a lead cut short (``...``), or a
    last sentence that opens with another story's dateline (``TP HCM - Hòa Minzy …``), ends on no stop (a
    headline: ``Một số tài khoản … đã bị xử lý``), or tells another story
    (ten words or more, three quarters of its word pairs new to the article: ``Chỉ vì mâu thuẫn, người chị … ở
    Cà Mau.``)."""
    if text.endswith(("...", "…"), start, end):
        m = _SENTENCE_OPENING.search(text, max(start, end - _TEASER_REACH), end)
        return m.start() if m else None
    last = sentence_start(text, start, end - 1)
    if _DATELINE.match(text, last, end):
        return last
    pairs = word_pairs(text, last, end)
    if len(pairs) < _TEASER_LEAD_WORDS - 1:  # a story's lead is a full sentence
        return None
    if text[end - 1] not in _CLOSES_TEXT and ":" not in text[last:end]:
        return last  # running text ends on a stop; a headline (not a contact line, "Hotline: …") on none
    new = pairs - word_pairs(text, 0, last)
    return last if len(new) >= _TEASER_NEW_PAIRS * len(pairs) else None


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


_LIST_REACH = 400  # characters a list of related stories closing the text runs, at most


def _cut_related_list(text: str, lines: list[Range], result: Structure) -> None:
    """The headlines of related stories under a header (``… | 11:02 06/02/2017 Tin liên quan Xấu hổ và nhục nhã,
    Leicester có thể xuống hạng Ranieri thừa nhận …``: ``boilerplate`` rows ``list``) closing the text: a
    teaser block from the header to the end."""
    s, e = lines[-1]
    for phrase in site_phrases("list"):
        at = text.rfind(phrase, max(s, e - _LIST_REACH), e)
        after = at + len(phrase)
        if at != -1 and (at == s or text[at - 1].isspace()) and text[after : after + 1] == " " \
                and text[after + 1 : after + 2].isupper():
            result.boilerplate.append((at, e))
            result.teasers.append((at, e))
            lines[-1] = strip_range(text, s, at)
            if lines[-1][1] <= lines[-1][0]:
                lines.pop()
            return


def cut_trailing_notices(text: str, lines: list[Range], result: Structure) -> None:
    """Trailing site notices ("Nguồn: [Link nguồn]") at the very end, the teaser of another story before
    the notices that announce one, and a list of related stories closing the text."""
    _cut_related_list(text, lines, result)
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
            _cut_end_teaser(text, lines, cut, result)


# A site's tag in brackets before the related story's teaser: "(Tin thể thao, tin tennis) Alcaraz vô địch …",
# "(Tứ kết) Atletico Madrid …", "(3h, 4/2, bán kết lượt về) Arsenal …".
_CATEGORY_TAG = _patterns.compile(r"\([^()\n]{1,40}\)")
_TAG_REACH = 50


def _cut_end_teaser(text: str, lines: list[Range], cut: int, result: Structure) -> None:
    """The related story's teaser closing the last line before the notice that announces one (:func:`_end_teaser`),
    and the site's category tag before it (site furniture)."""
    s = lines[-1][0]
    teaser = _end_teaser(text, s, cut)
    if teaser is None:
        return
    tag = _CATEGORY_TAG.match(text, teaser, cut)
    if tag is None:
        before = [m for m in _patterns.finditer(_CATEGORY_TAG, text, max(s, teaser - _TAG_REACH), teaser)
                  if not text[m.end() : teaser].strip()]
        tag = before[-1] if before else None
    if tag is not None:
        teaser = strip_range(text, tag.end(), cut)[0]
    result.boilerplate.append(strip_range(text, teaser, cut))
    result.teasers.append(result.boilerplate[-1])
    if tag is not None:
        result.boilerplate.append(tag.span())
        teaser = tag.start()
    lines[-1] = strip_range(text, s, teaser)
    if lines[-1][1] <= lines[-1][0]:
        lines.pop()


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


def cut_trailing_label(text: str, blocks: list[Range], result: Structure) -> None:
    """A teaser's label left alone closing the last block once a byline glued after it is cut (``… mẹ ơi".
    Xem thêm: Mai Thu - Thanh Lam``): site furniture."""
    if not blocks:
        return
    s, e = blocks[-1]
    m = label_pattern(alone=True).search(text, s, e)
    if m is None:
        return
    result.boilerplate.append(strip_range(text, m.start(), e))
    blocks[-1] = strip_range(text, s, m.start())
    if blocks[-1][1] <= blocks[-1][0]:
        blocks.pop()


# Another story's headline glued into the body as a link: after ">>" (``>> Xem thêm: …``) up to the next ">>", a
# double space (a line break the flattening left) or the end; in square brackets (``[Nguyên thủ Nga-Trung Quốc
# gặp gỡ trước thềm G-20]``) between two sentences; and the headline and lead a link marker closes (``… Siêu cúp
# châu Âu. Bấm xem >>``).
_LINK_TEASER = _patterns.compile(
    r"(?<![^\s])=?>>+[ ]*(?=\S)(?:(?!>>|[ ]{2}|\n).)+"
    r"|(?<=^|[.!?…\"”:][ ]{1,3})\[[ ]?[\p{Lu}\p{N}](?:[^\[\]\n]){10,200}\](?=[ ]|$)"
    r"|(?:Bấm[ ]|Click[ ])?[Xx]em(?:[ ]ngay|[ ]thêm|[ ]tiếp)?[ ]?>>+", regex.MULTILINE)


def split_teasers(text: str, start: int, end: int) -> list[tuple[Range, bool]]:
    """Cut a piece of running text around the teasers of other stories glued into it (True for a teaser): links
    (:data:`_LINK_TEASER`) and headlines after a label (:func:`_label_teasers`)."""
    found = [(lo, hi, False) for lo, hi in _label_teasers(text, start, end)]
    if ">>" in text[start:end] or "[" in text[start:end]:  # a cheap look first
        found += [(m.start(), m.end(), not m.group().startswith((">", "=", "[")))
                  for m in _patterns.finditer(_LINK_TEASER, text, start, end)]
    pieces: list[tuple[Range, bool]] = []
    cursor = start
    for lo, hi, closes in sorted(found):
        if lo < cursor:
            continue
        if closes:  # "Bấm xem >>": the headline and lead it closes
            lo = sentence_start(text, cursor, sentence_start(text, cursor, lo) - 1)
        pieces += [(strip_range(text, cursor, lo), False), (strip_range(text, lo, hi), True)]
        cursor = hi
    pieces.append((strip_range(text, cursor, end), False))
    return [(p, t) for p, t in pieces if p[1] > p[0]]


_HEADLINE_REACH = 200  # characters a headline after a label runs, at most
_HEADLINE_MIN_WORDS = 3  # words before a sentence opener may end a headline
_HEADLINE_MAX_WORDS = 20  # words of a headline at most: longer, it ran on into the text


@cache
def _headline_end_pattern() -> regex.Pattern[str]:
    """Where a headline glued after a label ends: a line break the flattening left (two spaces), a link marker,
    a final stop before a new sentence, a closing quote before a capitalized word (``NÓNG: Văn Quyến tiếp tục
    được "cưu mang" Bản thân Công Vinh …``), a list's next number (``… không phải nghĩ 9. Thuyền …``), or a
    word that opens sentences and never names, before a lowercase word; one that also opens names (``Từ``:
    ``Từ Sơn``) only after a lowercase word (``… trong dạ dày Từ trường hợp trên …``)."""
    return _patterns.compile(r"[ ]{2}|\n|>>|(?<=[.!?…])(?=[ ]+[\p{Lu}\p{N}“\"]|$)"
                             r"|(?<=\p{L}[”\"])(?=[ ][\p{Lu}])|(?<=\p{Ll}[ ])(?=\d{1,2}\.[ ])"
                             r"|(?<=[\p{L}\p{N}”\"')%][ ])(?=(?:\L<opener>)[ ][\p{Ll}\p{N}])"
                             r"|(?<=(?<!\S)[\p{Ll}\p{N}]\S*[ ])(?=(?:\L<name>)[ ][\p{Ll}\p{N}])",
                             opener=sorted(openers("never")), name=sorted(openers() - openers("never")))


def _label_teasers(text: str, start: int, end: int) -> list[Range]:
    """Another story's headline after a label (``Xem thêm: Tiếp viên bất lực khi khách xem phim trên máy bay``),
    with the label: up to where the headline ends (:func:`_headline_end_pattern`), or the end of the piece
    when that is near; none when neither is found (running text is not cut on a guess)."""
    found: list[Range] = []
    for m in _patterns.finditer(label_pattern(), text, start, end):
        reach = min(end, m.end() + _HEADLINE_REACH)
        stop = None
        for b in _patterns.finditer(_headline_end_pattern(), text, m.end(), reach):
            if b.group().strip() or word_count(text[m.end() : b.start()]) >= _HEADLINE_MIN_WORDS:
                stop = b.start()
                break
        if stop is None and reach == end:
            stop = end
        if stop is not None and 2 <= word_count(text[m.end() : stop]) <= _HEADLINE_MAX_WORDS:
            found.append((m.start(), strip_range(text, m.start(), stop)[1]))
    return found


# A table flattened into the text: ten or more numbers, each followed by at most three words (a name, a club,
# a unit), none of them closing a sentence: "1 Thái Sơn Nam 16 13 2 1 74 28 41 2 Sanatech.KH 16 10 …".
# A number ends on a digit or %, so a list in a sentence ("12, 14, 15") is not one.
_NUMBER = r"(?<!\S)[-+]?\d(?:[\d.,:/%]*[\d%s])?(?=\s|$)"  # 13.650, -140.000.000, +0:03.490, 5%, 0.658s
_TABLE = _patterns.compile(rf"(?:{_NUMBER}(?:\s+(?:(?![-+]?\d)\S+(?<![.!?:;,])\s+){{0,3}}+)?+){{10,}}+")
_NUMBER_PAIR = _patterns.compile(r"\d[ ][-+]?\d")  # two numbers side by side: every table has them
_TABLE_HEADER_WORDS = 8  # words between a sentence's start and the table that are the table's header


def split_tables(text: str, start: int, end: int) -> list[tuple[Range, bool]]:
    """Cut a line around the tables of results or prices glued into it (each piece with True for a table):
    rows of numbers (:data:`_TABLE`) and a widget's table its legend closes (:func:`_legend_tables`)."""
    found = _legend_tables(text, start, end)
    if _NUMBER_PAIR.search(text, start, end, timeout=_patterns.SCAN_TIMEOUT):  # a cheap look first
        floor = start  # a table's header starts after the table before it
        for m in _patterns.finditer(_TABLE, text, start, end):
            table_start = sentence_start(text, floor, m.start())
            if word_count(text[table_start : m.start()]) > _TABLE_HEADER_WORDS:
                table_start = m.start()
            floor = _last_number_end(text, m.start(), m.end())
            found.append((table_start, floor))
    pieces: list[tuple[Range, bool]] = []
    cursor = start
    for lo, hi in sorted(found):
        if hi <= cursor:
            continue
        lo = max(lo, cursor)
        pieces += [(strip_range(text, cursor, lo), False), (strip_range(text, lo, hi), True)]
        cursor = hi
    pieces.append((strip_range(text, cursor, end), False))
    return [(p, t) for p, t in pieces if p[1] > p[0]]


def _legend_tables(text: str, start: int, end: int) -> list[Range]:
    """A widget's table of players and their marks, closed by its legend (``… Điểm Kepa7.2 Timber6.9 … Đỏ: Cầu
    thủ xuất sắc nhất trận Đen: Cầu thủ tệ nhất trận``: ``boilerplate`` rows ``legend``): from the start of the
    sentence the legend ends (a header, ``League Cup | 3h, 4/2 | SVĐ Emirates``) to the legend's end."""
    found = []
    for phrase in site_phrases("legend"):
        at = text.find(phrase, start, end)
        while at != -1:
            found.append((sentence_start(text, start, at), at + len(phrase)))
            at = text.find(phrase, at + len(phrase), end)
    return found


_LAST_NUMBER = _patterns.compile(rf"(?r){_NUMBER}")


def _last_number_end(text: str, start: int, end: int) -> int:
    m = _LAST_NUMBER.search(text, start, end)
    return m.end() if m else end
