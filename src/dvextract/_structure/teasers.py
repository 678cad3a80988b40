"""Other stories' teasers, never mined: the related story's headline or lead before a site's end notice
(``… Bấm xem >>``, a lead cut short), a list of related headlines under its header (``Tin liên quan …``), links
glued into the text (``>> …``, ``[…]``), another story's headline after a label (``Xem thêm: …``) and a label left
alone closing the text."""

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


_LIST_REACH = 400  # characters a list of related stories closing the text runs, at most


def cut_related_list(text: str, lines: list[Range], result: Structure) -> None:
    """The headlines of related stories under a header (``… | 11:02 06/02/2017 Tin liên quan Xấu hổ và nhục nhã,
    Leicester có thể xuống hạng Ranieri thừa nhận …``: ``boilerplate`` rows ``list``) closing the text: a
    teaser block from the header to the end."""
    if not lines:
        return
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


# A site's tag in brackets before the related story's teaser: "(Tin thể thao, tin tennis) Alcaraz vô địch …",
# "(Tứ kết) Atletico Madrid …", "(3h, 4/2, bán kết lượt về) Arsenal …".
_CATEGORY_TAG = _patterns.compile(r"\([^()\n]{1,40}\)")
_TAG_REACH = 50


def cut_end_teaser(text: str, lines: list[Range], cut: int, result: Structure) -> None:
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
